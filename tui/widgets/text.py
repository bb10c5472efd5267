"""Turning values into safe, styled text for the panes.

Everything a user or an imported file wrote goes through :func:`lit`: control characters are made
visible and the result is a :class:`~textual.content.Content` built from plain text, so markup in a
name (``[@click=app.quit]``) is shown, never interpreted.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.content import Content

from advisor.advice.findings import WORST_FIRST
from advisor.plan.money import format_money
from advisor.plan.zones import zone_label
from advisor.text import plain

SEVERITY_STYLE = {"risk": "bold $error", "warning": "bold $warning", "info": "$primary"}
SEVERITY_WORD = {"risk": "RISK", "warning": "WARN", "info": "INFO"}
SEVERITY_LETTER = {"risk": "R", "warning": "W", "info": "I"}
STATUS_STYLE = {
    "applied": "",
    "shortlisted": "bold $accent",
    "interviewed": "bold $primary",
    "hired": "bold $success",
    "rejected": "$error",
    "draft": "",
    "posted": "$accent",
    "hiring": "bold $primary",
    "done": "$success",
    "cancelled": "$text-muted",
}
# Rich styles for DataTable cells (rich Text does not know theme variables).
STATUS_RICH = {
    "applied": "",
    "shortlisted": "bold cyan",
    "interviewed": "bold blue",
    "hired": "bold green",
    "rejected": "red",
}


def lit(text: Any, style: str = "") -> Content:
    """User text as literal content (control codes visible, markup inert), on one line."""
    s = plain("" if text is None else str(text), newlines=False)
    return Content.styled(s, style) if style else Content(s)


def lit_block(text: Any) -> Content:
    """Like :func:`lit` but keeps newlines (notes, messages)."""
    return Content(plain("" if text is None else str(text), newlines=True))


def rich_lit(text: Any, style: str = "") -> Text:
    """User text as a rich ``Text`` (for DataTable cells): literal, no markup parsing."""
    return Text(plain("" if text is None else str(text), newlines=False), style=style, no_wrap=True)


def money(x: float | None, currency: str = "") -> str:
    """An amount with its currency (``$2,500``, ``€45.50``, ``2,500 INR``), as everywhere else
    (:func:`advisor.plan.money.format_money`); "—" when there is none."""
    return "—" if x is None else format_money(x, currency)


def num(x: float | int | None, fmt: str = "g") -> str:
    if x is None:
        return "—"
    return format(x, fmt)


def utc(offset: float | None) -> str:
    if offset is None:
        return ""
    if offset == int(offset):
        return f"UTC{int(offset):+d}"
    h = int(offset)
    m = int(round(abs(offset - h) * 60))
    return f"UTC{h:+d}:{m:02d}"


def where(c: object, day: date) -> str:
    """A candidate's place as the candidate table and compare screen show it: ``Manila +8`` for a
    time zone (its offset on ``day``), else the country and a fixed offset (``India UTC+5:30``);
    user text, shown with :func:`rich_lit`."""
    zone = getattr(c, "timezone", None)
    label = zone_label(zone, getattr(c, "utc_offset", None), day)
    country = "" if zone else (getattr(c, "country", None) or "")
    return " ".join(x for x in (country, label) if x)


def badge(counts: dict[str, int] | None) -> Content:
    """``R1 W2 I3`` coloured by severity (letters, so it reads without colour too); ``ok`` only
    for an evaluation that found nothing, ``?`` when there is none (the advisor failed or has
    not run yet): never ``ok`` for advice that was not given."""
    if counts is None:
        return Content.styled("?", "bold $warning")
    parts: list[Any] = []
    for sev in WORST_FIRST:
        n = counts.get(sev, 0)
        if n:
            if parts:
                parts.append(" ")
            parts.append((f"{SEVERITY_LETTER[sev]}{n}", SEVERITY_STYLE[sev]))
    return Content.assemble(*parts) if parts else Content("ok")


def rate_chart(width: int, low: float, p25: float, median: float, p75: float, high: float,
               mark: float | None) -> tuple[str, str]:
    """A one-line picture of a distribution (``─`` range, ``━`` P25..P75, ``┃`` median) plus a
    second line with ``▲`` under the budget. Returns (chart, marker line)."""
    width = max(10, width)
    lo = min(low, mark) if mark is not None else low
    hi = max(high, mark) if mark is not None else high
    if hi - lo < 1e-9:
        hi = lo + 1.0

    def col(x: float) -> int:
        return max(0, min(width - 1, int(round((x - lo) / (hi - lo) * (width - 1)))))

    cells = [" "] * width
    for i in range(col(low), col(high) + 1):
        cells[i] = "─"
    for i in range(col(p25), col(p75) + 1):
        cells[i] = "━"
    cells[col(low)] = "├"
    cells[col(high)] = "┤"
    cells[col(median)] = "┃"
    marker = [" "] * width
    if mark is not None:
        marker[col(mark)] = "▲"
    return "".join(cells), "".join(marker)
