"""Migration m006 (issue 21): how the work is done (a task's collaboration and the hours a day it
needs, the business's and each candidate's working hours) is stored, read back, refused when
malformed, and a workspace written before m006 is upgraded with every old row reading as the
plan-file defaults (async work, no hours stated)."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from advisor.storage.schema import migration_set
from advisor.errors import PlanError
from advisor.plan.model import Business, Candidate, Task, hours_window
from advisor.storage.planfile import dumps_plan, loads_plan
from advisor.storage.workspace import Workspace


def test_work_fields_round_trip_through_the_workspace_and_the_plan_file(tmp_path, bakery):
    bakery.business.working_hours = "08:00-16:00"
    t = bakery.tasks[0]
    t.collaboration, t.overlap_hours = "live", 6
    t.candidates[0].working_hours = "22:00-06:00"
    with Workspace.open(tmp_path / "w.db") as w:
        w.replace_plan(bakery)
    with Workspace.open(tmp_path / "w.db") as w:
        got = w.load_plan()
    assert got == bakery
    assert (got.tasks[0].collaboration, got.tasks[0].overlap_hours) == ("live", 6)
    assert got.business.working_hours == "08:00-16:00"
    assert got.tasks[0].candidates[0].working_hours == "22:00-06:00"
    assert loads_plan(dumps_plan(got)) == got


def test_saving_one_task_candidate_and_business_keeps_the_work_fields(tmp_path, bakery):
    with Workspace.open(tmp_path / "w.db") as w:
        w.replace_plan(bakery)
        w.save_task(Task(id="calls", title="Answer calls", pricing="hourly", collaboration="live"))
        w.save_candidate(Candidate(id="mia", name="Mia", task="calls", utc_offset=8, working_hours="09:00-18:00"))
        b = w.load_plan().business
        b.working_hours = "09:00-17:00"
        w.save_business(b)
        task = w.load_plan().task("calls")
        task.collaboration, task.overlap_hours = "overlap", 2.5
        w.save_task(task)
        plan = w.load_plan()
    calls = plan.task("calls")
    assert (calls.collaboration, calls.overlap_hours) == ("overlap", 2.5)
    assert calls.candidates[0].working_hours == "09:00-18:00"
    assert plan.business.working_hours == "09:00-17:00"
    assert plan.task(bakery.tasks[0].id).collaboration == "async"


def test_a_workspace_from_before_m006_is_upgraded_with_defaults(tmp_path):
    path = tmp_path / "v5.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migration_set().apply(sqlite_utils.Database(conn), stop_before="m006_how_work_is_done")
    conn.execute("INSERT INTO business (id, name, currency, completed_jobs, utc_offset, version) "
                 "VALUES (1, 'Old', 'EUR', 2, 1, 1)")
    conn.execute("INSERT INTO tasks (id, position, title, description, size, critical, skills, pricing, budget, hours, "
                 "status, marketplaces, deadline, acceptance, version) VALUES ('logo', 0, 'Logo', '', 'minor', 0, "
                 "'[]', 'fixed', 300, NULL, 'hiring', '[]', NULL, '', 1)")
    conn.execute("INSERT INTO candidates (id, task, position, name, status, version) "
                 "VALUES ('ana', 'logo', 0, 'Ana', 'applied', 1)")
    conn.close()
    with Workspace.open(path) as w:
        assert "m006_how_work_is_done" in {r[0] for r in w.conn.execute("SELECT name FROM _sqlite_migrations")}
        plan = w.load_plan()
    assert plan.business.working_hours is None and plan.business.utc_offset == 1
    assert (plan.tasks[0].collaboration, plan.tasks[0].overlap_hours) == ("async", None)
    assert plan.tasks[0].candidates[0].working_hours is None
    text = dumps_plan(plan)
    assert "collaboration" not in text and "working_hours" not in text


@pytest.mark.parametrize("value, fragment", [
    ("9-17", "like \"09:00-17:00\""), ("09:00-25:00", "24-hour clock"), ("09:00-09:00", "same time"),
    ("24:30-08:00", "24-hour clock"), (9, "not a number"),
])
def test_malformed_working_hours_are_refused_naming_the_field(value, fragment):
    with pytest.raises(PlanError, match=fragment) as err:
        Business(working_hours=value).validate()
    assert "business.working_hours" in str(err.value)


def test_an_unknown_collaboration_is_refused_with_the_choices():
    with pytest.raises(PlanError, match="async, overlap, live") as err:
        Task(id="t", title="T", collaboration="remote").validate()
    assert "task.collaboration" in str(err.value)


@pytest.mark.parametrize("text, window", [
    ("09:00-17:00", (540, 1020)), ("22:00-06:00", (1320, 1800)), ("00:00-24:00", (0, 1440)),
    ("08:30-12:15", (510, 735)),
])
def test_working_hours_read_as_minutes_and_a_night_shift_crosses_midnight(text, window):
    assert hours_window(Business(working_hours=text).validate().working_hours) == window
