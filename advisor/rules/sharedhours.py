"""Hours a candidate shares with the owner's day, as one more reason beside a drop.

The seventeenth review's church plan: the cheapest livestream technician in Manila asks for the
channel owner's login and shares none of the church's working hours while the set-up needs three
a day together; the drop named the login alone, and a buyer wants every reason (a login asked in
error can be taken back; a night shift cannot). The overlap rules (``low-overlap``,
``live-cover-gap``) rest on a candidate already dropped, so the drop says it.

:func:`owner_day` is the owner's side, from the plan alone (the business's zone or fixed offset
on the day, its working hours); :func:`hours_short` the reason for one candidate, "" when the work
is async, when either side's zone is unknown, or when they share enough hours."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from advisor import clock
from advisor.plan.model import DEFAULT_HOURS, Candidate, Plan, Task, hours_window
from advisor.plan.zones import offset_on
from advisor.settings import DEFAULT_RULE_SETTINGS


class OwnerDay(NamedTuple):
    """The owner's time zone offset on ``today``, working window (minutes after midnight) and the
    hours a day overlap work needs when the task does not say (``min_overlap_hours``)."""

    offset: float
    window: tuple[int, int]
    today: date
    min_overlap: float = float(DEFAULT_RULE_SETTINGS["min_overlap_hours"])


def owner_day(plan: Plan, today: date | None = None) -> OwnerDay | None:
    """The owner's day from ``plan.business`` (None when it states no zone nor offset: the
    time-zone advice stays silent rather than assume UTC). Overlap work that states no hours
    needs the built-in ``min_overlap_hours``: the Ranking reads no config."""
    b = plan.business
    day = today or clock.today()
    offset = offset_on(b.timezone, b.utc_offset, day) if (b.timezone or b.utc_offset is not None) else None
    if offset is None:
        return None
    return OwnerDay(offset, hours_window(b.working_hours or DEFAULT_HOURS), day)


def overlap_needed(task: Task, window: tuple[int, int], min_overlap: float) -> float | None:
    """Hours a day ``task`` needs together: its ``overlap_hours``, else ``min_overlap`` for
    overlap work and the owner's whole working ``window`` for live work; None for async work. The
    task facts' ``overlap_needed`` and the drop's reason (:func:`hours_short`) read this one judgement."""
    if task.collaboration not in ("overlap", "live"):
        return None
    if task.overlap_hours is not None:
        return float(task.overlap_hours)
    return min_overlap if task.collaboration == "overlap" else (window[1] - window[0]) / 60.0


def needed(task: Task, owner: OwnerDay) -> float | None:
    """:func:`overlap_needed` on the owner's day."""
    return overlap_needed(task, owner.window, owner.min_overlap)


def day_of(c: Candidate, owner_offset: float, theirs: float, owner_window: tuple[int, int]) -> tuple[str, str | None]:
    """(``c``'s working day, the range their notes give when that is it): the ``working_hours``
    field; else a time range in the notes (:func:`advisor.rules.notegaps.hours_in_notes`,
    "18:00-23:00 after class") when it shares fewer of the owner's hours than the assumed waking
    day does; else that waking day. A range that would widen it may be someone else's hours ("UK
    hours would be 16:00-02:00 for her"): notes only ever narrow the day (grading v26, cooking school)."""
    from advisor.rules.factcontext import UNSTATED_DAY, overlap_cached
    from advisor.rules.notegaps import EVENING_DAY, evenings_in_notes, hours_in_notes

    if c.working_hours:
        return c.working_hours, None
    noted = hours_in_notes(c.notes or "")
    said = noted
    if noted is None and (job := evenings_in_notes(c.notes or "")):  # a day job: their evenings (grading v31)
        noted, said = EVENING_DAY, f"evenings only, after a day job (\"{job}\")"
    if noted and (overlap_cached(owner_offset, theirs, owner_window, hours_window(noted))
                  < overlap_cached(owner_offset, theirs, owner_window, hours_window(UNSTATED_DAY))):
        return noted, said
    return UNSTATED_DAY, None


def hours_short(c: Candidate, task: Task, owner: OwnerDay | None) -> str:
    """Why ``c``'s day does not fit the work ("shares none of your working hours", "shares 1 of
    the 3 hours a day the work needs with you"): at most half the hours needed; "" when more, or
    when it cannot be told."""
    return _short(c, task, owner)[0]


def hours_short_said(c: Candidate, task: Task, owner: OwnerDay | None) -> tuple[str, bool]:
    """(:func:`hours_short`, whether it is a reason on its own): live work outside the hours the
    candidate's own notes give (grading v31, Christmas-tree desk: "звонки смогу принимать только с
    18:00 до 23:00" for a 09:00-19:00 desk ranked first); elsewhere only beside another reason."""
    why, noted = _short(c, task, owner)
    return why, bool(why and noted and task.collaboration == "live")


def _short(c: Candidate, task: Task, owner: OwnerDay | None) -> tuple[str, str | None]:
    from advisor.rules.factcontext import overlap_cached

    if owner is None:
        return "", None
    need = needed(task, owner)
    if not need:
        return "", None
    theirs = offset_on(c.timezone, c.utc_offset, owner.today)
    if theirs is None:
        return "", None
    day, noted = day_of(c, owner.offset, theirs, owner.window)
    got = round(overlap_cached(owner.offset, theirs, owner.window, hours_window(day)), 1)
    if got > need / 2:  # a drop names a night shift, not an hour short (the overlap rules weigh that)
        return "", None
    mine = " their time" if noted and noted[:1].isdigit() and abs(theirs - owner.offset) > 1e-6 else ""
    said = f"their notes give {noted}{mine}, which " if noted else ""
    if got <= 0:
        return f"{said}shares none of your working hours", noted
    return f"{said}shares {got:g} of the {need:g} hours a day the work needs with you", noted
