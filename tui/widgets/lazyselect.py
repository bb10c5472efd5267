"""A dropdown whose option list is built the first time it is needed.

Textual's ``Select`` composes its option list (an ``OptionList`` overlay) at once; a form with
seven dropdowns spent a fifth of its opening on lists nobody had opened yet. ``LazySelect``
shows the current value the same way and mounts the list when the field first gets focus (Tab or
a click: focus comes before the click's toggle) or is asked to open. The key pump delivers the
next key only once the mount has run, so Enter typed right after Tab still opens a list.
"""

from __future__ import annotations

from textual import events
from textual.css.query import NoMatches
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay


class LazySelect(Select):
    _overlay: SelectOverlay | None = None

    def compose(self):
        current = SelectCurrent(self.prompt)
        # what Select's watchers give it once mounted, set now: it costs no second styling
        has_value = self._value != self.NULL or not self._allow_blank
        current.set_reactive(SelectCurrent.has_value, has_value)
        current.set_class(has_value, "-has-value")
        yield current

    async def ensure_overlay(self) -> SelectOverlay:
        """The option list, mounted (and filled, with the value highlighted) on first use."""
        if self._overlay is None:
            overlay = self._overlay = SelectOverlay(type_to_search=self._type_to_search)
            overlay.compact = self.compact
            await self.mount(overlay)
            self._setup_options_renderables()
            self._highlight(overlay)
        return self._overlay

    def _highlight(self, overlay: SelectOverlay) -> None:
        for index, (_prompt, value) in enumerate(self._options):
            if value == self.value:
                overlay.highlighted = index
                break

    async def on_focus(self, _event: events.Focus) -> None:
        await self.ensure_overlay()

    async def action_show_overlay(self) -> None:
        await self.ensure_overlay()
        super().action_show_overlay()

    def _setup_options_renderables(self) -> None:
        if self._overlay is not None and self._overlay.is_mounted:
            super()._setup_options_renderables()

    def _watch_expanded(self, expanded: bool) -> None:
        if expanded and self._overlay is None:  # opened before it had focus: build, then open
            self.run_worker(self._open_later(), exclusive=True)
            return
        super()._watch_expanded(expanded)

    async def _open_later(self) -> None:
        await self.ensure_overlay()
        super()._watch_expanded(self.expanded)

    def _watch_value(self, value) -> None:
        """Select's own, with the option list optional."""
        self._value = value
        try:
            current = self.query_one(SelectCurrent)
        except NoMatches:
            return
        if value == self.NULL:
            current.update(self.NULL)
        else:
            for prompt, option_value in self._options:
                if option_value == value:
                    current.update(prompt)
                    break
            if self._overlay is not None and self._overlay.is_mounted:
                self._highlight(self._overlay)
        self.post_message(self.Changed(self, value))

    def _watch_prompt(self, prompt: str) -> None:
        if self._overlay is not None and self._overlay.is_mounted:
            super()._watch_prompt(prompt)
        elif self.is_mounted:
            self.query_one(SelectCurrent).placeholder = prompt
