"""One working session on a workspace: the plan in memory, every edit and decision, and undo.

Textual-free, so the app (through :class:`advisor.pipeline.Pipeline`) and the command line
(``outsource import``, ``history``) make the same changes the same way:

- every change goes through the workspace's versioned saves (a record changed meanwhile by
  another session is a ConflictError, never overwritten), with a history row naming the decision
  (``change``), the task and the advice that was open on it (``advice``);
- the lifecycle (:mod:`advisor.plan.lifecycle`) moves statuses along: a first candidate makes a draft
  or posted task ``hiring``, a hire fills the openings, ...;
- a marketplace named by a task, candidate or rate becomes a record (fees unknown) if it is not
  one yet;
- :meth:`Session.undo` takes back this session's changes, newest first, through the same saves;
- each change (and each undo) is one workspace transaction: the versions of the records it
  touches are checked first, then every save with its history row; on a conflict nothing is
  stored, the plan in memory is put back as it was, and the undo stack keeps what it had;
- every change (an edit, a decision, an undo, a reload) moves the plan to a new
  :attr:`Session.revision`; the tasks each revision changed are kept until the advice takes the
  plan at a revision (:meth:`Session.take`), for the incremental advisor;
- the history row of a change keeps the advice open on its task (:attr:`Session.advice`, set by
  :class:`advisor.pipeline.Pipeline`, which asks the advisor for the advice of a revision).

Records in :attr:`Session.plan` are replaced, never changed in place, so :meth:`snapshot` can
hand the plan to another thread cheaply.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from advisor.plan import lifecycle
from advisor.plan.changes import cand_name, diff, interview_changed, task_name
from advisor.errors import PlanError
from advisor.plan.model import Business, Candidate, Marketplace, Plan, RateObservation, Suppression, Task
from advisor.text import cut
from advisor.storage.workspace import HistoryEntry, Workspace
from advisor.undo import Change, Kind, Revert, Undo, record_key

if TYPE_CHECKING:
    from advisor.advice.findings import Findings


@dataclass
class _Recorder:
    reverts: list[Revert] = field(default_factory=list)


class Session(Undo):
    """The workspace, the plan in memory, its revision and the undo stack (:class:`Undo`)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.plan = Plan()
        #: The advice last evaluated on this plan (:class:`advisor.pipeline.Pipeline` sets it):
        #: the history row of a change keeps what was open on its task (rule, severity, message).
        self.advice: Findings | None = None
        #: The plan's revision: one number, bumped by every change (an edit, a decision, an undo,
        #: a reload, :meth:`bump` for a rule switch). Advice is asked for a revision.
        self.revision = 0
        self._undo: list[Change] = []
        self._rec: _Recorder | None = None
        # what this session last wrote per record (kind, key) -> version: undo expects exactly it
        self._written: dict[tuple[str, Any], int] = {}
        # tasks edited in the change being made (None: anything may have changed), and per
        # revision not yet evaluated, the tasks it edited (the incremental advisor's hint)
        self._touched: set[str] | None = set()
        self._log: list[tuple[int, set[str] | None]] = []
        # held while a change is made and while the plan is read with its revision: the advice
        # thread never sees half a change
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> "Session":
        s = cls(Workspace.open(path, create=create))
        s.reload()
        return s

    def close(self) -> None:
        self.ws.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reload(self) -> Plan:
        """Read the plan back as stored (a new revision: anything may have changed)."""
        with self._lock:
            self.plan = self.ws.load_plan()
            self.touch_all()
            self.bump()
            return self.plan

    # ------------------------------------------------------------------ revisions

    def touch(self, *task_ids: str | None) -> None:
        with self._lock:
            if self._touched is not None:
                self._touched.update(t for t in task_ids if t is not None)

    def touch_all(self) -> None:
        with self._lock:
            self._touched = None

    def bump(self) -> int:
        """A new revision, remembering the tasks touched since the last one (a rule switched on
        or off: call :meth:`touch_all` first)."""
        with self._lock:
            self.revision += 1
            self._log.append((self.revision, self._touched))
            self._touched = set()
            return self.revision

    def snapshot(self) -> Plan:
        """A copy of the plan's lists; the records themselves are shared (never changed in place)."""
        with self._lock:
            p = self.plan
            return Plan(business=p.business, marketplaces=list(p.marketplaces), rates=list(p.rates),
                        tasks=list(p.tasks), suppressions=list(p.suppressions))

    def take(self, revision: int) -> tuple[Plan, set[str] | None] | None:
        """The plan at ``revision`` (a :meth:`snapshot`) and the tasks edited since the last
        :meth:`take` (None: anything), which are forgotten; None if a newer revision exists."""
        with self._lock:
            if revision != self.revision:
                return None
            mine = [t for r, t in self._log if r <= revision]
            self._log = [(r, t) for r, t in self._log if r > revision]
            plan = self.snapshot()
        if any(t is None for t in mine):
            return plan, None
        return plan, set().union(*mine)

    # ------------------------------------------------------------------ recording

    def open_advice(self, task_id: str | None) -> list[dict] | None:
        """The advice open on ``task_id`` now (rule, severity, message), bounded: kept in the
        history row of a change, so the log says what the owner was told when deciding."""
        if self.advice is None or task_id is None:
            return None
        return _bounded([{"rule": f.rule, "severity": f.severity, "message": f.message}
                         for f in self.advice.for_task(task_id) if f.kind == "advice" and not f.suppressed])

    def _note(self, change: str, task: str | None) -> Any:
        advice = self.open_advice(task)
        title = next((t.title for t in self.plan.tasks if t.id == task), None) if task is not None else None
        return self.ws.noting(change=change, task=task, task_title=title, advice=advice)

    def _task_name(self, task_id: str | None, fallback: Task | None = None) -> str:
        """``'New logo for the bakery'``: the task's title as the plan has it now (else its id)."""
        t = next((t for t in self.plan.tasks if t.id == task_id), fallback)
        return task_name(t) if t is not None else f"'{task_id}'"

    def _change(self, label: str, task: str | None, fn: Callable[[], Any],
                expect: Callable[[], list[tuple[str, Any, int]]] | None = None) -> Any:
        """Run ``fn`` (one or more saves) as one undoable change with a history note, in one
        transaction: ``expect`` (the records' versions it relies on, checked first) or any
        save failing stores nothing and leaves the session as it was."""
        if self._rec is not None:  # part of an enclosing change: its transaction, its undo entry
            with self._note(label, task):
                return fn()
        with self._lock:
            self._rec = _Recorder()
            plan, written = self.snapshot(), dict(self._written)
            touched = None if self._touched is None else set(self._touched)
            try:
                with self._note(label, task), self.ws.transaction():  # the advice is read before the lock
                    if expect is not None:
                        self.ws.check_versions(expect())
                    result = fn()
            except BaseException:
                self.plan, self._written, self._touched = plan, written, touched
                raise
            finally:
                rec, self._rec = self._rec, None
            if rec.reverts:
                self._undo.append(Change(label, task, tuple(rec.reverts)))
            self.bump()
            return result

    def _did(self, kind: Kind, before: Any, after: Any) -> None:
        key = record_key(kind, after if after is not None else before)
        if after is not None and kind not in ("suppression",):
            self._written[key] = after.version
        else:
            self._written.pop(key, None)
        if self._rec is not None:
            self._rec.reverts.append(Revert(kind, before, after))

    # ------------------------------------------------------------------ marketplaces named

    def _save_if_changed(self, kind: Kind, key: Any, old: Any, new: Any, save: Callable[[], Any],
                         strip: Callable[[Any], Any] = lambda r: r) -> tuple[Any, bool]:
        """Save ``new`` over the plan's ``old`` (None: a new record) with its changes noted in the
        history row: (the saved copy, True). When no field changed nothing is written (no history
        row, no new version) but a stale ``new`` is still refused: (``old``, False). ``strip``:
        the part of the record compared and remembered for undo (a task without its candidates)."""
        changes = diff(old if old is None else strip(old), strip(new))
        if _unchanged(old, new, changes):
            self.ws.check_versions([(kind, key, new.version)])
            return old, False
        with self.ws.noting(changes=changes or None):
            saved = save()
        self._did(kind, old if old is None else strip(old), saved)
        return saved, True

    def _ensure_markets(self, names: Any) -> None:
        """Make a record (fees unknown) of each marketplace named that is not one yet."""
        for name in names:
            if name and self.plan.marketplace(name) is None:
                self.save_marketplace(Marketplace(name))

    # ------------------------------------------------------------------ tasks and candidates

    def task(self, task_id: str) -> Task:
        return self.plan.task(task_id)

    def save_task(self, task: Task) -> Task:
        label = f"{'add' if task.version == 0 else 'edit'} task {self._task_name(task.id, task)}"
        return self._change(label, task.id, lambda: self._save_task(task))

    def _save_task(self, task: Task) -> Task:
        task.validate(with_candidates=False)
        self._ensure_markets(task.marketplaces)
        old = next((t for t in self.plan.tasks if t.id == task.id), None) if task.version else None
        saved, wrote = self._save_if_changed("task", task.id, old, task,
                                             lambda: self.ws.save_task(_bare(task)), strip=_bare)
        if not wrote:
            return old
        self.touch(task.id)
        for i, t in enumerate(self.plan.tasks):
            if t.id == task.id:
                self.plan.tasks[i] = replace(saved, candidates=list(t.candidates))
                return self.plan.tasks[i]
        new = replace(saved, candidates=[])
        self.plan.tasks.append(new)
        return new

    def _move(self, old: Task, new: Task) -> None:
        """Save a status the lifecycle moved, logged as such."""
        with self.ws.noting(change=f"task {task_name(old)}: {old.status} → {new.status}"):
            self._save_task(new)

    def delete_task(self, task_id: str) -> None:
        def run() -> None:
            old = self.plan.task(task_id)
            self.ws.delete_task(task_id, version=old.version)
            self.touch(task_id)
            self._did("task", old, None)
            self.plan.tasks = [t for t in self.plan.tasks if t.id != task_id]
        self._change(f"delete task {self._task_name(task_id)}", task_id, run)

    def save_candidate(self, cand: Candidate) -> Candidate:
        old = next((c for c in self.plan.candidates() if c.id == cand.id), None) if cand.version else None
        if old is None:
            label = f"add candidate {cand_name(cand)} to {self._task_name(cand.task)}"
        elif interview_changed(old, cand):
            label = f"interview {cand_name(old)} for {self._task_name(cand.task)}"
        else:
            label = f"edit candidate {cand_name(old)}"
        return self._change(label, cand.task or None, lambda: self._save_candidate(cand))

    def _save_candidate(self, cand: Candidate) -> Candidate:
        cand.validate()
        self._ensure_markets([cand.marketplace])
        old = next((c for c in self.plan.candidates() if c.id == cand.id), None) if cand.version else None
        saved, wrote = self._save_if_changed("candidate", cand.id, old, cand, lambda: self.ws.save_candidate(cand))
        if not wrote:
            return old
        self.touch(saved.task)
        if old is not None and old.task != saved.task:
            self.touch(old.task)
            self.plan.tasks = [replace(t, candidates=[c for c in t.candidates if c.id != saved.id])
                               if t.id == old.task else t for t in self.plan.tasks]
        for i, t in enumerate(self.plan.tasks):
            if t.id == saved.task:
                cands = [saved if c.id == saved.id else c for c in t.candidates]
                if all(c.id != saved.id for c in t.candidates):
                    cands.append(saved)
                self.plan.tasks[i] = replace(t, candidates=cands)
                moved = lifecycle.candidates_added(t, 1) if old is None or old.task != saved.task else None
                if moved is not None:
                    self._move(t, moved)
                break
        return saved

    def delete_candidate(self, candidate_id: str) -> None:
        old = self.plan.candidate(candidate_id)

        def run() -> None:
            self.ws.delete_candidate(candidate_id, version=old.version)
            self._did("candidate", old, None)
            self.touch(old.task)
            self.plan.tasks = [replace(t, candidates=[c for c in t.candidates if c.id != candidate_id])
                               if t.id == old.task else t for t in self.plan.tasks]
        self._change(f"delete candidate {cand_name(old)}", old.task, run)

    def add_candidates(self, task_id: str, cands: list[Candidate], *, source: str | None = None) -> None:
        """Append candidates to a task (CSV import) and move a draft or posted task to hiring."""
        def run() -> None:
            task = self.plan.task(task_id)
            self._ensure_markets(c.marketplace for c in cands)
            self.ws.add_candidates(task_id, cands, source=source)
            for c in cands:
                self._did("candidate", None, c)
            task = replace(task, candidates=[*task.candidates, *cands])
            self.plan.tasks = [task if t.id == task_id else t for t in self.plan.tasks]
            self.touch(task_id)
            moved = lifecycle.candidates_added(task, 0)
            if moved is not None:
                self._move(task, moved)
        what = (f"import {len(cands)} candidate(s)" + (f" from {source}" if source else "")
                + f" into {self._task_name(task_id)}")
        self._change(what, task_id, run)

    # ------------------------------------------------------------------ the rest of the plan

    def save_rate(self, rate: RateObservation) -> RateObservation:
        def run() -> RateObservation:
            rate.validate()
            self._ensure_markets([rate.marketplace])
            old = next((r for r in self.plan.rates if r.id is not None and r.id == rate.id), None)
            saved, wrote = self._save_if_changed("rate", rate.id, old, rate, lambda: self.ws.save_rate(rate))
            if not wrote:
                return old
            self.touch_all()  # going rates feed every task with these skills
            self.plan.rates = [r for r in self.plan.rates if r.id is None or r.id != saved.id] + [saved]
            return saved
        return self._change(f"{'add' if rate.id is None else 'edit'} rate for {rate.skill}", None, run)

    def delete_rate(self, rate_id: int, version: int | None = None) -> None:
        old = next((r for r in self.plan.rates if r.id == rate_id), None)
        if version is None and old is not None:
            version = old.version

        def run() -> None:
            self.ws.delete_rate(rate_id, version=version)
            if old is not None:
                self._did("rate", old, None)
            self.touch_all()
            self.plan.rates = [r for r in self.plan.rates if r.id != rate_id]
        self._change(f"delete rate for {old.skill}" if old is not None else f"delete rate {rate_id}", None, run)

    def save_business(self, b: Business) -> Business:
        def run() -> Business:
            b.validate()
            old = self.plan.business if self.plan.business.version else None
            saved, wrote = self._save_if_changed("business", 1, old, b, lambda: self.ws.save_business(b))
            if not wrote:
                return old
            self.plan.business = saved
            self.touch_all()
            return saved
        return self._change("edit business", None, run)

    def save_marketplace(self, m: Marketplace, old_name: str | None = None) -> Marketplace:
        def run() -> Marketplace:
            m.validate()
            old = self.plan.marketplace(old_name or m.name) if m.version else None
            saved, wrote = self._save_if_changed("marketplace", old and old.name, old, m,
                                                 lambda: self.ws.save_marketplace(m, old_name=old_name))
            if not wrote:
                return old
            self.touch_all()
            if old_name is not None and old_name != saved.name:
                self.plan = self.ws.load_plan()  # a rename also renamed its uses
                return saved
            key = old_name or saved.name
            markets = [saved if x.name == key else x for x in self.plan.marketplaces]
            if all(x.name != key for x in self.plan.marketplaces):
                markets.append(saved)
            self.plan.marketplaces = markets
            return saved
        return self._change(f"{'add' if m.version == 0 else 'edit'} marketplace {m.name}", None, run)

    def delete_marketplace(self, name: str, version: int | None = None) -> None:
        old = self.plan.marketplace(name)
        if version is None and old is not None:
            version = old.version

        def run() -> None:
            self.ws.delete_marketplace(name, version=version)
            if old is not None:
                self._did("marketplace", old, None)
            self.touch_all()
            self.plan.marketplaces = [m for m in self.plan.marketplaces if m.name != name]
        self._change(f"delete marketplace {name}", None, run)

    def add_suppression(self, s: Suppression) -> None:
        def run() -> None:
            s.validate()
            old = next((x for x in self.plan.suppressions if x.key == s.key), None)
            self.ws.add_suppression(s)
            self._did("suppression", old, s)
            self.touch(s.task)
            self.plan.suppressions = [x for x in self.plan.suppressions if x.key != s.key] + [s]
        self._change(f"acknowledge {s.rule}", s.task, run)

    def delete_suppression(self, rule: str, task: str | None, candidate: str | None) -> None:
        def run() -> None:
            old = next((x for x in self.plan.suppressions if x.key == (rule, task, candidate)), None)
            self.ws.delete_suppression(rule, task, candidate)
            if old is not None:
                self._did("suppression", old, None)
            self.touch(task)
            self.plan.suppressions = [x for x in self.plan.suppressions if x.key != (rule, task, candidate)]
        self._change(f"un-acknowledge {rule}", task, run)

    def replace_plan(self, plan: Plan, *, source: str | None = None) -> None:
        """Make the workspace ``plan`` (import), with a record for every marketplace it names.
        Statuses are imported as written (:func:`advisor.plan.lifecycle.out_of_step` lists those out
        of step). Not undoable: every version moves on, so the undo stack is cleared."""
        from advisor.advice.insights import with_market_records

        plan.marketplaces = with_market_records(plan)
        plan.validate()
        with self.ws.noting(change="import plan" + (f" from {source}" if source else "")):
            self.ws.replace_plan(plan, source=source)
        self._undo.clear()
        self._written.clear()
        self.reload()

    # ------------------------------------------------------------------ decisions

    def apply(self, step: lifecycle.Step) -> int:
        """Save what a lifecycle step changes (the caller asked ``step.confirm`` first); refuses
        a refused step with its reason. Returns the plan's new :attr:`revision`."""
        if step.refused:
            raise PlanError(step.refused, field="status")
        task_id = step.task.id if step.task is not None else step.candidate.task if step.candidate else None

        cands = ([step.candidate] if step.candidate is not None else []) + list(step.others)

        def expect() -> list[tuple[str, Any, int]]:
            out = [("candidate", c.id, c.version) for c in cands]
            if step.task is not None:
                out.append(("task", step.task.id, self.plan.task(step.task.id).version))
            return out

        def run() -> None:
            for c in cands:
                self._save_candidate(c)
            if step.task is not None:
                current = self.plan.task(step.task.id)
                new = replace(step.task, version=current.version)
                if step.candidate is None:  # the step is about the task (post, done, cancel): its own words
                    self._save_task(new)
                else:  # moved along by the candidate's step (a hire fills the openings)
                    self._move(current, new)
        self._change(step.label, task_id, run, expect)
        return self.revision

    # ------------------------------------------------------------------ the log

    def history(self, task: str | None = None, limit: int = 1000) -> list[HistoryEntry]:
        return self.ws.history(limit, task=task)


def _bare(task: Task) -> Task:
    """A task without its candidates (they are saved, compared and undone on their own)."""
    return replace(task, candidates=[])


def _unchanged(old: Any, new: Any, changes: list) -> bool:
    """A save of ``new`` over the plan's ``old`` that changes no field: nothing to write. A record
    changed in place (the plan's own object, edited by the caller) cannot be compared: saved."""
    return old is not None and old is not new and not changes and old.version == new.version


#: The open advice a history row keeps: at most this many findings, each message at most
#: ``MAX_HISTORY_MESSAGE`` characters (every change stores it; `history` reads pages of rows).
MAX_HISTORY_ADVICE = 20
MAX_HISTORY_MESSAGE = 500


def _bounded(advice: list[dict] | None) -> list[dict] | None:
    if advice is None:
        return None
    return [{**a, "message": cut(str(a.get("message", "")), MAX_HISTORY_MESSAGE)}
            for a in advice[:MAX_HISTORY_ADVICE]]
