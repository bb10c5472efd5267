"""A plan as engine facts: one ``business`` fact, one fact per task, one per candidate.

Each fact is a plain ``dict`` with a ``_t`` type field and the plan id as ``id`` (the engine
layer moves it to ``key``, because durable-rules reserves ``id``). Everything the rules need that
the engine cannot compute itself (counts, medians, percentiles, ranks, fees, dates) is computed
here, in plain Python, per task: an edit to one task recomputes that task and its candidates only.

Conventions (the engine depends on them):

- an absent value is an absent key (never ``None``): ``$ex`` guards test presence;
- numbers are rounded to 4 decimal places (so no float prints with an exponent), integers stay
  integers here (the engine turns every number into a float);
- lists are joined into text with ``,`` (``task.skills``, ``task.marketplaces``) and counted
  (``skills_count``, ``marketplaces_count``);
- dates are ISO text (``deadline``) plus a whole number of days (``days_to_deadline``).

:data:`SCHEMA` lists every field with its type; ``docs/rules.md`` documents each one.
"""

from __future__ import annotations

import functools
import math
import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from advisor.plan import fields
from advisor.text import name_list
from advisor.plan.lifecycle import task_out_of_step
from advisor.plan.model import (CANDIDATE_STATUSES, CLOSED_STATUSES, COLLABORATIONS, DEFAULT_HOURS, POSTED_STATUSES, PRICINGS,
                    SHORTLIST_STATUSES, SIZES, TASK_STATUSES, TRIALS, Candidate, Plan, Task, fold, hours_window)
from advisor.plan.people import People, PersonLoad, critical_open_tasks, people_of
from advisor.plan.zones import offset_on
from advisor.plan.money import format_money
from advisor.phrases import CANDIDATE_CATEGORIES, NOTHING, Found, PhraseMatcher, candidate_matcher
from advisor.settings import DEFAULT_RULE_SETTINGS
from advisor import clock

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
    },
    "task": {
        "id": S, "title": S, "description": S, "size": S, "critical": B, "skills": S, "pricing": S,
        "budget": N, "hours": N, "status": S, "marketplaces": S, "deadline": S, "days_to_deadline": N,
        "acceptance": S, "has_acceptance": B, "skills_count": N, "marketplaces_count": N,
        "estimated_cost": N, "candidates": N, "shortlisted": N, "hired": N, "rejected": N,
        "interviewed": N, "rate_samples": N, "rate_p25": N, "rate_median": N, "rate_p75": N,
        "rate_marketplaces": N, "effective_rate": N, "rating_median": N, "price_median": N,
        "price_min": N, "fee_percent_max": N, "estimated_fees": N, "cost_with_fees": N,
        "criteria_sets": N, "sensitive_data": B, "creates_ip": B, "milestones": N, "weekly_cap": N,
        "openings": N, "status_expected": S, "status_why": S, "applied": N, "size_hours": N, "rate_shortfall": N, "trials_planned": N, "trials_passed": N,
        "trial_amount": N, "trial_hours": N, "interview_score_max": N, "proven_candidates": N, "to_interview": N, "to_interview_names": S, "proven_within_budget": N, "choice_ready": B,
        "bids": N, "rates_above": N, "price_unit": S,
        "collaboration": S, "overlap_needed": N, "offer_candidates": N, "offer_names": S,
        "offer_ip_unsigned": N, "offer_nda_unsigned": N, "offer_nda_names": S,
        "offer_ip_names": S, "first_piece": S, "first_piece_hours": N, "first_piece_amount": N, "weekly_cap_low": N,
        "weekly_cap_high": N, "weekly_cap_hint": S, "milestones_suggested": N, "milestone_amount": N,
        "key_criteria": S, "access": S, "access_count": N, "access_names": S, "unprotected_marketplaces": S,
        "human_work": B, "specialist_firm": B, "access_broad": S, "interviewed_live": N,
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
        "person_quality_score": N, "proven": B, "proven_why": S, "budget_gap": N, "budget_gap_percent": N, "fees_gap": N,
        "working_hours": S, "owner_hours_there": S, "person_nda": B, "person_first_sensitive": B,
        "cost": N, "cost_gap": N, "cost_gap_percent": N, "cost_words": S,
        "named_people": S, "named_people_count": N, "marketplace_escrow": B, "marketplace_feedback": B,
        "upfront_where": S, "available_from": S, "available_days_left": N, "available_too_late": B,
        "available_words": S, "key_score_min": N, "key_score_low_names": S, "key_scores": S,
        # what the notes say (advisor.phrases): a flag and the quoted words per category
        "red_flags": S, "red_flag_phrases": S, "red_flag_drop": B, "off_platform_said": S, "in_play": B,
        **{f"red_flag_{c}": B for c in CANDIDATE_CATEGORIES},
        **{f"said_{c}": S for c in CANDIDATE_CATEGORIES},
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


def _copy_straight(fact: Fact, record: Any, ns: str) -> None:
    for name, key in STRAIGHT[ns]:
        value = getattr(record, name)
        if value is not None:
            fact[key] = _n(value)


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


def _n(value: Any) -> Any:
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


def _put(fact: Fact, name: str, value: Any) -> None:
    if value is not None:
        fact[name] = _n(value)


class QualityWords(NamedTuple):
    """Which interview criteria rate the work: ``quality`` words (from ``quality_criteria``)
    always count; any other criterion counts unless it has a ``soft`` word (``soft_criteria``):
    a buyer who scores "editing", "airtable" or "culinary terms" has scored the skill itself."""

    quality: tuple[str, ...]
    soft: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a task's facts depend on beyond the task itself."""

    today: date
    #: the owner's time zone: the business's, else the config's; None: unknown (no overlap facts)
    owner_utc_offset: float | None
    fees: Mapping[str, tuple[float, float]]  # folded marketplace name -> (percent, fixed); known fees only
    rates: Mapping[str, tuple[tuple[float, str | None], ...]]  # folded skill -> ((hourly, marketplace), ...)
    #: folded interview criterion names that count as a score of the work's quality
    quality_names: QualityWords = QualityWords(())
    #: person key -> hires on open tasks (:mod:`advisor.plan.people`)
    people: Mapping[str, PersonLoad] = field(default_factory=dict)
    #: person key -> the quality score of their latest interview that had one, on any task
    person_quality: Mapping[str, float] = field(default_factory=dict)
    #: share of the budget and most hours a suggested paid trial takes
    trial_share: float = 0.1
    trial_max_hours: float = 10.0
    #: the business's working day, minutes after its local midnight (``hours_window``)
    owner_window: tuple[int, int] = (540, 1020)
    #: hours a day overlap work needs when the task does not say (``min_overlap_hours``)
    min_overlap: float = 2.0
    #: person keys with an NDA recorded on any task
    ndas: frozenset[str] = frozenset()
    #: the business's currency (amounts written into text facts)
    currency: str | None = None
    locale: str | None = None
    #: folded marketplace name -> (escrow, feedback), each None when not known
    markets: Mapping[str, tuple[bool | None, bool | None]] = field(default_factory=dict)
    #: hours a day one freelancer gives a job (``deadline_hours_per_day``)
    hours_per_day: float = 4.0
    #: folded names of the marketplaces known to hold no escrow (:func:`no_escrow_of`)
    no_escrow: frozenset[str] = frozenset()

    def market(self, marketplace: str | None) -> tuple[bool | None, bool | None]:
        """(escrow, feedback) of a marketplace, matched like a skill; (None, None): not known."""
        return self.markets.get(fold(marketplace), (None, None)) if marketplace else (None, None)
    #: the red-flag phrase lists (built-in plus the config's ``[advisor.phrases]``)
    phrases: PhraseMatcher | None = None

    def samples_for(self, skills: Iterable[str]) -> tuple[tuple[float, str | None], ...]:
        out: list[tuple[float, str | None]] = []
        for s in dict.fromkeys(fold(k) for k in skills):
            out.extend(self.rates.get(s, ()))
        return tuple(out)

    def fee(self, marketplace: str | None) -> tuple[float, float] | None:
        """(percent, fixed) of a marketplace, matched like a skill; None: unknown."""
        return self.fees.get(fold(marketplace)) if marketplace else None


def context(plan: Plan, settings: Mapping[str, Any] | None = None, today: date | None = None,
            people: People | None = None) -> Context:
    """What a task's facts depend on beyond the task; ``people``: the plan's :class:`People` if
    the caller has it (the incremental engine keeps each task's share), else worked out here."""
    settings = settings or {}
    rates: dict[str, list[tuple[float, str | None]]] = {}
    for r in plan.rates:
        rates.setdefault(fold(r.skill), []).append((r.hourly, r.marketplace))
    fees: dict[str, tuple[float, float]] = {}
    markets: dict[str, tuple[bool | None, bool | None]] = {}
    for m in plan.marketplaces:
        if m.fees_known:  # unknown fees leave the fee facts out: never computed as 0%
            fees.setdefault(fold(m.name), (m.fee_percent or 0.0, m.fee_fixed or 0.0))
        if m.escrow is not None or m.feedback is not None:
            markets.setdefault(fold(m.name), (m.escrow, m.feedback))
    names = quality_names(settings)
    if people is None:
        people = people_of(plan, quality_test(names))
    today = today or clock.today()
    return Context(
        today=today,
        owner_utc_offset=owner_offset(plan, settings, today),
        fees=fees,
        rates={k: tuple(v) for k, v in rates.items()},
        quality_names=names,
        people=people.hires,
        person_quality=people.quality,
        trial_share=_setting_number(settings, "trial_budget_share", 0.1),
        trial_max_hours=_setting_number(settings, "trial_max_hours", 10.0),
        owner_window=hours_window(plan.business.working_hours or DEFAULT_HOURS),
        min_overlap=_setting_number(settings, "min_overlap_hours", 2.0),
        ndas=people.ndas,
        currency=plan.business.currency, locale=plan.business.locale,
        markets=markets, no_escrow=no_escrow_of(plan),
        hours_per_day=_setting_number(settings, "deadline_hours_per_day", 4.0),
        phrases=candidate_matcher(settings),
    )


def owner_offset(plan: Plan, settings: Mapping[str, Any], today: date | None = None) -> float | None:
    """The owner's time zone on ``today``: ``business.timezone``'s offset that day (daylight
    saving followed), else the fixed ``business.utc_offset``, else the config's
    ``owner_utc_offset`` if set, else None (the time-zone advice stays silent rather than assume
    UTC)."""
    b = plan.business
    if b.timezone or b.utc_offset is not None:
        return offset_on(b.timezone, b.utc_offset, today or clock.today())
    value = settings.get("owner_utc_offset")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and -12 <= value <= 14:
        return float(value)
    return None


def _words(raw: Any) -> tuple[str, ...]:
    return tuple(w for w in (fold(x) for x in str(raw).split(",")) if w)


def quality_names(settings: Mapping[str, Any]) -> QualityWords:
    """The folded words of the ``quality_criteria`` and ``soft_criteria`` settings."""
    return QualityWords(_words(settings.get("quality_criteria", DEFAULT_RULE_SETTINGS["quality_criteria"])),
                        _words(settings.get("soft_criteria", DEFAULT_RULE_SETTINGS["soft_criteria"])))


def quality_test(names: QualityWords) -> Callable[[str], bool]:
    """``is_quality`` with the words filled in."""
    return functools.partial(is_quality, names=names)


@functools.lru_cache(maxsize=4096)
def is_quality(criterion: str, names: QualityWords) -> bool:
    """A criterion scores the work's quality when one of its folded words is a quality word
    ("Work samples", "portfolio review", "QUALITY"), or when none is a soft word ("editing",
    "culinary_terms" and "airtable" rate the skill; "communication", "English" and "culture fit"
    do not). Cached: a plan names a handful of criteria, asked about on every evaluation."""
    folded = fold(criterion)
    words = folded.replace("-", " ").replace("_", " ").split()
    if any(w in names.quality for w in words) or folded in names.quality:
        return True
    return bool(words) and not any(w in names.soft for w in words) and folded not in names.soft


def _setting_number(settings: Mapping[str, Any], key: str, default: float) -> float:
    value = settings.get(key, default)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    return default


def quartiles(values: list[float]) -> tuple[float, float, float] | None:
    """(p25, median, p75) as ``statistics.quantiles(method="inclusive")``; one value is all three."""
    if not values:
        return None
    if len(values) == 1:
        return values[0], values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[1], q[2]


#: A candidate's day when they have not stated working hours: the hours someone can reasonably
#: be asked to work, in their own time.
UNSTATED_DAY = "06:00-22:00"


def overlap_hours(owner_offset: float, other_offset: float, owner: tuple[int, int] = (540, 1020),
                  other: tuple[int, int] = (540, 1020)) -> float:
    """Hours a day both are inside their own working hours: ``owner`` and ``other`` are windows
    in minutes after each one's local midnight (:func:`advisor.plan.model.hours_window`), the offsets
    their time zones. Computed on the 24-hour circle (a night shift crossing midnight counts)."""
    s1, e1 = owner[0] - owner_offset * 60, owner[1] - owner_offset * 60
    s2, e2 = other[0] - other_offset * 60, other[1] - other_offset * 60
    total = 0.0
    for shift in (-2880, -1440, 0, 1440, 2880):  # windows are at most a day long: copies never overlap
        total += max(0.0, min(e1, e2 + shift) - max(s1, s2 + shift))
    return min(total, 1440.0) / 60.0


_overlap_cached = functools.lru_cache(maxsize=4096)(overlap_hours)  # a pure function of its inputs


def hours_there(owner_offset: float, other_offset: float, owner: tuple[int, int]) -> str:
    """The owner's working window in the other person's local time, ``HH:MM-HH:MM``
    (Hawaii's 09:00-17:00 is ``03:00-11:00`` in Manila)."""
    length = owner[1] - owner[0]
    if length >= 1440:
        return "00:00-24:00"
    start = (owner[0] + round((other_offset - owner_offset) * 60)) % 1440
    end = (start + length) % 1440 or 1440
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def in_motion(task: Task) -> bool:
    """A task that takes the owner's attention now: posted, hiring or hired, or a draft that
    already has candidates (a first-timer's overload counts all of them)."""
    return task.status in ("posted", "hiring", "hired") or (task.status == "draft" and bool(task.candidates))


def is_proven(c: Candidate) -> bool:
    """Someone whose work the owner knows: a job already finished for the business, or a paid
    trial passed. Screening advice (shortlist size, trials, interviews, records) steps back."""
    return c.past_jobs_with_us >= 1 or c.trial == "passed"


def proven_why(c: Candidate) -> str | None:
    """Why a candidate is proven, as a phrase after their name; None when they are not."""
    jobs = c.past_jobs_with_us
    done = f"has finished {jobs} job{'s' if jobs != 1 else ''} for you" if jobs >= 1 else ""
    trial = "passed a paid trial with you" if c.trial == "passed" else ""
    if done and trial:
        return f"{done} and {trial}"
    return done or trial or None


def nice_amount(x: float) -> float:
    """An amount rounded the way a person says it: to 1 under 20, 5 under 100, 10 under 1,000,
    50 under 10,000, else 100 ("about $500", not "$487.20")."""
    for limit, step in ((20, 1), (100, 5), (1000, 10), (10000, 50)):
        if x < limit:
            return max(step, round(x / step) * step)
    return round(x / 100) * 100


#: A deadline this many days away or fewer is "due soon": no time to widen the search.
DUE_SOON_DAYS = 14


def business_fact(plan: Plan, today: date | None = None) -> Fact:
    b = plan.business
    today = today or clock.today()
    posted = [t for t in plan.tasks if t.status in POSTED_STATUSES]
    markets = {m for t in posted for m in t.marketplaces}
    fact: Fact = {"_t": "business", "id": "business"}
    _put(fact, "name", b.name)
    _put(fact, "currency", b.currency)
    _put(fact, "completed_jobs", b.completed_jobs)
    _put(fact, "experience", plan.experience())
    _put(fact, "posted_tasks", len(posted))
    _put(fact, "posted_marketplaces", len(markets))
    _put(fact, "tasks", len(plan.tasks))
    _put(fact, "utc_offset", offset_on(b.timezone, b.utc_offset, today))  # the zone's offset today
    fact["open_tasks"] = sum(1 for t in plan.tasks if t.status not in CLOSED_STATUSES)
    fact["tasks_hiring"] = sum(1 for t in plan.tasks if t.status in ("hiring", "hired"))
    fact["tasks_in_motion"] = sum(1 for t in plan.tasks if in_motion(t))
    fact["critical_open_tasks"] = critical_open_tasks(plan)
    fact["working_hours"] = b.working_hours or DEFAULT_HOURS
    _copy_straight(fact, b, "business")
    fact["tasks_due_soon"] = sum(1 for t in plan.tasks if t.status not in CLOSED_STATUSES and t.deadline is not None
                                 and 0 <= (t.deadline - today).days <= DUE_SOON_DAYS)
    return fact


def task_facts(task: Task, ctx: Context) -> tuple[Fact, list[Fact]]:
    """The task's fact and its candidates' facts."""
    t, prices, price_median, price_min = _task_fact(task, ctx)
    sorted_prices = sorted(prices.values())
    # what every candidate fact compares itself with, worked out once per task (read per candidate
    # from all the task's candidates, it was quadratic in a task's size: 1.3 M steps at 10,000)
    scores = sorted(c.interview.average for c in task.candidates
                    if c.interview is not None and c.interview.average is not None)
    hired = any(c.status == "hired" for c in task.candidates)
    out: list[Fact] = []
    human = bool(t.get("human_work"))
    for c in task.candidates:
        out.append(_candidate_fact(c, task, ctx, prices, price_median, price_min, sorted_prices, scores, hired, human))
    return t, out


def task_fact(task: Task, ctx: Context) -> Fact:
    """The task's fact alone. Candidate facts do not depend on the going rates or the
    marketplace fees, so when only those changed, the candidate facts can be kept."""
    return _task_fact(task, ctx)[0]


def _task_fact(task: Task, ctx: Context) -> tuple[Fact, dict[str, float], float | None, float | None]:
    t: Fact = {"_t": "task", "id": task.id}
    _copy_straight(t, task, "task")
    _put(t, "title", task.title)
    _put(t, "description", task.description)
    _put(t, "size", task.size)
    t["critical"] = bool(task.critical)
    t["skills"] = ",".join(task.skills)
    _put(t, "pricing", task.pricing)
    _put(t, "budget", task.budget)
    _put(t, "hours", task.hours)
    _put(t, "status", task.status)
    t["marketplaces"] = ",".join(task.marketplaces)
    if task.deadline is not None:
        t["deadline"] = task.deadline.isoformat()
        t["days_to_deadline"] = (task.deadline - ctx.today).days
    t["acceptance"] = task.acceptance or ""
    t["has_acceptance"] = bool((task.acceptance or "").strip())
    t["skills_count"] = len(task.skills)
    t["marketplaces_count"] = len(task.marketplaces)
    _put(t, "estimated_cost", task.estimated_cost)
    t["sensitive_data"] = bool(task.sensitive_data)
    t["creates_ip"] = bool(task.creates_ip)
    t["milestones"] = task.milestones
    _put(t, "weekly_cap", task.weekly_cap)
    t["openings"] = task.openings
    t["collaboration"] = task.collaboration
    t["human_work"] = "human_work" in said_in_task(task, ctx).categories
    if task.collaboration != "async":
        whole_day = (ctx.owner_window[1] - ctx.owner_window[0]) / 60.0
        default = ctx.min_overlap if task.collaboration == "overlap" else whole_day
        _put(t, "overlap_needed", task.overlap_hours if task.overlap_hours is not None else default)

    cands = task.candidates
    _offer_fields(t, task, ctx)
    t["candidates"] = len(cands)
    t["shortlisted"] = sum(1 for c in cands if c.status in SHORTLIST_STATUSES)
    t["hired"] = sum(1 for c in cands if c.status == "hired")
    t["rejected"] = sum(1 for c in cands if c.status == "rejected")
    t["interviewed"] = sum(1 for c in cands if c.interview is not None)
    t["applied"] = sum(1 for c in cands if c.status == "applied")
    t["trials_planned"] = sum(1 for c in cands if c.trial == "planned")
    t["trials_passed"] = sum(1 for c in cands if c.trial == "passed")
    t["proven_candidates"] = sum(1 for c in cands if c.status != "rejected" and is_proven(c))
    # shortlisted strangers nobody has talked to yet (someone proven needs no interview; someone
    # asking to move off the platform is to be dropped, not interviewed)
    waiting = [c.name for c in cands if c.status == "shortlisted" and c.interview is None
               and not is_proven(c) and not ruled_out(said_by(c, ctx), c, task, t["human_work"], ctx.no_escrow)]
    t["to_interview"] = len(waiting)
    # interviewed and still a real option: two of them are a choice (no trial or shortlist nag)
    t["interviewed_live"] = sum(1 for c in cands if c.interview is not None and c.status in SHORTLIST_STATUSES
                                and not ruled_out(said_by(c, ctx), c, task, t["human_work"], ctx.no_escrow))
    t["to_interview_names"] = name_list(waiting, shown=3)
    # someone whose work you know, whose price fits the budget: the market rate no longer decides
    t["proven_within_budget"] = sum(
        1 for c in cands if c.status != "rejected" and is_proven(c) and task.budget is not None
        and (price := c.price(task)) is not None and price <= task.budget)
    t["choice_ready"] = choice_ready(task, ctx, t["human_work"])
    t["price_unit"] = " an hour" if task.pricing == "hourly" else ""
    step = task_out_of_step(task)
    if step is not None:  # a status the lifecycle would have moved (a plan written by hand)
        t["status_expected"], t["status_why"] = step.expected, step.why
    scores = [c.interview.average for c in cands if c.interview is not None and c.interview.average is not None]
    if scores:
        _put(t, "interview_score_max", max(scores))

    _rate_fields(t, task, ctx)
    _put(t, "effective_rate", task.effective_rate)

    ratings = [c.rating for c in cands if c.rating is not None]
    if ratings:
        _put(t, "rating_median", statistics.median(ratings))
    prices: dict[str, float] = {}  # live bids: a rejected or ruled-out candidate's price is out of play
    for c in cands:
        p = c.price(task)
        if p is not None and c.status != "rejected" and not ruled_out(said_by(c, ctx), c, task, t["human_work"], ctx.no_escrow):
            prices[c.id] = num(p)
    t["bids"] = len(prices)
    price_median = statistics.median(prices.values()) if prices else None
    price_min = min(prices.values()) if prices else None
    _put(t, "price_median", price_median)
    _put(t, "price_min", price_min)

    _fee_fields(t, task, ctx)
    _sizing_fields(t, task, ctx)
    criteria = {",".join(sorted(c.interview.scores)) for c in cands if c.interview is not None}
    t["criteria_sets"] = len(criteria)
    _buyer_task_fields(t, task, ctx)
    return t, prices, price_median, price_min


def _buyer_task_fields(t: Fact, task: Task, ctx: Context) -> None:
    """Key criteria, systems given access to, and the marketplaces in play that hold no escrow or
    show no reviews (issue 22)."""
    if task.key_criteria:
        t["key_criteria"] = ",".join(task.key_criteria)
    t["access_count"] = len(task.access)
    if task.access:
        t["access"] = ",".join(task.access)
        t["access_names"] = name_list(task.access, shown=len(task.access))
        broad = [a for a in task.access if BROAD_ACCESS.intersection(fold(a).replace("-", " ").replace("_", " ").split())]
        if broad:
            t["access_broad"] = name_list(broad, shown=len(broad))
    # a firm engaged by request for quote: an agency naming its people, with a fixed quote (a
    # pen test, an audit, legal work); newcomer screening (trials, shortlists, reviews) rests
    t["specialist_firm"] = task.pricing == "fixed" and any(
        c.kind == "agency" and c.named_people and c.bid is not None
        and c.status in SHORTLIST_STATUSES for c in task.candidates)
    where = list(task.marketplaces) + [c.marketplace for c in task.candidates
                                       if c.marketplace and c.status != "rejected"]
    lacking: dict[str, str] = {}
    for name in where:
        if fold(name) in {fold(k) for k in lacking}:
            continue
        escrow, feedback = ctx.market(name)
        missing = [w for w, v in (("no escrow", escrow), ("no reviews", feedback)) if v is False]
        if missing:
            lacking[name] = f"{name} ({' and '.join(missing)})"
    if lacking:
        t["unprotected_marketplaces"] = name_list(list(lacking.values()), shown=len(lacking))


#: Words in an access entry that mean more than a job needs ("shopify-owner", "admin").
BROAD_ACCESS = frozenset({"owner", "admin", "administrator", "root", "superuser", "super", "full"})


def _offer_fields(t: Fact, task: Task, ctx: Context) -> None:
    """Who an offer is about to go to: the hired once someone is hired, else the shortlisted and
    interviewed (never applied, rejected or ruled out: one decision per candidate); and which
    contract terms they have not signed."""
    cands = task.candidates
    hired = [c for c in cands if c.status == "hired"]
    live = hired or [c for c in cands if c.status in ("shortlisted", "interviewed")
                     and not ruled_out(said_by(c, ctx), c, task, t["human_work"], ctx.no_escrow)]
    t["offer_candidates"] = len(live)
    if live:
        t["offer_names"] = name_list([c.name for c in live], shown=3)
    no_ip = [c.name for c in live if "ip-assignment" not in c.agreements]
    t["offer_ip_unsigned"] = len(no_ip)
    if no_ip:
        t["offer_ip_names"] = name_list(no_ip, shown=3)
    no_nda = [c.name for c in live if "nda" not in c.agreements and c.person not in ctx.ndas]
    t["offer_nda_unsigned"] = len(no_nda)
    if no_nda:
        t["offer_nda_names"] = name_list(no_nda, shown=3)


def _rate_fields(t: Fact, task: Task, ctx: Context) -> None:
    samples = ctx.samples_for(task.skills)
    t["rate_samples"] = len(samples)
    q = quartiles(sorted(h for h, _ in samples))
    if q is not None:
        _put(t, "rate_p25", q[0])
        _put(t, "rate_median", q[1])
        _put(t, "rate_p75", q[2])
    t["rate_marketplaces"] = len({m for _, m in samples if m})
    median = q[1] if q is not None else None
    cost = task.estimated_cost
    hours = task.hours if task.hours else (cost / median if cost is not None and median else None)
    _put(t, "size_hours", hours)
    rate = task.effective_rate
    if median is not None and rate is not None and rate < median:
        _put(t, "rate_shortfall", median - rate)
    if rate is not None and samples:
        t["rates_above"] = sum(1 for h, _ in samples if h > rate)
    if median and hours:
        # a trial at the going rate (not at a budget that may be far below it), whole hours
        trial_hours = min(ctx.trial_max_hours, max(1.0, round(hours * ctx.trial_share)))
        _put(t, "trial_hours", trial_hours)
        _put(t, "trial_amount", nice_amount(median * trial_hours))


def _fee_fields(t: Fact, task: Task, ctx: Context) -> None:
    known = [f for f in map(ctx.fee, task.marketplaces) if f is not None]
    if known:
        _put(t, "fee_percent_max", max(p for p, _ in known))
        cost = task.estimated_cost
        if cost is not None:
            fees = max(cost * p / 100.0 + f for p, f in known)
            _put(t, "estimated_fees", fees)
            _put(t, "cost_with_fees", cost + fees)


#: Hours of work per suggested payment milestone, and the fewest and most milestones suggested.
MILESTONE_HOURS = 40.0
MILESTONES_MIN, MILESTONES_MAX = 2, 6


def weekly_cap_range(hours: float | None, days: int | None, people: int) -> tuple[int, int, float] | None:
    """A weekly hour cap for hourly work: the hours spread over the weeks to the deadline, per
    person (``low``), with a quarter of room above (``high``); (low, high, weeks). None without
    hours or a deadline ahead."""
    if not hours or days is None or days <= 0:
        return None
    weeks = max(1.0, days / 7.0)
    low = max(1, math.ceil(hours / max(1, people) / weeks))
    return low, max(low + 1, math.ceil(low * 1.25)), weeks


def milestones_for(hours: float | None) -> int:
    """How many payment milestones a job of ``hours`` takes: one per ``MILESTONE_HOURS``, 2 to 6."""
    return min(MILESTONES_MAX, max(MILESTONES_MIN, math.ceil((hours or 0) / MILESTONE_HOURS)))


def _sizing_fields(t: Fact, task: Task, ctx: Context) -> None:
    """Numbers for the generic fixes: a paid first piece of this job, a weekly cap, milestones."""
    hours = t.get("size_hours")
    t["first_piece"] = "a few hours of it"
    if hours:
        piece = max(1.0, round(hours * ctx.trial_share))
        _put(t, "first_piece_hours", piece)
        t["first_piece"] = f"about {piece:g} hour{'s' if piece != 1 else ''}"
        pay = max([x for x in (t.get("rate_median"), task.effective_rate) if x is not None], default=None)
        if pay:
            _put(t, "first_piece_amount", nice_amount(pay * piece))
            t["first_piece"] += f", about {format_money(nice_amount(pay * piece), ctx.currency, ctx.locale)}"
    days = (task.deadline - ctx.today).days if task.deadline is not None else None
    cap = weekly_cap_range(task.hours, days, task.openings)
    if cap is not None:
        low, high, weeks = cap
        t["weekly_cap_low"], t["weekly_cap_high"] = low, high
        spread = (f"{task.hours:g} hours over {task.openings} people and {weeks:.1f} weeks" if task.openings > 1
                  else f"{task.hours:g} hours over {weeks:.1f} weeks")
        t["weekly_cap_hint"] = f"about {low}-{high} hours a week{' each' if task.openings > 1 else ''}, {spread}"
    else:
        t["weekly_cap_hint"] = "the hours estimate spread over the weeks you have"
    n = milestones_for(hours)
    t["milestones_suggested"] = n
    cost = task.estimated_cost
    if cost:
        _put(t, "milestone_amount", nice_amount(cost / n))


#: the task fields computed from the context's going rates and fees (and nothing else)
CONTEXT_FIELDS = frozenset({"rate_samples", "rate_p25", "rate_median", "rate_p75", "rate_marketplaces",
                            "fee_percent_max", "estimated_fees", "cost_with_fees", "size_hours",
                            "rate_shortfall", "trial_amount", "trial_hours", "rates_above",
                            "first_piece", "first_piece_hours", "first_piece_amount", "milestones_suggested", "milestone_amount"})


def task_fact_new_context(previous: Fact, task: Task, ctx: Context) -> Fact:
    """The task's fact when only the going rates or fees changed since ``previous`` was built
    from the same task: ``previous`` with the :data:`CONTEXT_FIELDS` computed again (equal, as a
    dict, to ``task_fact(task, ctx)``; the candidates are not walked)."""
    t = {k: v for k, v in previous.items() if k not in CONTEXT_FIELDS}
    _rate_fields(t, task, ctx)
    _fee_fields(t, task, ctx)
    _sizing_fields(t, task, ctx)
    return t


def _candidate_fact(c: Candidate, task: Task, ctx: Context, prices: Mapping[str, float],
                    price_median: float | None, price_min: float | None, sorted_prices: list[float],
                    scores: list[float], hired: bool, human_work: bool = False) -> Fact:
    f: Fact = {"_t": "candidate", "id": c.id, "task": task.id}
    # _put inlined (10,000 candidates: this was the largest part of building the facts)
    if (v := c.name) is not None:
        f["name"] = _n(v)
    if (v := c.marketplace) is not None:
        f["marketplace"] = _n(v)
    if (v := c.hourly) is not None:
        f["hourly"] = _n(v)
    if (v := c.bid) is not None:
        f["bid"] = _n(v)
    if (v := c.rating) is not None:
        f["rating"] = _n(v)
    if (v := c.reviews) is not None:
        f["reviews"] = _n(v)
    if (v := c.jobs) is not None:
        f["jobs"] = _n(v)
    if (v := c.job_success) is not None:
        f["job_success"] = _n(v)
    if (v := c.country) is not None:
        f["country"] = _n(v)
    theirs_offset = offset_on(c.timezone, c.utc_offset, ctx.today)  # a zone: its offset today
    if theirs_offset is not None:
        f["utc_offset"] = _n(theirs_offset)
    if (v := c.status) is not None:
        f["status"] = _n(v)
    f["reject_reason"] = c.reject_reason or ""
    f["notes"] = c.notes or ""
    price = prices.get(c.id)
    live = price is not None  # a bid still in play: compared with the others (cheapest, rank, ratio)
    if price is None and c.status == "rejected":
        price = c.price(task)
        price = None if price is None else num(price)
    if price is not None:
        f["price"] = _n(price)
    f["interviewed"] = c.interview is not None
    if c.interview is not None:
        _put(f, "interview_score", c.interview.average)
        if c.interview.date is not None:
            f["interview_date"] = c.interview.date.isoformat()
        f["criteria"] = ",".join(sorted(c.interview.scores))
        quality = [v for k, v in c.interview.scores.items() if is_quality(k, ctx.quality_names)]
        if quality:
            _put(f, "quality_score", sum(quality) / len(quality))
        score = c.interview.average
        if score is not None:
            f["interview_rank"] = 1 + len(scores) - bisect_right(scores, score)  # 1 + how many scored higher
    f["cheapest"] = bool(live and len(prices) >= 2 and price == price_min)
    if live and price_median:
        _put(f, "price_ratio", price / price_median)
    if live:
        f["rank_price"] = bisect_left(sorted_prices, price) + 1
    # Hours not stated: anyone can take a call in their waking day, not only 9-17 (a candidate
    # in the owner's own time zone was told their day covers 8 of the 10 hours needed).
    theirs = c.working_hours or UNSTATED_DAY
    f["working_hours"] = c.working_hours or f"not stated, so a waking day of {UNSTATED_DAY}"
    if theirs_offset is not None and ctx.owner_utc_offset is not None:
        _put(f, "overlap_hours", _overlap_cached(ctx.owner_utc_offset, theirs_offset, ctx.owner_window,
                                                 hours_window(theirs)))
        f["owner_hours_there"] = hours_there(ctx.owner_utc_offset, theirs_offset, ctx.owner_window)
    _advice_fields(f, c, task, ctx, price)
    _red_flag_fields(f, c, task, ctx, hired, human_work)
    return f


def said_by(c: Candidate, ctx: Context) -> Found:
    """The red-flag phrases in a candidate's notes and interview notes."""
    return candidate_words(c, ctx.phrases)


def candidate_words(c: Candidate, phrases: PhraseMatcher | None) -> Found:
    if phrases is None:
        return NOTHING
    text = c.notes or ""
    if c.interview is not None and c.interview.notes:
        text = f"{text}\n{c.interview.notes}"
    return phrases.find(text)


def said_in_task(task: Task, ctx: Context) -> Found:
    """The phrases in a task's own words (title, description, acceptance criteria, skills)."""
    return task_words(task, ctx.phrases)


def task_words(task: Task, phrases: PhraseMatcher | None) -> Found:
    if phrases is None:
        return NOTHING
    return phrases.find("\n".join((task.title or "", task.description or "", task.acceptance or "",
                                    ", ".join(task.skills))))


def exclusions(task: Task, phrases: PhraseMatcher | None = None,
               no_escrow: frozenset[str] = frozenset()) -> dict[str, str]:
    """Candidate id -> why they are ruled out (:func:`ruled_out`), for the task's candidates not
    yet hired; ``phrases``: the red-flag lists in effect (the built-in ones by default);
    ``no_escrow``: :func:`no_escrow_of` the plan."""
    phrases = phrases if phrases is not None else candidate_matcher(None)
    human = "human_work" in task_words(task, phrases).categories
    out = {}
    for c in task.candidates:
        why = ruled_out(candidate_words(c, phrases), c, task, human, no_escrow)
        if why:
            out[c.id] = why
    return out


def to_drop(found: Found, c: Candidate, task: Task) -> bool:
    """A red flag that rules the candidate out: a guaranteed result, a request for your own
    logins, an unrecoverable payment method, or money up front, except from someone proven on a
    minor job (a deposit to a person whose work you know, on a small job, is a normal term). The
    rules ``guaranteed-results``, ``credentials-request``, ``unprotected-payment`` and
    ``upfront-payment`` say the same in their ``when`` (and the next steps name them to drop)."""
    cats = found.categories
    if "guarantee" in cats or "credentials" in cats or "payment" in cats:
        return True
    return "upfront" in cats and not (is_proven(c) and task.size == "minor")


#: Why a candidate is ruled out, by red-flag category, in the words of the drop list.
RULED_OUT_WORDS = {
    "off_platform": "asked to move off the marketplace",
    "guarantee": "promises a result nobody can guarantee",
    "credentials": "asks for your own logins",
    "payment": "asks for a payment you cannot get back",
    "upfront": "asks for money up front",
    "machine_work": "offers machine or AI output for work that needs a person",
}


def ruled_out(found: Found, c: Candidate, task: Task, human_work: bool = False,
              no_escrow: frozenset[str] = frozenset()) -> str:
    """Why a candidate not yet hired is no real option ("" when they are one): a failed paid trial,
    a request to move off the marketplace, a red flag that rules them out (:func:`to_drop`), machine
    output for work that needs a person (``human_work``), or a start after the deadline. The same
    set the next steps drop and the Ranking lists as excluded (:mod:`advisor.advice.value`); the
    fact ``red_flag_drop`` is this, so price, interview and budget advice about them rests. A
    hired person is never "dropped": the advice about them is how to go on safely."""
    if c.status not in ("applied", "shortlisted", "interviewed"):
        return ""
    cats = said_categories(found, c, no_escrow)
    why: list[str] = []
    if c.trial == "failed":
        why.append("failed the paid trial")
    low = key_low(c, task)
    if low is not None:
        why.append(f"scored {low[0]:g}/5 on {low[1]}, a key criterion")
    if c.off_platform or "off_platform" in cats:
        why.append(RULED_OUT_WORDS["off_platform"])
    if to_drop(found, c, task):
        why.extend(RULED_OUT_WORDS[k] for k in ("guarantee", "credentials", "payment", "upfront")
                   if k in cats and (k != "upfront" or not (is_proven(c) and task.size == "minor")))
    if human_work and "machine_work" in cats:
        why.append(RULED_OUT_WORDS["machine_work"])
    start, deadline = getattr(c, "available_from", None), getattr(task, "deadline", None)
    if start is not None and deadline is not None and start > deadline:
        why.append("cannot start before the deadline")
    return " and ".join(why)


def said_categories(found: Found, c: Candidate, no_escrow: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The red-flag categories that count for ``c``: chat-app, bank-transfer or Wise words are a
    move off the marketplace only for someone on one that holds payments (a direct hire, or a
    directory without escrow (``no_escrow``: folded names), has no marketplace to leave)."""
    if "off_platform" not in found.categories or (c.marketplace and fold(c.marketplace) not in no_escrow):
        return found.categories
    return tuple(x for x in found.categories if x != "off_platform")


def no_escrow_of(plan: Plan) -> frozenset[str]:
    """The folded names of the plan's marketplaces known to hold no payments: no escrow, or (escrow
    not stated) no fee at all (a directory: you contract and pay the firm directly)."""
    return frozenset(fold(m.name) for m in getattr(plan, "marketplaces", ())
                     if m.escrow is False or (m.escrow is None and m.fees_known
                                              and not m.fee_percent and not m.fee_fixed))


#: A score on a key criterion at or under this (of 5) is a no (``key_criterion_low``).
KEY_CRITERION_LOW = DEFAULT_RULE_SETTINGS["key_criterion_low"]


def key_low(c: Candidate, task: Task) -> tuple[float, str] | None:
    """(score, criteria) when ``c`` scored :data:`KEY_CRITERION_LOW` or less on a key criterion of
    ``task`` (``low-key-criterion`` says it; the pick and the Ranking leave them out)."""
    if not task.key_criteria or c.interview is None or not c.interview.scores:
        return None
    scores = {fold(k): (k, v) for k, v in c.interview.scores.items()}
    got = [scores[fold(k)] for k in task.key_criteria if fold(k) in scores]
    if not got:
        return None
    low = min(v for _, v in got)
    if low > KEY_CRITERION_LOW:
        return None
    return low, name_list([k for k, v in got if v == low], shown=len(got))


#: A deadline this many days away (or fewer) is no time to look for more candidates.
CHOICE_DAYS = 21
#: An interview average (scores 1-5) from which a clearly best candidate is a front-runner.
FRONT_RUNNER_SCORE = 4.0


def choice_ready(task: Task, ctx: Context, human_work: bool = False) -> bool:
    """The task has enough to choose from, so advice to shortlist or invite more rests: the
    deadline is :data:`CHOICE_DAYS` days away or fewer and someone still in the running (not ruled
    out) fits the budget with fees (within 5%). (A front-runner interviewed well is the next
    steps' decision, :mod:`advisor.advice.decide`, which already settles the screening advice.)"""
    cands = [c for c in task.candidates if c.status in ("applied", "shortlisted", "interviewed")
             and not ruled_out(said_by(c, ctx), c, task, human_work, ctx.no_escrow)]
    if task.deadline is None or task.budget is None or not 0 <= (task.deadline - ctx.today).days <= CHOICE_DAYS:
        return False
    for c in cands:
        price = c.price(task)
        if price is None:
            continue
        fee = ctx.fee(c.marketplace) if c.marketplace else (0.0, 0.0)
        cost = price if fee is None else price + price * fee[0] / 100.0 + (fee[1] if task.pricing == "fixed" else 0.0)
        if cost <= task.budget * 1.05:
            return True
    return False


def live_bids(task: Task, phrases: PhraseMatcher | None = None,
              no_escrow: frozenset[str] = frozenset()) -> list[float]:
    """The prices still in play, before fees: not a rejected candidate's, nor one the advice rules
    out (:func:`exclusions`)."""
    out = exclusions(task, phrases, no_escrow)
    return [num(p) for c in task.candidates
            if c.status != "rejected" and c.id not in out and (p := c.price(task)) is not None]


def bid_median(task: Task, phrases: PhraseMatcher | None = None,
               no_escrow: frozenset[str] = frozenset()) -> float | None:
    """The median of the live bids (:func:`live_bids`), both sides before fees: the one median the
    price findings (``task.price_median``) and the Ranking's "under/over the median" use."""
    prices = live_bids(task, phrases, no_escrow)
    return statistics.median(prices) if prices else None


def _red_flag_fields(f: Fact, c: Candidate, task: Task, ctx: Context, hired: bool,
                     human_work: bool = False) -> None:
    found = said_by(c, ctx)
    cats = [x for x in said_categories(found, c, ctx.no_escrow) if x in CANDIDATE_CATEGORIES]
    f["red_flags"] = ",".join(cats)
    for cat in CANDIDATE_CATEGORIES:
        f[f"red_flag_{cat}"] = cat in cats
        _put(f, f"said_{cat}", found.quote(cat))
    _put(f, "red_flag_phrases", ", ".join(q for q in map(found.quote, cats) if q) or None)
    f["red_flag_drop"] = bool(ruled_out(found, c, task, human_work, ctx.no_escrow))
    # who advice about the person still reaches, in one candidate field (a rule that reads it needs
    # no task condition for it: fewer engine patterns, of which durable-rules allows 64 a fact type)
    f["in_play"] = c.status == "hired" or (c.status in ("applied", "shortlisted", "interviewed")
                                           and not hired)
    said = found.quote("off_platform")
    f["off_platform_said"] = f" (their words: {said})" if said else ""


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
    _copy_straight(f, c, "candidate")
    _put(f, "proven_why", proven_why(c))
    budget = task.budget
    if price is not None and budget is not None and price > budget:
        _put(f, "budget_gap", price - budget)
        if budget > 0:
            _put(f, "budget_gap_percent", round(100 * (price - budget) / budget, 1))
    fee = ctx.fee(c.marketplace)
    if fee is not None:
        percent, fixed = fee
        _put(f, "fee_percent", percent)
        _put(f, "fee_fixed", fixed)
        if price is not None:
            # a fixed fee is per contract: it counts against a fixed price, not against an hourly rate
            fees = price * percent / 100.0 + (fixed if task.pricing == "fixed" else 0.0)
            _put(f, "fees", fees)
            _put(f, "price_with_fees", price + fees)
            if budget is not None and price + fees > budget:
                _put(f, "fees_gap", price + fees - budget)  # what the budget is short by, fee included
    if price is not None:
        # the cost to the business: the price with the marketplace's fee when it is known
        cost = f.get("price_with_fees", price)
        _put(f, "cost", cost)
        f["cost_words"] = " with fees" if "price_with_fees" in f else " before fees"
        if budget is not None and cost > budget:
            _put(f, "cost_gap", cost - budget)
            if budget > 0:
                _put(f, "cost_gap_percent", round(100 * (cost - budget) / budget, 1))
    _buyer_candidate_fields(f, c, task, ctx)
    if c.status == "hired":
        _put(f, "person_quality_score", ctx.person_quality.get(person))
    if c.status == "hired" and task.status not in CLOSED_STATUSES:
        load = ctx.people.get(person)
        if load is not None:
            f["person_open_hires"] = load.open_hires
            f["person_critical_hires"] = load.critical_hires
            f["person_first"] = load.first_task == task.id
            f["person_tasks"] = load.titles
            f["person_first_sensitive"] = load.first_sensitive == task.id


def _buyer_candidate_fields(f: Fact, c: Candidate, task: Task, ctx: Context) -> None:
    """An agency's named people, the marketplace's escrow and reviews, where a deposit would be
    paid, when they can start against the deadline, and their scores on the task's key criteria
    (issue 22)."""
    f["named_people_count"] = len(c.named_people)
    if c.named_people:
        f["named_people"] = ",".join(c.named_people)
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
    if c.available_from is not None:
        f["available_from"] = c.available_from.isoformat()
        if task.deadline is not None:
            start = max(c.available_from, ctx.today)
            left = (task.deadline - start).days
            f["available_days_left"] = left
            if left < 0:
                f["available_too_late"] = True
                f["available_words"] = (f"from {c.available_from.isoformat()}, after the deadline "
                                        f"({task.deadline.isoformat()})")
            elif task.hours is not None and left * ctx.hours_per_day < task.hours:
                f["available_too_late"] = True
                f["available_words"] = (f"from {c.available_from.isoformat()}, {left} day(s) before the deadline "
                                        f"({task.deadline.isoformat()}): about {num(left * ctx.hours_per_day):g} "
                                        f"of the {num(task.hours):g} hours needed")
            else:
                f["available_too_late"] = False
    if task.key_criteria and c.interview is not None and c.interview.scores:
        scores = {fold(k): (k, v) for k, v in c.interview.scores.items()}
        got = [scores[fold(k)] for k in task.key_criteria if fold(k) in scores]
        if got:
            low = min(v for _, v in got)
            f["key_score_min"] = low
            f["key_score_low_names"] = name_list([k for k, v in got if v == low], shown=len(got))
            f["key_scores"] = ", ".join(f"{k} {v}/5" for k, v in sorted(got, key=lambda kv: kv[1]))


def plan_facts(plan: Plan, settings: Mapping[str, Any] | None = None, today: date | None = None) -> dict[Key, Fact]:
    """Every fact of a plan, keyed by (type, id)."""
    ctx = context(plan, settings, today)
    out: dict[Key, Fact] = {BUSINESS_KEY: business_fact(plan, ctx.today)}
    for task in plan.tasks:
        tf, cfs = task_facts(task, ctx)
        out[("task", task.id)] = tf
        for cf in cfs:
            out[("candidate", cf["id"])] = cf
    return out


def neutral(kind: str, key: str = "x", task: str = "t") -> Fact:
    """A fact of ``kind`` with neutral defaults, for rule examples that leave it out."""
    if kind == "business":
        return {"_t": "business", "id": "business", "name": "Example business", "currency": "USD",
                "completed_jobs": 5, "experience": 5, "posted_tasks": 1, "posted_marketplaces": 2, "tasks": 1,
                "open_tasks": 1, "tasks_hiring": 0, "critical_open_tasks": 0, "tasks_in_motion": 0,
                "working_hours": DEFAULT_HOURS, "tasks_due_soon": 0}
    if kind == "task":
        return {"_t": "task", "id": task, "title": "Example task", "description": "", "size": "minor",
                "critical": False, "skills": "", "pricing": "fixed", "status": "draft", "marketplaces": "",
                "acceptance": "", "has_acceptance": False, "skills_count": 0, "marketplaces_count": 0,
                "candidates": 0, "shortlisted": 0, "hired": 0, "rejected": 0, "interviewed": 0,
                "rate_samples": 0, "rate_marketplaces": 0, "criteria_sets": 0, "sensitive_data": False,
                "creates_ip": False, "milestones": 0, "openings": 1, "applied": 0,
                "trials_planned": 0, "trials_passed": 0, "proven_candidates": 0, "to_interview": 0, "proven_within_budget": 0, "choice_ready": False, "bids": 0, "price_unit": "",
                "collaboration": "async", "offer_candidates": 0, "offer_ip_unsigned": 0, "offer_nda_unsigned": 0,
                "human_work": False, "specialist_firm": False, "interviewed_live": 0}
    return {"_t": "candidate", "id": key, "task": task, "name": "Example candidate", "status": "applied",
            "reject_reason": "", "notes": "", "interviewed": False, "cheapest": False,
            "person": "example candidate@", "past_jobs_with_us": 0, "agreements": "", "has_nda": False,
            "has_ip_assignment": False, "trial": "none", "off_platform": False, "review_left": False,
            "proven": False, "working_hours": DEFAULT_HOURS, "person_nda": False,
            "red_flags": "", "red_flag_drop": False, "off_platform_said": "", "in_play": True,
            **{f"red_flag_{c}": False for c in CANDIDATE_CATEGORIES}}


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
