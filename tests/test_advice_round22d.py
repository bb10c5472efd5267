"""Round 22 part D (grading v20 fix 5, v19 fixes 6, 8, 10): the pointed step over the generic one.
Time left counts without the year-end holidays (and, for a job nobody has applied to, a week to
hire): hours that do not fit say "not feasible: move the date or cut the scope", two good whole-job
bids with little time left say "interview them this week"; three in the running are a comparison
(no "invite more"); a rate noted from "15 profiles" is a market; a line whose fix is a step folds
into it."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.advice.steps import not_restated
from advisor.rules.ratecount import MAX_WEIGHT, observations
from tests import plan_runner

TODAY = date(2026, 12, 7)

def farm(jobs: int = 3) -> str:
    """The plan header: a business in EUR with ``jobs`` jobs done, Upwork."""
    return plan_runner.head(name="Test Farm", currency="EUR", jobs=jobs)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """A plan's text -> (findings by rule, the Next steps, the lines listed below them):
    tests/plan_runner.py's shared Advisor; ``head``: the business (``jobs`` done) and Upwork first."""
    folder = tmp_path_factory.mktemp("round22d")
    def go(text: str, jobs: int = 3, head: bool = True):
        head_text = farm(jobs) if head else ""
        got = plan_runner.run(folder, head_text + text, TODAY)
        lines, steps = got.arranged(TODAY)
        return got.by_rule(), steps, not_restated(lines, steps)[0]
    return go


def rates(*hourly: float, note: str = "") -> str:
    return "".join(f'[[rates]]\nskill = "work"\nmarketplace = "Upwork"\nhourly = {h}\nnote = "{note}"\n'
                   f'date = 2026-11-30\n' for h in hourly)


def task(*, status: str = "hiring", deadline: str = "2027-01-08", hours: float = 40.0, budget: float = 1800.0,
         critical: bool = True, milestones: int = 0) -> str:
    return f"""
[[tasks]]
id = "t"
title = "Surtitles"
description = "Surtitle files cued to the score."
size = "moderate"
critical = {str(critical).lower()}
skills = ["work"]
pricing = "fixed"
budget = {budget}
hours = {hours}
status = "{status}"
marketplaces = ["Upwork"]
deadline = {deadline}
acceptance = "DE and EN titles, cued."
milestones = {milestones}
"""


def cand(cid: str, bid: float, *, status: str = "applied", notes: str = "", jobs_with_us: int = 0,
         reviews: int = 30) -> str:
    past = f"past_jobs_with_us = {jobs_with_us}\n" if jobs_with_us else ""
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "Upwork"
bid = {bid}
rating = 4.9
reviews = {reviews}
jobs = 35
job_success = 97
status = "{status}"
notes = "{notes}"
{past}"""


# ------------------------------------------------------------------ time left without the holidays

FARM = rates(40.0, 45.0, 50.0) + task(status="draft", deadline="2026-12-31", hours=60.0, budget=2700.0)


def test_hours_that_do_not_fit_the_working_days_left_are_not_feasible(run):
    # 19 weekdays to 31 Dec, less 6 of the holidays and a week to post and choose: 8 days, 32 hours
    found, steps, _ = run(FARM)
    tight = found["deadline-too-tight"]
    assert "leaves 8 working days (19 weekdays less 6 of the holidays and 5 to post and choose)" in tight.message
    assert "move the deadline to 12 Jan or later, or cut the scope to about 32 hours" in tight.fix
    assert "holiday-deadline" not in found  # no "set a milestone before 24 Dec" beside it
    actions = [s.action for s in steps]
    assert any(a.startswith("Not feasible by 31 Dec: 60 hours do not fit 8 working days (19 weekdays less 6 of the holidays and 5 to post and choose) at 4 hours a day; move "
                            "the date to 12 Jan or later, or cut the scope to about 32 hours") for a in actions[:2]), actions


def test_hours_that_fit_after_the_holidays_keep_the_holiday_notice(run):
    found, _, _ = run(rates(40.0, 45.0, 50.0) + task(status="draft", deadline="2027-01-12", hours=60.0, budget=2700.0))
    assert "deadline-too-tight" not in found  # 26 weekdays less 7 and 5: 14 days, 56 of 60 hours (tight, not infeasible)
    assert "holiday-deadline" in found


def test_a_proven_freelancer_hired_needs_no_week_to_hire(run):
    # hired already, 4 of 40 hours done: 19 weekdays less 6 of the holidays leave 13, 52 hours for 36
    done = "4 of 40 hours done."
    found, _, _ = run(rates(40.0, 45.0, 50.0) + task(status="hired", deadline="2026-12-31", hours=40.0)
                      + cand("ana", 1700.0, status="hired", jobs_with_us=3, notes=done))
    assert "deadline-too-tight" not in found
    # due on 15 Dec (7 weekdays, no holidays in them: 28 hours) the 36 left do not fit
    found, _, _ = run(rates(40.0, 45.0, 50.0) + task(status="hired", deadline="2026-12-15", hours=40.0)
                      + cand("ana", 1700.0, status="hired", jobs_with_us=3, notes=done))
    assert "needs about 36 more hours (4 of 40 done)" in found["deadline-too-tight"].message
    assert "leaves 7 working days:" in found["deadline-too-tight"].message


# ------------------------------------------------------------------ two good bids, little time

THEATRE = (rates(40.0, 42.0, 45.0)
           + task()
           + cand("olga", 1600.0, notes="Translation, cueing against the recording and one correction pass.")
           + cand("marco", 950.0, notes="Translation only; cueing not included.")
           + cand("jana", 1750.0, notes="Full scope incl. cueing."))


def test_two_good_whole_job_bids_over_the_holidays_are_interviewed_this_week(run):
    # 32 days to 8 Jan, 10 of them holidays, 10 days of work: 12 left to choose
    found, steps, _ = run(THEATRE)
    assert "shortlist-size" not in found and "invite-more-candidates" not in found
    assert steps[0].action.startswith("Interview Olga and Jana this week"), steps[0].action
    assert "Marco" not in steps[0].action  # a quote for part of the job is nobody to interview yet


def test_with_time_to_spare_the_usual_screening_speaks(run):
    found, steps, _ = run(THEATRE.replace("deadline = 2027-01-08", "deadline = 2027-04-30"))
    assert "interview-before-deadline" not in found
    assert not any("this week" in s.action for s in steps)


def test_a_partial_quote_inside_the_budget_does_not_make_the_choice(run):
    # the one whole-job bid is over the budget; the cheap partial one is no choice to stop at
    found, _, _ = run(rates(40.0, 42.0, 45.0) + task(deadline="2027-04-30")
                      + cand("marco", 950.0, notes="Translation only; cueing not included.")
                      + cand("jana", 2400.0, notes="Full scope incl. cueing."))
    assert "shortlist-size" in found


# ------------------------------------------------------------------ three in the running

def test_three_in_the_running_are_a_comparison_not_a_reason_to_invite_more(run):
    plan = (rates(40.0, 42.0, 45.0) + task(deadline="2027-04-30")
            + cand("yusuf", 1700.0, status="shortlisted") + cand("rohit", 1650.0, status="shortlisted")
            + cand("anil", 1500.0))
    found, steps, _ = run(plan)
    assert "shortlist-size" in found
    actions = " / ".join(s.action for s in steps)
    assert "Shortlist Anil as well, or note why not: the 3 in the running are your comparison" in actions
    assert "invite more" not in actions


def test_two_in_the_running_still_invite_more(run):
    found, steps, _ = run(rates(40.0, 42.0, 45.0) + task(deadline="2027-04-30", budget=1000.0)
                          + cand("yusuf", 1700.0, status="shortlisted") + cand("anil", 1500.0))
    assert any("invite more until 3" in s.action for s in steps)


# ------------------------------------------------------------------ a survey is a market

@pytest.mark.parametrize("note, count", [
    ("UK-hours VAs in PH and ZA, 15 profiles", 15), ("12 freelancers", 12), ("2 quotes", 2),
    ("perfiles: 9 perfiles", 9), ("a friend's quote", 1), ("", 1), ("1,500 profiles", 1),
    ("9999 profiles", MAX_WEIGHT), ("rate from 2026", 1),
])
def test_a_rate_note_says_how_many_observations_it_sums_up(note, count):
    assert observations(note) == count


def test_a_rate_from_15_profiles_needs_no_more_rates(run):
    plan = task(deadline="2027-04-30", budget=2000.0) + cand("ana", 1700.0, status="shortlisted")
    found, steps, _ = run(rates(45.0, note="opera surtitlers, 15 profiles") + plan)
    assert "research-going-rate" not in found
    assert not any("more going rate" in s.action for s in steps)
    found, _, _ = run(rates(45.0, note="a friend's quote") + plan)
    assert "research-going-rate" in found  # one quote is still one


# ------------------------------------------------------------------ no "fix: Next step 1"

def test_a_line_whose_fix_is_a_step_is_folded_into_it(run):
    # an agency's named person replaced on hired work: "write to them" is the key-person line's
    # own action, said once, as the step (main printed the line again with "fix: Next step 2")
    from pathlib import Path

    plan = Path(__file__).parent / "data" / "plans" / "agency_substitution.toml"
    found, steps, listed = run(plan.read_text(encoding="utf-8"), head=False)
    assert "key-person-substituted" in found
    step = next(s for s in steps if s.line.rule == "key-person-substituted")
    assert step.acts and step.line in step.covers
    assert all(ln.rule != "key-person-substituted" for ln in listed)
    assert not any(s.acts and s.line in listed for s in steps)


def test_the_applicant_count_is_the_plans(run):
    # three applied, one quoting part of the job: still three people asking for the data
    plan = (rates(40.0, 42.0, 45.0) + task(deadline="2027-04-30").replace('milestones = 0', 'milestones = 0\nsensitive_data = true')
            + cand("ana", 1700.0) + cand("ben", 1650.0) + cand("cy", 900.0, notes="Translation only; cueing not included."))
    found, _, _ = run(plan)
    assert found["sensitive-data-before-contract"].message.startswith("3 applicants for Surtitles")


# ------------------------------------------------------------------ several openings

@pytest.mark.parametrize("openings, cap, weeks, hours", [(2, 40.0, "", 144.0), (2, 20.0, " over 6 weeks", 120.0),
                                                          (1, 40.0, "", 288.0)])
def test_one_person_of_several_costs_their_share_of_the_hours(tmp_path, openings, cap, weeks, hours):
    from advisor.advice.value import task_values

    text = farm() + rates(9.0) + f"""
[[tasks]]
id = "calls"
title = "Live call answering{weeks}"
skills = ["work"]
pricing = "hourly"
hours = 288.0
weekly_cap = {cap}
openings = {openings}
status = "hiring"
marketplaces = ["Upwork"]
size = "moderate"

[[tasks.candidates]]
id = "ana"
name = "Ana"
marketplace = "Upwork"
hourly = 9.0
status = "shortlisted"
"""
    plan = plan_runner.write_plan(tmp_path, text)
    (value,) = task_values(plan, plan.tasks[0])
    assert value.total == pytest.approx(9.0 * hours)
    assert value.all_in_cost == pytest.approx(9.0 * hours * 1.05)
