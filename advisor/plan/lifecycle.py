"""The hiring lifecycle: which status a task and a candidate move to when the owner acts.

Pure functions over the model's records, no I/O: :mod:`advisor.session` applies what they return
(through the workspace's versioned saves), the app asks the questions they name, the command line
uses the same functions. The table below (:data:`TASK_TRANSITIONS`, :data:`CANDIDATE_TRANSITIONS`)
is the whole lifecycle; docs/app.md shows it as a state table.

Why explicit: when the status only moved by hand, the advice that depends on it ("shortlist 3 to
5", "try several marketplaces") never fired, and one key could silently undo a hire.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Literal

from advisor.plan.changes import task_name
from advisor.plan.model import CLOSED_STATUSES, Candidate, Plan, Task

TaskStatus = Literal["draft", "posted", "hiring", "hired", "done", "cancelled"]
CandidateStatus = Literal["applied", "shortlisted", "interviewed", "hired", "rejected"]


@dataclass(frozen=True)
class Transition:
    """One row of the state table: in ``source`` (``*``: any open status), ``event`` moves to
    ``target``; ``note`` says what must hold or what is asked first."""

    source: str
    event: str
    target: str
    note: str = ""
    #: the app's action id for the event (``main.shortlist``): the core names no keys, the app
    #: shows the key bound to the action (remapped by ``[keys]`` or not)
    action: str = ""


TASK_TRANSITIONS: tuple[Transition, ...] = (
    Transition("draft", "post", "posted", "the task names at least one marketplace", "main.post"),
    Transition("draft", "first candidate added", "hiring", "form, CSV import or plan import"),
    Transition("posted", "first candidate added", "hiring", "form, CSV import or plan import"),
    Transition("draft, posted, hiring", "hire", "hired", "once `openings` people are hired", "main.hire"),
    Transition("hired", "un-hire", "hiring", "asks to confirm and for a reason", "main.unhire"),
    Transition("*", "mark done", "done", "asks first", "main.mark_done"),
    Transition("*", "cancel", "cancelled", "asks first", "main.cancel_task"),
)

CANDIDATE_TRANSITIONS: tuple[Transition, ...] = (
    Transition("applied, interviewed", "shortlist", "shortlisted", "", "main.shortlist"),
    Transition("shortlisted", "shortlist", "applied", "takes them off the shortlist", "main.shortlist"),
    Transition("hired", "shortlist", "hired", "refused: un-hire first", "main.shortlist"),
    Transition("applied, shortlisted, interviewed", "reject", "rejected", "asks for a reason", "main.reject"),
    Transition("hired", "reject", "hired", "refused: un-hire first", "main.reject"),
    Transition("applied, shortlisted, interviewed", "hire", "hired",
               "asks first; names who is hired when the openings are filled", "main.hire"),
    Transition("hired", "un-hire", "shortlisted", "asks to confirm and for a reason", "main.unhire"),
    Transition("shortlisted, interviewed", "decline the rest", "rejected",
               "offered once a hire fills the openings; one reason for all, one change"),
)


@dataclass(frozen=True)
class Step:
    """What one action does. ``refused``: nothing changes, tell the owner why. ``confirm``: ask
    this question before applying. ``task``/``candidate``: the new records to save (None: that
    record does not change); ``others``: more candidates changed by the same decision (declining
    the rest of a shortlist), saved with it or not at all. ``label``: the decision in a few
    words, for the history."""

    label: str
    task: Task | None = None
    candidate: Candidate | None = None
    refused: str = ""
    confirm: str = ""
    others: tuple[Candidate, ...] = ()


def hired(task: Task) -> list[Candidate]:
    return [c for c in task.candidates if c.status == "hired"]


def status_with_candidates(task: Task, count: int) -> str:
    """The task's status once it has ``count`` candidates: a draft or posted task with any
    candidate is hiring."""
    if count > 0 and task.status in ("draft", "posted"):
        return "hiring"
    return task.status


def candidates_added(task: Task, added: int) -> Task | None:
    """The task after ``added`` candidates were added to it (None: its status stays)."""
    status = status_with_candidates(task, len(task.candidates) + added)
    return replace(task, status=status) if status != task.status else None


def post(task: Task) -> Step:
    label = f"post task {task_name(task)}"
    if task.status != "draft":
        return Step(label, refused=f"{task.title} is {task.status}, not a draft")
    if not task.marketplaces:
        return Step(label, refused=f"{task.title} names no marketplace yet: edit the task to add one")
    return Step(label, task=replace(task, status="posted"))


def mark_done(task: Task) -> Step:
    if task.status == "done":
        return Step(f"mark task {task_name(task)} done", refused=f"{task.title} is already done")
    return Step(f"mark task {task_name(task)} done", task=replace(task, status="done"))


def cancel(task: Task) -> Step:
    if task.status == "cancelled":
        return Step(f"cancel task {task_name(task)}", refused=f"{task.title} is already cancelled")
    return Step(f"cancel task {task_name(task)}", task=replace(task, status="cancelled"))


def shortlist(task: Task, cand: Candidate) -> Step:
    """Toggle the shortlist; never touches a hired candidate."""
    if cand.status == "hired":
        return Step(f"shortlist {cand.name}", refused=f"{cand.name} is hired; un-hire them first")
    if cand.status == "shortlisted":
        return Step(f"take {cand.name} off the shortlist", candidate=replace(cand, status="applied"))
    return Step(f"shortlist {cand.name}", candidate=replace(cand, status="shortlisted", reject_reason=""))


def reject(task: Task, cand: Candidate, reason: str) -> Step:
    if cand.status == "hired":
        return Step(f"reject {cand.name}", refused=f"{cand.name} is hired; un-hire them first")
    return Step(f"reject {cand.name}", candidate=replace(cand, status="rejected", reject_reason=reason))


def hire(task: Task, cand: Candidate) -> Step:
    """Hire ``cand``; the task becomes ``hired`` once ``openings`` people are. Hiring beyond the
    openings is allowed after a question naming who is already hired."""
    label = f"hire {cand.name} for {task_name(task)}"
    if cand.status == "hired":
        return Step(label, refused=f"{cand.name} is already hired")
    others = hired(task)
    confirm = ""
    if len(others) >= task.openings:
        names = ", ".join(c.name for c in others)
        confirm = (f"{task.title} has {task.openings} opening(s) and {names} "
                   f"{'is' if len(others) == 1 else 'are'} already hired. Hire {cand.name} as well?")
    new_task = None
    if len(others) + 1 >= task.openings and task.status not in ("hired", *CLOSED_STATUSES):
        new_task = replace(task, status="hired")
    return Step(label, task=new_task, candidate=replace(cand, status="hired", reject_reason=""), confirm=confirm)


#: Who is still in the running once a task has hired: on the shortlist, interviewed or not.
IN_THE_RUNNING = ("shortlisted", "interviewed")


def still_shortlisted(task: Task) -> list[Candidate]:
    """The candidates a filled task could decline: shortlisted or interviewed, not hired."""
    return [c for c in task.candidates if c.status in IN_THE_RUNNING]


def decline_rest(task: Task, reason: str) -> Step:
    """Reject everyone still shortlisted (or interviewed) once the task's openings are filled,
    each with ``reason`` (kept as their reject reason, as a reject keeps it): marketplaces expect
    the others to hear. One step: saved whole or not at all."""
    rest = still_shortlisted(task)
    label = f"decline {len(rest)} shortlisted candidate(s) for {task.id}"
    if len(hired(task)) < task.openings:
        return Step(label, refused=f"{task.title} has not filled its {task.openings} opening(s) yet")
    if not rest:
        return Step(label, refused=f"nobody else is shortlisted for {task.title}")
    if not reason.strip():
        return Step(label, refused="give a reason: each candidate keeps it")
    declined = tuple(replace(c, status="rejected", reject_reason=reason.strip()) for c in rest)
    return Step(f"{label}: {reason.strip()}", candidate=declined[0], others=declined[1:])


def unhire(task: Task, cand: Candidate, reason: str) -> Step:
    """Back to shortlisted, the reason kept in the candidate's notes (and the history); a hired
    task goes back to hiring."""
    label = f"un-hire {cand.name} from {task_name(task)}"
    if cand.status != "hired":
        return Step(label, refused=f"{cand.name} is not hired")
    if not reason.strip():
        return Step(label, refused="give a reason: it is kept in the decision log")
    note = f"Un-hired: {reason.strip()}"
    notes = f"{cand.notes}\n{note}" if cand.notes else note
    new_task = replace(task, status="hiring") if task.status == "hired" else None
    return Step(f"{label}: {reason.strip()}", task=new_task, candidate=replace(cand, status="shortlisted", notes=notes),
                confirm=f"Un-hire {cand.name} from {task.title}? The task goes back to hiring.")


@dataclass(frozen=True)
class OutOfStep:
    """A task whose status does not follow from its candidates (imported as written)."""

    task: str
    status: str
    expected: str
    why: str


def out_of_step(plan: Plan) -> list[OutOfStep]:
    """Tasks whose status the lifecycle would have moved: a draft or posted task with candidates
    or a hire, a task with its openings filled that is not hired, a hired task nobody is hired
    for. Never fixed silently: the owner decides."""
    return [o for o in map(task_out_of_step, plan.tasks) if o is not None]


def task_out_of_step(t: Task) -> OutOfStep | None:
    """:func:`out_of_step` for one task (the facts call it per task, so an edit recomputes one)."""
    if t.status in CLOSED_STATUSES:
        return None
    n_hired = len(hired(t))
    if n_hired >= t.openings and t.status != "hired":
        return OutOfStep(t.id, t.status, "hired", f"{n_hired} of its {t.openings} opening(s) are filled")
    if t.status == "hired" and n_hired == 0:
        return OutOfStep(t.id, t.status, "hiring", "nobody is hired")
    if t.candidates and t.status in ("draft", "posted"):
        return OutOfStep(t.id, t.status, "hiring", f"it already has {len(t.candidates)} candidate(s)")
    return None


def state_table_markdown(key_for: Callable[[str], str | None] | None = None) -> str:
    """The transition tables as Markdown. ``key_for``: the key bound to an action id, shown in
    brackets after the event (the app guide holds the copy with the app's default keys, a test
    keeps them equal); without it the events alone."""
    def event(r: Transition) -> str:
        key = key_for(r.action) if key_for is not None and r.action else None
        return f"{r.event} ({key})" if key else r.event

    lines = []
    for title, rows in (("Task", TASK_TRANSITIONS), ("Candidate", CANDIDATE_TRANSITIONS)):
        lines += [f"| {title} status | Action | Becomes | Note |", "|---|---|---|---|"]
        lines += [f"| {r.source} | {event(r)} | {r.target} | {r.note} |" for r in rows]
        lines.append("")
    return "\n".join(lines)
