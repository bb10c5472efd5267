"""A user-guide topic cut into pages the app can show one at a time (issue 19/24).

A Markdown viewer builds widgets per block and per table cell, so a whole topic (docs/rules.md is
130 KB) froze the app for seconds. :func:`paginate` cuts a topic's Markdown into its sections (the
text before the first ``## `` heading, then one per ``## ``) and a section heavier than
:data:`PAGE_WEIGHT` into pages: at its ``### `` headings first, then between blocks, then between
the rows of a table (its header repeated) or the items of a list (a page may pass the limit by
one paragraph or list item, which is never cut). Every heading's GitHub anchor
(``rules.md#facts``) maps to the page that holds it and that heading's place on the page, so a
link opens the right page. Pure and linear in the text's length; the files stay whole for
``outsource help``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: a page's weight limit: its characters plus :data:`CELL_WEIGHT` per table cell and
#: :data:`ITEM_WEIGHT` per list item (measured: docs/performance.md, "User guide pages")
PAGE_WEIGHT = 6_000
#: what one table cell costs, in characters (drawn as text: measured, wrapped)
CELL_WEIGHT = 25
#: what one list item costs, in characters (a viewer makes a few widgets of each item)
ITEM_WEIGHT = 150

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^()\n]*\)")


@dataclass(frozen=True)
class Page:
    """One page of a topic: a whole ``##`` section or a part of one."""

    text: str
    title: str  #: its section's title ("" for the text before the first ``##``)
    section: int  #: its section's index (0: the text before the first ``##``)
    part: int  #: 1-based place among its section's pages
    parts: int  #: how many pages its section has
    #: heading anchors (GitHub's, unique in the topic) -> that heading's index among the page's headings
    anchors: dict[str, int] = field(default_factory=dict)
    repeats: int = 0  #: leading lines shown on the page before too (a continued table's header)

    @property
    def weight(self) -> int:
        return _weight(self.text.splitlines(keepends=True))


@dataclass(frozen=True)
class Paged:
    """A topic's pages, first to last, and its sections (title, index of its first page)."""

    pages: tuple[Page, ...]
    sections: tuple[tuple[str, int], ...]

    def find(self, anchor: str) -> tuple[int, int] | None:
        """(page index, heading index on that page) of ``anchor``, or None when no heading has it."""
        anchor = anchor.strip().lower()
        for index, page in enumerate(self.pages):
            if anchor in page.anchors:
                return index, page.anchors[anchor]
        return None


def slug(title: str) -> str:
    """A heading's anchor as GitHub writes it: the visible text, lower case, without punctuation,
    spaces as hyphens (``## `outsource check` `` -> ``outsource-check``)."""
    text = _LINK.sub(r"\1", title).strip().lower()
    out = []
    for ch in text:
        if ch in " \t":
            out.append("-")
        elif ch in "-_" or unicodedata.category(ch)[0] in "LNM":
            out.append(ch)
    return "".join(out)


def _unique(seen: dict[str, int], base: str) -> str:
    n = seen.get(base, 0)
    seen[base] = n + 1
    return f"{base}-{n}" if n else base


def _lines(text: str) -> list[tuple[str, int, str]]:
    """Each line with what it is: ('h', level, title), ('fence', 0, ''), ('code', 0, ''),
    ('blank'|'row'|'item'|'text', 0, '') -- headings and cuts only outside fenced code."""
    out: list[tuple[str, int, str]] = []
    fence = ""
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        m = _FENCE.match(stripped)
        if fence:
            closes = m is not None and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                and not stripped[m.end():].strip()
            out.append(("fence" if closes else "code", 0, ""))
            if closes:
                fence = ""
            continue
        if m:
            fence = m.group(1)
            out.append(("fence", 0, ""))
            continue
        h = _HEADING.match(stripped)
        if h:
            out.append(("h", len(h.group(1)), _heading_text(h.group(2) or "")))
        elif not stripped.strip():
            out.append(("blank", 0, ""))
        elif stripped.startswith("|"):
            out.append(("row", 0, ""))
        elif _ITEM.match(stripped):
            out.append(("item", 0, ""))
        else:
            out.append(("text", 0, ""))
    return out


def _heading_text(text: str) -> str:
    """A heading's text without its closing ``#`` run (``## Keys ##`` -> ``Keys``)."""
    text = text.strip()
    bare = text.rstrip("#")
    return bare.strip() if bare != text and (not bare or bare[-1] in " \t") else text


def _cells(line: str) -> int:
    return max(1, line.count("|") - 1) if line.startswith("|") else 0


def _weight(lines: list[str]) -> int:
    return sum(len(line) + CELL_WEIGHT * _cells(line) + (ITEM_WEIGHT if _ITEM.match(line) else 0)
               for line in lines)


def _blocks(kinds: list[str], idx: list[int]) -> list[list[int]]:
    """Line indexes grouped into blocks, split at blank lines (outside code); a heading joins the
    block after it, so a page never ends on a heading."""
    blocks: list[list[int]] = []
    current: list[int] = []
    body = False  # has ``current`` a line other than blanks and headings?
    for i in idx:
        current.append(i)
        body = body or kinds[i] not in ("blank", "h", "h3")
        if kinds[i] == "blank" and body:
            blocks.append(current)
            current, body = [], False
    if current:
        blocks.append(current)
    return blocks


def _split_block(lines: list[str], kinds: list[str], idx: list[int], limit: int, room: int) -> list[list[int]]:
    """An over-heavy block cut between table rows (each part after the first repeats the table's
    header row and its ``|---|`` line) or before list items; a paragraph or code stays whole. The
    first part fits in ``room`` when it can; every part holds at least one row or item."""
    parts: list[list[int]] = [[]]
    header: list[int] = []
    weight = units = 0
    previous = ""
    for i in idx:
        kind, w = kinds[i], _weight([lines[i]])
        if kind == "row" and previous != "row":
            header = [i]  # a table starts: its header row, then its |---| line
        elif kind == "row" and len(header) == 1:
            header.append(i)
        elif kind in ("row", "item"):
            if units and weight + w > (room if len(parts) == 1 else limit):
                parts.append(list(header) if kind == "row" else [])
                weight, units = _weight([lines[j] for j in parts[-1]]), 0
            units += 1
        parts[-1].append(i)
        weight += w
        previous = kind
    return parts


def _pages_of(lines: list[str], kinds: list[str], idx: list[int], limit: int) -> list[list[int]]:
    """One section's lines (indexes) as pages: whole when light enough, else cut before its
    ``###`` headings (parts that fit share a page), then between blocks, then inside an
    over-heavy table or list."""
    weights = {i: _weight([lines[i]]) for i in idx}
    if sum(weights.values()) <= limit:
        return [idx]
    chunks: list[list[int]] = [[]]
    body = False  # has the last chunk a line other than blanks?
    for i in idx:
        if kinds[i] == "h3" and body:
            chunks.append([])
            body = False
        chunks[-1].append(i)
        body = body or kinds[i] != "blank"
    pages: list[list[int]] = []
    page: list[int] = []
    used = 0  # the weight of ``page``
    for chunk in chunks:
        w = sum(weights[i] for i in chunk)
        if used + w <= limit:
            page, used = page + chunk, used + w
            continue
        for block in _blocks(kinds, chunk):
            w = sum(weights[i] for i in block)
            if used + w <= limit:
                page, used = page + block, used + w
                continue
            if w <= limit:
                pages.append(page)
                page, used = block, w
                continue
            parts = _split_block(lines, kinds, block, limit, limit - used)
            if len(parts) > 1:
                pages.extend([page + parts[0], *parts[1:-1]])
                page = []
            page += parts[-1]
            used = sum(weights[i] for i in page)
    pages.append(page)
    return [p for p in pages if p]


def paginate(text: str, limit: int = PAGE_WEIGHT) -> Paged:
    """``text`` (a topic's Markdown) as pages: its sections, the heavy ones cut to ``limit``.
    The pages' texts joined give back ``text``, once each page's first ``repeats`` lines (a
    continued table's header) are left out."""
    lines = text.splitlines(keepends=True)
    if not lines:
        return Paged((Page("", "", 0, 1, 1),), (("", 0),))
    info = _lines(text)
    kinds = [("h3" if level == 3 else "h") if k == "h" else k for k, level, _ in info]
    starts = [0] + [i for i, (k, level, _) in enumerate(info) if k == "h" and level == 2 and i]
    bounds = list(zip(starts, starts[1:] + [len(lines)]))
    pages: list[Page] = []
    sections: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    for number, (a, b) in enumerate(bounds):
        title = info[a][2] if info[a][0] == "h" and info[a][1] == 2 else ""
        sections.append((title, len(pages)))
        cut = _pages_of(lines, kinds, list(range(a, b)), limit)
        shown = a - 1  # the last line already on a page
        for part, idx in enumerate(cut, 1):
            repeats = next((n for n, i in enumerate(idx) if i > shown), len(idx))
            shown = idx[-1]
            anchors: dict[str, int] = {}
            for i in idx:
                if info[i][0] == "h":
                    anchors[_unique(seen, slug(info[i][2]))] = len(anchors)
            pages.append(Page("".join(lines[i] for i in idx), title, number, part, len(cut), anchors, repeats))
    return Paged(tuple(pages), tuple(sections))


_CODE = re.compile(r"`+([^`\n]*)`+")
_CELL = re.compile(r"(?<!\\)\|")


def plain_inline(text: str) -> str:
    """A table cell's inline Markdown as the words it shows: code spans, links and bold unwrapped."""
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    return text.replace("**", "").replace("\\|", "|")


def table_cells(source: str) -> tuple[list[str], list[list[str]]]:
    """A pipe table's header and rows as the words each cell shows (the ``|---|`` line dropped),
    for a viewer that draws a table as one block instead of a widget per cell."""
    rows: list[list[str]] = []
    for n, line in enumerate(source.splitlines()):
        line = line.strip()
        if not line or (n == 1 and "-" in line and not set(line) - set("|-: \t")):
            continue
        cells = _CELL.split(line.removeprefix("|") if line.endswith("\\|") else line.strip("|"))
        rows.append([plain_inline(cell.strip()) for cell in cells])
    if not rows:
        return [], []
    header, body = rows[0], rows[1:]
    return header, [(row + [""] * len(header))[:len(header)] for row in body]


def column_widths(header: list[str], rows: list[list[str]], width: int, gap: int = 1) -> list[int] | None:
    """Column widths for a table drawn ``width`` characters wide with ``gap`` between columns: each
    column as wide as its longest cell when that fits; else each at least as wide as its longest
    word in the rows (a header may fold: "cancelled" over a column of ticks) and the room left
    shared in proportion to what each still lacks. None when even the words do not fit."""
    columns = range(len(header))
    want = [max([len(header[c])] + [len(row[c]) for row in rows]) for c in columns]
    need = [max([1] + [len(word) for row in rows for word in row[c].split()]) for c in columns]
    room = width - gap * (len(header) - 1)
    if sum(want) <= room:
        return want
    if sum(need) > room or not header:
        return None
    lack = [w - n for w, n in zip(want, need)]
    spare, total = room - sum(need), sum(lack)
    widths = [n + spare * lk // total for n, lk in zip(need, lack)]
    for c in sorted(columns, key=lambda c: -lack[c])[:room - sum(widths)]:
        widths[c] += 1  # what the rounding down left
    return widths
