"""The decision log (``H``): who changed what and when, newest first, with the advice that was
open on that task at that moment. The same rows as ``outsource history`` (advisor.advice.decisions)."""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from advisor.advice.decisions import advice, changes, task_suffix, what

from ..actions_registry import bindings
from ..data import Controller
from ..widgets.panes import VIM_KEYS
from ..widgets.text import SEVERITY_STYLE, SEVERITY_WORD, lit
from .base import ListScreen, while_showing


class HistoryList(OptionList):
    BINDINGS = VIM_KEYS


class HistoryScreen(ListScreen):
    BINDINGS = bindings("history")
    LIST = HistoryList
    LIST_ID = "history-list"
    TITLE_ID = "history-title"

    def __init__(self, ctl: Controller, task_id: str | None) -> None:
        super().__init__(ctl)
        self.task_id = task_id
        self.show_all = task_id is None

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all or self.task_id is None
        self.fill()

    def action_undo(self) -> None:
        from . import actions

        actions.undo(self.app, self.ctl)

    @work(thread=True, exclusive=True, group="history", description="read the decision log")
    def fill(self) -> None:
        """Read in a thread: the log can be long and SQLite must not run on the event loop."""
        task = None if self.show_all else self.task_id
        entries = self.ctl.history(task=task, limit=500)
        self.app.call_from_thread(self._show, entries, task)

    @while_showing  # closed before the log was read
    def _show(self, entries: list, task: str | None) -> None:
        what_for = "all tasks" if task is None else self._task_title(task)
        self.query_one("#history-title", Static).update(Content.assemble(
            "History · ", lit(what_for), f" · {len(entries)} change(s), newest first"))
        box = self.query_one(HistoryList)
        keep = box.highlighted or 0
        box.clear_options()
        if not entries:
            box.add_option(Option(Content.styled("No changes recorded yet.", "italic $text-muted"), disabled=True))
            return
        box.add_options([Option(self._prompt(e)) for e in entries])
        box.highlighted = min(keep, len(entries) - 1)

    def _task_title(self, task_id: str) -> str:
        """The task's title, quoted, as the rows name it (its id only if it is gone)."""
        t = next((t for t in self.ctl.plan.tasks if t.id == task_id), None)
        return f"task '{t.title}'" if t is not None else f"task {task_id}"

    @staticmethod
    def _prompt(e) -> Content:
        """The same words as ``outsource history``: the change by name, then each field changed
        (``budget: 300 → 400``) and the advice that was open."""
        when = e.at.replace("T", " ")[:16]
        head = Content.assemble((when, "$text-muted"), "  ", lit(e.user, "$text-muted"), "  ", lit(what(e), "bold"),
                                lit(task_suffix(e), "$text-muted"))
        lines = [head]
        lines += [Content.assemble("    ", lit(c)) for c in changes(e)]
        for a in advice(e):
            lines.append(Content.assemble(
                "    open: ", (f"{SEVERITY_WORD.get(a.severity, a.severity)} ", SEVERITY_STYLE.get(a.severity, "")),
                lit(a.message)))
        return Content("\n").join(lines)
