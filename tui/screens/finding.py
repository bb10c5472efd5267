"""One finding: its message, why it matters, the fix and the facts that triggered it.
``a`` acknowledges it (asks for a reason, stored as a suppression); ``u`` un-acknowledges."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from advisor.plan.model import Suppression

from ..widgets.footer import KeysFooter
from ..actions_registry import bindings
from ..data import Controller
from ..widgets.text import SEVERITY_STYLE, SEVERITY_WORD, lit, lit_block


class FindingScreen(ModalScreen[None]):
    BINDINGS = bindings("finding")

    def __init__(self, ctl: Controller, finding: Any) -> None:
        super().__init__()
        self.ctl = ctl
        self.finding = finding

    def compose(self) -> ComposeResult:
        f = self.finding
        yield KeysFooter()
        with Vertical(classes="dialog wide", id="finding"):
            yield Static(Content.assemble(
                (f" {SEVERITY_WORD.get(f.severity, f.severity)} ", f"reverse {SEVERITY_STYLE.get(f.severity, '')}"),
                " ", lit(f.title or f.rule, "bold")), classes="dialog-title")
            with VerticalScroll(id="finding-body"):
                yield Static(lit_block(f.message), classes="finding-message")
                if f.suppressed:  # the owner's decision, next to the advice (not below its facts)
                    yield Static(Content.assemble(("Acknowledged: ", "bold"), lit(f.reason)))
                if f.why:
                    yield Static(Content.assemble(("Why  ", "bold $accent"), lit_block(f.why)))
                if f.fix:
                    yield Static(Content.assemble(("Fix  ", "bold $success"), lit_block(f.fix)))
                facts = getattr(f, "facts", None) or ()
                try:
                    values = self.ctl.facts_for(f)
                except Exception:
                    values = []
                if values:
                    lines = [Content.styled("Facts that triggered it", "bold")]
                    for label, fields in values:
                        lines.append(Content.assemble("  ", lit(label, "$accent")))
                        for k, v in fields:
                            lines.append(Content.assemble(("    " + k, "$text-muted"), " = ", lit(_fmt(v))))
                    yield Static(Content("\n").join(lines))
                elif facts:
                    lines = [Content.styled("Facts that triggered it", "bold")]
                    if isinstance(facts, dict):
                        for k, v in facts.items():
                            lines.append(Content.assemble(("  " + str(k), "$text-muted"), " = ", lit(_fmt(v))))
                    else:
                        for item in facts:
                            lines.append(Content.assemble("  ", lit(_fmt(item))))
                    yield Static(Content("\n").join(lines))
                about = [f"rule {f.rule}"]
                if f.task:
                    about.append(f"task {f.task}")
                if f.candidate:
                    about.append(f"candidate {f.candidate}")
                yield Static(lit(" · ".join(about), "$text-muted"))
            yield Static("e edit what it is about · a acknowledge · u un-acknowledge · Escape back", classes="hint")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "acknowledge":
            return not self.finding.suppressed
        if action == "unacknowledge":
            return bool(self.finding.suppressed)
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        """Open the record this finding is about, in place of this screen."""
        from .actions import edit_record

        self.dismiss(None)
        edit_record(self.app, self.ctl, self.finding)

    def action_acknowledge(self) -> None:
        from .dialogs import ReasonScreen

        f = self.finding

        def done(reason: str | None) -> None:
            if not reason:
                return
            s = Suppression(rule=f.rule, reason=reason, task=f.task, candidate=f.candidate)
            self.app.save(lambda: self.ctl.add_suppression(s),
                          after=lambda _: (self.notify("Acknowledged."), self.dismiss(None)))

        self.app.push_screen(ReasonScreen(Content.assemble("Acknowledge ", lit(f.title or f.rule)),
                                          "Why is this fine? (shown in the report)"), done)

    def action_unacknowledge(self) -> None:
        f = self.finding
        self.app.save(lambda: self.ctl.delete_suppression(f.rule, f.task, f.candidate),
                      after=lambda _: self.dismiss(None))


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)
