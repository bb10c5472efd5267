"""Whether a candidate can still do the work in time by their own dates: the start the field or
their notes give (:func:`advisor.rules.ownplan.own_start`), the delivery their notes date
(:func:`advisor.rules.ownplan.own_delivery`), and, for a capped role, the hours the weeks from
their start hold. The facts' ``available_too_late`` says it with its words; the Ranking puts such a
candidate after those who can (grading v32 review, cachaça: a start on 15 January ranked first for a
store run through Christmas)."""

from __future__ import annotations

from datetime import date
from typing import Any

from advisor.rules.deliverable import races_a_date
from advisor.rules.ownplan import own_delivery, own_start

#: The share of a capped role's hours the weeks from a start must hold.
CAP_COVER = 0.9


def capped_hours_from(task: Any, start: date, today: date) -> float | None:
    """The hours a capped role's weeks hold from ``start`` to the deadline when that start, and not
    the plan, leaves them short of :data:`CAP_COVER` of the hours (from today they would fit); None
    otherwise."""
    if not (task.hours and task.weekly_cap and task.deadline is not None) or start <= today:
        return None
    can = (task.deadline - start).days * task.weekly_cap / 7.0
    whole = (task.deadline - today).days * task.weekly_cap / 7.0
    return can if can < CAP_COVER * task.hours <= whole else None


def too_late(c: Any, task: Any, today: date) -> bool:
    """The candidate's own dates miss the task's deadline (see the module)."""
    if task.deadline is None:
        return False
    start = c.available_from or (own_start(c.notes, today) or (None,))[0]
    if start is not None and (start > task.deadline or capped_hours_from(task, start, today) is not None):
        return True
    got = own_delivery(c.notes, max(start or today, today)) if races_a_date(task) else None
    return got is not None and got[0] > task.deadline
