"""Backups and restores: consistent copies while others write, checked restores, private files.

- ``outsource backup`` while another process holds the workspace open and writes: every copy
  passes ``integrity_check``, opens as a workspace and is transactionally consistent (each saved
  candidate has exactly the history row that was committed with it);
- ``outsource restore`` refuses a damaged, truncated, empty, foreign or non-SQLite file with exit
  2 and one clear line, and leaves the workspace exactly as it was;
- a restore into a workspace that another program keeps locked gives up with a clear error
  instead of waiting for ever (regression);
- the workspace, its -wal/-shm files, backups, the ``.bak`` kept by a restore and exported plans
  are mode 0600, even under a permissive umask.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import advisor.storage.connect as connmod
from advisor.errors import WorkspaceError
from advisor.storage.planfile import dumps_plan
from advisor.storage.workspace import Workspace

STRESS = bool(os.environ.get("OUTSOURCE_STRESS"))
OUTSOURCE = str(Path(sys.executable).with_name("outsource"))

WRITER = r"""
import sys, time
from advisor.plan.model import Candidate
from advisor.storage.workspace import Workspace

ws = Workspace.open(sys.argv[1])
print("ready", flush=True)
j = 0
while True:
    ws.save_candidate(Candidate(id=f"w{j}", name=f"Writer {j}", task="logo", notes="n" * 500))
    j += 1
    time.sleep(0.003)
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def cli(*argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([OUTSOURCE, *argv], capture_output=True, text=True, timeout=120, **kw)


@pytest.fixture
def db(tmp_path, bakery_path) -> Path:
    path = tmp_path / "ws.db"
    proc = cli("--db", str(path), "import", str(bakery_path))
    assert proc.returncode == 0, proc.stderr
    return path


def _check_copy(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        cands = {r[0] for r in conn.execute("SELECT id FROM candidates WHERE id LIKE 'w%'")}
        saves = [r[0] for r in conn.execute("SELECT detail FROM history WHERE action = 'save candidate'")]
    finally:
        conn.close()
    import json

    saved = {json.loads(d)["candidate"] for d in saves}
    assert cands == saved, "a copy must hold whole transactions only"
    with Workspace.open(path) as ws:
        ws.load_plan().validate()
    return len(cands)


# --------------------------------------------------------------------------- backup while writing

@pytest.mark.slow
def test_backup_while_another_process_writes_is_consistent(db, tmp_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        counts = []
        for i in range(40 if STRESS else 6):
            dest = tmp_path / f"copy{i}.db"
            proc = cli("--db", str(db), "backup", str(dest))
            assert proc.returncode == 0, proc.stderr
            assert proc.stdout == f"backed up {db} to {dest}\n"
            assert mode(dest) == 0o600
            counts.append(_check_copy(dest))
            time.sleep(0.05)
        assert writer.poll() is None, writer.stderr.read()
    finally:
        writer.kill()
        writer.communicate()
    assert counts == sorted(counts) and counts[-1] > counts[0], f"the writer was writing: {counts}"


def test_backup_to_a_folder_and_refusals(db, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    proc = cli("--db", str(db), "backup", str(folder))
    assert proc.returncode == 0
    (made,) = list(folder.iterdir())
    assert made.name.startswith("ws-backup-") and mode(made) == 0o600
    proc = cli("--db", str(db), "backup", str(made))
    assert proc.returncode == 2 and proc.stderr.startswith(f"error: {made}: already exists")
    proc = cli("--db", str(tmp_path / "none.db"), "backup", str(tmp_path / "x.db"))
    assert proc.returncode == 2 and "no workspace here yet" in proc.stderr
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "x.db").exists()


# --------------------------------------------------------------------------- restore refuses

def _bad_files(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    data = good.read_bytes()
    out: dict[str, tuple[Path, str]] = {}

    def put(name: str, content: bytes, expect: str) -> None:
        p = tmp_path / name
        p.write_bytes(content)
        out[name] = (p, expect)

    put("empty.db", b"", "is empty, not an Outsource Advisor workspace")
    put("text.db", b"hello, this is not a database\n" * 200, "not a usable Outsource Advisor workspace")
    put("truncated.db", data[: len(data) // 2], "")
    put("header-only.db", data[:100], "")
    damaged = bytearray(data)
    for page in range(4096, len(damaged), 4096):
        damaged[page: page + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
    put("damaged.db", bytes(damaged), "")
    put("random.db", os.urandom(16384), "not a usable Outsource Advisor workspace")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE tasks (id)")
    out["foreign.db"] = (foreign, "is a SQLite database but not an Outsource Advisor workspace")
    future = tmp_path / "future.db"
    future.write_bytes(data)
    with sqlite3.connect(future) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('outsource-advisor', 'm999_future', 'now')")
    out["future.db"] = (future, "was written by a newer version of Outsource Advisor")
    out["missing.db"] = (tmp_path / "missing.db", "no such backup file")
    (tmp_path / "folder.db").mkdir()
    out["folder.db"] = (tmp_path / "folder.db", "is a folder, not a backup file")
    return out


def test_restore_refuses_every_bad_file_with_exit_2(db, tmp_path, capsys):
    """In this process through the CLI's entry point (the same boundary as installed; the real
    process is used for one file below, to keep the test fast)."""
    from advisor.cli import main

    good = tmp_path / "good.db"
    assert cli("--db", str(db), "backup", str(good)).returncode == 0
    with Workspace.open(db) as ws:
        before = (dumps_plan(ws.load_plan()), len(ws.history(10_000)))
    for name, (path, expect) in _bad_files(tmp_path, good).items():
        code = main(["--db", str(db), "restore", str(path)])
        out, err = capsys.readouterr()
        lines = err.splitlines()
        assert code == 2, (name, err)
        assert lines and lines[0].startswith(f"error: {path}: "), (name, err)
        assert expect in lines[0], (name, lines[0])
        assert len(lines) <= 2 and "Traceback" not in err
        assert out == ""
        if name == "truncated.db":
            proc = cli("--db", str(db), "restore", str(path))
            assert (proc.returncode, proc.stderr) == (2, err)
        with Workspace.open(db) as ws:
            assert (dumps_plan(ws.load_plan()), len(ws.history(10_000))) == before, name
    assert not Path(f"{db}.bak").exists(), "a refused restore must not even make the .bak"
    proc = cli("--db", str(db), "restore", str(good))
    assert proc.returncode == 0, proc.stderr


def test_restore_while_another_session_is_open(db, tmp_path):
    good = tmp_path / "good.db"
    assert cli("--db", str(db), "backup", str(good)).returncode == 0
    with Workspace.open(db) as other:
        want = dumps_plan(other.load_plan())
        other.delete_task("logo")
        v = other.data_version()
        proc = cli("--db", str(db), "restore", str(good))
        assert proc.returncode == 0, proc.stderr
        assert other.data_version() != v, "the open session learns about the restore"
        assert dumps_plan(other.load_plan()) == want
    for p in (db, Path(f"{db}.bak")):
        assert mode(p) == 0o600, p
        conn = sqlite3.connect(p)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()


def test_restore_into_a_locked_workspace_gives_up_instead_of_hanging(db, tmp_path, monkeypatch):
    """Regression: Python's Connection.backup retries SQLITE_BUSY for ever, so a restore into a
    workspace that another program kept locked never returned."""
    good = tmp_path / "good.db"
    with Workspace.open(db) as ws:
        ws.backup(good)
    monkeypatch.setattr(connmod, "BUSY_TIMEOUT_S", 0.3)
    ws = Workspace.open(db)
    ws.conn.execute("PRAGMA busy_timeout = 300")
    before = dumps_plan(ws.load_plan())
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    result: list = []

    def go() -> None:
        try:
            ws.restore_from(good)
            result.append("restored")
        except Exception as exc:
            result.append(exc)

    t = threading.Thread(target=go, daemon=True)
    t.start()
    t.join(20)
    locker.execute("ROLLBACK")
    locker.close()
    assert not t.is_alive(), "restore hung on a locked workspace"
    (err,) = result
    assert isinstance(err, WorkspaceError) and "is locked by another program" in str(err)
    assert dumps_plan(ws.load_plan()) == before
    ws.close()


# --------------------------------------------------------------------------- file modes

def test_files_are_private_even_under_a_permissive_umask(tmp_path, bakery_path):
    db = tmp_path / "new" / "ws.db"

    def permissive():
        os.umask(0)

    run = lambda *a: subprocess.run([OUTSOURCE, *a], capture_output=True, text=True, timeout=120,  # noqa: E731
                                    preexec_fn=permissive)
    assert run("--db", str(db), "import", str(bakery_path)).returncode == 0
    assert run("--db", str(db), "backup", str(tmp_path / "b.db")).returncode == 0
    assert run("--db", str(db), "export", str(tmp_path / "plan.toml")).returncode == 0
    assert run("--db", str(db), "restore", str(tmp_path / "b.db")).returncode == 0
    # keep the -wal and -shm files around while we look at them
    keeper = Workspace.open(db)
    try:
        keeper.load_plan()
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), tmp_path / "b.db", Path(f"{db}.bak"),
                  tmp_path / "plan.toml"):
            assert mode(p) == 0o600, p
    finally:
        keeper.close()
    assert mode(db.parent) & 0o077 == 0, "a folder created for the workspace is private too"


@pytest.mark.slow
def test_killed_restore_leaves_old_or_new(db, tmp_path):
    """SIGKILL during restores: the workspace is always intact and either the old or the backup."""
    import random
    import signal

    rnd = random.Random(3)
    good = tmp_path / "good.db"
    with Workspace.open(db) as ws:
        ws.backup(good)
        restored = dumps_plan(ws.load_plan())
        ws.delete_task("logo")
        changed = dumps_plan(ws.load_plan())
    outcomes = set()
    for i in range(40 if STRESS else 5):
        bak = Path(f"{db}.bak")
        proc = subprocess.Popen([OUTSOURCE, "--db", str(db), "restore", str(good)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(rnd.uniform(0.05, 0.4))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        assert "Traceback" not in err
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
        with Workspace.open(db) as ws:
            now = dumps_plan(ws.load_plan())
            assert now in (restored, changed)
            if "restored" in out:
                assert now == restored
            outcomes.add(now == restored)
            if now == restored:
                ws.delete_task("logo")
        if bak.exists():
            bak.unlink()
    assert outcomes
