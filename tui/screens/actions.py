"""The owner's decisions (shortlist, reject, interview, hire, un-hire, post, done, cancel, undo),
shared by the main screen and the compare screen.

What each decision does is :mod:`advisor.plan.lifecycle`'s (the same as on the command line): this
module asks the questions a step names (``confirm``), says why a step is refused, and queues the
step for the session (``ctl.apply``) in the app's save queue. Each takes the app (its save
queue, dialogs and notices) and the controller the calling screen was given (the plan and the
advice). They push this package's dialogs, so they live beside the screens (a module above them
would make a cycle).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.content import Content

from advisor.plan import lifecycle
from advisor.plan.model import Candidate, Task

from ..data import Controller
from ..widgets.panes import sort_findings
from ..widgets.text import lit


def _current(ctl: Controller, cand: Candidate) -> tuple[Task, Candidate]:
    """The task and candidate as they are in the plan now (a screen may hold an older copy)."""
    plan = ctl.plan
    try:
        cand = plan.candidate(cand.id)
        return plan.task(cand.task), cand
    except Exception:
        return plan.task(cand.task), cand


def apply(app: Any, ctl: Controller, step: lifecycle.Step, done: str) -> None:
    """Queue ``step`` (already confirmed); a refused step is a warning and changes nothing."""
    if step.refused:
        app.notify(step.refused, title="Not changed", severity="warning")
        return
    app.save(lambda: ctl.apply(step), after=lambda _: app.notify(done, timeout=3))


def shortlist(app: Any, ctl: Controller, cand: Candidate) -> None:
    """Shortlist; on a shortlisted candidate, put them back to applied; a hired one: refused."""
    task, cand = _current(ctl, cand)
    step = lifecycle.shortlist(task, cand)
    done = f"{cand.name}: back to applied" if cand.status == "shortlisted" else f"{cand.name}: shortlisted"
    apply(app, ctl, step, done)


def _with_reason(app: Any, ctl: Controller, cand: Candidate, decide: Any, title: Any, prompt: str, done_text: Any,
                 initial: str = "") -> None:
    """A decision that needs a reason (reject, un-hire): refused steps say why at once; else the
    reason is asked (Escape changes nothing) and the step made from the records as they are then."""
    from .dialogs import ReasonScreen

    task, cand = _current(ctl, cand)
    if decide(task, cand, "-").refused:
        apply(app, ctl, decide(task, cand, "-"), "")
        return

    def done(reason: str | None) -> None:
        if reason:
            t, c = _current(ctl, cand)
            apply(app, ctl, decide(t, c, reason), done_text(t))

    app.push_screen(ReasonScreen(title(decide(task, cand, "-")), prompt, initial), done)


def reject(app: Any, ctl: Controller, cand: Candidate) -> None:
    _with_reason(app, ctl, cand, lifecycle.reject, lambda _step: Content.assemble("Reject ", lit(cand.name)),
                 "Why? (kept with the candidate)", lambda _t: f"{cand.name}: rejected", cand.reject_reason)


def interview(app: Any, ctl: Controller, cand: Candidate) -> None:
    from .forms import InterviewForm

    app.push_screen(InterviewForm(ctl, cand))


def unhire(app: Any, ctl: Controller, cand: Candidate) -> None:
    """Asks to confirm, with a reason (kept in the notes and the decision log)."""
    _with_reason(app, ctl, cand, lifecycle.unhire, lambda step: lit(step.confirm),
                 "Why? (kept in the notes and the decision log; Escape keeps the hire)",
                 lambda t: f"{cand.name} is no longer hired; {t.title} is hiring again.")


def hire(app: Any, ctl: Controller, task: Task, cand: Candidate) -> None:
    """Confirm first: beyond the openings, a question naming who is hired; then the open advice
    about this candidate and task, and what the hire would raise."""
    from .dialogs import ConfirmScreen, HireScreen

    task, cand = _current(ctl, cand)
    step = lifecycle.hire(task, cand)
    if step.refused:
        apply(app, ctl, step, "")
        return
    findings = ctl.advice.findings
    open_items = []
    if findings is not None:
        open_items = sort_findings([f for f in findings.for_task(task.id)
                                    if not f.suppressed and f.candidate in (None, cand.id)])

    def done(ok: bool | None) -> None:
        if ok:
            t, c = _current(ctl, cand)
            step = lifecycle.hire(t, c)
            if step.refused:
                apply(app, ctl, step, "")
                return
            app.save(lambda: ctl.apply(step), after=lambda _: (
                app.notify(f"{cand.name} hired for {task.title}.", timeout=3), offer_decline(app, ctl, task.id)))

    def what_if() -> list:
        plan = ctl.snapshot()
        for i, t in enumerate(plan.tasks):
            if t.id == task.id:
                cands = [step.candidate if c.id == cand.id else c for c in t.candidates]
                plan.tasks[i] = replace(step.task or t, candidates=cands)
        return ctl.what_if(plan, task.id)

    def ask_hire(ok: bool | None = True) -> None:
        if ok:
            app.push_screen(HireScreen(task, cand, open_items, what_if), done)

    if step.confirm:
        app.push_screen(ConfirmScreen("Hire beyond the openings?", step.confirm, yes="Go on"), ask_hire)
    else:
        ask_hire()


def offer_decline(app: Any, ctl: Controller, task_id: str) -> None:
    """Once a hire fills the task's openings, offer to decline everyone still shortlisted, with
    one reason (kept as each one's reject reason) in one change; Escape leaves them as they are."""
    from .dialogs import ReasonScreen

    try:
        task = ctl.plan.task(task_id)
    except Exception:
        return
    if lifecycle.decline_rest(task, "-").refused:
        return  # openings not filled yet, or nobody else shortlisted
    rest = lifecycle.still_shortlisted(task)
    names = ", ".join(c.name for c in rest)

    def done(reason: str | None) -> None:
        if reason:
            step = lifecycle.decline_rest(ctl.plan.task(task_id), reason)
            apply(app, ctl, step, f"Declined {len(step.others) + 1} candidate(s) for {task.title}.")

    app.push_screen(ReasonScreen(
        Content.assemble("Decline the rest of the shortlist for ", lit(task.title), "?"),
        f"{names} {'is' if len(rest) == 1 else 'are'} still shortlisted. "
        "Reason (kept with each; Escape keeps them):", "Another candidate was hired"), done)


def task_step(app: Any, ctl: Controller, task: Task, which: str) -> None:
    """``post``, ``done`` or ``cancel`` the task; done and cancel ask first (one key would
    otherwise close a task by accident)."""
    from .dialogs import ConfirmScreen

    task = ctl.plan.task(task.id)
    step = {"post": lifecycle.post, "done": lifecycle.mark_done, "cancel": lifecycle.cancel}[which](task)
    done = f"{task.title}: {step.task.status if step.task else task.status}"
    if which == "post" or step.refused:
        apply(app, ctl, step, done)
        return
    if which == "done":
        dialog = ConfirmScreen("Mark task done?", Content.assemble(
            "Mark ", lit(task.title), " done? Its advice stops; ctrl+z undoes this."), yes="Mark done", no="Keep")
    else:
        dialog = ConfirmScreen("Cancel task?", Content.assemble(
            "Cancel ", lit(task.title), "? Its advice stops; ctrl+z undoes this."), yes="Cancel task", no="Keep")
    app.push_screen(dialog, lambda ok: apply(app, ctl, step, done) if ok else None)


def edit_record(app: Any, ctl: Controller, finding: Any) -> None:
    """Open the form of the record a finding is about: its candidate, else its task, else the
    business (the advice about the plan as a whole)."""
    from .formcache import show_form
    from .forms import BusinessForm, CandidateForm, TaskForm

    plan = ctl.plan
    if finding.candidate:
        try:
            cand = plan.candidate(finding.candidate)
            show_form(app, CandidateForm(ctl, plan.task(cand.task), cand))
            return
        except Exception:
            pass  # gone since: its task
    if finding.task:
        try:
            show_form(app, TaskForm(ctl, plan.task(finding.task)))
            return
        except Exception:
            app.notify("That task is gone.", severity="warning")
            return
    app.push_screen(BusinessForm(ctl))


def undo(app: Any, ctl: Controller) -> None:
    """Take back this session's last change; refused (inline) when another session changed it."""
    if not ctl.can_undo:
        app.notify("Nothing to undo in this session.", severity="warning")
        return

    def failed(exc: Any) -> None:
        app.notify(f"{exc.message}", title="Not undone", severity="error", timeout=10)

    app.save(lambda: ctl.undo(), after=lambda label: app.notify(f"Undone: {label}", timeout=4), failed=failed)
