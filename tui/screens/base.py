"""A full screen with a title bar, a body and a footer; Escape goes back."""

from __future__ import annotations

from textual.screen import Screen

from ..actions_registry import bindings


class SubScreen(Screen):
    BINDINGS = bindings("screen")

    def on_resize(self, event) -> None:
        from textual.widgets import Footer

        # At 80 columns the footer keeps the screen's own keys; ctrl+p is listed under `?`.
        for footer in self.query(Footer):
            footer.show_command_palette = event.size.width >= 100

    def action_back(self) -> None:
        self.dismiss(None)


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
