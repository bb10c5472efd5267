"""Round 24 (grading v22 fixes 4 and 5): "share less" fits the access the work needs (a booking
bot: a scoped API user on a staging calendar; a migration: the real records, moved and deleted;
a report: an export), and hours over the weekly cap are a decision to approve or dispute, priced
with the fee, answering the hire's own question in their notes."""

from __future__ import annotations

import pytest

from advisor.advice.overrun import asks
from advisor.rules.datashare import data_need, personal_need
from tests import plan_runner
from tests.plan_runner import HEAD


def _hired(tmp_path, notes: str, hours_last_week: float = 26.0):
    text = HEAD.format(jobs=3) + f"""
[[tasks]]
id = "calls"
title = "Call inbound leads"
description = "Call web-form leads and log the answers."
skills = ["work"]
marketplaces = ["Upwork"]
size = "moderate"
pricing = "hourly"
budget = 14.0
hours = 80.0
weekly_cap = 20.0
status = "hired"

[[tasks.candidates]]
id = "m"
name = "Maricel"
marketplace = "Upwork"
hourly = 12.0
rating = 4.9
reviews = 26
jobs = 31
job_success = 96
status = "hired"
trial = "passed"
hours_last_week = {hours_last_week}
notes = "{notes}"
"""
    return plan_runner.run(tmp_path, text)


def _step(got) -> str:
    return next(s for s in got.steps if "over the 20 h cap" in s)


def test_overrun_with_a_question_is_priced_and_answered(tmp_path):
    got = _hired(tmp_path, "The campaign doubled the call list, so I kept going; please tell me if I should stop at 20 hours.")
    step = _step(got)
    assert step.startswith("Approve or dispute")
    assert "Maricel's 6 h ($72, $75.60 with the fee)" in step
    assert "answer their question about the cap" in step
    assert "ask about the extra hours" not in " ".join(got.steps)  # the fix is not said again as the step


def test_overrun_explained_without_a_question_is_checked_against_the_diary(tmp_path):
    step = _step(_hired(tmp_path, "The ad campaign doubled the call list, so I kept going."))
    assert "check Maricel's note on why against the work diary" in step
    assert "question" not in step


def test_overrun_without_a_note_asks_why(tmp_path):
    step = _step(_hired(tmp_path, ""))
    assert "read the work diary and ask Maricel why" in step


def test_no_overrun_no_step(tmp_path):
    got = _hired(tmp_path, "Can I do more hours?", hours_last_week=18.0)
    assert "hours-over-weekly-cap" not in got.rules
    assert not any("Approve or dispute" in s for s in got.steps)


@pytest.mark.parametrize("note, asked", [
    ("please tell me if I should stop at 20 hours.", True),
    ("Should I stop at 20?", True),
    ("Sagen Sie mir bitte, ob ich bei 20 Stunden aufhören soll.", True),
    ("The campaign doubled the list, so I kept going.", False),
    ("", False),
])
def test_asks(note, asked):
    assert asks(note) is asked


@pytest.mark.parametrize("text, need", [
    ("A chatbot that books eye tests into our practice software through its booking API.", "writes"),
    ("Migrate the shop from Big Cartel to Squarespace: 1,900 customer records.", "migration"),
    ("Datenmigration unserer Kundendaten in das neue CRM.", "migration"),
    ("A dashboard that reads our CRM through its API.", "reads"),
    ("File the immigration petition for our new hire.", ""),
    ("A monthly report on customer churn from our sales figures.", ""),
])
def test_data_need(text, need):
    assert data_need(text) == need


def _health(tmp_path, description: str):
    text = HEAD.format(jobs=3) + f"""
[[tasks]]
id = "t"
title = "Patient work"
description = "{description}"
skills = ["work"]
marketplaces = ["Upwork"]
size = "moderate"
pricing = "fixed"
budget = 1200.0
hours = 40.0
status = "hired"
sensitive_data = true

[[tasks.candidates]]
id = "a"
name = "Ana"
marketplace = "Upwork"
bid = 1000.0
rating = 4.9
reviews = 30
jobs = 30
job_success = 95
status = "hired"
"""
    return plan_runner.run(tmp_path, text).by_rule()["health-data-agreement"].fix


def test_booking_bot_on_health_data_gets_a_scoped_api_user(tmp_path):
    fix = _health(tmp_path, "A chatbot that books patients' appointments into our practice software through its API.")
    assert "an API user scoped to what it writes, on a staging calendar" in fix
    assert "report export" not in fix


def test_health_report_still_works_from_an_export(tmp_path):
    fix = _health(tmp_path, "A monthly report on patients' no-shows from our appointment figures.")
    assert "a report export with only the fields the job needs" in fix


def test_personal_data_clause_by_need():
    assert "real records" in personal_need("Migrate 1,900 customer records to Squarespace.")
    assert "pseudonymised" not in personal_need("Migrate 1,900 customer records to Squarespace.")
    assert "API user scoped" in personal_need("A bot that books customers' tables through the booking API.")
    assert "pseudonymised extract" in personal_need("Clean up our customer list.")
