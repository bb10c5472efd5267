"""The one seam where the app's output meets the terminal: no character from the data that a
terminal would act on (ESC, OSC, C1, bidi overrides, zero-width marks) is ever written.

Widgets that show data escape it visibly first (:func:`tui.widgets.text.lit`), but some hold the
user's real text and draw it themselves: an ``Input`` or ``TextArea`` value must stay exactly what
the user typed or imported, so it can be saved unchanged, and Textual draws it raw; so do
``Select`` labels, toasts, the palette and border titles. :class:`TerminalSafeFilter` is a line
filter, applied by Textual to every rendered line of every widget, that drops such characters.
They are all zero cells wide, so every line keeps its measured layout; forms say where a value
holds them (:func:`hidden_characters`).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from advisor.text import plain, terminal_safe


class TerminalSafeFilter(LineFilter):
    """Drops terminal-unsafe characters from every text segment of a rendered line."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out = segments
        for i, seg in enumerate(segments):
            text = seg.text
            if seg.control is None and not text.isprintable():
                safe = terminal_safe(text)
                if safe != text:
                    if out is segments:
                        out = list(segments)
                    out[i] = Segment(safe, seg.style)
        return [s for s in out if s.text or s.control] if out is not segments else segments


def hidden_characters(value: str) -> str | None:
    """The value with its control/bidi characters made visible (``\\x1b``), if it holds any:
    a form shows this under the field, since the field itself cannot draw them."""
    if not isinstance(value, str) or value.isprintable():
        return None
    shown = plain(value, newlines=False)
    return shown if shown != value else None
