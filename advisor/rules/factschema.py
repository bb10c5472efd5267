"""The facts' schema and conventions: every field the rules can read, with its type.

Each fact is a plain ``dict`` with a ``_t`` type field and the plan id as ``id`` (the engine
layer moves it to ``key``, because durable-rules reserves ``id``). Conventions (the engine
depends on them):

- an absent value is an absent key (never ``None``): ``$ex`` guards test presence;
- numbers are rounded to 4 decimal places (so no float prints with an exponent), integers stay
  integers here (the engine turns every number into a float);
- lists are joined into text with ``,`` (``task.skills``, ``task.marketplaces``) and counted
  (``skills_count``, ``marketplaces_count``);
- dates are ISO text (``deadline``) plus a whole number of days (``days_to_deadline``).

:data:`SCHEMA` lists every field with its type (the field table's straight-through facts added);
``docs/rules.md`` documents each one. :func:`check_fact` refuses a fact that breaks them.
"""

from __future__ import annotations

from typing import Any

from advisor.phrases import CANDIDATE_CATEGORIES
from advisor.plan import fields
from advisor.plan.model import (CANDIDATE_STATUSES, COLLABORATIONS, DEFAULT_HOURS, PRICINGS, SIZES, TASK_STATUSES,
                                TRIALS)

#: Fields whose text is one of a fixed set of values (``rules validate`` refuses a comparison
#: with a value outside it, e.g. ``candidate.status == 'hird'``).
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("task", "size"): SIZES, ("task", "pricing"): PRICINGS, ("task", "status"): TASK_STATUSES,
    ("candidate", "status"): CANDIDATE_STATUSES, ("candidate", "trial"): TRIALS,
    ("task", "collaboration"): COLLABORATIONS,
}

N, S, B = "number", "string", "bool"

SCHEMA: dict[str, dict[str, str]] = {
    "business": {
        "id": S, "name": S, "currency": S, "completed_jobs": N, "experience": N, "posted_tasks": N,
        "posted_marketplaces": N, "tasks": N, "utc_offset": N, "open_tasks": N, "tasks_hiring": N,
        "critical_open_tasks": N, "tasks_in_motion": N, "working_hours": S, "tasks_due_soon": N,
        "first_task": S, "first_task_why": S, "park_tasks": S, "tasks_undecided": N,
    },
    "task": {
        "id": S, "title": S, "description": S, "size": S, "critical": B, "skills": S, "pricing": S,
        "budget": N, "hours": N, "status": S, "marketplaces": S, "deadline": S, "days_to_deadline": N,
        "acceptance": S, "has_acceptance": B, "skills_count": N, "marketplaces_count": N,
        "estimated_cost": N, "candidates": N, "shortlisted": N, "shortlist_words": S, "hired": N, "rejected": N,
        "interviewed": N, "rate_samples": N, "rates_noted": N, "rate_p25": N, "rate_median": N, "rate_p75": N,
        "rate_marketplaces": N, "effective_rate": N, "rating_median": N, "price_median": N,
        "price_min": N, "fee_percent_max": N, "estimated_fees": N, "cost_with_fees": N,
        "criteria_sets": N, "sensitive_data": B, "creates_ip": B, "milestones": N, "weekly_cap": N,
        "openings": N, "status_expected": S, "status_why": S, "applied": N, "applicants": N, "applied_most_reviews": N, "size_hours": N, "rate_shortfall": N, "trials_planned": N, "trials_passed": N,
        "trial_amount": N, "trial_hours": N, "interview_score_max": N, "interview_score_live": N, "proven_candidates": N, "to_interview": N, "to_interview_names": S, "proven_within_budget": N, "full_bids_within_budget": N, "choice_ready": B, "human_work_words": S, "interviewed_strong": N, "live_count": N, "meet_now": N, "meet_names": S, "interview_urgent": B, "trial_who": S, "trial_each": S, "hours_over_cap": N, "hours_over_who": S, "hours_over_amount": N, "hours_over_cost": S,
        "bids": N, "bids_seen": N, "rates_above": N, "price_unit": S,
        "collaboration": S, "overlap_needed": N, "offer_candidates": N, "offer_names": S,
        "offer_ip_unsigned": N, "offer_nda_unsigned": N, "offer_nda_names": S,
        "offer_ip_names": S, "first_piece": S, "first_piece_hours": N, "first_piece_amount": N, "weekly_cap_low": N,
        "weekly_cap_high": N, "weekly_cap_hint": S, "milestones_suggested": N, "milestone_amount": N, "milestone_basis": S,
        "key_criteria": S, "access": S, "access_count": N, "access_names": S, "access_roles": S, "access_broad_roles": S, "access_unscoped": N, "access_building": B, "access_ended": S, "review_tail": S, "unprotected_marketplaces": S,
        "human_work": B, "licensed_work": S, "creator_content": S, "ads_manager": S, "personal_data": B, "own_credentials": S, "plan_gaps": S, "health_data": S, "health_agreement": S, "health_share": S, "data_agreement": S, "health_access": B,
        "offer_licence_unsigned": N, "offer_licence_names": S, "transfer_safeguard": S, "transfer_names": S, "transfer_verb": S, "offer_licence_verb": S, "specialist_firm": B, "no_escrow": B, "milestone_payment": S, "exposure_by": S, "exposure_said": S,
        "licence_stated": N, "licence_unchecked": N, "licence_stated_names": S, "licence_stated_words": S, "licence_stated_verb": S, "access_broad": S, "interviewed_live": N, "offer_solo": N, "offer_solo_new": N, "handover_open": B, "offer_solo_names": S,
        "continuity_concrete": B, "continuity_why": S, "continuity_fix": S, "live_cover_who": S, "support_in_firm": B, "parked": B, "waits_for": S, "rates_per_skill": S, "samples_offered": N, "small_job": B,
        "holiday_due": B, "work_days_left": N, "days_off": S, "deadline_short": B, "deadline_verdict": S, "cap_no_slack": B, "fitting_date": S, "scope_fits_hours": N, "pace_words": S, "need_words": S, "note_gaps": S, "note_gap_steps": S, "holiday_span": S, "holiday_start": S, "holiday_days": N, "days_before_holidays": N, "holiday_deadline": S, "holiday_when": S,
        "acceptance_checks": S, "offer_rights": S, "offer_material": S, "post_where": S,
    },
    "candidate": {
        "id": S, "name": S, "task": S, "marketplace": S, "hourly": N, "bid": N, "rating": N,
        "reviews": N, "jobs": N, "job_success": N, "country": S, "utc_offset": N, "status": S,
        "reject_reason": S, "notes": S, "price": N, "interviewed": B, "interview_score": N,
        "interview_date": S, "criteria": S, "cheapest": B, "price_ratio": N, "rank_price": N,
        "overlap_hours": N, "quality_score": N, "person": S, "past_jobs_with_us": N, "agreements": S,
        "has_nda": B, "has_ip_assignment": B, "trial": S, "off_platform": B, "review_left": B,
        "fee_percent": N, "fee_fixed": N, "fees": N, "price_with_fees": N, "interview_rank": N,
        "person_open_hires": N, "person_critical_hires": N, "person_first": B, "person_tasks": S,
        "person_quality_score": N, "proven": B, "at_work": B, "proven_why": S, "budget_gap": N, "budget_gap_percent": N, "fees_gap": N,
        "working_hours": S, "owner_hours_there": S, "person_nda": B, "person_first_sensitive": B,
        "cost": N, "cost_gap": N, "cost_gap_percent": N, "cost_words": S, "budget_choice": S,
        "named_people": S, "named_people_count": N, "marketplace_escrow": B, "marketplace_feedback": B,
        "upfront_where": S, "upfront_drop": B, "upfront_asked": B, "available_from": S, "available_days_left": N, "available_too_late": B, "available_lead": S,
        "available_words": S, "available_ask": S, "job_closed": B, "proposed_milestones": N, "offers_sample": S, "success_fee_cost": S, "key_score_min": N, "key_score_low_names": S, "key_scores": S,
        "strong_record": B, "unnamed_workers": S, "unnamed_workers_count": N, "weak_scores": S, "substitution_seen": S, "substitution_lead": S, "substitution_claim": S, "trial_focus": S, "starts_later": B,
        # what the notes say (advisor.phrases): a flag and the quoted words per category
        "red_flags": S, "red_flag_phrases": S, "red_flag_drop": B, "off_platform_said": S, "upfront_stake": S, "escrow_next": S, "substitution_terms": S, "in_play": B,
        "task_posted": B, "task_minor": B, "below_third_of_median": B, "bid_far_below": B, "bid_below_words": S, "outranked_by_proven": B, "person_all_critical": B,
        "unsure_what": S, "said_unsure": S,
        **{f"red_flag_{c}": B for c in CANDIDATE_CATEGORIES},
        **{f"said_{c}": S for c in CANDIDATE_CATEGORIES},
        "mentions_third_party": B, "said_third_party": S, "third_party_vendor": S, "partial_scope": B, "said_extras": S,
    },
}

#: The fields the field table says the rules see, copied straight from the plan, that the code
#: below does not set itself: a new field with a ``fact`` reaches the rules with no code here.
_TABLES = {"business": fields.BUSINESS, "task": fields.TASK, "candidate": fields.CANDIDATE}
STRAIGHT: dict[str, tuple[tuple[str, str], ...]] = {
    ns: tuple((n, f) for n, f in fields.facts_of(specs) if f not in SCHEMA[ns]) for ns, specs in _TABLES.items()}
for _ns, _specs in _TABLES.items():
    for _fact, _typ in fields.fact_schema(_specs).items():
        SCHEMA[_ns].setdefault(_fact, _typ)
    ENUMS.update(fields.fact_enums(_ns, _specs))


def copy_straight(fact: Fact, record: Any, ns: str) -> None:
    for name, key in STRAIGHT[ns]:
        value = getattr(record, name)
        if value is not None:
            fact[key] = fact_value(value)


#: durable-rules refuses facts with more than 252 properties; the engine adds a few of its own.
MAX_PROPERTIES = 240
assert all(len(f) < MAX_PROPERTIES for f in SCHEMA.values())

Fact = dict[str, Any]
#: A fact's key: (type, plan id); the business fact's key is ("business", "business").
Key = tuple[str, str]
BUSINESS_KEY: Key = ("business", "business")


def num(x: float | int | None) -> float | int | None:
    """Round a number the way every fact number is rounded (4 decimals; ints kept)."""
    if x is None or isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x
    r = round(float(x), 4)
    if r.is_integer() and abs(r) < 1e15:
        return int(r)
    return r + 0.0 if r != 0 else 0


def fact_value(value: Any) -> Any:
    """``num`` for a number, anything else unchanged (what ``_put`` stores), with the common
    classes tested first: this runs ~10 times per candidate."""
    cls = value.__class__
    if cls is float:
        r = round(value, 4)
        if r.is_integer() and -1e15 < r < 1e15:
            return int(r)
        return r + 0.0
    if cls is int or cls is bool or cls is str:
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return num(value)
    return value


def put(fact: Fact, name: str, value: Any) -> None:
    if value is not None:
        fact[name] = fact_value(value)


def neutral(kind: str, key: str = "x", task: str = "t") -> Fact:
    """A fact of ``kind`` with neutral defaults, for rule examples that leave it out."""
    if kind == "business":
        return {"_t": "business", "id": "business", "name": "Example business", "currency": "USD",
                "completed_jobs": 5, "experience": 5, "posted_tasks": 1, "posted_marketplaces": 2, "tasks": 1,
                "open_tasks": 1, "tasks_hiring": 0, "critical_open_tasks": 0, "tasks_in_motion": 0,
                "working_hours": DEFAULT_HOURS, "tasks_due_soon": 0, "tasks_undecided": 1}
    if kind == "task":
        return {"_t": "task", "id": task, "title": "Example task", "description": "", "size": "minor",
                "critical": False, "skills": "", "pricing": "fixed", "status": "draft", "marketplaces": "",
                "acceptance": "", "has_acceptance": False, "skills_count": 0, "marketplaces_count": 0,
                "candidates": 0, "shortlisted": 0, "shortlist_words": "none shortlisted", "hired": 0, "rejected": 0, "interviewed": 0,
                "rate_samples": 0, "rate_marketplaces": 0, "criteria_sets": 0, "sensitive_data": False,
                "creates_ip": False, "milestones": 0, "openings": 1, "applied": 0,
                "note_gaps": "", "note_gap_steps": "", "trials_planned": 0, "trials_passed": 0, "samples_offered": 0, "proven_candidates": 0, "to_interview": 0, "proven_within_budget": 0, "full_bids_within_budget": 0, "choice_ready": False, "human_work_words": "", "interviewed_strong": 0, "live_count": 0, "meet_now": 0, "meet_names": "", "interview_urgent": False, "deadline_short": False, "deadline_verdict": "Not feasible as planned:", "cap_no_slack": False, "trial_who": "your top one or two candidates", "trial_each": " each", "bids": 0, "bids_seen": 0, "price_unit": "",
                "collaboration": "async", "offer_candidates": 0, "offer_ip_unsigned": 0, "offer_nda_unsigned": 0,
                "human_work": False, "licensed_work": "", "creator_content": "", "ads_manager": "",
                "personal_data": False, "own_credentials": "", "health_data": "", "health_access": False, "data_agreement": "a data-processing agreement", "offer_licence_unsigned": 0, "transfer_safeguard": "", "specialist_firm": False, "no_escrow": False, "exposure_by": "", "exposure_said": "", "licence_stated": 0, "licence_unchecked": 0,
                "milestone_payment": "fund each one in escrow only when the one before is accepted", "milestone_basis": "e.g. a first part you can check, then the rest", "interviewed_live": 0, "handover": "", "handover_open": True, "offer_solo": 0, "offer_solo_new": 0, "continuity_concrete": False, "live_cover_who": "", "support_in_firm": False, "parked": False, "waits_for": "", "rates_per_skill": "", "small_job": False, "access_ended": "", "review_tail": "",
                "acceptance_checks": "deliverables, file formats, number of revisions, and the date", "offer_rights": "", "offer_material": "", "post_where": ""}
    return {"_t": "candidate", "id": key, "task": task, "name": "Example candidate", "status": "applied",
            "reject_reason": "", "notes": "", "interviewed": False, "cheapest": False,
            "person": "example candidate@", "past_jobs_with_us": 0, "agreements": "", "has_nda": False,
            "has_ip_assignment": False, "trial": "none", "off_platform": False, "review_left": False,
            "proven": False, "at_work": False, "strong_record": False, "working_hours": DEFAULT_HOURS, "person_nda": False,
            "red_flags": "", "red_flag_drop": False, "upfront_drop": False, "upfront_asked": False, "off_platform_said": "", "upfront_stake": "", "escrow_next": "a first milestone", "in_play": True, "job_closed": False, "available_lead": "can start on", "available_ask": "for an earlier start or a shorter turnaround, with the delivery date in writing",
            "task_posted": False, "task_minor": True, "below_third_of_median": False, "bid_far_below": False, "bid_below_words": "far under the others", "outranked_by_proven": False,
            "unsure_what": "", "said_unsure": "",
            **{f"red_flag_{c}": False for c in CANDIDATE_CATEGORIES}, "mentions_third_party": False, "partial_scope": False,
            "third_party": "", "third_party_vendor": "", "success_fee_cost": "",
            "budget_choice": "raise the budget on purpose (and note why), agree a smaller scope that fits it, or prefer a candidate inside it"}


def check_fact(fact: Fact) -> None:
    """Raise ``ValueError`` if a fact breaks the conventions above (a malformed fact)."""
    kind = fact.get("_t")
    schema = SCHEMA.get(kind)  # type: ignore[arg-type]
    if schema is None:
        raise ValueError(f"unknown fact type {kind!r}")
    if not isinstance(fact.get("id"), str) or not fact["id"]:
        raise ValueError("fact without an id")
    if len(fact) > MAX_PROPERTIES:
        raise ValueError(f"fact has {len(fact)} properties; the limit is {MAX_PROPERTIES}")
    for name, value in fact.items():
        if name == "_t":
            continue
        want = schema.get(name)
        if want is None:
            raise ValueError(f"unknown field {name!r}")
        if want == B and not isinstance(value, bool):
            raise ValueError(f"{name} must be true/false")
        if want == S and not isinstance(value, str):
            raise ValueError(f"{name} must be text")
        if want == N:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{name} must be a number")
            if value != value or abs(value) >= 1e15:
                raise ValueError(f"{name} is out of range")
