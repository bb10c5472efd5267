"""The app's one door to the data: a controller over the core's Session and the Advisor.

Screens never touch SQLite or the rules engine directly; they call this module. The plan in
memory, every edit, the lifecycle, undo and the changed-task log live in
:class:`advisor.session.Session` (shared with the command line); the controller adds what only
the app needs: the advisor's evaluations (full or incremental, from the session's changed-task
log), rule files and switches, the facts behind a finding, and what-if checks.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from advisor.errors import AdvisorError, ConflictError, PlanError
from advisor.advice.insights import costs_with_fees, going_rate, marketplace_stats
from advisor.plan.model import Plan
from advisor.session import Session
from advisor.storage.workspace import Workspace

if TYPE_CHECKING:
    from advisor.engine import Advisor

SEVERITY_ORDER = {"risk": 0, "warning": 1, "info": 2}


# --------------------------------------------------------------------------- pure helpers

def new_id(name: str, taken: Iterable[str]) -> str:
    """A readable unique id from a name (``Ana P.`` -> ``ana-p``, ``ana-p-2``...), made the same
    way as the ids of candidates imported from a CSV."""
    from advisor.storage.csvimport import slug, unique_id

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


@dataclass(frozen=True)
class Advice:
    """The advice shown now: the last findings (None until the first evaluation) and, when the
    last evaluation failed, its error (the findings then stay, shown as out of date). The app
    replaces it as a whole when an evaluation lands, then posts
    :class:`~tui.messages.AdviceChanged`; screens read it from the controller they were given."""

    findings: Any = None
    error: BaseException | None = None


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
        self.session: Session | None = None
        self._plan: Plan = Plan()
        #: The advice shown now (set by the app): what the screens show, and the advice open on
        #: a task for the history.
        self.advice = Advice()
        self.advisor: Advisor | None = None
        self.ruleset: Any = None
        self.rule_problems: list[AdvisorError] = []
        self.disabled_rules: set[str] = set()
        # Rules switched off are saved in the workspace (rule_switches); a change bumps
        # _switch_gen and the next evaluation gives the advisor the ruleset without them.
        self._switch_gen = self._applied_switch_gen = 0
        self._lock = threading.Lock()
        self._rule_mtimes: dict[Path, float] = {}
        #: evaluations started on the live advisor (full or incremental): what a run of queued
        #: saves costs the engine is counted here (tests), not timed
        self.evaluations = 0
        self.opened = False
        self.closed = False

    # ------------------------------------------------------------------ opening

    def open(self) -> Plan:
        """Open the workspace and read the plan (fast; the advisor is loaded separately)."""
        if self.ws is None:
            path = self.settings.db_path
            self.ws = Workspace.open(path)
        self.session = Session(self.ws, advice_for=self._open_advice)
        self.session.reload()
        self._read_rule_switches()
        self.opened = True
        return self.plan

    @property
    def plan(self) -> Plan:
        return self.session.plan if self.session is not None else self._plan

    @plan.setter
    def plan(self, plan: Plan) -> None:
        if self.session is not None:
            self.session.plan = plan
        else:
            self._plan = plan

    @property
    def findings(self) -> Any:
        """The findings shown now (None before the first evaluation)."""
        return self.advice.findings

    @property
    def rule_dirs(self) -> tuple:
        """The user's rule folders (the config's ``rule_dirs``): where a shipped rule is copied to
        be edited."""
        return tuple(self.settings.advisor.rule_dirs)

    def __getattr__(self, name: str) -> Any:
        """Edits, lifecycle steps, undo and history are the session's (one place for them)."""
        if name in _SESSION_API:
            session = self.__dict__.get("session")
            if session is None:
                raise AdvisorError("the workspace is not open yet")
            return getattr(session, name)
        raise AttributeError(name)

    def _open_advice(self, task_id: str | None) -> list[dict]:
        """The advice open on ``task_id`` now (rule, severity, message): kept in the history
        row of a change, so the log says what the owner was told when deciding."""
        findings = self.findings
        if findings is None or task_id is None:
            return []
        return [{"rule": f.rule, "severity": f.severity, "message": f.message}
                for f in findings.for_task(task_id) if f.kind == "advice" and not f.suppressed][:20]

    def reload(self) -> Plan:
        self._read_rule_switches()
        return self.session.reload()

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

    def snapshot(self) -> Plan:
        """A copy of the plan's lists (the records are shared: never changed in place)."""
        if self.session is None:
            p = self._plan
            return Plan(business=p.business, marketplaces=list(p.marketplaces), rates=list(p.rates),
                        tasks=list(p.tasks), suppressions=list(p.suppressions))
        return self.session.snapshot()

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
        from advisor.rules.rulepack import load_rules

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
                stale, touched = self.session.touched_until(seq)
                if stale:
                    return None
            self.evaluations += 1
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
            facts = self.advisor.rules.facts()
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
                ("about", r.about), ("stages", ", ".join(r.stages)), ("when", r.when), ("message", r.message),
                ("why", r.why), ("fix", r.fix), ("source", r.source)) if value)
            out.append(RuleInfo(r.id, r.pack, r.severity, r.id not in self.disabled_rules, r.title, text,
                                Path(r.file) if r.file else None, r.builtin))
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



#: What the controller hands straight to the session (see Controller.__getattr__).
_SESSION_API = frozenset({
    "task", "save_task", "delete_task", "save_candidate", "delete_candidate", "save_rate", "delete_rate",
    "save_business", "save_marketplace", "delete_marketplace", "add_suppression", "delete_suppression",
    "replace_plan", "add_candidates", "apply", "undo", "can_undo", "undo_label", "history",
    "advice_snapshot", "touch", "touch_all"})


__all__ = ["Advice", "Controller", "ConflictError", "PlanError", "going_rate",
           "costs_with_fees", "marketplace_stats", "new_id", "SEVERITY_ORDER"]

