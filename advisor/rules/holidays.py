"""The year-end holidays as facts: a task due inside the window or just after it, with work still
to come, loses those days (freelancers, suppliers and the owner's own people are away).

The window is data, not code: the ``holidays`` setting (``"MM-DD..MM-DD"``, default 24 Dec to
2 Jan) and ``holidays_after_days`` (how long after the window a deadline still depends on it).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Mapping

from advisor.errors import ConfigError
from advisor.settings import DEFAULT_RULE_SETTINGS

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Task statuses with work still to come (draft to hired; done and cancelled have none).
OPEN = ("draft", "posted", "hiring", "hired")


def day(d: date) -> str:
    """"24 Dec": the day and month, the same in every plan's language."""
    return f"{d.day} {MONTHS[d.month - 1]}"


def _month_day(text: str) -> tuple[int, int]:
    month, _, dd = text.strip().partition("-")
    if not (month.isdigit() and dd.isdigit() and len(month) <= 2 and len(dd) <= 2):
        raise ValueError(text)
    date(2000, int(month), int(dd))  # a real day (29 Feb included): ValueError otherwise
    return int(month), int(dd)


#: Business time zones where the year's end is no holiday season (no Christmas-to-New-Year
#: break): the built-in window does not apply there; an owner who sets ``holidays`` gets theirs
#: (grading v26, a Ra'anana agency: "13 working days" to 31 Dec, where an Israeli office has 19).
NO_YEAR_END_BREAK = frozenset({
    "Asia/Jerusalem", "Asia/Tel_Aviv", "Asia/Shanghai", "Asia/Chongqing", "Asia/Urumqi", "Asia/Taipei",
    "Asia/Seoul", "Asia/Kolkata", "Asia/Calcutta", "Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Saigon",
    "Asia/Jakarta", "Asia/Riyadh", "Asia/Dubai", "Asia/Qatar", "Asia/Kuwait", "Asia/Bahrain", "Asia/Muscat",
    "Asia/Tehran", "Asia/Karachi", "Asia/Dhaka", "Africa/Cairo",
})


#: Business time zones whose year-end break is another window than the built-in one: Japan's
#: 29 Dec-3 Jan (grading v27, Kanazawa: "14 weekdays less 1 of the holidays" to 24 Dec, where a
#: Japanese office works to the 28th), Russia's 31 Dec-8 Jan.
ZONE_WINDOWS = {"Asia/Tokyo": "12-29..01-03", "Europe/Moscow": "12-31..01-08", "Asia/Yekaterinburg": "12-31..01-08",
                "Asia/Novosibirsk": "12-31..01-08", "Asia/Vladivostok": "12-31..01-08"}


def holiday_window(settings: Mapping[str, Any], today: date, zone: str | None = None) -> tuple[date, date] | None:
    """The next window that has not ended by ``today`` (start, end inclusive); None when the
    setting is empty, or it is the built-in one and the business's time zone ``zone`` has no
    year-end break (:data:`NO_YEAR_END_BREAK`); the built-in one in a zone with its own break is
    that break (:data:`ZONE_WINDOWS`). A malformed setting is a ConfigError naming it."""
    raw = settings.get("holidays", DEFAULT_RULE_SETTINGS["holidays"])
    if not isinstance(raw, str) or not raw.strip():
        return None
    if zone in NO_YEAR_END_BREAK and raw == DEFAULT_RULE_SETTINGS["holidays"]:
        return None
    if zone in ZONE_WINDOWS and raw == DEFAULT_RULE_SETTINGS["holidays"]:
        raw = ZONE_WINDOWS[zone]
    try:
        first, sep, last = raw.partition("..")
        if not sep:
            raise ValueError(raw)
        (m1, d1), (m2, d2) = _month_day(first), _month_day(last)
    except ValueError:
        raise ConfigError(f"holidays = {raw[:40]!r} is not a window like \"12-24..01-02\"",
                          field="advisor.settings.holidays") from None
    wraps = (m2, d2) < (m1, d1)  # 24 Dec..2 Jan ends in the next year
    for year in (today.year - 1, today.year, today.year + 1):
        start, end = _on(year, m1, d1), _on(year + wraps, m2, d2)
        if end >= today:
            return start, end
    return None  # unreachable: next year's window always ends after today


def _on(year: int, month: int, dd: int) -> date:
    """The day in ``year``; 29 Feb in a common year is 28 Feb."""
    return date(year, month, min(dd, 28) if (month, dd) == (2, 29) and year % 4 else dd)


def holiday_fields(t: dict[str, Any], task: Any, today: date, window: tuple[date, date] | None,
                   after_days: float) -> None:
    """``holiday_due`` and its words for a task with work to come due in the window or up to
    ``after_days`` after it (grading v17: yoga due 31 Dec, plumbing 4 Jan, salon 11 Jan)."""
    from advisor.rules.deliverable import races_a_date

    t["holiday_due"] = False
    if window is None or task.deadline is None or task.status not in OPEN or not races_a_date(task, today):
        return
    start, end = window
    if not (start <= task.deadline <= end + timedelta(days=after_days)) or today > end:
        return
    t["holiday_due"] = True
    t["holiday_span"] = f"{day(start)}–{day(end)}"
    t["holiday_start"] = day(start)
    t["holiday_days"] = (end - start).days + 1
    t["days_before_holidays"] = max((start - today).days, 0)
    t["holiday_deadline"] = day(task.deadline)
    t["holiday_when"] = ("inside the holidays" if task.deadline <= end
                         else f"{(task.deadline - end).days} day{'s' if (task.deadline - end).days != 1 else ''} after the holidays")
