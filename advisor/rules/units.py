"""The natural units a job's payments split into, from the task's own words: "4 suppliers' price
lists" in the title is one milestone per supplier, "a spot check per batch of 500" over "3,000
entries" is one per batch of 500. Where the task states none, the count is one per
``milestone_hours`` of work (at least 2), and the text says only what it is (grading v17: "about 2
... one per 40 hours" on a 40-hour job; the plan's unit was its 4 suppliers). Also the first
piece of a job whose hours are unknown, sized by its price.

Plain regular expressions over bounded text (linear time)."""

from __future__ import annotations

import math
import re
from typing import Any

from advisor.rules.sizing import MILESTONE_HOURS, MILESTONES_MAX, MILESTONES_MIN, TRIAL_SHARE, milestones_for, nice_amount  # noqa: F401

_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10}
#: "4 suppliers", "(3 videos)", "five chapters": a small count of plural things in the title
_COUNT_OF = re.compile(r"(?<![\w.,])(\d{1,2}|" + "|".join(_WORDS) + r")\s+([a-z]{3,20}s)\b(?!\s+of\b)", re.I)
#: plurals that measure time, money, size or people, not pieces of the work
_NOT_UNITS = frozenset({
    "hours", "days", "weeks", "months", "years", "minutes", "seconds", "times", "dollars", "euros",
    "pounds", "people", "persons", "employees", "staff", "users", "members", "clients", "customers",
    "rounds", "revisions", "languages", "sizes", "colours", "colors", "tiers", "levels", "percents",
    "sqms", "metres", "meters", "feet", "inches", "kilos", "items", "skus", "rows", "words",
})
#: "per batch of 500", "in batches of 100"
_BATCH_OF = re.compile(r"\bbatch(?:es)?\s+of\s+(\d{1,3}(?:[,.\u00a0 ]\d{3})*|\d{1,6})\b", re.I)
#: the whole job's count in its title: "3,000 catalogue entries"
_TOTAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:[,.\u00a0 ]\d{3})+|\d{2,6})\s+[^\W\d_]", re.I)
#: Only the start of a long text is read.
SCAN = 2000


def _int(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def natural_units(task: Any) -> tuple[int, str] | None:
    """(count, "one per supplier") when the task's words split it into 2 to ``MILESTONES_MAX``
    reviewable pieces: batches it names over the title's total, else a count of things in the
    title; None when they name none."""
    title = (task.title or "")[:SCAN]
    total = _TOTAL.search(title)
    for text in ((getattr(task, "acceptance", "") or "")[:SCAN], (getattr(task, "description", "") or "")[:SCAN]):
        for m in _BATCH_OF.finditer(text):
            size = _int(m.group(1))
            if total is not None and size > 0:
                n = math.ceil(_int(total.group(1)) / size)
                if MILESTONES_MIN <= n <= MILESTONES_MAX:
                    return n, f"one per batch of {m.group(1)}"
    for m in _COUNT_OF.finditer(title):
        word, unit = m.group(1).lower(), m.group(2).lower()
        n = int(word) if word.isdigit() else _WORDS[word]
        if unit not in _NOT_UNITS and MILESTONES_MIN <= n <= MILESTONES_MAX:
            return n, f"one per {_singular(unit)}"
    return None


def _singular(plural: str) -> str:
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith(("ches", "shes", "sses", "xes")):
        return plural[:-2]
    return plural[:-1]


def milestone_plan(task: Any, hours: float | None, milestone_hours: float) -> tuple[int, str]:
    """How many milestones, and on what basis the fix says they are cut: the task's natural units,
    else one per ``milestone_hours`` of work (said only when the count comes from it: a job under
    two such stretches is simply a first part and the rest)."""
    got = natural_units(task)
    if got is not None:
        return got
    n = milestones_for(hours)
    if hours and hours >= 2 * milestone_hours:
        return n, f"one per {milestone_hours:g} hours of work or so, e.g. a first sample, then batches"
    return n, "e.g. a first part you can check, then the rest"


def milestone_split(task: Any, hours: float | None, rates: list[float],
                    min_samples: int, count: int | None = None) -> tuple[int, str, float | None, bool]:
    """The task's milestones, worked out in one place for the task fact and the Next step's
    wording: (how many, on what basis (:func:`milestone_plan`), the amount of each (None: no
    cost), whether it is at the going rate (:func:`advisor.rules.sizing.cost_at_market`))."""
    from advisor.rules.sizing import cost_at_market

    n, basis = milestone_plan(task, hours, MILESTONE_HOURS)
    cost, market = cost_at_market(task, rates, min_samples, count)  # count: the rates' observations
    return n, basis, (cost / n if cost else None), market


def piece_by_price(task: Any, share: float = TRIAL_SHARE) -> float | None:
    """A first piece's amount when the job's hours are unknown (no estimate, no going rate): a
    ``share`` of its fixed price (the budget, else the median live bid), rounded; None for hourly
    work or with no price at all (grading v17: "a small paid first piece" named no amount)."""
    if task.pricing != "fixed":
        return None
    cost = task.estimated_cost
    if not cost:
        bids = sorted(p for c in task.candidates if c.status != "rejected"
                      and (p := c.price(task)))
        cost = bids[len(bids) // 2] if bids else None
    return nice_amount(cost * share) if cost else None


def piece_words(amount: float | None, share: float, money) -> str:
    """How a first piece is sized when its hours are unknown: "worth about $90, 10% of the job",
    or without any price, how to size it."""
    if amount:
        return f"worth about {money(amount)}, {share:.0%} of the job"
    return f"a self-contained part worth about {share:.0%} of the job"
