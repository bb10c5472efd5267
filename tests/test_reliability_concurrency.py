"""Two sessions on one workspace (two people over SSH on one server, or the app and a command).

- each sees the other's commits after a refresh, and ``data_version`` tells it when to refresh;
- an edit (or delete) of a task/candidate that the other session changed meanwhile is refused
  with :class:`ConflictError` and a message saying what to do, never silently overwritten;
- a workspace locked by another connection (``BEGIN EXCLUSIVE``) is waited for and retried; if
  the lock outlives the busy timeout, a clear :class:`WorkspaceError` follows in bounded time, and
  nothing is corrupted or half-written.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

import advisor.storage.connect as connmod
from advisor.errors import ConflictError, WorkspaceError
from advisor.plan.model import Business, Candidate, Task
from advisor.storage.planfile import dumps_plan
from advisor.storage.workspace import Workspace

OUTSOURCE = str(Path(sys.executable).with_name("outsource"))


@pytest.fixture
def two(tmp_path, bakery):
    path = tmp_path / "shared.db"
    a = Workspace.open(path)
    a.replace_plan(bakery)
    b = Workspace.open(path)
    yield a, b
    a.close()
    b.close()


def _integrity(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


# --------------------------------------------------------------------------- seeing each other

def test_each_session_sees_the_others_changes_after_refresh(two):
    a, b = two
    va, vb = a.data_version(), b.data_version()
    b.save_task(Task(id="flyer", title="Design a flyer", budget=80.0))
    assert a.data_version() != va, "A must learn that B committed"
    assert [t.id for t in a.load_plan().tasks][-1] == "flyer"
    va = a.data_version()
    assert a.data_version() == va, "no change, no refresh"
    a.save_candidate(Candidate(id="fay", name="Fay", task="flyer", bid=70.0))
    assert b.data_version() != vb
    assert b.load_plan().candidate("fay").bid == 70.0
    b.delete_candidate("fay")
    assert a.data_version() != va
    assert "fay" not in {c.id for c in a.load_plan().candidates()}


def test_a_change_made_by_another_process_is_seen(two, tmp_path):
    a, _ = two
    v = a.data_version()
    code = ("import sys; from advisor.storage.workspace import Workspace; from advisor.plan.model import Business\n"
            "w = Workspace.open(sys.argv[1]); w.save_business(Business(name='From elsewhere', currency='EUR'), force=True)")
    subprocess.run([sys.executable, "-c", code, str(a.path)], check=True, timeout=60)
    assert a.data_version() != v
    assert a.load_plan().business == Business("From elsewhere", "EUR", 0)


def test_the_cli_and_an_open_session_share_the_workspace(two, tmp_path):
    a, _ = two
    csv = tmp_path / "c.csv"
    csv.write_text("Name,Bid\nGus,150\n", encoding="utf-8")
    v = a.data_version()
    proc = subprocess.run([OUTSOURCE, "--db", str(a.path), "import", str(csv), "--task", "site"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert a.data_version() != v
    assert a.load_plan().candidate("gus").bid == 150.0


# --------------------------------------------------------------------------- conflicts

def test_stale_task_edit_is_refused_with_a_clear_message(two):
    a, b = two
    mine = a.load_plan().task("logo")
    b.save_task(replace(b.load_plan().task("logo"), budget=999.0))
    with pytest.raises(ConflictError) as exc:
        a.save_task(replace(mine, title="My new title"))
    msg = str(exc.value)
    assert msg == (f"{a.path}: task: task 'logo' changed in another session since you opened it; "
                   "reload to see their change")
    assert exc.value.hint == "reload, then make your change again"
    logo = a.load_plan().task("logo")
    assert (logo.title, logo.budget) == ("Design a new logo", 999.0), "their edit stays, mine is not half-applied"


def test_stale_candidate_edit_and_edit_of_a_deleted_one_are_refused(two):
    a, b = two
    mine = a.load_plan().candidate("chen")
    b.save_candidate(replace(b.load_plan().candidate("chen"), status="shortlisted"))
    with pytest.raises(ConflictError, match="candidate 'chen' changed in another session"):
        a.save_candidate(replace(mine, notes="mine"))
    dora = a.load_plan().candidate("dora")
    b.delete_candidate("dora")
    with pytest.raises(ConflictError) as exc:
        a.save_candidate(replace(dora, rating=5.0))
    assert str(exc.value) == (f"{a.path}: candidate: candidate 'dora' was deleted in another session since you "
                              "opened it; reload to see their change")
    assert "dora" not in {c.id for c in a.load_plan().candidates()}, "a stale save must not bring it back"


def test_stale_delete_is_refused_when_the_version_is_given(two):
    a, b = two
    seen_task = a.load_plan().task("menu-copy")
    seen_cand = a.load_plan().candidate("ben")
    b.save_task(replace(b.load_plan().task("menu-copy"), budget=1.0))
    b.save_candidate(replace(b.load_plan().candidate("ben"), notes="theirs"))
    with pytest.raises(ConflictError, match="changed in another session"):
        a.delete_task("menu-copy", version=seen_task.version)
    with pytest.raises(ConflictError, match="changed in another session"):
        a.delete_candidate("ben", version=seen_cand.version)
    plan = a.load_plan()
    assert plan.task("menu-copy") is not None and plan.candidate("ben").notes == "theirs"
    fresh = plan.candidate("ben")
    a.delete_candidate("ben", version=fresh.version)
    assert "ben" not in {c.id for c in a.load_plan().candidates()}


def test_racing_editors_never_lose_an_update(tmp_path, bakery):
    """Four threads, each with its own session, increment one task's budget by read-modify-save
    with retry on conflict: the final budget counts every increment exactly once."""
    path = tmp_path / "race.db"
    with Workspace.open(path) as w:
        w.replace_plan(bakery)
        w.save_task(replace(w.load_plan().task("logo"), budget=0.0))
    per_thread, errors = 25, []

    def work() -> None:
        ws = Workspace.open(path)
        try:
            done = 0
            while done < per_thread:
                t = ws.load_plan().task("logo")
                try:
                    ws.save_task(replace(t, budget=t.budget + 1))
                    done += 1
                except ConflictError:
                    continue
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            ws.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with Workspace.open(path) as w:
        assert w.load_plan().task("logo").budget == 4 * per_thread


# --------------------------------------------------------------------------- locks

class Locker:
    """Another program holding ``BEGIN EXCLUSIVE`` on the workspace."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN EXCLUSIVE")
        self.conn.execute("UPDATE business SET name = 'half-written by the locker'")

    def release(self, commit: bool = False) -> None:
        self.conn.execute("COMMIT" if commit else "ROLLBACK")
        self.conn.close()


def test_a_short_lock_is_waited_for_and_the_write_goes_through(two):
    a, _ = two
    locker = Locker(a.path)
    threading.Timer(0.7, locker.release).start()
    start = time.monotonic()
    a.save_task(Task(id="flyer", title="Flyer"))
    waited = time.monotonic() - start
    assert 0.5 < waited < 4.0
    assert a.load_plan().task("flyer") is not None


def test_a_long_lock_becomes_a_clear_error_in_bounded_time(two, monkeypatch):
    a, _ = two
    monkeypatch.setattr(connmod, "BUSY_TIMEOUT_S", 0.5)
    before = dumps_plan(a.load_plan())
    locker = Locker(a.path)
    try:
        a.conn.execute("PRAGMA busy_timeout = 500")
        for attempt in (lambda: a.save_task(Task(id="flyer", title="Flyer")),
                        lambda: a.replace_plan(a.load_plan()),
                        lambda: Workspace.open(a.path)):
            start = time.monotonic()
            with pytest.raises(WorkspaceError) as exc:
                attempt()
            assert time.monotonic() - start < 3.0, "must not hang"
            assert str(exc.value) == f"{a.path}: is locked by another program for more than 0.5 seconds"
            assert exc.value.hint == "close other Outsource Advisor windows or commands and try again"
            assert not a.conn.in_transaction
        # readers are not blocked by a writer in WAL mode
        assert dumps_plan(a.load_plan()) == before
    finally:
        locker.release()
    assert dumps_plan(a.load_plan()) == before
    _integrity(a.path)
    a.save_task(Task(id="flyer", title="Flyer"))  # usable again at once


def test_cli_on_a_locked_workspace_exits_2_within_the_busy_timeout(two, bakery_path):
    """The real timeout (5 s), end to end: one line on stderr, exit 2, no hang, no damage."""
    a, _ = two
    before = dumps_plan(a.load_plan())
    locker = Locker(a.path)
    try:
        start = time.monotonic()
        proc = subprocess.run([OUTSOURCE, "--db", str(a.path), "import", str(bakery_path), "--replace"],
                              capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - start
    finally:
        locker.release()
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"error: {a.path}: is locked by another program for more than 5 seconds",
        "hint: close other Outsource Advisor windows or commands and try again"]
    assert 4.5 < elapsed < 5 + 10
    assert dumps_plan(a.load_plan()) == before
    _integrity(a.path)
