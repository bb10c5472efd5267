"""Round 27, part A (grading v24 fix 5, church): an hourly task with a weekly cap and a deadline
weighs the hours against the cap times the whole working weeks left. When they fill every week
(or do not fit) the hire step says so ("hire today, or raise the first week's cap") and the first
capped week is not called "your trial": no week is spare for a second try. Quiet with slack."""

from __future__ import annotations

from advisor.rules.capweeks import no_slack
from tests import plan_runner
from tests.plan_runner import HEAD, candidate, task


def _plan(hours: float, deadline: str, *, cap: float = 10.0, openings: int = 1, status: str = "interviewed") -> str:
    return HEAD.format(jobs=3) + task(
        "t", "Set up the stream", marketplaces=["Upwork"], size="moderate", critical=True, pricing="hourly",
        budget=45.0, hours=hours, weekly_cap=cap, openings=openings, status="hiring", deadline=deadline,
        acceptance="A full service streamed in 1080p") + candidate(
        "mia", "Mia", hourly=38.0, rating=4.9, reviews=47, jobs=55, job_success=96, status=status,
        interview={"date": "2026-12-03", "scores": {"obs": 5, "audio": 4}})


def _hire(got) -> str:
    return next(s for s in got.steps if "Mia" in s)


def test_hours_that_fill_both_weeks_to_the_date_say_hire_today_or_raise_the_first_week(tmp_path):
    # Mon 7 Dec to Fri 18 Dec: 10 working days, two weeks of 10 capped hours for 20 hours
    got = plan_runner.run(tmp_path, _plan(20.0, "2026-12-18"))
    step = _hire(got)
    assert "Hire Mia today" in step
    assert "or raise the first week's cap: 20 hours at a 10-hour cap fill both weeks before 18 Dec" in step
    assert "first-week-trial" not in got.rules  # no week spare to try again
    assert not any("your trial" in s for s in got.steps)


def test_a_spare_week_keeps_the_first_week_as_the_trial_and_the_hire_step_quiet(tmp_path):
    got = plan_runner.run(tmp_path, _plan(20.0, "2027-01-29"))
    assert "first-week-trial" in got.rules
    assert not any("-hour cap fill" in s or "raise the first week's cap" in s for s in got.steps)


def test_one_week_short_of_a_spare_is_still_no_slack_and_one_spare_week_is_slack(tmp_path):
    # two weeks to Fri 18 Dec at a 20-hour cap: 20 hours leave a week spare, 21 do not
    three = plan_runner.run(tmp_path, _plan(20.0, "2026-12-18", cap=20.0))
    assert "first-week-trial" in three.rules
    tight = plan_runner.run(tmp_path, _plan(21.0, "2026-12-18", cap=20.0))
    assert "first-week-trial" not in tight.rules
    assert "21 hours at a 20-hour cap fill both weeks before 18 Dec" in _hire(tight)


def test_hours_that_do_not_fit_the_capped_weeks_say_raise_the_cap_or_move_the_date(tmp_path):
    got = plan_runner.run(tmp_path, _plan(30.0, "2026-12-18"))
    assert ("or raise the cap or move the date: 30 hours at a 10-hour cap do not fit the 10 working days "
            "before 18 Dec") in _hire(got)
    assert "first-week-trial" not in got.rules


def test_the_cap_counts_every_opening_and_a_hired_task_is_not_weighed(tmp_path):
    two = plan_runner.write_plan(tmp_path, _plan(20.0, "2026-12-18", openings=2))
    assert no_slack(two.tasks[0], plan_runner.TODAY, None) is None  # 20 a week for two: a week spare
    one = plan_runner.write_plan(tmp_path, _plan(20.0, "2026-12-18"), name="one.toml")
    assert no_slack(one.tasks[0], plan_runner.TODAY, None) == (20.0, 10.0, 2)
    hired = plan_runner.write_plan(tmp_path, _plan(20.0, "2026-12-18", status="hired"), name="hired.toml")
    assert no_slack(hired.tasks[0], plan_runner.TODAY, None) is None
