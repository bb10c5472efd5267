"""The main screen's actions: what each of its keys does (add, edit, delete, the candidate and
task steps, sorting, filtering, and opening the other screens). :class:`MainActions` is mixed into
:class:`~tui.screens.main.MainScreen`, which holds the layout and the data it draws."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Input

from advisor.plan.model import Candidate, Task

from . import actions
from ..messages import ReloadRequested
from ..widgets.panes import COLUMN_KEYS, AdviceList, CandidateTable
from ..widgets.text import lit


class MainActions:
    """The ``action_*`` methods of the main screen (bound by ``bindings("main")``) and which of
    them are enabled (:meth:`check_action`)."""

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        cand_actions = {"shortlist", "reject", "interview", "hire", "unhire"}
        if action in cand_actions:
            # the table's selected row, not `self.candidate` (a scan of the task's candidates):
            # this runs for every key of the footer on every cursor move
            selected = self.task_id is not None and self.query_one(CandidateTable).selected_id is not None
            return True if selected else None
        if action in {"new_candidate", "new_rate", "compare"}:
            return True if self.task is not None else None
        if action in {"edit", "delete", "post", "mark_done", "cancel_task"}:
            return True if self.task is not None else None
        if action == "clear_filter":
            return bool(self.filter_text) or "-hidden" not in self.query_one("#cand-filter").classes
        return True

    def _candidate_or_warn(self) -> Candidate | None:
        cand = self.candidate
        if cand is None:
            self.notify("Select a candidate first (Tab to the candidates table).", severity="warning")
        return cand

    def action_new_task(self) -> None:
        from .formcache import show_form
        from .forms import TaskForm

        def done(task: Task | None) -> None:
            if task is not None:
                self.task_id = task.id
                self.refresh_all()

        show_form(self.app, TaskForm(self.ctl, None), done)

    def action_edit(self) -> None:
        from .formcache import show_form
        from .forms import CandidateForm, TaskForm

        if isinstance(self.focused, AdviceList):
            # the record the highlighted finding is about (a candidate's, the task's, the business)
            index = self.focused.highlighted
            if index is not None and 0 <= index < len(self._shown_findings):
                actions.edit_record(self.app, self.ctl, self._shown_findings[index])
            return
        if isinstance(self.focused, CandidateTable) and self.candidate is not None:
            show_form(self.app, CandidateForm(self.ctl, self.task, self.candidate))
        elif self.task is not None:
            show_form(self.app, TaskForm(self.ctl, self.task))

    def action_delete(self) -> None:
        from .dialogs import ConfirmScreen

        ctl = self.ctl
        if isinstance(self.focused, CandidateTable) and self.candidate is not None:
            cand = self.candidate

            def go(ok: bool | None) -> None:
                if ok:
                    self.app.save(lambda: ctl.delete_candidate(cand.id))

            self.app.push_screen(ConfirmScreen("Delete candidate?", Content.assemble(
                "Delete ", lit(cand.name), " and their interview notes?"), yes="Delete"), go)
        elif self.task is not None:
            task = self.task

            def go_task(ok: bool | None) -> None:
                if ok:
                    self.app.save(lambda: ctl.delete_task(task.id))

            self.app.push_screen(ConfirmScreen("Delete task?", Content.assemble(
                "Delete ", lit(task.title), f" and its {len(task.candidates)} candidate(s)?"),
                yes="Delete"), go_task)

    def action_new_candidate(self) -> None:
        from .formcache import show_form
        from .forms import CandidateForm

        if self.task is not None:
            show_form(self.app, CandidateForm(self.ctl, self.task, None))

    def action_new_rate(self) -> None:
        from .forms import RateForm

        task = self.task
        self.app.push_screen(RateForm(self.ctl, task.skills[0] if task and task.skills else ""))

    def action_shortlist(self) -> None:
        cand = self._candidate_or_warn()
        if cand is not None:
            actions.shortlist(self.app, self.ctl, cand)

    def action_reject(self) -> None:
        cand = self._candidate_or_warn()
        if cand is not None:
            actions.reject(self.app, self.ctl, cand)

    def action_interview(self) -> None:
        cand = self._candidate_or_warn()
        if cand is not None:
            actions.interview(self.app, self.ctl, cand)

    def action_hire(self) -> None:
        cand = self._candidate_or_warn()
        if cand is not None and self.task is not None:
            actions.hire(self.app, self.ctl, self.task, cand)

    def action_unhire(self) -> None:
        cand = self._candidate_or_warn()
        if cand is not None:
            actions.unhire(self.app, self.ctl, cand)

    def action_post(self) -> None:
        if self.task is not None:
            actions.task_step(self.app, self.ctl, self.task, "post")

    def action_mark_done(self) -> None:
        if self.task is not None:
            actions.task_step(self.app, self.ctl, self.task, "done")

    def action_cancel_task(self) -> None:
        if self.task is not None:
            actions.task_step(self.app, self.ctl, self.task, "cancel")

    def action_undo(self) -> None:
        actions.undo(self.app, self.ctl)

    def action_history(self) -> None:
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.ctl, self.task_id))

    def action_zoom_advice(self) -> None:
        """Give the advice pane the whole screen (every line's message, Next and fix whole), or
        give the other panes back."""
        zoomed = not self.has_class("-advice-zoomed")
        self.set_class(zoomed, "-advice-zoomed")
        self.query_one(AdviceList).full = zoomed
        self._next_shown = None  # the Next line is drawn again, whole or cut
        self.refresh_advice()
        if zoomed:
            self.query_one(AdviceList).focus()

    def action_toggle_acknowledged(self) -> None:
        self.show_acknowledged = not self.show_acknowledged
        self.refresh_advice()

    def action_filter(self) -> None:
        box = self.query_one("#cand-filter", Input)
        box.cursor_blink = getattr(self.app, "blink", True)
        box.remove_class("-hidden")
        box.focus()
        self.refresh_bindings()  # clear_filter is enabled while the box shows

    def action_clear_filter(self) -> None:
        box = self.query_one("#cand-filter", Input)
        box.value = ""
        box.add_class("-hidden")
        self.filter_text = ""
        self.refresh_candidates()
        self.query_one(CandidateTable).focus()


    def action_sort(self) -> None:
        i = COLUMN_KEYS.index(self.sort_key)
        self.sort_key = COLUMN_KEYS[(i + 1) % len(COLUMN_KEYS)]
        self.refresh_candidates()
        self.notify(f"Sorted by {self.sort_key}", timeout=1.5)

    def action_sort_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refresh_candidates()

    def open_finding(self, index: int) -> None:
        from .finding import FindingScreen

        if 0 <= index < len(self._shown_findings):
            self.app.push_screen(FindingScreen(self.ctl, self._shown_findings[index]))

    def action_compare(self) -> None:
        from .compare import CompareScreen

        if self.task is not None:
            self.app.push_screen(CompareScreen(self.ctl, self.task.id))

    def action_marketplaces(self) -> None:
        from .marketplaces import MarketplacesScreen

        self.app.push_screen(MarketplacesScreen(self.ctl))

    def action_rules(self) -> None:
        from .rules import RulesScreen

        self.app.push_screen(RulesScreen(self.ctl))

    def action_rates(self) -> None:
        from .rates import RatesScreen

        task = self.task
        self.app.push_screen(RatesScreen(self.ctl, task.skills if task else []))

    def action_business(self) -> None:
        from .forms import BusinessForm

        self.app.push_screen(BusinessForm(self.ctl))

    def action_import(self) -> None:
        from .transfer import ImportScreen

        self.app.push_screen(ImportScreen(self.ctl, self.task_id))

    def action_export(self) -> None:
        from .transfer import ExportScreen

        self.app.push_screen(ExportScreen(self.ctl))

    def action_reload(self) -> None:
        self.post_message(ReloadRequested())
        self.notify("Reloaded the workspace and the rules.", timeout=2)
