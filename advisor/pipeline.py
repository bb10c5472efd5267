"""The edit → advice pipeline of one workspace: a session, the rules, the advisor, one revision.

Every change to the plan (an edit, a decision, an undo, a reload, a rule switched on or off)
moves it to a new revision (:attr:`advisor.session.Session.revision`, one counter).
:meth:`Pipeline.advise` gives the findings of a revision, or None when a newer revision exists
(its advice is the one to ask for), so a caller that wants the advice of the plan as it is now
compares revision numbers and nothing else. The findings of the last revision advised are what
the session's history rows keep as the advice open when a decision was made.

Textual-free: the app's controller (``tui.data.Controller``) is this plus what only the app
shows (the advice on screen with its error, a finding's facts, what-if checks).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.errors import AdvisorError
from advisor.plan import lifecycle
from advisor.plan.model import (Business, Candidate, Marketplace, Plan, RateObservation, Suppression,
                                Task)
from advisor.session import Session
from advisor.storage.workspace import HistoryEntry, Workspace

if TYPE_CHECKING:
    from advisor.advice.findings import Findings
    from advisor.engine import Advisor


class _NotAbout(logging.Filter):
    """Drops the log records about one engine process (its pid is the record's first argument)."""

    def __init__(self, pid: int) -> None:
        super().__init__()
        self.pid = pid

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        return not (isinstance(args, tuple) and args and args[0] == self.pid)


class Pipeline:
    """Owns the workspace (through a :class:`Session`), the rules and the :class:`Advisor`.

    Edits run on one thread at a time (the app's ``io`` worker); :meth:`advise` and
    :meth:`load_advisor` on another (one at a time, a lock). Every method here that reads or
    writes the workspace is for a worker thread, never for the app's event loop."""

    def __init__(self, settings: Any, *, workspace: Workspace | None = None,
                 today: date | None = None) -> None:
        self.settings = settings
        self.today = today
        self.ws: Workspace | None = workspace
        self._session: Session | None = None
        self.advisor: Advisor | None = None
        self.ruleset: Any = None
        self._pre_basis: Any = None  # the basis before the advisor is set up (see :attr:`basis`)
        self.rule_problems: list[AdvisorError] = []
        #: rules switched off in the workspace (a new set on each change: never changed in place)
        self.disabled_rules: frozenset[str] = frozenset()
        self._advisor_disabled: frozenset[str] | None = None  # what the advisor was given
        self._advised: tuple[int, Findings] | None = None  # the last revision advised
        self._lock = threading.Lock()
        self._rule_mtimes: dict[Path, float] = {}
        self._data_version = 0
        #: evaluations run on the live advisor (full or incremental): what a run of queued saves
        #: costs the engine is counted here (tests), not timed
        self.evaluations = 0
        self.opened = False
        self.closed = False

    # ------------------------------------------------------------------ opening and closing

    def open(self) -> Plan:
        """Open the workspace and read the plan (fast; the advisor is loaded separately)."""
        if self.ws is None:
            self.ws = Workspace.open(self.settings.db_path)
        self._session = Session(self.ws)
        self._read_rule_switches()
        self._session.reload()
        self._data_version = self._read_data_version()
        self.opened = True
        return self.plan

    @property
    def session(self) -> Session:
        if self._session is None:
            raise AdvisorError("the workspace is not open yet")
        return self._session

    @property
    def plan(self) -> Plan:
        return self._session.plan if self._session is not None else Plan()

    @property
    def revision(self) -> int:
        """The plan's latest revision (0 before the workspace is open)."""
        return self._session.revision if self._session is not None else 0

    @property
    def rule_dirs(self) -> tuple:
        """The user's rule folders (the config's ``rule_dirs``): where a shipped rule is copied to
        be edited."""
        return tuple(self.settings.advisor.rule_dirs)

    def reload(self) -> Plan:
        """Read the plan and the rule switches again (a new revision)."""
        self._read_rule_switches()
        return self.session.reload()

    def close(self) -> None:
        """Stop the advisor and close the workspace. Never waits for an evaluation: the lock is
        not taken (an evaluation stuck in a hung engine holds it), and ``Advisor.close`` kills a
        busy engine process, so that evaluation ends with EngineCrashed."""
        self.closed = True
        advisor, self.advisor = self.advisor, None
        if advisor is not None:
            process = getattr(advisor, "_process", None)
            if process is not None and self._lock.locked() and process.poll() is None:
                # An evaluation is running and its engine is about to be killed: that is the
                # quit, not a failure, so the engine's "process stopped" error is not logged.
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

    def _read_data_version(self) -> int:
        try:
            return int(self.ws.data_version())
        except Exception:
            return 0

    def others_changed(self) -> bool:
        """Did another connection commit to the workspace since we last looked? (Our own
        commits do not count: SQLite's ``data_version`` moves only for other connections.)"""
        version = self._read_data_version()
        changed, self._data_version = version != self._data_version, version
        return changed

    def snapshot(self) -> Plan:
        """A copy of the plan's lists (the records are shared: never changed in place)."""
        return self.session.snapshot()

    # ------------------------------------------------------------------ edits (each a new revision)

    def task(self, task_id: str) -> Task:
        return self.plan.task(task_id)

    def save_task(self, task: Task) -> Task:
        return self.session.save_task(task)

    def delete_task(self, task_id: str) -> None:
        self.session.delete_task(task_id)

    def save_candidate(self, cand: Candidate) -> Candidate:
        return self.session.save_candidate(cand)

    def delete_candidate(self, candidate_id: str) -> None:
        self.session.delete_candidate(candidate_id)

    def add_candidates(self, task_id: str, cands: list[Candidate], *, source: str | None = None) -> None:
        self.session.add_candidates(task_id, cands, source=source)

    def save_rate(self, rate: RateObservation) -> RateObservation:
        return self.session.save_rate(rate)

    def delete_rate(self, rate_id: int, version: int | None = None) -> None:
        self.session.delete_rate(rate_id, version)

    def save_business(self, b: Business) -> Business:
        return self.session.save_business(b)

    def save_marketplace(self, m: Marketplace, old_name: str | None = None) -> Marketplace:
        return self.session.save_marketplace(m, old_name)

    def delete_marketplace(self, name: str, version: int | None = None) -> None:
        self.session.delete_marketplace(name, version)

    def add_suppression(self, s: Suppression) -> None:
        self.session.add_suppression(s)

    def delete_suppression(self, rule: str, task: str | None, candidate: str | None) -> None:
        self.session.delete_suppression(rule, task, candidate)

    def replace_plan(self, plan: Plan, *, source: str | None = None) -> None:
        self.session.replace_plan(plan, source=source)

    def apply(self, step: lifecycle.Step) -> int:
        """Save a lifecycle step; returns the new revision."""
        return self.session.apply(step)

    def undo(self) -> str:
        return self.session.undo()

    @property
    def can_undo(self) -> bool:
        return self._session is not None and self._session.can_undo

    def history(self, task: str | None = None, limit: int = 1000) -> list[HistoryEntry]:
        return self.session.history(task=task, limit=limit)

    # ------------------------------------------------------------------ rules

    @property
    def basis(self) -> Any:
        """What the advice is computed with (:class:`advisor.advice.basis.Basis`: the owner's
        phrase lists, ``key_criterion_low``, the ``[value]`` weights): the advisor's once it is
        set up, else the config's (the same merge), so the Ranking and the next steps rule out
        whom the rules rule out."""
        weights = getattr(self.settings, "value", None)
        adv = self.advisor
        if adv is not None:
            return adv.basis.weighted(weights)
        from advisor.advice.basis import Basis

        pre = self._pre_basis
        if pre is None or pre.weights is not weights:
            adv_settings = getattr(getattr(self.settings, "advisor", None), "settings", None)
            pre = self._pre_basis = Basis.of(adv_settings, weights=weights)
        return pre

    def _active_ruleset(self) -> Any:
        rs = self.ruleset
        if not self.disabled_rules or rs is None:
            return rs
        return replace(rs, rules=[r for r in rs.rules if r.id not in self.disabled_rules])

    def load_advisor(self) -> list[AdvisorError]:
        """Load the rule packs and start (or reload) the advisor; it may be slow. Returns the
        problems found in the rule files."""
        # Imported here, not at the top: the engine's imports would delay the app's first frame.
        from advisor.rules.rulepack import load_rules

        with self._lock:
            if self.closed:
                raise AdvisorError("the app is closing")
            self._rule_mtimes = self._scan_rule_files()
            ruleset, problems = load_rules(self.settings.advisor)
            self.ruleset = ruleset
            self.rule_problems = list(problems)
            self._give_rules()
            return self.rule_problems

    def _give_rules(self) -> None:
        """The advisor gets the rules without those switched off (its next evaluation is full)."""
        from advisor.engine import Advisor

        self._advisor_disabled = self.disabled_rules
        self._advised = None
        if self.advisor is None:
            self.advisor = Advisor(self._active_ruleset(), self.settings.advisor, today=self.today)
        else:
            self.advisor.reload(self._active_ruleset())

    def toggle_rule(self, rule_id: str) -> int:
        """Switch a rule on or off in the workspace: it stays so in every session on this
        workspace and for ``outsource check``. A save (for the app's ``io`` worker); returns the
        new revision, whose advice is evaluated without the rules switched off."""
        on = rule_id in self.disabled_rules
        self.ws.set_rule_enabled(rule_id, on)
        self.disabled_rules = self.disabled_rules - {rule_id} if on else self.disabled_rules | {rule_id}
        self.session.touch_all()
        return self.session.bump()

    def _read_rule_switches(self) -> None:
        """The rules switched off in the workspace (at open and on every reload)."""
        self.disabled_rules = frozenset(rule for rule, on in self.ws.rule_switches().items() if not on)

    def rule_files(self) -> list[Path]:
        from advisor.resources import builtin_rules_dir

        out: list[Path] = []
        for d in (builtin_rules_dir(), *self.settings.advisor.rule_dirs):
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

    # ------------------------------------------------------------------ advice

    def advise(self, revision: int, *, full: bool = False) -> Findings | None:
        """The findings of the plan at ``revision``, or None when a newer revision exists.

        Incremental (the tasks edited since the last evaluation are the advisor's hint) unless
        ``full``, a reload or a rule switch asks for a full evaluation; a revision already advised
        is not evaluated again. Raises what the advisor raises (EngineCrashed...)."""
        with self._lock:
            if self.advisor is None:
                raise AdvisorError("the advisor is not loaded")
            if self.revision > revision:
                return None
            if self._advisor_disabled != self.disabled_rules:  # a rule was switched on or off
                self._give_rules()
                full = True
            if not full and self._advised is not None and self._advised[0] == revision:
                return self._advised[1]
            taken = self.session.take(revision)
            if taken is None:
                return None
            plan, touched = taken
            self.evaluations += 1
            findings = self.advisor.evaluate(plan) if full else self.advisor.update(plan, touched=touched)
            self._advised = (revision, findings)
            self.session.advice = findings
            return findings
