"""An hourly task's weekly cap against its deadline: do the capped weeks left leave a spare one?

A weekly cap makes the first week the trial (first-week-trial) only when a second try still
fits: grading v24 (church) had 20 hours at a 10-hour cap due 20 Dec on 7 Dec, two working weeks
that the hours fill exactly, and was told "the first week is your trial" and to agree a fallback,
where the real step is to hire today or raise the first week's cap. The weeks are the whole
working weeks :func:`advisor.rules.timeleft.work_days_left` counts (holidays and a week to post
and choose left out); the hours are those still to do, at the cap times the openings. One
judgement, read by the task fact ``cap_no_slack`` (first-week-trial rests) and by the hire step
(:mod:`advisor.advice.decide`), so both say the same.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from advisor.rules.timeleft import WEEK_DAYS, hours_to_do, under_way, work_days_left


def no_slack(task: Any, today: date, window: tuple[date, date] | None) -> tuple[float, float, int] | None:
    """(hours to do, hours the cap allows a week, whole weeks left) when the hours leave no spare
    capped week before the deadline (they fill every week, or do not fit); None when a week is
    spare, or nothing to weigh (not hourly, no cap, no hours or deadline, already hired, live work)."""
    if task.pricing != "hourly" or not task.weekly_cap or task.collaboration == "live" or under_way(task):
        return None
    left, need = work_days_left(task, today, window), hours_to_do(task)
    if left is None or left < 0 or not need:
        return None
    week = float(task.weekly_cap) * max(getattr(task, "openings", 1) or 1, 1)
    # a cap is per calendar week: a part week left holds a week's cap too (grading v26, maple ads:
    # 10 hours at an 8-hour cap in 7 working days was "do not fit", where two weeks hold 16)
    weeks = -(-left // WEEK_DAYS)
    return (need, week, weeks) if need > week * (weeks - 1) else None


def cap_weeks_fields(t: dict[str, Any], task: Any, ctx: Any) -> None:
    """``cap_no_slack``: :func:`no_slack` on the facts' day and holidays (first-week-trial rests)."""
    t["cap_no_slack"] = no_slack(task, ctx.today, ctx.holidays) is not None


def _weeks(n: int) -> str:
    return {1: "the one week", 2: "both weeks"}.get(n, f"all {n} weeks")


def no_slack_words(task: Any, today: date, window: tuple[date, date] | None) -> tuple[str, str] | None:
    """The hire step's (way out, reason) when :func:`no_slack`: ("raise the first week's cap",
    "20 hours at a 10-hour cap fill both weeks before 20 Dec"); None when a week is spare."""
    from advisor.rules.holidays import day

    found = no_slack(task, today, window)
    if found is None:
        return None
    need, week, weeks = found
    said = f"{week:g}"
    an = said.startswith("8") or said.split(".")[0] in ("11", "18")  # "an 8-hour", "an 11-hour"
    cap = f"{need:g} hours at {'an' if an else 'a'} {said}-hour cap"
    if weeks and need <= week * weeks:
        return "raise the first week's cap", f"{cap} fill {_weeks(weeks)} before {day(task.deadline)}"
    left = work_days_left(task, today, window)  # the count deadline-too-tight gives (same days)
    return "raise the cap or move the date", f"{cap} do not fit the {left} working day{'' if left == 1 else 's'} before {day(task.deadline)}"
