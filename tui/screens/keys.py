"""`?`: every key of the current screen (after remapping), grouped by where it works."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from ..widgets.footer import KeysFooter
from ..actions_registry import bindings, group_title
from ..keymap import all_bindings, describe
from ..widgets.panes import TABLE_KEYS



def key_rows(app, screen: Screen) -> list[tuple[str, str, str, str]]:
    """(key, id, description, group) for every binding of ``screen`` and the app."""
    rows = []
    for node, binding, key in all_bindings(app, screen):
        if binding.system or not binding.description:
            continue
        if not binding.id and node is not screen and node is not app:
            continue  # a widget's own editing keys (Input, DataTable): standard, not listed
        ident = binding.id or ""
        if ident:
            group = group_title(ident) or type(node).__name__
        else:
            group = "Everywhere" if node is screen else type(node).__name__
        display = ", ".join(app.get_key_display(binding.with_key(k.strip())) for k in key.split(","))
        rows.append((display, ident, describe(binding), group))
    return rows


class KeysTable(DataTable):
    """j/k and g/G scroll the keys like every list."""

    BINDINGS = TABLE_KEYS


#: Below this many columns the descriptions wrap and the "Where" column is left out (the keys
#: listed are this screen's anyway).
NARROW = 110


class KeysScreen(ModalScreen[None]):
    BINDINGS = bindings("keys")

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        yield KeysFooter()
        with Vertical(classes="dialog wide"):
            yield Static(Content.assemble(("Keys", "bold"), " of this screen · remap them in the config "
                                          "under [keys] by id"), classes="dialog-title")
            yield KeysTable(id="keys-table", cursor_type="row", zebra_stripes=True)
            yield Static("Escape or ? to close · F1: the user guide", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(KeysTable)
        width = self.app.size.width
        if width >= NARROW:
            table.add_columns(*(Text(h) for h in ("Key", "Id (for [keys])", "Does", "Where")))
            for row in key_rows(self.app, self.target):
                table.add_row(*row)
        else:  # 80x24: every description whole, wrapped in its column
            does = max(20, width - 10 - 11 - 24 - 8)
            table.add_column(Text("Key"), width=10)
            table.add_column(Text("Id (for [keys])"), width=22)
            table.add_column(Text("Does"), width=does)
            for key, ident, text, _group in key_rows(self.app, self.target):
                table.add_row(key, ident, Text(text), height=None)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
