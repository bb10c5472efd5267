"""Rules switched on and off per workspace (schema migration m003): stored, kept across
sessions, written to the history, and the upgrade of a workspace written before m003."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from advisor.storage.schema import migration_set
from advisor.errors import PlanError
from advisor.storage.planfile import dumps_plan
from advisor.storage.workspace import Workspace


def test_a_new_workspace_has_no_switches(tmp_path):
    with Workspace.open(tmp_path / "w.db") as w:
        assert w.rule_switches() == {}


def test_switch_off_and_back_on(tmp_path, bakery):
    with Workspace.open(tmp_path / "w.db") as w:
        w.replace_plan(bakery)
        w.set_rule_enabled("shortlist-size", False, reason="two is enough for us")
        w.set_rule_enabled("start-small", False)
        assert w.rule_switches() == {"shortlist-size": False, "start-small": False}
        row = w.conn.execute("SELECT enabled, reason, at, user FROM rule_switches WHERE rule = ?",
                             ("shortlist-size",)).fetchone()
        assert row[0] == 0 and row[1] == "two is enough for us" and row[2] and row[3] == w.user
        w.set_rule_enabled("shortlist-size", False)  # switching off again replaces the row
        assert w.rule_switches() == {"shortlist-size": False, "start-small": False}
        w.set_rule_enabled("shortlist-size", True)  # back on: the row is deleted
        assert w.rule_switches() == {"start-small": False}
        assert w.conn.execute("SELECT count(*) FROM rule_switches WHERE rule = 'shortlist-size'").fetchone()[0] == 0
        w.set_rule_enabled("never-switched", True)  # on without a row: nothing to delete, still fine
        assert w.rule_switches() == {"start-small": False}
        assert w.load_plan() == bakery  # the plan is not touched


def test_every_switch_is_one_history_row(tmp_path):
    with Workspace.open(tmp_path / "w.db") as w:
        before = len(w.history(10_000))
        w.set_rule_enabled("shortlist-size", False, reason="why not")
        w.set_rule_enabled("shortlist-size", True)
        entries = w.history(10_000)
        assert len(entries) == before + 2
        assert entries[0].action == "switch rule" and entries[0].detail == {"rule": "shortlist-size",
                                                                           "enabled": True}
        assert entries[1].detail == {"rule": "shortlist-size", "enabled": False, "reason": "why not"}
        assert entries[1].user == w.user


def test_a_bad_rule_id_changes_nothing(tmp_path):
    with Workspace.open(tmp_path / "w.db") as w:
        before = len(w.history(10_000))
        with pytest.raises(PlanError):
            w.set_rule_enabled("", False)
        assert w.rule_switches() == {} and len(w.history(10_000)) == before


def test_switches_survive_reopening_and_are_seen_by_another_session(tmp_path, bakery):
    path = tmp_path / "w.db"
    with Workspace.open(path) as a, Workspace.open(path) as b:
        a.replace_plan(bakery)
        a.set_rule_enabled("shortlist-size", False)
        assert b.rule_switches() == {"shortlist-size": False}
    with Workspace.open(path) as w:
        assert w.rule_switches() == {"shortlist-size": False}


def test_importing_a_plan_keeps_the_switches(tmp_path, bakery):
    with Workspace.open(tmp_path / "w.db") as w:
        w.set_rule_enabled("shortlist-size", False)
        w.replace_plan(bakery)
        assert w.rule_switches() == {"shortlist-size": False}


def test_a_backup_carries_the_switches(tmp_path):
    with Workspace.open(tmp_path / "w.db") as w:
        w.set_rule_enabled("shortlist-size", False)
        w.backup(tmp_path / "copy.db")
    with Workspace.open(tmp_path / "copy.db") as c:
        assert c.rule_switches() == {"shortlist-size": False}


# --------------------------------------------------------------------------- upgrade from m002

def test_a_workspace_from_before_m003_is_upgraded_with_its_data_intact(tmp_path, bakery):
    path = tmp_path / "v2.db"
    with Workspace.open(path) as w:  # make a plan's rows with today's code, then drop m003
        w.replace_plan(bakery)
        expected = dumps_plan(w.load_plan())
        n_history = len(w.history(10_000))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE rule_switches")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_rule_switches'")
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names[:2] == ["m001_initial", "m002_versions"] and "m003_rule_switches" not in names
    conn.close()
    with Workspace.open(path) as w:
        names = [r[0] for r in w.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert sorted(names) == sorted(m.name for m in migration_set()._migrations)
        assert "m003_rule_switches" in names
        assert dumps_plan(w.load_plan()) == expected and len(w.history(10_000)) == n_history
        assert w.rule_switches() == {}
        w.set_rule_enabled("shortlist-size", False)
    with Workspace.open(path) as w:  # opening again migrates nothing more
        assert w.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(migration_set()._migrations)
        assert w.rule_switches() == {"shortlist-size": False}


def test_m003_applies_after_m002_on_a_bare_m002_database(tmp_path):
    """The migrations in order on a database that sqlite-utils left at m002."""
    path = tmp_path / "bare.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migration_set().apply(sqlite_utils.Database(conn), stop_before="m003_rule_switches")
    assert "rule_switches" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    with Workspace.open(path) as w:
        cols = {r[1]: (r[2], r[3], r[5]) for r in w.conn.execute("PRAGMA table_info(rule_switches)")}
        assert cols == {"rule": ("TEXT", 0, 1), "enabled": ("INTEGER", 1, 0), "reason": ("TEXT", 1, 0),
                        "at": ("TEXT", 1, 0), "user": ("TEXT", 1, 0)}
