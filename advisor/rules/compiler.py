"""Rule expressions to durable-rules JSON conditions.

A rule becomes one or more durable-rules rules ("branches"). Each has one pattern per fact it
names, in the order business (alias ``b``), task (``t``), candidate (``c``); every pattern starts
with a positive ``_t`` test, a candidate pattern joins its task on ``task == t.key`` (our own key
field: never ``id``/``sid``), the business fact (there is one) is joined only when the rule names
it. Settings were substituted when the expression was parsed.

How the language maps (see ``docs/rules.md``):

- ``and`` inside one fact: ``$and``; ``or`` inside one fact: ``$or`` (never ``any``, which fires
  an extra combined match). An ``or`` whose sides need different facts is split into separate
  branches; the engine keys findings by the facts of the match, so a match found by two
  branches is one finding.
- ``not`` is pushed down to the comparisons (De Morgan). A comparison is true only when every
  value it reads is present, so each comparison carries ``$ex`` guards for its fields and a
  ``!= 0`` guard for every divisor; a negated comparison is "some value missing, or a divisor is
  zero, or the inverted comparison holds".
- A comparison is placed on the pattern of the latest fact it reads; its left side must be a
  field of that fact. When neither side is (``task.budget / task.hours < 10``), it is rewritten
  as ``0 < 10 - task.budget / task.hours`` against the constant field ``_z`` that every fact
  carries (exact for IEEE doubles).
- ``x in [a, b]`` is ``x == a or x == b``; ``x not in [...]`` is ``x != a and x != b``.
- Numbers are floats written without exponents (the parser keeps literals within
  1e-4..1e15); the result is checked.

The compiler refuses what would hit durable-rules' hard limits (see the shared notes): more
than 64 patterns on one fact type, 512 equality constants on one field, too many properties. A
task's join copy (``task_j``) is a fact type of its own: the patterns of rules that join a
candidate test it, not the task fact, so each has its own 64. The shipped packs leave ``OWNER_ROOM``
patterns of each type for the owner's own rules (``tests/test_pattern_room.py``): they keep an
``or`` across facts out of their conditions (a task figure beside candidate fields is a candidate
field), since each branch costs a pattern on every fact it names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from advisor.errors import RuleError
from advisor.rules.expr import (FLIP, INVERT, ORDER, Arith, BoolOp, Cmp, Const, Field, In, Lit, Missing, Not, fields,
                   namespaces, walk)
from advisor.rules.patternsize import MAX_STEPS, shrink, steps

ALIAS = {"business": "b", "task": "t", "candidate": "c"}
#: durable-rules limits (measured in the shared notes); ours stay below them.
MAX_PATTERNS_PER_TYPE = 64
#: Patterns per fact type the shipped packs leave for the owner's own rules (tests/test_pattern_room.py).
#: The shipped packs hold 50 rules about a candidate, each needing at least one candidate and one
#: join-copy pattern, plus the catch-all: 64 - 51 leaves 13, the most there can be while each keeps
#: its own rule (more needs an engine fact type of their own for the owner's rules).
OWNER_ROOM = 13
MAX_EQ_CONSTANTS = 500
MAX_BRANCHES = 16
#: Alternatives in one ``$or`` on one fact: 14 or more make durable-rules refuse the whole
#: ruleset ("error code 113", measured). A longer ``or``/``in`` is split into several branches.
MAX_OR_TESTS = 13
JOIN_FIELD = "task"  # candidate.task == task.key
KEY_FIELD = "key"
ZERO_FIELD = "_z"
#: The engine's second fact per task: only the task fields that rules joining a candidate read
#: (an engine detail, invisible to rules and findings). A rule that names both a task and a
#: candidate matches it instead of the full task fact, so an edit that changes other task fields
#: (a new going rate) re-asserts the task fact without re-joining it with every candidate.
JOIN_TASK = "task_j"
CATCH_ALL_CAP = 10000
RULE_CAP = 1000

_OPKEY = {"!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}
_ARITH = {"+": "$add", "-": "$sub", "*": "$mul", "/": "$div"}
# A run of digits and dots followed by an exponent, matched from the run's start only (possessive):
# ``\\d[\\d.]*[eE]`` tried at every digit was quadratic on a long run of digits in a literal.
_EXPONENT_RUN = re.compile(r"(?<![\d.])[\d.]++(?=[eE][+-]?\d)")
_NOT_BEFORE_NUMBER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_\"")


def _has_exponent(text: str) -> bool:
    """A number written with an exponent (``1e5``, ``2.5E-3``) outside a name (``x1e5``) or a
    string's start (``"1e5``)."""
    for m in _EXPONENT_RUN.finditer(text):
        run, at = m.group(), m.start()
        if any(c.isdecimal() for c in run[1:]):
            return True
        if run[0].isdecimal() and (at == 0 or text[at - 1] not in _NOT_BEFORE_NUMBER):
            return True
    return False


def engine_field(name: str) -> str:
    """The engine's name of a fact field (durable-rules reserves ``id``)."""
    return KEY_FIELD if name == "id" else name


Branch = dict  # namespace -> list of JSON conditions (a conjunction)


@dataclass
class CompiledRule:
    rule_id: str
    about: str
    namespaces: tuple[str, ...]           # in pattern order
    branches: list[dict]                  # durable-rules rule dicts (without "run")
    fields: dict[str, set[str]]           # engine fields read, by namespace


@dataclass
class Compiled:
    rules: list[CompiledRule] = field(default_factory=list)
    problems: list[RuleError] = field(default_factory=list)
    #: engine patterns per fact type, the catch-all rules included (each type allows 64)
    patterns: dict[str, int] = field(default_factory=dict)

    def fields(self) -> dict[str, set[str]]:
        """The engine fields each fact type must carry for this ruleset."""
        out: dict[str, set[str]] = {ns: {"_t", KEY_FIELD, ZERO_FIELD} for ns in (*ALIAS, JOIN_TASK)}
        out["candidate"].add(JOIN_FIELD)
        for r in self.rules:
            for ns, names in r.fields.items():
                out[ns] |= names
        return out

    def definition(self, action_for) -> dict[str, dict]:
        """The durable-rules ruleset definition: ``action_for(rule_id)`` gives each action."""
        out: dict[str, dict] = {}
        for r in self.rules:
            for i, branch in enumerate(r.branches):
                d = dict(branch)
                d["run"] = action_for(r.rule_id)
                out[f"{r.rule_id}#{i}"] = d
        for ns in ALIAS:
            out[f"_all_{ns}"] = {"all": [{"x": {"_t": ns}}], "cap": CATCH_ALL_CAP, "run": _nothing}
        if self.joins_task:
            out[f"_all_{JOIN_TASK}"] = {"all": [{"x": {"_t": JOIN_TASK}}], "cap": CATCH_ALL_CAP, "run": _nothing}
        return out

    @property
    def joins_task(self) -> bool:
        """Some rule joins a task and a candidate (so the engine needs the ``JOIN_TASK`` facts)."""
        return any(JOIN_TASK in r.fields for r in self.rules)


def _nothing(c: Any) -> None:
    return None


# --------------------------------------------------------------------------- normal form

def nnf(node: Any, negate: bool = False) -> Any:
    """Push ``not`` down to comparisons and desugar ``in``."""
    if isinstance(node, Const):
        return Const(node.line, node.col, node.value != negate)
    if isinstance(node, Not):
        return nnf(node.item, not negate)
    if isinstance(node, BoolOp):
        op = node.op
        if negate:
            op = "or" if op == "and" else "and"
        return BoolOp(node.line, node.col, op, tuple(nnf(i, negate) for i in node.items))
    if isinstance(node, In):
        op = "!=" if node.negated else "=="
        parts = tuple(Cmp(node.line, node.col, op, node.left, Lit(node.line, node.col, v)) for v in node.values)
        if not parts:  # x in [] is false; x not in [] is true only if x is present
            inner: Any = Const(node.line, node.col, False) if not node.negated else \
                BoolOp(node.line, node.col, "and", tuple(Missing(node.line, node.col, f, True)
                                                          for f in fields(node.left)))
        else:
            inner = BoolOp(node.line, node.col, "and" if node.negated else "or", parts)
        return nnf(inner, negate)
    if isinstance(node, Missing):
        return Missing(node.line, node.col, node.field, node.negated != negate)
    if isinstance(node, Cmp):
        if not negate:
            return node
        # not (L op R) = some value missing, or some divisor zero, or L inv(op) R
        alts: list[Any] = []
        seen: set[tuple[str, str]] = set()
        for f in fields(node):
            if (f.ns, f.name) not in seen:
                seen.add((f.ns, f.name))
                alts.append(Missing(f.line, f.col, f, False))
        for d in _divisors(node):
            alts.append(Cmp(node.line, node.col, "==", d, Lit(node.line, node.col, 0.0)))
        alts.append(Cmp(node.line, node.col, INVERT[node.op], node.left, node.right))
        return BoolOp(node.line, node.col, "or", tuple(alts))
    raise TypeError(f"not a condition: {node!r}")


def _divisors(node: Any) -> list[Any]:
    return [n.right for n in walk(node) if isinstance(n, Arith) and n.op == "/" and not isinstance(n.right, Lit)]


# --------------------------------------------------------------------------- conditions

def _value(v: Any, target: str) -> Any:
    if isinstance(v, Lit):
        if isinstance(v.value, bool) or isinstance(v.value, str):
            return v.value
        return float(v.value)
    if isinstance(v, Field):
        name = engine_field(v.name)
        return {"$m": name} if v.ns == target else {ALIAS[v.ns]: name}
    if isinstance(v, Arith):
        return {_ARITH[v.op]: {"$l": _value(v.left, target), "$r": _value(v.right, target)}}
    raise TypeError(v)


def _comparison(op: str, left: Any, right: Any, target: str) -> dict:
    if not (isinstance(left, Field) and left.ns == target):
        if isinstance(right, Field) and right.ns == target:
            left, right, op = right, left, FLIP[op]
    others = {f.ns for f in fields(left) + fields(right)} - {target}
    if others:
        # Measured: arithmetic that reads a field of the current fact and a field of another
        # fact in one expression crashes durable-rules (segfault). Such a comparison must have
        # a bare field of the later fact alone on one side.
        ok = isinstance(left, Field) and left.ns == target and target not in namespaces(right)
        if not ok:
            raise RuleError(
                f"a comparison that reads {' and '.join(sorted(others | {target}))} fields must have a "
                f"{target} field alone on one side, e.g. `candidate.price < task.price_median * 0.6` "
                "rather than `candidate.price / task.price_median < 0.6`", field="when",
                line=getattr(left, "line", None), column=getattr(left, "col", None))
    if isinstance(left, Field) and left.ns == target:
        name = engine_field(left.name)
        rhs = _value(right, target)
        if isinstance(right, Field) and right.ns == target:
            rhs = {"$m": engine_field(right.name)}
        if op == "==":
            return {name: rhs}
        return {_OPKEY[op]: {name: rhs}}
    # 0 op (R - L), against the constant field _z
    rhs = {"$sub": {"$l": _value(right, target), "$r": _value(left, target)}}
    if op == "==":
        return {ZERO_FIELD: rhs}
    return {_OPKEY[op]: {ZERO_FIELD: rhs}}


def _positive(node: Cmp) -> list[Branch]:
    nss = namespaces(node)
    if not nss:
        raise RuleError("a comparison without any field")  # parser folds these; defensive
    target = max(nss, key=ORDER.__getitem__)
    branch: Branch = {}
    seen: set[tuple[str, str]] = set()
    for f in fields(node):
        if (f.ns, f.name) in seen:
            continue
        seen.add((f.ns, f.name))
        branch.setdefault(f.ns, []).append({"$ex": {engine_field(f.name): 1}})
    result = [branch]
    for d in _divisors(node):
        result = _and_product(result, _positive(Cmp(node.line, node.col, "!=", d, Lit(node.line, node.col, 0.0))))
    out = []
    for b in result:
        b = {k: list(v) for k, v in b.items()}
        b.setdefault(target, []).append(_comparison(node.op, node.left, node.right, target))
        out.append(b)
    return out


def _and_product(a: list[Branch], b: list[Branch]) -> list[Branch]:
    out = []
    for x in a:
        for y in b:
            m = {k: list(v) for k, v in x.items()}
            for k, v in y.items():
                m.setdefault(k, []).extend(v)
            out.append(m)
            if len(out) > MAX_BRANCHES:
                raise _TooComplex()
    return out


class _TooComplex(Exception):
    pass


def _conj(conds: list) -> Any:
    return conds[0] if len(conds) == 1 else {"$and": conds}


def branches(node: Any) -> list[Branch]:
    """The condition as a list of alternative branches (each a conjunction per namespace)."""
    if isinstance(node, Const):
        return [{}] if node.value else []
    if isinstance(node, Missing):
        op = "$ex" if node.negated else "$nex"
        return [{node.field.ns: [{op: {engine_field(node.field.name): 1}}]}]
    if isinstance(node, Cmp):
        return _positive(node)
    if isinstance(node, BoolOp) and node.op == "and":
        result: list[Branch] = [{}]
        for item in node.items:
            result = _and_product(result, branches(item))
            if not result:
                return []
        return result
    if isinstance(node, BoolOp) and node.op == "or":
        groups: dict[str, list] = {}
        out: list[Branch] = []
        for item in node.items:
            sub = branches(item)
            if any(not b for b in sub):
                return [{}]  # one side always true
            if len(sub) == 1 and len(sub[0]) == 1:
                (ns, conds), = sub[0].items()
                groups.setdefault(ns, []).append(_conj(conds))
            else:
                out.extend(sub)
        for ns, alts in groups.items():
            chunks = [alts[i:i + MAX_OR_TESTS] for i in range(0, len(alts), MAX_OR_TESTS)]
            for chunk in reversed(chunks):  # one branch per chunk: a fact matched twice is one finding
                out.insert(0, {ns: [chunk[0] if len(chunk) == 1 else {"$or": chunk}]})
        if len(out) > MAX_BRANCHES:
            raise _TooComplex()
        return out
    raise TypeError(f"not in normal form: {node!r}")


# --------------------------------------------------------------------------- rules

def rule_namespaces(about: str, expr: Any) -> tuple[str, ...]:
    nss = set(namespaces(expr)) | {about}
    return tuple(sorted(nss, key=ORDER.__getitem__))


def _has_ref(node: Any) -> bool:
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("b", "t", "c") and isinstance(v, str):
                return True
            if _has_ref(v):
                return True
    elif isinstance(node, list):
        return any(_has_ref(x) for x in node)
    return False


def _cond_rank(cond: Any) -> int:
    if isinstance(cond, dict) and ("$ex" in cond or "$nex" in cond):
        return -1
    if _has_ref(cond):
        return 0
    if isinstance(cond, dict) and "$or" in cond:
        return 2
    return 1


def compile_rule(rule_id: str, about: str, expr: Any) -> CompiledRule:
    """One rule (its parsed ``when``) to durable-rules branches. Raises :class:`RuleError`."""
    nss = rule_namespaces(about, expr)
    try:
        alts = branches(nnf(expr))
    except _TooComplex:
        raise RuleError(f"is too complex: it would need more than {MAX_BRANCHES} separate engine rules "
                        f"(an `or` across different facts is split, and so is one of more than {MAX_OR_TESTS} "
                        "tests on one fact); split it into two rules",
                        rule=rule_id, field="when") from None
    out: list[dict] = []
    for branch in alts:
        patterns = []
        joined = "task" in nss and "candidate" in nss
        for ns in nss:
            conds: list[Any] = [{"_t": JOIN_TASK if joined and ns == "task" else ns}]
            if ns == "candidate" and "task" in nss:
                conds.append({JOIN_FIELD: {ALIAS["task"]: KEY_FIELD}})
            # Order matters (measured): `$ex` guards first (arithmetic that reads a missing field
            # of the current fact together with another fact's field crashed the process), then
            # conditions that read other facts (durable-rules mis-evaluates a reference
            # comparison that follows an `$or` in the same `$and`: it matched `h == b.e` for
            # h=1, e=0), then plain conditions, `$or` groups last.
            conds.extend(sorted(shrink(branch.get(ns, [])), key=_cond_rank))
            used_steps = steps(_conj(conds))
            if used_steps > MAX_STEPS:
                raise RuleError(
                    f"is too complex for the rules engine: its {ns} conditions need {used_steps} "
                    f"expression steps and durable-rules allows {MAX_STEPS} per fact (each `and`/`or` "
                    "group takes 2, each `not` of a comparison adds an `or`); split it into two rules "
                    "or drop a condition", rule=rule_id, field="when")
            patterns.append({ALIAS[ns]: _conj(conds)})
        out.append({"all": patterns, "cap": RULE_CAP})
    used: dict[str, set[str]] = {}
    for f in fields(expr):
        used.setdefault(f.ns, set()).add(engine_field(f.name))
    if "task" in nss and "candidate" in nss:  # its task pattern matches the JOIN_TASK fact
        used[JOIN_TASK] = used.pop("task", set())
    text = json.dumps(out, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # '\ud800' in a literal: the engine would get invalid JSON
        bad = exc.object[exc.start]
        raise RuleError(f"a text holds a lone surrogate (\\u{ord(bad):04x}), which is not a character; "
                        "write the whole character instead", rule=rule_id, field="when") from None
    if _has_exponent(text):  # the parser prevents it; never hand one to the engine
        raise RuleError("a number would be written with an exponent", rule=rule_id, field="when")
    return CompiledRule(rule_id, about, nss, out, used)


def _eq_constants(node: Any, acc: dict[str, set]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if not k.startswith("$") and not isinstance(v, (dict, list)):
                acc.setdefault(k, set()).add(json.dumps(v))
            else:
                _eq_constants(v, acc)
    elif isinstance(node, list):
        for item in node:
            _eq_constants(item, acc)


#: id(expr) -> (expr, rule id, about, compiled): a rule's compiled form, kept for the same
#: expression object (the parser compiles each rule to check it, and a pack read from the cache
#: brings its compiled rules), so building an advisor does not compile every rule again.
_MEMO: dict[int, tuple[Any, str, str, CompiledRule]] = {}
MEMO_MAX = 4096


def prime(expr: Any, compiled: CompiledRule) -> None:
    """Remember ``compiled`` as the compiled form of this very ``expr`` object."""
    if len(_MEMO) >= MEMO_MAX:
        _MEMO.clear()
    _MEMO[id(expr)] = (expr, compiled.rule_id, compiled.about, compiled)


def compiled_rule(rule_id: str, about: str, expr: Any) -> CompiledRule:
    """:func:`compile_rule`, once per expression object (the object is kept, so its id is not
    reused while remembered)."""
    hit = _MEMO.get(id(expr))
    if hit is not None and hit[0] is expr and hit[1] == rule_id and hit[2] == about:
        return hit[3]
    cr = compile_rule(rule_id, about, expr)
    prime(expr, cr)
    return cr


def compile_rules(rules: Iterable[Any]) -> Compiled:
    """Compile rules (objects with ``id``, ``about``, ``expr``, optional ``source``); a rule that
    fails or would push the ruleset over an engine limit is left out and reported."""
    result = Compiled()
    patterns = {ns: 1 for ns in (*ALIAS, JOIN_TASK)}  # the catch-all rules
    constants: dict[str, set] = {"_t": {json.dumps(ns) for ns in (*ALIAS, JOIN_TASK)}}
    for rule in rules:
        source = getattr(rule, "source", None)
        try:
            cr = compiled_rule(rule.id, rule.about, rule.expr)
        except RuleError as exc:
            exc.rule = exc.rule or rule.id
            exc.located(file=source, line=getattr(rule, "line", None))
            result.problems.append(exc)
            continue
        add = rule_patterns(cr)
        over = [ns for ns in patterns if patterns[ns] + add[ns] > MAX_PATTERNS_PER_TYPE]
        if over:
            result.problems.append(RuleError(
                f"left out: with it, {patterns[over[0]] + add[over[0]]} engine patterns would match "
                f"{over[0]} facts; durable-rules allows {MAX_PATTERNS_PER_TYPE}",
                rule=rule.id, file=source, hint="ignore some rules or merge rules with `or`"))
            continue
        new_consts = {k: set(v) for k, v in constants.items()}
        _eq_constants(cr.branches, new_consts)
        big = [k for k, v in new_consts.items() if len(v) > MAX_EQ_CONSTANTS]
        if big:
            result.problems.append(RuleError(
                f"left out: with it, field {big[0]!r} would be compared with {len(new_consts[big[0]])} "
                f"different constants; durable-rules allows {MAX_EQ_CONSTANTS}", rule=rule.id, file=source))
            continue
        constants = new_consts
        for ns in patterns:
            patterns[ns] += add[ns]
        result.rules.append(cr)
    result.patterns = patterns
    return result


def rule_patterns(cr: CompiledRule) -> dict[str, int]:
    """The engine patterns a compiled rule adds to each fact type: one per fact it names in each
    branch, a task pattern of a rule that joins a candidate counting on the join copy."""
    add = {ns: 0 for ns in (*ALIAS, JOIN_TASK)}
    for b in cr.branches:
        nss = {next(k for k, v in ALIAS.items() if v == alias) for p in b["all"] for alias in p}
        for pattern in b["all"]:
            (alias, _), = pattern.items()
            ns = next(k for k, v in ALIAS.items() if v == alias)
            # a task pattern in a rule that joins a candidate matches the join copy only
            add[JOIN_TASK if ns == "task" and "candidate" in nss else ns] += 1
    return add
