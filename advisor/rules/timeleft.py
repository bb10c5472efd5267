"""The time a task really has: the days to its deadline less the year-end holidays inside them
and, for a job nobody has applied to yet, the week it takes to post, get bids and choose.

Calendar days overstate it (grading v20: a farm site due 31 Dec, still a draft on 7 Dec, got
"set a milestone before 24 Dec" where 60 hours cannot fit; surtitles due 8 Jan, 32 days "over
the holidays", got "invite more until 3" with two good bids in). One judgement read by every rule
that weighs a deadline: ``deadline-too-tight`` (the hours do not fit: move the date or cut the
scope), ``holiday-deadline`` (quiet then), and the "no time to look wider" of the screening
facts (:func:`choose_days`: the days left to choose once the work's own days are set aside).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

#: Days to post a job nobody has applied to yet, collect bids and choose someone.
HIRE_LEAD_DAYS = 7
#: Statuses with no hire to make any more (the work is under way or over).
_NO_HIRE = ("hired", "done", "cancelled")


def holiday_days(today: date, deadline: date, window: tuple[date, date] | None) -> int:
    """Days of the holidays ``window`` (inclusive) from ``today`` up to the ``deadline``."""
    if window is None:
        return 0
    first, last = max(window[0], today), min(window[1], deadline)
    return max((last - first).days + 1, 0)


def hire_lead(task: Any) -> int:
    """:data:`HIRE_LEAD_DAYS` while nobody has applied and nobody is hired (a draft, or posted
    with no bids in), else 0."""
    if task.status in _NO_HIRE or any(c.status == "hired" for c in task.candidates):
        return 0
    return HIRE_LEAD_DAYS if not task.candidates else 0


def work_days_left(task: Any, today: date, window: tuple[date, date] | None) -> int | None:
    """Days to the deadline less the holidays in them and the :func:`hire_lead`; None without a
    deadline (negative when it has passed)."""
    if task.deadline is None:
        return None
    days = (task.deadline - today).days
    if days < 0:
        return days
    return max(days - holiday_days(today, task.deadline, window) - hire_lead(task), 0)


def too_short(task: Any, today: date, window: tuple[date, date] | None, hours_per_day: float) -> bool:
    """The task's hours do not fit the :func:`work_days_left` at ``hours_per_day`` (live work,
    paced by the owner's hours, never races a date)."""
    left = work_days_left(task, today, window)
    return (task.collaboration != "live" and left is not None and left >= 0 and task.hours is not None
            and (task.deadline - today).days >= 0 and left * hours_per_day < task.hours)


def fitting_date(task: Any, today: date, window: tuple[date, date] | None, hours_per_day: float) -> date | None:
    """The first deadline the hours would fit (the holidays and hire lead counted as in
    :func:`work_days_left`); None without hours or when a year is not enough."""
    if task.hours is None or hours_per_day <= 0:
        return None
    need = -(-task.hours // hours_per_day)  # whole days
    day = max(task.deadline or today, today)
    for _ in range(366):
        off = holiday_days(today, day, window)
        if (day - today).days - off - hire_lead(task) >= need:
            return day
        day += timedelta(days=1)
    return None


def choose_days(task: Any, today: date, window: tuple[date, date] | None, hours_per_day: float) -> float | None:
    """Days left to choose someone: the :func:`work_days_left` less the days the work itself
    takes at ``hours_per_day`` (its hours unknown: none set aside); None without a deadline."""
    left = work_days_left(task, today, window)
    if left is None or left < 0:
        return left
    work = task.hours / hours_per_day if task.hours and hours_per_day > 0 else 0.0
    return left - work


def time_left_fields(t: dict[str, Any], task: Any, ctx: Any) -> None:
    """``work_days_left`` and what it leaves out (``days_off``: " (24 days less 8 of the holidays
    and 7 to post and choose)", empty when nothing), ``deadline_short`` (:func:`too_short`),
    ``scope_fits_hours`` (the hours those days hold) and ``fitting_date`` (:func:`fitting_date`)."""
    from advisor.rules.holidays import day

    t["deadline_short"] = False
    left = work_days_left(task, ctx.today, ctx.holidays)
    if left is None or left < 0:
        return
    t["work_days_left"] = left
    off = holiday_days(ctx.today, task.deadline, ctx.holidays)
    lead = hire_lead(task)
    parts = ([f"{off} of the holidays"] if off else []) + ([f"{lead} to post and choose"] if lead else [])
    t["days_off"] = f" ({(task.deadline - ctx.today).days} days less {' and '.join(parts)})" if parts else ""
    t["scope_fits_hours"] = left * ctx.hours_per_day
    if too_short(task, ctx.today, ctx.holidays, ctx.hours_per_day):
        t["deadline_short"] = True
        fits = fitting_date(task, ctx.today, ctx.holidays, ctx.hours_per_day)
        t["fitting_date"] = day(fits) if fits is not None else ""


def not_feasible(task: Any, today: date, settings: Any) -> str:
    """deadline-too-tight's step: the hours do not fit the working days left, the date they would
    fit and the hours that fit now (grading v20, farm), under the ``settings`` in effect."""
    from advisor.rules.holidays import day, holiday_window

    per_day = float(settings.get("deadline_hours_per_day", 4))
    window = holiday_window(settings, today)
    left = work_days_left(task, today, window) or 0
    fits = fitting_date(task, today, window, per_day)
    move = f"move the date to {day(fits)} or later" if fits is not None else "move the date"
    return (f"Not feasible by {day(task.deadline)}: {task.hours:g} hours do not fit {left} working "
            f"day{'' if left == 1 else 's'}; {move}, or cut the scope to about {left * per_day:g} hours")
