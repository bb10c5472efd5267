"""The SQLite workspace: one file holding one business's plan, its change history and more.

Why SQLite and not the plan file: several windows (or the app and a command) may work on the same
plan at once. Every change is one ``BEGIN IMMEDIATE`` transaction that also writes its history
rows; every stored record (business, marketplace, rate, task, candidate) carries a ``version`` so a
save based on a stale read is refused (:class:`~advisor.errors.ConflictError`) instead of
silently overwriting someone's edit. A change that saves several records (a hire, an undo, a CSV
import that moves its task) runs its saves inside one :meth:`Workspace.transaction`: all of them
are stored, or on any error none.

The schema is created and upgraded with ``sqlite_utils.migrations.Migrations``; the tables are
meant to be readable with the ``sqlite3`` command-line tool. Loading is plain SQL straight into
the model's dataclasses, without validating again: every row was validated on the way in.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from advisor.errors import ConflictError, PlanError, WorkspaceError
from advisor.files import remove_stale_temps, temp_name, write_target
from advisor.plan.model import MAX_CANDIDATES, MAX_TASKS, Business, Candidate, Marketplace, Plan, RateObservation, Suppression, Task
from advisor.storage import dbcheck, rows
from advisor.storage.backups import check_backup, next_bak
from advisor.storage.connect import BUSY_TIMEOUT_S, copy_db as _copy, is_busy as _is_busy, workspace_error as _workspace_error
from advisor.storage import handle
from advisor.storage.handle import RELOAD_HINT, WorkspaceHandle
from advisor.storage.rows import _VERSIONED, existing as _existing, fresh_version as _fresh_version

#: History rows read at once (``outsource history --limit``): 100,000 rows took 6.5 GB as JSON.
MAX_HISTORY_PAGE = 1_000


@dataclass(frozen=True)
class HistoryEntry:
    at: str          # ISO 8601, UTC
    user: str        # the OS user who made the change
    action: str      # e.g. "save task", "import plan"
    detail: dict


class Workspace(WorkspaceHandle):
    """One open workspace file (:class:`~advisor.storage.handle.WorkspaceHandle`: opening, the
    lock, transactions, conflicts) with the reads and saves of the plan's records. Methods may be
    called from any thread, one at a time (a lock serialises them), so the app can do I/O in
    worker threads."""

    # ------------------------------------------------------------------ reading

    def load_plan(self) -> Plan:
        """The whole plan, in stored order. Rows are checked by type in SQL (cheap); the model's
        full validation runs on what comes from outside (a restore)."""
        with self._lock, self._errors():
            conn = self.conn
            inside = conn.in_transaction  # a change reloading mid-way (a marketplace rename)
            if not inside:
                conn.execute("BEGIN")  # one consistent snapshot across the selects
            try:
                # another tool may have stored a value the app never would (rating 'abc'):
                # name its table, row and field rather than fail somewhere later. Checked on the
                # first load and after another connection wrote (data_version moves only then).
                seen = conn.execute("PRAGMA data_version").fetchone()[0]
                if seen != self._rows_checked_at:
                    dbcheck.check_rows(conn, self.path)
                    self._rows_checked_at = seen
                return dbcheck.read_checked(lambda: rows.read_plan(conn), self.path)
            finally:
                if not inside:
                    conn.execute("COMMIT")

    def history(self, limit: int = 100, *, task: str | None = None, skip: int = 0) -> list[HistoryEntry]:
        """The most recent changes, newest first, after the ``skip`` newest; ``task``: only the
        changes about that task. Every row is held at once: pages for people are at most
        ``MAX_HISTORY_PAGE`` (``outsource history`` refuses more; the app reads 500)."""
        where, args = ("WHERE json_extract(detail, '$.task') = ?", (task,)) if task is not None else ("", ())
        with self._lock, self._errors():
            found = self.conn.execute(f"SELECT at, user, action, detail FROM history {where} "
                                     "ORDER BY id DESC LIMIT ? OFFSET ?", (*args, limit, max(0, skip))).fetchall()
        return [HistoryEntry(at, user, action, json.loads(detail)) for at, user, action, detail in found]

    def is_empty(self) -> bool:
        """No tasks and no rate research yet. Marketplaces do not count: a new workspace may be
        given the default ones, and replacing those loses nothing."""
        with self._lock, self._errors():
            return not any(self.conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
                           for t in ("tasks", "rates"))

    # ------------------------------------------------------------------ whole plan

    def replace_plan(self, plan: Plan, *, source: str | None = None) -> None:
        """Make the workspace exactly ``plan`` (import). All versions move past every old one, so
        a session still editing the old plan gets a conflict rather than overwriting it."""
        plan.validate()
        n_cands = sum(len(t.candidates) for t in plan.tasks)
        detail = {"tasks": len(plan.tasks), "candidates": n_cands}
        if source:
            detail["source"] = source
        with self._write("import plan", detail) as conn:
            version = 1 + conn.execute(
                "SELECT max(" + ", ".join(f"coalesce((SELECT max(version) FROM {t}), 0)" for t in _VERSIONED)
                + ")").fetchone()[0]
            for table in ("suppressions", "interviews", "candidates", "tasks", "rates", "marketplaces",
                          "business"):
                conn.execute(f"DELETE FROM {table}")
            self._insert_business(conn, plan.business, version)
            conn.executemany(rows.MARKET_INSERT, [rows.market_row(m, i, version)
                                                  for i, m in enumerate(plan.marketplaces)])
            conn.executemany(rows.RATE_INSERT, [rows.rate_row(r, i + 1, version) for i, r in enumerate(plan.rates)])
            conn.executemany(rows.TASK_INSERT, [rows.task_row(t, i, version) for i, t in enumerate(plan.tasks)])
            conn.executemany(rows.CAND_INSERT, [rows.cand_row(c, t.id, j, version)
                                                for t in plan.tasks for j, c in enumerate(t.candidates)])
            conn.executemany(rows.INTERVIEW_INSERT, [rows.interview_row(c) for c in plan.candidates()
                                                     if c.interview is not None])
            conn.executemany(rows.SUPPRESSION_INSERT, [rows.suppression_row(x) for x in plan.suppressions])

    def add_candidates(self, task_id: str, candidates: list[Candidate], *, source: str | None = None) -> None:
        """Append candidates to a task (CSV import): all of them or, on any problem, none."""
        for i, c in enumerate(candidates):
            if c.task and c.task != task_id:
                raise PlanError(f"belongs to task {c.task!r}, not {task_id!r}", field=f"candidates[{i}].task")
            c.task = task_id
            c.validate(f"candidates[{c.id}]" if isinstance(c.id, str) else f"candidates[{i}]")
        ids = [c.id for c in candidates]
        seen: set[str] = set()
        dup = next((x for x in ids if x in seen or seen.add(x)), None)  # linear (not ids.count)
        if dup is not None:
            raise PlanError(f"duplicate candidate id {dup!r}", field="candidates.id")
        detail = {"task": task_id, "candidates": len(candidates)}
        if source:
            detail["source"] = source
        with self._write("add candidates", detail) as conn:
            self._require_task(conn, task_id)
            have = conn.execute("SELECT count(*) FROM candidates").fetchone()[0]
            if have + len(candidates) > MAX_CANDIDATES:
                raise PlanError(f"would make {have + len(candidates):,} candidates; a plan may hold at most "
                                f"{MAX_CANDIDATES:,}", field="candidates", hint="remove rejected candidates first")
            taken = _existing(conn, "candidates", ids)
            if taken:
                raise PlanError(f"candidate id {sorted(taken)[0]!r} is already in the workspace",
                                field="candidates.id", hint="use other ids or leave the id column out")
            start = self._next_position(conn, task_id)
            conn.executemany(rows.CAND_INSERT, [rows.cand_row(c, task_id, start + j, 1)
                                                for j, c in enumerate(candidates)])
            conn.executemany(rows.INTERVIEW_INSERT, [rows.interview_row(c) for c in candidates
                                                     if c.interview is not None])
        for c in candidates:
            c.version = 1

    # ------------------------------------------------------------------ business, markets, rates

    def save_business(self, business: Business, *, force: bool = False) -> Business:
        """Save the business details; returns them with their new ``version``.

        ``business.version`` is the version the caller read: 0 means "none stored yet", which is
        only true while the workspace has no business row. Any other mismatch (a stale version,
        or 0 over stored details) is a ConflictError and nothing is written. ``force=True``
        overwrites whatever is stored (scripts that mean to set the details outright)."""
        business.validate()
        with self._write("save business", {"name": business.name}) as conn:
            row = conn.execute("SELECT version FROM business WHERE id = 1").fetchone()
            stored = row[0] if row else 0
            if stored != business.version and not force:
                raise ConflictError("the business details changed in another session since you opened them; "
                                    "reload to see their change", file=self.path, field="business",
                                    hint=RELOAD_HINT)
            version = stored + 1 if row else _fresh_version(conn)
            self._insert_business(conn, business, version)
        return replace(business, version=version)

    def apply_history(self, completed_jobs: int, past_jobs: dict[str, int], detail: dict[str, Any]) -> None:
        """What a transaction history showed (``outsource import --history``), in one transaction:
        the business's ``completed_jobs`` and each matched candidate's ``past_jobs_with_us``
        (candidate id -> count). All or nothing; a workspace without a business row gets one."""
        if not isinstance(completed_jobs, int) or completed_jobs < 0:
            raise PlanError("must be a whole number of jobs", field="business.completed_jobs")
        with self._write("import history", detail) as conn:
            if past_jobs:
                missing = sorted(set(past_jobs) - _existing(conn, "candidates", list(past_jobs)))
                if missing:
                    raise ConflictError(f"candidate {missing[0]!r} was deleted in another session; reload",
                                        file=self.path, field="candidate")
                conn.executemany("UPDATE candidates SET past_jobs_with_us = ?, version = version + 1 WHERE id = ?",
                                 [(n, cid) for cid, n in sorted(past_jobs.items())])
            if conn.execute("SELECT 1 FROM business WHERE id = 1").fetchone():
                conn.execute("UPDATE business SET completed_jobs = ?, version = version + 1 WHERE id = 1",
                             (completed_jobs,))
            else:
                self._insert_business(conn, Business(completed_jobs=completed_jobs), _fresh_version(conn))

    @staticmethod
    def _insert_business(conn: sqlite3.Connection, b: Business, version: int) -> None:
        conn.execute(rows.BUSINESS_UPSERT, rows.business_row(b, version))

    def save_marketplace(self, market: Marketplace, old_name: str | None = None, *,
                         force: bool = False) -> Marketplace:
        """Add (``version`` 0) or update a marketplace; returns it with its new ``version``.
        Renaming (``old_name``) also renames its uses in rates, tasks and candidates, so nothing
        points at a name that no longer exists.

        The stored row being replaced (``old_name``, else ``market.name``) must still have
        ``market.version``: a stale version, a row deleted meanwhile, or version 0 (an add) over a
        row that exists is a ConflictError and nothing is written. ``force=True`` skips the check."""
        market.validate()
        old = old_name if old_name is not None else market.name
        with self._write("save marketplace", {"name": market.name, "old_name": old_name}) as conn:
            if old != market.name and conn.execute("SELECT 1 FROM marketplaces WHERE name = ?",
                                                   (market.name,)).fetchone():
                raise PlanError(f"duplicate marketplace {market.name!r}", field="marketplace.name")
            row = conn.execute("SELECT position, version FROM marketplaces WHERE name = ?", (old,)).fetchone()
            if not force and (row[1] if row else 0) != market.version:
                self._conflict(conn, "marketplaces", "marketplace", old, key="name")
            if row is None:
                position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM marketplaces").fetchone()[0]
                version = _fresh_version(conn)
            else:
                position, version = row[0], row[1] + 1
                conn.execute("DELETE FROM marketplaces WHERE name = ?", (old,))
            conn.execute(rows.MARKET_INSERT, rows.market_row(market, position, version))
            if old != market.name:
                self._rename_market(conn, old, market.name)
        return replace(market, version=version)

    @staticmethod
    def _rename_market(conn: sqlite3.Connection, old: str, new: str) -> None:
        conn.execute("UPDATE rates SET marketplace = ?, version = version + 1 WHERE marketplace = ?", (new, old))
        conn.execute("UPDATE candidates SET marketplace = ?, version = version + 1 WHERE marketplace = ?",
                     (new, old))
        for tid, markets in conn.execute("SELECT id, marketplaces FROM tasks").fetchall():
            names = json.loads(markets)
            if old in names:
                names = [new if n == old else n for n in names]
                conn.execute("UPDATE tasks SET marketplaces = ?, version = version + 1 WHERE id = ?",
                             (json.dumps(names, ensure_ascii=False), tid))

    def delete_marketplace(self, name: str, *, version: int | None = None) -> None:
        """``version``: the version the user saw; if given and the marketplace changed (or went)
        since, ConflictError instead of deleting someone else's newer edit."""
        with self._write("delete marketplace", {"name": name}) as conn:
            if version is not None and not conn.execute(
                    "SELECT 1 FROM marketplaces WHERE name = ? AND version = ?", (name, version)).fetchone():
                self._conflict(conn, "marketplaces", "marketplace", name, key="name")
            if conn.execute("DELETE FROM marketplaces WHERE name = ?", (name,)).rowcount == 0:
                raise PlanError(f"there is no marketplace {name!r}", field="marketplace.name")

    def save_rate(self, rate: RateObservation) -> RateObservation:
        """Add (``id`` None) or update a rate observation; returns it with its id and new
        ``version``. An update must carry the stored version (ConflictError otherwise)."""
        rate.validate()
        with self._write("save rate", {"skill": rate.skill, "id": rate.id}) as conn:
            if rate.id is None:
                version = _fresh_version(conn)
                cur = conn.execute(rows.RATE_INSERT, rows.rate_row(rate, None, version))
                return replace(rate, id=cur.lastrowid, version=version)
            cur = conn.execute(rows.RATE_UPDATE, rows.rate_update(rate))
            if cur.rowcount == 0:
                self._rate_conflict(conn, rate.id)
            return replace(rate, version=rate.version + 1)

    def delete_rate(self, rate_id: int, *, version: int | None = None) -> None:
        """``version``: the version the user saw; if given and the rate changed since,
        ConflictError. A rate that is not there (deleted meanwhile) is a ConflictError too."""
        with self._write("delete rate", {"id": rate_id}) as conn:
            if version is not None and conn.execute("SELECT 1 FROM rates WHERE id = ? AND version != ?",
                                                    (rate_id, version)).fetchone():
                self._rate_conflict(conn, rate_id)
            if conn.execute("DELETE FROM rates WHERE id = ?", (rate_id,)).rowcount == 0:
                self._rate_conflict(conn, rate_id)

    # ------------------------------------------------------------------ tasks and candidates

    def save_task(self, task: Task) -> Task:
        """Insert a new task (``version`` 0) or update one; the task's own fields only, not its
        candidates. Refuses with ConflictError if the stored version is not ``task.version``."""
        task.validate(with_candidates=False)
        with self._write("save task", {"task": task.id, "title": task.title}) as conn:
            if task.version == 0:
                if conn.execute("SELECT 1 FROM tasks WHERE id = ?", (task.id,)).fetchone():
                    raise PlanError(f"duplicate task id {task.id!r}: there is already a task with this id",
                                    field="task.id")
                have, position = conn.execute("SELECT count(*), coalesce(max(position), -1) + 1 FROM tasks").fetchone()
                if have >= MAX_TASKS:
                    raise PlanError(f"would make {have + 1:,} tasks; a plan may hold at most {MAX_TASKS:,}",
                                    field="task.id", hint="delete finished or cancelled tasks first")
                conn.execute(rows.TASK_INSERT, rows.task_row(task, position, 1))
                return replace(task, version=1)
            cur = conn.execute(rows.TASK_UPDATE, rows.task_update(task))
            if cur.rowcount == 0:
                self._conflict(conn, "tasks", "task", task.id)
            return replace(task, version=task.version + 1)

    def delete_task(self, task_id: str, *, version: int | None = None) -> None:
        """Delete a task with its candidates, their interviews and suppressions about them.
        ``version``: the version the user saw; if given and the task changed since, ConflictError."""
        with self._write("delete task", {"task": task_id}) as conn:
            if version is not None and conn.execute("SELECT 1 FROM tasks WHERE id = ? AND version != ?",
                                                    (task_id, version)).fetchone():
                self._conflict(conn, "tasks", "task", task_id)
            if conn.execute("DELETE FROM tasks WHERE id = ?", (task_id,)).rowcount == 0:
                raise ConflictError(f"task {task_id!r} does not exist (deleted in another session?); reload",
                                    file=self.path, field="task")

    def save_candidate(self, cand: Candidate) -> Candidate:
        """Insert (``version`` 0) or update a candidate with its interview; may move it to another
        task. Refuses with ConflictError if the stored version is not ``cand.version``."""
        cand.validate()
        if not cand.task:
            raise PlanError("is required: which task is this proposal for?", field="candidate.task")
        with self._write("save candidate", {"candidate": cand.id, "task": cand.task}) as conn:
            self._require_task(conn, cand.task)
            if cand.version == 0:
                if conn.execute("SELECT 1 FROM candidates WHERE id = ?", (cand.id,)).fetchone():
                    raise PlanError(f"duplicate candidate id {cand.id!r}: candidate ids are unique in a plan",
                                    field="candidate.id")
                conn.execute(rows.CAND_INSERT, rows.cand_row(cand, cand.task, self._next_position(conn, cand.task), 1))
            else:
                old = conn.execute("SELECT task, position, version FROM candidates WHERE id = ?",
                                   (cand.id,)).fetchone()
                if old is None or old[2] != cand.version:
                    self._conflict(conn, "candidates", "candidate", cand.id)
                position = old[1] if old[0] == cand.task else self._next_position(conn, cand.task)
                conn.execute("DELETE FROM interviews WHERE candidate = ?", (cand.id,))
                conn.execute(rows.CAND_UPDATE, rows.cand_update(cand, cand.task, position))
            if cand.interview is not None:
                conn.execute(rows.INTERVIEW_INSERT, rows.interview_row(cand))
        return replace(cand, version=cand.version + 1)

    def delete_candidate(self, candidate_id: str, *, version: int | None = None) -> None:
        """``version``: the version the user saw; if given and the candidate changed since,
        ConflictError instead of deleting someone else's newer edit."""
        with self._write("delete candidate", {"candidate": candidate_id}) as conn:
            if version is not None and conn.execute("SELECT 1 FROM candidates WHERE id = ? AND version != ?",
                                                    (candidate_id, version)).fetchone():
                self._conflict(conn, "candidates", "candidate", candidate_id)
            if conn.execute("DELETE FROM candidates WHERE id = ?", (candidate_id,)).rowcount == 0:
                raise ConflictError(f"candidate {candidate_id!r} does not exist (deleted in another session?); "
                                    "reload", file=self.path, field="candidate")

    # ------------------------------------------------------------------ suppressions

    def add_suppression(self, s: Suppression) -> None:
        """Acknowledge a finding; replaces an earlier acknowledgement of the same finding."""
        s.validate()
        with self._write("add suppression", {"rule": s.rule, "task": s.task, "candidate": s.candidate}) as conn:
            if s.task is not None:
                self._require_task(conn, s.task)
            if s.candidate is not None and not conn.execute("SELECT 1 FROM candidates WHERE id = ?",
                                                            (s.candidate,)).fetchone():
                raise PlanError(f"names candidate {s.candidate!r}, which does not exist",
                                field="suppression.candidate")
            conn.execute("DELETE FROM suppressions WHERE rule = ? AND task IS ? AND candidate IS ?", s.key)
            conn.execute(rows.SUPPRESSION_INSERT, rows.suppression_row(s))

    def delete_suppression(self, rule: str, task: str | None = None, candidate: str | None = None) -> None:
        with self._write("delete suppression", {"rule": rule, "task": task, "candidate": candidate}) as conn:
            conn.execute("DELETE FROM suppressions WHERE rule = ? AND task IS ? AND candidate IS ?",
                         (rule, task, candidate))

    # ------------------------------------------------------------------ rule switches

    def rule_switches(self) -> dict[str, bool]:
        """The rules switched in this workspace: rule id -> enabled. Only rules switched off are
        stored (a rule switched back on loses its row), so every value is False today; a rule
        not named is on (unless the config's ``select``/``ignore`` leave it out)."""
        with self._lock, self._errors():
            return {rule: bool(on) for rule, on in self.conn.execute(
                "SELECT rule, enabled FROM rule_switches ORDER BY rule")}

    def set_rule_enabled(self, rule_id: str, enabled: bool, *, reason: str = "") -> None:
        """Switch a rule on or off for every session on this workspace (the app and
        ``outsource check``). Off: a row (``enabled`` 0, with ``reason``, when and who);
        on: the row is deleted. One transaction, one history row (``switch rule``)."""
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise PlanError("a rule id is required", field="rule")
        if not isinstance(reason, str):
            raise PlanError("must be text", field="reason")
        detail: dict[str, Any] = {"rule": rule_id, "enabled": bool(enabled)}
        if reason:
            detail["reason"] = reason
        with self._write("switch rule", detail) as conn:
            if enabled:
                conn.execute("DELETE FROM rule_switches WHERE rule = ?", (rule_id,))
            else:
                conn.execute("INSERT OR REPLACE INTO rule_switches (rule, enabled, reason, at, user) "
                             "VALUES (?, 0, ?, ?, ?)", (rule_id, reason, handle.now(), self.user))
    # ------------------------------------------------------------------ backup and restore

    def backup(self, dest: str | Path) -> Path:
        """Copy the workspace to ``dest`` (mode 0600) with SQLite's online backup: safe while
        other sessions are writing. The copy is made in a temporary file next to ``dest`` and
        takes the name only when complete: a failed backup leaves nothing, and ``dest`` is never
        a special file or the target of a dangling link."""
        dest = Path(dest).expanduser()
        if os.path.lexists(dest):
            write_target(dest)  # names what kind of thing is there
            raise WorkspaceError("already exists; choose another name", file=dest)
        remove_stale_temps(dest)
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=temp_name(dest), suffix=".tmp", dir=dest.parent)
            os.close(fd)
        except OSError as exc:
            raise WorkspaceError(f"cannot write here: {exc.strerror or exc}", file=dest) from None
        tmp = Path(tmp_name)
        try:
            out = sqlite3.connect(tmp_name, timeout=BUSY_TIMEOUT_S)
            try:
                with self._lock, self._errors():
                    try:
                        _copy(self.conn, out)
                    except sqlite3.Error as exc:  # reading ours, or writing the copy?
                        if _is_busy(exc):
                            raise  # the workspace is locked: named by _errors
                        raise _workspace_error(exc, dest) from None
                out.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                out.close()
            os.link(tmp, dest)
        except FileExistsError:
            raise WorkspaceError("already exists; choose another name", file=dest) from None
        except sqlite3.Error as exc:
            raise _workspace_error(exc, dest) from None
        except OSError as exc:
            raise WorkspaceError(f"cannot write: {exc.strerror or exc}", file=dest) from None
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        return dest

    def restore_from(self, source: str | Path) -> Path:
        """Replace this workspace's contents with the backup ``source`` after checking it
        (:func:`check_backup`); the current contents are kept next to the workspace as
        ``<name>.bak`` (``<name>.bak.2``, ``.3``... when taken: none is ever deleted). Returns
        the .bak path."""
        source = Path(source).expanduser()
        src = check_backup(source)
        try:
            bak = self.backup(next_bak(self.path))
            with self._lock, self._errors():
                _copy(src, self.conn)
        except OSError as exc:
            raise WorkspaceError(f"cannot write: {exc.strerror or exc}", file=self.path) from None
        finally:
            src.close()
        with self._errors():
            self._migrate()
        with self._write("restore", {"source": str(source)}):
            pass
        return bak
