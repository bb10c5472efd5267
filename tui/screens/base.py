"""Screen bases: a full screen (Escape goes back), a list screen, and keys typed ahead of a dialog."""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Sequence

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from ..actions_registry import bindings
from ..data import Controller
from ..widgets.footer import KeysFooter
from ..messages import AdviceChanged


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
    """Keys typed while this screen is opening reach the field it focuses, in order.

    The app hands every key typed while such a screen is on top to :meth:`take_key`.
    Until :meth:`focus_first` runs (from ``on_mount``), nothing on the new screen has focus, so
    Textual hands typed keys to the screen itself and they are lost (text sent 0.1 s after ``t``
    was dropped 5 times out of 5). They are held here instead, then applied in the order typed,
    each before the next: characters go into the focused field, Tab moves on, a key bound on
    the screen (ctrl+s, Enter, Escape) runs its action with the app's key gate closed, so the
    keys after it wait for what it does (a save closes the form: they reach the next screen)."""

    _held: list | None = None

    async def _on_key(self, event) -> None:
        held = self._held_keys()
        if held is not None:
            event.stop()
            event.prevent_default()
            held.append(event)

    def _held_keys(self) -> list | None:
        if self._held is None and not getattr(self, "_typeahead_done", False):
            self._held = []
        return self._held

    def take_key(self, event) -> None:
        """Every key typed while this screen is on top (the app hands them over), and keys
        typed before it opened: applied strictly in order (Textual's own routing lets a Tab or
        ctrl+s bubble up to the bindings after the keys typed behind it were already handled)."""
        held = self._held_keys()
        if held is not None:
            held.append(event)
        else:
            self.app.hold_keys([event])
            self.call_next(self._replay, [])

    def focus_first(self, widget) -> None:
        """Focus ``widget`` now (not after a refresh) and apply the keys held so far."""
        self.set_focus(widget)
        held, self._held = self._held_keys() or [], None
        self._typeahead_done = True
        if held:
            self.app.hold_keys(held)  # and whatever is typed meanwhile, behind them
            self.call_next(self._replay, [])

    async def _replay(self, _unused: list) -> None:
        """Apply the keys waiting at the app's gate (closed by the caller) one by one."""
        from textual.widgets import Input

        app = self.app
        gate = app._key_gate if app._key_gate is not None else []
        try:
            while gate and app.screen is self:
                key = gate.pop(0)
                focused = self.focused
                if key.key == "tab":
                    self.focus_next()
                elif key.key == "shift+tab":
                    self.focus_previous()
                elif key.is_printable and isinstance(focused, Input):
                    selection = focused.selection
                    if selection.is_empty:
                        focused.insert_text_at_cursor(key.character)
                    else:
                        focused.replace(key.character, *selection)
                else:
                    active = app.active_bindings.get(key.key)
                    if active is not None and active.enabled:
                        await app.run_action(active.binding.action, active.node)
                        break  # what it started (a save) releases the rest when done
                    replay_key(focused or self, key)
        finally:
            app.release_keys()


def replay_key(target, key) -> None:
    """Post a copy of ``key`` to ``target`` as if the app had forwarded it there: unhandled, it
    bubbles up to the app's bindings like any typed key (a fresh, unforwarded key reaching the
    app would be taken for a new key press)."""
    from textual import events

    copy = events.Key(key.key, key.character)
    copy._set_forwarded()
    target.post_message(copy)
