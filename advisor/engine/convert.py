"""Plan facts to engine facts and back: the engine's ids, field names and numbers, and the
snapshot and signature that tell whether a task's facts must be computed again.

Facts carry explicit ids (``t:logo``); the engine's identity is a 32-bit FNV-1a hash of the id,
so collisions are detected before asserting and resolved with a suffix. Joins use ``key`` and
``task``, never ``id``/``sid``. Numbers are floats with no exponent; dates are ISO text. A task
fact also goes to the engine as a ``JOIN_TASK`` copy (only the fields that rules joining a
candidate read) when some rule joins; :func:`plan_key` maps that copy back to its task.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from advisor.rules.compiler import JOIN_TASK, KEY_FIELD, ZERO_FIELD, Compiled, engine_field
from advisor.rules.factcontext import Context
from advisor.rules.factschema import MAX_PROPERTIES, SCHEMA, Fact, Key, check_fact
from advisor.plan import fields
from advisor.plan.model import Task

_NS_PREFIX = {"business": "b", "task": "t", "candidate": "c", JOIN_TASK: "j"}
_NUM, _STR, _BOOL = object(), object(), object()  # field kinds for checked_engine_fact


def fnv1a32(text: str) -> int:
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def plan_key(key: Key) -> Key:
    """The plan fact an engine fact stands for (a ``JOIN_TASK`` fact is its task's copy)."""
    return ("task", key[1]) if key[0] == JOIN_TASK else key


def engine_number(value: float | int) -> float:
    """A number the engine can read: a float whose JSON has no exponent. Measured: a number
    written with an exponent (1e20, 5e-05) crashes durable-rules 2.0.28 (segfault), not just an
    error; infinities and NaN are not JSON at all."""
    x = float(value)
    if x != x or abs(x) >= 1e15:
        raise ValueError(f"number {value!r} is out of range")
    text = repr(x)
    if "e" in text or "E" in text:
        x = round(x, 4) + 0.0
    return x


_TASK_FIELDS = attrgetter(*[s.name for s in fields.TASK if s.kind != "table"])
_CAND_FIELDS = attrgetter(*[s.name for s in fields.CANDIDATE if s.kind != "table"])


def _frozen(values: tuple) -> tuple:
    return tuple(tuple(v) if v.__class__ is list else v for v in values)


def task_snapshot(t: Task) -> tuple:
    """A cheap, comparable copy of every field of a task and its candidates that its facts are
    computed from (every field of the field table; lists copied to tuples, so an edit in place
    still shows). An edit of any of them must make the snapshot differ: the incremental
    evaluation reuses a task's facts when it does not (``tests/test_engine.py`` checks every
    field)."""
    return (_frozen(_TASK_FIELDS(t)),
            tuple((_frozen(_CAND_FIELDS(c)),
                   None if c.interview is None else
                   (c.interview.date, tuple(sorted(c.interview.scores.items())), c.interview.notes))
                  for c in t.candidates))


def task_signature(task: Task, ctx: Context) -> tuple:
    """Everything a task's facts depend on besides the task itself (the plan-wide context)."""
    deadline_day = ctx.today if task.deadline is not None else None
    # from index 2 on: what the candidate facts depend on (a task's candidate facts are kept
    # when only the first two changed: see ``same_candidate_context``)
    hired = tuple((ctx.people.get(c.person), ctx.person_quality.get(c.person))
                  for c in task.candidates if c.status == "hired")
    return ((ctx.samples_for(task.skills), ctx.counts_for(task.skills)),
            tuple(map(ctx.fee, task.marketplaces)),
            ctx.owner_utc_offset, deadline_day, ctx.quality_names, tuple(sorted(ctx.fees.items())),
            hired, ctx.trial_share, ctx.trial_max_hours, ctx.owner_window, ctx.min_overlap,
            tuple(c.person in ctx.ndas for c in task.candidates),
            tuple(sorted(ctx.markets.items())), ctx.hours_per_day, ctx.business_name, task.id in ctx.parked,
            ctx.waits.get(task.id, ""), ctx.critical_open if hired else None,
            # the business's home: amounts written into text facts, the data agreement a
            # subcontractor signs (kept facts from another currency told a GDPR agreement in INR)
            ctx.currency, ctx.locale,
            # the plan's marketplaces by name: where a draft naming none of its own is posted
            ctx.market_names,
            # the going rate's median: a fixed bid far under it (bid_far_below, with few bids)
            going_median(ctx.samples_for(task.skills)))


def going_median(samples: tuple) -> float | None:
    """The median of the going rates noted for a task's skills (as its fact's ``rate_median``)."""
    from advisor.rules.factcontext import quartiles

    q = quartiles(sorted(h for h, _ in samples))
    return None if q is None else q[1]


def same_candidate_context(a: tuple, b: tuple) -> bool:
    """Two task signatures differ at most in the going rates and fees, which feed the task fact
    alone: the candidate facts stay the same."""
    return a[2:] == b[2:]


@dataclass
class TaskEntry:
    """A task's facts as last computed, with what they were computed from (``shared``: the
    task-wide figures its candidate facts compare with, :func:`advisor.rules.facts.task_fact_shared`,
    when an edit worked them out; None after a full evaluation; ``answers``: per candidate id,
    the red-flag words and "ruled out?" answers its facts asked, :func:`advisor.rules.answers.memo_answers`)."""
    snapshot: tuple
    signature: tuple
    task_fact: Fact
    candidate_facts: list[Fact]
    shared: tuple | None = None
    answers: dict | None = None


class EngineFacts:
    """Converts plan facts to engine facts for one compiled ruleset and keeps the engine ids
    (stable per key until :meth:`forget_eid`; hash collisions resolved with a suffix)."""

    def __init__(self, compiled: Compiled) -> None:
        self._fields = compiled.fields()
        self.joins = compiled.joins_task
        self._task_fields = self._fields["task"] | {"id"}
        self._join_fields = self._fields[JOIN_TASK]
        # per fact type: field -> (kind, engine field or None when the engine does not need it)
        kinds = {"number": _NUM, "string": _STR, "bool": _BOOL}
        self._conv: dict[str, dict[str, tuple]] = {}
        for ns, schema in SCHEMA.items():
            wanted = self._fields.get(ns, set())
            if ns == "task":
                wanted = wanted | self._join_fields
            fixed = {"_t", KEY_FIELD, ZERO_FIELD} | ({"task"} if ns == "candidate" else set())
            self._conv[ns] = {name: (kinds[typ], en if (en := engine_field(name)) in wanted and en not in fixed
                                     else None) for name, typ in schema.items()}
        self.reset()

    def reset(self) -> None:
        """Forget every engine id (a new session)."""
        self.eids: dict[Key, str] = {}
        self._hashes: dict[int, Key] = {}

    def engine_keys(self, key: Key) -> tuple[Key, ...]:
        """The engine facts one plan fact becomes (a task: itself and its ``JOIN_TASK`` copy)."""
        return (key, (JOIN_TASK, key[1])) if key[0] == "task" and self.joins else (key,)

    def engine_facts(self, key: Key, fact: Fact) -> list[tuple[Key, dict]]:
        """The engine facts of one fact: itself, and for a task also its ``JOIN_TASK`` copy (only
        the fields that rules joining a candidate read) when some rule joins. Raises
        ``ValueError`` for a malformed fact."""
        ef = self.checked_engine_fact(key, fact)
        if key[0] != "task" or not self.joins:
            return [(key, ef)]
        jkey = (JOIN_TASK, key[1])
        j = {k: v for k, v in ef.items() if k in self._join_fields}
        j["_t"] = JOIN_TASK
        j["id"] = self.eid(jkey)
        keep = self._task_fields
        return [(key, {k: v for k, v in ef.items() if k in keep}), (jkey, j)]

    def checked_engine_fact(self, key: Key, fact: Fact) -> dict:
        """``check_fact`` and ``engine_fact`` in one pass over the fact's fields (the two passes
        were ~40% of the facts' cost in a full evaluation). Raises ``ValueError`` as
        ``check_fact`` does, with the same messages."""
        ns = fact.get("_t")
        conv = self._conv.get(ns)  # type: ignore[arg-type]
        if conv is None or ns != key[0]:
            check_fact(fact)  # the error (or an odd but valid fact): the slow, exact path
            return self.engine_fact(key, fact)
        fid = fact.get("id")
        if not isinstance(fid, str) or not fid:
            raise ValueError("fact without an id")
        if len(fact) > MAX_PROPERTIES:
            raise ValueError(f"fact has {len(fact)} properties; the limit is {MAX_PROPERTIES}")
        e: dict[str, Any] = {"_t": ns, KEY_FIELD: fid, ZERO_FIELD: 0.0}
        if ns == "candidate":
            e["task"] = fact.get("task", "")
        for name, value in fact.items():
            c = conv.get(name)
            if c is None:
                if name == "_t":
                    continue
                raise ValueError(f"unknown field {name!r}")
            want, en = c
            cls = value.__class__
            if want is _NUM:
                if cls is float:
                    if value != value or not -1e15 < value < 1e15:
                        raise ValueError(f"{name} is out of range")
                    if en is not None:
                        e[en] = value if (value == 0.0 or 1e-4 <= abs(value)) else engine_number(value)
                    continue
                if cls is int:
                    if not -1e15 < value < 1e15:
                        raise ValueError(f"{name} is out of range")
                    if en is not None:
                        e[en] = engine_number(value)
                    continue
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ValueError(f"{name} must be a number")
                if value != value or abs(value) >= 1e15:
                    raise ValueError(f"{name} is out of range")
                if en is not None:
                    e[en] = engine_number(value)
            elif want is _STR:
                if not isinstance(value, str):
                    raise ValueError(f"{name} must be text")
                if en is not None:
                    e[en] = value
            else:
                if not isinstance(value, bool):
                    raise ValueError(f"{name} must be true/false")
                if en is not None:
                    e[en] = value
        e["id"] = self.eid(key)
        return e

    def engine_fact(self, key: Key, fact: Fact) -> dict:
        """The engine fact of an already checked fact: only the fields some rule reads."""
        ns = key[0]
        wanted = self._fields[ns]
        e: dict[str, Any] = {"_t": ns, KEY_FIELD: fact["id"], ZERO_FIELD: 0.0}
        if ns == "candidate":
            e["task"] = fact.get("task", "")
        for name, value in fact.items():
            en = engine_field(name)
            if en not in wanted or en in e:
                continue
            if isinstance(value, bool) or isinstance(value, str):
                e[en] = value
            elif isinstance(value, (int, float)):
                e[en] = engine_number(value)
        e["id"] = self.eid(key)
        return e

    def eid(self, key: Key) -> str:
        """The engine id of ``key``: ``t:logo``, with a suffix if its hash is taken."""
        eid = self.eids.get(key)
        if eid is not None:
            return eid
        base = f"{_NS_PREFIX[key[0]]}:{key[1]}"
        eid, n = base, 0
        while True:
            h = fnv1a32(eid)
            if h not in self._hashes:
                break
            n += 1
            eid = f"{base}~{n}"
        self._hashes[h] = key
        self.eids[key] = eid
        return eid

    def forget_eid(self, key: Key) -> None:
        eid = self.eids.pop(key, None)
        if eid is not None:
            self._hashes.pop(fnv1a32(eid), None)
