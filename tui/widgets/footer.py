"""The footer: Textual's, recomposed only when the keys it shows change.

Textual's Footer rebuilds all its key widgets whenever the screen's bindings are refreshed,
which happens twice on every focus change: Tab through a form's fields costs two recomposes a
key (about 40 ms of CPU each at 80 columns), though the keys shown almost never change. Over a
slow SSH link that is typing lag, so this footer compares what it would show first.
"""

from __future__ import annotations

from typing import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A Footer that skips a recompose when the shown keys (key, label, action, enabled,
    tooltip) and the command-palette entry are what it already shows."""

    _shown: Hashable | None = None

    def _keys_shown(self, screen: Screen) -> Hashable:
        keys = tuple((b.key, b.description, b.action, enabled, tooltip)
                     for (_node, b, enabled, tooltip) in screen.active_bindings.values() if b.show)
        return keys, self.show_command_palette

    def compose(self):
        """The keys at once, not on the first bindings signal: Textual's Footer composes empty and
        recomposes after the next refresh, a second mount, layout and frame on every screen
        (a form's opening paid ~100 ms CPU for it). The signal still recomposes when the keys
        shown change (focus on a widget with keys of its own)."""
        if not self._bindings_ready and self.is_attached:
            self.set_reactive(Footer._bindings_ready, True)
            self._shown = self._keys_shown(self.screen)
        return super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = self._keys_shown(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

