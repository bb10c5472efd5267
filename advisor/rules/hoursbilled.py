"""The hours a hire billed last week against the task's weekly cap, as task facts (issue 21).

A weekly cap on an hourly contract is only a limit if someone compares the week's invoice with
it: grading v20 (drone) had an hourly hire billing 34 h a week against a 20 h cap and no line
said so, because nothing recorded the hours. A hired candidate's ``hours_last_week`` (the work
diary or the invoice of the last full week) over ``weekly_cap`` is an overrun, named with the
people, the hours and what the extra hours cost at their rate, in the business's money and
locale (:func:`advisor.plan.money.format_money`). A proven person is compared the same way: a
cap is a term of the contract, not a judgement of the person.
"""

from __future__ import annotations

from typing import Any

from advisor.plan.money import format_money, format_number
from advisor.rules.factschema import Fact, num
from advisor.text import name_list

#: People an overrun names at most (then "and N more").
OVER_SHOWN = 3


def _hours(h: float, locale: str | None) -> str:
    return format_number(f"{num(h):g}", locale)


def overruns(task: Any) -> list[tuple[Any, float]]:
    """The hired people who billed more than the task's ``weekly_cap`` last week, with the hours
    over (none without a cap)."""
    cap = task.weekly_cap
    if cap is None:
        return []
    return [(c, c.hours_last_week - cap) for c in task.candidates
            if c.status == "hired" and c.hours_last_week is not None and c.hours_last_week > cap]


def hours_over_cap_fields(t: Fact, task: Any, ctx: Any) -> None:
    """On an hourly task with a ``weekly_cap``: ``hours_over_cap`` (the hours the hired people
    billed over the cap last week, added up; 0 when nobody went over or nobody recorded hours),
    and when over, ``hours_over_who`` ("Ana billed 34 h"), ``hours_over_amount`` (those hours at
    each one's hourly rate; absent when a rate is unknown) and ``hours_over_cost`` (", about
    $476" or "", for the message). Absent on a fixed-price task or one without a cap."""
    cap = task.weekly_cap
    if task.pricing != "hourly" or cap is None:
        return
    over = overruns(task)
    t["hours_over_cap"] = num(sum(extra for _, extra in over))
    if not over:
        return
    t["hours_over_who"] = name_list([f"{c.name} billed {_hours(c.hours_last_week, ctx.locale)} h" for c, _ in over],
                                    shown=OVER_SHOWN)
    rates = [c.price(task) for c, _ in over]
    if all(r is not None for r in rates):
        amount = sum(extra * rate for (_, extra), rate in zip(over, rates))
        t["hours_over_amount"] = num(amount)
        t["hours_over_cost"] = f", about {format_money(round(amount), ctx.currency, ctx.locale)}"
    else:
        t["hours_over_cost"] = ""
