"""The plan: typed records for one business's outsourcing round, and their validation.

Validation lives here, not in the loaders, so that a plan file, a CSV row, a form in the app and
the workspace all refuse the same bad values with the same message. Each check raises
:class:`~advisor.errors.PlanError` naming the field (``tasks[logo].candidates[ana].rating``).

``version`` and ``id`` of stored rows are bookkeeping of the workspace (optimistic concurrency,
row ids): they are not part of a plan's meaning and do not take part in equality.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Iterable, Iterator

from advisor.plan.currency import is_currency
from advisor.errors import PlanError
from advisor.text import fold  # noqa: F401  (the plan's one way to compare text)

SIZES = ("minor", "moderate", "major")
PRICINGS = ("fixed", "hourly")
TASK_STATUSES = ("draft", "posted", "hiring", "hired", "done", "cancelled")
CANDIDATE_STATUSES = ("applied", "shortlisted", "interviewed", "hired", "rejected")
#: Task statuses in which the task has been put in front of freelancers.
POSTED_STATUSES = ("posted", "hiring", "hired", "done")
#: Candidate statuses that count as "on the shortlist".
SHORTLIST_STATUSES = ("shortlisted", "interviewed", "hired")
#: Task statuses that are over: no more advice about choices still to make.
CLOSED_STATUSES = ("done", "cancelled")
#: What a candidate may have signed (``agreements``).
AGREEMENTS = ("nda", "ip-assignment")
#: A paid trial task's state (``trial``).
TRIALS = ("none", "planned", "passed", "failed")
#: How the work is done (``collaboration``): on its own and delivered (``async``), with some
#: shared hours a day for calls and questions (``overlap``), or during the business's own hours
#: (``live``: answering calls, moderating, reception).
COLLABORATIONS = ("async", "overlap", "live")
#: Working hours when none are given: 09:00-17:00 local time.
DEFAULT_HOURS = "09:00-17:00"
HOURS_RE = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])$")

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
MAX_TEXT = 10_000
_NEWLINES = re.compile(r"\r\n?")
MAX_NAME = 200
MAX_MONEY = 1e9
MAX_COUNT = 10_000_000
#: Candidates in one plan (all tasks): what `check` handles within its memory budget.
MAX_CANDIDATES = 100_000
#: Tasks in one plan: each is a fact joined by every task rule (measured: `check` of 20,000 tasks
#: took 16 s and 550 MB; 300,000 grew past 5.8 GB until the engine crashed).
MAX_TASKS = 10_000
#: The smallest non-zero number a field takes: a subnormal (``5e-324``) divided into a budget is
#: infinite, which the engine refuses (the whole task's advice was lost).
SMALLEST = 1e-4
#: The smallest non-zero estimate of hours (36 seconds): budget / hours stays far below 1e15.
MIN_HOURS = 0.01


# --------------------------------------------------------------------------- field checks

def check_text(value: Any, fld: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise PlanError(f"must be text, not {_kind(value)}", field=fld)
    if "\r" in value:  # one newline convention, so text survives every file format unchanged
        value = _NEWLINES.sub("\n", value)
    if required and not value.strip():
        raise PlanError("must not be empty", field=fld)
    if len(value) > limit:
        raise PlanError(f"is {len(value)} characters long; the limit is {limit}", field=fld)
    return value


def check_id(value: Any, fld: str) -> str:
    if not isinstance(value, str):
        raise PlanError(f"must be text, not {_kind(value)}", field=fld)
    if not ID_RE.match(value):
        raise PlanError(
            f"{value[:70]!r} is not a valid id: use 1-64 letters, digits, '-', '_' or '.', "
            "starting with a letter or digit",
            field=fld,
        )
    return value


def check_number(value: Any, fld: str, *, low: float | None = 0.0, high: float | None = None,
                 optional: bool = True, smallest: float = SMALLEST) -> float | None:
    """A finite number in ``[low, high]``, and 0 or at least ``smallest`` in size."""
    if value is None:
        if optional:
            return None
        raise PlanError("is required", field=fld)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PlanError(f"must be a number, not {_kind(value)}", field=fld)
    try:
        value = float(value) + 0.0  # -0.0 becomes 0.0: SQLite and people do not tell them apart
    except OverflowError:  # an integer too big for a float (TOML allows any length)
        limit = _fmt(high) if high is not None else "1e+308"
        raise PlanError(f"must be at most {limit}, not a number with hundreds of digits", field=fld) from None
    if math.isnan(value) or math.isinf(value):
        raise PlanError("must be a finite number", field=fld)
    if low is not None and value < low:
        raise PlanError(f"must be at least {_fmt(low)}, not {_fmt(value)}", field=fld)
    if high is not None and value > high:
        raise PlanError(f"must be at most {_fmt(high)}, not {_fmt(value)}", field=fld)
    if value and abs(value) < smallest:
        raise PlanError(f"must be 0 or at least {_fmt(smallest)} in size, not {_fmt(value)}", field=fld)
    return value


def check_int(value: Any, fld: str, *, low: int | None = 0, high: int | None = MAX_COUNT,
              optional: bool = True) -> int | None:
    if value is None:
        if optional:
            return None
        raise PlanError("is required", field=fld)
    if isinstance(value, float) and value.is_integer() and not isinstance(value, bool):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        shown = f"{value:g}" if isinstance(value, float) and not isinstance(value, bool) else _kind(value)
        raise PlanError(f"must be a whole number, not {shown}", field=fld)
    if low is not None and value < low:
        raise PlanError(f"must be at least {low}, not {value}", field=fld)
    if high is not None and value > high:
        raise PlanError(f"must be at most {high}, not {value}", field=fld)
    return value


def check_bool(value: Any, fld: str) -> bool:
    if not isinstance(value, bool):
        raise PlanError(f"must be true or false, not {_kind(value)}", field=fld)
    return value


def check_choice(value: Any, fld: str, choices: tuple[str, ...]) -> str:
    if value not in choices or not isinstance(value, str):
        raise PlanError(f"must be one of {', '.join(choices)}; got {_short(value)}", field=fld)
    return value


def check_hours(value: Any, fld: str) -> str | None:
    """Working hours ``HH:MM-HH:MM`` in local time (``22:00-06:00`` crosses midnight); None:
    not stated. The two ends differ; a whole day is ``00:00-24:00``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PlanError(f"must be working hours like \"09:00-17:00\", not {_kind(value)}", field=fld)
    text = value.strip().replace(" ", "")
    m = HOURS_RE.match(text)
    if not m or int(m.group(1)) * 60 + int(m.group(2)) > 1440 or int(m.group(3)) * 60 + int(m.group(4)) > 1440:
        raise PlanError(f"must be working hours like \"09:00-17:00\" (24-hour clock), not {_short(value)}",
                        field=fld)
    start, end = hours_window(text)
    if start % 1440 == end % 1440 and not (start == 0 and end == 1440):
        raise PlanError(f"starts and ends at the same time ({_short(value)}); a whole day is \"00:00-24:00\"",
                        field=fld)
    return text


def hours_window(text: str) -> tuple[int, int]:
    """``HH:MM-HH:MM`` (checked by :func:`check_hours`) as (start, end) minutes after local
    midnight, end > start (``22:00-06:00`` is (1320, 1800))."""
    m = HOURS_RE.match(text)
    assert m is not None
    start = int(m.group(1)) * 60 + int(m.group(2))
    end = int(m.group(3)) * 60 + int(m.group(4))
    if end <= start:
        end += 1440
    return start, end


def check_date(value: Any, fld: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PlanError(f"must be a date like 2026-12-31, not {_short(value)}", field=fld) from None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    raise PlanError(f"must be a date like 2026-12-31, not {_kind(value)}", field=fld)


def check_str_list(value: Any, fld: str, *, limit: int = 100) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise PlanError(f"must be a list of text, not {_kind(value)}", field=fld)
    if len(value) > limit:
        raise PlanError(f"has {len(value)} entries; the limit is {limit}", field=fld)
    out: list[str] = []
    for i, item in enumerate(value):
        item = check_text(item, f"{fld}[{i}]", required=True, limit=MAX_NAME)
        if item in out:
            raise PlanError(f"lists {item!r} twice", field=fld)
        out.append(item)
    return out


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, time):
        return "a time of day"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fmt(x: float) -> str:
    return f"{x:g}"




def person_key(name: str, marketplace: str | None) -> str:
    """The same person on several tasks: folded name plus folded marketplace (two people with the
    same name on different marketplaces are different people)."""
    return f"{fold(name)}@{fold(marketplace or '')}"


# --------------------------------------------------------------------------- records

@dataclass
class Business:
    name: str = "My business"
    currency: str = "USD"
    completed_jobs: int = 0
    #: The owner's time zone (hours from UTC); None: the config's ``owner_utc_offset``, if set.
    utc_offset: float | None = None
    #: The business's working hours, local time (``HH:MM-HH:MM``); None: 09:00-17:00.
    working_hours: str | None = None
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "business") -> "Business":
        self.name = check_text(self.name, f"{where}.name", required=True, limit=MAX_NAME)
        if not isinstance(self.currency, str) or not CURRENCY_RE.match(self.currency) or not is_currency(self.currency):
            raise PlanError(
                f"must be a 3-letter ISO currency code such as USD or EUR, not {_short(self.currency)}",
                field=f"{where}.currency",
            )
        self.completed_jobs = check_int(self.completed_jobs, f"{where}.completed_jobs", optional=False)
        self.utc_offset = check_number(self.utc_offset, f"{where}.utc_offset", low=-12.0, high=14.0)
        self.working_hours = check_hours(self.working_hours, f"{where}.working_hours")
        return self


@dataclass
class Marketplace:
    """A marketplace; a fee of None is unknown (named by a task or candidate, not entered yet),
    never taken as 0."""

    name: str
    fee_percent: float | None = None
    fee_fixed: float | None = None
    notes: str = ""
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "marketplace") -> "Marketplace":
        self.name = check_text(self.name, f"{where}.name", required=True, limit=MAX_NAME)
        self.fee_percent = check_number(self.fee_percent, f"{where}.fee_percent", high=100.0)
        self.fee_fixed = check_number(self.fee_fixed, f"{where}.fee_fixed", high=MAX_MONEY)
        self.notes = check_text(self.notes, f"{where}.notes")
        return self

    @property
    def fees_known(self) -> bool:
        """Both fees entered (a fee left empty beside a known one counts as 0)."""
        return self.fee_percent is not None or self.fee_fixed is not None

    def fee_on(self, amount: float) -> float | None:
        """Client-side fee the marketplace adds to a payment of ``amount``; None while unknown."""
        if not self.fees_known:
            return None
        return amount * (self.fee_percent or 0.0) / 100.0 + (self.fee_fixed or 0.0)


@dataclass
class RateObservation:
    skill: str
    hourly: float
    marketplace: str | None = None
    note: str = ""
    date: date | None = None
    id: int | None = field(default=None, compare=False)
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "rate") -> "RateObservation":
        self.skill = check_text(self.skill, f"{where}.skill", required=True, limit=MAX_NAME)
        self.hourly = check_number(self.hourly, f"{where}.hourly", high=MAX_MONEY, optional=False)
        if self.marketplace is not None:
            self.marketplace = check_text(self.marketplace, f"{where}.marketplace", required=True, limit=MAX_NAME)
        self.note = check_text(self.note, f"{where}.note")
        self.date = check_date(self.date, f"{where}.date")
        return self


@dataclass
class Interview:
    date: date | None = None
    scores: dict[str, int] = field(default_factory=dict)
    notes: str = ""

    def validate(self, where: str = "interview") -> "Interview":
        self.date = check_date(self.date, f"{where}.date")
        if not isinstance(self.scores, dict):
            raise PlanError(f"must be a table of criterion = score, not {_kind(self.scores)}",
                            field=f"{where}.scores")
        if len(self.scores) > 50:
            raise PlanError(f"has {len(self.scores)} criteria; the limit is 50", field=f"{where}.scores")
        clean: dict[str, int] = {}
        for name, score in self.scores.items():
            check_text(name, f"{where}.scores", required=True, limit=MAX_NAME)
            clean[name] = check_int(score, f"{where}.scores.{name}", low=1, high=5, optional=False)
        self.scores = clean
        self.notes = check_text(self.notes, f"{where}.notes")
        return self

    @property
    def average(self) -> float | None:
        return sum(self.scores.values()) / len(self.scores) if self.scores else None


@dataclass
class Candidate:
    id: str
    name: str
    task: str = ""
    marketplace: str | None = None
    hourly: float | None = None
    bid: float | None = None
    rating: float | None = None
    reviews: int | None = None
    jobs: int | None = None
    job_success: float | None = None
    country: str | None = None
    utc_offset: float | None = None
    status: str = "applied"
    reject_reason: str = ""
    notes: str = ""
    interview: Interview | None = None
    #: Jobs this person already finished for this business (a proven freelancer when >= 1).
    past_jobs_with_us: int = 0
    #: What was signed: a subset of :data:`AGREEMENTS`, in that order.
    agreements: list[str] = field(default_factory=list)
    #: A paid trial task: one of :data:`TRIALS`.
    trial: str = "none"
    #: Asked to talk or be paid outside the marketplace.
    off_platform: bool = False
    #: The owner left a review after the job.
    review_left: bool = False
    #: Their working hours, their local time (``HH:MM-HH:MM``); None: 09:00-17:00.
    working_hours: str | None = None
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "candidate") -> "Candidate":
        self.id = check_id(self.id, f"{where}.id")
        self.name = check_text(self.name, f"{where}.name", required=True, limit=MAX_NAME)
        if self.task:
            self.task = check_id(self.task, f"{where}.task")
        if self.marketplace is not None:
            self.marketplace = check_text(self.marketplace, f"{where}.marketplace", required=True, limit=MAX_NAME)
        self.hourly = check_number(self.hourly, f"{where}.hourly", high=MAX_MONEY)
        self.bid = check_number(self.bid, f"{where}.bid", high=MAX_MONEY)
        self.rating = check_number(self.rating, f"{where}.rating", high=5.0)
        self.reviews = check_int(self.reviews, f"{where}.reviews")
        self.jobs = check_int(self.jobs, f"{where}.jobs")
        self.job_success = check_number(self.job_success, f"{where}.job_success", high=100.0)
        if self.country is not None:
            self.country = check_text(self.country, f"{where}.country", required=True, limit=MAX_NAME)
        self.utc_offset = check_number(self.utc_offset, f"{where}.utc_offset", low=-12.0, high=14.0)
        self.status = check_choice(self.status, f"{where}.status", CANDIDATE_STATUSES)
        self.reject_reason = check_text(self.reject_reason, f"{where}.reject_reason")
        self.notes = check_text(self.notes, f"{where}.notes")
        if self.interview is not None:
            if not isinstance(self.interview, Interview):
                raise PlanError("must be a table", field=f"{where}.interview")
            self.interview.validate(f"{where}.interview")
        self.past_jobs_with_us = check_int(self.past_jobs_with_us, f"{where}.past_jobs_with_us", optional=False)
        agreements = check_str_list(self.agreements, f"{where}.agreements", limit=len(AGREEMENTS))
        for a in agreements:
            if a not in AGREEMENTS:
                raise PlanError(f"{_short(a)} is not an agreement; use {' or '.join(map(repr, AGREEMENTS))}",
                                field=f"{where}.agreements")
        self.agreements = [a for a in AGREEMENTS if a in agreements]
        self.trial = check_choice(self.trial, f"{where}.trial", TRIALS)
        self.off_platform = check_bool(self.off_platform, f"{where}.off_platform")
        self.review_left = check_bool(self.review_left, f"{where}.review_left")
        self.working_hours = check_hours(self.working_hours, f"{where}.working_hours")
        return self

    @property
    def person(self) -> str:
        """Who this is across tasks: :func:`person_key` of name and marketplace."""
        return person_key(self.name, self.marketplace)

    def price(self, task: "Task") -> float | None:
        """What this candidate costs, in the task's pricing: the bid for a fixed-price task, the
        hourly rate for an hourly one, falling back to the other (bid = hourly x task hours)."""
        if task.pricing == "fixed":
            if self.bid is not None:
                return self.bid
            if self.hourly is not None and task.hours is not None:
                return self.hourly * task.hours
            return None
        if self.hourly is not None:
            return self.hourly
        if self.bid is not None and task.hours:
            return self.bid / task.hours
        return None


@dataclass
class Task:
    id: str
    title: str
    description: str = ""
    size: str = "minor"
    critical: bool = False
    skills: list[str] = field(default_factory=list)
    pricing: str = "fixed"
    budget: float | None = None
    hours: float | None = None
    status: str = "draft"
    marketplaces: list[str] = field(default_factory=list)
    deadline: date | None = None
    acceptance: str = ""
    #: The freelancer will see client records, credentials, money or personal data.
    sensitive_data: bool = False
    #: The work product must belong to the business (logo, code, text, design).
    creates_ip: bool = False
    #: Payment milestones agreed.
    milestones: int = 0
    #: Weekly hours limit on an hourly contract (None: no cap agreed).
    weekly_cap: float | None = None
    #: How many people this task hires.
    openings: int = 1
    #: How the work is done: one of :data:`COLLABORATIONS` (default ``async``: a deliverable).
    collaboration: str = "async"
    #: Hours a day the work needs together (overlap / live); None: ``min_overlap_hours`` for
    #: overlap work, the business's whole working day for live work.
    overlap_hours: float | None = None
    candidates: list[Candidate] = field(default_factory=list)
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "task", *, with_candidates: bool = True) -> "Task":
        self.id = check_id(self.id, f"{where}.id")
        self.title = check_text(self.title, f"{where}.title", required=True, limit=MAX_NAME)
        self.description = check_text(self.description, f"{where}.description")
        self.size = check_choice(self.size, f"{where}.size", SIZES)
        self.critical = check_bool(self.critical, f"{where}.critical")
        self.skills = check_str_list(self.skills, f"{where}.skills")
        self.pricing = check_choice(self.pricing, f"{where}.pricing", PRICINGS)
        self.budget = check_number(self.budget, f"{where}.budget", high=MAX_MONEY)
        self.hours = check_number(self.hours, f"{where}.hours", high=100_000.0, smallest=MIN_HOURS)
        self.status = check_choice(self.status, f"{where}.status", TASK_STATUSES)
        self.marketplaces = check_str_list(self.marketplaces, f"{where}.marketplaces")
        self.deadline = check_date(self.deadline, f"{where}.deadline")
        self.acceptance = check_text(self.acceptance, f"{where}.acceptance")
        self.sensitive_data = check_bool(self.sensitive_data, f"{where}.sensitive_data")
        self.creates_ip = check_bool(self.creates_ip, f"{where}.creates_ip")
        self.milestones = check_int(self.milestones, f"{where}.milestones", high=1000, optional=False)
        self.weekly_cap = check_number(self.weekly_cap, f"{where}.weekly_cap", high=168.0)
        self.openings = check_int(self.openings, f"{where}.openings", low=1, high=1000, optional=False)
        self.collaboration = check_choice(self.collaboration, f"{where}.collaboration", COLLABORATIONS)
        self.overlap_hours = check_number(self.overlap_hours, f"{where}.overlap_hours", high=24.0)
        if with_candidates:
            for i, cand in enumerate(self.candidates):
                if cand.task and cand.task != self.id:
                    raise PlanError(f"belongs to task {cand.task!r}, not {self.id!r}",
                                    field=f"{where}.candidates[{i}].task")
                cand.task = self.id
                cand.validate(f"{where}.candidates[{i}]")
        return self

    @property
    def effective_rate(self) -> float | None:
        """The hourly rate the budget pays: the budget itself for hourly work, budget / hours for
        a fixed price."""
        if self.budget is None:
            return None
        if self.pricing == "hourly":
            return self.budget
        if self.hours:
            return self.budget / self.hours
        return None

    @property
    def estimated_cost(self) -> float | None:
        """The total the task should cost before fees: budget, or rate x hours when hourly."""
        if self.budget is None:
            return None
        if self.pricing == "fixed":
            return self.budget
        return self.budget * self.hours if self.hours is not None else None


@dataclass
class Suppression:
    """An acknowledged finding: the owner has seen it and decided, with a reason."""

    rule: str
    reason: str
    task: str | None = None
    candidate: str | None = None
    until: date | None = None

    def validate(self, where: str = "suppression") -> "Suppression":
        self.rule = check_text(self.rule, f"{where}.rule", required=True, limit=MAX_NAME)
        self.reason = check_text(self.reason, f"{where}.reason", required=True)
        if self.task is not None:
            self.task = check_id(self.task, f"{where}.task")
        if self.candidate is not None:
            self.candidate = check_id(self.candidate, f"{where}.candidate")
        self.until = check_date(self.until, f"{where}.until")
        return self

    def active(self, today: date) -> bool:
        return self.until is None or today <= self.until

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.rule, self.task, self.candidate)


@dataclass
class Plan:
    business: Business = field(default_factory=Business)
    marketplaces: list[Marketplace] = field(default_factory=list)
    rates: list[RateObservation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)

    def validate(self) -> "Plan":
        """Check every record and the links between them; raise the first problem found."""
        self.business.validate("business")
        seen_markets: set[str] = set()
        for i, m in enumerate(self.marketplaces):
            m.validate(f"marketplaces[{i}]")
            if m.name in seen_markets:
                raise PlanError(f"duplicate marketplace {m.name!r}", field=f"marketplaces[{i}].name")
            seen_markets.add(m.name)
        for i, r in enumerate(self.rates):
            r.validate(f"rates[{i}]")
        if len(self.tasks) > MAX_TASKS:
            raise PlanError(f"has {len(self.tasks):,} tasks; a plan may hold at most {MAX_TASKS:,}",
                            field="tasks", hint="split the plan, or delete finished tasks")
        total = sum(len(t.candidates) for t in self.tasks)
        if total > MAX_CANDIDATES:
            raise PlanError(f"has {total:,} candidates; a plan may hold at most {MAX_CANDIDATES:,}",
                            field="tasks", hint="split the plan, or remove rejected candidates")
        task_ids: set[str] = set()
        cand_ids: set[str] = set()
        for i, t in enumerate(self.tasks):
            t.validate(f"tasks[{i}]")
            if t.id in task_ids:
                raise PlanError(f"duplicate task id {t.id!r}", field=f"tasks[{i}].id")
            task_ids.add(t.id)
            for j, c in enumerate(t.candidates):
                if c.id in cand_ids:
                    raise PlanError(f"duplicate candidate id {c.id!r} (candidate ids are unique in a plan)",
                                    field=f"tasks[{i}].candidates[{j}].id")
                cand_ids.add(c.id)
        for i, s in enumerate(self.suppressions):
            s.validate(f"suppressions[{i}]")
            if s.task is not None and s.task not in task_ids:
                raise PlanError(f"names task {s.task!r}, which does not exist", field=f"suppressions[{i}].task")
            if s.candidate is not None and s.candidate not in cand_ids:
                raise PlanError(f"names candidate {s.candidate!r}, which does not exist",
                                field=f"suppressions[{i}].candidate")
        return self

    # ------------------------------------------------------------------ look-ups

    def task(self, task_id: str) -> Task:
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise PlanError(f"there is no task {task_id!r}", field="task")

    def candidates(self) -> Iterator[Candidate]:
        for t in self.tasks:
            yield from t.candidates

    def candidate(self, candidate_id: str) -> Candidate:
        for c in self.candidates():
            if c.id == candidate_id:
                return c
        raise PlanError(f"there is no candidate {candidate_id!r}", field="candidate")

    def marketplace(self, name: str) -> Marketplace | None:
        for m in self.marketplaces:
            if m.name == name:
                return m
        return None

    def tasks_done(self) -> int:
        return sum(1 for t in self.tasks if t.status == "done")

    def experience(self) -> int:
        """Jobs this business has outsourced: those before this workspace
        (``business.completed_jobs``) and its tasks marked done here. The one count the rules
        read (``business.experience``), ``summary`` and the app show."""
        return (self.business.completed_jobs or 0) + self.tasks_done()

    def rates_for(self, skills: Iterable[str]) -> list[RateObservation]:
        wanted = set(skills)
        return [r for r in self.rates if r.skill in wanted]
