"""The app's one door to the data: a controller that owns the Workspace and the Advisor.

Screens never touch SQLite or the rules engine directly; they call this module, which keeps the
current :class:`~advisor.model.Plan` in memory (records are replaced, never mutated in place, so a
cheap :meth:`Controller.snapshot` can be handed to the advice thread), saves every edit through the
workspace and evaluates the advice. Pure helpers for the panes (going-rate percentiles, costs with
fees, marketplace statistics) live here too so they can be tested without a terminal.
"""

from __future__ import annotations

import logging
import statistics
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from advisor.errors import AdvisorError, ConflictError, PlanError
from advisor.model import (POSTED_STATUSES, Candidate, Marketplace, Plan, RateObservation, Suppression,
                           Task)
from advisor.workspace import Workspace

if TYPE_CHECKING:
    from advisor.engine import Advisor

SEVERITY_ORDER = {"risk": 0, "warning": 1, "info": 2}


# --------------------------------------------------------------------------- pure helpers

def percentile(values: list[float], q: float) -> float | None:
    """Linear-interpolated percentile (``q`` in 0..1) of ``values``; None when empty."""
    if not values:
        return None
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@dataclass(frozen=True)
class GoingRate:
    samples: int
    low: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    high: float | None = None


def going_rate(plan: Plan, task: Task) -> GoingRate:
    values = [r.hourly for r in plan.rates_for(task.skills)]
    if not values:
        return GoingRate(0)
    return GoingRate(len(values), min(values), percentile(values, 0.25), percentile(values, 0.5),
                     percentile(values, 0.75), max(values))


def task_marketplaces(plan: Plan, task: Task) -> list[Marketplace]:
    """The marketplaces a task is (or would be) posted on: its own list, else all known ones."""
    if task.marketplaces:
        out = []
        for name in task.marketplaces:
            m = plan.marketplace(name)
            out.append(m if m is not None else Marketplace(name))
        return out
    return list(plan.marketplaces)


def costs_with_fees(plan: Plan, task: Task) -> list[tuple[str, float]]:
    cost = task.estimated_cost
    if cost is None:
        return []
    return [(m.name, cost + m.fee_on(cost)) for m in task_marketplaces(plan, task)]


@dataclass(frozen=True)
class MarketStats:
    name: str
    tasks_posted: int
    proposals: int
    median_price: float | None
    median_rating: float | None
    hires: int
    fee_percent: float
    fee_fixed: float
    notes: str


def marketplace_stats(plan: Plan) -> list[MarketStats]:
    names: list[str] = [m.name for m in plan.marketplaces]
    for t in plan.tasks:
        for n in t.marketplaces:
            if n not in names:
                names.append(n)
        for c in t.candidates:
            if c.marketplace and c.marketplace not in names:
                names.append(c.marketplace)
    out = []
    for name in names:
        m = plan.marketplace(name) or Marketplace(name)
        posted = sum(1 for t in plan.tasks if name in t.marketplaces and t.status in POSTED_STATUSES)
        prices, ratings, proposals, hires = [], [], 0, 0
        for t in plan.tasks:
            for c in t.candidates:
                if c.marketplace != name:
                    continue
                proposals += 1
                p = c.price(t)
                if p is not None:
                    prices.append(p)
                if c.rating is not None:
                    ratings.append(c.rating)
                if c.status == "hired":
                    hires += 1
        out.append(MarketStats(name, posted, proposals,
                               statistics.median(prices) if prices else None,
                               statistics.median(ratings) if ratings else None,
                               hires, m.fee_percent, m.fee_fixed, m.notes))
    return out


def new_id(name: str, taken: Iterable[str]) -> str:
    """A readable unique id from a name (``Ana P.`` -> ``ana-p``, ``ana-p-2``...), made the same
    way as the ids of candidates imported from a CSV."""
    from advisor.csvimport import slug, unique_id

    return unique_id(slug(name, fallback="item"), set(taken))


# --------------------------------------------------------------------------- the controller

@dataclass
class RuleInfo:
    id: str
    pack: str
    severity: str
    enabled: bool
    title: str = ""
    text: str = ""
    file: Path | None = None
    builtin: bool = False


class _NotAbout(logging.Filter):
    """Drops the log records about one engine process (its pid is the record's first argument)."""

    def __init__(self, pid: int) -> None:
        super().__init__()
        self.pid = pid

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        return not (isinstance(args, tuple) and args and args[0] == self.pid)


class Controller:
    """Owns the Workspace and the Advisor; the app's only data access."""

    def __init__(self, settings: Any, *, workspace: Workspace | None = None,
                 today: date | None = None) -> None:
        self.settings = settings
        self.today = today
        self.ws: Workspace | None = workspace
        self.plan: Plan = Plan()
        self.advisor: Advisor | None = None
        self.ruleset: Any = None
        self.rule_problems: list[AdvisorError] = []
        self.disabled_rules: set[str] = set()
        # Rules switched off are saved in the workspace (rule_switches); a change bumps
        # _switch_gen and the next evaluation gives the advisor the ruleset without them.
        self._switch_gen = self._applied_switch_gen = 0
        self._lock = threading.Lock()
        self._rule_mtimes: dict[Path, float] = {}
        self.opened = False
        self.closed = False
        # The incremental advice's ``touched`` hint: the task ids edited since the last advice
        # snapshot (None: anything may have changed), and per snapshot handed to the advice
        # worker (numbered) what was edited before it, until an evaluation has used it.
        self._touched: set[str] | None = set()
        self._touched_log: list[tuple[int, set[str] | None]] = []
        self._seq = 0
        self._evaluated_seq = 0
        self._touch_lock = threading.Lock()

    # ------------------------------------------------------------------ opening

    def open(self) -> Plan:
        """Open the workspace and read the plan (fast; the advisor is loaded separately)."""
        if self.ws is None:
            path = self.settings.db_path
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.ws = Workspace.open(path)
        self.plan = self.ws.load_plan()
        self._read_rule_switches()
        self.opened = True
        return self.plan

    def reload(self) -> Plan:
        self._read_rule_switches()
        self.plan = self.ws.load_plan()
        self._touch_all()
        return self.plan

    def close(self) -> None:
        """Stop the advisor and close the workspace. Never waits for an evaluation: the
        controller's lock is not taken (an evaluation stuck in a hung engine holds it), and
        ``Advisor.close`` kills a busy engine process, so that evaluation ends with EngineCrashed."""
        self.closed = True
        advisor, self.advisor = self.advisor, None
        if advisor is not None:
            process = getattr(advisor, "_process", None)
            if process is not None and self._lock.locked() and process.poll() is None:
                # An evaluation is running and its engine is about to be killed: that is the
                # quit, not a failure, so the engine's "process stopped" error is not printed
                # on the terminal the app hands back.
                logging.getLogger("advisor.engine").addFilter(_NotAbout(process.pid))
            try:
                advisor.close()
            except (AdvisorError, RuntimeError, OSError):
                pass
        if self.ws is not None:
            try:
                self.ws.close()
            except Exception:
                pass

    def data_version(self) -> int:
        try:
            return int(self.ws.data_version())
        except Exception:
            return 0

    def _touch(self, *task_ids: str | None) -> None:
        with self._touch_lock:
            if self._touched is not None:
                self._touched.update(t for t in task_ids if t is not None)

    def _touch_all(self) -> None:
        with self._touch_lock:
            self._touched = None

    def advice_snapshot(self) -> tuple[Plan, int]:
        """A :meth:`snapshot` for the advice worker and its number (pass it to :meth:`evaluate`):
        the tasks edited before it are remembered with it, for the ``touched`` hint."""
        with self._touch_lock:
            self._seq += 1
            self._touched_log.append((self._seq, self._touched))
            self._touched = set()
            return self.snapshot(), self._seq

    def snapshot(self) -> Plan:
        """A copy of the plan's lists. Records are immutable by convention, and so is a task's
        candidates list: an edit replaces the task with a new one holding a new list (never
        changed in place), so the tasks themselves are shared (copying 500 tasks per keystroke
        was ~2 ms)."""
        return Plan(business=self.plan.business, marketplaces=list(self.plan.marketplaces),
                    rates=list(self.plan.rates), tasks=list(self.plan.tasks),
                    suppressions=list(self.plan.suppressions))

    # ------------------------------------------------------------------ advice

    def _active_ruleset(self):
        rs = self.ruleset
        if not self.disabled_rules or rs is None:
            return rs
        return replace(rs, rules=[r for r in rs.rules if r.id not in self.disabled_rules])

    def load_advisor(self) -> list[AdvisorError]:
        """Load the rule packs and start (or reload) the advisor. Call from a thread: it may be
        slow. Returns the problems found in the rule files."""
        # Imported here, not at the top: the engine's imports would delay the app's first frame.
        from advisor.engine import Advisor
        from advisor.rulepack import load_rules

        with self._lock:
            if self.closed:
                raise AdvisorError("the app is closing")
            self._rule_mtimes = self._scan_rule_files()
            ruleset, problems = load_rules(self.settings.advisor)
            self._applied_switch_gen = self._switch_gen
            self.ruleset = ruleset
            self.rule_problems = list(problems)
            if self.advisor is None:
                self.advisor = Advisor(self._active_ruleset(), self.settings.advisor, today=self.today)
            else:
                self.advisor.reload(self._active_ruleset())
            return self.rule_problems

    def evaluate(self, plan: Plan, *, full: bool = False, seq: int | None = None):
        """Evaluate ``plan``: fully, or incrementally with the ids of the tasks edited since the
        last evaluation as the ``touched`` hint. ``seq``: the number :meth:`advice_snapshot` gave
        ``plan`` (without it, no hint). Returns None, evaluating nothing, for a snapshot older
        than one already evaluated (its edits are in that one)."""
        with self._lock:
            if self.advisor is None:
                raise AdvisorError("the advisor is not loaded")
            gen = self._switch_gen
            if gen != self._applied_switch_gen:  # a rule was switched on or off
                self._applied_switch_gen = gen
                self.advisor.reload(self._active_ruleset())
                full = True
            touched: set[str] | None = None
            if seq is not None:
                with self._touch_lock:
                    if seq < self._evaluated_seq:
                        return None
                    self._evaluated_seq = seq
                    mine = [t for s, t in self._touched_log if s <= seq]
                    self._touched_log = [(s, t) for s, t in self._touched_log if s > seq]
                if not any(t is None for t in mine):
                    touched = set().union(*mine)
            if full:
                return self.advisor.evaluate(plan)
            return self.advisor.update(plan, touched=touched)

    def facts_for(self, finding: Any) -> list[tuple[str, list[tuple[str, Any]]]]:
        """The facts that triggered ``finding``: per fact (``task logo``), the fields its rule's
        condition names (all fields when the condition cannot be read)."""
        import re

        keys = [k for k in (getattr(finding, "facts", ()) or ()) if isinstance(k, tuple) and len(k) == 2]
        if not keys or self.advisor is None:
            return []
        rule = self.ruleset.get(finding.rule) if self.ruleset is not None else None
        named: dict[str, set[str]] = {}
        for ns, fld in re.findall(r"\b(business|task|candidate)\.([A-Za-z_][A-Za-z0-9_]*)", getattr(rule, "when", "") or ""):
            named.setdefault(ns, set()).add(fld)
        # Never keep the UI waiting behind a long evaluation: without the facts, the finding
        # screen lists the fact keys only.
        if not self._lock.acquire(timeout=0.25):
            return []
        try:
            facts = self.advisor.facts()
        except Exception:
            return []
        finally:
            self._lock.release()
        out = []
        for key in keys:
            fact = facts.get(key)
            if fact is None:
                continue
            wanted = named.get(key[0])
            fields = [(k, v) for k, v in fact.items()
                      if not k.startswith("_") and k != "id" and (not wanted or k in wanted)]
            out.append((f"{key[0]} {key[1]}", fields))
        return out

    def what_if(self, plan: Plan, task_id: str) -> list[tuple[str, str, str, str | None]]:
        """The advice ``plan`` (a changed copy of the current plan) would raise about ``task_id``
        that the current plan does not: (severity, title, rule, candidate). Worked out by the
        rules engine itself in a scratch advisor of its own (its own engine process), so the live
        advisor's state is not touched: a full evaluation of the current plan, then one
        incremental update to ``plan``. Call from a thread: it takes a full evaluation's time."""
        from advisor.engine import Advisor

        rs = self._active_ruleset()
        if rs is None:
            return []
        with Advisor(rs, self.settings.advisor, today=self.today) as scratch:
            before = {f.key for f in scratch.evaluate(self.snapshot()).items if f.kind == "advice"}
            after = scratch.update(plan, touched={task_id}).items
        out = []
        for f in after:
            if f.kind != "advice" or f.suppressed or f.key in before or f.task != task_id:
                continue
            out.append((f.severity, f.title, f.rule, f.candidate))
        out.sort(key=lambda x: (SEVERITY_ORDER.get(x[0], 9), x[2], x[3] or ""))
        return out

    def rule_files(self) -> list[Path]:
        from advisor.resources import builtin_rules_dir

        dirs = [builtin_rules_dir(), *self.settings.advisor.rule_dirs]
        out: list[Path] = []
        for d in dirs:
            try:
                out.extend(sorted(Path(d).glob("*.toml")))
            except OSError:
                pass
        return out

    def _scan_rule_files(self) -> dict[Path, float]:
        out = {}
        for p in self.rule_files():
            try:
                out[p] = p.stat().st_mtime
            except OSError:
                pass
        return out

    def rules_changed_on_disk(self) -> bool:
        return self._scan_rule_files() != self._rule_mtimes

    def rules(self) -> list[RuleInfo]:
        """Every known rule (id, pack, severity, enabled) for the rules screen."""
        out: list[RuleInfo] = []
        for r in (self.ruleset.rules if self.ruleset is not None else []):
            text = "\n\n".join(f"{name}: {value}" for name, value in (
                ("about", r.about), ("when", r.when), ("message", r.message), ("why", r.why), ("fix", r.fix)) if value)
            out.append(RuleInfo(r.id, r.pack, r.severity, r.id not in self.disabled_rules, r.title, text,
                                Path(r.source) if r.source else None, r.builtin))
        return out

    def toggle_rule(self, rule_id: str) -> None:
        """Switch a rule on or off in the workspace: it stays so in every session on this
        workspace and for ``outsource check``. A save: call it in the io worker (``app.save``);
        the next evaluation runs without the rules switched off."""
        on = rule_id in self.disabled_rules
        self.ws.set_rule_enabled(rule_id, on)
        # a new set, never changed in place: the advice thread may be reading the old one
        self.disabled_rules = self.disabled_rules - {rule_id} if on else self.disabled_rules | {rule_id}
        self._switch_gen += 1

    def _read_rule_switches(self) -> None:
        """The rules switched off in the workspace (at open and on every reload)."""
        off = {rule for rule, on in self.ws.rule_switches().items() if not on}
        if off != self.disabled_rules:
            self.disabled_rules = off
            self._switch_gen += 1

    # ------------------------------------------------------------------ edits (main thread)

    def task(self, task_id: str) -> Task:
        return self.plan.task(task_id)

    def save_task(self, task: Task) -> Task:
        task.validate(with_candidates=False)
        saved = self.ws.save_task(replace(task, candidates=[]))
        self._touch(task.id)
        for i, t in enumerate(self.plan.tasks):
            if t.id == task.id:
                self.plan.tasks[i] = replace(saved, candidates=list(t.candidates))
                return self.plan.tasks[i]
        new = replace(saved, candidates=[])
        self.plan.tasks.append(new)
        return new

    def delete_task(self, task_id: str, *, version: int | None = None) -> None:
        """``version``: the task as the user saw it; changed in another session since: ConflictError."""
        self.ws.delete_task(task_id, version=version)
        self._touch(task_id)
        self.plan.tasks = [t for t in self.plan.tasks if t.id != task_id]

    def save_candidate(self, cand: Candidate) -> Candidate:
        cand.validate()
        saved = self.ws.save_candidate(cand)
        self._touch(saved.task)
        target = next((t for t in self.plan.tasks if t.id == saved.task), None)
        if target is None or all(c.id != saved.id for c in target.candidates):  # new, or moved here
            for i, t in enumerate(self.plan.tasks):
                if t.id != saved.task and any(c.id == saved.id for c in t.candidates):
                    self._touch(t.id)  # it moved to another task: gone from this one
                    self.plan.tasks[i] = replace(t, candidates=[c for c in t.candidates if c.id != saved.id])
        for i, t in enumerate(self.plan.tasks):
            if t.id == saved.task:
                cands = list(t.candidates)
                for j, c in enumerate(cands):
                    if c.id == saved.id:
                        cands[j] = saved
                        break
                else:
                    cands.append(saved)
                self.plan.tasks[i] = replace(t, candidates=cands)
                break
        return saved

    def delete_candidate(self, candidate_id: str, *, version: int | None = None) -> None:
        """``version``: the candidate as the user saw it; changed in another session since:
        ConflictError."""
        self.ws.delete_candidate(candidate_id, version=version)
        for i, t in enumerate(self.plan.tasks):
            if any(c.id == candidate_id for c in t.candidates):
                self._touch(t.id)
                self.plan.tasks[i] = replace(t, candidates=[c for c in t.candidates if c.id != candidate_id])

    def save_rate(self, rate: RateObservation) -> RateObservation:
        rate.validate()
        saved = self.ws.save_rate(rate)
        self._touch_all()  # going rates feed every task with these skills: the advisor diffs all
        if saved is None:
            saved = rate
        rates = [r for r in self.plan.rates if r.id is None or r.id != saved.id]
        rates.append(saved)
        self.plan.rates = rates
        return saved

    def delete_rate(self, rate_id: int, version: int | None = None) -> None:
        """``version``: the one the user saw (default: the one in :attr:`plan`); a rate changed
        or deleted in another session since is a ConflictError."""
        if version is None:
            version = next((r.version for r in self.plan.rates if r.id == rate_id), None)
        self.ws.delete_rate(rate_id, version=version)
        self._touch_all()
        self.plan.rates = [r for r in self.plan.rates if r.id != rate_id]

    def save_business(self, b: Any) -> Any:
        """Save the business details; ``b.version`` must be the stored one (ConflictError
        otherwise). Keeps the saved copy, with its new version, for the next save."""
        b.validate()
        self.plan.business = self.ws.save_business(b)
        self._touch_all()
        return self.plan.business

    def delete_marketplace(self, name: str, version: int | None = None) -> None:
        """``version``: the one the user saw (default: the one in :attr:`plan`)."""
        if version is None:
            market = self.plan.marketplace(name)
            version = market.version if market is not None else None
        self.ws.delete_marketplace(name, version=version)
        self._touch_all()
        self.plan.marketplaces = [m for m in self.plan.marketplaces if m.name != name]

    def add_suppression(self, s: Suppression) -> None:
        s.validate()
        self.ws.add_suppression(s)
        self._touch(s.task)
        self.plan.suppressions = [x for x in self.plan.suppressions if x.key != s.key] + [s]

    def delete_suppression(self, rule: str, task: str | None, candidate: str | None) -> None:
        self.ws.delete_suppression(rule, task, candidate)
        self._touch(task)
        self.plan.suppressions = [x for x in self.plan.suppressions if x.key != (rule, task, candidate)]

    def save_marketplace(self, m: Marketplace, old_name: str | None = None) -> Marketplace:
        """Add (``m.version`` 0) or update a marketplace whose stored version is ``m.version``
        (ConflictError otherwise); keeps the saved copy, with its new version, in :attr:`plan`."""
        m.validate()
        m = self.ws.save_marketplace(m, old_name=old_name)
        self._touch_all()
        if old_name is not None and old_name != m.name:
            self.plan = self.ws.load_plan()  # a rename also renamed its uses in tasks, rates, candidates
            return m
        key = old_name or m.name
        markets = list(self.plan.marketplaces)
        for i, x in enumerate(markets):
            if x.name == key:
                markets[i] = m
                break
        else:
            markets.append(m)
        self.plan.marketplaces = markets
        return m

    def replace_plan(self, plan: Plan) -> None:
        plan.validate()
        self.ws.replace_plan(plan)
        self.plan = self.ws.load_plan()
        self._touch_all()

    def add_candidates(self, task_id: str, cands: list[Candidate]) -> None:
        self.ws.add_candidates(task_id, cands)
        self.plan = self.ws.load_plan()
        self._touch_all()


__all__ = ["Controller", "ConflictError", "PlanError", "going_rate", "percentile",
           "costs_with_fees", "marketplace_stats", "new_id", "SEVERITY_ORDER"]

