"""What is still in play once the exclusions are out: the live bids and their median (the one
median the price findings and the Ranking use), and whether a task has enough to choose from
(``choice_ready``). Split from :mod:`advisor.rules.judgements`: it reads who is ruled out
(:mod:`advisor.rules.exclusion`), which reads the judgements."""

from __future__ import annotations

from typing import Mapping

from advisor.medians import median as median_of
from advisor.phrases import Found, PhraseMatcher, candidate_matcher
from advisor.plan.model import Candidate, Task
from advisor.rules.exclusion import exclusions, ruled_out_in
from advisor.rules.factcontext import Context
from advisor.rules.factschema import num
from advisor.rules.judgements import candidate_words, said_by, strong_record
from advisor.rules.keycriteria import key_scores
from advisor.rules.partquotes import partial_quote


#: A deadline this many days away (or fewer) is no time to look for more candidates.
CHOICE_DAYS = 21


def qualified(c: Candidate, task: Task, few: bool = True) -> bool:
    """Someone a buyer would go on with rather than look wider: interviewed with every one of the
    task's key criteria scored 4/5 or more (the owner said what matters, and they passed it), or,
    among ``few`` candidates (fewer than 3 still in the running: shortlisting from many costs
    nothing), a strong public record (:func:`strong_record`)."""
    keys = key_scores(c, task)
    if keys:
        return min(v for _, v in keys) >= 4
    return few and strong_record(c)


def choice_ready(task: Task, ctx: Context, human_work: bool = False) -> bool:
    """The task has enough to choose from, so advice to shortlist or invite more rests: someone
    still in the running (not ruled out, quoting the whole job) fits the budget with fees (within
    5%), and either is :func:`qualified` or :data:`CHOICE_DAYS` days or fewer are left to choose
    (:func:`advisor.rules.timeleft.choose_days`: no time to look wider). (A front-runner interviewed well is the next steps' decision,
    :mod:`advisor.advice.decide`, which already settles the screening advice.)"""
    from advisor.rules.timeleft import choose_days

    cands = [c for c in task.candidates if c.status in ("applied", "shortlisted", "interviewed")
             and not ruled_out_in(c, task, ctx, human_work) and not partial_quote(said_by(c, ctx, task), c, task)]
    if task.budget is None:
        return False
    left = choose_days(task, ctx.today, ctx.holidays, ctx.hours_per_day)
    near = left is not None and 0 <= (task.deadline - ctx.today).days and left <= CHOICE_DAYS
    for c in cands:
        if not near and not qualified(c, task, few=len(cands) < 3):
            continue
        price = c.price(task)
        if price is None:
            continue
        fee = ctx.fee(c.marketplace) if c.marketplace else (0.0, 0.0)
        cost = price if fee is None else price + price * fee[0] / 100.0 + (fee[1] if task.pricing == "fixed" else 0.0)
        if cost <= task.budget * 1.05:
            return True
    return False


def live_bids(task: Task, phrases: PhraseMatcher | None = None,
              no_escrow: frozenset[str] = frozenset(), key_criterion_low: float | None = None,
              out: Mapping[str, str] | None = None, words: Mapping[str, Found] | None = None,
              escrow: frozenset[str] = frozenset()) -> list[float]:
    """The prices still in play, before fees: not a rejected candidate's, nor one the advice rules
    out (:func:`exclusions`; ``out``: those exclusions when the caller has them already, with the
    ``words`` they read), nor a quote for part of the job (:func:`partial_quote`)."""
    if out is None or words is None:
        words = {}
        out = exclusions(task, phrases, no_escrow, key_criterion_low, words, escrow) if out is None else out
    phrases = phrases if phrases is not None else candidate_matcher(None)
    return [num(p) for c in task.candidates
            if c.status != "rejected" and c.id not in out and (p := c.price(task)) is not None
            and not partial_quote(words[c.id] if c.id in words else candidate_words(c, phrases, task), c, task)]


def bid_median(task: Task, phrases: PhraseMatcher | None = None,
               no_escrow: frozenset[str] = frozenset(), key_criterion_low: float | None = None,
               escrow: frozenset[str] = frozenset()) -> float | None:
    """The median of the live bids (:func:`live_bids`), both sides before fees: the one median the
    price findings (``task.price_median``) and the Ranking's "under/over the median" use."""
    prices = live_bids(task, phrases, no_escrow, key_criterion_low, escrow=escrow)
    return median_of(prices) if prices else None
