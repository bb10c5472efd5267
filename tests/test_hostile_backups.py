"""Attacker-supplied backups, workspaces edited by other tools, and writes onto special files
(issue 13, items 2-5, 11, 12, 14).

Each backup in the corpus is a good backup changed by one SQL script from
``tests/data/hostile/backups/``: a trigger, a view, a table the app does not make, values of the
wrong type. ``restore`` must refuse every one with exit 2 naming what is wrong, before anything
is replaced; the same values written into a live workspace are reported by table, row and
field.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.errors import AdvisorError, WorkspaceError
from advisor.storage.planfile import load_plan
from advisor.files import write_atomic
from advisor.storage.workspace import Workspace

CORPUS = Path(__file__).parent / "data" / "hostile" / "backups"
SCRIPTS = sorted(CORPUS.glob("*.sql"))
#: what each refusal must name
EXPECT = {"trigger": "trigger 'evil'", "view": "view 'tasks'", "raise": "trigger 'boom'",
          "extra_table": "table stash", "skills_not_json": "table tasks, id 'logo', field skills",
          "deadline_not_date": "table tasks, id 'logo', field deadline", "scores_list": "scores",
          "rating_text": "field rating", "jobs_text": "table business, id 1, field completed_jobs",
          "rating_range": "rating"}


@pytest.fixture
def db(tmp_path, bakery_path) -> Path:
    path = tmp_path / "ws.db"
    with Workspace.open(path) as ws:
        ws.replace_plan(load_plan(bakery_path))
    return path


def hostile_backup(db: Path, script: Path) -> Path:
    dest = db.with_name(f"{script.stem}.db")
    with Workspace.open(db) as ws:
        ws.backup(dest)
    conn = sqlite3.connect(dest)
    conn.executescript(script.read_text())
    conn.close()
    return dest


def snapshot(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall(),
                conn.execute("SELECT name FROM business").fetchall(),
                conn.execute("SELECT id, name, rating FROM candidates ORDER BY id").fetchall(),
                conn.execute("SELECT count(*) FROM history").fetchall())
    finally:
        conn.close()


def test_the_corpus_covers_every_expectation():
    assert {p.stem for p in SCRIPTS} == set(EXPECT)


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_restore_refuses_a_hostile_backup_and_leaves_the_workspace_untouched(db, script, capsys):
    backup = hostile_backup(db, script)
    before = snapshot(db)
    code = main(["--db", str(db), "restore", str(backup)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"error: {backup}: ") and EXPECT[script.stem] in err.splitlines()[0], err
    assert "Traceback" not in err
    assert snapshot(db) == before
    assert not Path(f"{db}.bak").exists()
    assert not Path(f"{backup}-wal").exists() and not Path(f"{backup}-shm").exists()


def test_a_good_backup_still_restores(db, capsys):
    backup = db.with_name("good.db")
    with Workspace.open(db) as ws:
        ws.backup(backup)
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    assert not Path(f"{backup}-wal").exists() and not Path(f"{backup}-shm").exists()


@pytest.mark.parametrize("script", [p for p in SCRIPTS if p.stem in
                                    ("skills_not_json", "deadline_not_date", "scores_list", "rating_text",
                                     "jobs_text")], ids=lambda p: p.stem)
def test_a_workspace_edited_by_another_tool_is_reported_not_crashed(db, script, capsys):
    conn = sqlite3.connect(db)
    conn.executescript(script.read_text())
    conn.close()
    for command in (["summary"], ["check"], ["export", "-"]):
        code = main(["--db", str(db), *command])
        err = capsys.readouterr().err
        assert code == 2, (command, err)
        assert err.startswith(f"error: {db}: holds a value the app did not write"), err
        assert EXPECT[script.stem] in err, err


def test_restores_keep_every_earlier_bak(db, capsys):
    backup = db.with_name("good.db")
    with Workspace.open(db) as ws:
        ws.backup(backup)
    baks = []
    for _ in range(3):
        assert main(["--db", str(db), "restore", str(backup)]) == 0
        baks.append(capsys.readouterr().out.rsplit(" ", 1)[1].strip())
    assert baks == [f"{db}.bak", f"{db}.bak.2", f"{db}.bak.3"]
    assert all(Path(b).is_file() for b in baks)


# ----------------------------------------------------------------------------- special files

@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_export_force_never_replaces_a_fifo_a_device_or_a_folder(db, fifo, tmp_path, capsys):
    folder = tmp_path / "dir"
    folder.mkdir()
    for target, kind in ((fifo, "a FIFO (named pipe)"), (Path("/dev/null"), "a device"), (folder, "a folder")):
        code = main(["--db", str(db), "export", str(target), "--force"])
        err = capsys.readouterr().err
        assert code == 2 and f"{target}: is {kind}" in err, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert folder.is_dir()


def test_writes_never_follow_a_dangling_link(db, tmp_path, capsys):
    link = tmp_path / "plan.toml"
    target = tmp_path / "elsewhere" / "created.toml"
    target.parent.mkdir()
    link.symlink_to(target)
    with pytest.raises(AdvisorError, match="symbolic link to nothing"):
        write_atomic(link, b"x")
    assert main(["--db", str(db), "backup", str(link)]) == 2
    bak_link = Path(f"{db}.bak")
    bak_link.symlink_to(tmp_path / "elsewhere" / "bak.db")
    assert main(["--db", str(db), "restore", str(db.with_name("x.db"))]) == 2  # no such backup
    good = db.with_name("good.db")
    with Workspace.open(db) as ws:
        ws.backup(good)
    assert main(["--db", str(db), "restore", str(good)]) == 0
    assert "bak.2" in capsys.readouterr().out  # the link is skipped, not followed
    assert not target.exists() and not (tmp_path / "elsewhere" / "bak.db").exists()


def test_export_through_a_link_to_a_regular_file_replaces_that_file(db, tmp_path):
    target = tmp_path / "real.toml"
    target.write_text("old")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    assert main(["--db", str(db), "export", str(link), "--force"]) == 0
    assert link.is_symlink() and "format = 1" in target.read_text()


def test_a_failed_backup_leaves_nothing_and_a_killed_write_is_cleaned_up(db, tmp_path, monkeypatch):
    import advisor.storage.workspace as wsmod

    def fail(src, dest):
        raise sqlite3.OperationalError("disk I/O error")

    dest = tmp_path / "b.db"
    monkeypatch.setattr(wsmod, "_copy", fail)
    with Workspace.open(db) as ws, pytest.raises(WorkspaceError):
        ws.backup(dest)
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("b.db", ".b.db"))) == []
    with Workspace.open(db) as ws:
        ws.backup(dest)  # the name is free
    # a temporary file of a process that no longer runs is removed by the next write
    stale = tmp_path / ".plan.toml.999999999.abcd.tmp"
    stale.write_text("half")
    write_atomic(tmp_path / "plan.toml", b"x")
    assert not stale.exists()
