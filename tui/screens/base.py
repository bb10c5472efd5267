"""Screen bases: a full screen (Escape goes back), a list screen, and keys typed ahead of a dialog."""

from __future__ import annotations

import functools
from typing import Any, Callable, ClassVar, Sequence, TypeVar

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget

from ..actions_registry import bindings
from ..data import Controller
from ..widgets.footer import KeysFooter
from ..messages import AdviceChanged


def showing(screen: Any) -> bool:
    """Is ``screen`` still there to show a worker's result? A screen closed while its worker ran
    is detached, or emptied before it is: the result is dropped (a query on it would fail the
    worker, and a failed worker closes the app)."""
    return bool(screen.is_attached and screen.children)


F = TypeVar("F", bound=Callable[..., Any])


def while_showing(method: F) -> F:
    """A worker's result shown on its screen (``method(self, ...)``): dropped when the screen is
    closed (:func:`showing`), or half taken apart while the call runs (Textual removes a closing
    screen's widgets leaf first, so it is still attached with children while the ones the call
    queries are gone: the NoMatches would fail the worker, and a failed worker closes the app;
    seen with 'h' 'y' pressed fast)."""

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not showing(self):
            return None
        try:
            return method(self, *args, **kwargs)
        except NoMatches:
            return None

    return run  # type: ignore[return-value]


class SubScreen(Screen):
    """A full screen opened from the main screen, given the app's controller (``ctl``: the plan,
    the advice, the rules) when built."""

    BINDINGS = bindings("screen")

    def __init__(self, ctl: Controller) -> None:
        super().__init__()
        self.ctl = ctl

    def on_resize(self, event) -> None:
        # At 80 columns the footer keeps the screen's own keys; ctrl+p is listed under `?`.
        for footer in self.query(KeysFooter):
            footer.show_command_palette = event.size.width >= 100

    def action_back(self) -> None:
        self.dismiss(None)


class ListScreen(SubScreen):
    """A full screen around one list: a title line, the list (its class binds j/k/g/G), the
    footer. The list is filled on mount and refilled whenever the plan changes, the cursor
    staying on the same row number; :meth:`selected` is the record under the cursor.

    Subclasses name the list class and ids, the columns of a DataTable, and write :meth:`fill`
    (a DataTable's rows through :meth:`show_rows`); :meth:`compose_above` and
    :meth:`compose_below` add what sits between the title and the footer."""

    LIST: ClassVar[type[Widget]]  #: the list widget's class (a DataTable or an OptionList)
    LIST_ID: ClassVar[str]
    TITLE_ID: ClassVar[str | None] = None
    TITLE: ClassVar[str] = ""  #: the title line until :meth:`fill` writes one
    COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = ()  #: a DataTable's (key, label) columns

    rows: list = []  #: the records shown, one per row, in order

    def compose(self) -> ComposeResult:
        from textual.widgets import Static

        yield Static(self.TITLE, classes="screen-title", id=self.TITLE_ID)
        yield from self.compose_above()
        yield self.make_list()
        yield from self.compose_below()
        yield KeysFooter()

    def make_list(self) -> Widget:
        from textual.widgets import DataTable

        if issubclass(self.LIST, DataTable):
            return self.LIST(id=self.LIST_ID, cursor_type="row", zebra_stripes=True)
        return self.LIST(id=self.LIST_ID)

    def compose_above(self) -> ComposeResult:
        return iter(())

    def compose_below(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        box = self.query_one(self.LIST)
        for key, label in self.COLUMNS:
            box.add_column(label, key=key)
        self.fill()
        box.focus()

    def on_advice_changed(self, message: AdviceChanged) -> None:
        """New advice arrived: show the records again when the plan changed (an edit here or in
        another session, an import), keeping the cursor's row."""
        if message.plan_changed:
            self.fill()

    def fill(self) -> None:
        raise NotImplementedError

    def show_rows(self, rows: list, cells: Callable[[Any], Sequence[Any]], key: Callable[[int, Any], str]) -> None:
        """Replace a DataTable's rows with one per record, keeping the cursor's row number."""
        table = self.query_one(self.LIST)
        keep = table.cursor_row
        table.clear()
        self.rows = list(rows)
        for i, row in enumerate(self.rows):
            table.add_row(*cells(row), key=key(i, row))
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))

    def selected(self) -> Any:
        """The record under a DataTable's cursor (None when there is none)."""
        table = self.query_one(self.LIST)
        if not self.rows or table.row_count == 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]


class TypeAhead:
    """A form or dialog that keys typed ahead reach intact.

    The app's key pump (``OutsourceApp._pump_keys``) delivers typed keys one at a time, each once
    the screen has settled, so keys typed while this screen opens reach the field it focuses in
    :meth:`focus_first`. What is left here is the text selection on entering a field, made at
    once (see :meth:`set_focus`)."""

    def set_focus(self, widget, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Focus ``widget``; a text field entered this way has its text selected *now*, not when
        Textual's Focus event arrives. Keys held while the screen was busy are applied straight
        after a Tab: the late event would select the text they had just typed, and the next key
        would replace it (a burst "Tab hello", then " world", left the field as " world")."""
        from textual.widgets import Input

        before = self.focused
        super().set_focus(widget, scroll_visible=scroll_visible, from_app_focus=from_app_focus)
        entered = self.focused
        if isinstance(entered, Input) and entered is not before:
            entered.select_on_focus = False  # the selection is made here, once, in order
            if not from_app_focus:
                entered.select_all()

    def focus_first(self, widget) -> None:
        """Focus ``widget`` now (not after a refresh): the first key typed ahead lands there."""
        self.set_focus(widget)
