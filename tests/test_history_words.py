"""The decision log a person reads (`outsource history`): records by name, each change with what
it changed (field: old → new), interviews/hires/imports named so, no row for a save that changed
nothing, undo messages by name, ids only in --format json; and tasks done counted as jobs
outsourced (summary and the advisor's `business.experience`, one count)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from advisor.plan import lifecycle
from advisor.cli import main
from advisor.errors import ConflictError
from advisor.rules.facts import business_fact
from advisor.plan.model import Business, Candidate, Interview, Plan, Task
from advisor.session import Session
from advisor.storage.workspace import Workspace

NAME = "محمد علي"
TITLE = "New logo for the bakery"
TID = "new-logo-for-the-bakery"


def run_cli(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ws.db"
    with Session.open(path) as s:
        s.replace_plan(Plan(business=Business(name="Bakery", currency="USD"),
                            tasks=[Task(TID, TITLE, budget=300.0, marketplaces=["Upwork"])]))
        s.save_candidate(Candidate("mhmd-ly", NAME, task=TID, bid=350.0))
    return path


def _journey(path) -> Session:
    """Edit the task, save it unchanged, shortlist, interview and hire محمد علي."""
    s = Session.open(path)
    t = s.task(TID)
    s.save_task(replace(t, budget=400.0, skills=["logo"]))
    s.save_task(replace(s.task(TID)))  # nothing changed (a form builds a new record)
    c = s.plan.candidate("mhmd-ly")
    s.apply(lifecycle.shortlist(s.task(TID), c))
    c = s.plan.candidate("mhmd-ly")
    s.save_candidate(replace(c, status="interviewed",
                             interview=Interview(date(2026, 11, 30), {"communication": 5}, "clear and quick")))
    s.apply(lifecycle.hire(s.task(TID), s.plan.candidate("mhmd-ly")))
    return s


def test_history_text_names_records_and_says_what_changed(db, capsys):
    _journey(db).close()
    code, out = run_cli(capsys, "history", "--db", str(db))
    assert code == 0
    # the timestamp and user lead each row; the rest is what a person reads, newest first
    heads = [ln.split("  ", 2)[2] for ln in out.splitlines() if not ln.startswith("    ")]
    assert heads == [
        f"task '{TITLE}': hiring → hired",
        f"hire {NAME} for '{TITLE}'",
        f"interview {NAME} for '{TITLE}'",
        f"shortlist {NAME}  · '{TITLE}'",
        f"edit task '{TITLE}'",
        f"task '{TITLE}': draft → hiring",
        f"add candidate {NAME} to '{TITLE}'",
        "import plan",
    ]
    body = out.split(f"interview {NAME}", 1)[1]
    assert body.splitlines()[1:5] == ["    status: shortlisted → interviewed", "    interview date: — → 2026-11-30",
                                      "    interview score communication: — → 5",
                                      "    interview notes: — → clear and quick"]
    edit = out.split(f"edit task '{TITLE}'", 1)[1].splitlines()
    assert edit[1:3] == ["    skills: — → logo", "    budget: 300 → 400"]
    assert "mhmd-ly" not in out and TID not in out  # ids only in the JSON


def test_history_json_keeps_ids_and_the_changes(db, capsys):
    _journey(db).close()
    code, out = run_cli(capsys, "history", "--db", str(db), "--format", "json", "--task", TID)
    rows = json.loads(out)
    hire = next(r for r in rows if r["change"].startswith("hire "))
    assert (hire["task"], hire["candidate"]) == (TID, "mhmd-ly")
    assert hire["changes"] == [{"field": "status", "old": "interviewed", "new": "hired"}]
    edit = next(r for r in rows if r["change"].startswith("edit task"))
    assert edit["changes"] == [{"field": "skills", "old": [], "new": ["logo"]},
                               {"field": "budget", "old": 300.0, "new": 400.0}]


def test_a_save_that_changes_nothing_writes_no_row_and_keeps_the_version(db):
    with Session.open(db) as s:
        t, c = s.task(TID), s.plan.candidate("mhmd-ly")
        rows = s.ws.conn.execute("SELECT count(*) FROM history").fetchone()[0]
        assert s.save_task(replace(t)).version == t.version
        assert s.save_candidate(replace(c)).version == c.version
        s.save_business(replace(s.plan.business))
        assert s.ws.conn.execute("SELECT count(*) FROM history").fetchone()[0] == rows
        assert not s.can_undo  # nothing to take back
        stored = s.ws.load_plan()
        assert (stored.task(TID).version, stored.candidate("mhmd-ly").version) == (t.version, c.version)


def test_an_unchanged_save_over_a_stale_copy_is_still_refused(db):
    with Session.open(db) as s, Workspace.open(db) as other:
        t = s.task(TID)
        other.save_task(replace(other.load_plan().task(TID), title="Changed elsewhere", candidates=[]))
        with pytest.raises(ConflictError, match="changed in another session"):
            s.save_task(replace(t))


def test_undo_and_its_refusal_name_records(db):
    with Session.open(db) as s:
        s.apply(lifecycle.shortlist(s.task(TID), s.plan.candidate("mhmd-ly")))
        with Workspace.open(db) as other:
            c = other.load_plan().candidate("mhmd-ly")
            other.save_candidate(replace(c, notes="changed elsewhere"))
        with pytest.raises(ConflictError) as err:
            s.undo()
        assert err.value.message.startswith(f"cannot undo shortlist {NAME}: {NAME} changed in another session")
        s.reload()
        s.save_task(replace(s.task(TID), budget=500.0))
        assert s.undo() == f"edit task '{TITLE}'"
        row = s.history(limit=1)[0]
        assert row.detail["change"] == f"undo: edit task '{TITLE}'"
        assert row.detail["changes"] == [{"field": "budget", "old": 500.0, "new": 300.0}]


def test_csv_import_is_named_an_import_into_the_task(db, tmp_path, capsys):
    (tmp_path / "more.csv").write_text("name,bid\nZoë,200\n", encoding="utf-8")
    code, _ = run_cli(capsys, "import", str(tmp_path / "more.csv"), "--task", TID, "--db", str(db))
    assert code == 0
    code, out = run_cli(capsys, "history", "--db", str(db), "--limit", "1")
    assert out.split("  ", 2)[2].strip() == f"import 1 candidate(s) from {tmp_path / 'more.csv'} into '{TITLE}'"


def test_tasks_done_count_as_jobs_outsourced_in_summary_and_the_advisor(db, capsys):
    code, out = run_cli(capsys, "summary", "--db", str(db))
    assert "Business:  Bakery (USD), 0 job(s) outsourced before" in out
    with Session.open(db) as s:
        s.apply(lifecycle.hire(s.task(TID), s.plan.candidate("mhmd-ly")))
        s.apply(lifecycle.mark_done(s.task(TID)))
        plan = s.plan
    assert business_fact(plan)["experience"] == plan.experience() == 1
    code, out = run_cli(capsys, "summary", "--db", str(db))
    assert "Business:  Bakery (USD), 1 job(s) outsourced (1 task(s) done here)" in out
    with Session.open(db) as s:
        s.save_business(replace(s.plan.business, completed_jobs=2))
    code, out = run_cli(capsys, "summary", "--db", str(db))
    assert "Business:  Bakery (USD), 3 job(s) outsourced (2 before, 1 task(s) done here)" in out
