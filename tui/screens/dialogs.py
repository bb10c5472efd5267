"""Small modal dialogs: confirm, ask for a reason, confirm a hire (listing the open advice)."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ..widgets.footer import KeysFooter
from ..actions_registry import bindings
from ..widgets.text import SEVERITY_STYLE, SEVERITY_WORD, lit
from .base import TypeAhead, while_showing
from ..textual_hacks import TextInput


def _as_content(x: Any) -> Content:
    return x if isinstance(x, Content) else lit(x)


class ConfirmScreen(ModalScreen[bool]):
    """Yes / no. ``y`` or Enter confirms, ``n`` or Escape cancels."""

    BINDINGS = bindings("confirm")

    def __init__(self, title: Any, body: Any = "", *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.title_text = _as_content(title)
        self.body = _as_content(body)
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        yield KeysFooter()
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            yield from self.extra()
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes_label} (y)", variant="primary", id="yes", compact=True)
                yield Button(f"{self.no_label} (n)", id="no", compact=True)

    def extra(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class HireScreen(ConfirmScreen):
    """Confirm a hire; the open advice about this candidate and task comes first, then the advice
    the hire itself would raise (worked out on a copy of the plan)."""

    def __init__(self, task: Any, cand: Any, findings: list[Any], what_if: Any = None) -> None:
        super().__init__(Content.assemble("Hire ", lit(cand.name, "bold"), " for ", lit(task.title), "?"),
                         self._summary(findings), yes="Hire")
        self.findings = findings
        self.what_if = what_if  # a callable returning [(severity, title, rule, candidate)]

    def on_mount(self) -> None:
        super().on_mount()
        if self.what_if is not None:
            self._check_what_if()

    @work(thread=True, exclusive=True, group="what-if", description="advice a hire would raise")
    def _check_what_if(self) -> None:
        try:
            items = self.what_if()
        except Exception:
            items = []
        self.app.call_from_thread(self._show_what_if, items)

    @while_showing  # answered (y/n) before the check came back: the dialog is gone, or going
    def _show_what_if(self, items: list[tuple[str, str, str, str | None]]) -> None:
        box = self.query_one("#what-if", Static)
        if not items:
            box.update(Content.styled("Hiring raises no new advice.", "$text-muted"))
            return
        lines = [Content.styled("\nHiring would raise:", "bold")]
        for severity, title, _rule, _cand in items:
            lines.append(Content.assemble(
                (f"{SEVERITY_WORD.get(severity, severity)} ", SEVERITY_STYLE.get(severity, "")), lit(title)))
        box.update(Content("\n").join(lines))

    @staticmethod
    def _summary(findings: list[Any]) -> Content:
        if not findings:
            return Content("No open advice about this choice.")
        return Content(f"Open advice about this choice ({len(findings)}); read it before you hire:")

    def extra(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-list"):
            for f in self.findings:
                yield Static(Content.assemble(
                    (f"{SEVERITY_WORD.get(f.severity, f.severity)} ", SEVERITY_STYLE.get(f.severity, "")),
                    lit(f.title or f.rule)))
            yield Static(Content.styled("Checking what the hire would change…", "$text-muted"), id="what-if")


class InputDialog(TypeAhead, ModalScreen[Any]):
    """A dialog that asks for one line of text: a title, what the subclass composes around its
    Input (:meth:`compose_fields`), a hint line; the Input has focus as soon as it is mounted
    (keys typed ahead land in it), Enter goes to ``on_input_submitted``, Escape cancels."""

    DIALOG_CLASSES = "dialog"
    HINT = "Enter to save · Escape to cancel"

    def dialog_title(self) -> Any:
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield KeysFooter()
        with Vertical(classes=self.DIALOG_CLASSES):
            yield Static(self.dialog_title(), classes="dialog-title")
            yield from self.compose_fields()
            yield Static(self.HINT, classes="hint")

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.cursor_blink = getattr(self.app, "blink", True)
        self.focus_first(box)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonScreen(InputDialog):
    """Ask for a non-empty reason (reject, acknowledge). Enter accepts, Escape cancels."""

    BINDINGS = bindings("input")

    def __init__(self, title: Any, prompt: str, initial: str = "") -> None:
        super().__init__()
        self.title_text = _as_content(title)
        self.prompt = prompt
        self.initial = initial

    @property
    def dirty(self) -> bool:
        try:
            return self.query_one(Input).value != self.initial
        except Exception:
            return False

    def dialog_title(self) -> Content:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        yield Static(self.prompt, classes="dialog-body")
        yield TextInput(self.initial, id="reason", compact=True)
        yield Static("", id="reason-error", classes="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.query_one("#reason-error", Static).update("A reason is required.")
            return
        self.dismiss(value)
