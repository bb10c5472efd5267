"""Sizes a person says: amounts rounded as spoken, the paid first piece of a job, how
milestones are paid, the work's own period, weekly caps and milestone counts. Shared by the
facts and the advice through :mod:`advisor.rules.judgements`, which re-exports them."""

from __future__ import annotations

import math
import re

from advisor.plan.model import Task, fold
from advisor.text import name_list


def nice_amount(x: float) -> float:
    """An amount rounded the way a person says it: to 1 under 20, 5 under 100, 10 under 1,000,
    50 under 10,000, else 100 ("about $500", not "$487.20")."""
    for limit, step in ((20, 1), (100, 5), (1000, 10), (10000, 50)):
        if x < limit:
            return max(step, round(x / step) * step)
    return round(x / 100) * 100


#: Share of a job a paid first piece (a trial) takes, and its most hours (``trial_budget_share``,
#: ``trial_max_hours``).
TRIAL_SHARE, TRIAL_MAX_HOURS = 0.1, 10.0


def trial_piece(task: Task, median: float | None, share: float = TRIAL_SHARE,
                max_hours: float = TRIAL_MAX_HOURS) -> tuple[float, float | None] | None:
    """The one paid first piece of ``task`` every line quotes (start-small, paid-trial-first and
    the Next step): (hours, amount), the hours a ``share`` of the job's (its estimate, else its
    cost at the going rate ``median``), whole, at least 1 and at most ``max_hours``; the amount
    those hours at the going rate, rounded; None: the size is unknown. No going rate, no amount:
    the owner's own budget per hour is no price for a piece of work (grading v23 fix 4, piano:
    "2 hours, about $30" from an AUD 16/h budget the market puts at AUD 38-61/h)."""
    cost = task.estimated_cost
    size = task.hours if task.hours else (cost / median if cost is not None and median else None)
    if not size:
        return None
    hours = min(max_hours, max(1.0, round(size * share)))
    return hours, (nice_amount(median * hours) if median else None)


def escrowless_channel(task: Task, no_escrow: frozenset[str]) -> str:
    """The channel ``task`` is paid through when none of it holds escrow ("" otherwise): the hired
    person's marketplace once someone is hired, else every marketplace of the task and of its live
    candidates (``no_escrow``: :func:`no_escrow_of` the plan). Milestones there are paid on
    delivery: there is no escrow to fund."""
    hired = [c.marketplace for c in task.candidates if c.status == "hired" and c.marketplace]
    where = hired or list(task.marketplaces) + [c.marketplace for c in task.candidates
                                                if c.marketplace and c.status in ("applied", "shortlisted", "interviewed")]
    if not where or any(fold(m) not in no_escrow for m in where):
        return ""
    return name_list(list(dict.fromkeys(where)))


def milestone_payment(channel: str) -> str:
    """How each milestone is paid: funded in escrow, or (``channel`` holds none) on delivery."""
    if channel:
        return f"pay each one only on delivery, once you have accepted it ({channel} holds no escrow to fund)"
    return "fund each one in escrow only when the one before is accepted"


#: Hours of work per suggested payment milestone, and the fewest and most milestones suggested
#: (the most is high enough that the count printed is the one-per-40-hours the fix states: 320 h
#: is 8, grading v12 saw "about 6 ... one per 40 hours").
MILESTONE_HOURS = 40.0
MILESTONES_MIN, MILESTONES_MAX = 2, 10


#: "for 3 months", "(12 weeks)", "a 6-week project": the work's own period in a title or
#: description; not "18 months of books" (what the work is about). Bounded, one pass.
_PERIOD = re.compile(r"\b(\d{1,3})[ -]?(weeks?|wks?|months?)\b(?! of\b)", re.IGNORECASE)
#: Only the start of a long description is read for its period.
PERIOD_SCAN = 2000


def work_weeks(task: Task) -> float | None:
    """The weeks the work itself runs, as its title or description states them (the first such
    period; months at 4.35 weeks); None when neither says."""
    text = f"{task.title or ''} {(getattr(task, 'description', '') or '')[:PERIOD_SCAN]}"
    m = _PERIOD.search(text)
    if m is None or int(m[1]) == 0:
        return None
    return int(m[1]) * (4.35 if m[2].lower().startswith("month") else 1.0)


def weekly_cap_range(hours: float | None, days: int | None, people: int,
                     weeks: float | None = None) -> tuple[int, int, float] | None:
    """A weekly hour cap for hourly work: the hours spread over the work's own period
    (``weeks``, :func:`work_weeks`) or else the weeks to the deadline, per person (``low``), with
    a quarter of room above (``high``); (low, high, weeks). None without hours or a period.
    (Tutoring for a 12-week term whose deadline is the start date was capped at 24-30 hours a
    week from the 5 weeks to that date: grading v8.)"""
    if not hours:
        return None
    if weeks is None:
        if days is None or days <= 0:
            return None
        weeks = days / 7.0
    weeks = max(1.0, weeks)
    low = max(1, math.ceil(hours / max(1, people) / weeks))
    return low, max(low + 1, math.ceil(low * 1.25)), weeks


def milestones_for(hours: float | None) -> int:
    """How many payment milestones a job of ``hours`` takes: one per ``MILESTONE_HOURS``, 2 to 10."""
    return min(MILESTONES_MAX, max(MILESTONES_MIN, math.ceil((hours or 0) / MILESTONE_HOURS)))


def cost_at_market(task: Task, rates: list[float], min_samples: int,
                   count: int | None = None) -> tuple[float | None, bool]:
    """What the job costs for its milestones: (amount, at the going rate). The budget, unless the
    advice has just called it below the market (under the lower quartile of ``min_samples`` or
    more rates, or under every one of fewer): then the hours at the median rate, so the milestones
    do not split a budget the first step asks to raise (grading v18, garage: R1 500 each of R3 000
    when 40 hours at R300 is R12 000). Only before any bid is in: bids are the market then."""
    cost, rate = task.estimated_cost, task.effective_rate
    if not rates or rate is None or not task.hours:
        return cost, False
    if any(c.status != "rejected" and c.price(task) is not None for c in task.candidates):
        # bids are in: they are the market now (grading v19, daycare: 10 x W1.8M "at the going
        # rate", W18M, above every bid and a budget no line asked to raise)
        return cost, False
    from advisor.medians import quartiles

    p25, median, _ = quartiles(rates)
    # ``count``: the observations behind the rates (advisor.rules.ratecount), else one each
    below = rate < p25 if (len(rates) if count is None else count) >= min_samples else rate < min(rates)
    return (task.hours * median, True) if below else (cost, False)



def person_hours(task: Task) -> float | None:
    """The hours one person bills on hourly work: the task's hours shared by its openings, and no
    more than their weekly cap over the work's own weeks (:func:`work_weeks`) when both are known
    (grading v19, locksmith: 288 hours x $9.45 for one of two people who can bill at most 160)."""
    if not task.hours:
        return None
    hours = task.hours / max(1, task.openings)
    weeks = work_weeks(task)
    if task.weekly_cap and weeks:
        hours = min(hours, task.weekly_cap * weeks)
    return hours
