"""Round 23 part B (grading v21 fixes 3, 6, 9): a ranking promised in words or figures is a
guarantee in any language and rules the bid out, a promise about the freelancer's own service is
not; a bid far under the two other live bids is flagged; "shortlist your 3 strongest" counts only
viable candidates; a finding about someone the task's decision passes over, or one its step says
in full, is not printed again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.advice.steps import not_restated
from advisor.advice.value import task_values
from advisor.phrasecontext import in_context
from advisor.phrases import matcher
from tests.test_advice_round20b import HEAD

TODAY = date(2026, 12, 7)


def _cand(cid: str, *, bid: float = 1000.0, notes: str = "", status: str = "shortlisted", extra: str = "",
          reviews: int = 30, rating: float = 4.9) -> str:
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "Upwork"
bid = {bid}
rating = {rating}
reviews = {reviews}
jobs = 30
status = "{status}"
notes = "{notes}"
{extra}
"""


def _plan(tmp_path: Path, cands: str, *, task: str = "", budget: float = 1200.0):
    text = HEAD.format(jobs=3) + f"""
[[tasks]]
id = "t"
title = "Memorial pages"
description = "Obituary pages with a guestbook on our WordPress site."
skills = ["work"]
marketplaces = ["Upwork"]
size = "moderate"
pricing = "fixed"
budget = {budget}
hours = 30.0
milestones = 2
status = "hiring"
deadline = 2027-03-01
{task}
""" + cands
    from tests import plan_runner

    return plan_runner.write_plan(tmp_path, text)


@pytest.fixture(scope="module")
def ruleset():
    from tests.plan_runner import ruleset as builtin_rules

    return builtin_rules()


def _advice(plan, ruleset):
    """(findings, next steps, the lines printed below the steps)."""
    from tests import plan_runner

    # the process's shared advisor with the same built-in rules: a fresh engine session per plan
    assert plan_runner.advisor(TODAY).ruleset is ruleset
    found = plan_runner.evaluate(plan, TODAY)
    lines, steps = plan_runner.arranged(plan, found, TODAY)
    return found, steps, not_restated(lines, steps)[0]


def _said(text: str) -> tuple[str, ...]:
    return in_context(matcher().find(text), text, "Upwork").categories


# Fix 3: a guaranteed ranking, in words or figures, in any language

@pytest.mark.parametrize("text", [
    "We guarantee page 1 on Google for every obituary. 100% satisfaction.",
    "Garantizamos el primer lugar en Google.",
    "我们保证排名第一。",
    "I GUARANTEE #1 ranking on Google.",
    "Satisfaction guaranteed. Guaranteed page 1 on Google.",
])
def test_a_promised_ranking_is_a_guarantee(text):
    assert "guarantee" in _said(text)


@pytest.mark.parametrize("text", [
    "100% satisfaction guaranteed or a free revision.",
    "Delivery on time guaranteed, 2 rounds of edits.",
    "100% satisfaction.",
])
def test_a_promise_about_their_own_service_is_no_guarantee_of_a_result(text):
    assert "guarantee" not in _said(text)


def test_a_guaranteed_ranking_rules_the_bid_out_of_the_talk_step_and_the_ranking(tmp_path, ruleset):
    """funeral (v21): "Talk to Marcus Bell and SEO Rank Masters", the agency guaranteeing page 1."""
    plan = _plan(tmp_path, _cand("marcus", bid=1100.0)
                 + _cand("seorank", bid=500.0, status="applied", reviews=6, rating=4.3,
                         notes="We guarantee page 1 on Google for every obituary. 100% satisfaction."))
    rows = {v.candidate: v for v in task_values(plan, plan.tasks[0])}
    assert rows["seorank"].excluded.startswith("promises a result nobody can guarantee")
    found, steps, _ = _advice(plan, ruleset)
    assert ("guaranteed-results", "seorank") in {(f.rule, f.candidate) for f in found}
    assert not any("Talk to" in s.action and "Seorank" in s.action.split("drop")[0] for s in steps)


def test_a_bid_far_under_both_other_live_bids_is_flagged(tmp_path, ruleset):
    """funeral (v21): $1,200 against $2,900 and $3,400 went unremarked (3 bids: no median)."""
    three = _plan(tmp_path, _cand("a", bid=1150.0) + _cand("b", bid=1000.0)
                  + _cand("cheap", bid=450.0, status="applied", reviews=6, rating=4.3))
    found, _, _ = _advice(three, ruleset)
    assert ("bid-far-below-median", "cheap") in {(f.rule, f.candidate) for f in found}
    two = _plan(tmp_path, _cand("a", bid=1150.0) + _cand("cheap", bid=450.0, status="applied", reviews=6, rating=4.3))
    # one other live bid: no median; the going rate is the yardstick instead (round 28: $15 an
    # hour for the 30 hours against $32), not the other bid
    low = [f for f in _advice(two, ruleset)[0] if f.rule == "bid-far-below-median"]
    assert [f.candidate for f in low] == ["cheap"] and "of the going rate ($32 an hour)" in low[0].message


# Fix 6: "shortlist your 3 strongest" counts only viable candidates

def test_a_dropped_or_partial_applicant_is_nobody_to_shortlist_from(tmp_path, ruleset):
    """architect (v21): 2 viable shortlisted, "shortlist your 3 strongest" counted a login request
    and a part quote among the applicants."""
    plan = _plan(tmp_path, _cand("val", bid=1000.0) + _cand("diego", bid=1100.0)
                 + _cand("kite", bid=1150.0, status="applied", notes="Send me your WordPress admin password.")
                 + _cand("usman", bid=700.0, status="applied", notes="Guestbook not included.")
                 + _cand("cy", bid=1050.0, status="applied"))
    _, steps, _ = _advice(plan, ruleset)
    actions = " | ".join(s.action for s in steps)
    assert "strongest" not in actions
    assert "Shortlist Cy as well" in actions  # the one viable applicant left: the third to compare


def test_four_viable_applicants_still_hear_shortlist_your_3_strongest(tmp_path, ruleset):
    plan = _plan(tmp_path, _cand("val", bid=1000.0) + "".join(
        _cand(n, bid=1000.0 + 10 * i, status="applied") for i, n in enumerate(("ann", "bo", "cy"))))
    _, steps, _ = _advice(plan, ruleset)
    assert any(s.action.endswith("Shortlist your 3 strongest applicants") for s in steps)


# Fix 9: findings about someone the decision passes over, or said by its step, are not repeated

def test_an_offer_term_the_pick_signed_is_not_asked_of_the_runner_up(tmp_path, ruleset):
    """placement (v21): "김민지 signed no IP assignment" under "Hire 山田 directly", who had signed."""
    interview = '[tasks.candidates.interview]\ndate = 2026-12-01\nscores = { quality = 5 }\nnotes = "Strong."'
    plan = _plan(tmp_path, _cand("hana", bid=1000.0, status="interviewed",
                                 extra=f'trial = "passed"\nagreements = ["ip-assignment"]\n{interview}')
                 + _cand("kim", bid=1100.0, status="interviewed", extra=interview.replace("5", "4", 1)),
                 task="creates_ip = true")
    found, steps, shown = _advice(plan, ruleset)
    assert "offer-ip-assignment" in {f.rule for f in found}  # about Kim, who signed nothing
    assert steps[0].action.startswith("Hire Hana")
    assert "offer-ip-assignment" not in {ln.rule for ln in shown}
    assert not any("IP assignment" in s.action for s in steps)


def test_a_decide_on_step_with_the_overrun_folds_the_price_over_budget_line(tmp_path, ruleset):
    """florist (v21): "Decide on Sanne (15,5% over the budget)" and the same warning again below."""
    interview = '[tasks.candidates.interview]\ndate = 2026-12-01\nscores = { quality = 5 }\nnotes = "Strong."'
    plan = _plan(tmp_path, _cand("sanne", bid=1400.0, status="interviewed", extra=interview)
                 + _cand("ana", bid=1300.0, status="interviewed", extra=interview.replace("5", "3", 1)))
    found, steps, shown = _advice(plan, ruleset)
    assert ("price-over-budget", "sanne") in {(f.rule, f.candidate) for f in found}
    assert steps[0].action.startswith("Decide on Sanne") and "over the budget" in steps[0].action
    assert ("price-over-budget", "sanne") not in {(ln.rule, ln.candidate) for ln in shown}
