"""The same person across tasks: who is hired where, so advice can see one freelancer holding
several open tasks.

A person is recognised by name (case-, accent- and space-insensitive) plus marketplace
(:func:`advisor.model.person_key`): "José Ortega" on Upwork hired for the logo and "jose  ortega"
on Upwork hired for the website are one person; the same name on Fiverr is someone else.

Only hires on *open* tasks (not done, not cancelled) count: a finished job is history, not a
dependence. The counts feed the candidate facts of the hired candidates (``person_open_hires``
and friends, see ``docs/rules.md``); they are part of each task's context signature so the
incremental engine redoes a task's facts when a hire elsewhere changes what they say.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Callable

from .model import CLOSED_STATUSES, Plan


@dataclass(frozen=True)
class PersonLoad:
    """One person's hires on open tasks."""

    #: open tasks this person is hired on
    open_hires: int
    #: critical open tasks this person is hired on
    critical_hires: int
    #: the task id of the first of them in plan order (a rule about the person fires there only)
    first_task: str
    #: their titles in plan order, joined with ", "
    titles: str


def hires_by_person(plan: Plan) -> dict[str, PersonLoad]:
    """Person key -> :class:`PersonLoad`, for every person hired on an open task."""
    tasks: dict[str, list[str]] = {}  # person -> task ids, plan order
    titles: dict[str, list[str]] = {}
    critical: dict[str, int] = {}
    for task in plan.tasks:
        if task.status in CLOSED_STATUSES:
            continue
        seen: set[str] = set()
        for cand in task.candidates:
            if cand.status != "hired":
                continue
            key = cand.person
            if key in seen:
                continue  # hired twice on one task counts once here (second-hire speaks about that)
            seen.add(key)
            tasks.setdefault(key, []).append(task.id)
            titles.setdefault(key, []).append(task.title)
            critical[key] = critical.get(key, 0) + (1 if task.critical else 0)
    return {k: PersonLoad(len(ids), critical[k], ids[0], ", ".join(titles[k])) for k, ids in tasks.items()}


def quality_by_person(plan: Plan, is_quality: Callable[[str], bool]) -> dict[str, float]:
    """Person key -> the quality-of-work score of their latest interview that scored it (any
    task, open or closed; undated interviews count as older than dated ones, then plan order).
    Someone whose samples you scored on the logo and then hired for the website without a new
    interview has had their work judged: ``hire-without-quality-score`` reads this."""
    best: dict[str, tuple[tuple, float]] = {}
    order = 0
    for task in plan.tasks:
        for cand in task.candidates:
            order += 1
            iv = cand.interview
            if iv is None:
                continue
            scores = [v for k, v in iv.scores.items() if is_quality(k)]
            if not scores:
                continue
            rank = (iv.date is not None, iv.date.toordinal() if iv.date else 0, order)
            key = cand.person
            if key not in best or rank > best[key][0]:
                best[key] = (rank, sum(scores) / len(scores))
    return {k: v for k, (_, v) in best.items()}


def critical_open_tasks(plan: Plan) -> int:
    """Critical tasks not yet done or cancelled."""
    return sum(1 for t in plan.tasks if t.critical and t.status not in CLOSED_STATUSES)
