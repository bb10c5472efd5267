"""The rules: id, pack, severity, enabled; switch one on or off (saved in the workspace, so it
stays so in every session and for `outsource check --db`), read its full text, open its file in
$EDITOR (the app suspends and resumes) and reload."""

from __future__ import annotations

import os
import shlex
import subprocess
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from advisor.errors import AdvisorError

from ..actions_registry import bindings
from ..messages import AdviceChanged, ReloadRequested
from ..widgets.panes import TABLE_KEYS
from ..widgets.text import SEVERITY_STYLE, lit, lit_block
from .base import ListScreen

SEVERITY_RICH = {"risk": "bold red", "warning": "bold yellow", "info": "blue"}


class RulesTable(DataTable):
    BINDINGS = TABLE_KEYS


class RulesScreen(ListScreen):
    BINDINGS = bindings("rules")
    LIST = RulesTable
    LIST_ID = "rules-table"
    TITLE_ID = "rules-title"
    COLUMNS = (("on", "On"), ("id", "Rule"), ("pack", "Pack"), ("sev", "Severity"), ("title", "Title"))

    def compose_above(self) -> ComposeResult:
        yield Static("", id="rules-problems", classes="error -hidden")

    def compose_below(self) -> ComposeResult:
        with VerticalScroll(id="rule-text"):
            yield Static("", id="rule-body")

    def on_advice_changed(self, message: AdviceChanged) -> None:
        self.fill()

    def fill(self) -> None:
        self.show_rows(self.ctl.rules(), lambda r: (
            Text("on" if r.enabled else "off", style="bold green" if r.enabled else "dim"), Text(r.id),
            rich_text(r.pack), Text(r.severity, style=SEVERITY_RICH.get(r.severity, "")), rich_text(r.title)),
            lambda _i, r: r.id)
        on = sum(r.enabled for r in self.rows)
        self.query_one("#rules-title", Static).update(
            f"Rules · {on} of {len(self.rows)} on · space switches on/off (this workspace) · e edits the file")
        problems = self.ctl.rule_problems or []
        box = self.query_one("#rules-problems", Static)
        if problems:
            box.update(Content("\n").join(lit(f"⚠ {p}") for p in problems[:5]))
            box.remove_class("-hidden")
        else:
            box.add_class("-hidden")
        self.show_text()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_text()

    def show_text(self) -> None:
        r = self.selected()
        body = self.query_one("#rule-body", Static)
        if r is None:
            body.update("No rules loaded yet.")
            return
        if r.file is None:
            where = "built in"
        elif r.builtin:
            where = f"built-in pack {r.file.name}"
        else:
            where = _short_path(r.file)
        body.update(Content.assemble((r.id, "bold"), " · ", (r.severity, SEVERITY_STYLE.get(r.severity, "")),
                                     ("  " + where, "$text-muted"), "\n\n", lit_block(r.text)))

    def action_toggle(self) -> None:
        r = self.selected()
        if r is None:
            return
        # Saved in the io worker like every edit; the advice is then evaluated again (the
        # controller gives the advisor the ruleset without the rules switched off).
        self.app.save(partial(self.ctl.toggle_rule, r.id), after=lambda _: self.is_attached and self.fill())

    def action_edit(self) -> None:
        r = self.selected()
        if r is None or r.file is None:
            self.notify("This rule has no file to edit.", severity="warning")
            return
        if r.builtin:
            self._offer_copy(r)
            return
        self._open_editor(r.file)

    def _offer_copy(self, r) -> None:
        """A shipped rule is never edited in place: offer a copy in the user rule folder (same
        id, so it overrides the shipped one), then open that."""
        from advisor.rules.overrides import copy_to_user_folder, override_path

        from .dialogs import ConfirmScreen

        dirs = self.ctl.rule_dirs
        if not dirs:
            self.notify("Shipped rules are not edited in place. Name a folder for your own rules "
                        "(rule_dirs under [advisor] in the config), then press e again to copy this one there.",
                        title="No user rule folder", severity="warning", timeout=10)
            return
        dest = override_path(dirs[0], r.id)

        def go(ok: bool | None) -> None:
            if not ok:
                return
            try:
                path = copy_to_user_folder(r.id, r.file, dirs[0])
            except AdvisorError as exc:
                self.notify(str(exc), title="Not copied", severity="error")
                return
            self._open_editor(path)

        self.app.push_screen(ConfirmScreen("Shipped rule", Content.assemble(
            lit(r.id, "bold"), " ships with the app and is never edited in place. Copy it to ",
            lit(str(dest)), " (same id: your copy replaces the shipped rule) and edit the copy?"),
            yes="Copy and edit"), go)

    def _open_editor(self, file) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(file)], check=False)
        except Exception as exc:  # no terminal to suspend (tests, web), or the editor is missing
            self.notify(f"Cannot run the editor {editor!r}: {exc}", severity="error")
            return
        self.action_reload()

    def action_reload(self) -> None:
        self.post_message(ReloadRequested(rules_only=True))
        self.notify("Reloading the rules…", timeout=2)


def _short_path(path) -> str:
    """A path relative to the working folder or ``~`` when it is under one (shorter to read)."""
    from pathlib import Path

    path = Path(path)
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def rich_text(value) -> Text:
    from ..widgets.text import rich_lit

    return rich_lit(value)
