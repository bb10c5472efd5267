"""The offer's terms while everyone bidding is ruled out (grading v23 fix 8, hostel: both bids
excluded, and the IP and data advice the task itself calls for never reached the owner).

The terms a task calls for by itself (rights in the work, an NDA and data agreement, a handover)
do not wait
for someone to offer them to: with every candidate still being decided on ruled out by the advice
(:func:`advisor.rules.exclusion.ruled_out_in`), ``offer-ip-assignment``, ``offer-nda`` and (on
critical work kept running) ``offer-handover`` speak for :data:`NEXT_HIRE`, so the owner puts them
in the next post and offer.
"""

from __future__ import annotations

from typing import Any

from advisor.plan.model import Task
from advisor.rules.factcontext import Context

#: Who an offer term is for while everyone bidding is ruled out.
NEXT_HIRE = "whoever you hire next"
_CHOOSING = ("applied", "shortlisted", "interviewed")


def all_ruled_out(task: Task, ctx: Context, human_work: bool) -> bool:
    """Nobody hired, someone still being decided on, and every one of them ruled out."""
    from advisor.rules.exclusion import ruled_out_in

    cands = task.candidates
    choosing = [c for c in cands if c.status in _CHOOSING]
    return (bool(choosing) and not any(c.status == "hired" for c in cands)
            and all(ruled_out_in(c, task, ctx, human_work) for c in choosing))


def next_hire_terms(t: dict[str, Any], task: Task, ctx: Context) -> None:
    """Set the offer-term fields of the task's fact ``t`` for :data:`NEXT_HIRE` when
    :func:`all_ruled_out` (read by the rules' own conditions: ``creates_ip``, ``sensitive_data``)."""
    if all_ruled_out(task, ctx, t["human_work"]):
        t["offer_ip_unsigned"] = t["offer_nda_unsigned"] = t["offer_solo_new"] = 1
        t["offer_ip_names"] = t["offer_nda_names"] = t["offer_solo_names"] = NEXT_HIRE
