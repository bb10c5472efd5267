"""The form screen every record form is built on: a grid of label + field pairs that validates
as you type.

A form validates with the model's own ``validate()``: a bad value is shown under its field,
nothing is saved until every field is right, and Escape on a changed form asks first. The save
runs through the app's ``io`` worker; a :class:`ConflictError` (someone else changed the record)
is shown in the form, and ctrl+r reloads the stored version while keeping what was typed. The
record forms themselves are in :mod:`tui.screens.forms`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Callable

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from advisor.errors import AdvisorError, ConflictError, PlanError

from ..widgets.footer import KeysFooter
from ..actions_registry import bindings
from ..data import Controller
from ..textual_hacks import TextInput, first_showing, resize_already_laid_out
from ..widgets.formgrid import ErrorLine
from ..widgets.lazyselect import LazySelect
from ..widgets.safety import hidden_characters
from ..widgets.text import lit
from .base import TypeAhead
from .formfields import Field, _to_text, blank_or, extra_fields, extra_initial, extra_values  # noqa: F401 (forms import them here)


class FormScreen(TypeAhead, ModalScreen[Any]):
    """A modal form over one record. Subclasses give ``FIELDS``, ``initial()``, ``build()`` and
    ``persist()``. ``ctl`` (the app's controller) is the plan the form checks against and what
    ``persist()`` saves through."""

    BINDINGS = bindings("form")

    TITLE = "Form"
    FIELDS: list[Field] = []
    #: kept between openings and refilled (:mod:`tui.screens.formcache`); a subclass that allows
    #: it names the attributes its ``__init__`` sets before the base's (the record it edits)
    REUSABLE = False
    RECORD_ATTRS: tuple[str, ...] = ()

    def __init__(self, ctl: Controller) -> None:
        self.ctl = ctl  # before the fields: they read the plan
        super().__init__()
        self.fields = self.make_fields()
        self.start = {f.name: _to_text(v, f.kind) for f, v in zip(self.fields, self._initial_list())}
        self.touched: set[str] = set()
        self.errors: dict[str, str] = {}
        self._error_boxes: dict[str, Static] = {}  #: field name → its error line, once it had one
        self.saving = False

    # -- subclass hooks
    def make_fields(self) -> list[Field]:
        return list(self.FIELDS)

    def initial(self) -> dict[str, Any]:
        return {}

    def build(self, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def persist(self, record: Any) -> Callable[[], Any]:
        raise NotImplementedError

    def reload_record(self) -> None:
        """Re-read the stored version (after a conflict)."""

    def title_content(self) -> Content:
        return Content(self.TITLE)

    def _initial_list(self) -> list[Any]:
        init = self.initial()
        return [init.get(f.name) for f in self.fields]

    # -- layout
    #: the rows around the fields: the screen's footer, the dialog's border, the title and its
    #: margin, the buttons and their margin (the fields get what is left, so Save and Cancel
    #: always show; the fields scroll)
    CHROME_ROWS = 7

    def compose(self) -> ComposeResult:
        yield KeysFooter()
        with Vertical(classes="dialog form"):
            yield Static(self.title_content(), classes="dialog-title")
            # not focusable itself: Tab goes field to field, and focusing it first restyled every row
            # one grid of label + field pairs (no container per row: each widget costs the
            # opening); a field's error line is mounted under it the first time it has one
            with VerticalScroll(classes="form-fields", id="form-fields", can_focus=False) as grid:
                # sized for the terminal before the first layout (a form's opening laid it out
                # once at full height, then again capped, then again with the scrollbar)
                self._fit_fields(grid, self.app.size.height, 0)
                grid.styles.grid_columns = f"{self._label_width} 1fr"
                for f in self.fields:
                    yield Label(self._label(f, False), classes="form-label", id=f"l-{f.name}")
                    yield self._widget(f)
            yield Static("", id="form-error", classes="error -hidden")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    #: the label column's width: at least (most forms' labels fit), at most (longer ones get "…")
    LABEL_MIN, LABEL_MAX = 16, 26

    @cached_property
    def _label_width(self) -> int:
        """The label column's width: the marker, the longest label and one blank cell, so a label
        never runs into its field ("▸ Hours together" filled the 16-cell column: "togethera day")."""
        longest = max((cell_len(f.label) for f in self.fields), default=0)
        return max(self.LABEL_MIN, min(self.LABEL_MAX, 2 + longest + 1))

    def _label(self, f: Field, focused: bool) -> Content:
        """The label, cut to leave a blank cell, after the focus marker (shown without colour too)."""
        room = self._label_width - 3
        text = f.label if cell_len(f.label) <= room else set_cell_size(f.label, room - 1) + "…"
        return Content(("▸ " if focused else "  ") + text)

    def _widget(self, f: Field):
        value = self.start[f.name]
        if f.read_only:
            return Static(self._fixed(value), id=f"f-{f.name}", classes="form-value")
        if f.kind in ("select", "bool"):
            options = list(f.options) if f.kind == "select" else [("no", False), ("yes", True)]
            blank = f.kind == "select" and any(v is None for _, v in options)
            options = [(lbl, v) for lbl, v in options if v is not None]
            w = LazySelect(options, value=value if value is not None else Select.NULL, allow_blank=blank,
                       compact=True, id=f"f-{f.name}", prompt="(none)")
        else:
            w = TextInput(value, placeholder=f.placeholder, compact=True, id=f"f-{f.name}")
            w.cursor_blink = getattr(self.app, "blink", True)
        return w

    @staticmethod
    def _fixed(value: Any) -> Content:
        return Content.assemble(lit(str(value or "")), ("  (fixed)", "$text-muted"))

    def on_mount(self) -> None:
        self._focus_first_field()

    def _focus_first_field(self, again: bool = False) -> None:
        """Focus the first field that takes input. ``again`` (a kept form refilled): a field
        that kept the focus is entered as in a new form (its text selected) without leaving it
        and coming back (two restyles of it and of its label, and their Blur and Focus)."""
        first = next((self.query_one(f"#f-{f.name}") for f in self.fields if not f.read_only), None)
        if first is not None and again and self.focused is first:
            if isinstance(first, Input):
                first.select_all()
        elif first is not None:
            self.focus_first(first)
        if any(hidden_characters(v) for v in self.start.values()):  # rare: keep opening fast
            self.show_errors({})

    # -- kept between openings (tui.screens.formcache)
    def signature(self) -> tuple:
        """What the widgets are built from: a kept form is refilled only for the same fields."""
        return tuple((f.name, f.label, f.kind, f.options, f.placeholder, f.read_only) for f in self.fields)

    def take_over(self, fresh: "FormScreen") -> bool:
        """Show ``fresh``'s record (a form built, never composed) in this one, mounted before:
        its values, title and placeholders; nothing typed, touched or shown for the previous
        record is left. False: not possible (the caller shows ``fresh``)."""
        if self.saving or not self.is_mounted or fresh.signature() != self.signature():
            return False
        for name in self.RECORD_ATTRS:
            setattr(self, name, getattr(fresh, name))
        self.ctl, self.fields, self.start = fresh.ctl, fresh.fields, fresh.start
        self.touched.clear()
        self.errors = {}
        self.query_one(".dialog-title", Static).update(self.title_content())
        for f in self.fields:
            self._reset_field(f)
        for box in self._error_boxes.values():
            box.add_class("-hidden")
        self.query_one("#form-error", Static).add_class("-hidden")
        self._fit(self.app.size.height)
        self.query_one("#form-fields").scroll_home(animate=False, immediate=True)
        self._focus_first_field(again=True)
        return True

    def _reset_field(self, f: Field) -> None:
        value = self.start[f.name]
        w = self.query_one(f"#f-{f.name}")
        label = self.query_one(f"#l-{f.name}", Label)
        label.set_class(False, "-invalid")  # the focus marker moves with the focus (_mark)
        if f.read_only:
            _show(w, self._fixed(value))
        elif isinstance(w, Select):
            w.expanded = False
            if value is None and not (f.kind == "select" and any(v is None for _, v in f.options)):
                value = next(v for _, v in f.options if v is not None) if f.kind == "select" else False
            w.value = Select.NULL if value is None else value
        else:
            w.value = value
            w.cursor_position = len(value)
            w.scroll_to(x=0, animate=False, immediate=True)

    def on_resize(self, event) -> None:
        if resize_already_laid_out(self, event):
            event.prevent_default()  # Textual's handler would lay out every screen again
        self._fit(event.size.height)

    def _on_screen_resume(self, event) -> None:
        # Textual calls Screen's own handler after this one (each class's in the MRO): calling
        # it here too ran it twice
        first_showing(self, event)

    def _fit(self, height: int | None = None) -> None:
        """Give the fields the rows the screen has left, so the buttons (and a form message)
        stay on screen and the fields scroll instead."""
        height = height if height is not None else self.size.height
        box = self.query_one("#form-error", Static)
        message = 0 if box.has_class("-hidden") else 1 + max(1, len(str(box.render()).splitlines()))
        self._fit_fields(self.query_one("#form-fields"), height, message)

    def _fit_fields(self, grid, height: int, message: int) -> None:
        """Cap the fields' height; when the fields alone are more rows than that, the scrollbar is
        there from the first layout (``auto`` lays the grid out twice: without it, then with it,
        every row one cell narrower). Unchanged values are no layout at all."""
        room = max(3, height - self.CHROME_ROWS - message)
        grid.styles.max_height = room
        grid.styles.overflow_y = "scroll" if len(self.fields) > room else "auto"

    def set_focus(self, widget, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Move the focus marker with the focus, in the same frame: Textual's Focus and Blur
        events (which move it too) come after the next frame, so a form opened or a Tab drew
        one frame without the marker and another with it."""
        before = self.focused
        super().set_focus(widget, scroll_visible=scroll_visible, from_app_focus=from_app_focus)
        if self.focused is not before:
            self._mark(before)
            self._mark(self.focused)

    def on_descendant_focus(self, event) -> None:
        self._mark(event.widget)

    def on_descendant_blur(self, event) -> None:
        self._mark(event.widget)

    @staticmethod
    def _field_of(widget):
        while widget is not None and not (widget.id or "").startswith("f-"):
            widget = widget.parent  # an open dropdown's list belongs to its field
        return widget

    def _mark(self, widget) -> None:
        """Put the focus marker before the label of ``widget``'s field when it has the focus,
        take it away when not: by where the focus is now, so a late event (the focus left
        and came back before it arrived) changes nothing."""
        widget = self._field_of(widget)
        if widget is None:
            return
        name = widget.id[2:]
        field = next((f for f in self.fields if f.name == name), None)
        if field is None:
            return
        focused = self.focused is not None and self._field_of(self.focused) is widget
        label = self.query_one(f"#l-{name}", Label)
        label.set_class(focused, "-focused")
        _show(label, self._label(field, focused), layout=False)  # a label's size is fixed (CSS)

    # -- values
    def raw(self) -> dict[str, Any]:
        return {f.name: self._raw_one(f) for f in self.fields}

    @property
    def dirty(self) -> bool:
        if not self.is_mounted:
            return False
        try:
            return self.raw() != self.start
        except Exception:
            return False

    def parse(self) -> tuple[dict[str, Any], dict[str, str]]:
        values, errors = {}, {}
        for f in self.fields:
            v = self._raw_one(f)
            try:
                values[f.name] = self._parse_one(f, v)
            except ValueError as exc:
                errors[f.name] = str(exc)
        return values, errors

    def _raw_one(self, f: Field) -> Any:
        if f.read_only:
            return self.start[f.name]
        w = self.query_one(f"#f-{f.name}")
        if isinstance(w, Select):
            return None if w.value is Select.NULL else w.value
        return w.value

    def _parse_one(self, f: Field, v: Any) -> Any:
        if f.kind in ("select", "bool"):
            return v
        text = (v or "").strip()
        if f.kind == "text":
            return v or ""
        if f.kind == "list":
            return [p.strip() for p in text.split(",") if p.strip()]
        if not text:
            return None
        if f.kind == "number":
            from advisor.plan.currency import parse_typed
            from advisor.plan.money import locale_of

            business = self.ctl.plan.business  # read as the business writes it: 1.234,50 in de_DE
            try:
                return parse_typed(text, locale_of(business), business.currency)
            except ValueError as exc:
                why = "" if str(exc) == "not a number" else f" ({exc})"
                raise ValueError(f"must be a number, not {text!r}{why}") from None
        if f.kind == "int":
            try:
                return int(text.replace(",", ""))
            except ValueError:
                raise ValueError(f"must be a whole number, not {text!r}") from None
        return text  # dates: the model checks them

    def field_of(self, error: PlanError) -> str | None:
        """The form field a model error names (``task.budget`` -> ``budget``)."""
        path = (error.field or "").replace("[", ".").replace("]", "")
        names = {f.name for f in self.fields}
        for part in reversed(path.split(".")):
            if part in names:
                return part
        return None

    def check(self) -> tuple[Any, dict[str, str]]:
        """(record or None, errors by field)."""
        values, errors = self.parse()
        if errors:
            return None, errors
        try:
            record = self.build(values)
        except PlanError as exc:
            name = self.field_of(exc) or "_form"
            return None, {name: exc.message}
        return record, {}

    def show_errors(self, errors: dict[str, str], *, all_fields: bool = False) -> None:
        self.errors = errors
        for f in self.fields:
            msg = errors.get(f.name) if (all_fields or f.name in self.touched) else None
            self.query_one(f"#l-{f.name}").set_class(bool(msg), "-invalid")
            hidden = None if msg else hidden_characters(self._raw_one(f))
            if msg:
                self._show_error(f, Content.assemble(("↑ ", "bold"), lit(f"{f.label.strip()} {msg}")))
            elif hidden:
                # the field cannot draw control characters (the terminal would act on them)
                self._show_error(f, Content.assemble(("↑ holds control characters: ", "bold"), lit(hidden)))
            elif f.name in self._error_boxes:
                self._error_boxes[f.name].add_class("-hidden")
        general = errors.get("_form")
        self.form_message(general if (general and all_fields) else None)

    def _show_error(self, f: Field, text: Content) -> None:
        """Show ``text`` under field ``f``, across both columns of the grid's next row; the line is
        made the first time the field has something to say."""
        box = self._error_boxes.get(f.name)
        if box is None:
            box = self._error_boxes[f.name] = ErrorLine("", id=f"e-{f.name}", classes="error form-error-line")
            self.query_one("#form-fields").mount(box, after=self.query_one(f"#f-{f.name}"))
        box.update(text)
        box.remove_class("-hidden")

    def _reveal_error(self, name: str) -> None:
        """Scroll the error line under field ``name`` into view once laid out: at 80x24 the last
        fields' lines sit below the scrolled area, and a refused save must say why on screen."""
        box = self._error_boxes.get(name)
        if box is not None:
            self.call_after_refresh(lambda: box.scroll_visible(animate=False))

    def form_message(self, text: Any, *, hint: str | None = None) -> None:
        box = self.query_one("#form-error", Static)
        if text:
            box.update(Content.assemble(lit(str(text)), ("\n" + hint, "$text-muted") if hint else ""))
            box.remove_class("-hidden")
        else:
            box.add_class("-hidden")
        self._fit()

    # -- events
    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "")[2:]
        if event.input.value != self.start.get(name):
            self.touched.add(name)
        elif name not in self.touched:
            return  # a field given its first value (every one posts Changed as the form opens)
        self.show_errors(self.check()[1])

    def on_select_changed(self, event: Select.Changed) -> None:
        name = (event.select.id or "")[2:]
        value = None if event.value is Select.NULL else event.value
        if value == self.start.get(name) and name not in self.touched:
            return  # its first value, as the form opens
        self.touched.add(name)
        self.show_errors(self.check()[1])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    # -- actions
    def action_save(self) -> None:
        if self.saving:
            return
        record, errors = self.check()
        if record is None:
            self.show_errors(errors, all_fields=True)
            first = next((f for f in self.fields if f.name in errors), None)
            if first is not None:
                self.query_one(f"#f-{first.name}").focus()
                self._reveal_error(first.name)
            return
        self.saving = True
        self.form_message(None)
        self.app.hold_keys()  # keys typed after ctrl+s wait for the form to close (or stay)

        def ok(result: Any) -> None:
            self.saving = False
            self.dismiss(result)
            self.app.call_after_refresh(self.app.release_keys)

        def failed(exc: AdvisorError) -> None:
            self.saving = False
            self.app.release_keys()
            if isinstance(exc, PlanError) and self.field_of(exc):
                self.show_errors({self.field_of(exc): exc.message}, all_fields=True)
                self._reveal_error(self.field_of(exc))
                return
            hint = exc.hint or ""
            if isinstance(exc, ConflictError):
                hint = "Press ctrl+r to load the stored version (your typed values stay), then save again."
            self.form_message(f"Not saved: {exc.message}", hint=hint)

        self.app.save(self.persist(record), after=ok, failed=failed)

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return
        from .dialogs import ConfirmScreen

        def done(ok: bool | None) -> None:
            if ok:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard changes?", "What you typed in this form will be lost.",
                                           yes="Discard", no="Keep editing"), done)

    def action_reload(self) -> None:
        """Read the stored version again (in the app's io worker: never SQL on the event loop);
        what was typed stays."""
        def reloaded(_: Any) -> None:
            self.reload_record()
            self.form_message("Reloaded the stored version; save again to put your values over it.")

        self.app.save(self.ctl.reload, after=reloaded)


def _show(widget: Static, content: Content, layout: bool = True) -> None:
    """``widget.update(content)`` unless it shows that text already: Static repaints (and, with
    ``layout``, lays the screen out) even then, and a kept form refilled for the next record
    keeps most of its labels. (Content compares text only; these contents' styles follow from
    their text.)"""
    if widget.content != content:
        widget.update(content, layout=layout)
