"""A plan as engine facts: one ``business`` fact, one fact per task, one per candidate.

Each fact is a plain ``dict`` with a ``_t`` type field and the plan id as ``id`` (the engine
layer moves it to ``key``, because durable-rules reserves ``id``). Everything the rules need that
the engine cannot compute itself (counts, medians, percentiles, ranks, fees, dates) is computed
here, in plain Python, per task: an edit to one task recomputes that task and its candidates only.

The conventions and :data:`SCHEMA` are in :mod:`advisor.rules.factschema`, the :class:`Context` in
:mod:`advisor.rules.factcontext`, a candidate's fact in :mod:`advisor.rules.candidatefacts`, the
continuity fields in :mod:`advisor.rules.continuity`, the offer fields in :mod:`advisor.rules.offerfacts`.
"""

from __future__ import annotations

import re

from dataclasses import replace
from datetime import date
from typing import Any, Mapping

from advisor import clock
from advisor.medians import median as median_of
from advisor.plan.lifecycle import task_out_of_step
from advisor.plan.model import (CLOSED_STATUSES, DEFAULT_HOURS, POSTED_STATUSES, SHORTLIST_STATUSES, Plan,
                                Task, fold)
from advisor.plan.money import format_money
from advisor.plan.people import People, critical_open_tasks
from advisor.plan.zones import offset_on
from advisor.rules.access import access_ended, broad_access, built_on, roles_text, unscoped
from advisor.rules.candidatefacts import candidate_fact
from advisor.rules.datashare import holds_personal_data
from advisor.rules.disclosure import reported_exposure
from advisor.rules.factcontext import Context, context, quartiles
from advisor.rules.waiting import parked_tasks, says_it_waits, waiting_tasks  # noqa: F401
from advisor.rules.factschema import BUSINESS_KEY, Fact, Key, copy_straight, num, put
from advisor.rules.healthdata import health_fields
from advisor.rules.stagefacts import stage_fields
from advisor.rules.hoursbilled import hours_over_cap_fields
from advisor.rules.notegaps import note_gap_fields
from advisor.rules.ownplan import own_plan
from advisor.rules.units import milestone_split, piece_by_price, piece_words
from advisor.rules.offerfacts import offer_fields
from advisor.rules.ratecount import few_rates_words
from advisor.rules.exclusion import ruled_out_in
from advisor.rules.inplay import choice_ready
from advisor.rules.judgements import (park_words, trial_piece, escrowless_channel, milestone_payment, in_motion, run_first, decision_clear, is_proven, nice_amount,
                                      said_by, said_in_task, weekly_cap_range, work_weeks, partial_quote)
from advisor.rules.holidays import holiday_fields
from advisor.rules.timeleft import time_left_fields
from advisor.rules.capweeks import cap_weeks_fields
from advisor.rules.sharedhours import overlap_needed
from advisor.rules.workkinds import acceptance_checks, licence_asked, offer_material, one_order, post_where, rights_terms
from advisor.text import name_list

POOL_ENOUGH = 3  #: priced proposals that make a pool to choose from (the default shortlist_min)
#: A deadline this many days away or fewer is "due soon": no time to widen the search.
DUE_SOON_DAYS = 14


def business_fact(plan: Plan, today: date | None = None, verdicts: Any = None) -> Fact:
    """``verdicts``: kept answers per task (``clear``: :func:`decision_clear`, ``hire``:
    someone hired), so an edit does not walk every task's candidates (``engine.diff``)."""
    clear, hire = (verdicts.clear, verdicts.hire) if verdicts is not None else (decision_clear, None)
    b = plan.business
    today = today or clock.today()
    posted = [t for t in plan.tasks if t.status in POSTED_STATUSES]
    markets = {m for t in posted for m in t.marketplaces}
    fact: Fact = {"_t": "business", "id": "business"}
    put(fact, "name", b.name)
    put(fact, "currency", b.currency)
    put(fact, "completed_jobs", b.completed_jobs)
    put(fact, "experience", plan.experience())
    put(fact, "posted_tasks", len(posted))
    put(fact, "posted_marketplaces", len(markets))
    put(fact, "tasks", len(plan.tasks))
    put(fact, "utc_offset", offset_on(b.timezone, b.utc_offset, today))  # the zone's offset today
    fact["open_tasks"] = sum(1 for t in plan.tasks if t.status not in CLOSED_STATUSES)
    fact["tasks_hiring"] = sum(1 for t in plan.tasks if t.status in ("hiring", "hired"))
    fact["tasks_in_motion"] = sum(1 for t in plan.tasks if in_motion(t))
    # open tasks still looking for someone: no hire, no proven person inside the budget, no
    # front-runner interviewed at 4/5 or more, no specialist firm quoting (decision_clear), under
    # POOL_ENOUGH priced proposals in (more is a pool to choose from: grading v17, yoga)
    fact["tasks_undecided"] = sum(1 for t in plan.tasks if t.status in ("posted", "hiring") and not clear(t)
                                  and sum(1 for c in t.candidates if c.status != "rejected" and c.price(t)) < POOL_ENOUGH)
    order = run_first(plan.tasks, today, clear, hire)
    if order is not None:  # a first-timer's sequence (too-many-first-hires)
        fact["first_task"] = order[0].title
        fact["first_task_why"] = order[1]
        fact["park_tasks"] = park_words(order[2])
    fact["critical_open_tasks"] = critical_open_tasks(plan)
    fact["working_hours"] = b.working_hours or DEFAULT_HOURS
    copy_straight(fact, b, "business")
    fact["tasks_due_soon"] = sum(1 for t in plan.tasks if t.status not in CLOSED_STATUSES and t.deadline is not None
                                 and 0 <= (t.deadline - today).days <= DUE_SOON_DAYS)
    return fact


def task_facts(task: Task, ctx: Context) -> tuple[Fact, list[Fact]]:
    """The task's fact and its candidates' facts."""
    t, shared = task_fact_shared(task, ctx)
    return t, [candidate_fact(c, task, ctx, *shared) for c in task.candidates]


def task_fact_shared(task: Task, ctx: Context) -> tuple[Fact, tuple]:
    """The task's fact and what every candidate fact compares itself with, worked out once per
    task (read per candidate from all the task's candidates, it was quadratic in a task's size:
    1.3 M steps at 10,000): the live prices by candidate id, their median and minimum, the
    prices sorted, the interview averages sorted, whether someone is hired, whether the work
    needs a person. A candidate's fact is ``candidate_fact(c, task, ctx, *shared)``: it reads
    nothing else of the other candidates (``PlanFacts.touched`` relies on it)."""
    t, prices, price_median, price_min = _task_fact(task, ctx)
    scores = sorted(c.interview.average for c in task.candidates
                    if c.interview is not None and c.interview.average is not None)
    hired = any(c.status == "hired" for c in task.candidates)
    return t, (prices, price_median, price_min, sorted(prices.values()), scores, hired, bool(t.get("human_work")),
               t.get("proven_candidates", 0), t.get("bids", 0), t.get("rate_median"))


def task_fact(task: Task, ctx: Context) -> Fact:
    """The task's fact alone. Candidate facts do not depend on the going rates (but their median:
    ``engine.convert.task_signature`` holds it) or the marketplace fees, so when only those
    changed, the candidate facts can be kept."""
    return _task_fact(task, ctx)[0]


def _task_fact(task: Task, ctx: Context) -> tuple[Fact, dict[str, float], float | None, float | None]:
    t: Fact = {"_t": "task", "id": task.id}
    copy_straight(t, task, "task")
    put(t, "title", task.title)
    put(t, "description", task.description)
    put(t, "size", task.size)
    t["critical"] = bool(task.critical)
    t["skills"] = ",".join(task.skills)
    put(t, "pricing", task.pricing)
    put(t, "budget", task.budget)
    put(t, "hours", task.hours)
    put(t, "status", task.status)
    t["marketplaces"] = ",".join(task.marketplaces)
    if task.deadline is not None:
        t["deadline"] = task.deadline.isoformat()
        t["days_to_deadline"] = (task.deadline - ctx.today).days
    holiday_fields(t, task, ctx.today, ctx.holidays, ctx.holidays_after)
    time_left_fields(t, task, ctx)
    cap_weeks_fields(t, task, ctx)
    t["acceptance"] = task.acceptance or ""
    t["has_acceptance"] = bool((task.acceptance or "").strip())
    t["skills_count"] = len(task.skills)
    t["marketplaces_count"] = len(task.marketplaces)
    put(t, "estimated_cost", task.estimated_cost)
    t["sensitive_data"] = holds_personal_data(task)  # the flag, or personal data in its words
    t["creates_ip"] = bool(task.creates_ip)
    t["milestones"] = task.milestones
    put(t, "weekly_cap", task.weekly_cap)
    t["openings"] = task.openings
    t["collaboration"] = task.collaboration
    said = said_in_task(task, ctx)
    t["human_work"] = "human_work" in said.categories
    t["licensed_work"] = said.quote("licensed_work") or ""  # the task's own words, quoted
    t["creator_content"] = said.quote("creator_content") or ""
    # what "done" is checked by, and the offer's words on third-party material and the work's use
    # (advisor.rules.workkinds; the Next step reads the same functions)
    t["acceptance_checks"] = acceptance_checks(task)
    t["offer_rights"] = rights_terms(task, licence_asked(task, bool(t["creator_content"])))
    t["offer_material"] = offer_material(task)  # said by the offer's step once acceptance is written
    t["ads_manager"] = said.quote("ads_manager") or ""
    t["personal_data"] = "personal_data" in said.categories
    t["own_credentials"] = said.quote("own_credentials") or ""  # the owner's plan to share their logins
    health_fields(t, said, ctx.currency, bool(task.sensitive_data or t["own_credentials"] or task.access), task.access,
                  f"{task.title or ''}\n{task.description or ''}")
    # a task that says it waits for unfinished work is held: no trial, and the practice nudges
    # wait with it, as on a first-timer's parked task (grading v16, bim: a trial of the BOQ)
    t["waits_for"] = ctx.waits.get(task.id, "")
    t["parked"] = task.id in ctx.parked or bool(t["waits_for"])
    # a minor, non-critical job of half a day or less: what a mistake costs is the job itself,
    # less than the research and paperwork the nudges ask (grading v13, dental: two warnings on a
    # 60-pound wording job while the patient-data plan got none)
    hours = task.hours if task.hours else None
    t["small_job"] = bool(task.size == "minor" and not task.critical and hours is not None and hours <= SMALL_JOB_HOURS)
    # an assistant's role (the title) in a firm that is itself the licensed professional (its name)
    firm = ctx.phrases.find(ctx.business_name) if ctx.phrases is not None and ctx.business_name else None
    title = ctx.phrases.find(task.title or "") if ctx.phrases is not None else None
    t["support_in_firm"] = bool(firm and title and "regulated_firm" in firm.categories
                                and "support_role" in title.categories)
    need = overlap_needed(task, ctx.owner_window, ctx.min_overlap)  # one judgement with the drop's reason
    if need is not None:
        put(t, "overlap_needed", need)

    cands = task.candidates
    offer_fields(t, task, ctx)
    t["candidates"] = len(cands)
    t["shortlisted"] = sum(1 for c in cands if c.status in SHORTLIST_STATUSES)
    t["hired"] = sum(1 for c in cands if c.status == "hired")
    t["rejected"] = sum(1 for c in cands if c.status == "rejected")
    t["interviewed"] = sum(1 for c in cands if c.interview is not None)
    # still at applied and still an option: someone the advice drops is nobody to shortlist
    # (nor is a quote for part of the job, not comparable until re-quoted: grading v16, bike-sync)
    options = [c for c in cands if c.status == "applied" and not ruled_out_in(c, task, ctx, t["human_work"])
               and not partial_quote(said_by(c, ctx, task), c, task)]
    t["applied"] = len(options)
    # "2 shortlisted, both ruled out" (grading v30, coworking: "2 shortlisted" when the advice drops both)
    gone = sum(1 for c in cands if c.status in ("shortlisted", "interviewed") and ruled_out_in(c, task, ctx, t["human_work"]))
    n = t["shortlisted"]
    t["shortlist_words"] = (f"{n:g} shortlisted" if not gone else
                            f"{n:g} shortlisted, {'both' if n == 2 else 'all' if gone == n and n > 2 else gone} ruled out"
                            if gone == n and n > 1 else f"{n:g} shortlisted ({gone:g} ruled out)")
    t["applicants"] = sum(1 for c in cands if c.status == "applied")  # all, as the plan has them
    # the deepest record left to shortlist from: a third name with a thin record is no real choice
    # beside two shortlisted (shortlist-size; absent while someone's reviews are unknown)
    if options and all(c.reviews is not None for c in options):
        t["applied_most_reviews"] = max(c.reviews for c in options)
    t["trials_planned"] = sum(1 for c in cands if c.trial == "planned")
    t["trials_passed"] = sum(1 for c in cands if c.trial == "passed")
    # a paid sample a live candidate proposes is the trial (advisor.rules.ownplan)
    t["samples_offered"] = sum(1 for c in cands if c.status in SHORTLIST_STATUSES + ("applied",)
                               and own_plan(c.notes).sample and not ruled_out_in(c, task, ctx, t["human_work"]))
    t["proven_candidates"] = sum(1 for c in cands if c.status != "rejected" and is_proven(c))
    # shortlisted strangers nobody has talked to yet (someone proven needs no interview; someone
    # asking to move off the platform is to be dropped, not interviewed)
    waiting = [c.name for c in cands if c.status == "shortlisted" and c.interview is None
               and not is_proven(c) and not ruled_out_in(c, task, ctx, t["human_work"]) and not partial_quote(said_by(c, ctx, task), c, task)]
    t["to_interview"] = len(waiting)
    # interviewed and still a real option: two of them are a choice (no trial or shortlist nag)
    live = [c for c in cands if c.interview is not None and c.status in SHORTLIST_STATUSES
            and not ruled_out_in(c, task, ctx, t["human_work"])]
    t["interviewed_live"] = len(live)
    if live_scores := [c.interview.average for c in live if c.interview.average is not None]:
        put(t, "interview_score_live", max(live_scores))  # a strong one: paid-trial-first rests
    t["to_interview_names"] = name_list(waiting, shown=3)
    # someone whose work you know, whose price fits the budget: the market rate no longer decides
    t["proven_within_budget"] = sum(
        1 for c in cands if c.status != "rejected" and is_proven(c) and task.budget is not None
        and (price := c.price(task)) is not None and price <= task.budget)
    t["choice_ready"] = choice_ready(task, ctx, t["human_work"])
    stage_fields(t, task, ctx, said)
    hours_over_cap_fields(t, task, ctx)
    note_gap_fields(t, task, need)
    t["price_unit"] = " an hour" if task.pricing == "hourly" else ""
    step = task_out_of_step(task)
    if step is not None and (step.status, step.expected) == ("posted", "hiring"):
        t["status"] = "hiring"  # a posted job taking proposals is hiring: advised so, not nagged (grading v18)
    elif step is not None:  # a status the lifecycle would have moved (a plan written by hand)
        t["status_expected"], t["status_why"] = step.expected, step.why
    scores = [c.interview.average for c in cands if c.interview is not None and c.interview.average is not None]
    if scores:
        put(t, "interview_score_max", max(scores))

    _rate_fields(t, task, ctx)
    put(t, "effective_rate", task.effective_rate)

    ratings = [c.rating for c in cands if c.rating is not None]
    if ratings:
        put(t, "rating_median", median_of(ratings))
    prices: dict[str, float] = {}  # live bids: a rejected or ruled-out candidate's price is out of play
    seen = 0  # whole-job prices the market gave, a ruled-out bidder's too (it is still a price)
    for c in cands:
        p = c.price(task)
        if p is not None and c.status != "rejected" and not partial_quote(said_by(c, ctx, task), c, task):
            seen += 1
            if not ruled_out_in(c, task, ctx, t["human_work"]):
                prices[c.id] = num(p)
    t["bids"] = len(prices)
    t["bids_seen"] = seen
    price_median = median_of(prices.values()) if prices else None
    price_min = min(prices.values()) if prices else None
    put(t, "price_median", price_median)
    put(t, "price_min", price_min)
    # a real bid for the whole job inside the budget (a good interview, else a good record; still an
    # option, nothing left out of the price, a live bid not far under the others): the market rate no longer says "raise the budget"
    # (grading v13, supply: 3 450 zł from a 4.9/5 translator under a 3 600 zł budget)
    t["full_bids_within_budget"] = sum(
        1 for c in cands if c.status in SHORTLIST_STATUSES + ("applied",) and c.status != "hired"
        and c.trial != "failed" and task.budget is not None
        and (price := c.price(task)) is not None and price <= task.budget
        and (is_proven(c) or (c.interview.average >= 4 if c.interview is not None and c.interview.average is not None
                               else (c.reviews or 0) >= 1 and (c.rating or 0) >= 4.5))
        and c.id in prices and not (price_median and prices[c.id] < ctx.low_bid_ratio * price_median))

    _fee_fields(t, task, ctx)
    _sizing_fields(t, task, ctx)
    criteria = {",".join(sorted(c.interview.scores)) for c in cands if c.interview is not None}
    t["criteria_sets"] = len(criteria)
    _buyer_task_fields(t, task, ctx)
    return t, prices, price_median, price_min


def _own_seats_to_build(task: Task, broad: list[str]) -> bool:
    """Every admin entry is a named account of the freelancer's own ("wp-admin-own-account") and
    the task builds on those systems: the limited, logged seat the access advice asks for already
    (grading v37 review, irrigation: an info on a tidy rehire's WordPress work)."""
    if not all({"own", "named", "personal"} & set(fold(a).replace("-", " ").replace("_", " ").split()) for a in broad):
        return False
    text = f"{task.title or ''} {' '.join(task.skills)} {(getattr(task, 'description', '') or '')[:2000]}"
    return (bool(task.creates_ip) or bool(_BUILDS.search(text))) and len(built_on(text, broad)) == len(broad)


def _buyer_task_fields(t: Fact, task: Task, ctx: Context) -> None:
    """Key criteria, systems given access to, and the marketplaces in play that hold no escrow or
    show no reviews (issue 22)."""
    if task.key_criteria:
        t["key_criteria"] = ",".join(task.key_criteria)
    t["access_count"] = len(task.access)
    hired = [c for c in task.candidates if c.status == "hired"]
    if task.status == "done" and hired:
        ended = [access_ended(c.notes or "") for c in hired]
        t["access_ended"] = ended[0] if all(ended) else ""  # every hire's access ended, by the notes
        t["review_tail"] = "" if all(c.review_left for c in hired) else ", then leave the review"
    if task.access:
        t["access"] = ",".join(task.access)
        t["access_names"] = name_list(task.access, shown=len(task.access))
        t["access_roles"] = roles_text(task.access, "as")  # the least role on each (access_roles.toml)
        broad = broad_access(task.access)
        t["access_unscoped"] = len(unscoped(task.access))
        if broad and _own_seats_to_build(task, broad):
            broad = []  # a builder's admin seat of their own is the set-up the advice asks for
        if broad:
            t["access_broad"] = name_list(broad, shown=len(broad))
            t["access_broad_roles"] = roles_text(broad, "to")
            # hired to build on that very system (the work makes something): rights it needs now
            text = f"{task.title or ''} {' '.join(task.skills)} {(getattr(task, 'description', '') or '')[:2000]}"
            # or set up, moved or built on it though no IP is recorded (grading v27 clinic, v28 brewery:
            # "downgrade wix-admin" 11 days from go-live would stop the migration)
            t["access_building"] = ((bool(task.creates_ip) or bool(_BUILDS.search(text)))
                                    and len(built_on(text, broad)) == len(broad))
    # a firm engaged by request for quote: an agency naming its people, with a fixed quote (a
    # pen test, an audit, legal work); newcomer screening (trials, shortlists, reviews) rests.
    # Only a firm still in the running: an excluded agency (its data into ChatGPT) screens nobody
    # else out of an interview or a trial (grading v23 fix 3, law-firm OCR: no interview step)
    t["specialist_firm"] = task.pricing == "fixed" and any(
        c.kind == "agency" and c.named_people and c.bid is not None
        and c.status in SHORTLIST_STATUSES and not ruled_out_in(c, task, ctx, t.get("human_work", False))
        for c in task.candidates)
    # a draft naming no marketplace of its own would go to those the plan records (grading v12,
    # music school: a first hire planned where there is no escrow and no reviews)
    own = list(task.marketplaces) or (list(ctx.market_names) if task.status == "draft" else [])
    # once bids are in, the channels that matter are those of the people still in play (grading
    # v26, insurance: "Referral" named for the one referral, rejected; the pick is on Upwork)
    # and of those not ruled out (grading v33 review, rice crackers: the one bidder in a Facebook
    # group, excluded for a deposit to his own account, kept "prefer a marketplace with escrow")
    theirs = [c for c in task.candidates if c.marketplace and c.status != "rejected"]
    lacking: dict[str, str] = {}
    for name in ([c.marketplace for c in theirs] if theirs else own):
        if fold(name) in {fold(k) for k in lacking}:
            continue
        escrow, feedback = ctx.market(name)
        missing = [w for w, v in (("no escrow", escrow), ("no reviews", feedback)) if v is False]
        if missing:
            lacking[name] = f"{name} ({' and '.join(missing)})"
    if lacking and theirs:
        human = t.get("human_work", False)
        playing = {fold(c.marketplace) for c in theirs if fold(c.marketplace) in {fold(k) for k in lacking}
                   and not ruled_out_in(c, task, ctx, human)}
        if any(not ruled_out_in(c, task, ctx, human) for c in theirs):  # else the owner looks again: own
            lacking = {k: v for k, v in lacking.items() if fold(k) in playing}
    if lacking:
        t["unprotected_marketplaces"] = name_list(list(lacking.values()), shown=len(lacking))
    channel = escrowless_channel(task, ctx.no_escrow)
    t["no_escrow"] = bool(channel)
    t["milestone_payment"] = milestone_payment(channel)
    # a hole in the owner's own systems a candidate reports: the owner's step, not their red flag
    t["exposure_by"], t["exposure_said"] = reported_exposure(task, ctx)



#: Words of work that builds, sets up or moves a system (the builder needs its admin until handover).
_BUILDS = re.compile(r"\b(?:build|building|rebuild|set ?up|setting up|migrat\w*|move|moving|redesign|develop\w*|"
                     r"install\w*|configur\w*|launch|implement\w*|create|creating|construir|migrar|criar|montar|"
                     r"erstellen|einrichten|umzug|migrer|créer|构建|搭建|迁移|移行|構築)\b", re.IGNORECASE)
#: A minor, non-critical job of at most this many hours (half a day) is a small job (``small_job``).
SMALL_JOB_HOURS = 4.0

def _rate_fields(t: Fact, task: Task, ctx: Context) -> None:
    samples = ctx.samples_for(task.skills)
    counts = ctx.counts_for(task.skills)  # a rate noted from "15 profiles" counts 15 (ratecount)
    t["rate_samples"] = sum(counts)
    t["rates_noted"] = len(samples)  # as written: what "of the N rates you noted" counts
    q = quartiles(sorted(h for h, _ in samples))
    if q is not None:
        put(t, "rate_p25", q[0])
        put(t, "rate_median", q[1])
        put(t, "rate_p75", q[2])
    # a rate from outside any marketplace (a friend's agency quote) is a second source too
    t["rate_marketplaces"] = len({m for _, m in samples if m}) + (1 if any(not m for _, m in samples) and any(m for _, m in samples) else 0)
    # per skill, so a count across skills cannot hide none for one of them (grading v16, bim:
    # "2 going rates for quantity surveying, revit" when both were Revit rates)
    per = [(sum(ctx.counts_for([k])), k) for k in dict.fromkeys(task.skills)]
    t["rates_per_skill"] = (", ".join(f"{'none' if n == 0 else n} for {k}" for n, k in per) if len(per) > 1
                            else ", ".join(task.skills))
    median = q[1] if q is not None else None
    cost = task.estimated_cost
    hours = task.hours if task.hours else (cost / median if cost is not None and median else None)
    put(t, "size_hours", hours)
    rate = task.effective_rate
    if median is not None and rate is not None and rate < median:
        put(t, "rate_shortfall", median - rate)
    if rate is not None and samples:
        t["rates_above"] = sum(1 for h, _ in samples if h > rate)
    piece = trial_piece(task, median, ctx.trial_share, ctx.trial_max_hours)
    if median and piece is not None:
        # a trial at the going rate (not at a budget that may be far below it), whole hours
        put(t, "trial_hours", piece[0])
        put(t, "trial_amount", piece[1])


def _fee_fields(t: Fact, task: Task, ctx: Context) -> None:
    known = [f for f in map(ctx.fee, task.marketplaces) if f is not None]
    if known:
        put(t, "fee_percent_max", max(p for p, _ in known))
        cost = task.estimated_cost
        if cost is not None:
            fees = max(cost * p / 100.0 + f for p, f in known)
            put(t, "estimated_fees", fees)
            put(t, "cost_with_fees", cost + fees)


def _sizing_fields(t: Fact, task: Task, ctx: Context) -> None:
    """Numbers for the generic fixes: a paid first piece of this job, a weekly cap, milestones."""
    hours = t.get("size_hours")
    t["first_piece"] = piece_words(piece_by_price(task, ctx.trial_share), ctx.trial_share,
                                   lambda x: format_money(x, ctx.currency, ctx.locale))
    got = trial_piece(task, t.get("rate_median"), ctx.trial_share, ctx.trial_max_hours)
    if got is not None:  # the same piece as trial_hours/trial_amount and the Next step's
        piece, amount = got
        put(t, "first_piece_hours", piece)
        t["first_piece"] = f"about {piece:g} hour{'s' if piece != 1 else ''}"
        if amount:
            put(t, "first_piece_amount", amount)
            t["first_piece"] += (f", about {format_money(amount, ctx.currency, ctx.locale)}"
                                 + few_rates_words(t.get("rates_noted", 0), ctx.min_rate_samples))
    order = one_order(task, ctx.fee, lambda x: format_money(x, ctx.currency, ctx.locale), inside=True)
    if order:  # a gig marketplace's fee per order: the first piece is one order (grading v22 fix 6)
        t["first_piece"] = order
    t["post_where"] = post_where(task, ctx.market_names, (m for _, m in ctx.samples_for(task.skills)))
    days = (task.deadline - ctx.today).days if task.deadline is not None else None
    cap = weekly_cap_range(task.hours, days, task.openings, work_weeks(task))
    if cap is not None:
        low, high, weeks = cap
        t["weekly_cap_low"], t["weekly_cap_high"] = low, high
        spread = (f"{task.hours:g} hours over {task.openings} people and {weeks:.1f} weeks" if task.openings > 1
                  else f"{task.hours:g} hours over {weeks:.1f} weeks")
        t["weekly_cap_hint"] = f"about {low}-{high} hours a week{' each' if task.openings > 1 else ''}, {spread}"
    else:
        t["weekly_cap_hint"] = "the hours estimate spread over the weeks you have"
    n, t["milestone_basis"], each, _ = milestone_split(task, hours, [h for h, _ in ctx.samples_for(task.skills)],
                                                        ctx.min_rate_samples, sum(ctx.counts_for(task.skills)))
    t["milestones_suggested"] = n
    if each:
        put(t, "milestone_amount", nice_amount(each))


#: the task fields computed from the context's going rates and fees (and nothing else)
CONTEXT_FIELDS = frozenset({"rate_samples", "rates_noted", "rate_p25", "rate_median", "rate_p75", "rate_marketplaces",
                            "fee_percent_max", "estimated_fees", "cost_with_fees", "size_hours", "rates_per_skill",
                            "rate_shortfall", "trial_amount", "trial_hours", "rates_above",
                            "first_piece", "first_piece_hours", "first_piece_amount", "milestones_suggested", "milestone_amount",
                            "milestone_basis", "post_where"})


def task_fact_new_context(previous: Fact, task: Task, ctx: Context) -> Fact:
    """The task's fact when only the going rates or fees changed since ``previous`` was built
    from the same task: ``previous`` with the :data:`CONTEXT_FIELDS` computed again (equal, as a
    dict, to ``task_fact(task, ctx)``; the candidates are not walked)."""
    t = {k: v for k, v in previous.items() if k not in CONTEXT_FIELDS}
    _rate_fields(t, task, ctx)
    _fee_fields(t, task, ctx)
    _sizing_fields(t, task, ctx)
    return t


def facts_context(plan: Plan, settings: Mapping[str, Any] | None = None, today: date | None = None,
                  people: People | None = None, verdicts: Any = None) -> Context:
    """:func:`~advisor.rules.factcontext.context` with the judgements that need the whole plan
    (a first-timer's parked tasks, :func:`parked_tasks`; ``verdicts`` as for :func:`business_fact`)."""
    ctx = context(plan, settings, today, people)
    return replace(ctx, parked=parked_tasks(plan, ctx.today, verdicts), waits=waiting_tasks(plan, ctx.phrases))


def plan_facts(plan: Plan, settings: Mapping[str, Any] | None = None, today: date | None = None) -> dict[Key, Fact]:
    """Every fact of a plan, keyed by (type, id)."""
    ctx = facts_context(plan, settings, today)
    out: dict[Key, Fact] = {BUSINESS_KEY: business_fact(plan, ctx.today)}
    for task in plan.tasks:
        tf, cfs = task_facts(task, ctx)
        out[("task", task.id)] = tf
        for cf in cfs:
            out[("candidate", cf["id"])] = cf
    return out
