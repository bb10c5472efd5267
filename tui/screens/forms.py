"""Forms for tasks, candidates, rate observations and interviews.

A form validates as you type with the model's own ``validate()``: a bad value is shown under its
field, nothing is saved until every field is right, and Escape on a changed form asks first. The
save runs through the app's ``io`` worker; a :class:`ConflictError` (someone else changed the
record) is shown in the form, and ctrl+r reloads the stored version while keeping what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from advisor.errors import AdvisorError, ConflictError, PlanError
from advisor.plan import fields
from advisor.plan.currency import parse_typed
from advisor.plan.money import locale_of
from advisor.plan.model import (AGREEMENTS, CANDIDATE_STATUSES, COLLABORATIONS, PRICINGS, SIZES, TASK_STATUSES, TRIALS,
                           Candidate, Interview, RateObservation, Task)
from advisor import clock

from ..widgets.footer import KeysFooter
from ..actions_registry import bindings
from ..data import Controller, new_id
from ..textual_hacks import first_showing
from ..widgets.lazyselect import LazySelect
from ..widgets.safety import hidden_characters
from ..widgets.text import lit
from .base import TypeAhead


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text | number | int | list | date | select | bool
    options: tuple = ()
    placeholder: str = ""
    #: shown as text, not a field: Tab never stops on it (an edit form's Id, fixed once made)
    read_only: bool = False


#: The agreements select: what was signed, as one comma-joined value ("" = nothing yet).
_SIGNED = (("nothing signed", ""), ("NDA", "nda"), ("IP assignment", "ip-assignment"),
           ("NDA and IP assignment", ",".join(AGREEMENTS)))


def extra_fields(specs: tuple[fields.Spec, ...]) -> list[Field]:
    """The fields of a record's table that carry a form widget (``form``): new fields show in
    the record's form, after the hand-placed ones, with no code here."""
    return [Field(s.name, s.label, s.form, tuple((c, c) for c in s.choices), s.placeholder)
            for s in specs if s.form]


def extra_initial(record: Any, specs: tuple[fields.Spec, ...]) -> dict[str, Any]:
    return {s.name: getattr(record, s.name) for s in specs if s.form}


def extra_values(v: dict[str, Any], specs: tuple[fields.Spec, ...]) -> dict[str, Any]:
    """A form's values of the table's extra fields as the record's (blank: the default)."""
    out: dict[str, Any] = {}
    for s in specs:
        if not s.form:
            continue
        value = v.get(s.name)
        if s.form == "bool":
            out[s.name] = bool(value)
        elif value is None or (isinstance(value, str) and not value.strip()):
            out[s.name] = s.fresh_default()
        else:
            out[s.name] = value.strip() if isinstance(value, str) else value
    return out


def _or(value: Any, default: Any) -> Any:
    """A blank optional form field reads as the plan format's default."""
    return default if value is None else value


def _to_text(value: Any, kind: str) -> Any:
    if kind in ("select", "bool"):
        return value
    if value is None:
        return ""
    if kind == "list":
        return ", ".join(value)
    if kind == "number" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ErrorLine(Static):
    """A field's error, spanning both columns of the form's grid. Its height is its text wrapped
    at the grid's whole width (the grid measures an auto row by the first column's width)."""

    def get_content_height(self, container, viewport, width: int) -> int:
        grid = self.parent
        whole = grid.scrollable_content_region.width if grid is not None else 0
        return super().get_content_height(container, viewport, max(width, whole))


class FormScreen(TypeAhead, ModalScreen[Any]):
    """A modal form over one record. Subclasses give ``FIELDS``, ``initial()``, ``build()`` and
    ``persist()``. ``ctl`` (the app's controller) is the plan the form checks against and what
    ``persist()`` saves through."""

    BINDINGS = bindings("form")

    TITLE = "Form"
    FIELDS: list[Field] = []

    def __init__(self, ctl: Controller) -> None:
        self.ctl = ctl  # before the fields: they read the plan
        super().__init__()
        self.fields = self.make_fields()
        self.start = {f.name: _to_text(v, f.kind) for f, v in zip(self.fields, self._initial_list())}
        self.touched: set[str] = set()
        self.errors: dict[str, str] = {}
        self._error_boxes: dict[str, Static] = {}  #: field name → its error line, once it had one
        self.saving = False

    # -- subclass hooks
    def make_fields(self) -> list[Field]:
        return list(self.FIELDS)

    def initial(self) -> dict[str, Any]:
        return {}

    def build(self, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def persist(self, record: Any) -> Callable[[], Any]:
        raise NotImplementedError

    def reload_record(self) -> None:
        """Re-read the stored version (after a conflict)."""

    def title_content(self) -> Content:
        return Content(self.TITLE)

    def _initial_list(self) -> list[Any]:
        init = self.initial()
        return [init.get(f.name) for f in self.fields]

    # -- layout
    #: the rows around the fields: the screen's footer, the dialog's border, the title and its
    #: margin, the buttons and their margin (the fields get what is left, so Save and Cancel
    #: always show; the fields scroll)
    CHROME_ROWS = 7

    def compose(self) -> ComposeResult:
        yield KeysFooter()
        with Vertical(classes="dialog form"):
            yield Static(self.title_content(), classes="dialog-title")
            # not focusable itself: Tab goes field to field, and focusing it first restyled every row
            # one grid of label + field pairs (no container per row: each widget costs the
            # opening); a field's error line is mounted under it the first time it has one
            with VerticalScroll(classes="form-fields", id="form-fields", can_focus=False):
                for f in self.fields:
                    yield Label(self._label(f, False), classes="form-label", id=f"l-{f.name}")
                    yield self._widget(f)
            yield Static("", id="form-error", classes="error -hidden")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    @staticmethod
    def _label(f: Field, focused: bool) -> str:
        """The label with the focus marker: a character, so it shows without colour too."""
        return ("▸ " if focused else "  ") + f.label

    def _widget(self, f: Field):
        value = self.start[f.name]
        if f.read_only:
            return Static(Content.assemble(lit(str(value or "")), ("  (fixed)", "$text-muted")),
                          id=f"f-{f.name}", classes="form-value")
        if f.kind in ("select", "bool"):
            options = list(f.options) if f.kind == "select" else [("no", False), ("yes", True)]
            blank = f.kind == "select" and any(v is None for _, v in options)
            options = [(lbl, v) for lbl, v in options if v is not None]
            w = LazySelect(options, value=value if value is not None else Select.NULL, allow_blank=blank,
                       compact=True, id=f"f-{f.name}", prompt="(none)")
        else:
            w = Input(value, placeholder=f.placeholder, compact=True, id=f"f-{f.name}")
            w.cursor_blink = getattr(self.app, "blink", True)
        return w

    def on_mount(self) -> None:
        for f in self.fields:
            if not f.read_only:
                self.focus_first(self.query_one(f"#f-{f.name}"))
                break
        if any(hidden_characters(v) for v in self.start.values()):  # rare: keep opening fast
            self.show_errors({})

    def on_resize(self, event) -> None:
        self._fit(event.size.height)

    def _on_screen_resume(self, event) -> None:
        first_showing(self, event)
        super()._on_screen_resume(event)

    def _fit(self, height: int | None = None) -> None:
        """Give the fields the rows the screen has left, so the buttons (and a form message)
        stay on screen and the fields scroll instead."""
        height = height if height is not None else self.size.height
        box = self.query_one("#form-error", Static)
        message = 0 if box.has_class("-hidden") else 1 + max(1, len(str(box.render()).splitlines()))
        self.query_one("#form-fields").styles.max_height = max(3, height - self.CHROME_ROWS - message)

    def on_descendant_focus(self, event) -> None:
        self._mark(event.widget, True)

    def on_descendant_blur(self, event) -> None:
        self._mark(event.widget, False)

    def _mark(self, widget, focused: bool) -> None:
        """Put the focus marker before the label of the field that has focus."""
        while widget is not None and not (widget.id or "").startswith("f-"):
            widget = widget.parent  # an open dropdown's list belongs to its field
        if widget is None:
            return
        name = widget.id[2:]
        field = next((f for f in self.fields if f.name == name), None)
        if field is None:
            return
        label = self.query_one(f"#l-{name}", Label)
        label.set_class(focused, "-focused")
        label.update(self._label(field, focused))

    # -- values
    def raw(self) -> dict[str, Any]:
        return {f.name: self._raw_one(f) for f in self.fields}

    @property
    def dirty(self) -> bool:
        if not self.is_mounted:
            return False
        try:
            return self.raw() != self.start
        except Exception:
            return False

    def parse(self) -> tuple[dict[str, Any], dict[str, str]]:
        values, errors = {}, {}
        for f in self.fields:
            v = self._raw_one(f)
            try:
                values[f.name] = self._parse_one(f, v)
            except ValueError as exc:
                errors[f.name] = str(exc)
        return values, errors

    def _raw_one(self, f: Field) -> Any:
        if f.read_only:
            return self.start[f.name]
        w = self.query_one(f"#f-{f.name}")
        if isinstance(w, Select):
            return None if w.value is Select.NULL else w.value
        return w.value

    def _parse_one(self, f: Field, v: Any) -> Any:
        if f.kind in ("select", "bool"):
            return v
        text = (v or "").strip()
        if f.kind == "text":
            return v or ""
        if f.kind == "list":
            return [p.strip() for p in text.split(",") if p.strip()]
        if not text:
            return None
        if f.kind == "number":
            business = self.ctl.plan.business  # read as the business writes it: 1.234,50 in de_DE
            try:
                return parse_typed(text, locale_of(business), business.currency)
            except ValueError as exc:
                why = "" if str(exc) == "not a number" else f" ({exc})"
                raise ValueError(f"must be a number, not {text!r}{why}") from None
        if f.kind == "int":
            try:
                return int(text.replace(",", ""))
            except ValueError:
                raise ValueError(f"must be a whole number, not {text!r}") from None
        return text  # dates: the model checks them

    def field_of(self, error: PlanError) -> str | None:
        """The form field a model error names (``task.budget`` -> ``budget``)."""
        path = (error.field or "").replace("[", ".").replace("]", "")
        names = {f.name for f in self.fields}
        for part in reversed(path.split(".")):
            if part in names:
                return part
        return None

    def check(self) -> tuple[Any, dict[str, str]]:
        """(record or None, errors by field)."""
        values, errors = self.parse()
        if errors:
            return None, errors
        try:
            record = self.build(values)
        except PlanError as exc:
            name = self.field_of(exc) or "_form"
            return None, {name: exc.message}
        return record, {}

    def show_errors(self, errors: dict[str, str], *, all_fields: bool = False) -> None:
        self.errors = errors
        for f in self.fields:
            msg = errors.get(f.name) if (all_fields or f.name in self.touched) else None
            self.query_one(f"#l-{f.name}").set_class(bool(msg), "-invalid")
            hidden = None if msg else hidden_characters(self._raw_one(f))
            if msg:
                self._show_error(f, Content.assemble(("↑ ", "bold"), lit(f"{f.label.strip()} {msg}")))
            elif hidden:
                # the field cannot draw control characters (the terminal would act on them)
                self._show_error(f, Content.assemble(("↑ holds control characters: ", "bold"), lit(hidden)))
            elif f.name in self._error_boxes:
                self._error_boxes[f.name].add_class("-hidden")
        general = errors.get("_form")
        self.form_message(general if (general and all_fields) else None)

    def _show_error(self, f: Field, text: Content) -> None:
        """Show ``text`` under field ``f``, across both columns of the grid's next row; the line is
        made the first time the field has something to say."""
        box = self._error_boxes.get(f.name)
        if box is None:
            box = self._error_boxes[f.name] = ErrorLine("", id=f"e-{f.name}", classes="error form-error-line")
            self.query_one("#form-fields").mount(box, after=self.query_one(f"#f-{f.name}"))
        box.update(text)
        box.remove_class("-hidden")

    def form_message(self, text: Any, *, hint: str | None = None) -> None:
        box = self.query_one("#form-error", Static)
        if text:
            box.update(Content.assemble(lit(str(text)), ("\n" + hint, "$text-muted") if hint else ""))
            box.remove_class("-hidden")
        else:
            box.add_class("-hidden")
        self._fit()

    # -- events
    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "")[2:]
        if event.input.value != self.start.get(name):
            self.touched.add(name)
        self.show_errors(self.check()[1])

    def on_select_changed(self, event: Select.Changed) -> None:
        self.touched.add((event.select.id or "")[2:])
        self.show_errors(self.check()[1])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    # -- actions
    def action_save(self) -> None:
        if self.saving:
            return
        record, errors = self.check()
        if record is None:
            self.show_errors(errors, all_fields=True)
            first = next((f for f in self.fields if f.name in errors), None)
            if first is not None:
                self.query_one(f"#f-{first.name}").focus()
            return
        self.saving = True
        self.form_message(None)
        self.app.hold_keys()  # keys typed after ctrl+s wait for the form to close (or stay)

        def ok(result: Any) -> None:
            self.saving = False
            self.dismiss(result)
            self.app.call_after_refresh(self.app.release_keys)

        def failed(exc: AdvisorError) -> None:
            self.saving = False
            self.app.release_keys()
            if isinstance(exc, PlanError) and self.field_of(exc):
                self.show_errors({self.field_of(exc): exc.message}, all_fields=True)
                return
            hint = exc.hint or ""
            if isinstance(exc, ConflictError):
                hint = "Press ctrl+r to load the stored version (your typed values stay), then save again."
            self.form_message(f"Not saved: {exc.message}", hint=hint)

        self.app.save(self.persist(record), after=ok, failed=failed)

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return
        from .dialogs import ConfirmScreen

        def done(ok: bool | None) -> None:
            if ok:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard changes?", "What you typed in this form will be lost.",
                                           yes="Discard", no="Keep editing"), done)

    def action_reload(self) -> None:
        self.ctl.reload()
        self.reload_record()
        self.form_message("Reloaded the stored version; save again to put your values over it.")


# --------------------------------------------------------------------------- task

class TaskForm(FormScreen):
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
                    creates_ip=bool(v["creates_ip"]), milestones=_or(v["milestones"], 0),
                    weekly_cap=v["weekly_cap"], openings=_or(v["openings"], 1),
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
                    past_jobs_with_us=_or(v["past_jobs_with_us"], 0),
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
        from ..widgets.kit import mount_kit

        mount_kit(self, self.ctl, self.cand)  # the questions to ask, above the scores

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
                        completed_jobs=_or(v["completed_jobs"], 0), utc_offset=v["utc_offset"],
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
