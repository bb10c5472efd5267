"""The Ranking's kept rows: what :func:`advisor.advice.value.task_values` worked out for each
candidate, kept between edits so an edit of one candidate re-ranks that candidate's row alone.

A keystroke in a 300-candidate task asked every candidate again (their notes' words, whether they
are ruled out, their all-in cost, their score and reason: ~50 µs each) because the task's record
was replaced. :class:`RankMemo` keeps, per task, each candidate's parts, each under the key of
what it was computed from:

- the task's context (every field of the task itself, the phrase lists, the escrow-less
  marketplaces, ``key_criterion_low``, the weights, the plan's marketplaces and business): when
  it changes, the whole task is worked out again;
- the candidate (a snapshot of every field, lists and the interview copied, so a change made in
  place shows too): its words, its exclusion, its costs;
- the figures its score and reason compare it with (the median, the reference, the cheapest, the
  best interview...): passed by the caller as the key of that part.

Results are identical to a fresh Ranking (``tests/test_rank_memo.py`` compares them after every
edit of a random sequence, and counts the rows worked out per edit). Without a memo
(:data:`FRESH`) everything is worked out, as ``check`` and the report do once per command."""

from __future__ import annotations

import copy
import threading
import weakref
from operator import attrgetter
from typing import Any, Callable

from advisor.plan import fields
from advisor.plan.model import Candidate, Plan, Task

_TASK_FIELDS = attrgetter(*[s.name for s in fields.TASK if s.kind != "table"])
_CAND_FIELDS = attrgetter(*[s.name for s in fields.CANDIDATE if s.kind != "table"])


def _frozen(values: tuple) -> tuple:
    return tuple(tuple(v) if v.__class__ is list else v for v in values)


_CAND_LISTS = attrgetter(*[s.name for s in fields.CANDIDATE if s.kind == "list"])


def candidate_snapshot(c: Candidate) -> tuple:
    """Every field of ``c`` and its interview, as the engine's ``task_snapshot``: the values, and
    copies of the lists and scores (a list changed in place differs from its copy)."""
    iv = c.interview
    return (_CAND_FIELDS(c), tuple(map(tuple, _CAND_LISTS(c))),
            None if iv is None else (iv.date, tuple(iv.scores.items()), iv.notes))


#: Tasks whose rows are kept (the app ranks the task on screen; a few are enough to go back to).
MAX_TASKS = 32


class Fresh:
    """No memo: every part worked out (one Ranking per command)."""

    def get(self, cid: str, slot: str, key: Any, compute: Callable[[], Any]) -> Any:
        return compute()

    def exclusions(self, task: Task, run: Callable[[Task, dict], dict], words: dict) -> dict[str, str]:
        return run(task, words)


FRESH = Fresh()


class TaskRows(Fresh):
    """One task's kept parts: candidate id -> {slot: (key, value)}, with the snapshot under ``""``."""

    def __init__(self, memo: "RankMemo", key: tuple) -> None:
        self.memo, self.key, self.rows = memo, key, {}
        self.phrases: Any = None

    def sync(self, task: Task) -> None:
        """Drop what was kept for a candidate that changed (or left the task)."""
        before, rows = self.rows, {}
        for c in task.candidates:
            snap = candidate_snapshot(c)
            row = before.get(c.id)
            rows[c.id] = row if row is not None and row[""] == snap else {"": snap}
        self.rows = rows

    def get(self, cid: str, slot: str, key: Any, compute: Callable[[], Any]) -> Any:
        row = self.rows[cid]
        hit = row.get(slot)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = compute()
        row[slot] = (key, value)
        self.memo.worked[slot] = self.memo.worked.get(slot, 0) + 1
        return value

    def exclusions(self, task: Task, run: Callable[[Task, dict], dict], words: dict) -> dict[str, str]:
        """``run`` (:func:`advisor.rules.exclusion.exclusions`) for the candidates not asked since
        they last changed, on a copy of the task holding only them (each answer depends on the
        candidate and the task's own fields alone); the others' words and answers as kept."""
        fresh = [c for c in task.candidates if "out" not in self.rows[c.id]]
        if fresh:
            part = copy.copy(task)
            part.candidates = fresh
            said: dict = {}
            why = run(part, said)
            for c in fresh:
                self.rows[c.id]["out"] = (None, (said[c.id], why.get(c.id, "")))
            self.memo.worked["out"] = self.memo.worked.get("out", 0) + len(fresh)
        out = {}
        for c in task.candidates:
            words[c.id], why_c = self.rows[c.id]["out"][1]
            if why_c:
                out[c.id] = why_c
        return out


class RankMemo:
    """Each task's kept Ranking parts (:class:`TaskRows`), for a caller that ranks the same tasks
    again after edits (the app). ``worked``: parts worked out, by slot (``out``: a candidate's
    words and exclusion; ``money``: its costs; ``row``: its score and reason), for tests."""

    def __init__(self) -> None:
        self.tasks: dict[str, TaskRows] = {}
        self.worked: dict[str, int] = {}
        #: one Ranking at a time (the app ranks on its UI thread; a worker may rank too)
        self.lock = threading.RLock()

    def rows(self, plan: Plan, task: Task, phrases: Any, *context: Any) -> TaskRows:
        """The kept rows of ``task``, emptied when its context changed, each candidate's dropped
        when it changed."""
        key = (_frozen(_TASK_FIELDS(task)), tuple(map(repr, plan.marketplaces)), repr(plan.business), context)
        kept = self.tasks.get(task.id)
        if kept is None or kept.key != key or kept.phrases is not phrases:
            if kept is None and len(self.tasks) >= MAX_TASKS:  # the task shown longest ago goes
                del self.tasks[next(iter(self.tasks))]
            kept = self.tasks[task.id] = TaskRows(self, key)
            kept.phrases = phrases
        kept.sync(task)
        return kept


#: The memo kept for each Basis that asked for one (the app's): every Ranking made with that
#: basis uses it, the pane's "#1", the compare screen and the Next step's "talk to" alike.
_KEPT: "weakref.WeakKeyDictionary[Any, RankMemo]" = weakref.WeakKeyDictionary()


def keep(basis: Any, memo: RankMemo) -> None:
    """Rankings made with ``basis`` use ``memo`` from now on (the app's one memo, registered for
    the basis it shows; a new basis of the same lists and weights keeps its rows). ``check`` and
    the report register none, so they keep nothing."""
    if _KEPT.get(basis) is not memo:
        _KEPT[basis] = memo


def memo_of(basis: Any) -> RankMemo | None:
    """The memo registered for ``basis`` (:func:`keep`); None when there is none."""
    return _KEPT.get(basis)


def ruled_out_with(plan: Plan, task: Task, basis: Any = None) -> tuple[dict[str, str], dict]:
    """(candidate id -> why they are ruled out, candidate id -> their words) for ``task``'s
    candidates, as the Ranking with ``basis`` reads them
    (:func:`advisor.rules.exclusion.exclusions` with the plan's marketplaces): from the rows kept
    for that basis (:func:`keep`, the app's; only the candidates changed since are asked again),
    else worked out. The task's decision reads this (``decide._ruled``), so a keystroke does not
    read the task's 300 candidates' notes twice more than its Ranking did."""
    from advisor.advice.basis import basis_or_builtin
    from advisor.rules.exclusion import exclusions
    from advisor.rules.factcontext import escrow_of, no_escrow_of
    from advisor.rules.sharedhours import owner_day
    from advisor.settings import ValueWeights

    b = basis_or_builtin(basis)
    phrases, no_escrow, escrow, owner = b.phrases, no_escrow_of(plan), escrow_of(plan), owner_day(plan)

    def run(t: Task, words: dict) -> dict[str, str]:
        return exclusions(t, phrases, no_escrow, b.key_criterion_low, words, escrow, owner)

    words: dict = {}
    memo = memo_of(b)
    if memo is None:
        return run(task, words), words
    with memo.lock:  # the context value.task_values keys the same rows with (else it would empty them)
        kept = memo.rows(plan, task, phrases, no_escrow, b.key_criterion_low, b.weights or ValueWeights(), owner)
        return kept.exclusions(task, run, words), words
