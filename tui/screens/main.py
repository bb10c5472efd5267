"""The main screen: tasks, budget, candidates and advice for the selected task."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static

from advisor.advice.steps import PlanIndex, arrange, next_step_for
from advisor.errors import AdvisorError, EngineCrashed
from advisor.plan.model import SHORTLIST_STATUSES, Candidate, Task

from ..widgets.footer import KeysFooter
from ..actions_registry import bindings
from ..data import Controller
from .main_actions import MainActions
from ..messages import AdviceChanged
from ..widgets.panes import (AdviceList, AdvicePane, BudgetPane, CandidatesPane,
                             CandidateTable, TaskList, matches, sort_candidates)
from ..widgets.text import badge, lit
from advisor.text import cut


def failure_text(err: BaseException) -> str:
    """What went wrong, in a line, without the engine's own advice about keys (the app says
    which key reloads)."""
    if isinstance(err, EngineCrashed):
        what = "the rules engine hung and was stopped" if err.timed_out else "the rules engine stopped"
        reason = f" ({err.reason})" if err.reason else ""
        return f"{what}{reason}" + (f" while {err.doing}" if err.doing else "")
    if isinstance(err, AdvisorError):
        return err.message if not err.where else str(err)
    return f"{type(err).__name__}: {err}"


class MainScreen(MainActions, Screen):
    """The plan and its advice, from ``ctl`` (the app's :class:`~tui.data.Controller`): drawn on
    mount and again on each :class:`~tui.messages.AdviceChanged`; edits go to ``ctl`` through
    the app's save queue; what its keys do is :class:`~tui.screens.main_actions.MainActions`."""

    BINDINGS = bindings("main")

    def __init__(self, ctl: Controller) -> None:
        super().__init__()
        self.ctl = ctl
        self.task_id: str | None = None
        self.sort_key = "price"
        self.sort_reverse = False
        self.filter_text = ""
        self._shown_findings: list[Any] = []
        self._next_shown: str | None = None  #: the next step's text on screen
        self._scope = "task"
        self.show_acknowledged = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static("", id="titlebar")
        with Horizontal(id="top"):
            with Vertical(id="tasks-pane", classes="pane"):
                yield TaskList(id="task-list")
            yield BudgetPane(id="budget-pane", classes="pane")
        yield CandidatesPane(id="cands-pane", classes="pane")
        yield AdvicePane(id="advice-pane", classes="pane")
        yield KeysFooter()

    def on_resize(self, event) -> None:
        # At 80 columns the footer cannot hold both `? Keys` and the palette hint: keep `?`
        # (the keys screen lists ctrl+p too).
        self.query_one(KeysFooter).show_command_palette = event.size.width >= 100

    def on_mount(self) -> None:
        self.query_one("#tasks-pane").border_title = "Tasks"
        self.query_one("#budget-pane").border_title = "Budget"
        self.query_one("#cands-pane").border_title = "Candidates"
        self.query_one("#advice-pane").border_title = "Advice"
        plan = self.ctl.plan
        self.task_id = plan.tasks[0].id if plan.tasks else None
        self.refresh_all()
        self.query_one(TaskList).focus()
        if self._first_run():
            self.call_after_refresh(self._welcome)

    def _first_run(self) -> bool:
        """A new workspace: no task, no going rate, the business as created (nothing to show)."""
        from advisor.plan.model import Business

        plan = self.ctl.plan
        return not plan.tasks and not plan.rates and plan.business == Business()

    def _welcome(self) -> None:
        """First run: the business (name, currency), then the first task; Escape skips each."""
        from .forms import BusinessForm

        def next_step(saved) -> None:
            self.action_new_task()

        self.app.push_screen(BusinessForm(self.ctl, welcome=True), next_step)

    # ------------------------------------------------------------------ data

    @property
    def plan(self):
        return self.ctl.plan

    @property
    def task(self) -> Task | None:
        if self.task_id is None:
            return None
        for t in self.plan.tasks:
            if t.id == self.task_id:
                return t
        return None

    @property
    def candidate(self) -> Candidate | None:
        task = self.task
        cid = self.query_one(CandidateTable).selected_id
        if task is None or cid is None:
            return None
        return next((c for c in task.candidates if c.id == cid), None)

    def _counts(self, task_id: str) -> dict[str, int] | None:
        """Open findings per severity for a task (computed once per evaluation); None when the
        advisor failed or has not run (the badge then says ``?``, never ``ok``)."""
        f, err = self.ctl.advice.findings, self.ctl.advice.error
        if f is None or err is not None:
            return None
        if getattr(self, "_counts_for", None) is not f:
            table: dict[str, dict[str, int]] = {}
            for item in f.items:
                if item.task is not None and not item.suppressed:
                    per = table.setdefault(item.task, {})
                    per[item.severity] = per.get(item.severity, 0) + 1
            self._counts_table, self._counts_for = table, f
        return self._counts_table.get(task_id, {})

    def refresh_all(self, *, advice: bool = True) -> None:
        """Every pane; ``advice=False`` leaves the advice pane (and the task badges) to
        :meth:`advice_changed` when the selected task stays: an edit's evaluation follows."""
        plan = self.plan
        if self.task is None:
            self.task_id = plan.tasks[0].id if plan.tasks else None
            advice = True
        self.query_one(TaskList).show(plan, self._counts, self.task_id)
        self.refresh_task(advice=advice)
        self.refresh_title()

    def refresh_task(self, *, advice: bool = True) -> None:
        task = self.task
        self.query_one(BudgetPane).show(self.plan, task)
        self.refresh_candidates()
        if advice:
            self.refresh_advice()

    def refresh_candidates(self) -> None:
        table = self.query_one(CandidateTable)
        task = self.task
        keep = table.selected_id
        cands = [c for c in (task.candidates if task else []) if matches(c, self.filter_text)]
        if task is not None:
            cands = sort_candidates(cands, task, self.sort_key, self.sort_reverse)
        table.show(task, cands, self.sort_key, self.sort_reverse, keep, self.plan.business.currency, self.ctl.today)
        pane = self.query_one("#cands-pane")
        total = len(task.candidates) if task else 0
        title = f"Candidates · {task.id}" if task else "Candidates"
        if self.filter_text:
            title += f" · {len(cands)} of {total} match"
        else:
            title += f" · {total}"
        pane.border_title = Content(title)
        short = sum(1 for c in (task.candidates if task else []) if c.status in SHORTLIST_STATUSES)
        tail = f"{short} shortlisted · sort {self.sort_key}{' ▼' if self.sort_reverse else ''}"
        best = self._best(task)
        pane.border_subtitle = (Content.assemble(("#1 ", "bold"), lit(cut(best, 20), "bold"), " · ", tail)
                                if best else Content(tail))
        self.refresh_bindings()  # the candidate keys are enabled only with a candidate selected

    def refresh_title(self) -> None:
        plan = self.plan
        f = self.ctl.advice.findings
        parts: list[Any] = [("Outsource Advisor", "bold"), " · ", lit(plan.business.name), " · "]
        if self.ctl.advice.error is not None:
            parts.append(("advisor failed", "bold $error"))
        elif f is None:
            parts.append(("evaluating…", "$text-muted"))
        else:
            parts.extend(["advice ", badge(f.counts())])
        title = Content.assemble(*parts)
        key = (title.plain, tuple(title.spans))
        if key != getattr(self, "_titlebar_key", None):  # one line, fixed size: no layout needed
            self._titlebar_key = key
            self.query_one("#titlebar", Static).update(title, layout=False)

    def refresh_advice(self) -> None:
        pane = self.query_one(AdvicePane)
        status = pane.query_one("#advice-status", Static)
        advice = pane.query_one(AdviceList)
        err, findings = self.ctl.advice.error, self.ctl.advice.findings
        # After a failure the last advice stays, marked out of date (-stale) until an
        # evaluation succeeds: an edit, or the reload key (a fresh engine, a full evaluation).
        stale = err is not None and findings is not None
        pane.set_class(err is not None, "-failed")
        pane.set_class(stale, "-stale")
        if err is not None:
            key = self.reload_key()
            status.update(Content.assemble(
                ("The advisor failed: ", "bold $error"), lit(failure_text(err)),
                " — your edits are saved", "; the advice below is out of date" if stale else "",
                ". Press ", (key, "bold"), " to reload the advisor."))
            status.remove_class("-hidden")
        else:
            status.add_class("-hidden")
        nxt = pane.query_one("#advice-next", Static)
        if findings is None:
            self._shown_findings = []
            advice.show([])
            nxt.add_class("-hidden")
            pane.border_title = "Advice · evaluating…" if err is None else "Advice"
            return
        task = self.task
        # The selection is what the user last pointed at: a candidate (the table) or the task.
        cand = self.candidate if self._scope == "candidate" else None
        items, lines, of_task, step = self._advice_for(findings, task, cand)
        self._shown_findings = [ln.as_finding() for ln in lines]
        advice.show(lines, empty="No open advice here." if task is not None else "")
        # Static.update lays the whole screen out again (a full repaint: ~15 ms a keystroke at
        # 120x40), so the line is only replaced when its text changes (it rarely does)
        if step is not None and step.action != self._next_shown:
            nxt.update(Content.assemble(("Next  ", "bold $success"), lit(step.action, "bold")))
            self._next_shown = step.action
        nxt.set_class(step is None, "-hidden")
        acked = sum(1 for it in of_task if it.suppressed)
        who = f"{cand.name}" if cand is not None else (task.id if task else "plan")
        pane.border_title = Content.assemble("Advice · ", lit(who), f" · {len(items)}")
        zoom = f"{self.key_of('main.zoom_advice')} " + ("back" if self.has_class("-advice-zoomed") else "enlarges")
        if stale:
            pane.border_subtitle = f"out of date · {self.reload_key()} reloads"
        elif self.show_acknowledged:
            pane.border_subtitle = f"acknowledged shown · A hides them · {zoom}"
        else:
            pane.border_subtitle = f"{acked} acknowledged · A shows them · {zoom}" if acked else zoom
        self.set_class(bool(lines) and lines[0].severity == "risk" and not lines[0].suppressed, "-has-risk")

    #: (what the pane's lines were worked out from, the answer) and the same for the next step:
    #: see :meth:`_advice_for`
    _lines_memo: tuple[tuple, tuple] = ((), ())
    _step_memo: tuple[tuple, Any] = ((), None)

    def _advice_for(self, findings: Any, task: Any, cand: Any) -> tuple[list, list, list, Any]:
        """(the findings shown, their lines, the task's findings, the task's next step) for the
        selection, worked out again only when one of their inputs is another object (records,
        findings and the plan are replaced on an edit, never changed in place). The pane is
        refreshed twice per edit (the advice, then the candidate table's cursor event) and on
        every cursor move, and the next step is the task's decision (~2-8 ms for a 300-candidate
        task at 10,000): it does not depend on which candidate the cursor is on."""
        show_ack, rules, basis = self.show_acknowledged, self.ctl.ruleset, self.ctl.basis
        key = (findings, self.plan, task, cand, show_ack, rules, basis)
        memo = self._lines_memo
        if len(memo[0]) == len(key) and all(a is b for a, b in zip(memo[0], key)):
            items, lines, of_task, index = memo[1]
        else:
            # each of these scans every finding (~3,000 at 10,000 candidates, 14,000 at 50,000):
            # once each per new selection or advice
            of_task = findings.for_task(task.id) if task is not None else []
            items = []
            for it in of_task:
                if it.suppressed and not show_ack:
                    continue
                if cand is not None and it.candidate not in (None, cand.id):
                    continue
                items.append(it)
            for it in findings.for_business():
                if show_ack or not it.suppressed:
                    items.append(it)
            # the order, folding and next step are advisor.advice.steps's, as in `outsource check`
            index = PlanIndex.of(self.plan, [task] if task is not None else [], rules=rules or (), basis=basis)
            lines = arrange(items, index)
            self._lines_memo = (key, (items, lines, of_task, index))
        if task is None:
            return items, lines, of_task, None
        # in the candidate scope the step is the task's (all its findings), whoever is selected
        skey = (findings, self.plan, task, cand is None, show_ack if cand is None else None, rules, basis)
        smemo = self._step_memo
        if len(smemo[0]) == len(skey) and all(a is b for a, b in zip(smemo[0], skey)):
            return items, lines, of_task, smemo[1]
        step = next_step_for(lines if cand is None else arrange(of_task, index), task.id, index)
        self._step_memo = (skey, step)
        return items, lines, of_task, step

    def reload_key(self) -> str:
        """The key of ``main.reload`` (remapped by ``[keys]`` if it was)."""
        return self.key_of("main.reload")

    def key_of(self, ident: str) -> str:
        """The first key of an action (remapped by ``[keys]`` if it was)."""
        from .. import textual_hacks
        from ..actions_registry import key_for

        return key_for(ident, textual_hacks.keymap(self.app)) or ident

    def on_advice_changed(self, message: AdviceChanged) -> None:
        if message.plan_changed:
            if self.task is not None:
                # advice_changed below shows the task list and the title bar (they carry the
                # advice's counts): drawing them here too was ~2 ms per keystroke
                self.refresh_task(advice=False)
            else:
                self.refresh_all(advice=False)
        self.advice_changed()

    def advice_changed(self) -> None:
        """What shows the advice: the task list's badges, the advice pane, the title bar."""
        self.query_one(TaskList).show(self.plan, self._counts, self.task_id)
        self.refresh_advice()
        self.refresh_title()

    # ------------------------------------------------------------------ events

    def on_task_list_task_highlighted(self, message: TaskList.TaskHighlighted) -> None:
        if message.task_id != self.task_id:
            self.task_id = message.task_id
            self.refresh_task()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, TaskList):
            self.query_one(CandidateTable).focus()
        elif isinstance(event.option_list, AdviceList):
            self.open_finding(event.option_index)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()
        if self._scope == "candidate":
            self.refresh_advice()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def on_descendant_focus(self, event) -> None:
        widget = event.widget if hasattr(event, "widget") else self.focused
        if isinstance(widget, CandidateTable):
            self._scope = "candidate"
        elif isinstance(widget, TaskList):
            self._scope = "task"
        self.refresh_advice()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "cand-filter":
            self.filter_text = event.value
            self.refresh_candidates()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "cand-filter":
            self.query_one(CandidateTable).focus()

    #: (what the ranking was computed from, the ranking): the ranking of 300 candidates takes
    #: ~3 ms, and the table is shown again on every keystroke of a filter
    _ranked: tuple[tuple, dict] = ((), {})

    def _ranks(self, task: Any) -> dict:
        """The task's ranking (:func:`advisor.advice.value.ranks`), computed again only when a
        record it reads was replaced (records are replaced on an edit, never changed in place)."""
        if task is None:
            return {}
        plan = self.plan
        basis = self.ctl.basis  # the owner's lists and settings, as the rules and `check` use them
        key = (id(task), task.status, task.pricing, task.hours, tuple(map(id, task.candidates)),
               tuple(map(id, plan.rates)), tuple(map(id, plan.marketplaces)), basis)
        if self._ranked[0] != key:
            self._ranked = (key, self.ctl.ranks(plan, task))
        return self._ranked[1]

    def _best(self, task: Any) -> str | None:
        """The name ranked first while the task still chooses (two or more live candidates,
        nobody hired): the pane's subtitle; the compare screen (C) has every rank and why."""
        if task is None or any(c.status == "hired" for c in task.candidates):
            return None
        ranked = self._ranks(task)
        if len(ranked) < 2:
            return None
        return next((v.name for v in ranked.values() if v.rank == 1 and not v.excluded), None)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, False
        self.refresh_candidates()
