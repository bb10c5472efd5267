"""Showing user-supplied text literally.

Names, notes and rule messages come from files other people wrote (a CSV exported from a
marketplace, a shared rule pack). They are shown as text, never interpreted: terminal control
codes are made visible (``ESC`` becomes ``\\x1b``) so an imported name cannot move the cursor,
set the clipboard (OSC 52) or ring the bell, and Rich/Textual markup is escaped so ``[@click=...]``
stays text. ``plain`` is for the command line; ``markup_safe`` for Textual markup.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

# C0 controls except tab and newline, DEL, the C1 range (which includes the 8-bit CSI 0x9b), the
# bidi embedding/override/isolate controls and marks (LRM, RLM, ALM) that can make text display in
# another order, zero-width spaces and the BOM (hidden text), and the line/paragraph separators
# (a terminal may break the line there), and the zero-width joiner: Textual measures a joined
# emoji (woman + ZWJ + laptop) as one 2-cell glyph where many terminals (tmux 3.3) draw two, which
# shifted the panes' borders; shown as ``\u200d`` the width is the same for both. The Hangul
# fillers U+1160, U+3164 and U+FFA0 are letters Textual draws zero cells wide and wcwidth
# terminals one or two (they shifted table borders); the tag characters U+E0000-E007F are
# invisible and reach the terminal as they are.
_INVISIBLE_LETTERS = "\u1160\u3164\uffa0"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029"
                      "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff" + _INVISIBLE_LETTERS +
                      "\U000e0000-\U000e007f]")
_HAS_INVISIBLE_LETTER = re.compile(f"[{_INVISIBLE_LETTERS}]")

#: What may never be written to a terminal from data, even where the text itself must be kept
#: (an Input's value): the characters above plus the other format characters (Unicode Cf) and
#: lone surrogates, and tab and newline (a rendered line holds neither). All are zero cells
#: wide, so dropping them keeps every line's layout.
TERMINAL_UNSAFE = re.compile(_CONTROL.pattern[:-1] + "\t\n\u00ad\u0600-\u0605\u06dd\u070f\u180e"
                             "\u206a-\u206f\ufff9-\ufffb\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def plain(text: str, *, newlines: bool = True) -> str:
    """``text`` with control characters shown as ``\\xNN`` escapes (newlines kept if asked)."""
    out = _CONTROL.sub(_visible, str(text))
    if not newlines:
        out = out.replace("\n", "\\n").replace("\t", " ")
    return out


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the cut shown by a trailing ``…`` (rendered
    rule messages, the advice a history row keeps)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def terminal_safe(text: str) -> str:
    """``text`` without the characters a terminal could act on or draw out of place: for
    output whose width was already measured (a rendered line), where an escape would not fit."""
    if text.isprintable() and (text.isascii() or not _HAS_INVISIBLE_LETTER.search(text)):
        return text
    return TERMINAL_UNSAFE.sub("", text)


def markup_safe(text: str, *, newlines: bool = True) -> str:
    """``plain`` text escaped for Textual content markup: every ``[`` becomes ``\\[``, so no tag,
    style, variable or ``@click`` action can be opened by the text. Prefer passing
    ``textual.content.Content(text)`` objects; use this only where markup is composed."""
    return plain(text, newlines=newlines).replace("[", "\\[")


def search_words(text: str) -> list[str]:
    """Text as a search compares it: transliterated to ASCII (``anyascii``), case, accents and
    spaces ignored, split into words. "José  Ortega" -> ["jose", "ortega"]; "Ørsted" -> ["orsted"]."""
    from anyascii import anyascii


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


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Text as people compare it: case, accents and runs of spaces ignored ("  José  Ortega" and
    "jose ortega" fold alike). Used for skills, people and filters so no two places disagree.
    Cached: every evaluation folds every candidate's name (same person on several tasks) and
    every interview criterion, ~1 µs each uncached, the same few thousand strings each time."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


#: Names written out in a folded line before "and N more".
NAMES_SHOWN = 2


def name_list(names: Iterable[str], shown: int = NAMES_SHOWN) -> str:
    """"Ana", "Ana and Chen", "Ana, Chen and Li", "Ana, Chen and 5 more"."""
    names = [n for n in names if n]
    if len(names) <= shown + 1:
        if len(names) <= 1:
            return names[0] if names else ""
        return ", ".join(names[:-1]) + " and " + names[-1]
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"
