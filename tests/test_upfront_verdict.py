"""One proportionate verdict per candidate on money asked up front (grading v11, ugc-videos: the
advice dropped a reference-checked creator asking a 50% deposit and courted one asking 100% to a
wallet with "no need for contract"). Where the plan records the share (``upfront_percent``) on a
channel without escrow: up to half is a deposit to bring down to 30% (kept in the running, ranked);
more than half from a stranger is a drop (the finding, the Next step and the Ranking agree); someone
proven is never dropped for it."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.advice.steps import PlanIndex, arrange, next_steps
from advisor.advice.value import task_values
from advisor.plan.model import Business, Candidate, Marketplace, Plan, Task
from tests.plan_runner import advisor as shared_advisor, ruleset as builtin_rules

TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def setup():
    ruleset = builtin_rules()  # loaded once per process; a problem in them fails here
    a = shared_advisor(TODAY)  # tests/plan_runner.py: a fresh engine session per plan
    return a, ruleset


def _plan(ibrahim_jobs: int = 0) -> Plan:
    dm = "Instagram DM"
    cands = [
        Candidate("tolu", "Tolu", marketplace=dm, bid=160000.0, status="shortlisted", upfront_percent=50.0,
                  notes="N160k for the two, half before shoot half on delivery."),
        Candidate("ibrahim", "Ibrahim", marketplace=dm, bid=100000.0, status="shortlisted", upfront_percent=100.0,
                  past_jobs_with_us=ibrahim_jobs, notes="Pay the full N100k before I shoot. No need for contract."),
        Candidate("kemi", "Kemi", marketplace=dm, bid=120000.0, status="shortlisted"),
    ]
    task = Task("ugc", "UGC videos", size="minor", pricing="fixed", budget=540000.0, hours=24.0, openings=3,
                status="hiring", deadline=date(2026, 12, 18), skills=["ugc video"], candidates=cands)
    return Plan(Business(currency="NGN", completed_jobs=4),
                [Marketplace(dm, 0.0, 0.0, escrow=False)], [], [task]).validate()


def _verdicts(setup, plan: Plan):
    advisor, ruleset = setup
    findings = advisor.evaluate(plan)
    index = PlanIndex.of(plan, rules=ruleset, today=TODAY)
    steps = " | ".join(s.action for s in next_steps(arrange(findings, index), index))
    rules = {(f.rule, f.candidate) for f in findings}
    excluded = {v.candidate: v.excluded for v in task_values(plan, plan.tasks[0])}
    return rules, steps, excluded


def test_half_up_front_is_negotiated_and_the_whole_price_is_a_drop(setup):
    rules, steps, excluded = _verdicts(setup, _plan())
    # Tolu: a deposit to bring down, in the running; her words "half before" do not drop her
    assert ("deposit-without-escrow", "tolu") in rules and not excluded["tolu"]
    assert ("upfront-payment", "tolu") not in rules and ("upfront-beyond-deposit", "tolu") not in rules
    assert "drop Tolu" not in steps and "Drop Tolu" not in steps
    # Ibrahim: the whole price to someone new where nothing holds it: dropped everywhere, not negotiated
    assert ("upfront-beyond-deposit", "ibrahim") in rules and ("deposit-without-escrow", "ibrahim") not in rules
    assert excluded["ibrahim"] == "asks 100% up front where nothing holds it"
    assert "Drop Ibrahim" in steps or "drop Ibrahim" in steps


def test_someone_proven_asking_the_whole_price_is_negotiated_not_dropped(setup):
    rules, steps, excluded = _verdicts(setup, _plan(ibrahim_jobs=3))
    assert ("deposit-without-escrow", "ibrahim") in rules and ("upfront-beyond-deposit", "ibrahim") not in rules
    assert not excluded["ibrahim"] and "rop Ibrahim" not in steps
