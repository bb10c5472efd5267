"""Where a task's hiring stands, as facts the screening rules read (grading v18, Round 20 part B).

Advice to look wider, to try people or to talk to them depends on who is still a real option:
someone ruled out for cause (a request for your logins, a failed key criterion) was screened, not
missed, so "invite 3-5 more" rests once a live candidate has interviewed well (chiro); a paid
trial for "your top one or two" names the one left when only one is; and a critical job due soon
with nobody interviewed gets "interview them this week" (distillery). Live means: still at
applied, shortlisted or interviewed, not ruled out (:func:`ruled_out_in`) and not quoting only
part of the job (:func:`partial_quote`).
"""

from __future__ import annotations

from typing import Any

from advisor.phrases import Found
from advisor.rules.factschema import Fact
from advisor.rules.exclusion import ruled_out_in
from advisor.rules.judgements import partial_quote, said_by
from advisor.rules.timeleft import choose_days
from advisor.text import fold, name_list

#: An interview average at or above this is a strong one (out of 5).
STRONG_INTERVIEW = 4.0
#: A critical job due within this many days with nobody live interviewed: interview this week.
URGENT_DAYS = 21
#: Names "interview this week" lists at most.
MEET_SHOWN = 2


def _live(task: Any, ctx: Any, human_work: bool) -> list[Any]:
    return [c for c in task.candidates if c.status in ("applied", "shortlisted", "interviewed")
            and not ruled_out_in(c, task, ctx, human_work) and not partial_quote(said_by(c, ctx, task), c, task)]


def stage_fields(t: Fact, task: Any, ctx: Any, said: Found) -> None:
    """``human_work_words`` (the task's own words asking for a person, unquoted: what a machine
    offer contradicts), ``interviewed_strong`` (live candidates interviewed at 4/5 or better),
    ``live_count``, ``meet_now``/``meet_names`` (live candidates to interview when none has been:
    those inside the budget first, then by job success and rating), ``interview_urgent`` and ``trial_who`` (whom a paid
    trial is for: the one name left, else "your top one or two candidates"; ``trial_each``: " each"
    then)."""
    # the brief's words, unquoted: the quotes of a finding are the candidate's own (the drop step's evidence)
    words: dict[str, str] = {}
    for w in (said.quotes or {}).get("human_work", ()):
        words.setdefault(fold(w), w)  # each once, as first written
    t["human_work_words"] = ", ".join(words.values())
    live = _live(task, ctx, bool(t.get("human_work")))
    t["live_count"] = len(live)
    strong = [c for c in live if c.interview is not None and c.interview.average is not None
              and c.interview.average >= STRONG_INTERVIEW]
    t["interviewed_strong"] = len(strong)
    met = any(c.interview is not None for c in live)
    budget = task.budget

    def order(c: Any) -> tuple:
        price = c.price(task)
        fits = price is not None and budget is not None and price <= budget
        return (not fits, -(c.job_success or 0), -(c.rating or 0))
    meet = [] if met else sorted(live, key=order)[:MEET_SHOWN]
    t["meet_now"] = len(meet)
    t["meet_names"] = name_list([c.name for c in meet], shown=MEET_SHOWN)
    # a critical job due within URGENT_DAYS with nobody live interviewed: the interview is the step
    # (interview-before-deadline), and it stands for interview-the-shortlist
    # the days left to choose: the holidays, and the days the work itself takes, set aside
    left = choose_days(task, ctx.today, ctx.holidays, ctx.hours_per_day)
    # (hours that do not fit at all, left < 0: deadline-too-tight's "move the date" comes first,
    # unless the date itself is this close)
    days = (task.deadline - ctx.today).days if task.deadline is not None else None
    t["interview_urgent"] = bool(meet and task.critical and left is not None and days is not None and days >= 0
                                 and (0 <= left <= URGENT_DAYS or days <= URGENT_DAYS)
                                 and not t.get("hired") and not t.get("proven_candidates"))
    one = len(live) == 1
    t["trial_who"] = live[0].name if one else "your top one or two candidates"
    t["trial_each"] = "" if one else " each"


def at_work(c: Any) -> bool:
    """The hire is made and the work under way: the candidate is hired and the plan records who is
    doing the work (``working_people``, written from the work diary, the commits or the
    timesheets). Pre-hire advice ("talk to them before work starts") then steps back and the
    in-flight checks speak (key-person-substituted: the named person replaced, the next payment
    held); grading v20, drone: a hired agency three weeks in told to interview before work starts."""
    return c.status == "hired" and bool(c.working_people)
