"""The year-end holidays (grading v17 fix 6): a critical task with work to come due inside the
window or just after it is told, once, with the days stated exactly; the window is a setting."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.engine import Advisor
from advisor.errors import ConfigError
from advisor.rules.facts import plan_facts
from advisor.rules.holidays import holiday_window
from advisor.rules.rulepack import load_rules
from advisor.settings import DEFAULT_RULE_SETTINGS, AdvisorSettings
from advisor.storage.planfile import loads_plan

TODAY = date(2026, 12, 7)

PLAN = """format = 1

[business]
name = "Yoga studio"

[[tasks]]
id = "move"
title = "Move members"
size = "moderate"
critical = true
status = "hiring"
budget = 500.0
hours = 20.0
deadline = {deadline}
"""


def plan(deadline: str = "2027-01-04", **task):
    p = loads_plan(PLAN.format(deadline=deadline))
    for k, v in task.items():
        setattr(p.task("move"), k, v)
    return p


def said(p, settings=None) -> list[str]:
    adv = AdvisorSettings(settings={**DEFAULT_RULE_SETTINGS, **(settings or {})})
    rules, problems = load_rules(adv)
    assert not problems
    with Advisor(rules, settings=adv, today=TODAY) as a:
        return [f.message for f in a.evaluate(p) if f.rule == "holiday-deadline"]


def test_due_inside_or_just_after_the_holidays_is_told_with_the_days():
    assert said(plan("2026-12-31")) == ["Move members is due on 31 Dec, inside the holidays (24 Dec–2 Jan, 10 days; "
                                        "17 days left before 24 Dec): confirm now who works over the holidays, get every "
                                        "input to them this week, and set a milestone before 24 Dec."]
    assert "due on 4 Jan, 2 days after the holidays" in said(plan("2027-01-04"))[0]
    assert len(said(plan("2027-01-16"))) == 1  # 14 days after: the last day still told


@pytest.mark.parametrize("deadline, task", [
    ("2026-12-20", {}),                       # due well before
    ("2027-01-17", {}),                       # 15 days after: not "just after"
    ("2027-01-04", {"status": "done"}),       # nothing left to come
    ("2027-01-04", {"critical": False}),      # the date can move
    ("2027-01-04", {"milestones": 2}),        # staged already
])
def test_quiet_where_the_holidays_change_nothing(deadline, task):
    assert said(plan(deadline, **task)) == []


def test_the_window_is_a_setting():
    assert said(plan("2027-01-04"), {"holidays": ""}) == []
    assert said(plan("2027-01-04"), {"holidays": "12-20..12-27", "holidays_after_days": 10})[0].startswith(
        "Move members is due on 4 Jan, 8 days after the holidays (20 Dec–27 Dec, 8 days; 13 days left")
    assert holiday_window({}, date(2027, 1, 3)) == (date(2027, 12, 24), date(2028, 1, 2))


@pytest.mark.parametrize("bad", ["x", "12-24", "13-01..01-02", "12-24..02-30", "12-24..01-02-03"])
def test_a_malformed_window_names_the_setting(bad):
    with pytest.raises(ConfigError, match="holidays"):
        plan_facts(plan(), {"holidays": bad}, TODAY)
