"""A full screen with a title bar, a body and a footer; Escape goes back."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


class SubScreen(Screen):
    BINDINGS = [Binding("escape", "back", "Back", id="screen.back")]

    def action_back(self) -> None:
        self.dismiss(None)
