"""An hourly quote on a fixed-price task: what to ask for instead of "over the budget".

A freelancer who quotes by the hour on a fixed-price job is priced at the top of their own
estimate (:func:`advisor.plan.model.stated_hours`), which is the worst case, not the price
(grading v21, architect: Diego "380/h, 24 to 30 hours" on a 9,600 fixed budget was only "24.7%
over"; at 24 hours he is inside it). The step is to ask for one fixed price within the budget, or
an hours cap that keeps inside it, and to say when the low end of their estimate already fits.
``budget_choice`` is the price-over-budget rule's fix (one place for both wordings).
"""

from __future__ import annotations

import math
from typing import Any

from advisor.plan.model import stated_range
from advisor.plan.money import format_money
from advisor.rules.factschema import Fact

#: price-over-budget's choices when the quote is a fixed price (or the task is hourly).
DEFAULT_CHOICE = ("raise the budget on purpose (and note why), agree a smaller scope that fits it, "
                  "or prefer a candidate inside it")


def budget_choice_fields(f: Fact, c: Any, task: Any, fee: tuple[float, float] | None, currency: str | None,
                         locale: str | None) -> None:
    """``budget_choice``: :data:`DEFAULT_CHOICE`, or for an hourly-only quote on a fixed-price task
    with a budget, "ask for one fixed price within the budget (or cap the hours at N)", with the low
    end of their estimate when it fits the budget (fees as the cost counts them)."""
    f["budget_choice"] = DEFAULT_CHOICE
    if task.pricing != "fixed" or c.bid is not None or not c.hourly or not task.budget:
        return
    percent, fixed = fee or (0.0, 0.0)
    per_hour = c.hourly * (1 + percent / 100.0)
    budget = format_money(task.budget, currency, locale)
    cap = math.floor(max(task.budget - fixed, 0) / per_hour) if per_hour > 0 else 0
    ask = f"ask for one fixed price within the {budget} budget" + (f" (or cap the hours at {cap})" if cap else "")
    span = stated_range(c.notes)
    if span is not None and span[0] < span[1]:
        low = max(span[0], 0.0)
        low_cost = low * per_hour + fixed
        if low_cost <= task.budget:
            with_fees = " with fees" if fee else ""
            ask += (f": at the low end of their {span[0]:g}-{span[1]:g} hour estimate ({low:g} hours, "
                    f"{format_money(round(low_cost), currency, locale)}{with_fees}) they are inside it")
    f["budget_choice"] = ask
