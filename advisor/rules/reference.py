"""A plain-Python evaluator of the same parsed rule expressions over the same facts.

It is the test oracle for the compiler and the engine (both must find exactly what this finds)
and the floor for benchmarks. Semantics, as documented in ``docs/rules.md``:

- a comparison that reads an absent value (or divides by zero) is false;
- arithmetic with an absent value is absent;
- ``not`` negates the result of what it applies to; ``and``/``or`` are the usual ones;
- ``x == None`` is true when ``x`` is absent.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from advisor.rules.expr import Arith, BoolOp, Cmp, Const, Field, In, Lit, Missing, Not
from advisor.rules.factschema import BUSINESS_KEY, Fact, Key

_ABSENT = object()


def value(node: Any, env: Mapping[str, Fact]) -> Any:
    if isinstance(node, Lit):
        return node.value
    if isinstance(node, Field):
        fact = env.get(node.ns)
        if fact is None:
            return _ABSENT
        v = fact.get(node.name, _ABSENT)
        return _ABSENT if v is None else v
    if isinstance(node, Arith):
        a = value(node.left, env)
        b = value(node.right, env)
        if a is _ABSENT or b is _ABSENT:
            return _ABSENT
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        if b == 0:
            return _ABSENT
        return a / b
    raise TypeError(node)


def holds(node: Any, env: Mapping[str, Fact]) -> bool:
    """Whether the condition holds for the facts in ``env`` (namespace -> fact)."""
    if isinstance(node, Const):
        return node.value
    if isinstance(node, BoolOp):
        if node.op == "and":
            return all(holds(i, env) for i in node.items)
        return any(holds(i, env) for i in node.items)
    if isinstance(node, Not):
        return not holds(node.item, env)
    if isinstance(node, Missing):
        absent = value(node.field, env) is _ABSENT
        return not absent if node.negated else absent
    if isinstance(node, In):
        v = value(node.left, env)
        if v is _ABSENT:
            return False
        if node.negated:
            return all(v != x for x in node.values)
        return any(v == x for x in node.values)
    if isinstance(node, Cmp):
        a = value(node.left, env)
        b = value(node.right, env)
        if a is _ABSENT or b is _ABSENT:
            return False
        op = node.op
        if op == "==":
            return a == b
        if op == "!=":
            return a != b
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b
    raise TypeError(node)


def matches(rules: Iterable[Any], facts: Mapping[Key, Fact]) -> set[tuple[str, str | None, str | None]]:
    """(rule id, task id, candidate id) of every finding the rules make on these facts."""
    business = facts.get(BUSINESS_KEY)
    tasks = {k[1]: f for k, f in facts.items() if k[0] == "task"}
    out: set[tuple[str, str | None, str | None]] = set()
    rules = list(rules)
    for rule in rules:
        if rule.about == "business":
            if business is not None and holds(rule.expr, {"business": business}):
                out.add((rule.id, None, None))
        elif rule.about == "task":
            for tid, t in tasks.items():
                env = {"task": t}
                if business is not None:
                    env["business"] = business
                if holds(rule.expr, env):
                    out.add((rule.id, tid, None))
        else:
            for k, c in facts.items():
                if k[0] != "candidate":
                    continue
                t = tasks.get(c.get("task"))
                env = {"candidate": c}
                if t is not None:
                    env["task"] = t
                if business is not None:
                    env["business"] = business
                if holds(rule.expr, env):
                    out.add((rule.id, c.get("task"), k[1]))
    return out
