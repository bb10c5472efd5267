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


class TypeAhead:
    """Keys typed while this screen is opening reach the field it focuses, in order.

    Until :meth:`focus_first` runs (from ``on_mount``), nothing on the new screen has focus, so
    Textual hands typed keys to the screen itself and they are lost (text sent 0.1 s after ``t``
    was dropped 5 times out of 5). They are held here instead, then posted to the focused field
    in the order typed, before any key typed after it (those go to the field directly)."""

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
        """A key typed before this screen opened (the app hands it over): held while opening,
        else posted to the focused field (behind the keys posted before it)."""
        held = self._held_keys()
        if held is not None:
            held.append(event)
        else:
            self._apply_key(event)

    def _apply_key(self, key) -> None:
        """One typed-ahead key, applied now so the next one sees its effect: Tab and Shift+Tab
        move the focus, a character goes into the focused field, anything else (Enter, ctrl+s,
        Escape) is posted to the focused field and reaches the bindings from there, after the
        characters before it are in."""
        from textual.widgets import Input

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
            replay_key(focused or self, key)

    def focus_first(self, widget) -> None:
        """Focus ``widget`` now (not after a refresh) and replay the keys held so far to it."""
        self.set_focus(widget)
        held, self._held = self._held_keys() or [], None
        self._typeahead_done = True
        for key in held:
            self._apply_key(key)


def replay_key(target, key) -> None:
    """Post a copy of ``key`` to ``target`` as if the app had forwarded it there: unhandled, it
    bubbles up to the app's bindings like any typed key (a fresh, unforwarded key reaching the
    app would be taken for a new key press)."""
    from textual import events

    copy = events.Key(key.key, key.character)
    copy._set_forwarded()
    target.post_message(copy)
