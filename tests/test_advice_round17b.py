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
    assert arjun.over_budget == pytest.approx(0.18125) and arjun.reason.startswith("18% over your budget all in")
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
