"""An open workspace file: opening and migrating it, the lock, transactions with their history
row, version checks and the conflict errors they raise. :class:`WorkspaceHandle` is the base of
:class:`advisor.storage.workspace.Workspace`, which adds the reads and saves of the plan's records.

Every change is one ``BEGIN IMMEDIATE`` transaction that also writes its history row; every
stored record carries a ``version`` so a save based on a stale read is refused
(:class:`~advisor.errors.ConflictError`) instead of silently overwriting someone's edit.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Self

from advisor.errors import ConflictError, PlanError, WorkspaceError
from advisor.storage import schema as _schema
from advisor.storage.connect import (FileSignature, open_conn as _connect, open_read_only as _connect_read_only,
                                     workspace_error as _workspace_error, writable as _writable)
from advisor.storage.rows import _VERSION_OF
from advisor.storage.schema import check_current as _check_current, check_ours as _check_ours

RELOAD_HINT = "reload, then make your change again"


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry (containers)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class WorkspaceHandle:
    """One open workspace file: its connection, the lock, transactions and version checks.
    Methods may be called from any thread, one at a time (a lock serialises them)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, snapshot: "FileSignature | None" = None) -> None:
        self.path = path
        self.conn = conn
        #: Opened ``immutable`` (:meth:`open_for_reading`): the file as it was then, checked
        #: unchanged after every read.
        self.snapshot = snapshot
        self.read_only = False
        self._db: Any = None
        self.user = os_user()
        self._lock = threading.RLock()
        self._rows_checked_at: int | None = None  # data_version at the last dbcheck.check_rows
        self._notes = threading.local()
        self._depth = 0  # transactions open (nested ones join the outermost); guarded by _lock

    @property
    def db(self) -> Any:
        """``sqlite_utils.Database`` over the connection, made (and sqlite-utils imported) on
        first use: reading an up-to-date workspace never needs it."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Self:
        """Open (creating with mode 0600 if needed) and migrate the workspace at ``path``.
        ``create=False``: a missing file is an error (commands that only read or copy)."""
        path = Path(path).expanduser()
        if not create and not path.exists():
            raise WorkspaceError("no workspace here yet", file=path,
                                 hint="import a plan first: `outsource import plan.toml`")
        conn = _connect(path)
        ws = cls(path, conn)
        try:
            with ws._errors():
                ws._migrate()
        except BaseException:
            conn.close()
            raise
        return ws

    @classmethod
    def open_for_reading(cls, path: str | Path) -> Self:
        """Open an existing workspace for a command that only reads it (``summary``, ``check``,
        ``export``, ``backup``...). One the user may write is opened as :meth:`open` does (and
        upgraded); one they may only read (a shared file, a copy on a read-only mount, another
        account's file) is opened read-only (:func:`_connect_read_only`), never migrated: at an
        older schema version it is refused, since upgrading it needs a writable copy."""
        path = Path(path).expanduser()
        if not path.exists():
            return cls.open(path, create=False)  # the "no workspace here yet" message
        if not path.is_file() or _writable(path):  # a folder or a FIFO: open() names what it is
            return cls.open(path, create=False)
        conn, snapshot = _connect_read_only(path)
        ws = cls(path, conn, snapshot=snapshot)
        ws.read_only = True
        try:
            with ws._errors():
                _check_ours(conn, path)
                _check_current(conn, path)
        except BaseException:
            conn.close()
            raise
        return ws

    def _migrate(self) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")  # so two first opens cannot both create the schema
        try:
            _check_ours(conn, self.path)
            if _schema.pending(conn):  # an up-to-date file: no sqlite-utils needed
                _schema.migration_set().apply(self.db)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ plumbing

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise _workspace_error(exc, self.path) from None
        if self.snapshot is not None and FileSignature.of(self.path) != self.snapshot:
            # immutable: SQLite took no lock, so a write by the owner meanwhile may tear the read
            raise WorkspaceError("changed while it was being read (another program wrote to it)",
                                 file=self.path, hint="run the command again")

    @contextlib.contextmanager
    def noting(self, **detail: Any) -> Iterator[None]:
        """Add ``detail`` (JSON values) to the history row of every change made inside, in this
        thread: the session names the decision (``change``), the task and the advice open on it."""
        old = getattr(self._notes, "detail", None)
        self._notes.detail = {**(old or {}), **detail}
        try:
            yield
        finally:
            self._notes.detail = old

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction around every save made inside (in this thread: the
        lock is held throughout, so other threads wait): committed at the end, rolled back
        whole on any exception, a ConflictError included. Nested calls join the outer one, so a
        session's change that saves several records (a hire saves the candidate and moves the
        task) is stored entirely or not at all, each save with its history row."""
        with self._lock, self._errors():
            conn = self.conn
            if self._depth:
                self._depth += 1
                try:
                    yield conn
                finally:
                    self._depth -= 1
                return
            conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0

    @contextlib.contextmanager
    def _write(self, action: str, detail: dict[str, Any]) -> Iterator[sqlite3.Connection]:
        """One save with its history row, in its own transaction or the caller's
        (:meth:`transaction`)."""
        extra = getattr(self._notes, "detail", None)
        if extra:
            detail = {**detail, **{k: v for k, v in extra.items() if v is not None}}
        with self.transaction() as conn:
            yield conn
            conn.execute("INSERT INTO history (at, user, action, detail) VALUES (?, ?, ?, ?)",
                         (now(), self.user, action, json.dumps(detail, ensure_ascii=False)))

    def check_versions(self, expected: Iterable[tuple[str, Any, int]]) -> None:
        """Refuse with ConflictError unless every record is stored at the version given: (kind,
        key, version) with kind ``task``/``candidate`` (key: id), ``marketplace`` (name),
        ``rate`` (id) or ``business`` (key ignored); version 0: the record must not exist. A
        change that saves several records calls this first, inside its :meth:`transaction`, so
        a stale read is refused before anything is written."""
        with self.transaction() as conn:
            for kind, key, version in expected:
                table, col = _VERSION_OF[kind]
                row = conn.execute(f"SELECT version FROM {table} WHERE {col} = ?",
                                   (1 if kind == "business" else key,)).fetchone()
                if (row[0] if row else 0) == version:
                    continue
                if kind == "business":
                    raise ConflictError("the business details changed in another session since you opened "
                                        "them; reload to see their change", file=self.path, field="business",
                                        hint=RELOAD_HINT)
                if kind == "rate":
                    self._rate_conflict(conn, key)
                if row is not None and version == 0:
                    raise ConflictError(f"{kind} {key!r} was added in another session since; reload to see it",
                                        file=self.path, field=kind, hint=RELOAD_HINT)
                self._conflict(conn, table, kind, key, key=col)

    def data_version(self) -> int:
        """Changes whenever another connection commits: poll it to know when to reload."""
        with self._lock, self._errors():
            return self.conn.execute("PRAGMA data_version").fetchone()[0]

    # ------------------------------------------------------------------ helpers

    def _require_task(self, conn: sqlite3.Connection, task_id: str) -> None:
        if not conn.execute("SELECT 1 FROM tasks WHERE id = ?", (task_id,)).fetchone():
            raise PlanError(f"there is no task {task_id!r} in the workspace", field="task",
                            hint="`outsource summary` lists the task ids")

    @staticmethod
    def _next_position(conn: sqlite3.Connection, task_id: str) -> int:
        return conn.execute("SELECT coalesce(max(position), -1) + 1 FROM candidates WHERE task = ?",
                            (task_id,)).fetchone()[0]

    def _conflict(self, conn: sqlite3.Connection, table: str, what: str, rid: str, *, key: str = "id") -> None:
        exists = conn.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", (rid,)).fetchone()
        if exists:
            raise ConflictError(f"{what} {rid!r} changed in another session since you opened it; "
                                "reload to see their change", file=self.path, field=what,
                                hint=RELOAD_HINT)
        raise ConflictError(f"{what} {rid!r} was deleted in another session since you opened it; "
                            "reload to see their change", file=self.path, field=what)

    def _rate_conflict(self, conn: sqlite3.Connection, rate_id: int) -> None:
        if conn.execute("SELECT 1 FROM rates WHERE id = ?", (rate_id,)).fetchone():
            raise ConflictError("this rate changed in another session since you opened it; "
                                "reload to see their change", file=self.path, field="rate", hint=RELOAD_HINT)
        raise ConflictError("this rate was deleted in another session; reload to see the change",
                            file=self.path, field="rate")
