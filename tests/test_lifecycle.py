"""The hiring lifecycle in the core: transitions (advisor.plan.lifecycle), the session that applies them
with undo (advisor.session), the decision log, and the issue's command-line proof."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from advisor.plan import lifecycle
from advisor.cli import main
from advisor.errors import ConflictError, PlanError
from advisor.plan.model import Candidate, Marketplace, Plan, Task
from advisor.session import Session
from advisor.storage.workspace import Workspace

PLAN = """format = 1
[business]
name = "Bramble Books"
currency = "USD"

[[tasks]]
id = "logo"
title = "New logo"
size = "minor"
pricing = "fixed"
budget = 300
skills = ["logo design"]
marketplaces = ["Upwork"]
"""

CSV = """Name,Hourly Rate,Bid,Rating,Reviews
Ana P,30,280,4.9,40
Ben Q,25,250,4.7,12
Cy R,40,390,5.0,80
"""


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_only_proof(tmp_path, capsys):
    """Fresh workspace, a draft task plan, a 3-row CSV for it: summary says hiring, check gives the
    shortlist advice, history lists both imports (newest first)."""
    db = str(tmp_path / "ws.db")
    (tmp_path / "tasks.toml").write_text(PLAN)
    (tmp_path / "three.csv").write_text(CSV)
    code, out, _ = run_cli(capsys, "import", str(tmp_path / "tasks.toml"), "--db", db)
    assert code == 0
    code, out, _ = run_cli(capsys, "import", str(tmp_path / "three.csv"), "--task", "logo", "--db", db)
    assert code == 0 and "task logo: draft -> hiring" in out
    code, out, _ = run_cli(capsys, "summary", "--db", db)
    assert "logo  hiring" in out
    assert "Upwork (fees unknown)" in out  # the marketplace the task named is a record now
    code, out, _ = run_cli(capsys, "check", "--db", db, "--format", "json")
    assert "shortlist-size" in {f["rule"] for f in json.loads(out)["findings"]}
    code, out, _ = run_cli(capsys, "history", "--db", db)
    lines = [ln for ln in out.splitlines() if not ln.startswith("    ")]
    assert "import 3 candidate(s) from" in lines[1] and lines[1].endswith("three.csv into 'New logo'")
    assert lines[0].endswith("task 'New logo': draft → hiring")  # names in the text, ids in the JSON
    assert any("import plan from" in ln for ln in lines)
    code, out, _ = run_cli(capsys, "history", "--db", db, "--task", "logo", "--format", "json")
    rows = json.loads(out)
    assert rows and all(r["task"] == "logo" for r in rows)
    assert any(r["change"].startswith("import 3 candidate(s)") for r in rows)


def test_out_of_step_plan_is_imported_as_written(tmp_path, capsys):
    plan = PLAN + """
[[tasks.candidates]]
id = "ana"
name = "Ana"
status = "hired"
"""
    (tmp_path / "p.toml").write_text(plan)
    code, out, _ = run_cli(capsys, "import", str(tmp_path / "p.toml"), "--db", str(tmp_path / "w.db"))
    assert code == 0
    assert "note: task logo is draft but 1 of its 1 opening(s) are filled; the lifecycle would make it hired" in out
    with Workspace.open(tmp_path / "w.db") as ws:
        assert ws.load_plan().task("logo").status == "draft"


# --------------------------------------------------------------------------- pure transitions

def _task(**kw) -> Task:
    return Task(id="logo", title="Logo", **kw)


def test_shortlist_never_touches_a_hired_candidate():
    c = Candidate("ana", "Ana", task="logo", status="hired")
    step = lifecycle.shortlist(_task(candidates=[c]), c)
    assert step.refused and step.candidate is None


def test_hire_fills_openings_then_asks_naming_who_is_hired():
    ana = Candidate("ana", "Ana", task="logo", status="hired")
    ben = Candidate("ben", "Ben", task="logo", status="shortlisted")
    one = _task(status="hired", candidates=[ana, ben])
    step = lifecycle.hire(one, ben)
    assert "Ana is already hired" in step.confirm
    two = replace(one, openings=2, status="hiring")
    step = lifecycle.hire(two, ben)
    assert not step.confirm and step.task.status == "hired"
    three = replace(two, openings=3)
    assert lifecycle.hire(three, ben).task is None  # 2 of 3: still hiring


def test_unhire_needs_a_reason_and_goes_back_to_hiring():
    ana = Candidate("ana", "Ana", task="logo", status="hired")
    t = _task(status="hired", candidates=[ana])
    assert lifecycle.unhire(t, ana, " ").refused
    step = lifecycle.unhire(t, ana, "missed the first deadline")
    assert step.confirm and step.task.status == "hiring"
    assert step.candidate.status == "shortlisted" and "missed the first deadline" in step.candidate.notes


def test_post_needs_a_marketplace():
    assert lifecycle.post(_task()).refused
    assert lifecycle.post(_task(marketplaces=["Upwork"])).task.status == "posted"


def test_out_of_step():
    plan = Plan(tasks=[
        _task(candidates=[Candidate("a", "A", task="logo", status="hired")]),
        Task("site", "Site", status="hired"),
        Task("data", "Data", status="posted", candidates=[Candidate("b", "B", task="data")]),
        Task("ok", "Ok", status="done", candidates=[Candidate("c", "C", task="ok")]),
    ])
    assert [(o.task, o.expected) for o in lifecycle.out_of_step(plan)] == [
        ("logo", "hired"), ("site", "hiring"), ("data", "hiring")]


def test_docs_hold_the_state_table():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "app.md").read_text()
    from tui.actions_registry import key_for

    assert lifecycle.state_table_markdown(key_for) in docs  # the guide names the default keys


# --------------------------------------------------------------------------- the session

@pytest.fixture
def session(tmp_path):
    with Session.open(tmp_path / "ws.db") as s:
        s.save_task(Task("logo", "Logo", marketplaces=["Upwork"]))
        yield s


def test_first_candidate_moves_task_to_hiring_and_market_is_a_record(session):
    assert session.plan.marketplace("Upwork") == Marketplace("Upwork")  # fees unknown
    session.save_candidate(Candidate("ana", "Ana", task="logo", marketplace="Fiverr"))
    assert session.plan.task("logo").status == "hiring"
    assert session.plan.marketplace("Fiverr").fee_percent is None
    assert session.ws.load_plan().task("logo").status == "hiring"


def test_hire_and_undo_step_by_step(session):
    session.save_candidate(Candidate("ana", "Ana", task="logo"))
    t = session.plan.task("logo")
    session.apply(lifecycle.shortlist(t, t.candidates[0]))
    t = session.plan.task("logo")
    session.apply(lifecycle.hire(t, t.candidates[0]))
    stored = session.ws.load_plan()
    assert stored.task("logo").status == "hired" and stored.candidate("ana").status == "hired"
    assert session.undo() == "hire Ana for 'Logo'"
    stored = session.ws.load_plan()
    assert stored.task("logo").status == "hiring" and stored.candidate("ana").status == "shortlisted"
    assert session.undo() == "shortlist Ana"
    assert session.ws.load_plan().candidate("ana").status == "applied"
    assert session.undo() == "add candidate Ana to 'Logo'"
    stored = session.ws.load_plan()
    assert stored.task("logo").status == "draft" and not stored.task("logo").candidates
    assert session.history(limit=1)[0].detail["change"] == "undo: add candidate Ana to 'Logo'"


def test_undo_of_edit_and_delete(session):
    t = session.plan.task("logo")
    session.save_task(replace(t, title="Logo v2"))
    session.delete_task("logo")
    assert session.undo() == "delete task 'Logo v2'"
    assert session.plan.task("logo").title == "Logo v2"
    assert session.undo() == "edit task 'Logo'"
    assert session.plan.task("logo").title == "Logo"


def test_undo_refuses_over_another_sessions_change(session, tmp_path):
    session.save_candidate(Candidate("ana", "Ana", task="logo"))
    t = session.plan.task("logo")
    session.apply(lifecycle.shortlist(t, t.candidates[0]))
    with Workspace.open(session.ws.path) as other:
        c = other.load_plan().candidate("ana")
        other.save_candidate(replace(c, notes="theirs"))
    with pytest.raises(ConflictError, match="cannot undo shortlist Ana: Ana changed in another session"):
        session.undo()
    assert session.ws.load_plan().candidate("ana").notes == "theirs"


def test_history_keeps_the_advice_open_at_the_time(session):
    from advisor.advice.findings import Finding, Findings

    session.advice = Findings([Finding("shortlist-size", "warning", "task", "logo", None, "Shortlist",
                                       "Logo: 0 shortlisted")])
    session.save_candidate(Candidate("ana", "Ana", task="logo"))
    row = session.history(task="logo", limit=1)[0]
    assert row.detail["advice"][0]["rule"] == "shortlist-size"


def test_refused_step_is_an_error(session):
    with pytest.raises(PlanError, match="not a draft|names no marketplace|is draft"):
        session.apply(lifecycle.post(replace(session.plan.task("logo"), status="hired")))


# --------------------------------------------------------------------------- declining the rest after a hire

def _hired_with_shortlist(session) -> Task:
    for cid, status in (("ana", "shortlisted"), ("ben", "shortlisted"), ("cy", "interviewed"), ("di", "applied")):
        session.save_candidate(Candidate(cid, cid.title(), task="logo", status=status))
    t = session.plan.task("logo")
    session.apply(lifecycle.hire(t, next(c for c in t.candidates if c.id == "ana")))
    return session.plan.task("logo")


def test_declining_the_rest_rejects_the_shortlist_with_one_reason_as_one_change(session):
    task = _hired_with_shortlist(session)
    step = lifecycle.decline_rest(task, " went with Ana ")
    session.apply(step)
    stored = session.ws.load_plan()
    assert {c.id: (c.status, c.reject_reason) for c in stored.task("logo").candidates} == {
        "ana": ("hired", ""), "ben": ("rejected", "went with Ana"), "cy": ("rejected", "went with Ana"),
        "di": ("applied", "")}
    assert session.undo() == step.label  # one undo takes back every decline
    assert {c.id: c.status for c in session.ws.load_plan().task("logo").candidates} == {
        "ana": "hired", "ben": "shortlisted", "cy": "interviewed", "di": "applied"}


def test_declining_the_rest_is_all_or_nothing(session):
    """Another session changed one of them meanwhile: nothing is stored, the plan is as it was."""
    task = _hired_with_shortlist(session)
    step = lifecycle.decline_rest(task, "went with Ana")
    with Workspace.open(session.ws.path) as other:
        c = other.load_plan().candidate("cy")
        other.save_candidate(replace(c, notes="theirs"))
    with pytest.raises(ConflictError):
        session.apply(step)
    stored = session.ws.load_plan()
    assert stored.candidate("ben").status == "shortlisted" and stored.candidate("cy").status == "interviewed"
    assert session.plan.candidate("ben").status == "shortlisted"


def test_declining_the_rest_is_refused_before_the_openings_are_filled_or_without_a_reason(session):
    session.save_candidate(Candidate("eve", "Eve", task="logo", status="shortlisted"))
    assert "not filled" in lifecycle.decline_rest(session.plan.task("logo"), "x").refused
    task = _hired_with_shortlist(session)
    assert "reason" in lifecycle.decline_rest(task, "  ").refused
    session.apply(lifecycle.decline_rest(task, "done"))
    assert "nobody else" in lifecycle.decline_rest(session.plan.task("logo"), "x").refused
