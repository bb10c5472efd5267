"""An OptionList for lists that change on every keystroke (tasks, advice)."""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

from .. import textual_hacks


class QuickOptionList(OptionList):
    """OptionList (textual 8.2.8, pinned) that redraws less after a change:

    - a new number of lines (``set_options``) lays out only when the scrollbar appears or goes;
    - :meth:`replace_prompt` redraws the one option it replaced, not every option.

    Both reach into OptionList's private line caches (``_update_lines`` is overridden here; the
    rest is in ``tui/textual_hacks.py``, behind its Textual version check); the Pilot tests in
    ``tests/test_tui_table.py`` compare what reaches the screen with OptionList's own drawing.
    """

    _lines_only = False

    def _update_lines(self) -> None:
        """A new number of lines changes only what the list scrolls over: its own size is set by
        the CSS (``1fr``). OptionList sets the new virtual size as a layout change, and Textual
        then lays out and redraws the whole screen (~7 ms of a keystroke at 10,000 candidates,
        on most shortlists: the advice list changes length). Here the list only repaints,
        unless its scrollbar has to appear or go, which is a layout change as before."""
        if self.styles.auto_dimensions:
            super()._update_lines()
            return
        bars = (self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        self._lines_only = True
        try:
            super()._update_lines()
        finally:
            self._lines_only = False
        if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != bars:
            self.refresh(layout=True)

    def refresh(self, *regions: Any, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Any:
        if self._lines_only:
            layout = False  # see _update_lines
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def replace_prompt(self, index: int, prompt: Any) -> None:
        """``replace_option_prompt_at_index``, which forgets every option's rendering and line
        positions (with 483 tasks, measuring them all again is ~2 ms of a keystroke's frame).
        When the new prompt has as many lines as the old one, only this option is drawn again."""
        if not textual_hacks.replace_one_prompt(self, index, prompt):
            self.replace_option_prompt_at_index(index, prompt)
