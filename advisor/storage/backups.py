"""Checking a backup before it replaces a workspace, and naming the copy of what it replaces.

A backup is hostile until checked: it is copied into memory whole (bounded in size) and must pass
:mod:`advisor.storage.dbcheck` there (integrity, ours, no code, the exact schema, every row valid)
before anything is replaced.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from advisor.errors import WorkspaceError
from advisor.files import file_kind
from advisor.storage import connect, dbcheck
from advisor.storage.connect import workspace_error as _workspace_error
from advisor.storage.rows import read_plan
from advisor.storage.schema import check_ours as _check_ours, expected_schema, migration_set

#: A backup is copied into memory to be checked before it replaces anything (an 8 GiB sparse
#: file was read whole); a workspace at every limit with a long history is far smaller.
MAX_BACKUP_BYTES = 1 << 30

def check_backup(source: Path) -> sqlite3.Connection:
    """Check that ``source`` is an intact workspace this version can use, before anything is
    replaced; returns an in-memory, migrated copy to restore from. The file is opened read-only
    and copied at once; every check runs on the copy (:mod:`advisor.storage.dbcheck`): integrity, ours,
    no triggers or views, the exact schema, every row valid."""
    try:
        st = os.stat(source)
    except FileNotFoundError:
        raise WorkspaceError("no such backup file", file=source) from None
    except OSError as exc:
        raise WorkspaceError(f"cannot read: {exc.strerror or exc}", file=source) from None
    if not stat.S_ISREG(st.st_mode):
        raise WorkspaceError(f"is {file_kind(st.st_mode)}, not a backup file", file=source)
    side = [Path(f"{source}{suffix}") for suffix in ("-wal", "-shm")]
    size = st.st_size + sum(connect.file_size(p) for p in side[:1])  # a -wal beside it is read too
    if size > MAX_BACKUP_BYTES:  # the whole file is copied into memory to be checked
        raise WorkspaceError(f"is {size / 2**20:,.0f} MiB; a backup may be at most {MAX_BACKUP_BYTES // 2**20:,} MiB",
                             file=source, hint="pick a file made with `outsource backup`")
    had = [os.path.lexists(p) for p in side]
    mem = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        try:
            conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=connect.BUSY_TIMEOUT_S)
            try:
                conn.backup(mem)
            finally:
                conn.close()
                for p, existed in zip(side, had):  # reading a WAL-mode file makes these
                    if not existed:
                        with contextlib.suppress(OSError):
                            p.unlink()
            result = mem.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise WorkspaceError(f"is damaged: {'; '.join(str(r[0]) for r in result[:3])}", file=source,
                                     hint="restore from another backup")
            _check_ours(mem, source)
            if not mem.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone():
                raise WorkspaceError("is empty, not an Outsource Advisor workspace", file=source)
            dbcheck.check_no_code(mem, source)  # before a migration could fire anything
            import sqlite_utils

            migration_set().apply(sqlite_utils.Database(mem))
            dbcheck.check_schema(mem, source, expected_schema())
            dbcheck.check_rows(mem, source)
            dbcheck.check_model(lambda c: read_plan(c), mem, source)
        except sqlite3.Error as exc:
            err = _workspace_error(exc, source)
            err.hint = "pick a file made with `outsource backup`"
            raise err from None
    except BaseException:
        mem.close()
        raise
    return mem


def next_bak(path: Path) -> Path:
    """The first free name of ``<name>.bak``, ``<name>.bak.2``, ``<name>.bak.3``..."""
    bak = path.with_name(path.name + ".bak")
    n = 1
    while os.path.lexists(bak):
        n += 1
        bak = path.with_name(f"{path.name}.bak.{n}")
    return bak
