"""Whether a task's hours are a deliverable racing its deadline (one judgement, read by the
deadline, holiday and availability facts alike)."""

from __future__ import annotations

from typing import Any


def races_a_date(task: Any, today: Any = None) -> bool:
    """The task's hours are a deliverable due by its deadline. Live work is paced by the owner's
    hours: its deadline is the day someone must be on it, and its hours the role's (grading v25,
    solar: a call desk "due 11 Jan" with 480 hours was told "about 28 of the 480 hours needed"
    and to set a milestone before the holidays)."""
    if task.collaboration == "live":
        return False
    # an hourly role for weeks under a weekly cap, "due" within a quarter of the weeks its hours take:
    # the day it must start, not the day it must be done (grading v35 review, pool service: 240 hours
    # at 20 a week "due 14 Dec", six days away, told "not feasible, cut the scope to 20 hours")
    if task.pricing == "hourly" and task.weekly_cap and task.hours and task.deadline is not None:
        from advisor import clock

        weeks = task.hours / (task.weekly_cap * max(1, task.openings or 1))
        if weeks >= ROLE_WEEKS and (task.deadline - (today or clock.today())).days / 7.0 < weeks / 4:
            return False
    return True


#: Weeks of capped hourly work from which a task is a role rather than a deliverable.
ROLE_WEEKS = 4
