"""Candidate value: what each live candidate costs all in, where that sits against the going
rate, and a ranking within the task with a one-line reason.

A seasoned buyer does not hire the cheapest bid. The ranking weighs five things (weights in the
``[value]`` table of the config, :class:`advisor.settings.ValueWeights`): the price, job success,
reviews and rating, interview scores, and past work with us. Each is a score from 0 to 1 where
0.5 is "typical / not known": **missing data is neutral, never zero**, so a candidate is not
punished for a field nobody filled in, and a field missing for everyone does not change the
order. The price counts only for a candidate with some evidence of quality (a track record, an
interview or past work), against the cheapest such candidate: an unknown cheapest bid gets a
neutral price score, so price alone never wins. Ties go to the lower cost, then the name. The parts,
their score and the reason's words are :mod:`advisor.advice.valuereason`.

Money: every amount in a plan is in the business's currency (a CSV import converts other
currencies with an explicit ``--rate``, :mod:`advisor.plan.currency`), and a marketplace's fee is
added with :meth:`Marketplace.fee_on`; unknown fees stay unknown (``all_in_cost`` None, never the
cost at 0%). The reason's "x% under the median of live bids" compares the price with the median
of the comparable prices still in play, both before fees (not a rejected bid, nor one the advice
rules out, nor a quote that prices part of the scope as an extra: :func:`reference`); with fewer
than :data:`MIN_COMPARABLE` of them a median is only the midpoint of two bids, so the price is
put against the going rate x the hours of one opening ("4% over the going rate"; grading v11:
"36% over the median" for a bid 4% over the going rate). ``vs_median`` (the report's and the
compare screen's column) stays the median of all live bids, the figure the price findings quote.

A candidate the advice rules out (a failed trial, a request to move off the marketplace, a red
flag such as a guarantee, a request for your logins or money up front, machine output for work
that needs a person, a start after the deadline: :func:`advisor.rules.exclusion.ruled_out`, the set
the next steps drop) is never ranked: it comes after the ranked ones with ``excluded`` saying why. The candidate the
task's decision picks (:func:`advisor.advice.decide.picks`: a proven one inside the budget, else
the front-runner interview) comes first with the default weights, so the #1 is the Next step's
hire; a quote for part of the job comes after every whole one, marked ``partial``. Someone the
owner shortlisted or interviewed ranks before an applicant they have not picked out; an all-in
cost over the budget costs score and is said on the line (``over_budget``); a rating or job success
from few reviews or jobs counts towards neutral (uncertainty, not a 5.0; grading v16, optician).

Pure functions over the plan: ``check --format json``, ``check``, the report and the app show the
same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor.rules.sizing import person_hours
from advisor.advice.basis import basis_or_builtin
from advisor.advice.decide import TOLERANCE, picks as decision_picks
from advisor.advice.regionrate import regional_references
from advisor.plan.regions import countries_named
from advisor.rules.availability import too_late
from advisor import clock
from advisor.advice.rankmemo import FRESH, Fresh, RankMemo, memo_of
from advisor.advice.valuereason import LOW_BID_RATIO, has_evidence, pct, reason_text, score, score_parts
from advisor.medians import median as median_of
from advisor.rules.factcontext import quartiles
from advisor.phrases import Found, PhraseMatcher
from advisor.plan.fees import fee_terms
from advisor.plan.model import CLOSED_STATUSES, SHORTLIST_STATUSES, Candidate, Plan, Task
from advisor.plan.money import format_number
from advisor.phrasecontext import unsure_request
from advisor.rules.exclusion import exclusions
from advisor.rules.factcontext import escrow_of, no_escrow_of
from advisor.rules.inplay import live_bids
from advisor.rules.judgements import (candidate_words, is_proven, left_out_words, machine_ask, partial_quote, stated_licence,
                                     task_words)
from advisor.rules.sharedhours import owner_day
from advisor.rules.ownership import keeps_note
from advisor.settings import ValueWeights

#: Statuses of a candidate still in play (a rejected one is out).
LIVE_STATUSES = ("applied", "shortlisted", "interviewed", "hired")
#: An all-in cost more than this share over the budget is said on the line and costs score: the
#: one money tolerance (:data:`advisor.advice.decide.TOLERANCE`); under it nothing is said (grading
#: v17: "(2% over budget)" in a Ranking whose Next steps call 5% inside the budget).
OVER_BUDGET_SAID = TOLERANCE
#: Candidate statuses the owner has already picked out; an applied one ranks after them.
PICKED_OUT = SHORTLIST_STATUSES
#: Comparable live bids needed before the Ranking compares a price with their median.
MIN_COMPARABLE = 3


@dataclass(frozen=True)
class CandidateValue:
    task: str
    candidate: str
    name: str
    #: The price in the task's pricing (per hour for hourly work, the total for fixed).
    price: float | None
    #: What the task costs with this candidate before fees (hourly: rate x one person's hours,
    #: :func:`advisor.rules.sizing.person_hours`).
    total: float | None
    #: The marketplace's client fee on ``total``; None while its fees (or the total) are unknown.
    fee: float | None
    #: ``total + fee`` in the business's currency; None when either is unknown.
    all_in_cost: float | None
    #: The price against the median of the prices still in play (``bid_median``): -0.12 is 12%
    #: under it; None with fewer than two prices.
    vs_median: float | None
    rank: int
    score: float
    reason: str
    #: why the advice rules this candidate out ("" when ranked); an excluded one comes last
    excluded: str = ""
    #: a fixed fee in another currency with no exchange rate, in its own currency ("$2.50"):
    #: left out of ``fee`` and ``all_in_cost`` (advisor/plan/fees.py); "" when none
    fee_left_out: str = ""
    #: the price against what the reason compares it with (``reference``): -0.05 is 5% under
    vs_reference: float | None = None
    #: "the median of live bids" or "the going rate" (:func:`reference`); "" with neither
    reference: str = ""
    #: what the candidate said that prices part of the job apart (``"not included"``): their quote
    #: is not comparable with the whole ones until re-quoted (ranked after them); "" when whole
    partial: str = ""
    #: an agency that names nobody who would do the work, while someone else in play is a person
    #: or names theirs: ranked after them (grading v13, ngo: "our team" over a named specialist)
    names_nobody: bool = False
    #: the share the cost to the business is over the task's budget (0.18: 18% over; all in on a
    #: fixed price); None within :data:`OVER_BUDGET_SAID` of it or while everyone is over
    over_budget: float | None = None
    #: what to ask before the choice, when the notes name a request only beside a negation
    #: (:func:`advisor.phrasecontext.unsure_request`): kept in the Ranking, never excluded; "" when none
    confirm: str = ""
    #: what the candidate would keep of work the business must own, with their words ('keeps the
    #: copyright: "..."', :func:`advisor.rules.ownership.keeps_note`): said, never excluded; "" when none
    keeps: str = ""

    def to_json(self) -> dict:
        return {"task": self.task, "candidate": self.candidate, "name": self.name,
                "price": _round(self.price), "all_in_cost": _round(self.all_in_cost),
                "fees_known": self.fee is not None or self.total is None,
                "vs_median": None if self.vs_median is None else round(self.vs_median, 4),
                "rank": self.rank, "score": round(self.score, 4), "reason": self.reason,
                "excluded": self.excluded, "fee_left_out": self.fee_left_out or None,
                "vs_reference": None if self.vs_reference is None else round(self.vs_reference, 4),
                "reference": self.reference or None, "partial": self.partial or None,
                "names_nobody": self.names_nobody, "confirm": self.confirm or None, "keeps": self.keeps or None,
                "over_budget": None if self.over_budget is None else round(self.over_budget, 4)}


def _lists(phrases: object) -> PhraseMatcher:
    """The red-flag lists in effect: the caller's, else the built-in basis's (one Basis)."""
    return phrases if phrases is not None else basis_or_builtin(None).phrases  # type: ignore[return-value]


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def live(task: Task) -> list[Candidate]:
    """The candidates still in play on an open task (none on a done or cancelled one)."""
    if task.status in CLOSED_STATUSES:
        return []
    return [c for c in task.candidates if c.status in LIVE_STATUSES]



def _fee(plan: Plan, c: Candidate, amount: float) -> float | None:
    """The client fee on ``amount`` in the business's currency: 0 for a direct hire (no
    marketplace), None while the marketplace's fees are unknown; a fixed fee no rate converts is
    left out (:func:`_left_out` says so)."""
    if not c.marketplace:
        return 0.0
    terms = fee_terms(plan.marketplace(c.marketplace), plan.business)
    return None if terms is None else terms.on(amount)


def _left_out(plan: Plan, c: Candidate) -> str:
    """``"$2.50"``: the candidate's marketplace's fixed fee that no exchange rate converts."""
    if not c.marketplace:
        return ""
    terms = fee_terms(plan.marketplace(c.marketplace), plan.business)
    return "" if terms is None else terms.left_out_text(plan.business.locale)


class RatesBySkill(dict):
    """Skill -> its going rates; ``regions``: skill -> (rate, the countries its note names) for the
    rates whose note names one (:mod:`advisor.advice.regionrate`), from the same one walk."""

    regions: dict[str, list[tuple[float, frozenset[str]]]]


def rates_by_skill(plan: Plan) -> RatesBySkill:
    """The plan's going rates by skill, read once (the Ranking of every task uses them)."""
    out = RatesBySkill()
    out.regions = {}
    for r in plan.rates:
        out.setdefault(r.skill, []).append(r.hourly)
        out.regions.setdefault(r.skill, []).append((r.hourly, countries_named(r.note)))
    return out


#: Going rates of the task's skills whose medians differ by more than this ratio are different
#: markets (licensed permit design vs drafting, senior vs junior): not one going rate.
SKILL_SPREAD = 1.25


def _rate_median(task: Task, by_skill: dict[str, list[float]]) -> tuple[float | None, str]:
    """The median going rate the task's price is judged by, and the skill named when it is one of
    several: the task's skills pooled, as :func:`advisor.advice.insights.going_rate`, unless their
    rates are different markets (:data:`SKILL_SPREAD`); then its first skill's, the deliverable's
    (grading v17, architect: "42% over the going rate" of drafting for a licensed design 9% under
    the one permit-design rate)."""
    skills = [k for k in dict.fromkeys(task.skills) if by_skill.get(k)]
    medians = [q[1] for k in skills if (q := quartiles(by_skill[k])) is not None]
    if len(skills) > 1 and min(medians) > 0 and max(medians) / min(medians) > SKILL_SPREAD:
        return medians[0], f" for {skills[0]}"
    q = quartiles([v for k in skills for v in by_skill[k]])
    return (q[1] if q is not None else None), ""


def reference(plan: Plan, task: Task, out: dict[str, str], phrases: object = None,
              by_skill: dict[str, list[float]] | None = None,
              words: Mapping[str, Found] | None = None) -> tuple[float | None, str]:
    """What the Ranking compares a price with, before fees, in the task's pricing: the median of
    the comparable live bids (priced, not rejected nor ruled out (``out``), and not a quote whose
    notes price part of the scope as an extra: "raw files are N20k extra", the ``extras`` phrases)
    when there are :data:`MIN_COMPARABLE` or more; else the going rate (its median) per hour, or
    x the hours of one opening on a fixed-price task (the hours / openings, or all the hours when
    the comparable bids sit nearer that: a plan that gives one creator's hours for three openings); else (None, ""): the reason then says how far
    over the cheapest a price is. ``words``: the candidates' words as :func:`exclusions` read them."""
    matcher = _lists(phrases)
    said = words if words is not None else {}
    priced = [(c, p) for c in task.candidates if c.status != "rejected" and c.id not in out
              and (p := c.price(task)) is not None]
    same = [p for c, p in priced
            if not partial_quote(said[c.id] if c.id in said else candidate_words(c, matcher, task), c, task)]  # type: ignore[arg-type]
    if len(same) >= MIN_COMPARABLE:  # a part-scope quote left out: the count says so (grading v20, theatre)
        return median_of(same), ("the median of live bids" if len(same) == len(priced)
                                 else f"the median of {len(same)} whole-scope bids")
    rate, skill = _rate_median(task, by_skill if by_skill is not None else rates_by_skill(plan))
    if rate and task.pricing == "hourly":
        return rate, "the going rate" + skill
    if rate and task.hours:
        per = rate * task.hours / max(1, task.openings)
        if task.openings > 1 and same:  # are the hours the whole task's or one opening's? the bids say
            mid = median_of(same)
            if mid > 0 and abs(math.log(mid / (rate * task.hours))) < abs(math.log(mid / per)):
                per = rate * task.hours  # each bid is near the whole hours' price: they are one opening's
        return per, "the going rate" + skill
    return None, ""  # two bids make no median: the reason compares with the cheapest instead


def task_values(plan: Plan, task: Task, weights: ValueWeights | None = None,
                phrases: object = None, key_criterion_low: float | None = None,
                by_skill: dict[str, list[float]] | None = None, memo: RankMemo | None = None) -> list[CandidateValue]:
    """The task's live candidates, best first (rank 1), each with its all-in cost and reason; the
    ones the advice rules out last, with ``excluded`` set. ``phrases``: the red-flag lists in
    effect (:class:`advisor.phrases.PhraseMatcher`; the built-in ones by default). ``memo``: the
    rows kept from the last Ranking of this task (:mod:`advisor.advice.rankmemo`): only the
    candidates whose inputs changed are worked out again, with the same result."""
    weights = weights or ValueWeights()
    phrases = _lists(phrases)
    cands = live(task)
    if not cands:
        return []
    no_escrow = no_escrow_of(plan)
    owner = owner_day(plan)  # the hours a dropped candidate does not share: one more reason
    kept = FRESH if memo is None else memo.rows(plan, task, phrases, no_escrow, key_criterion_low, weights, owner)
    said: dict[str, Found] = {}  # each candidate's words, read once for all below
    out = kept.exclusions(task, lambda t, words: exclusions(t, phrases, no_escrow, key_criterion_low, words,
                                                            escrow_of(plan), owner),  # type: ignore[arg-type]
                          said)
    # in the task's pricing (a fixed price's total, else per hour); one price is no median
    bids = live_bids(task, phrases, out=out, words=said)  # type: ignore[arg-type]  # not worked out again
    priced = len(bids)
    median = median_of(bids) if priced >= 2 else None  # = bid_median; one price is no median
    ref, against = reference(plan, task, out, phrases, by_skill, said)
    partial = _partial(task, cands, out, phrases, said)
    confirm = _confirm(task, cands, out, phrases, said, kept)
    keeps = {c.id: k for c in cands if c.id not in out  # the ruled out say it in their exclusion
             and (k := kept.get(c.id, "keeps", None, lambda: keeps_note(said[c.id], c, task, phrases)))}
    rows = []
    vs_ref: dict[str, float | None] = {}
    # a going rate noted for the candidate's own country is theirs (grading v30, 3D print: a blend of regions)
    regional = (regional_references(task, by_skill if isinstance(by_skill, RatesBySkill) else rates_by_skill(plan))
                if against.startswith("the going rate") else {})
    against_of: dict[str, str] = {}
    for c in cands:
        price, total, fee, all_in, cost = kept.get(c.id, "money", None, lambda: _money(plan, task, c))
        vs = price / median - 1 if price is not None and median else None
        c_ref, against_of[c.id] = regional.get((c.country or "").upper(), (ref, against)) if regional else (ref, against)
        # a quote for part of the job has no "x% under" (grading v12: "37% under" without Korean)
        vs_ref[c.id] = price / c_ref - 1 if price is not None and c_ref and c.id not in partial else None
        rows.append((c, price, total, fee, all_in, cost, vs))
    # licensed work (a tax return, conveyancing...): someone who states no licence comes after
    # everyone who states one, whatever the price (tax_cpa: a bookkeeper ranked over a CPA)
    unlicensed = _unlicensed(task, cands, phrases)
    # "over the cheapest" compares with the live candidates only (one decision per candidate),
    # and on licensed work only among those stating a licence (a CPA is not "112% over" a bookkeeper)
    costs = [r[5] for r in rows if r[5] is not None and r[0].id not in out and r[0].id not in unlicensed]
    cheapest = min(costs) if costs else None
    # the price scores against the cheapest with a record: a cheaper unknown (scored neutral)
    # must not pull a proven candidate's price score under neutral
    # (and neither may a bid far under the others, nor someone ruled out)
    proven = [r[5] for r in rows if r[5] is not None and has_evidence(r[0]) and r[0].id not in out
              and not (r[6] is not None and r[6] < LOW_BID_RATIO - 1)]
    cheapest_proven = min(proven) if proven else None
    averages = [c.interview.average for c in cands if c.interview is not None and c.interview.average is not None]
    best_iv = max(averages) if averages else None
    at_best = sum(1 for a in averages if best_iv is not None and round(a, 2) == round(best_iv, 2))
    scored = []
    over = _over_budget(plan, task, [r for r in rows if r[0].id not in out])
    for c, price, total, fee, all_in, cost, vs in rows:
        # kept while the figures it is compared with are the same (the candidate's own change
        # empties its row: rankmemo)
        below = None if c.id in unlicensed else cheapest
        s, reason = kept.get(c.id, "row", (vs, cheapest_proven, vs_ref[c.id], below, best_iv, len(averages),
                                           len(costs), against_of[c.id], at_best, plan.business.locale),
                             lambda: (score(score_parts(c, cost, cheapest_proven, vs), weights),
                                      format_number(reason_text(c, vs_ref[c.id], cost, below, best_iv, len(averages),
                                                                len(costs), against_of[c.id], at_best), plan.business.locale)))
        if c.id in over:  # an all-in price over the budget is a cost the owner did not plan
            s -= min(over[c.id], 0.5)
        scored.append((s, c, price, total, fee, all_in, cost, vs, reason))
    if unlicensed:
        scored = [(sc, c, *rest[:-1], "no licence stated, " + rest[-1] if c.id in unlicensed else rest[-1])
                  for sc, c, *rest in scored]
    if over:
        # with fees, and before them (grading v32 review, cachaça: "10% over budget" read as the R$68 rate
        # against the R$65 cap, 4.6%)
        scored = [(sc, c, *rest[:-1], f"{pct(over[c.id])} over your budget with fees{_before_fees(task, rest[0])}, "
                   + rest[-1] if c.id in over else rest[-1]) for sc, c, *rest in scored]
    if keeps:
        scored = [(sc, c, *rest[:-1], f"{keeps[c.id]}; " + rest[-1] if c.id in keeps else rest[-1]) for sc, c, *rest in scored]
    if partial:
        scored = [(sc, c, *rest[:-1], f"quotes part of the job ({partial[c.id]}), " + rest[-1] if c.id in partial else rest[-1])
                  for sc, c, *rest in scored]
    # the decision's pick (a proven one inside the budget, else the front-runner interview) comes
    # first: the Ranking never puts #1 someone other than the Next step's hire (grading v13, tenant:
    # the cheapest unvetted bid #1 while the step judged the interviewed one's trial)
    # (with the owner's own [value] weights the order is theirs: they chose what counts)
    chosen = decision_picks(plan, task, {*out, *partial}) if weights == ValueWeights() else ()
    unnamed = _names_nobody(cands, out)
    # someone the owner shortlisted or interviewed ranks before an applicant they have not picked
    # out (grading v16, bike-sync/optician: a generic applied bid above the shortlisted specialist)
    # and someone who would keep the copyright, accounts or code of work you pay for ranks after those
    # who would not (grading v30, frontistirio: #1 a developer keeping the code on his own server)
    # and someone whose own dates miss the deadline after those who can make it (grading v32 review, cachaça)
    today = owner.today if owner is not None else clock.today()
    late = {c.id for c in cands if c.id not in out and too_late(c, task, today)}
    scored.sort(key=lambda r: (r[1].id in out, r[1].id not in chosen, r[1].id in unlicensed, r[1].id in partial,
                               r[1].id in keeps, r[1].id in late, r[1].id in unnamed, r[1].status not in PICKED_OUT,
                               -round(r[0], 9), r[6] is None, r[6] or 0.0, r[1].name.casefold(), r[1].id))
    values = []
    for n, (s, c, price, total, fee, all_in, cost, vs, reason) in enumerate(scored, start=1):
        args = (task.id, c.id, c.name, price, total, fee, all_in, vs, n, s, reason, out.get(c.id, ""),
                kept.get(c.id, "left", None, lambda: _left_out(plan, c)) if fee is not None else "", vs_ref[c.id],
                against_of[c.id] if vs_ref[c.id] is not None else "",
                partial.get(c.id, ""), c.id in unnamed, over.get(c.id), confirm.get(c.id, ""), keeps.get(c.id, ""))
        if kept is FRESH:
            values.append(CandidateValue(*args))
            continue
        # kept while every field but the rank is the same (a frozen record is ~9 µs to build, a
        # copy with another rank ~1 µs: an edit moves the ranks of the rows between)
        values.append(_ranked(kept.get(c.id, "value", args[:8] + args[9:], lambda: CandidateValue(*args)), n))
    return values


def _ranked(v: CandidateValue, rank: int) -> CandidateValue:
    """``v`` at ``rank``: ``v`` itself when it is there, else a copy (equal to a new record)."""
    if v.rank == rank:
        return v
    out = object.__new__(CandidateValue)
    out.__dict__.update(v.__dict__, rank=rank)
    return out


def _money(plan: Plan, task: Task, c: Candidate) -> tuple:
    """(price, total, fee, all_in, cost) of ``c``: the price in the task's pricing, the task's
    total before fees, the fee, the two together, and what the Ranking compares (all in where
    known, else the price: hourly work without hours, the rate with the fee's percentage)."""
    price = c.price(task)
    if task.pricing == "fixed":
        total = price
    else:
        hours = person_hours(task)  # one person's share when there are several openings
        total = price * hours if price is not None and hours is not None else None
    fee = _fee(plan, c, total) if total is not None else None
    all_in = total + fee if total is not None and fee is not None else None
    if all_in is not None:
        cost = all_in
    elif price is not None and total is None:
        f = _fee(plan, c, price)
        cost = price + f if f is not None else price
    else:
        cost = total
    return price, total, fee, all_in, cost


def _before_fees(task: Task, price: float | None) -> str:
    """" (5% before them)" or " (inside it before them)": the price against the budget without fees."""
    if price is None or not task.budget:
        return ""
    share = price / task.budget - 1
    return f" ({pct(share)} before them)" if share > 0.005 else " (inside it before them)"


def _over_budget(plan: Plan, task: Task, rows: list) -> dict[str, float]:
    """Candidate id -> the share its cost to the business is over the task's budget, for those more
    than :data:`OVER_BUDGET_SAID` over: a fixed price all in (with the marketplace's fee where
    known), an hourly rate with the fee's percentage against the hourly budget. Empty while
    everyone is over (the budget is the problem then: ``budget-below-market``, not a ranking)."""
    if not task.budget or task.budget <= 0:
        return {}
    out: dict[str, float] = {}
    for c, price, total, fee, all_in, cost, vs in rows:
        if price is None:
            continue
        if task.pricing == "fixed":
            spent = all_in if all_in is not None else price
        else:
            f = _fee(plan, c, price)
            spent = price + (f if f is not None else 0.0)
        share = spent / task.budget - 1
        if share > OVER_BUDGET_SAID:
            out[c.id] = share
    priced = sum(1 for r in rows if r[1] is not None)
    return out if len(out) < priced else {}


def _partial(task: Task, cands: list[Candidate], out: dict[str, str], phrases: object,
             words: Mapping[str, Found]) -> dict[str, str]:
    """Live candidates (not ruled out) whose quote is for part of the job (``partial_quote``: scope
    left out, or pay as a share of the outcome) -> what they said: they rank after every whole
    quote until re-quoted, and never #1 even when nobody else is left (grading v12: a migration
    without orders and redirects ranked #1; v19, ski: a part-scope bid #1, "40% under")."""
    matcher = _lists(phrases)
    said = {c.id: words[c.id] if c.id in words else candidate_words(c, matcher, task)  # type: ignore[arg-type]
            for c in cands if c.id not in out}
    byid = {c.id: c for c in cands}
    part = {k: left_out_words(f, byid[k], task) for k, f in said.items() if partial_quote(f, byid[k], task)}
    return part


def _confirm(task: Task, cands: list[Candidate], out: Mapping[str, str], phrases: object,
             words: Mapping[str, Found], kept: Fresh = FRESH) -> dict[str, str]:
    """Live candidates whose notes name a request only beside a negation -> what to ask them
    (grading v18: a misread negation must never exclude; confirm-unclear-request asks it)."""
    matcher = _lists(phrases)
    asks = {c.id: kept.get(c.id, "confirm", None, lambda: unsure_request(f, f.categories)[0] or machine_ask(f))
            for c in cands if c.id not in out
            for f in [words[c.id] if c.id in words else candidate_words(c, matcher, task)]}  # type: ignore[arg-type]
    return {k: v for k, v in asks.items() if v}


def _names_nobody(cands: list[Candidate], out: Mapping[str, str]) -> frozenset[str]:
    """Live agencies (not ruled out, not proven) that name nobody who would do the work, while
    someone else in play is a person or an agency naming its people (empty otherwise)."""
    live_ = [c for c in cands if c.id not in out]
    unnamed = frozenset(c.id for c in live_ if c.kind == "agency" and not c.named_people and not is_proven(c))
    return unnamed if len(unnamed) < len(live_) else frozenset()


def _unlicensed(task: Task, cands: list[Candidate], phrases: object) -> frozenset[str]:
    """On work only a licensed professional should do (the task's own words, ``licensed_work``),
    the live candidates who state no licence while someone else in play states one (empty
    otherwise: with nobody licensed, ``licensed-professional`` speaks instead)."""
    matcher = _lists(phrases)
    if "licensed_work" not in task_words(task, matcher).categories:  # type: ignore[arg-type]
        return frozenset()
    without = frozenset(c.id for c in cands if not stated_licence(c, matcher))  # type: ignore[arg-type]
    return without if len(without) < len(cands) else frozenset()


def plan_values(plan: Plan, basis: Any = None) -> list[CandidateValue]:
    """Every open task's live candidates, task by task in plan order, best first within each (the
    going rates read once for all of them); ``basis``: see :func:`values_with`."""
    by_skill = rates_by_skill(plan)
    return [v for t in plan.tasks for v in values_with(plan, t, basis, by_skill)]


def values_with(plan: Plan, task: Task, basis: Any = None,
                by_skill: dict[str, list[float]] | None = None, memo: RankMemo | None = None) -> list[CandidateValue]:
    """:func:`task_values` with what the advice was computed with (a
    :class:`advisor.advice.basis.Basis`: the owner's phrase lists, ``key_criterion_low`` and
    weights; None: the built-in one), so the Ranking rules out whom the rules rule out."""
    b = basis_or_builtin(basis)
    memo = memo if memo is not None else memo_of(b)  # the app's, kept between edits
    if memo is None:
        return task_values(plan, task, b.weights, b.phrases, b.key_criterion_low, by_skill)
    with memo.lock:
        return task_values(plan, task, b.weights, b.phrases, b.key_criterion_low, by_skill, memo)


def ranks(plan: Plan, task: Task, basis: Any = None, memo: RankMemo | None = None) -> dict[str, CandidateValue]:
    """Candidate id -> its value (:func:`values_with`), for a table that shows rows in its own
    order; ``memo``: the rows kept from the last Ranking (the app's, between edits)."""
    return {v.candidate: v for v in values_with(plan, task, basis, memo=memo)}
