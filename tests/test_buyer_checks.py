"""The buyer's checks (issue 22, item 1): the new plan fields (marketplace escrow and feedback,
task key criteria and access, candidate named people, deposit and start date) round-trip
plan file -> workspace -> plan file with their defaults left out, reach the facts, and the rules
that read them speak on a real plan through the engine; next steps never pick someone who cannot
start before the deadline."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from advisor.advice.decide import decide
from advisor.errors import PlanError
from advisor.rules.facts import plan_facts
from advisor.storage.planfile import dumps_plan, loads_plan
from advisor.storage.workspace import Workspace
from tests.plan_runner import advisor as shared_advisor

TODAY = date(2026, 6, 1)

PLAN = """format = 1

[business]
name = "Corner shop"
completed_jobs = 0

[[marketplaces]]
name = "LocalGigs"
escrow = false
feedback = false

[[marketplaces]]
name = "Upwork"
fee_percent = 5.0
escrow = true
feedback = true

[[tasks]]
id = "shop"
title = "Shop rebuild"
size = "major"
critical = true
status = "hiring"
budget = 6000.0
hours = 120.0
deadline = 2026-07-15
marketplaces = ["Upwork", "LocalGigs"]
key_criteria = ["Security"]
access = ["shopify-staff", "github"]

[[tasks.candidates]]
id = "acme"
name = "Acme Studio"
kind = "agency"
marketplace = "Upwork"
bid = 5000.0
status = "interviewed"
[tasks.candidates.interview]
scores = { security = 2, communication = 5, quality = 5 }

[[tasks.candidates]]
id = "bo"
name = "Bo"
marketplace = "LocalGigs"
bid = 4000.0
status = "shortlisted"
upfront_percent = 50.0

[[tasks.candidates]]
id = "cy"
name = "Cy"
marketplace = "Upwork"
bid = 5500.0
status = "interviewed"
available_from = 2026-08-01
[tasks.candidates.interview]
scores = { security = 5, quality = 5 }

[[tasks.candidates]]
id = "di"
name = "Di Studio"
kind = "agency"
named_people = ["Dana Lee", "Ravi Rao"]
marketplace = "Upwork"
bid = 5800.0
status = "interviewed"
available_from = 2026-06-10
[tasks.candidates.interview]
scores = { security = 4, quality = 4 }
"""


def test_the_new_fields_round_trip_through_the_workspace_and_old_plans_are_unchanged(tmp_path):
    plan = loads_plan(PLAN)
    with Workspace.open(tmp_path / "w.db") as ws:
        ws.replace_plan(plan)
        back = ws.load_plan()
    assert back == plan
    assert back.marketplace("LocalGigs").escrow is False and back.marketplace("Upwork").feedback is True
    assert back.task("shop").key_criteria == ["Security"] and back.task("shop").access == ["shopify-staff", "github"]
    assert back.candidate("di").named_people == ["Dana Lee", "Ravi Rao"]
    assert back.candidate("bo").upfront_percent == 50.0
    assert back.candidate("cy").available_from == date(2026, 8, 1)
    text = dumps_plan(back)
    assert loads_plan(text) == plan
    # defaults are left out: a plan without the keys is written without them
    old = loads_plan(PLAN.replace("escrow = false\nfeedback = false\n", ""))
    assert old.marketplace("LocalGigs").escrow is None
    doc = tomllib.loads(dumps_plan(old))
    assert "escrow" not in doc["marketplaces"][0] and doc["marketplaces"][1]["escrow"] is True
    bo = doc["tasks"][0]["candidates"][1]
    assert {"named_people", "available_from", "kind"}.isdisjoint(bo) and bo["upfront_percent"] == 50.0


@pytest.mark.parametrize("bad, message", [
    ("upfront_percent = 50.0", "upfront_percent = 150.0"),
    ("escrow = false", 'escrow = "no"'),
    ('available_from = 2026-08-01', 'available_from = "soon"'),
])
def test_bad_values_are_refused_naming_the_field(bad, message):
    with pytest.raises(PlanError) as exc:
        loads_plan(PLAN.replace(bad, message, 1), source="p.toml")
    field = bad.split(" =")[0]
    assert field in str(exc.value) and "p.toml:" in str(exc.value)


def test_the_facts_say_what_the_rules_need():
    f = plan_facts(loads_plan(PLAN), today=TODAY)
    task = f[("task", "shop")]
    assert task["access_names"] == "shopify-staff and github" and task["access_count"] == 2
    assert task["unprotected_marketplaces"] == "LocalGigs (no escrow and no reviews)"
    acme, bo, cy, di = (f[("candidate", k)] for k in ("acme", "bo", "cy", "di"))
    assert acme["named_people_count"] == 0 and di["named_people"] == "Dana Lee and Ravi Rao"  # as a sentence names them (grading v15 fix 10)
    assert acme["key_score_min"] == 2 and acme["key_score_low_names"] == "security"  # matched ignoring case
    assert bo["upfront_where"] == "on LocalGigs, which holds no escrow" and bo["marketplace_escrow"] is False
    assert "upfront_where" not in acme and acme["marketplace_escrow"] is True
    assert cy["available_too_late"] is True and cy["available_days_left"] == -17
    assert di["available_too_late"] is False and "available_words" not in di


def findings(plan, today=TODAY):
    # the process's shared advisor for the day (tests/plan_runner.py): a fresh engine session
    return {(x.rule, x.candidate) for x in shared_advisor(today).evaluate(plan)}


def test_the_rules_speak_on_a_plan_and_stay_silent_where_they_should():
    found = findings(loads_plan(PLAN))
    assert ("agency-key-people", "acme") in found
    assert ("agency-key-people", "di") not in found  # named its people
    assert ("deposit-without-escrow", "bo") in found  # no escrow on its channel: at most 30%, pay on delivery
    assert ("upfront-outside-escrow", "bo") not in found
    assert ("marketplace-without-protection", None) in found
    assert ("low-key-criterion", "acme") in found and ("low-key-criterion", "di") not in found
    assert ("not-available-in-time", "cy") in found and ("not-available-in-time", "di") not in found
    assert not {r for r, _ in found} & {"access-least-privilege", "revoke-access"}  # nobody hired yet


def test_access_is_limited_at_hire_and_revoked_when_done():
    plan = loads_plan(PLAN)
    task = plan.task("shop")
    task.status = "hired"
    task.candidates[3].status = "hired"
    assert ("access-least-privilege", None) in findings(plan)
    task.status = "done"
    done = findings(plan)
    assert ("revoke-access", None) in done
    task.access = []
    assert ("revoke-access", None) not in findings(plan)


def test_an_old_plan_without_the_new_keys_gets_none_of_the_new_advice():
    old = PLAN
    for key in ("escrow = false\n", "feedback = false\n", 'key_criteria = ["Security"]\n',
                'access = ["shopify-staff", "github"]\n', "upfront_percent = 50.0\n",
                "available_from = 2026-08-01\n", 'kind = "agency"\n'):
        old = old.replace(key, "")
    new_rules = {"agency-key-people", "agency-same-people", "upfront-outside-escrow", "small-deposit-outside-escrow",
                 "marketplace-without-protection", "low-key-criterion", "not-available-in-time",
                 "access-least-privilege", "revoke-access"}
    assert not {r for r, _ in findings(loads_plan(old))} & new_rules


def test_next_steps_never_pick_someone_who_starts_after_the_deadline():
    plan = loads_plan(PLAN)
    task = plan.task("shop")
    task.key_criteria = []
    task.candidates = [c for c in task.candidates if c.id in ("cy", "di")]  # cy: best interview, starts late
    d = decide(plan, task, TODAY)
    assert d is not None and d.picks == ("di",), d
    task.candidates[0].available_from = date(2026, 6, 5)  # cy can start in time: the best interview wins
    d = decide(plan, task, TODAY)
    assert d is not None and d.picks == ("cy",), d
