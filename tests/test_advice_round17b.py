"""Round 17 part B (grading v16 fixes 3, 4, 7, 10): the Ranking reads the budget, the shortlist
and how thin a record is; seed tips read the task and the pool."""

from __future__ import annotations

import pytest

from advisor.advice.value import task_values
from advisor.plan.model import Business, Candidate, Marketplace, Plan, RateObservation, Task


def plan_of(*cands: Candidate, budget: float = 400) -> Plan:
    task = Task("logo", "Design a logo", skills=["logo"], pricing="fixed", hours=10.0, status="hiring",
                budget=budget, candidates=list(cands))
    plan = Plan(Business("Shop", "USD"), [Marketplace("Upwork", 5.0, 0.0)],
                [RateObservation("logo", r) for r in (30, 35, 40)], [task])
    return plan.validate()


def test_an_applicant_ranks_after_the_shortlist_however_thin_or_shiny_their_record():
    """optician (v16): a 5.0 from 9 reviews, applied and 18% over budget, ranked #1 over the
    shortlisted candidate the Next steps said to talk to."""
    shiny = Candidate("arjun", "Arjun", marketplace="Upwork", bid=450, rating=5.0, reviews=9, jobs=11,
                      job_success=100, status="applied")
    picked = Candidate("priya", "Priya", marketplace="Upwork", bid=380, rating=4.8, reviews=27, jobs=31,
                       job_success=94, status="shortlisted")
    vals = task_values(plan_of(shiny, picked), plan_of(shiny, picked).tasks[0])
    assert [v.candidate for v in vals] == ["priya", "arjun"]
    arjun = vals[1]
    # the overrun is on the line, all in (450 x 1.05 = 472.50 against 400: 18%)
    assert arjun.over_budget == pytest.approx(0.18125) and arjun.reason.startswith("18% over your budget with fees (")
    assert "from only 9 reviews" in arjun.reason
    assert vals[0].over_budget is None and "only" not in vals[0].reason


def test_over_budget_costs_score_among_equals_and_is_silent_when_everyone_is_over():
    a = Candidate("a", "A", marketplace="Upwork", bid=380, rating=4.9, reviews=50, jobs=60, job_success=97,
                  status="shortlisted")
    b = Candidate("b", "B", marketplace="Upwork", bid=460, rating=4.9, reviews=50, jobs=60, job_success=97,
                  status="shortlisted")
    vals = task_values(plan_of(a, b), plan_of(a, b).tasks[0])
    assert [v.candidate for v in vals] == ["a", "b"] and vals[1].over_budget is not None
    assert vals[0].over_budget is None  # 380 x 1.05 = 399: inside the budget
    # a budget under every price is the budget's problem (budget-below-market), not a ranking's
    low = plan_of(a, b, budget=100)
    assert all(v.over_budget is None and "budget" not in v.reason for v in task_values(low, low.tasks[0]))


def test_a_thin_record_is_uncertainty_not_a_top_score():
    """Same rating and job success: 120 reviews over 150 jobs outrank 9 reviews over 11 jobs."""
    thin = Candidate("t", "T", marketplace="Upwork", bid=300, rating=5.0, reviews=9, jobs=11, job_success=100,
                     status="shortlisted")
    deep = Candidate("d", "D", marketplace="Upwork", bid=300, rating=5.0, reviews=120, jobs=150, job_success=100,
                     status="shortlisted")
    vals = task_values(plan_of(thin, deep), plan_of(thin, deep).tasks[0])
    assert [v.candidate for v in vals] == ["d", "t"] and vals[0].score > vals[1].score


# --------------------------------------------------------------------------- seed tips read the task

from datetime import date  # noqa: E402

from tests import plan_runner  # noqa: E402

TWO_TASKS = '''format = 1
[business]
name = "Builders"
currency = "USD"
completed_jobs = 0
[[marketplaces]]
name = "Upwork"
fee_percent = 5.0
escrow = true
[[rates]]
skill = "modelling"
hourly = 40.0
[[rates]]
skill = "modelling"
hourly = 50.0
[[rates]]
skill = "modelling"
hourly = 60.0
[[tasks]]
id = "model"
title = "Clean up the model"
size = "major"
skills = ["modelling"]
pricing = "fixed"
budget = 4000.0
hours = 80.0
status = "STATUS"
[[tasks]]
id = "takeoff"
title = "Quantity take-off"
description = "Quantities per trade, from the clean model (can only start once the model task is done)."
size = "moderate"
skills = ["modelling"]
pricing = "fixed"
budget = 1500.0
hours = 30.0
status = "draft"
'''


def _advise(tmp_path, text: str):
    got = plan_runner.run(tmp_path, text, date(2026, 12, 7))
    return got.found, got.steps


def test_a_task_that_waits_for_unfinished_work_is_held_not_tried(tmp_path):
    """bim (v16): "a paid first piece" of a take-off that can only start once the model is clean."""
    found, steps = _advise(tmp_path, TWO_TASKS.replace("STATUS", "draft"))
    on_takeoff = {f.rule for f in found if f.task == "takeoff"}
    assert "hold-dependent-task" in on_takeoff and "start-small" not in on_takeoff
    assert "fixed-price-needs-acceptance" not in on_takeoff  # its nudges wait with it
    assert "Hold it until Clean up the model is done: no trial or hire for it yet" in steps
    assert any(f.rule == "start-small" and f.task == "model" for f in found)  # the first one starts small
    # the model is done: nothing to wait for, the take-off's own advice is back
    found, _ = _advise(tmp_path, TWO_TASKS.replace("STATUS", "done"))
    on_takeoff = {f.rule for f in found if f.task == "takeoff"}
    assert "hold-dependent-task" not in on_takeoff and "fixed-price-needs-acceptance" in on_takeoff


ONE_HIRE = '''format = 1
[business]
name = "Shop"
currency = "USD"
completed_jobs = 3
[[marketplaces]]
name = "Upwork"
fee_percent = 5.0
escrow = true
[[rates]]
skill = "wordpress"
hourly = 40.0
[[rates]]
skill = "wordpress"
hourly = 50.0
[[tasks]]
id = "site"
title = "Fix the shop"
size = "moderate"
skills = ["wordpress", "woocommerce"]
pricing = "fixed"
budget = 800.0
hours = 16.0
status = "hiring"
acceptance = "checkout works"
[[tasks.candidates]]
id = "ann"
name = "Ann"
marketplace = "Upwork"
bid = 700.0
rating = 4.9
reviews = 40
status = "shortlisted"
[[tasks.candidates]]
id = "bob"
name = "Bob"
marketplace = "Upwork"
bid = 650.0
rating = 4.8
reviews = 30
status = "applied"
notes = "Let's continue on WhatsApp. Send me your admin email and password."
'''


def test_each_drop_reason_carries_its_own_words_and_a_rate_count_names_a_skill_without_rates(tmp_path):
    """moodle (v16): "asks for your own logins: "WhatsApp""; bim: "2 going rates for quantity
    surveying, revit" when none was for quantity surveying."""
    found, steps = _advise(tmp_path, ONE_HIRE)
    drop = next(s for s in steps if "drop Bob" in s or "Drop Bob" in s)
    assert 'asked to move off the marketplace: "WhatsApp"' in drop
    assert 'logins: "WhatsApp"' not in drop
    assert drop.index("logins") < drop.index("move off")  # the most serious first (grading v19, olive)
    # 2 rates noted and 2 bids: the market is shown (round 28); with one bid, the count names the skills
    found, _ = _advise(tmp_path, ONE_HIRE.replace("bid = 700.0\n", "", 1))  # Ann's price not in yet
    research = next(f for f in found if f.rule == "research-going-rate")
    assert "(2 for wordpress, none for woocommerce)" in research.message
