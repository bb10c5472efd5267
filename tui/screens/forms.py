"""The record forms: tasks, candidates, rate observations, interviews, the business and
marketplaces. Each gives its fields, its initial values, how a record is built from the
values and how it is saved; :mod:`tui.screens.formbase` does the rest."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from typing import Any, Callable

from textual.content import Content

from advisor.errors import PlanError
from advisor.plan import fields
from advisor.plan.model import (AGREEMENTS, CANDIDATE_STATUSES, COLLABORATIONS, PRICINGS, SIZES, TASK_STATUSES, TRIALS,
                           Candidate, Interview, RateObservation, Task)
from advisor import clock

from ..data import Controller, new_id
from ..widgets.text import lit
from .formbase import Field, FormScreen, blank_or, extra_fields, extra_initial, extra_values

__all__ = ["BusinessForm", "CandidateForm", "Field", "FormScreen", "InterviewForm", "MarketplaceForm", "RateForm",
           "TaskForm"]

#: The agreements select: what was signed, as one comma-joined value ("" = nothing yet).
_SIGNED_NAMES = {"nda": "NDA", "ip-assignment": "IP assignment", "usage-licence": "usage licence"}
_SIGNED = (("nothing signed", ""),) + tuple(
    (" and ".join(_SIGNED_NAMES[a] for a in combo), ",".join(combo))
    for n in range(1, len(AGREEMENTS) + 1) for combo in combinations(AGREEMENTS, n))


# --------------------------------------------------------------------------- task

class TaskForm(FormScreen):
    REUSABLE = True
    RECORD_ATTRS = ("task_rec",)

    def __init__(self, ctl: Controller, task: Task | None) -> None:
        self.task_rec = task
        super().__init__(ctl)

    def title_content(self) -> Content:
        if self.task_rec is None:
            return Content.styled("New task", "bold")
        return Content.assemble(("Edit task ", "bold"), lit(self.task_rec.title))

    def _markets_example(self) -> str:
        """The known marketplaces as the example (every one is a record: the m screen lists them)."""
        names = [m.name for m in self.ctl.plan.marketplaces][:3] or ["Upwork", "Fiverr"]
        return "e.g. " + ", ".join(names)

    def make_fields(self) -> list[Field]:
        return [
            Field("title", "Title"),
            Field("id", "Id", placeholder="from the title", read_only=self.task_rec is not None),
            Field("size", "Size", "select", tuple((s, s) for s in SIZES)),
            Field("critical", "Critical", "bool"),
            Field("skills", "Skills", "list", placeholder="e.g. logo design, branding"),
            Field("pricing", "Pricing", "select", tuple((p, p) for p in PRICINGS)),
            Field("budget", "Budget", "number", placeholder="total, or per hour if hourly"),
            Field("hours", "Hours", "number", placeholder="estimated hours"),
            Field("status", "Status", "select", tuple((s, s) for s in TASK_STATUSES)),
            Field("marketplaces", "Marketplaces", "list", placeholder=self._markets_example()),
            Field("deadline", "Deadline", "date", placeholder="e.g. 2026-12-31"),
            Field("description", "Description"),
            Field("acceptance", "Acceptance", placeholder="what 'done' means"),
            Field("sensitive_data", "Private data", "bool"),
            Field("creates_ip", "IP is ours", "bool"),
            Field("milestones", "Milestones", "int", placeholder="payment milestones agreed"),
            Field("weekly_cap", "Weekly cap", "number", placeholder="hours a week (hourly)"),
            Field("openings", "Openings", "int", placeholder="people to hire (1)"),
            Field("collaboration", "Work is", "select", tuple((c, c) for c in COLLABORATIONS)),
            Field("overlap_hours", "Hours together", "number", placeholder="a day (overlap / live work)"),
            *extra_fields(fields.TASK),
        ]

    def initial(self) -> dict[str, Any]:
        t = self.task_rec or Task(id="", title="")
        return {"title": t.title, "id": t.id, "size": t.size, "critical": t.critical, "skills": t.skills,
                "pricing": t.pricing, "budget": t.budget, "hours": t.hours, "status": t.status,
                "marketplaces": t.marketplaces, "deadline": t.deadline, "description": t.description,
                "acceptance": t.acceptance, "sensitive_data": t.sensitive_data, "creates_ip": t.creates_ip,
                "milestones": t.milestones, "weekly_cap": t.weekly_cap, "openings": t.openings,
                "collaboration": t.collaboration, "overlap_hours": t.overlap_hours, **extra_initial(t, fields.TASK)}

    def build(self, v: dict[str, Any]) -> Task:
        plan = self.ctl.plan
        if self.task_rec is None:
            tid = v["id"].strip() if v["id"] else new_id(v["title"] or "task", (t.id for t in plan.tasks))
            if any(t.id == tid for t in plan.tasks):
                raise PlanError(f"there is already a task {tid!r}", field="task.id")
            base = Task(id=tid, title="")
        else:
            base = self.task_rec
        t = replace(base, title=v["title"], size=v["size"], critical=bool(v["critical"]), skills=v["skills"],
                    pricing=v["pricing"], budget=v["budget"], hours=v["hours"], status=v["status"],
                    marketplaces=v["marketplaces"], deadline=v["deadline"], description=v["description"],
                    acceptance=v["acceptance"], sensitive_data=bool(v["sensitive_data"]),
                    creates_ip=bool(v["creates_ip"]), milestones=blank_or(v["milestones"], 0),
                    weekly_cap=v["weekly_cap"], openings=blank_or(v["openings"], 1),
                    collaboration=v["collaboration"] or "async", overlap_hours=v["overlap_hours"], candidates=[],
                    **extra_values(v, fields.TASK))
        return t.validate(with_candidates=False)

    def persist(self, record: Task) -> Callable[[], Any]:
        return lambda: self.ctl.save_task(record)

    def reload_record(self) -> None:
        if self.task_rec is not None:
            try:
                self.task_rec = self.ctl.task(self.task_rec.id)
            except PlanError:
                self.task_rec = None


# --------------------------------------------------------------------------- candidate

class CandidateForm(FormScreen):
    REUSABLE = True
    RECORD_ATTRS = ("task_rec", "cand")

    def __init__(self, ctl: Controller, task: Task, cand: Candidate | None) -> None:
        self.task_rec = task
        self.cand = cand
        super().__init__(ctl)

    def title_content(self) -> Content:
        if self.cand is None:
            return Content.assemble(("New candidate for ", "bold"), lit(self.task_rec.title))
        return Content.assemble(("Edit candidate ", "bold"), lit(self.cand.name))

    def make_fields(self) -> list[Field]:
        markets = [(m.name, m.name) for m in self.ctl.plan.marketplaces]
        if self.cand is not None and self.cand.marketplace and (self.cand.marketplace,) * 2 not in markets:
            markets.append((self.cand.marketplace, self.cand.marketplace))
        return [
            Field("name", "Name"),
            Field("marketplace", "Marketplace", "select", tuple(markets) + (("(none)", None),)),
            Field("bid", "Bid", "number", placeholder="fixed-price bid"),
            Field("hourly", "Hourly", "number", placeholder="hourly rate"),
            Field("rating", "Rating", "number", placeholder="0-5"),
            Field("reviews", "Reviews", "int"),
            Field("jobs", "Jobs", "int"),
            Field("job_success", "Job success", "number", placeholder="0-100 %"),
            Field("country", "Country"),
            Field("utc_offset", "UTC offset", "number", placeholder="-12 to 14"),
            Field("status", "Status", "select", tuple((s, s) for s in CANDIDATE_STATUSES)),
            Field("past_jobs_with_us", "Jobs with us", "int", placeholder="jobs already done for you"),
            Field("agreements", "Signed", "select", _SIGNED),
            Field("trial", "Paid trial", "select", tuple((t, t) for t in TRIALS)),
            Field("off_platform", "Off-platform", "bool"),
            Field("review_left", "Review left", "bool"),
            Field("notes", "Notes"),
            Field("working_hours", "Works", placeholder="their hours, e.g. 21:00-06:00"),
            *extra_fields(fields.CANDIDATE),
        ]

    def initial(self) -> dict[str, Any]:
        c = self.cand or Candidate(id="", name="", marketplace=(self.task_rec.marketplaces or [None])[0])
        out = {k: getattr(c, k) for k in ("name", "marketplace", "bid", "hourly", "rating", "reviews", "jobs",
                                           "job_success", "country", "utc_offset", "status", "past_jobs_with_us",
                                           "trial", "off_platform", "review_left", "notes")}
        out["working_hours"] = c.working_hours or ""
        out["agreements"] = ",".join(c.agreements)
        out.update(extra_initial(c, fields.CANDIDATE))
        return out

    def build(self, v: dict[str, Any]) -> Candidate:
        if self.cand is None:
            taken = (c.id for c in self.ctl.plan.candidates())
            base = Candidate(id=new_id(v["name"] or "candidate", taken), name="", task=self.task_rec.id)
        else:
            base = self.cand
        c = replace(base, name=v["name"], marketplace=v["marketplace"], bid=v["bid"], hourly=v["hourly"],
                    rating=v["rating"], reviews=v["reviews"], jobs=v["jobs"], job_success=v["job_success"],
                    country=(v["country"] or None), utc_offset=v["utc_offset"], status=v["status"],
                    past_jobs_with_us=blank_or(v["past_jobs_with_us"], 0),
                    agreements=[a for a in (v["agreements"] or "").split(",") if a], trial=v["trial"] or "none",
                    off_platform=bool(v["off_platform"]), review_left=bool(v["review_left"]), notes=v["notes"],
                    working_hours=(v["working_hours"] or "").strip() or None,
                    **extra_values(v, fields.CANDIDATE))
        return c.validate()

    def persist(self, record: Candidate) -> Callable[[], Any]:
        return lambda: self.ctl.save_candidate(record)

    def reload_record(self) -> None:
        if self.cand is not None:
            try:
                self.cand = self.ctl.plan.candidate(self.cand.id)
            except PlanError:
                self.cand = None


# --------------------------------------------------------------------------- rate observation

class RateForm(FormScreen):
    def __init__(self, ctl: Controller, skill: str = "", rate: RateObservation | None = None) -> None:
        self.skill = skill
        self.rate = rate
        super().__init__(ctl)

    def title_content(self) -> Content:
        if self.rate is not None:
            return Content.styled("Edit a going-rate observation", "bold")
        return Content.styled("Add a going-rate observation", "bold")

    def make_fields(self) -> list[Field]:
        names = [m.name for m in self.ctl.plan.marketplaces]
        if self.rate is not None and self.rate.marketplace and self.rate.marketplace not in names:
            names.append(self.rate.marketplace)
        markets = tuple((n, n) for n in names) + (("(none)", None),)
        return [
            Field("skill", "Skill"),
            Field("hourly", "Hourly rate", "number"),
            Field("marketplace", "Marketplace", "select", markets),
            Field("date", "Date", "date"),
            Field("note", "Note", placeholder="where it came from"),
        ]

    def initial(self) -> dict[str, Any]:
        r = self.rate
        if r is not None:
            return {"skill": r.skill, "hourly": r.hourly, "marketplace": r.marketplace,
                    "date": r.date.isoformat() if r.date else "", "note": r.note}
        return {"skill": self.skill, "date": (self.ctl.today or clock.today()).isoformat(),
                "marketplace": None}

    def build(self, v: dict[str, Any]) -> RateObservation:
        return RateObservation(skill=v["skill"], hourly=v["hourly"], marketplace=v["marketplace"],
                               note=v["note"], date=v["date"],
                               id=self.rate.id if self.rate is not None else None,
                               version=self.rate.version if self.rate is not None else 0).validate()

    def persist(self, record: RateObservation) -> Callable[[], Any]:
        return lambda: self.ctl.save_rate(record)

    def reload_record(self) -> None:
        if self.rate is not None:
            self.rate = next((r for r in self.ctl.plan.rates if r.id == self.rate.id), None)


# --------------------------------------------------------------------------- interview

DEFAULT_CRITERIA = ("communication", "quality", "understanding", "reliability")


class InterviewForm(FormScreen):
    """A scorecard: each criterion 1-5 (blank = not scored), notes and the date."""

    def __init__(self, ctl: Controller, cand: Candidate) -> None:
        self.cand = cand
        super().__init__(ctl)

    def title_content(self) -> Content:
        return Content.assemble(("Interview scorecard · ", "bold"), lit(self.cand.name))

    def on_mount(self) -> None:  # the base's on_mount (focus) runs too: Textual calls each class's
        from ..widgets.kit import show_kit

        show_kit(self, self.ctl, self.cand)  # the questions to ask, above the scores

    def on_advice_changed(self, message: Any) -> None:
        """New advice while the form is open: the kit asks what it calls for now."""
        from ..widgets.kit import show_kit

        show_kit(self, self.ctl, self.cand)

    def criteria(self) -> list[str]:
        names = list(DEFAULT_CRITERIA)
        if self.cand.interview:
            for k in self.cand.interview.scores:
                if k not in names:
                    names.append(k)
        return names

    def make_fields(self) -> list[Field]:
        fields = [Field("date", "Date", "date")]
        for name in self.criteria():
            fields.append(Field(f"score_{name}", name.capitalize()[:13], "int", placeholder="1-5, blank = skip"))
        fields.append(Field("other", "Other", placeholder="more criteria, e.g. portfolio=4, price=3"))
        fields.append(Field("notes", "Notes"))
        return fields

    def initial(self) -> dict[str, Any]:
        iv = self.cand.interview or Interview()
        out: dict[str, Any] = {"date": (iv.date or self.ctl.today or clock.today()).isoformat(),
                               "notes": iv.notes}
        for name in self.criteria():
            out[f"score_{name}"] = iv.scores.get(name)
        return out

    def field_of(self, error: PlanError) -> str | None:
        path = error.field or ""
        if ".scores." in path:
            name = path.rsplit(".scores.", 1)[1]
            return f"score_{name}" if f"score_{name}" in {f.name for f in self.fields} else "other"
        if path.endswith(".scores"):
            return "other"
        return super().field_of(error)

    def build(self, v: dict[str, Any]) -> Candidate:
        scores = {k[6:]: val for k, val in v.items() if k.startswith("score_") and val is not None}
        for part in (v.get("other") or "").split(","):
            if not part.strip():
                continue
            name, sep, score = part.partition("=")
            name = name.strip()
            if not sep or not name:
                raise PlanError(f"write each extra criterion as name=score, not {part.strip()!r}",
                                field="interview.other")
            try:
                value = int(score.strip())
            except ValueError:
                raise PlanError(f"{name}: the score must be a whole number 1-5, not {score.strip()!r}",
                                field="interview.other") from None
            if name in scores:
                raise PlanError(f"{name} is scored twice", field="interview.other")
            scores[name] = value
        iv = Interview(date=v["date"], scores=scores, notes=v["notes"]).validate("interview")
        status = "interviewed" if self.cand.status in ("applied", "shortlisted") else self.cand.status
        return replace(self.cand, interview=iv, status=status)

    def persist(self, record: Candidate) -> Callable[[], Any]:
        return lambda: self.ctl.save_candidate(record)

    def reload_record(self) -> None:
        try:
            self.cand = self.ctl.plan.candidate(self.cand.id)
        except PlanError:
            pass


# --------------------------------------------------------------------------- business, marketplace

class BusinessForm(FormScreen):
    def __init__(self, ctl: Controller, *, welcome: bool = False) -> None:
        self.welcome = welcome  #: the first run's greeting (a new, empty workspace)
        super().__init__(ctl)

    def title_content(self) -> Content:
        """The title says the experience the advisor counts: jobs before this workspace plus
        tasks done here (a done task must not leave "0 job(s) outsourced before" on screen)."""
        from advisor.advice.insights import experience_text

        if self.welcome:
            return Content.assemble(("Welcome! Your business first", "bold"),
                                    (" (then your first task; esc skips)", "$text-muted"))
        return Content.assemble(("Your business", "bold"), " · ", (experience_text(self.ctl.plan), "$text-muted"))

    def make_fields(self) -> list[Field]:
        return [
            Field("name", "Name"),
            Field("currency", "Currency", placeholder="e.g. USD, EUR, GBP"),
            Field("completed_jobs", "Jobs before", "int", placeholder="jobs outsourced before this workspace"),
            Field("utc_offset", "UTC offset", "number", placeholder="your time zone, e.g. -5 or 5.5"),
            Field("working_hours", "Hours", placeholder="09:00-17:00"),
            *extra_fields(fields.BUSINESS),
        ]

    def initial(self) -> dict[str, Any]:
        b = self.business = self.ctl.plan.business  # the version this form edits
        return {"name": b.name, "currency": b.currency, "completed_jobs": b.completed_jobs,
                "utc_offset": b.utc_offset, "working_hours": b.working_hours or "", **extra_initial(b, fields.BUSINESS)}

    def build(self, v: dict[str, Any]) -> Any:
        from advisor.plan.model import Business

        return Business(name=v["name"], currency=(v["currency"] or "").strip().upper(),
                        completed_jobs=blank_or(v["completed_jobs"], 0), utc_offset=v["utc_offset"],
                        working_hours=(v["working_hours"] or "").strip() or None,
                        version=self.business.version, **extra_values(v, fields.BUSINESS)).validate()

    def persist(self, record: Any) -> Callable[[], Any]:
        return lambda: self.ctl.save_business(record)

    def reload_record(self) -> None:
        self.business = self.ctl.plan.business


class MarketplaceForm(FormScreen):
    def __init__(self, ctl: Controller, market: Any = None) -> None:
        self.market = market
        super().__init__(ctl)

    def title_content(self) -> Content:
        if self.market is None:
            return Content.styled("New marketplace", "bold")
        return Content.assemble(("Edit marketplace ", "bold"), lit(self.market.name))

    def make_fields(self) -> list[Field]:
        return [
            Field("name", "Name"),
            Field("fee_percent", "Fee %", "number", placeholder="client fee, percent of each payment (empty: unknown)"),
            Field("fee_fixed", "Fee fixed", "number", placeholder="client fee per payment"),
            Field("notes", "Notes"),
        ]

    def initial(self) -> dict[str, Any]:
        m = self.market
        if m is None:
            return {}
        return {"name": m.name, "fee_percent": m.fee_percent, "fee_fixed": m.fee_fixed, "notes": m.notes}

    def build(self, v: dict[str, Any]) -> Any:
        from advisor.plan.model import Marketplace

        name = (v["name"] or "").strip()
        taken = {m.name for m in self.ctl.plan.marketplaces}
        if name in taken and (self.market is None or name != self.market.name):
            raise PlanError(f"there is already a marketplace {name!r}", field="marketplace.name")
        return Marketplace(name=name, fee_percent=v["fee_percent"], fee_fixed=v["fee_fixed"],  # empty: unknown
                           notes=v["notes"], version=self.market.version if self.market is not None else 0
                           ).validate()

    def persist(self, record: Any) -> Callable[[], Any]:
        old = self.market.name if self.market is not None else None
        return lambda: self.ctl.save_marketplace(record, old_name=old)

    def reload_record(self) -> None:
        if self.market is not None:
            self.market = self.ctl.plan.marketplace(self.market.name)
