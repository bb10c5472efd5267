"""The shared plan runner (tests/plan_runner.py) gives the advice a fresh advisor gives: one
engine process serves every test of a worker, so a plan judged after others must get the same
findings and Next steps as on its own."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from advisor.advice.steps import PlanIndex, arrange, next_steps
from advisor.engine import Advisor
from advisor.rules.rulepack import load_rules
from advisor.storage.planfile import load_plan
from tests import plan_runner

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "data" / "plans" / "blind-v13"
#: three reviewed plans with risks, decisions and steps, and the demo plan
PLANS = [BLIND / "cafe-loyalty.toml", BLIND / "dentist-recall.toml", BLIND / "farm-boxes.toml",
         ROOT / "examples" / "bakery.toml"]


def fresh(path: Path):
    """The advice with a new advisor, as each test built it before the runner."""
    ruleset, problems = load_rules(None)
    assert not problems
    plan = load_plan(path)
    with Advisor(ruleset, None, today=plan_runner.TODAY) as a:
        found = list(a.evaluate(plan))
    index = PlanIndex.of(plan, rules=ruleset, today=plan_runner.TODAY)
    return found, [s.action for s in next_steps(arrange(found, index), index)]


def rows(found) -> list[tuple]:
    return [(f.rule, f.severity, f.task, f.candidate, f.message, f.fix) for f in found]


def test_the_shared_advisor_gives_each_plan_what_a_fresh_one_gives_in_any_order(tmp_path):
    assert len(PLANS) == 4
    want = {p: fresh(p) for p in PLANS}
    assert all(found and steps for found, steps in want.values())
    for order in (PLANS, PLANS[::-1]):
        for p in order:
            got = plan_runner.run_plan(load_plan(p))
            found, steps = want[p]
            assert rows(got.found) == rows(found) and got.steps == steps, p.name


def test_run_writes_the_text_and_names_the_rules_that_fired(tmp_path):
    text = (ROOT / "examples" / "bakery.toml").read_text(encoding="utf-8")
    got = plan_runner.run(tmp_path, text)
    assert (tmp_path / "plan.toml").read_text(encoding="utf-8") == text
    assert got.rules == {f.rule for f in fresh(ROOT / "examples" / "bakery.toml")[0]}
    assert set(got.by_rule()) == got.rules and got.plan.tasks


def test_task_and_candidate_write_each_kind_of_value_as_toml_reads_it_back():
    text = plan_runner.task("t", "Build the shop", budget=900.0, hours=3, critical=True, access=[],
                            deadline="2027-01-20", marketplaces=None, description="2026-12-20") + \
        plan_runner.candidate("ana", "Ana", bid=850.0, agreements=["nda", "ip-assignment"],
                              available_from=date(2027, 1, 4), interview={
                                  "date": "2026-12-03", "scores": {"design": 5, "communication": 4}}) + \
        plan_runner.candidate("ben", "Ben", marketplace="Referral", hourly=30.0)
    t = tomllib.loads(text)["tasks"][0]
    assert t == {"id": "t", "title": "Build the shop", "skills": ["work"], "budget": 900.0, "hours": 3,
                 "critical": True, "access": [], "deadline": date(2027, 1, 20),
                 "description": "2026-12-20",  # a day in a text field stays text
                 "candidates": [
                     {"id": "ana", "name": "Ana", "marketplace": "Upwork", "bid": 850.0,
                      "agreements": ["nda", "ip-assignment"], "available_from": date(2027, 1, 4),
                      "interview": {"date": date(2026, 12, 3), "scores": {"design": 5, "communication": 4}}},
                     {"id": "ben", "name": "Ben", "marketplace": "Referral", "hourly": 30.0}]}
    assert type(t["budget"]) is float and type(t["hours"]) is int  # 900.0 stays a float, 3 an integer


def test_a_quote_a_backslash_or_a_line_break_in_a_note_cannot_break_the_plan(tmp_path):
    notes = 'Says "done in 3 days" \\ C:\\work\nnext line = "x"\t'
    text = plan_runner.HEAD.format(jobs=3) + plan_runner.task("t", 'The "shop"', pricing="fixed", budget=900.0,
                                                              hours=20.0, status="hiring") + \
        plan_runner.candidate("ana", "Ana", bid=850.0, status="applied", notes=notes)
    plan = plan_runner.write_plan(tmp_path, text)
    assert plan.tasks[0].title == 'The "shop"' and plan.tasks[0].candidates[0].notes == notes


def test_a_key_toml_cannot_write_bare_is_refused():
    with pytest.raises(ValueError):
        plan_runner.task("t", "x", **{"bad key": 1})
