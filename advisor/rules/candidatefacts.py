"""A candidate's fact: their own fields, their price against the task's other live bids, the
interview, the time-zone overlap, what the owner knows of the person (history, agreements, fees,
other hires) and the red flags in their words. Built once per candidate by
:func:`advisor.rules.facts.task_facts`, which works out the task-wide figures once."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import timedelta
from typing import Callable, Mapping

from advisor.phrasecontext import unsure_request
from advisor.phrases import CANDIDATE_CATEGORIES
from advisor.plan.money import format_money
from advisor.plan.model import CLOSED_STATUSES, Candidate, Task, fold, hours_window
from advisor.plan.zones import offset_on
from advisor.rules.factcontext import UNSTATED_DAY, Context, hours_there, is_quality, overlap_cached
from advisor.rules.sharedhours import day_of
from advisor.rules.factschema import Fact, copy_straight, fact_value, num, put
from advisor.rules.hourquote import budget_choice_fields
import re

#: the vendor's own licences or accounts, in what a candidate said goes into the work
_VENDOR_LICENCE = re.compile(r"\b(?:(?:the\s+)?(?:agency|agencies|vendor|developer|designer|freelancer|studio)['’]s?|their|our|my|his|her)"
                             r"\s+(?:own\s+)?(?:developer\s+|agency\s+|pro\s+)?(?:licen[cs]es?|accounts?|subscriptions?|keys?)\b", re.I)
_IN_THE_WORK = re.compile(r"\b(?:themes?|plugins?|fonts?|typefaces?|stock|photos?|images?|icons?|illustrations?)\b", re.I)
from advisor.rules.ownplan import add_days, days_at_pace, due_date, own_delivery, own_leave, own_plan, own_start, success_fee_cost, task_quantity
from advisor.rules.exclusion import ruled_out_in, said_categories, upfront_counts, upfront_drop, upfront_in_escrow
from advisor.rules.judgements import is_proven, proven_why, said_by, scope_left_out, strong_record
from advisor.rules.availability import capped_hours_from, too_few_hours
from advisor.rules.keycriteria import key_scores
from advisor.rules.stagefacts import at_work
from advisor.rules.deliverable import races_a_date
from advisor.text import name_list

#: A licence the business itself must buy: "(commercial licence: the client would need to buy one)"
_TO_BUY = re.compile(r"\b(?:need(?:s|ed)?|would need|must|has|have|will have)\s+to\s+(?:buy|purchase)\b|"
                     r"\blicen[cs]e\s+(?:is\s+)?required\b|\b(?:to\s+be|must\s+be)\s+(?:bought|purchased)\b", re.I)


def licence_to_buy(c: object) -> str:
    """The material in a candidate's ``third_party`` whose licence the business must buy before it
    is used ("Brandon Grotesque font"), with what else would do ("or an OFL font"); "" when none
    (grading v17, cider: the font's licence slid by)."""
    for part in re.split(r"[;\n]", (getattr(c, "third_party", "") or "")[:2000]):
        if _TO_BUY.search(part) and _IN_THE_WORK.search(part):
            what = " ".join(re.split(r"[(:,]", part, maxsplit=1)[0].split())
            alt = "an OFL font" if re.search(r"\b(?:fonts?|typefaces?)\b", part, re.I) else "a free-licensed alternative"
            return f"buy the {what} licence in your business's name (or use {alt})"
    return ""


def candidate_fact(c: Candidate, task: Task, ctx: Context, prices: Mapping[str, float],
                    price_median: float | None, price_min: float | None, sorted_prices: list[float],
                    scores: list[float], hired: bool, human_work: bool = False,
                    proven_candidates: int = 0, bids: int = 0, going: float | None = None) -> Fact:
    f: Fact = {"_t": "candidate", "id": c.id, "task": task.id}
    # _put inlined (10,000 candidates: this was the largest part of building the facts)
    if (v := c.name) is not None:
        f["name"] = fact_value(v)
    if (v := c.marketplace) is not None:
        f["marketplace"] = fact_value(v)
    if (v := c.hourly) is not None:
        f["hourly"] = fact_value(v)
    if (v := c.bid) is not None:
        f["bid"] = fact_value(v)
    if (v := c.rating) is not None:
        f["rating"] = fact_value(v)
    if (v := c.reviews) is not None:
        f["reviews"] = fact_value(v)
    if (v := c.jobs) is not None:
        f["jobs"] = fact_value(v)
    if (v := c.job_success) is not None:
        f["job_success"] = fact_value(v)
    if (v := c.country) is not None:
        f["country"] = fact_value(v)
    theirs_offset = offset_on(c.timezone, c.utc_offset, ctx.today)  # a zone: its offset today
    if theirs_offset is not None:
        f["utc_offset"] = fact_value(theirs_offset)
    if (v := c.status) is not None:
        f["status"] = fact_value(v)
    f["reject_reason"] = c.reject_reason or ""
    f["notes"] = c.notes or ""
    price = prices.get(c.id)
    live = price is not None  # a bid still in play: compared with the others (cheapest, rank, ratio)
    if price is None and c.status == "rejected":
        price = c.price(task)
        price = None if price is None else num(price)
    if price is not None:
        f["price"] = fact_value(price)
    f["interviewed"] = c.interview is not None
    if c.interview is not None:
        put(f, "interview_score", c.interview.average)
        if c.interview.date is not None:
            f["interview_date"] = c.interview.date.isoformat()
        f["criteria"] = ",".join(sorted(c.interview.scores))
        quality = [v for k, v in c.interview.scores.items() if is_quality(k, ctx.quality_names)]
        if quality:
            put(f, "quality_score", sum(quality) / len(quality))
        score = c.interview.average
        if score is not None:
            f["interview_rank"] = 1 + len(scores) - bisect_right(scores, score)  # 1 + how many scored higher
    f["cheapest"] = bool(live and len(prices) >= 2 and price == price_min)
    if live and price_median:
        put(f, "price_ratio", price / price_median)
    if live:
        f["rank_price"] = bisect_left(sorted_prices, price) + 1
    # Hours not stated: anyone can take a call in their waking day, not only 9-17 (a candidate
    # in the owner's own time zone was told their day covers 8 of the 10 hours needed).
    # Hours not in the field but in the notes ("18:00-23:00 after class") are their day when they
    # narrow it (advisor.rules.sharedhours.day_of; grading v26)
    theirs, noted = c.working_hours or UNSTATED_DAY, None
    if not c.working_hours and theirs_offset is not None and ctx.owner_utc_offset is not None:
        theirs, noted = day_of(c, ctx.owner_utc_offset, theirs_offset, ctx.owner_window)
    f["working_hours"] = c.working_hours or (f"{noted}, by their notes" if noted else
                                             f"not stated, so a waking day of {UNSTATED_DAY}")
    if theirs_offset is not None and ctx.owner_utc_offset is not None:
        put(f, "overlap_hours", overlap_cached(ctx.owner_utc_offset, theirs_offset, ctx.owner_window,
                                                 hours_window(theirs)))
        f["owner_hours_there"] = hours_there(ctx.owner_utc_offset, theirs_offset, ctx.owner_window)
    _advice_fields(f, c, task, ctx, price)
    _red_flag_fields(f, c, task, ctx, hired, human_work)
    one_pattern_fields(f, task.status, task.size, task.openings, price_median, proven_candidates)
    far_below_fields(f, task.pricing, bids, price_median, going,
                     task.hours / max(1, task.openings) if task.hours else None,  # one person's share
                     ctx.low_bid_ratio, lambda v: format_money(v, ctx.currency, ctx.locale))
    return f


def far_below_fields(f: Fact, pricing: str | None, bids: float | None, price_median: float | None,
                     going: float | None, hours: float | None, ratio: float,
                     money: Callable[[float], str] = lambda v: f"{v:g}") -> None:
    """``bid_far_below`` (bid-far-below-median) and its words: a fixed bid under ``ratio`` of the
    median of the live bids when there are 3 or more (``bids`` counts this one); with fewer, its
    rate over ``hours`` (one person's share of the task's) under ``ratio`` of the going rate ``going`` (grading v25, vet:
    R$1,200 from one review for 60 hours against R$60-80 an hour, with no other whole bid to
    compare, was ranked as a bargain). A strong public record (``strong_record``) is flagged only
    under a third. Also worked out for a rule example from its fields."""
    f["bid_far_below"] = False
    price, strong = f.get("price"), bool(f.get("strong_record"))
    if pricing != "fixed" or price is None:
        return
    if bids is not None and bids >= 3 and price_median:
        if price < price_median * ratio and (not strong or price < price_median / 3):
            f["bid_far_below"] = True
            f["bid_below_words"] = (f"under {ratio:.0%} of the median of the {bids:g} bids still in play "
                                    f"({money(price_median)})")
    elif going and hours:
        rate = price / hours
        if rate < going * ratio and (not strong or rate < going / 3):
            f["bid_far_below"] = True
            f["bid_below_words"] = (f"about {money(round(rate, 0 if rate >= 10 else 2))} an hour for the {hours:g} hours planned, under "
                                    f"{ratio:.0%} of the going rate ({money(going)} an hour)")


def one_pattern_fields(f: Fact, status: str | None, size: str | None, openings: float | None,
                       price_median: float | None, proven_candidates: float | None) -> None:
    """Task figures a rule would otherwise test in an ``or`` beside candidate fields: such an
    ``or`` is split into one engine rule per side, each with its own candidate and task patterns,
    and durable-rules allows 64 patterns a fact type (room kept for the owner's own rules). Each
    is exactly the comparison it replaces (false when a value it reads is missing). Also worked
    out for a rule example from its task fields (``advisor.commands.rules.example_facts``)."""
    f["task_posted"] = status is not None and status != "draft"
    f["task_minor"] = size == "minor"
    price, median = f.get("price"), fact_value(price_median) if price_median is not None else None
    f["below_third_of_median"] = price is not None and median is not None and price < median / 3
    rank, past = f.get("interview_rank"), f.get("past_jobs_with_us")
    f["outranked_by_proven"] = (past is not None and past == 0 and proven_candidates is not None
                                and proven_candidates >= 2 and rank is not None and openings is not None
                                and rank > openings)


#: (category, its flag field, its quote field), worked out once, not per candidate
_FLAG_KEYS = tuple((cat, f"red_flag_{cat}", f"said_{cat}") for cat in CANDIDATE_CATEGORIES)
_NO_FLAGS = {flag: False for _, flag, _ in _FLAG_KEYS}


def _red_flag_fields(f: Fact, c: Candidate, task: Task, ctx: Context, hired: bool,
                     human_work: bool = False) -> None:
    found = said_by(c, ctx, task)
    if not found.categories:  # most notes: no phrase at all (the same fields, in the same order)
        f["red_flags"] = ""
        f.update(_NO_FLAGS)
        f["mentions_third_party"] = False
        f["partial_scope"] = False
        f["success_fee_cost"] = ""
        f["unsure_what"], f["said_unsure"] = unsure_request(found, ())  # a question, no flag
    else:
        cats = [x for x in said_categories(found, c, ctx.no_escrow) if x in CANDIDATE_CATEGORIES]
        f["red_flags"] = ",".join(cats)
        for cat, flag, said in _FLAG_KEYS:
            f[flag] = cat in cats
            put(f, said, found.quote(cat))
        put(f, "red_flag_phrases", ", ".join(q for q in map(found.quote, cats) if q) or None)
        f["unsure_what"], f["said_unsure"] = unsure_request(found, found.categories)  # a question, no flag
        f["mentions_third_party"] = "third_party" in found.categories
        from advisor.plan.scope import clip

        gaps = scope_left_out(found, c, task)  # part of the job the task asks for, left out unpriced
        f["partial_scope"] = bool(gaps)
        put(f, "said_extras", ", ".join(f'"{clip(g)}"' for g in gaps[:3]) if gaps else found.quote("extras"))
        cost = success_fee_cost(found.quote("success_fee") or "", f"{task.title}\n{task.description or ''}",
                                c.notes or "", c.price(task)) if "success_fee" in found.categories else ""
        f["success_fee_cost"] = f", {cost}" if cost else ""
        put(f, "said_third_party", found.quote("third_party"))
    f["red_flag_drop"] = bool(ruled_out_in(c, task, ctx, human_work))
    if f["red_flag_drop"]:  # someone ruled out anyway is asked nothing (grading v19, olive)
        f["unsure_what"] = f["said_unsure"] = ""
    # more than half up front where nothing holds it, from a stranger still being decided on: a drop,
    # not a deposit to negotiate (the same judgement rules them out above)
    f["upfront_drop"] = c.status in ("applied", "shortlisted", "interviewed") and upfront_drop(c, ctx.no_escrow)
    # who advice about the person still reaches, in one candidate field (a rule that reads it needs
    # no task condition for it: fewer engine patterns, of which durable-rules allows 64 a fact type)
    f["in_play"] = c.status == "hired" or (c.status in ("applied", "shortlisted", "interviewed")
                                           and not hired)
    # who else is at work on a hire that named its people: the record first, else the notes' words
    if f.get("unnamed_workers"):
        f["substitution_seen"] = f"{f['unnamed_workers']} is doing the work, by your record"
    elif f.get("said_substitution"):
        f["substitution_seen"] = f"the notes say {f['said_substitution']}"
    # whom the contract is with: the named people of an agency, else the freelancer themselves (a
    # colleague working under their account: grading v25, architect, "ради мој колега")
    if c.named_people:
        f["substitution_lead"] = f"{c.name} named {name_list(list(c.named_people))} for {task.title}"
        other = f" ({f['unnamed_workers']} is not one of them)" if f.get("unnamed_workers") else ""
        f["substitution_claim"] = (f"the contract names {name_list(list(c.named_people))}{other}: "
                                   "put them back on the work")  # the person at work named (grading v29, poa)
    else:
        f["substitution_lead"] = f"You hired {c.name} for {task.title}"
        # a relative on their login as much as a colleague (grading v26, cosmetics: "minha irmã me ajudou")
        f["substitution_claim"] = ("the contract is with them, not a colleague or relative: do the work themselves "
                                   "and let nobody else sign in with their login (a marketplace account is one person's)")
    said = found.quote("off_platform")
    f["off_platform_said"] = f" (their words: {said})" if said else ""
    if c.upfront_percent and f.get("red_flag_off_platform"):  # "50% before we start, to my IBAN"
        f["upfront_where"] = "outside the marketplace"
    # the money at stake and the milestone the step is about: on a running contract the next
    # unpaid one, not "the first" (grading v18, paper: milestone 1 was paid already)
    price = c.price(task)
    if task.pricing == "hourly" and price:  # the share of the whole job, not of one hour (₹550 of ₹1,100/h)
        price = price * task.hours if task.hours else None
    f["upfront_stake"] = (f" ({format_money(round(price * c.upfront_percent / 100.0), ctx.currency, ctx.locale)})"
                          if c.upfront_percent and price else "")
    f["escrow_next"] = "the next milestone" if c.status == "hired" else "a first milestone"
    # paid before delivery, and it counts (the Ranking's "asks for money up front", the same
    # judgement); off the marketplace the off-platform and deposit rules speak instead
    f["upfront_asked"] = upfront_counts(found, c, task, ctx.escrow) and not (c.off_platform or f.get("red_flag_off_platform"))
    if f["upfront_asked"] and upfront_in_escrow(c, ctx.escrow):  # the recorded share, not the words
        f["said_upfront"] = (f"{c.upfront_percent:g}% of the price{f['upfront_stake']} before any delivery, "
                             f"outside {c.marketplace}'s milestone escrow")
    # what a substitute changes, by how the work is paid: hours billed on hourly work, the
    # delivered work and the next milestone on a fixed price (grading v18, paper)
    f["substitution_terms"] = (
        "renegotiate the rate for the new person (after an interview, and your NDA and IP terms signed), "
        "check whose hours are billed (the work diary or timesheets), and hold the next payment"
        if task.pricing == "hourly" else
        "agree the change in writing (after an interview with the new person, and your NDA and IP terms "
        "signed), check who made what was delivered so far, and hold the next milestone")


def _advice_fields(f: Fact, c: Candidate, task: Task, ctx: Context, price: float | None) -> None:
    """What the owner knows about the person (issue 12): history with us, agreements, trial,
    off-platform requests, their own marketplace's fee, and their hires on other open tasks."""
    person = c.person
    f["person"] = person
    f["past_jobs_with_us"] = c.past_jobs_with_us
    f["agreements"] = ",".join(c.agreements)
    f["has_nda"] = "nda" in c.agreements
    f["has_ip_assignment"] = "ip-assignment" in c.agreements
    f["person_nda"] = f["has_nda"] or person in ctx.ndas
    f["trial"] = c.trial
    f["off_platform"] = bool(c.off_platform)
    f["review_left"] = bool(c.review_left)
    f["proven"] = is_proven(c)
    f["at_work"] = at_work(c)
    f["strong_record"] = strong_record(c)
    copy_straight(f, c, "candidate")
    put(f, "proven_why", proven_why(c))
    budget = task.budget
    if price is not None and budget is not None and price > budget:
        put(f, "budget_gap", price - budget)
        if budget > 0:
            put(f, "budget_gap_percent", round(100 * (price - budget) / budget, 1))
    fee = ctx.fee(c.marketplace)
    if fee is not None:
        percent, fixed = fee
        put(f, "fee_percent", percent)
        put(f, "fee_fixed", fixed)
        if price is not None:
            # a fixed fee is per contract: it counts against a fixed price, not against an hourly rate
            fees = price * percent / 100.0 + (fixed if task.pricing == "fixed" else 0.0)
            put(f, "fees", fees)
            put(f, "price_with_fees", price + fees)
            if budget is not None and price + fees > budget:
                put(f, "fees_gap", price + fees - budget)  # what the budget is short by, fee included
    if price is not None:
        # the cost to the business: the price with the marketplace's fee when it is known
        cost = f.get("price_with_fees", price)
        put(f, "cost", cost)
        f["cost_words"] = " with fees" if "price_with_fees" in f else " before fees"
        if budget is not None and cost > budget:
            put(f, "cost_gap", cost - budget)
            if budget > 0:
                put(f, "cost_gap_percent", round(100 * (cost - budget) / budget, 1))
    budget_choice_fields(f, c, task, fee, ctx.currency, ctx.locale)
    _buyer_candidate_fields(f, c, task, ctx)
    if c.status == "hired":
        put(f, "person_quality_score", ctx.person_quality.get(person))
    if c.status == "hired" and task.status not in CLOSED_STATUSES:
        load = ctx.people.get(person)
        if load is not None:
            f["person_open_hires"] = load.open_hires
            f["person_critical_hires"] = load.critical_hires
            # every open critical task, 2 or more, sits with them (one engine rule, not two: see
            # one_pattern_fields)
            f["person_all_critical"] = ctx.critical_open >= 2 and load.critical_hires == ctx.critical_open
            f["person_first"] = load.first_task == task.id
            f["person_tasks"] = load.titles
            f["person_first_sensitive"] = load.first_sensitive == task.id


def _buyer_candidate_fields(f: Fact, c: Candidate, task: Task, ctx: Context) -> None:
    """An agency's named people, the marketplace's escrow and reviews, where a deposit would be
    paid, when they can start against the deadline, and their scores on the task's key criteria
    (issue 22)."""
    f["named_people_count"] = len(c.named_people)
    if c.named_people:
        f["named_people"] = name_list(list(c.named_people), shown=len(c.named_people))  # "A, B and C"
    others = unnamed_workers(c)
    f["unnamed_workers_count"] = len(others)
    if others:
        f["unnamed_workers"] = name_list(others, shown=3)
    escrow, feedback = ctx.market(c.marketplace)
    if escrow is not None:
        f["marketplace_escrow"] = escrow
    if feedback is not None:
        f["marketplace_feedback"] = feedback
    if c.upfront_percent:
        if c.off_platform:
            f["upfront_where"] = "outside the marketplace"
        elif not c.marketplace:
            f["upfront_where"] = "directly, with no marketplace holding it"
        elif escrow is False:
            f["upfront_where"] = f"on {c.marketplace}, which holds no escrow"
        elif escrow is None:
            f["upfront_where"] = f"on {c.marketplace}, not known to hold payments in escrow"
    # a start the notes date ("posso começar em 15/01") when the field is unset (grading v32 review, cachaça)
    avail = c.available_from or (own_start(c.notes, ctx.today) or (None,))[0]
    f["starts_later"] = avail is not None and avail > ctx.today
    # material inside the work licensed to the vendor, not the owner (grading v13, venue: "Elementor
    # Pro ... on the agency's own licences"): it lapses with them at handover
    # (only material that stays in the delivered work: a tester's Burp Suite licence is a tool)
    held = [m.group(0) for part in re.split(r"[;\n]", c.third_party or "") if _IN_THE_WORK.search(part)
            for m in [_VENDOR_LICENCE.search(part)] if m]
    f["third_party_vendor"] = " ".join(held[0].split()) if held and task.creates_ip else ""
    own = own_plan(c.notes)
    f["proposed_milestones"] = own.milestones
    f["offers_sample"] = own.sample
    qty = task_quantity(task.title, task.description) if own.per_day else None
    pace = None
    if qty is not None and own.per_day and avail is not None and task.deadline is not None:
        # whole days from their start to the deadline, both counted: "300 a day" delivers each evening
        pace = (days_at_pace(qty, own.per_day), (task.deadline - max(avail, ctx.today)).days + 1)
    f["available_lead"] = "can start on"
    # a done job whose review is left: closed (ip-assignment asks nothing more; one fact, no "or" for the engine)
    f["job_closed"] = task.status == "done" and bool(c.review_left)
    f["available_ask"] = "for an earlier start or a shorter turnaround, with the delivery date in writing"
    if avail is not None:
        f["available_from"] = avail.isoformat()
        if task.deadline is not None:
            start = max(avail, ctx.today)
            left = (task.deadline - start).days
            f["available_days_left"] = left
            if left < 0:
                f["available_too_late"] = True
                f["available_words"] = (f"from {avail.isoformat()}, after the deadline "
                                        f"({task.deadline.isoformat()})")
            elif pace is not None:  # their own stated pace over the default hours a day
                need, have = pace
                f["available_too_late"] = need > have
                if need > have:
                    f["available_words"] = (f"from {avail.isoformat()}: at their own pace ({own.pace_words}) "
                                            f"the {qty:,.0f} take about {need} days; {have} are left to the "
                                            f"deadline ({task.deadline.isoformat()})")
            elif pace is None and own.turnaround and not (due := due_date(task.acceptance, task.deadline, ctx.today)) is None:
                # their own stated turnaround over the default hours a day; ending on the due day
                # itself leaves none for a courier, a review or a fix (grading v13, supply)
                end = add_days(start, own.turnaround, own.working_days)
                f["available_too_late"] = end >= due
                if end >= due:
                    when = "the day delivery is due" if end == due else f"{(end - due).days} day(s) after delivery is due"
                    f["available_words"] = (f"from {start.isoformat()}: their turnaround ({own.turnaround_words}) ends on "
                                            f"{end.isoformat()}, {when} ({due.isoformat()}), with no day to spare")
            elif task.hours is not None and races_a_date(task, ctx.today) and left * ctx.hours_per_day < task.hours \
                    and not ((said := own_delivery(c.notes, start)) is not None and said[0] <= task.deadline):
                # (their own notes commit to delivering in time: our usual pace is no reason to doubt
                # it; the deadline's step holds them to that date; grading v34 review, kite school)
                f["available_too_late"] = True
                f["available_words"] = (f"from {avail.isoformat()}, {left} day(s) before the deadline "
                                        f"({task.deadline.isoformat()}): about {num(left * ctx.hours_per_day):g} "
                                        f"of the {num(task.hours):g} hours needed")
            elif (short := capped_hours_from(task, avail, ctx.today)) is not None:
                # a capped role starting late: its weeks left hold too few of the hours (grading v32 review,
                # cachaça: "posso começar em 15/01" for a store run through Christmas)
                can = round(short)
                f["available_too_late"] = True
                f["available_words"] = (f"from {avail.isoformat()}: at the {num(task.weekly_cap):g}-hour weekly cap that "
                                        f"leaves about {can:g} of the {num(task.hours):g} hours before the deadline "
                                        f"({task.deadline.isoformat()})")
            else:
                f["available_too_late"] = False
    if not f.get("available_too_late") and task.deadline is not None and races_a_date(task, ctx.today) \
            and c.status in ("applied", "shortlisted", "interviewed"):
        # a delivery their own notes date after the deadline ("we will launch on 12 January",
        # "Timeline: 8 weeks from start"; grading v29, pretoria and taipei), from their start
        got = own_delivery(c.notes, max(avail or ctx.today, ctx.today))
        if got is not None and got[0] > task.deadline:
            f["available_too_late"] = True
            f["available_lead"] = "can deliver"
            f["available_words"] = (f"by {got[0].isoformat()} by their notes (\"{got[1]}\"), after the deadline "
                                    f"({task.deadline.isoformat()})")
    if not f.get("available_too_late") and task.deadline is not None and races_a_date(task, ctx.today) and task.hours \
            and c.status in ("applied", "shortlisted", "interviewed"):
        # away from a day before the deadline ("אני נכנס למילואים ב-20 בדצמבר": reserve duty; grading
        # v29, Tel Aviv): the hours their weeks hold until then, at the cap or the usual pace
        away = own_leave(c.notes, ctx.today)
        if away is not None and away[0] <= task.deadline:
            start = max(c.available_from or ctx.today, ctx.today)
            days = sum(1 for n in range(max(0, (away[0] - start).days)) if (start + timedelta(days=n)).weekday() < 5)
            per_day = task.weekly_cap / 5.0 if task.weekly_cap else ctx.hours_per_day
            can = round(days * per_day)
            if can < task.hours * 0.9:
                f["available_too_late"] = True
                f["available_lead"] = "can work on"
                f["available_words"] = (f"until {away[0].isoformat()} by their notes (\"{away[1]}\"): about {can:g} of the "
                                        f"{num(task.hours):g} hours before the deadline ({task.deadline.isoformat()})")
    if not f.get("available_too_late") and c.status in ("applied", "shortlisted", "interviewed") \
            and (few := too_few_hours(c, task, ctx.today)) is not None:
        f["available_too_late"] = True
        f["available_lead"] = "can work on"
        f["available_ask"] = "whether they can give the work the hours it needs each week, in writing"
        need = "the weekly cap, live through your week" if task.collaboration == "live" else "to finish by the deadline"
        f["available_words"] = (f"{num(few[0]):g} hours a week by their notes (\"{few[2]}\"), of the {num(few[1]):g} "
                                f"the work needs ({need})")
    if c.interview is not None and c.interview.scores:
        got = key_scores(c, task)
        if got:
            low = min(v for _, v in got)
            f["key_score_min"] = low
            f["key_score_low_names"] = name_list([k for k, v in got if v == low], shown=len(got))
            f["key_scores"] = ", ".join(f"{k} {v}/5" for k, v in sorted(got, key=lambda kv: kv[1]))
    weak = sorted((v, k) for k, v in c.interview.scores.items() if v <= WEAK_SCORE) if c.interview else []
    if weak:
        f["weak_scores"] = ", ".join(f"{k} {v}/5" for v, k in weak)
    # what a planned trial should test: the interview's weak areas, else the acceptance criteria
    f["trial_focus"] = (f"on the interview's weak spots ({f['weak_scores']})" if weak
                        else "against your acceptance criteria" if task.acceptance
                        else "on the hardest part of the job")


#: An interview score at or below this is a weak area a planned trial should test.
WEAK_SCORE = 3


def unnamed_workers(c: Candidate) -> list[str]:
    """Who ``working_people`` says is doing the work but the proposal did not name (a named person
    counts by full name or by one of its words: "Lucas" is "Lucas Ferreira")."""
    if not c.named_people or not c.working_people:
        return []
    named = [set(fold(n).split()) for n in c.named_people]
    out = []
    for w in c.working_people:
        words = set(fold(w).split())
        if words and not any(words <= n or n <= words for n in named):
            out.append(w)
    return out
