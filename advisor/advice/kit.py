"""The interview kit: the questions to ask one candidate, from the advice open on them and their task.

A rule may carry questions (``ask = [...]`` in its pack, templated like its message): what a
seasoned buyer asks in the interview when that risk is present ("How will you store, and delete,
our customer data when the job ends?"). The kit of a candidate gathers the questions of the open
(not acknowledged) findings about the candidate and about their task, most severe first (the
candidate's own advice before the task's at the same severity), the same question once, at most
``MAX_QUESTIONS``. A finding that does not fire gives no question: a proven rehire is not asked
what brought their score down.

Pure functions over the plan and the findings: the app's interview form, the report and
``check --format json`` show the same kit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from advisor.advice.findings import severity_rank
from advisor.text import fold

#: The most questions a kit holds: an interview has time for a handful.
MAX_QUESTIONS = 8
#: The candidates a kit is made for in the report and ``check --format json``: those the owner
#: interviews (the app's interview form shows it for whoever it is opened on).
KIT_STATUSES = ("shortlisted", "interviewed")


@dataclass(frozen=True)
class Question:
    """One question, with the rule it comes from and that advice's severity."""

    text: str
    rule: str
    severity: str

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "question": self.text}


def _open_asking(f: Any) -> bool:
    return not f.suppressed and getattr(f, "kind", "advice") == "advice" and bool(getattr(f, "ask", ()))


def interview_kit(plan: Any, findings: Iterable[Any] | None, task_id: str, candidate_id: str,
                  limit: int = MAX_QUESTIONS) -> list[Question]:
    """The questions for candidate ``candidate_id`` of task ``task_id``, most severe first."""
    if findings is None:
        return []
    own = [f for f in findings if f.task == task_id and f.candidate in (None, candidate_id) and _open_asking(f)]
    return _questions(own, limit)


def _questions(picked: list[Any], limit: int) -> list[Question]:
    # stable: within a severity the candidate's own advice, then the findings' own order
    picked = sorted(picked, key=lambda f: (-severity_rank(f.severity), f.candidate is None))
    out: list[Question] = []
    seen: set[str] = set()
    for f in picked:
        for text in f.ask:
            key = fold(text)
            if key in seen:
                continue
            seen.add(key)
            out.append(Question(text, f.rule, f.severity))
            if len(out) >= limit:
                return out
    return out


def by_subject(findings: Iterable[Any]) -> dict[tuple[str, str | None], list[Any]]:
    """(task id, candidate id or None) -> the open findings with questions about it, in order:
    one pass, so every kit of a plan reads only its own findings (a kit per candidate that read
    every finding was quadratic: 3,000 kits x 2,400 findings at 10,000 candidates)."""
    out: dict[tuple[str, str | None], list[Any]] = {}
    for f in findings:
        if f.task is not None and _open_asking(f):
            out.setdefault((f.task, f.candidate), []).append(f)
    return out


def kit_of(index: dict[tuple[str, str | None], list[Any]], task_id: str, candidate_id: str,
           limit: int = MAX_QUESTIONS) -> list[Question]:
    """:func:`interview_kit` from :func:`by_subject`'s index (the same questions, same order)."""
    return _questions([*index.get((task_id, candidate_id), ()), *index.get((task_id, None), ())], limit)


def plan_kits(plan: Any, findings: Iterable[Any] | None) -> dict[tuple[str, str], list[Question]]:
    """(task id, candidate id) -> the kit, for every shortlisted or interviewed candidate of an
    open task (a task with nobody to interview has none)."""
    from advisor.plan.model import CLOSED_STATUSES

    index = by_subject(findings) if findings is not None else None
    out: dict[tuple[str, str], list[Question]] = {}
    for task in plan.tasks:
        if task.status in CLOSED_STATUSES:
            continue
        for c in task.candidates:
            if c.status in KIT_STATUSES:
                out[(task.id, c.id)] = kit_of(index, task.id, c.id) if index is not None else []
    return out
