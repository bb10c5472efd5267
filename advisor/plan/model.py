"""The plan: typed records for one business's outsourcing round, and their validation.

Validation lives here, not in the loaders, so that a plan file, a CSV row, a form in the app and
the workspace all refuse the same bad values with the same message. Each check raises
:class:`~advisor.errors.PlanError` naming the field (``tasks[logo].candidates[ana].rating``).

``version`` and ``id`` of stored rows are bookkeeping of the workspace (optimistic concurrency,
row ids): they are not part of a plan's meaning and do not take part in equality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator

import re

from advisor.plan import fields as _fields
from advisor.errors import PlanError
from advisor.text import fold  # noqa: F401  (the plan's one way to compare text)

from advisor.plan.checks import (  # noqa: F401  (the model's limits and checks, as before)
    SIZES, PRICINGS, TASK_STATUSES, CANDIDATE_STATUSES, POSTED_STATUSES, SHORTLIST_STATUSES,
    CLOSED_STATUSES, AGREEMENTS, TRIALS, COLLABORATIONS, DEFAULT_HOURS, HOURS_RE,
    ID_RE, CURRENCY_RE, MAX_TEXT, _NEWLINES, MAX_NAME, MAX_MONEY,
    MAX_COUNT, MAX_CANDIDATES, MAX_TASKS, SMALLEST, MIN_HOURS, check_text,
    check_id, check_number, check_int, check_bool, check_choice, check_hours,
    hours_window, check_date, check_str_list, _kind, _short, _fmt)


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
    #: The owner's IANA time zone (``Europe/Dublin``); when set, overlap takes its offset on the
    #: day of the advice (daylight saving) instead of ``utc_offset``.
    timezone: str | None = None
    #: The business's working hours, local time (``HH:MM-HH:MM``); None: 09:00-17:00.
    working_hours: str | None = None
    #: How money is written (``de_DE``, ``en_IN``); None: the setting's, else the environment's
    #: (:func:`advisor.plan.money.default_locale`).
    locale: str | None = None
    #: ``"USD=83.2, EUR=90.1"``: one USD is 83.2 of ``currency`` (:func:`advisor.plan.currency.parse_exchange_rates`);
    #: what converts a marketplace's fixed fee in another currency. None: no rates known.
    exchange_rates: str | None = None
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "business") -> "Business":
        _fields.validate(self, _fields.BUSINESS, where)
        return self


@dataclass
class Marketplace:
    """A marketplace; a fee of None is unknown (named by a task or candidate, not entered yet),
    never taken as 0."""

    name: str
    fee_percent: float | None = None
    fee_fixed: float | None = None
    notes: str = ""
    #: Payments held until released (escrow); None: not known.
    escrow: bool | None = None
    #: Reviews from past clients shown; None: not known.
    feedback: bool | None = None
    #: The currency of ``fee_fixed`` (Fiverr's is US dollars); None: the business's.
    fee_currency: str | None = None
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "marketplace") -> "Marketplace":
        _fields.validate(self, _fields.MARKETPLACE, where)
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
        _fields.validate(self, _fields.RATE, where)
        return self


@dataclass
class Interview:
    date: date | None = None
    scores: dict[str, int] = field(default_factory=dict)
    notes: str = ""

    def validate(self, where: str = "interview") -> "Interview":
        _fields.validate(self, _fields.INTERVIEW, where)
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
    #: Their IANA time zone (``Asia/Manila``); when set, it is used instead of ``utc_offset``.
    timezone: str | None = None
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
    #: Who the proposal is from: one of :data:`~advisor.plan.fields.CANDIDATE_KINDS`.
    kind: str = "freelancer"
    #: An agency's people who will do the work, by name.
    named_people: list[str] = field(default_factory=list)
    #: Who is actually doing the work once hired (commit authors, the work diary, timesheets).
    working_people: list[str] = field(default_factory=list)
    #: Once hired on an hourly task: the hours billed (or logged in the work diary) in the last
    #: full week; None: not recorded.
    hours_last_week: float | None = None
    #: Share of the price asked before any work is delivered (percent); None: none asked / not known.
    upfront_percent: float | None = None
    #: The first day they can start; None: not stated.
    available_from: date | None = None
    #: The third-party or pre-existing material (fonts, stock photos, templates, open-source
    #: code, AI-generated assets) they said goes into the work, with each licence; "" : not asked.
    third_party: str = ""
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "candidate") -> "Candidate":
        _fields.validate(self, _fields.CANDIDATE, where)
        return self

    def check_nested(self, name: str, where: str) -> None:
        """The interview, a record of its own (:func:`advisor.plan.fields.validate`)."""
        if self.interview is not None:
            if not isinstance(self.interview, Interview):
                raise PlanError("must be a table", field=where)
            self.interview.validate(where)

    @property
    def person(self) -> str:
        """Who this is across tasks: :func:`person_key` of name and marketplace."""
        return person_key(self.name, self.marketplace)

    def price(self, task: "Task") -> float | None:
        """What this candidate costs, in the task's pricing: the bid for a fixed-price task, the
        hourly rate for an hourly one, falling back to the other (bid = hourly x task hours, or x
        the candidate's own higher estimate in their notes: "I estimate 40 to 45 hours"); on a fixed
        price, plus a part of the job the notes price on top (:func:`advisor.plan.scope.priced_parts`)."""
        if task.pricing == "fixed":  # plus a part the notes price on top ("quoted later at £90")
            from advisor.plan.scope import part_price

            if self.bid is not None:
                return self.bid + part_price(self.notes, task, self.bid)
            if self.hourly is not None and task.hours is not None:
                return self.hourly * max(task.hours, stated_hours(self.notes)) + part_price(self.notes, task)
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
    #: The interview criteria that matter most for this job.
    key_criteria: list[str] = field(default_factory=list)
    #: The systems the freelancer gets an account on (revoked when done).
    access: list[str] = field(default_factory=list)
    #: How the work goes on if the one person doing it stops (files and logins in the business's
    #: accounts, what is documented, a backup person); "" : no plan recorded.
    handover: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    version: int = field(default=0, compare=False)

    def validate(self, where: str = "task", *, with_candidates: bool = True) -> "Task":
        _fields.validate(self, _fields.TASK, where)
        if with_candidates:
            for i, cand in enumerate(self.candidates):
                if cand.task and cand.task != self.id:
                    raise PlanError(f"belongs to task {cand.task!r}, not {self.id!r}",
                                    field=f"{where}.candidates[{i}].task")
                cand.task = self.id
                cand.validate(f"{where}.candidates[{i}]")
        return self

    def check_nested(self, name: str, where: str) -> None:
        """The candidates: checked by :meth:`validate` after the task's own fields."""

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
        _fields.validate(self, _fields.SUPPRESSION, where)
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


#: "I estimate 40 to 45 hours", "it will take about 60 h": an estimate verb, then within a few
#: words a number (or a range) of hours. Bounded repeats only: linear in the notes.
_ESTIMATE = re.compile(r"\b(?:estimat\w{0,4}|expect\w{0,3}|will take|would take|takes|need|needs|calculo|estimo"
                       r"|schätze|оцениваю)\b[^.;\n\d]{0,40}?(\d{1,4}(?:[.,]\d)?)(?:\s*(?:to|-|–|or|a|bis|до)\s*"
                       r"(\d{1,4}(?:[.,]\d)?))?\s*(?:hours|hrs|h|horas|heures|stunden|часов)\b"
                       r"(?!\s*(?:a|per|each|every|/)\s*(?:week|day|month))", re.IGNORECASE)


def stated_range(notes: str | None) -> tuple[float, float] | None:
    """The lowest and highest hours a candidate's notes estimate ("24 to 30 hours"); None for none."""
    found = [float(g.replace(",", ".")) for m in _ESTIMATE.finditer((notes or "")[:4000]) for g in m.groups() if g]
    return (min(found), max(found)) if found else None


def stated_hours(notes: str | None) -> float:
    """The hours a candidate's notes estimate for the work (the top of a range); 0 for none."""
    span = stated_range(notes)
    return span[1] if span else 0.0
