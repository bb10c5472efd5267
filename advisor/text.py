"""Showing user-supplied text literally.

Names, notes and rule messages come from files other people wrote (a CSV exported from a
marketplace, a shared rule pack). They are shown as text, never interpreted: terminal control
codes are made visible (``ESC`` becomes ``\\x1b``) so an imported name cannot move the cursor,
set the clipboard (OSC 52) or ring the bell, and Rich/Textual markup is escaped so ``[@click=...]``
stays text. ``plain`` is for the command line; ``markup_safe`` for Textual markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

# C0 controls except tab and newline, DEL, the C1 range (which includes the 8-bit CSI 0x9b), and
# the bidi embedding/override/isolate controls that can make text display in another order.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain(text: str, *, newlines: bool = True) -> str:
    """``text`` with control characters shown as ``\\xNN`` escapes (newlines kept if asked)."""
    out = _CONTROL.sub(_visible, str(text))
    if not newlines:
        out = out.replace("\n", "\\n").replace("\t", " ")
    return out


def markup_safe(text: str, *, newlines: bool = True) -> str:
    """``plain`` text escaped for Textual content markup: every ``[`` becomes ``\\[``, so no tag,
    style, variable or ``@click`` action can be opened by the text. Prefer passing
    ``textual.content.Content(text)`` objects; use this only where markup is composed."""
    return plain(text, newlines=newlines).replace("[", "\\[")


def search_words(text: str) -> list[str]:
    """Text as a search compares it: transliterated to ASCII (``anyascii``), case, accents and
    spaces ignored, split into words. "José  Ortega" -> ["jose", "ortega"]; "Ørsted" -> ["orsted"]."""
    from anyascii import anyascii

    from .model import fold

    return fold(anyascii(text)).split()


def search_matches(needle: str, haystack: str) -> bool:
    """Every word of ``needle`` occurs somewhere in ``haystack`` (any order, case- and
    accent-insensitive): "ortega jose" finds "José Ortega"."""
    hay = _folded(haystack)
    return all(word in hay for word in search_words(needle))


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """Cached: a filter re-checks the same rows on every keystroke."""
    return " ".join(search_words(text))
