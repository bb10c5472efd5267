"""`?`: every key of the current screen (after remapping), grouped by where it works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, DataTable, Static

from ..keymap import all_bindings

GROUPS = {"app": "Everywhere", "list": "In lists", "main": "Main screen", "form": "Forms",
          "dialog": "Dialogs", "finding": "Finding", "rules": "Rules", "compare": "Compare",
          "markets": "Marketplaces", "transfer": "Import / export"}


def key_rows(app, screen: Screen) -> list[tuple[str, str, str, str]]:
    """(group, key, description, id) for every binding of ``screen`` and the app."""
    rows = []
    for node, binding, key in all_bindings(app, screen):
        if binding.system or not binding.description:
            continue
        ident = binding.id or ""
        group = GROUPS.get(ident.split(".")[0], type(node).__name__) if ident else type(node).__name__
        display = ", ".join(app.get_key_display(binding.with_key(k.strip())) for k in key.split(","))
        rows.append((group, display, binding.description, ident))
    return rows


class KeysScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="keys.close")]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        yield Footer()
        with Vertical(classes="dialog wide"):
            yield Static(Content.assemble(("Keys", "bold"), " of this screen · remap them in the config "
                                          "under [keys] by id"), classes="dialog-title")
            yield DataTable(id="keys-table", cursor_type="row", zebra_stripes=True)
            yield Static("Escape or ? to close", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Where", "Key", "Does", "Id")
        for row in key_rows(self.app, self.target):
            table.add_row(*row)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
