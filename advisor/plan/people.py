"""The same person across tasks: who is hired where, so advice can see one freelancer holding
several open tasks.

A person is recognised by name (case-, accent- and space-insensitive) plus marketplace
(:func:`advisor.plan.model.person_key`): "José Ortega" on Upwork hired for the logo and "jose  ortega"
on Upwork hired for the website are one person; the same name on Fiverr is someone else.

Only hires on *open* tasks (not done, not cancelled) count: a finished job is history, not a
dependence. The counts feed the candidate facts of the hired candidates (``person_open_hires``
and friends, see ``docs/rules.md``); they are part of each task's context signature so the
incremental engine redoes a task's facts when a hire elsewhere changes what they say.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import Callable, Iterable

from advisor.plan.model import CLOSED_STATUSES, Plan, Task


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
    #: the first of them (plan order) that exposes sensitive data; "" when none does
    first_sensitive: str = ""
    #: an NDA is recorded for this person on any task of the plan (one NDA covers the person)
    nda: bool = False


@dataclass(frozen=True)
class People:
    """What advice needs to know about people across the plan's tasks."""

    #: person key -> their hires on open tasks
    hires: dict[str, PersonLoad]
    #: person key -> the quality-of-work score of their latest interview that scored it (any
    #: task, open or closed; undated interviews count as older than dated ones, then plan
    #: order). Someone whose samples you scored on the logo and then hired for the website
    #: without a new interview has had their work judged: ``hire-without-quality-score``.
    quality: dict[str, float]
    #: person keys with an NDA recorded on any task (one NDA binds the person, not the task)
    ndas: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Hire:
    person: str
    task: str
    title: str
    critical: bool
    sensitive: bool = False


@dataclass(frozen=True)
class QualityScore:
    person: str
    #: (dated, day ordinal): undated interviews rank below dated ones
    when: tuple[bool, int]
    score: float


@dataclass(frozen=True)
class TaskPeople:
    """One task's share of :class:`People` (its hires if it is open, its interviews' quality
    scores), so an edit of one task recomputes one share, not the plan's."""

    hires: tuple[Hire, ...]
    quality: tuple[QualityScore, ...]
    #: people with an NDA recorded on this task (any status: the NDA binds the person)
    ndas: tuple[str, ...] = ()


def task_people(task: Task, is_quality: Callable[[str], bool]) -> TaskPeople:
    """``task``'s share; ``is_quality(criterion)`` says which interview scores rate the work."""
    hires: list[Hire] = []
    quality: list[QualityScore] = []
    is_open = task.status not in CLOSED_STATUSES
    seen: set[str] = set()
    ndas = tuple(dict.fromkeys(c.person for c in task.candidates if "nda" in c.agreements))
    for cand in task.candidates:
        iv = cand.interview
        hired = cand.status == "hired"
        if iv is None and not hired:
            continue
        key = cand.person
        if hired and is_open and key not in seen:  # hired twice on one task counts once here
            seen.add(key)                          # (second-hire speaks about that)
            hires.append(Hire(key, task.id, task.title, task.critical, task.sensitive_data))
        if iv is not None:
            scores = [v for k, v in iv.scores.items() if is_quality(k)]
            if scores:
                when = (iv.date is not None, iv.date.toordinal() if iv.date else 0)
                quality.append(QualityScore(key, when, sum(scores) / len(scores)))
    return TaskPeople(tuple(hires), tuple(quality), ndas)


def merge_people(shares: Iterable[TaskPeople]) -> People:
    """:class:`People` from the tasks' shares, in plan order."""
    tasks: dict[str, list[Hire]] = {}
    best: dict[str, QualityScore] = {}
    ndas: set[str] = set()
    for share in shares:
        ndas.update(share.ndas)
        for h in share.hires:
            tasks.setdefault(h.person, []).append(h)
        for q in share.quality:
            if q.person not in best or q.when >= best[q.person].when:  # ties: the later in plan order
                best[q.person] = q
    hires = {k: PersonLoad(len(hs), sum(1 for h in hs if h.critical), hs[0].task, ", ".join(h.title for h in hs),
                           next((h.task for h in hs if h.sensitive), ""), k in ndas)
             for k, hs in tasks.items()}
    return People(hires, {k: q.score for k, q in best.items()}, frozenset(ndas))


def people_of(plan: Plan, is_quality: Callable[[str], bool]) -> People:
    """:class:`People` for the whole plan."""
    return merge_people(task_people(t, is_quality) for t in plan.tasks)


def critical_open_tasks(plan: Plan) -> int:
    """Critical tasks not yet done or cancelled."""
    return sum(1 for t in plan.tasks if t.critical and t.status not in CLOSED_STATUSES)
