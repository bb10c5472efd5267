"""A full screen with a title bar, a body and a footer; Escape goes back."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


class SubScreen(Screen):
    BINDINGS = [Binding("escape", "back", "Back", id="screen.back")]

    def on_resize(self, event) -> None:
        from textual.widgets import Footer

        # At 80 columns the footer keeps the screen's own keys; ctrl+p is listed under `?`.
        for footer in self.query(Footer):
            footer.show_command_palette = event.size.width >= 100

    def action_back(self) -> None:
        self.dismiss(None)
