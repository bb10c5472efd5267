"""Connecting to a workspace file, copying one, and naming SQLite's errors for people.

A workspace is created 0600 in a private folder, opened in WAL mode with a busy timeout; one the
user may only read is opened read-only without creating anything beside it. Every
``sqlite3.Error`` becomes one :class:`~advisor.errors.WorkspaceError` saying what to do.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import WorkspaceError
from advisor.files import private_dir

BUSY_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class FileSignature:
    """What changes when a file is written: compared before and after an unlocked read."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> "FileSignature | None":
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


def writable(path: Path) -> bool:
    """The user may write the file and its folder (SQLite makes ``-wal``/``-shm`` beside it).
    ``os.access`` also says no on a read-only mount, even to root."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def open_read_only(path: Path) -> tuple[sqlite3.Connection, FileSignature | None]:
    """A read-only connection to a workspace the user may not write; creates no file.

    A workspace is in WAL mode. With a ``-wal`` beside it (the owner has it open, or it holds
    changes not yet merged) SQLite must read through it: ``mode=ro``. Without one, every commit
    is in the file itself, and ``mode=ro`` would create ``-wal``/``-shm`` owned by this user
    (which then lock the owner out of their own workspace) or fail in a folder this user may
    not write (a read-only mount): so it is opened ``immutable=1``, which creates nothing and
    takes no lock. The returned signature is checked after every read (:meth:`Workspace._errors`),
    so a write by the owner during the read is reported, never read half-applied."""
    immutable = not os.path.lexists(f"{path}-wal")
    snapshot = FileSignature.of(path) if immutable else None
    uri = f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"
    conn = None
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file (and its -wal)
        return conn, snapshot
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        if not immutable and "unable to open" in str(exc).lower():
            # the owner's session keeps its -wal/-shm private (0600): unreadable until it closes
            raise WorkspaceError(f"is open in another session whose {path.name}-wal and {path.name}-shm "
                                 "files this user may not read", file=path,
                                 hint="try again once it is closed there, or ask its owner for a copy "
                                      "made with `outsource backup`") from None
        raise workspace_error(exc, path) from None


def open_conn(path: Path) -> sqlite3.Connection:
    """Connect with the file created 0600 first (and -wal/-shm created under umask 077). A file
    the user may not write is refused before SQLite opens it (it would leave a ``-wal`` and
    ``-shm`` of this user's beside another account's workspace)."""
    try:
        if path.is_dir():
            raise WorkspaceError("is a folder, not a workspace file", file=path)
        if path.exists() and not os.access(path, os.W_OK):
            raise WorkspaceError("is read-only", file=path,
                                 hint="check the file's permissions; commands that only read it "
                                      "(summary, check, report, export, history, backup) still work")
        private_dir(path.parent)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    except OSError as exc:
        raise WorkspaceError(f"cannot create the workspace: {exc.strerror or exc}", file=path) from None
    old_umask = os.umask(0o077)
    conn = None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise workspace_error(exc, path) from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    finally:
        os.umask(old_umask)


def copy_db(src: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """SQLite's online backup of ``src`` into ``dest``, bounded in time. Python's
    ``Connection.backup`` retries a busy database for ever (a restore into a workspace that
    another program keeps locked never returned); give up after the busy timeout instead."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (_SQLITE_BUSY, _SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    src.backup(dest, progress=progress)


_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def is_busy(exc: sqlite3.Error) -> bool:
    low = str(exc).lower()
    return "locked" in low or "busy" in low


def file_size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def workspace_error(exc: sqlite3.Error, path: Path) -> WorkspaceError:
    text = str(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return WorkspaceError(f"is locked by another program for more than {BUSY_TIMEOUT_S:g} seconds",
                              file=path, hint="close other Outsource Advisor windows or commands and try again")
    if "not a database" in low or "malformed" in low or "encrypted" in low:
        return WorkspaceError("is not a usable Outsource Advisor workspace (not a SQLite database, or damaged)",
                              file=path, hint="pick another file with --db, or `outsource restore` a backup")
    if "full" in low:
        return WorkspaceError("cannot be written: the disk is full", file=path, hint="free some disk space")
    if "readonly" in low or "read-only" in low:
        return WorkspaceError("is read-only", file=path, hint="check the file's and its folder's permissions")
    if "unable to open" in low:
        return WorkspaceError("cannot be opened", file=path, hint="check that the folder exists and is writable")
    return WorkspaceError(f"database error: {text}", file=path)
