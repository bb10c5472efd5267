"""A workspace the user may only read (a shared file, a backup copy on a read-only mount, another
account's file): the commands that only read it work, and say the same as on a writable copy;
the commands that write refuse it, exit 2, with nothing written beside it or in it; one at an
older schema version is refused with one clear message, since upgrading it needs a writable copy.

The CLI runs in a subprocess bound by file modes (:mod:`unprivileged`): the test machine runs
the tests as root, and root writes read-only files.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import sqlite_utils

import advisor.storage.handle as handle
from advisor.storage.schema import migration_set
from advisor.errors import WorkspaceError
from advisor.plan.model import Suppression
from advisor.storage.planfile import load_plan
from advisor.storage.workspace import Workspace
from unprivileged import can_write, outsource, run


#: The shared workspace's bytes and mode, and what each reading command printed on its writable
#: twin (the workspace path as ``<db>``): worked out by the first test in a process that needs them
_BUILT: list = []
_ON_WRITABLE: dict[tuple[str, ...], tuple[int, str, str]] = {}


@pytest.fixture
def shared(tmp_path, bakery):
    """(read-only workspace, its writable twin): the bakery with a rule switched off and a
    finding acknowledged, so ``check`` has workspace state to honour."""
    writable = tmp_path / "mine" / "w.db"
    writable.parent.mkdir()
    if _BUILT:  # made once per test process: the same file (its history's minutes too) in every test
        writable.write_bytes(_BUILT[0])
        os.chmod(writable, _BUILT[1])
    else:
        # no deadline: shortlist-size fires whatever today is (a deadline 3 weeks off rests it)
        bakery.task("logo").deadline = None
        with Workspace.open(writable) as ws:
            ws.replace_plan(bakery)
            ws.set_rule_enabled("try-several-marketplaces", False, reason="one is enough for now")
            ws.add_suppression(Suppression(rule="shortlist-size", task="logo", reason="two is enough"))
        assert not Path(f"{writable}-wal").exists()  # closing merged the WAL into the file
        _BUILT[:] = [writable.read_bytes(), os.stat(writable).st_mode & 0o777]
    folder = tmp_path / "shared"
    folder.mkdir()
    ro = folder / "w.db"
    shutil.copyfile(writable, ro)
    os.chmod(ro, 0o444)
    yield ro, writable
    os.chmod(folder, 0o755)  # so pytest can clean up


def lock_folder(path: Path) -> None:
    os.chmod(path.parent, 0o555)


def state(path: Path) -> tuple[bytes, list[str]]:
    """The file's bytes and what is beside it: what "nothing written" compares."""
    return path.read_bytes(), sorted(os.listdir(path.parent))


FOLDERS = pytest.mark.parametrize("folder", ["writable folder", "read-only folder"])


@FOLDERS
def test_reading_commands_work_and_match_a_writable_copy(shared, tmp_path, folder):
    ro, writable = shared
    if folder == "read-only folder":
        lock_folder(ro)
    assert not can_write(ro)
    before = state(ro)

    read = {}
    for argv in (["summary"], ["check"], ["check", "--format", "json"], ["export", "-"], ["history"],
                 ["rules", "list"], ["report"]):
        if tuple(argv) not in _ON_WRITABLE:  # the same file in every test: run once per process
            mine = outsource("--db", str(writable), *argv)
            _ON_WRITABLE[tuple(argv)] = (mine.returncode, mine.stdout.replace(str(writable), "<db>"), mine.stderr)
        code, stdout, stderr = _ON_WRITABLE[tuple(argv)]
        theirs = read[" ".join(argv)] = outsource("--db", str(ro), *argv)
        assert theirs.returncode == code, (argv, theirs.stderr)
        assert theirs.stdout.replace(str(ro), "<db>") == stdout, argv
        assert theirs.stderr == stderr, argv
        assert "Traceback" not in theirs.stderr
    check = read["check"]
    assert "warning  Design a new logo: 2 shortlisted out of 4" in check.stdout
    assert "(acknowledged: two is enough)" in check.stdout
    assert "switched off in this workspace, not run: try-several-marketplaces" in check.stderr
    summary = read["summary"].stdout
    assert summary.startswith(f"Workspace: {ro}\nBusiness:  Bramble Bakery (USD)")

    out = tmp_path / "copy.toml"
    exported = outsource("--db", str(ro), "export", str(out))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"exported 3 task(s), 4 candidate(s) to {out}\n"
    with Workspace.open(writable) as ws:
        assert load_plan(out) == ws.load_plan()

    backup = tmp_path / "backup.db"
    made = outsource("--db", str(ro), "backup", str(backup))
    assert made.returncode == 0, made.stderr
    assert made.stdout == f"backed up {ro} to {backup}\n"
    with Workspace.open(backup) as copy, Workspace.open(writable) as ws:
        assert copy.load_plan() == ws.load_plan()
        assert copy.rule_switches() == {"try-several-marketplaces": False}

    assert state(ro) == before  # not a byte, and no -wal/-shm left beside it


def test_the_owner_s_unmerged_changes_are_read(shared):
    """With the owner's app open, the latest changes are still in the ``-wal``: they are read
    through it (``mode=ro``), not missed, and the owner's files are left as they were."""
    ro, _ = shared
    os.chmod(ro, 0o644)
    owner = Workspace.open(ro)  # the owner (full rights), still open
    try:
        owner.conn.execute("PRAGMA wal_autocheckpoint = 0")  # keep the change in the -wal
        plan = owner.load_plan()
        owner.save_business(replace(plan.business, name="Bramble Bakery & Cafe"))
        os.chmod(ro, 0o444)
        lock_folder(ro)
        assert Path(f"{ro}-wal").stat().st_size > 0
        before = state(ro)
        summary = outsource("--db", str(ro), "summary")
        assert summary.returncode == 0, summary.stderr
        assert "Business:  Bramble Bakery & Cafe (USD)" in summary.stdout
        assert state(ro) == before
    finally:
        owner.close()


def test_the_owner_s_private_session_files_are_named(shared):
    """Another account's open session keeps its ``-wal``/``-shm`` private (0600, as every
    session makes them): the reader is told so, not sent to check the folder."""
    ro, _ = shared
    os.chmod(ro, 0o644)
    owner = Workspace.open(ro)
    try:
        owner.conn.execute("PRAGMA wal_autocheckpoint = 0")
        owner.save_business(replace(owner.load_plan().business, name="Bramble Bakery & Cafe"))
        os.chmod(ro, 0o444)
        for side in ("-wal", "-shm"):
            os.chmod(f"{ro}{side}", 0o000)  # as unreadable as another account's 0600 file
        proc = outsource("--db", str(ro), "summary")
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr == (f"error: {ro}: is open in another session whose w.db-wal and w.db-shm files "
                               "this user may not read\nhint: try again once it is closed there, or ask its "
                               "owner for a copy made with `outsource backup`\n")
    finally:
        for side in ("-wal", "-shm"):
            os.chmod(f"{ro}{side}", 0o600)
        owner.close()


@FOLDERS
@pytest.mark.parametrize("argv", [
    ["import", "examples/bakery.toml", "--replace"],
    ["import", "{csv}", "--task", "logo"],
    ["import", "tests/data/history/upwork.csv", "--history", "--yes"],
    ["restore", "{backup}"],
    [],
], ids=["import plan", "import csv", "import history", "restore", "the app"])
def test_writing_commands_refuse_with_nothing_written(shared, tmp_path, folder, argv):
    ro, writable = shared
    backup = tmp_path / "b.db"
    with Workspace.open(writable) as ws:
        ws.backup(backup)
    csv = tmp_path / "c.csv"
    csv.write_text("Name,Hourly Rate\nZoe,30\n", encoding="utf-8")
    if folder == "read-only folder":
        lock_folder(ro)
    before = state(ro)
    if argv:
        proc = outsource("--db", str(ro), *[a.format(backup=backup, csv=csv) for a in argv])
    else:  # the installed command: `python -m advisor.cli` has no app to launch
        proc = run([str(Path(sys.executable).parent / "outsource"), "--db", str(ro)], stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: {ro}: is read-only\n"), proc.stderr
    assert "Traceback" not in proc.stderr
    assert state(ro) == before


def test_a_read_only_workspace_at_an_old_schema_version_is_refused_clearly(tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    migration_set().apply(sqlite_utils.Database(conn), stop_before="m005_unknown_fees")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    os.chmod(old, 0o444)
    before = state(old)
    for argv in (["summary"], ["check"], ["backup", str(tmp_path / "b.db")]):
        proc = outsource("--db", str(old), *argv)
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert proc.stderr == (f"error: {old}: is read-only and at an older schema version (without "
                               "m005_unknown_fees, m006_how_work_is_done, m007_candidate_kind, m008_buyer_checks, m009_time_zones, m010_money_locale, m011_continuity_and_assets, m012_exchange_rates, m013_working_people, m014_hours_last_week); it needs a writable copy to be upgraded\n"
                               "hint: copy it to a file you may write and pass the copy with --db\n")
    assert state(old) == before
    assert not (tmp_path / "b.db").exists()


# --------------------------------------------------------------------------- in-process

@pytest.fixture
def read_only(monkeypatch, tmp_path, bakery):
    """The workspace as :meth:`Workspace.open_for_reading` opens one the user may not write."""
    path = tmp_path / "w.db"
    with Workspace.open(path) as ws:
        ws.replace_plan(bakery)
    monkeypatch.setattr(handle, "_writable", lambda p: False)
    ws = Workspace.open_for_reading(path)
    yield ws
    ws.close()


def test_a_read_only_workspace_refuses_a_change(read_only, bakery):
    before = read_only.path.read_bytes()
    assert read_only.read_only
    with pytest.raises(WorkspaceError, match="is read-only"):
        read_only.replace_plan(bakery)
    assert read_only.path.read_bytes() == before


def test_a_write_by_the_owner_during_an_unlocked_read_is_reported(read_only):
    """Opened ``immutable`` (no ``-wal``, nothing to lock with): a change made meanwhile would be
    read torn, so it is reported instead."""
    assert read_only.load_plan().business.name == "Bramble Bakery"
    with Workspace.open(read_only.path) as owner:
        owner.save_business(replace(owner.load_plan().business, name="Changed"))
    with pytest.raises(WorkspaceError, match="changed while it was being read"):
        read_only.load_plan()
