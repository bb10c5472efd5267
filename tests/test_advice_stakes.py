"""Next steps by stakes and one folding rule (grading v12, fixes 4, 5, 9 and 10): a planned trial is
judged before the hire, the job's budget comes before the drops, an over-budget runner-up's advice
waits behind the hire's practice, a drop carries the words it rests on and is not said again
below, a tip is never a step, and the draft checks say what the few rates noted already show."""

from __future__ import annotations

from datetime import date

import pytest

from tests import plan_runner

TODAY = date(2026, 12, 7)

HEAD = plan_runner.head(name="Studio", currency="GBP", fee_fixed=0.0)


@pytest.fixture(scope="module")
def advise():
    """(a test's tmp_path, a plan's text) -> (the Next steps' actions, the lines listed below
    them): tests/plan_runner.py's shared Advisor."""
    def go(tmp_path, text):
        got = plan_runner.run(tmp_path, text, TODAY)
        return got.steps, got.below(TODAY)
    return go


def _cand(cid, name, bid, extra="", price="bid"):
    return f'''[[tasks.candidates]]
id = "{cid}"
name = "{name}"
marketplace = "Upwork"
{price} = {bid}
status = "interviewed"
{extra}'''


TASK = '''[[tasks]]
id = "job"
title = "Booking sync"
size = "moderate"
pricing = "fixed"
skills = ["python"]
marketplaces = ["Upwork"]
budget = 3000.0
hours = 50.0
status = "hiring"
deadline = 2027-03-01
'''
GOOD = '[tasks.candidates.interview]\nscores = { skill = 5, communication = 4 }\n'
WEAK = '[tasks.candidates.interview]\nscores = { skill = 3, communication = 3 }\n'


def test_a_planned_trial_is_judged_before_the_hire_never_hire_now(tmp_path, advise):
    text = HEAD + TASK + _cand("lee", "Lee", 2800, 'trial = "planned"\n' + GOOD) + _cand("ana", "Ana", 2900, WEAK)
    steps, below = advise(tmp_path, text)
    assert steps[0].startswith("Judge Lee's planned paid trial, then hire them if it passes (£2,940 with fees)")
    assert not any(s.startswith("Hire Lee") for s in steps)
    # the step is the trial's review: the finding is not printed again below
    assert not any(ln.rule == "review-planned-trial" for ln in below)
    # no trial planned: the front-runner is hired as before
    steps, _ = advise(tmp_path, text.replace('trial = "planned"\n', ""))
    assert steps[0].startswith("Hire Lee (£2,940 with fees)")


def test_a_drop_carries_the_quoted_words_and_nothing_about_them_is_printed_below(tmp_path, advise):
    text = HEAD + TASK + _cand("lee", "Lee", 2800, GOOD) + _cand(
        "rob", "Rob", 2000, 'notes = "Send me your online banking login and the OTP so I can start."\n' + WEAK)
    steps, below = advise(tmp_path, text)
    assert 'drop Rob (asks for your own logins: "your online banking login"' in steps[0]
    assert not any(ln.candidate == "rob" for ln in below)


def test_the_budget_comes_before_the_drops_on_an_under_funded_job(tmp_path, advise):
    rates = "".join(f'[[rates]]\nskill = "python"\nhourly = {h}\n' for h in (80.0, 90.0, 100.0))
    text = HEAD + rates + TASK + _cand("lee", "Lee", 2800, WEAK) + _cand(
        "rob", "Rob", 2000, 'notes = "Pay me by bank transfer outside Upwork."\n')
    steps, _ = advise(tmp_path, text)
    assert steps[0].startswith("Raise the budget to about £4,500 (50 hours at the £90 going rate) or cut the scope")
    assert "; drop Rob (" in steps[0]


def test_an_over_budget_runner_up_waits_behind_the_weekly_cap(tmp_path, advise):
    task = TASK.replace('pricing = "fixed"', 'pricing = "hourly"').replace("budget = 3000.0", "budget = 30.0")
    text = HEAD + task + _cand("lee", "Lee", 25, GOOD.replace("skill = 5", "skill = 4"), "hourly") + \
        _cand("tom", "Tom", 40, GOOD.replace("skill = 5", "skill = 4"), "hourly")
    steps, _ = advise(tmp_path, text)
    # tied at 4.5, Lee the one inside the budget: the hire (round 28), Tom's price no step at all
    assert steps[0] == "Hire Lee (£26.25 an hour with fees)"
    assert "Put a weekly hour cap in the offer to Lee: 50 hours by 1 Mar is 5 a week; set the cap at 7 hours a week, so a slow week can catch up" in steps
    assert not any("Tom" in s for s in steps)
    # nobody inside the budget: nobody is a runner-up, each price is the question first
    steps, _ = advise(tmp_path, text.replace("hourly = 25", "hourly = 45"))
    assert steps[1:] == ["Decide whether Lee is worth more than the budget with fees",
                         "Decide whether Tom is worth more than the budget with fees",
                         # the offer's terms, left below the three, are one step after them (round 22C)
                         "Put a weekly hour cap in the offer: 50 hours by 1 Mar is 5 a week; set the cap at 7 hours a week, so a slow week can catch up"]


def test_a_tip_is_never_a_step(tmp_path, advise):
    text = HEAD + TASK.replace('status = "hiring"', 'status = "done"') + '''[[tasks.candidates]]
id = "lee"
name = "Lee"
marketplace = "Upwork"
bid = 2800
status = "hired"
'''
    steps, below = advise(tmp_path, text)
    assert steps == []
    assert any(ln.severity == "info" for ln in below)


def test_a_budget_under_the_few_rates_noted_says_so_on_their_count(tmp_path, advise):
    rates = '[[rates]]\nskill = "python"\nhourly = 150.0\n[[rates]]\nskill = "python"\nhourly = 250.0\n'
    task = TASK.replace('status = "hiring"', 'status = "draft"').replace("budget = 3000.0", "budget = 6000.0")
    steps, _ = advise(tmp_path, HEAD + rates + task)
    # said in money (grading v23 fix 4): what the hours cost at those rates, what the budget buys
    assert any(s.startswith("At the £150-£250 an hour you noted, 50 hours cost about £7,500-£12,500; "
                            "your £6,000 buys about 30 hours: raise it or cut the scope") for s in steps), steps
    # a budget inside the rates: how many more rates to note (2 noted, 3 needed: grading v17, pharmacy)
    steps, _ = advise(tmp_path, HEAD + rates + task.replace("budget = 6000.0", "budget = 10000.0"))
    assert "Note 1 more going rate for this work before you settle the budget" in steps


def test_live_cover_on_a_critical_draft_names_the_hours_left_open(tmp_path, advise):
    task = TASK.replace('status = "hiring"', 'status = "draft"').replace(
        'pricing = "fixed"', 'pricing = "hourly"\ncollaboration = "live"\ncritical = true\nweekly_cap = 20.0'
        '\ndescription = "Answers customer calls about bookings while we are open."'
    ).replace("budget = 3000.0", "budget = 60.0")
    steps, _ = advise(tmp_path, HEAD.replace('completed_jobs = 3', 'completed_jobs = 3\nworking_hours = "13:00-21:00"') + task)
    assert any(s.startswith("Cover the 20 hours of your 40-hour week that a 20-hour cap leaves open") for s in steps)
    # a cap that covers the week: nothing to say
    steps, _ = advise(tmp_path, HEAD + task.replace("weekly_cap = 20.0", "weekly_cap = 40.0"))
    assert not any(s.startswith("Cover the") for s in steps)


def test_milestones_are_one_per_40_hours_as_the_fix_says():
    from advisor.rules.judgements import milestones_for

    assert milestones_for(320) == 8  # was capped at 6 while the fix said "one per 40 hours"
    assert milestones_for(50) == 2 and milestones_for(120) == 3


def test_equal_interview_averages_read_tied(tmp_path):
    from advisor.advice.value import task_values

    text = HEAD + TASK + _cand("lee", "Lee", 2800, GOOD) + _cand("ana", "Ana", 2900, GOOD)
    plan = plan_runner.write_plan(tmp_path, text)
    reasons = [v.reason for v in task_values(plan, plan.tasks[0])]
    assert all("tied best interview (4.5/5)" in r for r in reasons)
    lone = plan_runner.write_plan(tmp_path, text.replace(GOOD, WEAK.replace("skill = 3", "skill = 5"), 2).replace(
        WEAK.replace("skill = 3", "skill = 5"), GOOD, 1))  # Lee 4.5, Ana 4.0
    reasons = {v.name: v.reason for v in task_values(lone, lone.tasks[0])}
    assert reasons["Lee"].startswith("best interview (4.5/5)") and "tied" not in reasons["Ana"]
