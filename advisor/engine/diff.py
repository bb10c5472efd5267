"""What changed between two evaluations: a plan's facts computed again only where a task or its
context changed, the facts the changed keys held before, and the engine facts to retract and
assert.

Unchanged facts stay the same objects from one evaluation to the next (a task whose snapshot
and signature are equal reuses its facts), so later steps tell "unchanged" by identity: the
engine diff skips them and the findings re-render only what involves a changed fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Mapping

from advisor.rules.factcontext import Context, quality_names, quality_test
from advisor.rules.candidatefacts import candidate_fact
from advisor.rules.facts import business_fact, facts_context, task_fact_new_context, task_fact_shared
from advisor.rules.factschema import BUSINESS_KEY, Fact, Key
from advisor.advice.findings import Finding
from advisor.plan.model import Plan, Task
from advisor.rules.answers import memo_answers, merge_answers, seed_answers
from advisor.rules.judgements import decision_clear
from advisor.plan.people import People, TaskPeople, merge_people, task_people
from advisor.engine.convert import EngineFacts, TaskEntry, same_candidate_context, task_signature, task_snapshot


@dataclass
class Edit:
    """The keys whose fact may differ after an edit, and what they held before (None: absent)."""
    before: dict[Key, Fact | None]
    changed: set[Key]


@dataclass
class FactDiff:
    """The engine facts an update retracts and asserts, the failures after it, and (when it had
    to look at every fact) the plan facts it found changed."""
    retract: list[Key]
    assert_: dict[Key, dict]
    failures: dict[tuple, Finding]
    changed: set[Key] | None


class TaskVerdicts:
    """Per task, whether its choice is clear (:func:`decision_clear`) and whether someone is
    hired, kept between evaluations: the business fact and a first-timer's order ask both of
    every task, and walking every candidate of the plan on each edit was about half of the facts'
    work of an edit at 10,000 candidates (py-spy). A task's answers are worked out again when it
    is touched (the edit's hint, as for the task facts), a new record, or on a full evaluation."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[Task, bool, bool]] = {}

    def refresh(self, plan: Plan, touched: set[str] | None) -> None:
        if touched is None or len(self.kept) > len(plan.tasks):
            self.kept.clear()
        else:
            for tid in touched:
                self.kept.pop(tid, None)

    def _of(self, t: Task) -> tuple[Task, bool, bool]:
        k = self.kept.get(t.id)
        if k is None or k[0] is not t:
            k = self.kept[t.id] = (t, decision_clear(t), any(c.status == "hired" for c in t.candidates))
        return k

    def clear(self, t: Task) -> bool:
        return self._of(t)[1]

    def hire(self, t: Task) -> bool:
        return self._of(t)[2]


class PlanFacts:
    """A plan's facts per task as last computed (the task cache), and the context they came from."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self._settings = settings
        self.tasks: dict[str, TaskEntry] = {}
        self.verdicts = TaskVerdicts()
        self._last_today: date | None = None
        self._last_ctx: Context | None = None
        #: each task's share of the people across tasks (:mod:`advisor.plan.people`): an edit redoes
        #: the touched tasks' shares only (the whole walk was ~2 ms an edit at 10,000 candidates)
        self._people: dict[str, TaskPeople] = {}
        self._is_quality = quality_test(quality_names(settings))
        #: candidate facts worked out by :meth:`touched` (counted work for the tests)
        self.candidate_facts_made = 0
        #: candidates whose "ruled out?" answers an edit kept (:meth:`_seed_answers`; counted)
        self.answers_kept = 0

    def _people_after(self, plan: Plan, touched: set[str] | None) -> People:
        """The plan's people, redoing the shares of the ``touched`` tasks (None: all) and of
        tasks not seen before; shares of tasks no longer in the plan are dropped."""
        shares = self._people
        for task in plan.tasks:
            if touched is None or task.id in touched or task.id not in shares:
                shares[task.id] = task_people(task, self._is_quality)
        if len(shares) != len(plan.tasks):
            ids = {t.id for t in plan.tasks}
            for tid in [t for t in shares if t not in ids]:
                del shares[tid]
        return merge_people(shares[t.id] for t in plan.tasks)

    def _candidate_facts(self, task: Task, ctx: Context, shared: tuple, snap: tuple,
                         cached: TaskEntry) -> list[Fact]:
        """The facts of a task whose own fields and context are as in ``cached``: a candidate's
        fact is worked out again only when the candidate changed (its part of the snapshot) or
        a task-wide figure it compares with did (``shared``: a price median, the interview
        ranks, a hire); otherwise it is the same object as before. An edit of one candidate of
        a 300-candidate task made 300 candidate facts, most of an edit's work at 10,000."""
        if not _same_shared(cached.shared, shared):
            self.candidate_facts_made += len(task.candidates)
            return [candidate_fact(c, task, ctx, *shared) for c in task.candidates]
        before = {cf["id"]: (csnap, cf) for csnap, cf in zip(cached.snapshot[1], cached.candidate_facts)}
        out = []
        for c, csnap in zip(task.candidates, snap[1]):
            old = before.get(c.id)
            if old is not None and old[0] == csnap:
                out.append(old[1])
            else:
                out.append(candidate_fact(c, task, ctx, *shared))
                self.candidate_facts_made += 1
        return out

    def _seed_answers(self, task: Task, ctx: Context, snap: tuple, cached: TaskEntry | None) -> list[str]:
        """Each candidate's red-flag words and "ruled out?" answers kept from the last time the
        task's facts were worked out, for the candidates unchanged since (their part of the
        snapshot) while the task's own fields are as they were: an edit of one candidate of a
        300-candidate task asked the other 299 again (each a scan of their notes and a dozen
        checks). :func:`seed_answers` also checks the context's inputs of the answers (phrases,
        escrow-less marketplaces, threshold). A full evaluation keeps none (collecting them for
        every candidate cost more than it saves at start): a task's first edit asks them all."""
        if cached is None or cached.answers is None or cached.snapshot[0] != snap[0]:
            return []
        before = {cf["id"]: csnap for csnap, cf in zip(cached.snapshot[1], cached.candidate_facts)}
        same = [c for c, csnap in zip(task.candidates, snap[1]) if before.get(c.id) == csnap]
        seeded = seed_answers(task, ctx, cached.answers, same)
        self.answers_kept += len(seeded)
        return seeded

    def task_candidates(self, task_id: str) -> list[Fact]:
        entry = self.tasks.get(task_id)
        return entry.candidate_facts if entry is not None else []

    def stream(self, plan: Plan, touched: set[str] | None, today: date, previous_business: Fact | None,
               out: dict[Key, Fact]) -> Iterator[list[tuple[Key, Fact]]]:
        """Fill ``out`` with the plan's facts, yielding the (key, fact) pairs of each task (the
        business first) as soon as they are in ``out``, so a full evaluation converts and sends
        facts while later tasks are still being computed. The set-up runs now, not at the first
        ``next``. ``previous_business`` is kept when equal (the same object)."""
        self.verdicts.refresh(plan, None)
        ctx = facts_context(plan, self._settings, today, self._people_after(plan, None), self.verdicts)
        if today != self._last_today:
            self.tasks.clear()
            self._last_today = today
        self._last_ctx = ctx
        bf = business_fact(plan, today, self.verdicts)
        prev = previous_business
        out[BUSINESS_KEY] = prev if prev is not None and prev == bf else bf
        return self._task_stream(plan, touched, ctx, out)

    def _task_stream(self, plan: Plan, touched: set[str] | None, ctx: Context,
                     out: dict[Key, Fact]) -> Iterator[list[tuple[Key, Fact]]]:
        yield [(BUSINESS_KEY, out[BUSINESS_KEY])]
        seen: set[str] = set()
        for task in plan.tasks:
            seen.add(task.id)
            cached = self.tasks.get(task.id)
            sig = task_signature(task, ctx)
            if cached is not None and touched is not None and task.id not in touched and cached.signature == sig:
                snap, tf, cfs = cached.snapshot, cached.task_fact, cached.candidate_facts
            else:
                snap = task_snapshot(task)
                if cached is not None and cached.snapshot == snap and cached.signature == sig:
                    tf, cfs = cached.task_fact, cached.candidate_facts
                    shared, answers = cached.shared, cached.answers
                else:
                    tf, shared = task_fact_shared(task, ctx)
                    cfs = [candidate_fact(c, task, ctx, *shared) for c in task.candidates]
                    # not kept here (~3% of a full evaluation at 10,000): an edit keeps them
                    answers = None
                self.tasks[task.id] = TaskEntry(snap, sig, tf, cfs, shared, answers)
            key = ("task", task.id)
            ckeys = [("candidate", cf["id"]) for cf in cfs]
            part: list[tuple[Key, Fact]] = [(key, tf), *zip(ckeys, cfs)]
            if key in out or not out.keys().isdisjoint(ckeys) or len(set(ckeys)) != len(ckeys):
                # an id seen before (a plan that was not validated): the first wins, in ``out``
                # and in the engine alike
                kept = []
                for k, f in part:
                    if k not in out:
                        out[k] = f
                        kept.append((k, f))
                part = kept
            else:
                out.update(part)
            yield part
        ctx.memo.clear()  # kept as the last context: not the candidates its answers hold
        for tid in [t for t in self.tasks if t not in seen]:
            del self.tasks[tid]

    def touched(self, plan: Plan, touched: set[str], today: date, out: dict[Key, Fact]) -> Edit | None:
        """Update ``out`` (the previous facts) in place after an edit of the ``touched`` tasks, in
        time proportional to the edit (not to the plan: copying the facts was ~1.5 ms per edit at
        50,000 candidates, a third of a candidate edit): only the touched tasks, tasks whose
        context (rates, fees) changed, and removed tasks are redone. None: nothing computed yet
        (or a new day), compute every fact with :meth:`stream`."""
        if today != self._last_today or self._last_ctx is None:
            return None
        self.verdicts.refresh(plan, touched)
        ctx = facts_context(plan, self._settings, today, self._people_after(plan, touched), self.verdicts)
        ctx_same = ctx == self._last_ctx
        self._last_ctx = ctx
        cache = self.tasks
        gone: list[Key] = []
        added: list[tuple[Key, Fact]] = []
        bf = business_fact(plan, today, self.verdicts)
        if out.get(BUSINESS_KEY) != bf:
            added.append((BUSINESS_KEY, bf))
        seen: set[str] = set()
        for task in plan.tasks:
            tid = task.id
            seen.add(tid)
            cached = cache.get(tid)
            if cached is not None and ctx_same and tid not in touched:
                continue
            sig = task_signature(task, ctx)
            if cached is not None and tid not in touched and cached.signature == sig:
                continue
            snap = task_snapshot(task)
            if cached is not None and cached.snapshot == snap:
                if cached.signature == sig:
                    continue
                if same_candidate_context(cached.signature, sig):
                    # only the going rates / fees changed: they feed the task fact alone, so
                    # the candidate facts stay the same objects (a rate edit touches ~1/15 of
                    # the tasks; rebuilding their candidates was most of its cost)
                    tf = task_fact_new_context(cached.task_fact, task, ctx)
                    cache[tid] = TaskEntry(snap, sig, tf, cached.candidate_facts, None, cached.answers)
                    if cached.task_fact != tf:
                        gone.append(("task", tid))
                        added.append((("task", tid), tf))
                    continue
            seeded = self._seed_answers(task, ctx, snap, cached)
            tf, shared = task_fact_shared(task, ctx)
            if cached is not None and ctx_same and cached.snapshot[0] == snap[0] \
                    and same_candidate_context(cached.signature, sig):
                # the task's own fields and its context as before: only its candidates changed
                cfs = self._candidate_facts(task, ctx, shared, snap, cached)
            else:
                cfs = [candidate_fact(c, task, ctx, *shared) for c in task.candidates]
                self.candidate_facts_made += len(cfs)
            if cached is not None:
                if cached.task_fact == tf:
                    tf = cached.task_fact
                olds = {cf["id"]: cf for cf in cached.candidate_facts}
                cfs = [o if (o := olds.get(cf["id"])) is not None and (o is cf or o == cf) else cf for cf in cfs]
                gone.append(("task", tid))
                gone.extend(("candidate", cf["id"]) for cf in cached.candidate_facts)
            answers = memo_answers(task, ctx)
            if seeded:
                answers = merge_answers(answers, cached.answers, seeded)  # type: ignore[union-attr]
            cache[tid] = TaskEntry(snap, sig, tf, cfs, shared, answers)
            added.append((("task", tid), tf))
            added.extend((("candidate", cf["id"]), cf) for cf in cfs)
        if len(seen) != len(cache):
            for tid in [t for t in cache if t not in seen]:
                entry = cache.pop(tid)
                gone.append(("task", tid))
                gone.extend(("candidate", cf["id"]) for cf in entry.candidate_facts)
        # the facts are changed in place below; keep what the changed keys held before
        before: dict[Key, Fact | None] = {}
        for key in gone:
            before.setdefault(key, out.pop(key, None))
        for key, fact in added:
            before.setdefault(key, out.get(key))
            out[key] = fact
        ctx.memo.clear()  # kept as the last context: not the candidates its answers hold
        return Edit(before, set(before))


def _same_shared(a: tuple | None, b: tuple) -> bool:
    """Equal task-wide figures (:func:`task_fact_shared`), the median and minimum of the same type
    too (an ``int`` median where a ``float`` was would print differently)."""
    return a is not None and a == b and type(a[1]) is type(b[1]) and type(a[2]) is type(b[2])


def diff_facts(convert: EngineFacts, facts: Mapping[Key, Fact], old: Mapping[Key, Fact | None],
               efacts: Mapping[Key, dict], failures: Mapping[tuple, Finding], changed: set[Key] | None,
               fact_failure: Callable[[Key, str], Finding]) -> FactDiff:
    """The engine facts to retract and assert to go from ``old`` to ``facts`` (``efacts``: the
    engine facts asserted now). ``changed``: the only keys that can differ (None: diff them
    all, and report which changed). A malformed fact becomes a failure (``fact_failure``)."""
    retract: list[Key] = []
    assert_: dict[Key, dict] = {}
    if changed is not None:  # only these keys can differ: diff them alone
        new_failures = {k: v for k, v in failures.items() if not (k[0] == "fact" and k[1] in changed)}
        items: Iterable[tuple[Key, Fact]] = [(k, facts[k]) for k in changed if k in facts]
        removed = [k for k in changed if k not in facts]
    else:
        new_failures = {k: v for k, v in failures.items() if k[0] != "fact"}
        items = facts.items()
        removed = [k for k in old if k not in facts]
    # Without a hint, the diff below finds the keys whose fact changed (unchanged facts are
    # the same objects: see PlanFacts.stream); the findings then re-render only what those touch.
    diffs: set[Key] | None = set(removed) if changed is None else None
    for key, fact in items:
        prev = old.get(key)
        if prev is fact:
            if ("fact", key) in failures:
                new_failures[("fact", key)] = failures[("fact", key)]
            continue
        if diffs is not None:
            diffs.add(key)
        try:
            pairs = convert.engine_facts(key, fact)
        except ValueError as exc:
            retract.extend(ek for ek in convert.engine_keys(key) if ek in efacts)
            new_failures[("fact", key)] = fact_failure(key, str(exc))
            continue
        for ek, ef in pairs:
            pe = efacts.get(ek)
            if pe is not None and pe == ef:
                continue
            if pe is not None:
                retract.append(ek)
            assert_[ek] = ef
    for key in removed:
        retract.extend(ek for ek in convert.engine_keys(key) if ek in efacts)
    return FactDiff(retract, assert_, new_failures, diffs)
