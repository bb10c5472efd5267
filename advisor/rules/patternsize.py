"""Keeping one durable-rules pattern within the engine's expression limit.

durable-rules 2.0.28 gives each pattern a fixed sequence of 32 expression steps
(``MAX_SEQUENCE_EXPRESSIONS``): every ``$and`` and ``$or`` takes two (open, end) and every
comparison with another fact's field on its right one; at the 32nd the whole ruleset is refused
("Could not create ruleset, error code: 113"). Measured here: a `$or` of 14 guarded equalities
(2 + 2 + 14 x 2 = 32) is refused, 13 (30) loads; 30 comparisons against another fact plus the
`$and` (32) are refused, 29 load; two patterns of 30 each load (the limit is per pattern).
Comparisons with a constant or the current fact's own fields (``$m``) take no step.

A natural condition reaches it: the practice pack's ``paid-trial-first`` took 24 steps and
``and not (task.interview_score_max >= 4.5 and task.small_job)`` made it 34 (each negated
comparison is ``$or`` of "missing" and a guarded inverse). So the compiler first rewrites a
pattern into an equal condition with fewer steps (:func:`shrink`), and refuses a rule whose
pattern still needs more than :data:`MAX_STEPS` (:func:`steps`), never handing it to the engine.
"""
from __future__ import annotations

import json
from typing import Any

#: steps one pattern may take: durable-rules refuses the ruleset at the 32nd
MAX_STEPS = 31


def _is_ref(node: Any) -> bool:
    """A value that reads another fact's field (``{"t": "key"}``, maybe inside arithmetic)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("b", "t", "c") and isinstance(v, str):
                return True
            if _is_ref(v):
                return True
    elif isinstance(node, list):
        return any(_is_ref(x) for x in node)
    return False


def steps(cond: Any) -> int:
    """The expression steps durable-rules spends on one pattern's condition."""
    if not isinstance(cond, dict):
        return 0
    n = 0
    for k, v in cond.items():
        if k in ("$and", "$or"):
            n += 2 + sum(steps(x) for x in v)
        elif k in ("$ex", "$nex"):
            continue
        elif k.startswith("$"):
            n += sum(1 for rhs in v.values() if _is_ref(rhs))
        else:
            n += 1 if _is_ref(v) else 0
    return n


def _key(cond: Any) -> str:
    return json.dumps(cond, sort_keys=True)


def _items(cond: Any, op: str) -> list:
    """The operands of ``cond`` read as an ``op`` (a lone condition is a one-item one)."""
    if isinstance(cond, dict) and len(cond) == 1 and op in cond:
        return list(cond[op])
    return [cond]


def _join(op: str, items: list) -> Any:
    return items[0] if len(items) == 1 else {op: items}


def shrink(conds: list) -> list:
    """An equivalent conjunction with fewer steps: nested ``$and``/``$or`` of the same kind
    flattened, repeated conjuncts dropped, and a conjunct that every alternative of an ``$or``
    holds (typically its ``$ex`` guard: ``x in [...]`` is guarded equalities) moved out of it:
    (E and A) or (E and B) is E and (A or B)."""
    out: list = []
    seen: set[str] = set()

    def add(c: Any) -> None:
        for item in _items(c, "$and"):
            item = _shrink_one(item, add)
            if item is None:
                continue
            if isinstance(item, dict) and len(item) == 1 and "$and" in item:  # an $or left one way
                for sub in item["$and"]:
                    add(sub)
                continue
            k = _key(item)
            if k not in seen:
                seen.add(k)
                out.append(item)

    for c in conds:
        add(c)
    return out


def _shrink_one(cond: Any, add) -> Any:
    """One conjunct, shrunk; conjuncts it hoists go to ``add``. None: nothing left (true)."""
    if not (isinstance(cond, dict) and len(cond) == 1 and "$or" in cond):
        return cond
    alts: list[list] = []
    for a in cond["$or"]:
        for flat in _items(a, "$or"):  # an $or inside an $or is one $or
            alts.append(shrink(_items(flat, "$and")))
    common = [c for c in alts[0] if all(_key(c) in {_key(x) for x in alt} for alt in alts[1:])]
    if common:
        keys = {_key(c) for c in common}
        for c in common:
            add(c)
        alts = [[c for c in alt if _key(c) not in keys] for alt in alts]
        if any(not alt for alt in alts):  # one alternative is now just the common part: true
            return None
    uniq: list = []
    seen: set[str] = set()
    for alt in alts:
        j = _join("$and", alt)
        k = _key(j)
        if k not in seen:
            seen.add(k)
            uniq.append(j)
    return _join("$or", uniq)
