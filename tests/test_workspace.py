"""The SQLite workspace: storage, history, optimistic concurrency, file safety and errors."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from dataclasses import replace
from pathlib import Path

import pytest

import unprivileged
from advisor.errors import ConflictError, PlanError, WorkspaceError
from advisor.plan.model import Business, Candidate, Interview, Marketplace, RateObservation, Suppression, Task
from advisor.storage.planfile import dumps_plan
from advisor.storage.workspace import Workspace


@pytest.fixture
def ws(tmp_path, bakery):
    w = Workspace.open(tmp_path / "ws.db")
    w.replace_plan(bakery)
    yield w
    w.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# --------------------------------------------------------------------------- the file

def test_new_file_is_private_wal_with_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "ws.db"
    with Workspace.open(path) as w:
        w.save_business(Business(name="Shop"))
        assert w.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert w.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert w.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{path}{suffix}")) == 0o600, suffix


def test_tables_are_readable_with_plain_sqlite(ws):
    conn = sqlite3.connect(ws.path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"business", "marketplaces", "rates", "tasks", "candidates", "interviews", "suppressions",
            "history"} <= tables
    assert conn.execute("SELECT name, task, bid FROM candidates WHERE id = 'ana'").fetchone() == ("Ana P.", "logo", 280.0)
    assert conn.execute("SELECT scores FROM interviews").fetchone()[0] == '{"communication": 4, "quality": 5}'
    fks = conn.execute("PRAGMA foreign_key_list(candidates)").fetchall()
    assert [(f[2], f[6]) for f in fks] == [("tasks", "CASCADE")]
    conn.close()


def test_reopening_does_not_migrate_again(tmp_path, bakery):
    with Workspace.open(tmp_path / "w.db") as w:
        w.replace_plan(bakery)
    with Workspace.open(tmp_path / "w.db") as w:
        assert w.load_plan() == bakery
        rows = w.conn.execute("SELECT name FROM _sqlite_migrations").fetchall()
        assert rows == [("m001_initial",), ("m002_versions",), ("m003_rule_switches",), ("m004_advice_fields",),
                        ("m005_unknown_fees",), ("m006_how_work_is_done",), ("m007_candidate_kind",),
                        ("m008_buyer_checks",), ("m009_time_zones",), ("m010_money_locale",),
                        ("m011_continuity_and_assets",), ("m012_exchange_rates",), ("m013_working_people",), ("m014_hours_last_week",)]


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello " * 1000)
    with pytest.raises(WorkspaceError) as exc:
        Workspace.open(path)
    assert str(exc.value).startswith(f"{path}: is not a usable Outsource Advisor workspace")
    assert path.read_text() == "hello " * 1000


def test_someone_elses_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE tasks (id)")
    with pytest.raises(WorkspaceError, match="not an Outsource Advisor workspace"):
        Workspace.open(path)


def test_newer_schema_is_refused(ws):
    ws.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('outsource-advisor', 'm999_future', 'now')")
    ws.conn.commit()
    with pytest.raises(WorkspaceError, match="newer version"):
        Workspace.open(ws.path)


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(WorkspaceError, match="is a folder"):
        Workspace.open(tmp_path)


def test_missing_file_without_create(tmp_path):
    with pytest.raises(WorkspaceError, match="no workspace here yet"):
        Workspace.open(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_read_only_file(ws, tmp_path):
    """Opening for a change refuses a file the user may not write, before SQLite touches it.
    Run bound by file modes (tests/unprivileged.py), so it holds when the tests run as root."""
    ws.close()
    os.chmod(ws.path, 0o400)
    os.chmod(tmp_path, 0o500)
    before = ws.path.read_bytes(), sorted(os.listdir(tmp_path))
    try:
        proc = unprivileged.python(
            "import sys\n"
            "from advisor.errors import WorkspaceError\n"
            "from advisor.plan.model import Business\n"
            "from advisor.storage.workspace import Workspace\n"
            "try:\n"
            "    Workspace.open(sys.argv[1]).save_business(Business(name='x'), force=True)\n"
            "except WorkspaceError as exc:\n"
            "    print(exc)\n", str(ws.path))
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == f"{ws.path}: is read-only\n"
        assert (ws.path.read_bytes(), sorted(os.listdir(tmp_path))) == before
    finally:
        os.chmod(tmp_path, 0o700)


def test_locked_database_becomes_a_clear_error(ws, monkeypatch):

    other = sqlite3.connect(ws.path)
    other.execute("BEGIN IMMEDIATE")
    ws.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(WorkspaceError) as exc:
            ws.save_business(Business(name="Other"))
        assert f"{ws.path}: is locked by another program" in str(exc.value)
        assert exc.value.hint
    finally:
        other.rollback()
        other.close()
    assert ws.load_plan().business.name == "Bramble Bakery"


# --------------------------------------------------------------------------- changes and history

def test_every_change_writes_one_history_row(ws):
    plan = ws.load_plan()
    before = len(ws.history(1000))
    ws.save_business(replace(plan.business, name="Bramble", currency="EUR"))
    ws.save_marketplace(Marketplace("PeoplePerHour", 3.5))
    r = ws.save_rate(RateObservation("wordpress", 50.0, "Upwork"))
    ws.delete_rate(r.id)
    t = ws.save_task(Task(id="flyer", title="Design a flyer"))
    ws.save_task(replace(t, title="Design two flyers"))
    c = ws.save_candidate(Candidate(id="eve", name="Eve", task="flyer", hourly=20.0))
    ws.save_candidate(replace(c, status="shortlisted"))
    ws.add_suppression(Suppression(rule="few-candidates", reason="small job", task="flyer"))
    ws.delete_suppression("few-candidates", task="flyer")
    ws.delete_candidate("eve")
    ws.delete_task("flyer")
    ws.delete_marketplace("PeoplePerHour")
    hist = ws.history(1000)
    assert len(hist) == before + 13
    assert [h.action for h in hist[:3]] == ["delete marketplace", "delete task", "delete candidate"]
    assert hist[0].user and hist[0].at.endswith("+00:00")
    assert hist[-1].action == "import plan" and hist[-1].detail == {"tasks": 3, "candidates": 4}
    assert ws.load_plan().tasks == plan.tasks


def test_failed_change_writes_nothing(ws):
    before = (dumps_plan(ws.load_plan()), len(ws.history(1000)))
    with pytest.raises(PlanError):
        ws.save_candidate(Candidate(id="eve", name="Eve", task="nope"))
    with pytest.raises(PlanError, match="rating"):
        ws.save_candidate(Candidate(id="eve", name="Eve", task="logo", rating=7))
    bad = [Candidate(id="x1", name="X"), Candidate(id="x2", name="Y", rating=9)]
    with pytest.raises(PlanError):
        ws.add_candidates("logo", bad)
    with pytest.raises(PlanError, match="already in the workspace"):
        ws.add_candidates("logo", [Candidate(id="x1", name="X"), Candidate(id="ana", name="A")])
    assert (dumps_plan(ws.load_plan()), len(ws.history(1000))) == before


def test_new_rows_keep_their_order(ws):
    ws.save_task(Task(id="a-new", title="New"))
    ws.save_candidate(Candidate(id="zz", name="Z", task="logo"))
    ws.add_candidates("logo", [Candidate(id="yy", name="Y"), Candidate(id="aa", name="A")])
    plan = ws.load_plan()
    assert [t.id for t in plan.tasks] == ["logo", "site", "menu-copy", "a-new"]
    assert [c.id for c in plan.task("logo").candidates] == ["ana", "ben", "chen", "dora", "zz", "yy", "aa"]


def test_candidate_update_keeps_position_and_interview(ws):
    ben = ws.load_plan().candidate("ben")
    ben.interview = Interview(scores={"quality": 3}, notes="ok")
    ws.save_candidate(ben)
    plan = ws.load_plan()
    assert [c.id for c in plan.task("logo").candidates] == ["ana", "ben", "chen", "dora"]
    assert plan.candidate("ben").interview == Interview(scores={"quality": 3}, notes="ok")
    moved = replace(plan.candidate("ben"), task="site")
    ws.save_candidate(moved)
    assert [c.id for c in ws.load_plan().task("site").candidates] == ["ben"]


def test_duplicate_ids_are_plan_errors_not_conflicts(ws):
    with pytest.raises(PlanError, match="duplicate task id 'logo'") as exc:
        ws.save_task(Task(id="logo", title="Another logo"))
    assert exc.value.field == "task.id"
    with pytest.raises(PlanError, match="duplicate candidate id 'ana'"):
        ws.save_candidate(Candidate(id="ana", name="Ana 2", task="site"))


def test_deleting_a_task_deletes_its_candidates_and_suppressions(ws):
    ws.add_suppression(Suppression(rule="r", reason="seen", candidate="ana"))
    ws.add_suppression(Suppression(rule="r", reason="seen", task="logo"))
    ws.delete_task("logo")
    plan = ws.load_plan()
    assert [t.id for t in plan.tasks] == ["site", "menu-copy"]
    assert plan.suppressions == []
    assert ws.conn.execute("SELECT count(*) FROM interviews").fetchone()[0] == 0
    plan.validate()


def test_suppression_replaces_same_finding(ws):
    ws.add_suppression(Suppression(rule="r", reason="first", task="logo"))
    ws.add_suppression(Suppression(rule="r", reason="second", task="logo"))
    ws.add_suppression(Suppression(rule="r", reason="plan-wide"))
    assert [s.reason for s in ws.load_plan().suppressions] == ["second", "plan-wide"]
    with pytest.raises(PlanError, match="names candidate 'nobody'"):
        ws.add_suppression(Suppression(rule="r", reason="x", candidate="nobody"))


def test_renaming_a_marketplace_renames_its_uses(ws):
    upwork = ws.load_plan().marketplace("Upwork")
    ws.save_marketplace(replace(upwork, name="Upwork Inc.", fee_percent=5.0), old_name="Upwork")
    plan = ws.load_plan()
    assert [m.name for m in plan.marketplaces] == ["Upwork Inc.", "Freelancer.com", "Fiverr"]
    assert plan.task("logo").marketplaces == ["Upwork Inc."]
    assert plan.candidate("ana").marketplace == "Upwork Inc."
    assert {r.marketplace for r in plan.rates} == {"Upwork Inc.", "Fiverr", "Freelancer.com"}
    with pytest.raises(PlanError, match="duplicate marketplace"):
        ws.save_marketplace(Marketplace("Fiverr"), old_name="Upwork Inc.")


def test_rates_get_ids_and_update_in_place(ws):
    r = ws.save_rate(RateObservation("seo", 60.0))
    assert isinstance(r.id, int)
    r2 = ws.save_rate(replace(r, hourly=65.0))
    assert r2.version == r.version + 1
    rates = ws.load_plan().rates
    assert rates[-1] == RateObservation("seo", 65.0) and rates[-1].id == r.id
    ws.delete_rate(r.id)
    with pytest.raises(ConflictError):
        ws.save_rate(replace(r, hourly=70.0))


# --------------------------------------------------------------------------- two sessions

def test_stale_task_version_is_refused(ws):
    other = Workspace.open(ws.path)
    try:
        mine, theirs = ws.load_plan().task("logo"), other.load_plan().task("logo")
        assert mine.version == theirs.version
        saved = other.save_task(replace(theirs, budget=350.0))
        assert saved.version == theirs.version + 1
        with pytest.raises(ConflictError) as exc:
            ws.save_task(replace(mine, title="My title"))
        assert "changed in another session since you opened it; reload to see their change" in str(exc.value)
        assert ws.load_plan().task("logo").budget == 350.0
        assert ws.load_plan().task("logo").title == "Design a new logo"
    finally:
        other.close()


def test_stale_candidate_version_is_refused(ws):
    other = Workspace.open(ws.path)
    try:
        mine = ws.load_plan().candidate("ben")
        other.save_candidate(replace(other.load_plan().candidate("ben"), status="rejected", reject_reason="gone"))
        with pytest.raises(ConflictError, match="changed in another session"):
            ws.save_candidate(replace(mine, notes="mine"))
        other.delete_candidate("ben")
        with pytest.raises(ConflictError, match="deleted in another session"):
            ws.save_candidate(replace(mine, notes="mine"))
    finally:
        other.close()


def test_import_makes_every_old_version_stale(ws, bakery):
    logo = ws.load_plan().task("logo")
    ws.replace_plan(bakery)
    with pytest.raises(ConflictError):
        ws.save_task(replace(logo, title="old session"))


def test_data_version_changes_when_another_session_commits(ws):
    other = Workspace.open(ws.path)
    try:
        v = ws.data_version()
        ws.save_business(replace(ws.load_plan().business, name="Mine"))
        assert ws.data_version() == v  # our own commits are not news
        other.save_business(replace(other.load_plan().business, name="Theirs"))
        assert ws.data_version() != v
        assert ws.load_plan().business.name == "Theirs"
    finally:
        other.close()


def test_usable_from_worker_threads(ws):
    errors = []

    def work(i: int) -> None:
        try:
            ws.save_rate(RateObservation(f"skill {i}", float(i)))
            ws.load_plan()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(ws.load_plan().rates) == 6 + 8


def test_two_processes_opening_a_new_file_at_once(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from advisor.storage.workspace import Workspace; "
            "w = Workspace.open(sys.argv[1]); w.load_plan(); w.close()")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "new.db")], stderr=subprocess.PIPE)
             for _ in range(4)]
    for p in procs:
        assert p.wait() == 0, p.stderr.read()
        p.stderr.close()


# --------------------------------------------------------------------------- backup and restore

def test_backup_is_consistent_and_private(ws, tmp_path, bakery):
    dest = ws.backup(tmp_path / "b.db")
    assert mode(dest) == 0o600
    with Workspace.open(dest) as b:
        assert b.load_plan() == bakery
    with pytest.raises(WorkspaceError, match="already exists"):
        ws.backup(dest)


def test_restore_refuses_a_damaged_file(ws, tmp_path):
    dest = ws.backup(tmp_path / "b.db")
    data = bytearray(dest.read_bytes())
    for page in range(4096, len(data), 4096):  # scribble over every b-tree page header
        data[page: page + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
    dest.write_bytes(bytes(data))
    before = dumps_plan(ws.load_plan())
    with pytest.raises(WorkspaceError):
        ws.restore_from(dest)
    assert dumps_plan(ws.load_plan()) == before


@pytest.mark.parametrize("raw, expected", [
    ("database is locked", "is locked by another program for more than 5 seconds"),
    ("file is not a database", "is not a usable Outsource Advisor workspace"),
    ("database disk image is malformed", "is not a usable Outsource Advisor workspace"),
    ("database or disk is full", "cannot be written: the disk is full"),
    ("attempt to write a readonly database", "is read-only"),
    ("unable to open database file", "cannot be opened"),
    ("something new", "database error: something new"),
])
def test_sqlite_errors_become_workspace_errors_naming_the_file(raw, expected, tmp_path):
    from advisor.storage.connect import workspace_error as _workspace_error

    err = _workspace_error(sqlite3.OperationalError(raw), tmp_path / "w.db")
    assert isinstance(err, WorkspaceError)
    assert str(err) == f"{tmp_path / 'w.db'}: {err.message}" and err.message.startswith(expected)


def test_disk_full_during_a_change_rolls_back(ws, monkeypatch):
    """A failure half-way through a change (here: the history row) leaves nothing behind."""
    before = dumps_plan(ws.load_plan())
    real = ws.conn

    class Full:
        def __getattr__(self, name):
            return getattr(real, name)

        def execute(self, sql, *args):
            if sql.startswith("INSERT INTO history"):
                raise sqlite3.OperationalError("database or disk is full")
            return real.execute(sql, *args)

    monkeypatch.setattr(ws, "conn", Full())
    with pytest.raises(WorkspaceError, match="the disk is full"):
        ws.save_task(Task(id="flyer", title="Flyer"))
    monkeypatch.setattr(ws, "conn", real)
    assert dumps_plan(ws.load_plan()) == before
    assert not real.in_transaction
