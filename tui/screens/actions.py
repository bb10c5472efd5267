"""The candidate decisions (shortlist, reject, interview, hire), shared by the main screen and
the compare screen. Each takes the app, the task and the candidate as they are now. They push this package's
dialogs, so they live beside the screens (a module above them would make a cycle)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.content import Content

from advisor.model import Candidate, Task

from ..widgets.panes import sort_findings
from ..widgets.text import lit


def save_candidate(app: Any, cand: Candidate, done: str) -> None:
    app.save(lambda: app.ctl.save_candidate(cand), after=lambda _: app.notify(done, timeout=3))


def shortlist(app: Any, cand: Candidate) -> None:
    """Shortlist; on a shortlisted candidate, put them back to applied."""
    if cand.status == "shortlisted":
        save_candidate(app, replace(cand, status="applied"), f"{cand.name}: back to applied")
    else:
        save_candidate(app, replace(cand, status="shortlisted", reject_reason=""), f"{cand.name}: shortlisted")


def reject(app: Any, cand: Candidate) -> None:
    from .dialogs import ReasonScreen

    def done(reason: str | None) -> None:
        if reason:
            save_candidate(app, replace(cand, status="rejected", reject_reason=reason), f"{cand.name}: rejected")

    app.push_screen(ReasonScreen(Content.assemble("Reject ", lit(cand.name)), "Why? (kept with the candidate)",
                                 cand.reject_reason), done)


def interview(app: Any, cand: Candidate) -> None:
    from .forms import InterviewForm

    app.push_screen(InterviewForm(cand))


def hire(app: Any, task: Task, cand: Candidate) -> None:
    """Confirm first: the open advice about this candidate and task, and what the hire would raise."""
    from .dialogs import HireScreen

    ctl = app.ctl
    findings = app.findings
    open_items = []
    if findings is not None:
        open_items = sort_findings([f for f in findings.for_task(task.id)
                                    if not f.suppressed and f.candidate in (None, cand.id)])

    def done(ok: bool | None) -> None:
        if not ok:
            return

        def run() -> Candidate:
            saved = ctl.save_candidate(replace(cand, status="hired", reject_reason=""))
            current = ctl.task(task.id)
            if current.status not in ("hired", "done"):
                ctl.save_task(replace(current, status="hired"))
            return saved

        app.save(run, after=lambda _: app.notify(f"{cand.name} hired for {task.title}."))

    def what_if() -> list:
        plan = ctl.snapshot()
        for i, t in enumerate(plan.tasks):
            if t.id == task.id:
                cands = [replace(c, status="hired") if c.id == cand.id else c for c in t.candidates]
                status = t.status if t.status in ("hired", "done") else "hired"
                plan.tasks[i] = replace(t, candidates=cands, status=status)
        return ctl.what_if(plan, task.id)

    app.push_screen(HireScreen(task, cand, open_items, what_if), done)
