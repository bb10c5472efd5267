"""Migration m004: the advice fields (issue 12) are stored, read back, and a workspace written
before m004 is upgraded with every old row reading as the plan-file defaults."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from advisor.storage.schema import migration_set
from advisor.plan.model import Candidate, Task
from advisor.storage.planfile import dumps_plan
from advisor.storage.workspace import Workspace


def test_advice_fields_round_trip_through_the_workspace(tmp_path, bakery):
    bakery.business.utc_offset = -7
    t = bakery.tasks[0]
    t.sensitive_data, t.creates_ip, t.milestones, t.weekly_cap, t.openings = True, True, 3, 12.5, 2
    c = t.candidates[0]
    c.past_jobs_with_us, c.agreements, c.trial, c.off_platform, c.review_left = 4, ["nda"], "passed", True, True
    with Workspace.open(tmp_path / "w.db") as w:
        w.replace_plan(bakery)
    with Workspace.open(tmp_path / "w.db") as w:
        got = w.load_plan()
    assert got == bakery
    assert got.business.utc_offset == -7 and got.tasks[0].weekly_cap == 12.5
    assert got.tasks[0].candidates[0].agreements == ["nda"]


def test_saving_one_task_and_one_candidate_keeps_the_new_fields(tmp_path, bakery):
    with Workspace.open(tmp_path / "w.db") as w:
        w.replace_plan(bakery)
        task = w.load_plan().tasks[0]
        task.creates_ip, task.openings = True, 3
        w.save_task(task)
        new = Task(id="audit", title="Bookkeeping audit", sensitive_data=True, milestones=2)
        w.save_task(new)
        cand = w.load_plan().tasks[0].candidates[0]
        cand.agreements, cand.trial = ["nda", "ip-assignment"], "planned"
        w.save_candidate(cand)
        w.save_candidate(Candidate(id="zoe", name="Zoë", task="audit", past_jobs_with_us=2, review_left=True))
        plan = w.load_plan()
    tasks = {t.id: t for t in plan.tasks}
    assert tasks[bakery.tasks[0].id].creates_ip and tasks[bakery.tasks[0].id].openings == 3
    assert tasks["audit"].sensitive_data and tasks["audit"].milestones == 2 and tasks["audit"].openings == 1
    assert tasks[bakery.tasks[0].id].candidates[0].agreements == ["nda", "ip-assignment"]
    zoe = tasks["audit"].candidates[0]
    assert (zoe.past_jobs_with_us, zoe.review_left, zoe.trial, zoe.agreements) == (2, True, "none", [])


def test_a_workspace_from_before_m004_is_upgraded_with_defaults(tmp_path, bakery):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migration_set().apply(sqlite_utils.Database(conn), stop_before="m004_advice_fields")
    conn.close()
    # rows written by the m003 schema (the old column lists), as an old version stored them
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO business (id, name, currency, completed_jobs, version) VALUES (1, 'Old', 'EUR', 2, 1)")
    conn.execute("INSERT INTO tasks (id, position, title, description, size, critical, skills, pricing, budget, hours, "
                 "status, marketplaces, deadline, acceptance, version) VALUES ('logo', 0, 'Logo', '', 'minor', 0, "
                 "'[]', 'fixed', 300, NULL, 'hiring', '[]', NULL, '', 1)")
    conn.execute("INSERT INTO candidates (id, task, position, name, marketplace, hourly, bid, rating, reviews, jobs, "
                 "job_success, country, utc_offset, status, reject_reason, notes, version) VALUES ('ana', 'logo', 0, "
                 "'Ana', NULL, NULL, 250, NULL, NULL, NULL, NULL, NULL, NULL, 'applied', '', '', 1)")
    conn.close()
    with Workspace.open(path) as w:
        assert "m004_advice_fields" in {r[0] for r in w.conn.execute("SELECT name FROM _sqlite_migrations")}
        plan = w.load_plan()
    assert plan.business.utc_offset is None and plan.business.currency == "EUR"
    t = plan.tasks[0]
    assert (t.sensitive_data, t.creates_ip, t.milestones, t.weekly_cap, t.openings) == (False, False, 0, None, 1)
    c = t.candidates[0]
    assert (c.past_jobs_with_us, c.agreements, c.trial, c.off_platform, c.review_left) == (0, [], "none", False, False)
    assert "utc_offset" not in dumps_plan(plan).split("[[tasks]]")[0]
