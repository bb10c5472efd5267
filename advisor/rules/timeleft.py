"""The time a task really has: the working days (Monday to Friday) to its deadline less the
year-end holidays inside them and, for a job nobody has applied to yet, the week it takes to
post, get bids and choose; and the pace the plan states for the hours still to do.

Calendar days overstate it (grading v20: a farm site due 31 Dec, still a draft on 7 Dec, got
"set a milestone before 24 Dec" where 60 hours cannot fit; surtitles due 8 Jan, 32 days "over
the holidays", got "invite more until 3" with two good bids in). A running job is weighed on
what is left at its own pace (grading v21, carhire: "200 hours do not fit 43 working days" with
85 of 200 hours done, 40 weekdays left and a 40 h weekly cap): the hours still to do (a hired
person's notes saying "85 of 200 hours"; not recorded, no judgement), at the pace the plan
states (last week's hours billed, else the weekly cap times the openings, else the
``deadline_hours_per_day`` setting). One judgement read by every rule that weighs a deadline:
``deadline-too-tight`` (the hours do not fit: move the date or cut the scope),
``holiday-deadline`` (quiet then), and the "no time to look wider" of the screening facts
(:func:`choose_days`: the days left to choose once the work's own days are set aside).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from advisor.rules.deliverable import races_a_date

#: Working days to post a job nobody has applied to yet, collect bids and choose someone (a week).
HIRE_LEAD_DAYS = 5
#: Statuses with no hire to make any more (the work is under way or over).
_NO_HIRE = ("hired", "done", "cancelled")
#: An estimate is a guess: the hours do not fit when the days hold less than this share of them
#: (192 of 200 hours over 48 working days is tight, not "not feasible").
FIT_SHARE = 0.9
#: Working days in a week: a weekly cap or last week's hours spread over them.
WEEK_DAYS = 5
#: "85 of 200 hours", "85/200 h": the hours done of the task's own estimate, in a hired person's notes.
_DONE = re.compile(r"(\d{1,5}(?:[.,]\d{1,2})?)\s*(?:h\s*|hours?\s*)?(?:of|/|out of)\s*(\d{1,5}(?:[.,]\d{1,2})?)\s*(?:h|hrs?|hours?)\b",
                   re.IGNORECASE)


def weekdays(first: date, last: date) -> int:
    """Mondays to Fridays from ``first`` to ``last``, both counted (0 when ``last`` is earlier)."""
    if last < first:
        return 0
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum(1 for i in range(rest) if (first.weekday() + i) % 7 < 5)


def holiday_days(today: date, deadline: date, window: tuple[date, date] | None) -> int:
    """Working days of the holidays ``window`` (inclusive) from ``today`` up to the ``deadline``."""
    if window is None:
        return 0
    return weekdays(max(window[0], today), min(window[1], deadline))


def hire_lead(task: Any) -> int:
    """:data:`HIRE_LEAD_DAYS` while nobody has applied and nobody is hired (a draft, or posted
    with no bids in), else 0."""
    if task.status in _NO_HIRE or any(c.status == "hired" for c in task.candidates):
        return 0
    return HIRE_LEAD_DAYS if not task.candidates else 0


def _left(task: Any, today: date, deadline: date, window: tuple[date, date] | None) -> int:
    return max(weekdays(today, deadline) - holiday_days(today, deadline, window) - hire_lead(task), 0)


def work_days_left(task: Any, today: date, window: tuple[date, date] | None) -> int | None:
    """Working days (Monday to Friday, today and the deadline counted) less the holidays in them
    and the :func:`hire_lead`; None without a deadline (negative calendar days when it has passed)."""
    if task.deadline is None:
        return None
    days = (task.deadline - today).days
    if days < 0:
        return days
    return _left(task, today, task.deadline, window)


def under_way(task: Any) -> bool:
    """Someone is hired: the work has started, so some of the hours may be done."""
    return task.status == "hired" or any(c.status == "hired" for c in task.candidates)


def hours_done(task: Any) -> float | None:
    """The hours a hired person's notes say are done of the task's own ``hours`` ("85 of 200
    hours used"); None when no note says so (the total must be the task's, or it is another count)."""
    if task.hours is None:
        return None
    for c in task.candidates:
        if c.status != "hired":
            continue
        for m in _DONE.finditer(c.notes or ""):
            done, total = (float(g.replace(",", ".")) for g in m.groups())
            if total == float(task.hours) and done <= total:
                return done
    return None


def hours_to_do(task: Any) -> float | None:
    """The hours still to do: all of them before a hire; once under way, the hours less those
    done (:func:`hours_done`), None when nothing records them (no judgement on a guess)."""
    if task.hours is None:
        return None
    if not under_way(task):
        return float(task.hours)
    done = hours_done(task)
    return None if done is None else float(task.hours) - done


def pace(task: Any, per_day: float) -> tuple[float, str]:
    """Hours a working day the plan states, and how it is said: the hired people's hours last
    week, else the weekly cap times the openings, else ``per_day`` (the setting)."""
    logged = [c.hours_last_week for c in task.candidates if c.status == "hired" and c.hours_last_week]
    if logged:
        week = sum(logged)
        return week / WEEK_DAYS, f"at last week's pace of {week:g} hours"
    if task.weekly_cap:
        people = max(getattr(task, "openings", 1) or 1, sum(c.status == "hired" for c in task.candidates), 1)
        week = task.weekly_cap * people
        return week / WEEK_DAYS, f"at the {week:g}-hour weekly cap"
    return per_day, f"at {per_day:g} hours a day"


def too_short(task: Any, today: date, window: tuple[date, date] | None, hours_per_day: float) -> bool:
    """The :func:`hours_to_do` do not fit the :func:`work_days_left` at the :func:`pace`
    (:func:`races_a_date` only)."""
    left = work_days_left(task, today, window)
    need = hours_to_do(task)
    return (races_a_date(task, today) and left is not None and left >= 0 and need is not None
            and left * pace(task, hours_per_day)[0] < need * FIT_SHARE)


#: A freelancer can give one client this many hours a day for a short stretch (at most
#: :data:`TIGHT_DAYS` working days): hours that fit the days left at this pace (but not at the
#: usual few hours a day) are tight, not impossible (grading v25, vet: 60 hours in 13 working
#: days, 4.6 a day, called "not feasible"); 320 hours at 5.9 a day for 11 weeks is no stretch.
TIGHT_HOURS, TIGHT_DAYS = 6.0, 15


def tight_pace(task: Any, today: date, window: tuple[date, date] | None, hours_per_day: float) -> float | None:
    """The hours a day :func:`too_short` work needs when they fit at :data:`TIGHT_HOURS` a day
    within :data:`TIGHT_DAYS` working days; None when it is not too short, when a cap or logged hours set the pace (they bind), or when
    even that pace does not fit."""
    capped = task.weekly_cap or any(c.status == "hired" and c.hours_last_week for c in task.candidates)
    if capped or not too_short(task, today, window, hours_per_day):  # a cap or last week's hours bind
        return None
    left, need = work_days_left(task, today, window), hours_to_do(task)
    if not left or left > TIGHT_DAYS or not need or need > left * TIGHT_HOURS:
        return None
    return need / left


def fitting_date(task: Any, today: date, window: tuple[date, date] | None, hours_per_day: float) -> date | None:
    """The first deadline the :func:`hours_to_do` would fit at the :func:`pace` (the holidays and
    hire lead counted as in :func:`work_days_left`); None without hours or when a year is not enough."""
    need, per_day = hours_to_do(task), pace(task, hours_per_day)[0]
    if need is None or per_day <= 0:
        return None
    days = -(-need // per_day)  # whole working days
    day = max(task.deadline or today, today)
    for _ in range(366):
        if _left(task, today, day, window) >= days:
            return day
        day += timedelta(days=1)
    return None


def choose_days(task: Any, today: date, window: tuple[date, date] | None, hours_per_day: float) -> float | None:
    """Days left to choose someone: the calendar days to the deadline less those of the holidays
    and a week to post and choose (:func:`hire_lead`), less the days the work itself takes at
    ``hours_per_day`` (its hours unknown: none set aside); None without a deadline. Calendar days
    as the screening facts were set on (the interview and look-wider advice)."""
    if task.deadline is None:
        return None
    left = (task.deadline - today).days
    if left < 0:
        return left
    off = (max((min(window[1], task.deadline) - max(window[0], today)).days + 1, 0) if window else 0)
    left = max(left - off - (7 if hire_lead(task) else 0), 0)
    work = task.hours / hours_per_day if task.hours and hours_per_day > 0 else 0.0
    return left - work


def _days_off(task: Any, today: date, window: tuple[date, date] | None) -> str:
    """" (40 weekdays less 7 of the holidays and 5 to post and choose)", empty when nothing is off."""
    off, lead = holiday_days(today, task.deadline, window), hire_lead(task)
    parts = ([f"{off} of the holidays"] if off else []) + ([f"{lead} to post and choose"] if lead else [])
    return f" ({weekdays(today, task.deadline)} weekdays less {' and '.join(parts)})" if parts else ""


def _need_words(task: Any) -> str:
    """"about 200 hours", or once under way "about 115 more hours (85 of 200 done)"."""
    need, done = hours_to_do(task), hours_done(task) if under_way(task) else None
    if done is None or need is None:
        return f"about {task.hours:g} hours"
    return f"about {need:g} more hours ({done:g} of {task.hours:g} done)"


def committed(task: Any, today: date) -> tuple[str, date, str] | None:
    """(name, day, words) of the candidate in the running whose own notes commit to the earliest
    delivery on or before the deadline ("12月13日に公開できます"), None for none: work too big
    for the usual few hours a day is then a date to hold them to, not an impossible one (grading
    v31, osechi: "not feasible, move the date to 24 Dec" for a New Year page one bidder will
    deliver on 13 Dec)."""
    from advisor.rules.ownplan import own_delivery

    if task.deadline is None:
        return None
    best, rank = None, None
    for c in task.candidates:
        if c.status not in ("applied", "shortlisted", "interviewed", "hired"):
            continue
        got = own_delivery(c.notes, today)
        if got is None or not today <= got[0] <= task.deadline:
            continue
        # someone ruled out or quoting only part of the job is no one to hold to a date (grading v34
        # review, kite school: the part-quote's "18 ธ.ค." named over the whole quote's same date)
        key = (_not_an_option(c, task), got[0])
        if rank is None or key < rank:
            best, rank = (c.name, got[0], got[1]), key
    return best


def _not_an_option(c: Any, task: Any) -> bool:
    """``c`` is ruled out or quotes only part of the job, by the built-in phrase lists."""
    from advisor.phrases import matcher
    from advisor.rules.exclusion import ruled_out
    from advisor.rules.judgements import candidate_words, partial_quote

    if c.status == "hired":
        return False
    found = candidate_words(c, matcher(), task)
    return bool(ruled_out(found, c, task)) or bool(partial_quote(found, c, task))


def time_left_fields(t: dict[str, Any], task: Any, ctx: Any) -> None:
    """``work_days_left`` and what it leaves out (``days_off``, empty when nothing),
    ``deadline_short`` (:func:`too_short`), ``scope_fits_hours`` (the hours those days hold at
    the pace, with the hours done), ``pace_words`` ("at 4 hours a day"), ``need_words`` ("about
    115 more hours (85 of 200 done)") and ``fitting_date`` (:func:`fitting_date`)."""
    from advisor.rules.holidays import day

    t["deadline_short"] = False
    left = work_days_left(task, ctx.today, ctx.holidays)
    if left is None or left < 0:
        return
    per_day, words = pace(task, ctx.hours_per_day)
    t["work_days_left"] = left
    t["days_off"] = _days_off(task, ctx.today, ctx.holidays)
    t["pace_words"] = words
    t["scope_fits_hours"] = round(left * per_day + ((hours_done(task) or 0) if under_way(task) else 0))
    if too_short(task, ctx.today, ctx.holidays, ctx.hours_per_day):
        t["deadline_short"] = True
        t["need_words"] = _need_words(task)
        fits = fitting_date(task, ctx.today, ctx.holidays, ctx.hours_per_day)
        t["fitting_date"] = day(fits) if fits is not None else ""
        daily = tight_pace(task, ctx.today, ctx.holidays, ctx.hours_per_day)
        held = committed(task, ctx.today)
        if held is not None:
            t["deadline_verdict"] = (f"Tight, but {held[0]}'s notes commit to {day(held[1])} (\"{held[2]}\"): put that "
                                     "date in the offer with a fallback if it slips, or")
            return
        t["deadline_verdict"] = "Not feasible as planned:" if daily is None else (
            f"Tight: it needs about {daily:.1f} hours a day; agree that pace and a first delivery date in "
            "writing before you hire, or")


def not_feasible(task: Any, today: date, settings: Any, zone: str | None = None) -> str:
    """deadline-too-tight's step: the hours still to do do not fit the working days left at the
    pace, the date they would fit and the hours that fit now (grading v20, farm; v21, carhire),
    under the ``settings`` in effect and the business's time zone ``zone`` (its holidays)."""
    from advisor.rules.holidays import day, holiday_window

    default = float(settings.get("deadline_hours_per_day", 4))
    per_day, words = pace(task, default)
    window = holiday_window(settings, today, zone)
    left = work_days_left(task, today, window) or 0
    fits = fitting_date(task, today, window, default)
    move = f"move the date to {day(fits)} or later" if fits is not None else "move the date"
    need = hours_to_do(task) or 0
    done = (hours_done(task) or 0) if under_way(task) else 0
    more = f"the {need:g} hours left" if done else f"{need:g} hours"
    off = _days_off(task, today, window)  # what the count leaves out, said (grading v22, vet: "13 working days" read as wrong)
    held = committed(task, today)
    if held is not None:  # someone in the running dates it in time themselves (grading v31, osechi)
        return (f"Hold {held[0]} to the {day(held[1])} their notes commit to (\"{held[2]}\"): put the date in the offer "
                f"with a fallback if it slips ({more} in {left} working day{'' if left == 1 else 's'}{off} is tight)")
    daily = tight_pace(task, today, window, default)
    if daily is not None:  # fits a freelancer giving it most of each day (grading v25, vet)
        return (f"Tight for {day(task.deadline)}: {more} in {left} working day{'' if left == 1 else 's'}{off} is about "
                f"{daily:.1f} hours a day; agree that pace and a first delivery date in writing before you hire, "
                f"or {move}")
    return (f"Not feasible by {day(task.deadline)}: {more} do not fit {left} working "
            f"day{'' if left == 1 else 's'}{off} {words}; {move}, or cut the scope to about {round(left * per_day + done):g} hours")
