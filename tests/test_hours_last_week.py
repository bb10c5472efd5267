"""A hire's hours billed last week against the task's weekly cap (issue 21; grading v20, drone: an
hourly hire billing 34 h a week against a 20 h cap got no line, because the plan had no field for
the hours). The candidate field ``hours_last_week`` goes through the plan file, the workspace,
the export and a CSV column; the task's ``hours_over_cap`` facts and ``hours-over-weekly-cap``
speak on an hourly, capped, hired task that went over, and stay quiet at or under the cap,
without a cap, before the hire and on a fixed price."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from advisor.cli import main
from advisor.errors import PlanError
from advisor.rules.facts import plan_facts
from advisor.storage.csvimport import parse_candidates_csv
from advisor.storage.planfile import dumps_plan, loads_plan
from advisor.storage.workspace import Workspace
from tests.plan_runner import advisor as shared_advisor

TODAY = date(2026, 12, 7)
RULE = "hours-over-weekly-cap"


def plan_text(*, hours: str = "34", cap: str = "weekly_cap = 20.0", pricing: str = "hourly",
              status: str = "hired", extra: str = "", currency: str = "USD", locale: str = "") -> str:
    hours_line = f"hours_last_week = {hours}\n" if hours else ""
    locale_line = f'locale = "{locale}"\n' if locale else ""
    return f"""format = 1
[business]
name = "Drone survey"
currency = "{currency}"
{locale_line}completed_jobs = 3

[[tasks]]
id = "stitch"
title = "Stitch the survey images"
skills = ["photogrammetry"]
size = "moderate"
pricing = "{pricing}"
budget = 40.0
hours = 80.0
{cap}
status = "{status}"

[[tasks.candidates]]
id = "ana"
name = "Ana Ruiz"
marketplace = "Upwork"
hourly = 34.0
bid = 2720.0
status = "{"hired" if status == "hired" else "shortlisted"}"
{hours_line}{extra}"""


@pytest.fixture(scope="module")
def advisor():
    """The process's shared engine (tests/plan_runner.py): every plan below is a full evaluation
    of its own."""
    return shared_advisor(TODAY)


def over_lines(advisor, text: str) -> list[str]:
    return [f.message for f in advisor.evaluate(loads_plan(text)) if f.rule == RULE]


def test_34_hours_against_a_20_hour_cap_is_named_with_the_hours_and_the_money(advisor):
    assert over_lines(advisor, plan_text()) == [
        "Ana Ruiz billed 34 h last week against the 20 h weekly cap of Stitch the survey images "
        "(14 h, about $476 over)."]


def test_a_proven_rehired_person_over_the_cap_still_gets_it(advisor):
    lines = over_lines(advisor, plan_text(extra="past_jobs_with_us = 4\n"))
    assert len(lines) == 1 and "(14 h, about $476 over)" in lines[0]


def test_half_an_hour_over_speaks_at_the_cap_and_under_it_is_quiet(advisor):
    assert over_lines(advisor, plan_text(hours="20.5")) == [
        "Ana Ruiz billed 20.5 h last week against the 20 h weekly cap of Stitch the survey images "
        "(0.5 h, about $17 over)."]
    assert over_lines(advisor, plan_text(hours="20")) == []
    assert over_lines(advisor, plan_text(hours="12")) == []


@pytest.mark.parametrize("case", ["no cap", "not hired", "fixed price", "not recorded"])
def test_quiet_without_a_cap_before_the_hire_on_a_fixed_price_or_without_hours(advisor, case):
    text = {"no cap": plan_text(cap=""), "not hired": plan_text(status="hiring"),
            "fixed price": plan_text(pricing="fixed"), "not recorded": plan_text(hours="")}[case]
    assert over_lines(advisor, text) == []


def test_the_task_fact_adds_up_the_hires_and_names_each_in_the_locales_money():
    two = plan_text(currency="EUR", locale="de_DE", hours="34.5") + """
[[tasks.candidates]]
id = "tom"
name = "Tom Hale"
hourly = 30.0
status = "hired"
hours_last_week = 25
"""
    t = plan_facts(loads_plan(two), today=TODAY)[("task", "stitch")]
    assert t["hours_over_cap"] == 19.5  # 14.5 + 5
    assert t["hours_over_who"] == "Ana Ruiz billed 34,5 h and Tom Hale billed 25 h"
    assert t["hours_over_amount"] == 14.5 * 34 + 5 * 30
    assert t["hours_over_cost"] == ", about 643\u00a0€"  # Babel: a no-break space
    # a rate not known: the hours still speak, no amount is made up
    t = plan_facts(loads_plan(plan_text().replace("hourly = 34.0\nbid = 2720.0\n", "")), today=TODAY)
    assert t[("task", "stitch")]["hours_over_cost"] == "" and "hours_over_amount" not in t[("task", "stitch")]
    assert "hours_over_cap" not in plan_facts(loads_plan(plan_text(pricing="fixed")))[("task", "stitch")]


def test_the_field_round_trips_plan_file_workspace_and_export(tmp_path, capsys):
    src = tmp_path / "plan.toml"
    src.write_text(plan_text(hours="34.5"), encoding="utf-8")
    db = tmp_path / "w.db"
    assert main(["--db", str(db), "import", str(src)]) == 0
    with Workspace.open(db) as ws:
        back = ws.load_plan()
        assert back.candidate("ana").hours_last_week == 34.5
        ws.save_candidate(replace(back.candidate("ana"), hours_last_week=None))
        assert ws.load_plan().candidate("ana").hours_last_week is None
        ws.save_candidate(replace(ws.load_plan().candidate("ana"), hours_last_week=22.0))
    capsys.readouterr()
    assert main(["--db", str(db), "export", "-"]) == 0
    exported = capsys.readouterr().out
    assert "hours_last_week = 22.0" in exported
    assert loads_plan(exported).candidate("ana").hours_last_week == 22.0
    # not recorded: the key is left out of the file
    assert "hours_last_week" not in dumps_plan(loads_plan(plan_text(hours="")))


def test_a_csv_column_reads_the_hours_as_people_write_them():
    cands = parse_candidates_csv(
        b"Name,Hours billed last week\nAna,34 h\nTom,12.5 hrs\nLi,\n", "stitch")
    assert [c.hours_last_week for c in cands] == [34.0, 12.5, None]
    with pytest.raises(PlanError) as exc:
        parse_candidates_csv(b"Name,Hours last week\nAna,lots\n", "stitch", source="p.csv")
    assert str(exc.value) == ("p.csv:2: hours_last_week: 'lots' in column 'Hours last week' is not "
                              "hours such as 34 or 34.5 h")


def test_more_hours_than_a_week_holds_is_one_error_naming_file_line_and_field(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(plan_text(hours="200"), encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        loads_plan(bad.read_text(encoding="utf-8"), source="bad.toml")
    message = str(exc.value)
    assert message.startswith("bad.toml:") and "tasks[stitch].candidates[ana].hours_last_week" in message
    # the command (in process: the real process's stderr for a bad `check --plan` is
    # test_hostile_inputs.py, for a bad field test_cli.py's test_bad_inputs_in_a_real_process):
    # one line on stderr, exit 2, no traceback
    capsys.readouterr()
    code = main(["check", "--plan", str(bad)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"error: {bad}:") and "hours_last_week" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2
