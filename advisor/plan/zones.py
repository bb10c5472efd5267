"""Time zones kept as zones (``Europe/Dublin``), not as the fixed offset they had one day.

A zone's offset changes with daylight saving: Dublin is UTC+0 in January and UTC+1 in July, and
for a few weeks each March New York has moved and Dublin has not. The overlap advice takes the
offset of the day it is computed for (:func:`offset_on`); a record with only ``utc_offset`` keeps
that fixed offset, as before.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from advisor.errors import PlanError
from advisor.plan.checks import _short

#: the longest IANA name is 32 characters ("America/Argentina/ComodRivadavia")
MAX_ZONE = 64


@functools.lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Every zone name the database knows (read once): "Europe" or "zone.tab" are files of the
    database, not zones."""
    return frozenset(available_timezones())


@functools.lru_cache(maxsize=1)
def _folded_names() -> dict[str, str]:
    """Every zone name by its lower-case spelling ("europe/dublin")."""
    return {name.lower(): name for name in _names()}


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        return None


def zone_name(text: str) -> str | None:
    """The IANA name ``text`` spells ("europe/dublin" -> "Europe/Dublin"), or None when it names
    no zone. Only names of the zone database are looked up: never a path."""
    t = text.strip()
    if not t or len(t) > MAX_ZONE or "\\" in t or ".." in t or t.startswith("/"):
        return None
    if _zone(t) is not None and t in _names():
        return t
    return _folded_names().get(t.lower())


def check_zone(value: Any, where: str) -> str | None:
    """A time zone of the IANA database (``Europe/Dublin``), or None; anything else is refused."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PlanError(f"must be a time zone name such as \"Europe/Dublin\", not {_short(value)}", field=where)
    name = zone_name(value)
    if name is None:
        raise PlanError(f"{_short(value)} is not a time zone; use an IANA name such as \"Europe/Dublin\", "
                        "\"America/New_York\" or \"Asia/Manila\" (or leave it out and give utc_offset)",
                        field=where)
    return name


@functools.lru_cache(maxsize=4096)
def zone_offset(name: str, day: date) -> float:
    """Hours from UTC in zone ``name`` at noon of ``day`` (its working day, after any change of
    clocks in the night)."""
    zone = _zone(name)
    if zone is None:
        raise ValueError(f"unknown time zone {name!r}")
    delta = datetime.combine(day, time(12), tzinfo=zone).utcoffset()
    return delta.total_seconds() / 3600 if delta is not None else 0.0


def offset_on(zone: str | None, offset: float | None, day: date) -> float | None:
    """The offset the overlap advice uses on ``day``: the zone's when a zone is given, else the
    fixed ``offset`` (None: not known)."""
    if zone:
        return zone_offset(zone, day)
    return None if offset is None else float(offset)


def offset_text(hours: float, prefix: str = "UTC") -> str:
    """``UTC+8``, ``UTC-3:30``, ``UTC+0``; with ``prefix=""``: ``+8``."""
    sign = "-" if hours < 0 else "+"
    minutes = round(abs(hours) * 60)
    h, m = divmod(minutes, 60)
    return f"{prefix}{sign}{h}" + (f":{m:02d}" if m else "")


#: cells of a zone's city in a label ("Ho Chi Minh" fits; "ComodRivadavia" is cut with …)
CITY_CELLS = 12


def zone_label(zone: str | None, offset: float | None, day: date) -> str:
    """Where someone is, short enough for a table column at 80 cells: ``Dublin +1`` / ``Manila +8``
    for a zone (its offset on ``day``, so it follows daylight saving), ``UTC+5:30`` for a fixed
    offset, "" when neither is known. The city is the zone name's last part (user data: the caller
    shows it literally)."""
    if zone:
        city = zone.rsplit("/", 1)[-1].replace("_", " ")
        if len(city) > CITY_CELLS:
            city = city[: CITY_CELLS - 1] + "…"
        try:
            return f"{city} {offset_text(zone_offset(zone, day), '')}"
        except ValueError:  # a zone this machine's database lacks: the name alone
            return city
    return "" if offset is None else offset_text(float(offset))
