"""What a task's facts depend on beyond the task itself: the :class:`Context` (date, owner's time
zone and hours, fees, going rates, people, settings) and the pure helpers it is built with
(quality criteria, quartiles, working-hour overlap)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from advisor import clock, medians
from advisor.phrases import PhraseMatcher, candidate_matcher
from advisor.plan.fees import fee_table
from advisor.plan.model import DEFAULT_HOURS, Plan, fold, hours_window
from advisor.plan.people import People, PersonLoad, critical_open_tasks, people_of
from advisor.plan.zones import offset_on
from advisor.settings import DEFAULT_RULE_SETTINGS
from advisor.rules.holidays import holiday_window
from advisor.rules.ratecount import observations

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
    #: rates that make a going rate (``min_rate_samples``): the one threshold
    min_rate_samples: int = 3
    #: a bid under this share of the live-bid median is a low bid to question, not a price that fits
    low_bid_ratio: float = 0.6
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
    #: the plan's marketplaces, as written: where a draft naming none of its own would be posted
    market_names: tuple[str, ...] = ()

    #: folded names of the marketplaces known to hold no escrow (:func:`no_escrow_of`)
    no_escrow: frozenset[str] = frozenset()
    #: folded names of the marketplaces known to hold payments in escrow (:func:`escrow_of`)
    escrow: frozenset[str] = frozenset()
    #: a key-criterion score at or under this is a no (the owner's ``key_criterion_low``)
    key_criterion_low: float = float(DEFAULT_RULE_SETTINGS["key_criterion_low"])
    #: critical tasks not done or cancelled (the business's ``critical_open_tasks``), for a hired
    #: person's ``person_all_critical``
    critical_open: int = 0
    #: the next year-end holidays (start, end) and how long after them a deadline still depends on
    #: them (the ``holidays`` and ``holidays_after_days`` settings, :mod:`advisor.rules.holidays`)
    holidays: tuple[date, date] | None = None
    holidays_after: float = float(DEFAULT_RULE_SETTINGS["holidays_after_days"])

    def market(self, marketplace: str | None) -> tuple[bool | None, bool | None]:
        """(escrow, feedback) of a marketplace, matched like a skill; (None, None): not known."""
        return self.markets.get(fold(marketplace), (None, None)) if marketplace else (None, None)
    #: the red-flag phrase lists (built-in plus the config's ``[advisor.phrases]``)
    phrases: PhraseMatcher | None = None
    #: the business's name (a regulated firm says so in it: "Solicitors", "CPA")
    business_name: str = ""
    #: a first-timer's tasks to park while the first one runs (:func:`~advisor.rules.judgements.run_first`;
    #: set by :func:`advisor.rules.facts.facts_context`: judgements reads this module)
    parked: frozenset[str] = frozenset()
    #: task id -> the unfinished task(s) it says it waits for ("can only start once the BIM task is
    #: done": :func:`advisor.rules.facts.waiting_tasks`); the task is held, not tried or hired for
    waits: Mapping[str, str] = field(default_factory=dict, compare=False)
    #: per-run memo of :func:`advisor.rules.judgements.said_by` and :func:`advisor.rules.exclusion.ruled_out_in`: a task's
    #: facts ask about each candidate up to 6 times, and each answer scans the candidate's notes.
    #: Keyed by the record's ``id`` with the record kept beside the answer (records are replaced,
    #: never changed, on an edit; a new Context is made per evaluation). Not compared.
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    #: folded skill -> the observations each rate of ``rates`` stands for (its note's "15 profiles")
    rate_counts: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    def counts_for(self, skills: Iterable[str]) -> tuple[int, ...]:
        """The observations each of :meth:`samples_for` stands for (:mod:`advisor.rules.ratecount`)."""
        out: list[int] = []
        for s in dict.fromkeys(fold(k) for k in skills):
            out.extend(self.rate_counts.get(s, (1,) * len(self.rates.get(s, ()))))
        return tuple(out)

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
    counts: dict[str, list[int]] = {}
    for r in plan.rates:
        rates.setdefault(fold(r.skill), []).append((r.hourly, r.marketplace))
        counts.setdefault(fold(r.skill), []).append(observations(r.note))
    markets: dict[str, tuple[bool | None, bool | None]] = {}
    # unknown fees leave the fee facts out (never 0%); a fixed fee in another currency without
    # its exchange rate is left out of the amounts (advisor/plan/fees.py)
    fees = {k: (t.percent, t.fixed) for k, t in fee_table(plan).items()}
    for m in plan.marketplaces:
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
        rate_counts={k: tuple(v) for k, v in counts.items()},
        quality_names=names,
        people=people.hires,
        critical_open=critical_open_tasks(plan),
        person_quality=people.quality,
        trial_share=_setting_number(settings, "trial_budget_share", 0.1),
        trial_max_hours=_setting_number(settings, "trial_max_hours", 10.0),
        min_rate_samples=int(_setting_number(settings, "min_rate_samples", 3)),
        low_bid_ratio=_setting_number(settings, "low_bid_ratio", 0.6),
        owner_window=hours_window(plan.business.working_hours or DEFAULT_HOURS),
        min_overlap=_setting_number(settings, "min_overlap_hours", 2.0),
        ndas=people.ndas,
        currency=plan.business.currency, locale=plan.business.locale,
        markets=markets, no_escrow=no_escrow_of(plan), escrow=escrow_of(plan), market_names=tuple(m.name for m in plan.marketplaces),
        hours_per_day=_setting_number(settings, "deadline_hours_per_day", 4.0),
        key_criterion_low=_setting_number(settings, "key_criterion_low", float(DEFAULT_RULE_SETTINGS["key_criterion_low"])),
        phrases=candidate_matcher(settings),
        business_name=plan.business.name or "",
        holidays=holiday_window(settings, today, plan.business.timezone),
        holidays_after=_setting_number(settings, "holidays_after_days", float(DEFAULT_RULE_SETTINGS["holidays_after_days"])),
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
    """(p25, median, p75) as ``statistics.quantiles(method="inclusive")`` (:mod:`advisor.medians`);
    one value is all three."""
    if not values:
        return None
    return medians.quartiles(values)


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


overlap_cached = functools.lru_cache(maxsize=4096)(overlap_hours)  # a pure function of its inputs


def hours_there(owner_offset: float, other_offset: float, owner: tuple[int, int]) -> str:
    """The owner's working window in the other person's local time, ``HH:MM-HH:MM``
    (Hawaii's 09:00-17:00 is ``03:00-11:00`` in Manila)."""
    length = owner[1] - owner[0]
    if length >= 1440:
        return "00:00-24:00"
    start = (owner[0] + round((other_offset - owner_offset) * 60)) % 1440
    end = (start + length) % 1440 or 1440
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def no_escrow_of(plan: Plan) -> frozenset[str]:
    """The folded names of the plan's marketplaces known to hold no payments: no escrow, or (escrow
    not stated) no fee at all (a directory: you contract and pay the firm directly)."""
    return frozenset(fold(m.name) for m in getattr(plan, "marketplaces", ())
                     if m.escrow is False or (m.escrow is None and m.fees_known
                                              and not m.fee_percent and not m.fee_fixed))


def escrow_of(plan: Plan) -> frozenset[str]:
    """The folded names of the plan's marketplaces known to hold payments in escrow: a share asked
    up front there is money outside the milestone escrow (:func:`~advisor.rules.exclusion.upfront_counts`)."""
    return frozenset(fold(m.name) for m in getattr(plan, "marketplaces", ()) if m.escrow is True)
