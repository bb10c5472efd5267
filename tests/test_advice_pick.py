"""One decision per candidate (issue 21): the pick and the Ranking rest on the task's key
criterion and on red flags in any language; newcomer templates step back for a specialist firm or
two interviews; payment advice fits a channel without escrow; work already hired is checked for a
substituted key person and owner/admin access. Each on a small plan in tests/data/plans/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.advice.steps import PlanIndex, arrange, next_steps
from advisor.advice.value import task_values
from advisor.engine import Advisor
from advisor.rules.inplay import bid_median
from advisor.rules.rulepack import load_rules
from advisor.storage.planfile import load_plan
from tests.plan_runner import advisor as shared_advisor, ruleset as builtin_rules

PLANS = Path(__file__).resolve().parent / "data" / "plans"
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def run():
    ruleset = builtin_rules()  # loaded once per process; a problem in them fails here
    a = shared_advisor(TODAY)  # tests/plan_runner.py: a fresh engine session per plan
    def go(name: str):
        plan = load_plan(PLANS / f"{name}.toml")
        found = list(a.evaluate(plan))
        index = PlanIndex.of(plan, rules=ruleset, today=TODAY)
        steps = [s.action for s in next_steps(arrange(found, index), index)]
        return plan, found, steps
    return go


def test_a_low_key_criterion_score_is_never_the_pick_nor_ranked_first(run):
    plan, found, steps = run("key_criterion_pick")
    assert steps[0].startswith("Hire Tomás Ribeiro")
    assert "drop Mara Quinn (scored 2/5 on security, a key criterion)" in steps[0]
    values = task_values(plan, plan.tasks[0])
    ranked = [v.name for v in values if not v.excluded]
    assert ranked == ["Tomás Ribeiro"]
    assert {v.name: v.excluded for v in values if v.excluded} == {
        "Mara Quinn": "scored 2/5 on security, a key criterion", "สมชาย ใจดี": "asks for your own logins"}
    # the Thai request for the admin password is the reason, found in the candidate's own words
    assert any(f.rule == "credentials-request" and "รหัสผ่าน" in f.message for f in found)


def test_the_median_leaves_out_ruled_out_bids_and_the_ranking_quotes_the_same_one(run):
    plan, found, _ = run("key_criterion_pick")
    task = plan.tasks[0]
    assert bid_median(task) == 1100.0  # Tomás only: Mara (key criterion) and สมชาย (logins) are out
    tomas = next(v for v in task_values(plan, task) if v.name == "Tomás Ribeiro")
    assert "over the cheapest" not in tomas.reason and "120%" not in tomas.reason


def test_a_specialist_firm_quoted_by_request_gets_no_newcomer_templates_and_deposit_advice(run):
    plan, found, steps = run("pen_test_firm")
    rules = {f.rule for f in found}
    assert not rules & {"start-small", "paid-trial-first", "shortlist-size", "invite-more-candidates",
                        "interview-the-shortlist", "critical-task-unreviewed", "no-reviews-yet",
                        "upfront-outside-escrow"}
    deposit = next(f for f in found if f.rule == "deposit-without-escrow")
    assert deposit.severity == "warning" and "at most 30%" in deposit.fix and "escrow" not in deposit.fix
    assert not any(s.startswith("Drop Ironclad") or "drop Ironclad" in s for s in steps)


def test_work_already_hired_flags_a_substituted_key_person_and_owner_access(run):
    plan, found, _ = run("agency_substitution")
    sub = next(f for f in found if f.rule == "key-person-substituted")
    assert "Priya Shah" in sub.message and "handed over to a junior developer" in sub.message
    broad = next(f for f in found if f.rule == "access-too-broad")
    assert broad.severity == "warning" and "shopify-owner" in broad.message
    assert "revoke" in broad.fix and "shopify-owner to Shopify staff" in broad.fix  # the account and its role
    assert "access-least-privilege" not in {f.rule for f in found}  # said once, as the warning


@pytest.mark.parametrize("low, mara_out", [(1, False), (2, True)])
def test_the_key_criterion_exclusion_follows_the_owners_setting(low, mara_out):
    """Mara scored 2/5 on security: out at the default (2), in the running when the owner set
    ``key_criterion_low = 1``, and the pick, the Ranking and the finding agree either way."""
    from advisor.settings import AdvisorSettings, DEFAULT_RULE_SETTINGS

    adv = AdvisorSettings(settings={**DEFAULT_RULE_SETTINGS, "key_criterion_low": low})
    ruleset, problems = load_rules(adv)
    assert not problems
    plan = load_plan(PLANS / "key_criterion_pick.toml")
    with Advisor(ruleset, adv, today=TODAY) as a:
        found = list(a.evaluate(plan))
    index = PlanIndex.of(plan, rules=ruleset, today=TODAY)
    steps = [s.action for s in next_steps(arrange(found, index), index)]
    assert any(f.rule == "low-key-criterion" for f in found) is mara_out
    assert any("drop Mara Quinn (scored 2/5 on security" in s for s in steps) is mara_out
    values = task_values(plan, plan.tasks[0], key_criterion_low=index.key_criterion_low)
    mara = next(v for v in values if v.name == "Mara Quinn")
    assert bool(mara.excluded) is mara_out
