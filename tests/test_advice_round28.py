"""Round 28 (grading v24, church): a dropped candidate's night shift is one more reason, and
hours that fill every capped week leave the fallback to the hire step.

- The cheapest technician asked for the channel owner's login and shares none of the church's
  working hours while the set-up needs three a day together: the drop named the login alone. A
  drop now also says the hours a candidate does not share, when they share at most half of what
  the work needs (an hour short is the overlap rules' to weigh, on someone still in the running).
- 20 hours at a 10-hour cap due in 13 days: the hire step says "hire today, or raise the first
  week's cap"; the fallback step beside it ("who takes the rest (your second choice)") named
  nobody real, the only other bidder being dropped. With a spare week the fallback stays."""

from __future__ import annotations

import pytest

from advisor.advice.value import values_with
from tests import plan_runner
from tests.plan_runner import candidate, task

HEAD = plan_runner.head(jobs=1, timezone="America/New_York", rates=(40.0, 30.0, 50.0))
UPWORK = ["Upwork"]


def plan(*, collaboration: str = "overlap", cap: float = 10.0, deadline: str = "2026-12-20") -> str:
    return HEAD + task(
        "stream", "Set up the livestream", size="moderate", critical=True, pricing="hourly", budget=45.0,
        hours=20.0, weekly_cap=cap, status="hiring", marketplaces=UPWORK, deadline=deadline,
        acceptance="A full service streamed in 1080p; volunteers run it alone from a checklist",
        collaboration=collaboration, overlap_hours=3) + "".join(
        candidate(cid, name, hourly=rate, rating=4.9, reviews=40, job_success=96, timezone=zone, working_hours=hours,
                  status="interviewed", notes=notes,
                  interview={"date": "2026-12-03", "scores": {"setup": score, "communication": 5}})
        for cid, name, rate, zone, hours, notes, score in (
            ("miguel", "Miguel Torres", 38.0, "America/Bogota", "08:00-17:00", "Set up streams for 12 churches.", 5),
            ("rico", "Rico Santos", 18.0, "Asia/Manila", "09:00-18:00", "Send me the owner login and Google account password.", 4),
            ("lucia", "Lucía Gómez", 30.0, "Europe/Madrid", "09:00-17:00", "Pay me by bank transfer outside Upwork, 10% off.", 4),
            ("pablo", "Pablo Ruiz", 32.0, "Europe/Madrid", "09:00-16:30", "Pay me by bank transfer outside Upwork, 10% off.", 4),
        ))


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    return plan_runner.run(tmp_path_factory.mktemp("r28"), plan())


def _excluded(run) -> dict[str, str]:
    return {v.name: v.excluded for v in values_with(run.plan, run.plan.tasks[0]) if v.excluded}


def test_a_drop_says_the_hours_a_candidate_does_not_share(got):
    out = _excluded(got)
    assert out["Rico Santos"] == "asks for your own logins and shares none of your working hours"
    drop = next(s for s in got.steps if "drop " in s)
    # the login's words, then the hours as a reason of its own (not read as a third quote)
    assert 'Rico Santos (asks for your own logins: "owner login", "Google account password"; shares none' in drop


def test_more_than_half_the_hours_is_no_drop_reason(got):
    # New York's 09:00-17:00 is 15:00-23:00 in Madrid in December: a 09:00-17:00 day there shares
    # 2 of the 3 hours (the move off the marketplace alone is the reason); 09:00-16:30 shares 1.5,
    # half: said
    out = _excluded(got)
    assert out["Lucía Gómez"] == "asked to move off the marketplace"
    assert out["Pablo Ruiz"] == ("asked to move off the marketplace and shares 1.5 of the 3 hours a day the work "
                                 "needs with you")


def test_async_work_never_counts_hours(tmp_path):
    run = plan_runner.run(tmp_path, plan(collaboration="async"))
    assert _excluded(run)["Rico Santos"] == "asks for your own logins"


def test_no_fallback_step_beside_hours_that_fill_every_capped_week(got):
    # the slip is the hire step's to answer: the finding is said by it, not printed again
    assert "offer-handover" in got.rules
    assert not any(ln.rule == "offer-handover" for ln in got.below())
    hire = got.steps[0]
    assert hire.startswith("Hire Miguel Torres today") and "raise the first week's cap" in hire
    assert not any("fallback" in s for s in got.steps)


def test_a_spare_week_keeps_the_fallback_before_a_near_deadline(tmp_path):
    run = plan_runner.run(tmp_path, plan(cap=20.0))  # 20 hours fit one week of two: one to spare
    assert "offer-handover" in run.rules
    assert "due in 13 days" in run.by_rule()["offer-handover"].message


def _small(size: str, bids: tuple) -> str:
    return plan_runner.HEAD.format(jobs=0) + task(
        "pairings", "Set up pairings pages", marketplaces=UPWORK, size=size, pricing="fixed", budget=300.0,
        hours=10.0, status="hiring", deadline="2027-02-06") + "".join(
        candidate(f"c{n}", name, bid=bid, rating=4.6, reviews=8, status="applied", notes=notes)
        for n, (name, bid, notes) in enumerate(bids))


BIDS = (("Priya Nair", 240.0, "Whole scope, with a dry run."), ("Sam Whitfield", 290.0, "Whole scope."),
        ("Oleksandr K", 180.0, "The rating file export is not included."))


def test_a_small_job_names_the_whole_bids_to_talk_to(tmp_path):
    # chess (grading v24): "invite more until 3 are worth comparing" beside the bids in hand
    got = plan_runner.run(tmp_path, _small("minor", BIDS))
    step = next(s for s in got.steps if "Priya Nair" in s)
    assert step.startswith("Talk to Priya Nair and Sam Whitfield, then hire the better one")
    assert "invite more" not in step and "Oleksandr" not in step  # the part-quote: a step of its own
    assert any(s.startswith("Ask Oleksandr K to quote the whole scope") for s in got.steps)


def test_a_bigger_job_names_them_and_still_invites_more(tmp_path):
    got = plan_runner.run(tmp_path, _small("moderate", BIDS))
    step = next(s for s in got.steps if "Priya Nair" in s)
    assert step.startswith("Shortlist Priya Nair and Sam Whitfield and invite more until 3")


def test_a_good_interview_on_a_moderate_job_is_hired_on_without_a_two_hour_trial(tmp_path):
    # hotel (grading v24): 5/4/4 and references on a 24-hour job; a 3.75 still gets the trial
    def run(scores: dict):
        text = plan_runner.HEAD.format(jobs=2) + task(
            "channel", "Set up a channel manager", marketplaces=UPWORK, size="moderate", critical=True,
            pricing="fixed", budget=1200.0, hours=24.0, status="hiring", deadline="2027-01-31",
            acceptance="Every room and rate maps; a 14-day parallel run without an overbooking",
            handover="Mapping notes and every account in our name") + candidate(
            "tiago", "Tiago Mendes", bid=1100.0, rating=4.9, reviews=22, job_success=97, status="interviewed",
            interview={"date": "2026-12-02", "scores": scores})
        return plan_runner.run(tmp_path, text)

    good = run({"mapping": 5, "testing": 4, "communication": 4})
    assert "paid-trial-first" not in good.rules
    assert not any("trial" in s for s in good.steps)
    weak = run({"mapping": 4, "testing": 4, "communication": 3, "pricing": 4})  # 3.75
    assert "paid-trial-first" in weak.rules


BRISBANE = plan_runner.head(jobs=3, timezone="Australia/Brisbane", rates=(14.0, 16.0, 18.0))
#: the call desk's task: 480 hours at a 40-hour cap
CALLS = dict(marketplaces=UPWORK, size="moderate", critical=True, pricing="hourly", budget=16.0, hours=480.0,
             weekly_cap=40.0, status="hiring")


def _desk(collaboration: str) -> str:
    return BRISBANE + task("calls", "Answer inbound enquiry calls", **CALLS, deadline="2027-01-11",
                           collaboration=collaboration) + candidate(
        "maricel", "Maricel Dela Cruz", hourly=9.0, rating=4.9, reviews=25, timezone="Asia/Manila",
        available_from="2027-01-04", status="interviewed",
        interview={"date": "2026-12-03", "scores": {"phone": 5, "communication": 4}})


def test_live_work_races_no_date_a_deliverable_does(tmp_path):
    # solar (grading v25): a call desk to be staffed by 11 Jan is a role, not 480 hours due that day
    live = plan_runner.run(tmp_path, _desk("live"))
    assert not {"not-available-in-time", "holiday-deadline", "deadline-too-tight"} & live.rules
    work = plan_runner.run(tmp_path, _desk("async"))  # the same hours as a deliverable cannot fit
    assert "not-available-in-time" in work.rules and "about 28 of the 480 hours needed" in work.by_rule()["not-available-in-time"].message


#: the records migration's task and its bidder Ana
MOVE = dict(marketplaces=UPWORK, size="moderate")
ANA = dict(rating=4.9, reviews=40, status="applied")


def _due(hours: float, cap: float | None = None) -> str:
    return plan_runner.HEAD.format(jobs=3) + task(
        "move", "Migrate the records", **MOVE, pricing="hourly" if cap else "fixed",
        budget=30.0 if cap else 1800.0, hours=hours, weekly_cap=cap, status="hiring", deadline="2026-12-23",
        acceptance="Every record moved; a count report") + candidate(
        "ana", "Ana", hourly=28.0 if cap else None, bid=None if cap else 1700.0, **ANA)


def test_hours_that_fit_a_full_days_pace_are_tight_not_infeasible(tmp_path):
    # vet (grading v25): 60 hours in the 13 working days to 23 Dec is 4.6 hours a day
    tight = plan_runner.run(tmp_path, _due(60.0))
    assert any(s.startswith("Tight for 23 Dec: 60 hours in 13 working days is about 4.6 hours a day") for s in tight.steps)
    assert tight.by_rule()["deadline-too-tight"].fix.startswith("Tight: it needs about 4.6 hours a day")
    far = plan_runner.run(tmp_path, _due(100.0))  # 7.7 a day: no stretch holds it
    assert any(s.startswith("Not feasible by 23 Dec") for s in far.steps)
    capped = plan_runner.run(tmp_path, _due(60.0, cap=20.0))  # the cap binds: 4 a day
    assert not any(s.startswith("Tight") for s in capped.steps)


def _thin(bid: float) -> str:
    return plan_runner.head(jobs=3, rates=(60.0, 90.0)) + task(
        "bot", "Build the ordering bot", marketplaces=UPWORK, size="moderate", pricing="fixed", budget=4500.0,
        hours=80.0, status="hiring", deadline="2027-02-05", acceptance="Orders and payments work end to end") + candidate(
        "olga", "Olga Kim", bid=bid, rating=4.9, reviews=30, status="shortlisted")


def test_a_budget_a_whole_bid_fits_is_not_told_to_rise(tmp_path):
    # flower (grading v25): 6% under the lowest of two rates noted, a whole bid 3% over it
    fits = plan_runner.run(tmp_path, _thin(4430.0))  # 4,651.50 with the 5% fee: within 5% of 4,500
    assert not any("raise it" in s for s in fits.steps)
    assert any(s.startswith("Note 1 more going rate") for s in fits.steps)
    dear = plan_runner.run(tmp_path, _thin(5200.0))  # 5,460 with the fee: the market is above the budget
    assert any("raise it or cut the scope" in s for s in dear.steps)


def _call_desk(cap: float, handover: str) -> str:
    return BRISBANE.replace(
        'timezone = "Australia/Brisbane"\n', 'timezone = "Australia/Brisbane"\nworking_hours = "07:30-16:30"\n') + task(
        "calls", "Answer inbound enquiry calls during office hours", **CALLS | {"weekly_cap": cap},
        collaboration="live", handover=handover) + candidate(
        "maricel", "Maricel Dela Cruz", hourly=9.0, rating=4.9, reviews=25, status="shortlisted")


def test_a_backup_for_sick_days_is_no_second_shift(tmp_path):
    # solar (grading v25): a 20-hour cap on a 45-hour call desk, "calls overflow to Kerry"
    short = plan_runner.run(tmp_path, _call_desk(20.0, "Calls overflow to Kerry on the Aircall app"))
    assert "offer-handover" in short.rules
    assert "cannot cover the 45 hours of your working week" in short.by_rule()["offer-handover"].message
    near = plan_runner.run(tmp_path, _call_desk(30.0, "Calls overflow to Kerry on the Aircall app"))
    assert "offer-handover" not in near.rules  # 15 of 45 hours: the backup the owner named covers it
    none = plan_runner.run(tmp_path, _call_desk(30.0, ""))
    assert "offer-handover" in none.rules  # no handover at all: the gap is said, as before


def _dive_site(description: str) -> str:
    return plan_runner.HEAD.format(jobs=0) + task(
        "site", "Dive trip booking website", description=description, size="major", critical=True,
        pricing="fixed", budget=2000.0, hours=60.0, status="draft", deadline="2027-03-01")


@pytest.mark.parametrize("words", [
    "ลูกค้ากรอกแบบฟอร์มประวัติสุขภาพ เลขพาสปอร์ต ก่อนลงเรือ",  # Thai: a health history form, passport number
    "Клиенты заполняют медицинская анкета и номер паспорта перед погружением",
    "Customers fill in a medical questionnaire and their passport number before the dive",
])
def test_health_forms_and_passport_numbers_in_a_task_are_sensitive_unmarked(tmp_path, words):
    # dive (grading v25): the description named the forms; sensitive_data was not set
    got = plan_runner.run(tmp_path, _dive_site(words))
    # the sector's agreement (HIPAA's BAA for this US business) before anyone applies
    assert any(s.startswith("Before anyone applies, plan an NDA and a HIPAA business associate agreement")
               for s in got.steps), got.steps


def test_a_booking_site_without_such_forms_is_not_sensitive(tmp_path):
    got = plan_runner.run(tmp_path, _dive_site(
        "Customers pick a trip, a date and the number of divers, then pay a 30% deposit by card."))
    assert not any(s.startswith("Before anyone applies, plan an NDA") for s in got.steps)


#: Milos, hired on the permit drawings at $120 an hour
MILOS = dict(hourly=120.0, rating=4.9, reviews=40, status="hired")


def _drawings(deadline: str, **fields) -> str:
    return plan_runner.HEAD.format(jobs=3) + task(
        "drawings", "Permit drawings", size="moderate", pricing="hourly", budget=150.0, hours=120.0, weekly_cap=25.0,
        status="hired", deadline=deadline, **fields, handover="Model files in our Drive")


def test_hours_over_the_cap_come_before_paperwork_that_keeps(tmp_path):
    # architect (grading v25): 9 hours over a 25-hour cap, to approve or dispute this week, came
    # after "get the IP assignment signed"
    text = _drawings("2027-01-14", creates_ip=True) + candidate(
        "milos", "Milos", **MILOS, hours_last_week=34.0, agreements=["nda"])
    got = plan_runner.run(tmp_path, text)
    assert got.steps[0].startswith("Approve or dispute last week's hours over the 25 h cap")
    assert any("IP assignment" in s for s in got.steps[1:])


def _wallet_task(notes: str) -> str:
    return plan_runner.HEAD.format(jobs=3) + task(
        "mp", "Build a WeChat mini-program with WeChat Pay deposits", marketplaces=UPWORK, size="moderate",
        pricing="fixed", budget=6000.0, hours=160.0, status="hiring", deadline="2027-03-01") + candidate(
        "kelvin", "Kelvin Ho", bid=5800.0, rating=4.9, reviews=30, status="shortlisted", notes=notes)


@pytest.mark.parametrize("notes, flagged", [
    ("Has shipped 6 mini-programs with WeChat Pay for shops.", False),  # the product
    ("Pay me by WeChat Pay and I start today.", True),  # money to them
    ("我的微信支付收款更快。", True),  # "my WeChat Pay"
])
def test_a_wallet_the_task_is_about_is_the_work_unless_it_is_theirs(tmp_path, notes, flagged):
    # tailor (grading v25): "WeChat Pay" on a WeChat Pay mini-program was a question about leaving Upwork
    got = plan_runner.run(tmp_path, _wallet_task(notes))
    said = {f.rule for f in got.found if f.candidate == "kelvin"}
    assert bool({"off-platform-request", "confirm-unclear-request"} & said) is flagged, said


def _lowball(rates: tuple, bids: tuple) -> str:
    return plan_runner.head(jobs=3, rates=rates) + task(
        "move", "Migrate the records", **MOVE, pricing="fixed", budget=4500.0, hours=60.0, status="hiring",
        deadline="2027-02-23", acceptance="Every record moved; a count report") + "".join(
        candidate(f"c{n}", name, bid=bid, rating=5.0, reviews=reviews, status="applied")
        for n, (name, bid, reviews) in enumerate(bids))


def test_a_lone_lowball_is_weighed_against_the_going_rate(tmp_path):
    # vet (grading v25): R$1,200 for 60 hours, one review, beside one other whole bid
    got = plan_runner.run(tmp_path, _lowball((60.0, 80.0, 70.0), (("Juliana", 1200.0, 1), ("Mateus", 3300.0, 65))))
    low = [f for f in got.found if f.rule == "bid-far-below-median"]
    assert [f.candidate for f in low] == ["c0"]
    assert "about $20 an hour for the 60 hours planned, under 60% of the going rate ($70 an hour)" in low[0].message
    reason = next(v.reason for v in values_with(got.plan, got.plan.tasks[0]) if v.candidate == "c0")
    assert "71% under the going rate before fees (ask what it leaves out)" in reason  # a question, not praise
    fair = plan_runner.run(tmp_path, _lowball((60.0, 80.0, 70.0), (("Juliana", 2800.0, 1), ("Mateus", 3300.0, 65))))
    assert "bid-far-below-median" not in fair.rules  # about $47 an hour: 67% of the going rate
    assert "leaves out" not in next(v.reason for v in values_with(fair.plan, fair.plan.tasks[0]) if v.candidate == "c0")


def test_a_going_rate_edit_reaches_the_kept_candidate_facts(tmp_path):
    # the candidate facts are kept when only the rates change: the going rate's median is in the
    # task's signature, so an edit that moves it re-reads the lone lowball (as a fresh evaluation)
    from advisor.engine.advisor import Advisor
    from advisor.plan.model import RateObservation

    plan = plan_runner.write_plan(tmp_path, _lowball((25.0, 35.0, 30.0), (("Juliana", 1200.0, 1), ("Mateus", 3300.0, 65))))
    with Advisor(plan_runner.ruleset(), today=plan_runner.TODAY) as a:
        before = {f.rule for f in a.evaluate(plan) if f.candidate == "c0"}
        assert "bid-far-below-median" not in before  # $20 an hour against $30: 67%
        plan.rates[:] = [RateObservation(skill="work", hourly=h, marketplace="Upwork") for h in (60.0, 80.0, 70.0)]
        after = {f.rule for f in a.update(plan, touched=set()) if f.candidate == "c0"}
    assert "bid-far-below-median" in after


@pytest.mark.parametrize("notes, said", [
    ("Фасаде и пресеке ради мој колега Никола, ја проверавам и предајем.", True),  # a colleague does part
    ("I do every drawing myself and send them for your review each Friday.", False),
])
def test_a_colleague_working_under_a_hired_freelancers_account_is_a_substitution(tmp_path, notes, said):
    # architect (grading v25): the Serbian note went unread for a freelancer (no named people)
    text = _drawings("2027-01-30") + candidate(
        "milos", "Milos", **MILOS, agreements=["nda", "ip-assignment"], notes=notes)
    got = plan_runner.run(tmp_path, text)
    assert ("key-person-substituted" in got.rules) is said
    if said:
        line = got.by_rule()["key-person-substituted"]
        assert line.message.startswith("You hired Milos for Permit drawings, but someone else is doing the work")
        assert "ради мој колега" in line.message


def _whole_price(tmp_path, text: str) -> float:
    """The first candidate's whole price for the plan's one task."""
    plan = plan_runner.write_plan(tmp_path, text)
    the_task = plan.tasks[0]
    return the_task.candidates[0].price(the_task)


@pytest.mark.parametrize("notes, whole", [
    ("₹30,000 केवल 120 पुरानी लिस्टिंग के लिए है। 10 नई लिस्टिंग ₹6,000 अलग से।", 36000.0),  # textile
    ("30 000 за старые карточки. Новые карточки — ₹6,000 отдельно.", 36000.0),
    ("I write all 130 listings; a free sample of 5 first.", 30000.0),  # whole: nothing on top
])
def test_a_part_priced_on_top_in_the_candidates_language_counts_in_the_whole_price(tmp_path, notes, whole):
    text = plan_runner.head(jobs=3, currency="INR", rates=(600.0, 800.0, 700.0)) + task(
        "listings", "Rewrite 120 Etsy listings and write 10 new listings",
        description="Titles, tags and descriptions for 120 listings; 10 new listings.", marketplaces=UPWORK,
        size="moderate", pricing="fixed", budget=40000.0, hours=60.0, status="hiring") + candidate(
        "rohit", "Rohit", bid=30000.0, status="applied", notes=notes)
    assert _whole_price(tmp_path, text) == whole


#: a hired team on the PPC campaigns and the shop move, with the NDA and IP assignment signed
HIRED_LAB = dict(bid=2800.0, status="hired", agreements=["nda", "ip-assignment"])


@pytest.mark.parametrize("notes, moved", [
    ("광고 세팅 자료는 카톡으로 공유해 주세요.", False),  # kr (grading v26): talk after the hire, no move
    ("Let's keep updates on WhatsApp.", False),
    ("From next month pay me directly by bank transfer, outside Upwork.", True),  # money: still a move
])
def test_a_chat_app_from_someone_hired_is_how_the_work_is_talked_through(tmp_path, notes, moved):
    text = plan_runner.HEAD.format(jobs=3) + task(
        "ads", "Run the PPC campaigns", size="moderate", pricing="fixed", budget=3000.0, hours=80.0, milestones=3,
        status="hired", deadline="2027-03-01", handover="Accounts are ours") + candidate(
        "lab", "Commerce Lab", **HIRED_LAB, notes=notes)
    got = plan_runner.run(tmp_path, text)
    assert ("off-platform-request" in got.rules) is moved


#: Julien, interviewed for the holiday ads at $50 an hour
JULIEN = dict(hourly=50.0, rating=4.8, reviews=36, status="interviewed")
JULIEN_INTERVIEW = {"date": "2026-12-04", "scores": {"copy": 5, "meta": 4}}


def test_a_part_week_holds_a_weeks_cap(tmp_path):
    # maple ads (grading v26): 10 hours at an 8-hour cap due Wed 16 Dec (7 working days, two
    # calendar weeks) was "do not fit"; two capped weeks hold 16 hours, with none to spare
    text = plan_runner.HEAD.format(jobs=3) + task(
        "ads", "Holiday ads", marketplaces=UPWORK, size="moderate", critical=True, pricing="hourly", budget=55.0,
        hours=10.0, weekly_cap=8.0, status="hiring", deadline="2026-12-16",
        acceptance="Campaigns live by Wednesday") + candidate("julien", "Julien", **JULIEN, interview=JULIEN_INTERVIEW)
    got = plan_runner.run(tmp_path, text)
    hire = next(s for s in got.steps if "Julien" in s)
    assert "or raise the first week's cap: 10 hours at an 8-hour cap fill both weeks before 16 Dec" in hire


@pytest.mark.parametrize("past, said", [(6, False), (0, True)])
def test_a_proven_person_at_work_abroad_is_not_asked_for_a_transfer_safeguard(tmp_path, past, said):
    # swim school (grading v26): a sixth-term VA on a tidy plan; a new hire abroad still is
    text = plan_runner.head(jobs=8, currency="AUD", timezone="Australia/Brisbane", rates=(14.0, 16.0, 15.0)) + task(
        "enrol", "Term 1 enrolment admin",
        description="Process enrolment forms with children's names and dates of birth in our booking system.",
        size="moderate", pricing="hourly", budget=16.0, hours=120.0, weekly_cap=20.0, status="hired",
        sensitive_data=True, deadline="2027-03-01", handover="All accounts are ours; the coordinator covers") + candidate(
        "kristine", "Kristine", hourly=12.0, country="PH", status="hired", past_jobs_with_us=past, agreements=["nda"])
    got = plan_runner.run(tmp_path, text)
    assert ("transfer-safeguard" in got.rules) is said


@pytest.mark.parametrize("zone, window", [("Asia/Jerusalem", False), ("Europe/Berlin", True)])
def test_the_year_end_break_is_where_the_business_has_one(zone, window):
    # a Ra'anana agency (grading v26): "13 working days" to 31 Dec, an Israeli office has 19
    from advisor.rules.holidays import holiday_window
    from advisor.settings import DEFAULT_RULE_SETTINGS

    got = holiday_window(dict(DEFAULT_RULE_SETTINGS), plan_runner.TODAY, zone)
    assert (got is not None) is window
    # an owner who sets the window gets it wherever they are
    assert holiday_window({"holidays": "04-10..04-20"}, plan_runner.TODAY, "Asia/Jerusalem") is not None


def test_a_channel_whose_only_bid_was_rejected_is_no_warning(tmp_path):
    # insurance (grading v26): "Referral (no escrow and no reviews)" named for a rejected referral
    def text(status: str) -> str:
        return plan_runner.HEAD.format(jobs=1) + """
[[marketplaces]]
name = "Referral"
escrow = false
feedback = false
""" + task("crm", "Move client files into the CRM", marketplaces=["Upwork", "Referral"], size="moderate",
           pricing="hourly", budget=75.0, hours=60.0, status="hiring", deadline="2027-03-01") + candidate(
            "noa", "Noa", hourly=70.0, rating=4.9, reviews=44, status="interviewed") + candidate(
            "yossi", "Yossi", marketplace="Referral", hourly=95.0, status=status)

    quiet = plan_runner.run(tmp_path, text("rejected"))
    assert not any("Referral" in f.message for f in quiet.found)
    said = plan_runner.run(tmp_path, text("shortlisted"))
    assert any("Referral (no escrow and no reviews)" in f.message for f in said.found)


@pytest.mark.parametrize("notes, kept", [
    ("Je gère les campagnes dans mon propre compte publicitaire; le pixel reste dans mon Business Manager.", True),
    ("I work inside your Business Manager as a partner; you pay Meta directly.", False),
])
def test_an_ad_buyer_keeping_the_ad_account_is_asked_for_it_before_the_hire(tmp_path, notes, kept):
    # maple ads (grading v26): "Hire Julien today" beside "my own ad account, my Business Manager"
    text = plan_runner.HEAD.format(jobs=3) + task(
        "ads", "Facebook and Instagram ads for our holiday gift boxes", marketplaces=UPWORK, size="moderate",
        pricing="hourly", budget=55.0, hours=20.0, status="hiring", deadline="2027-02-26") + candidate(
        "julien", "Julien", **JULIEN, notes=notes, interview=JULIEN_INTERVIEW)
    got = plan_runner.run(tmp_path, text)
    first = got.steps[0]
    assert first.startswith("Before you hire Julien, get in writing that the ad account, pixel and audiences are in "
                            "your own Business Manager") is kept, got.steps


@pytest.mark.parametrize("notes, said", [
    ("Со следующей недели вторую половину смен будет вести моя сестра Дарья.", True),  # muay thai (v27)
    ("From Monday my sister will cover the afternoon shifts on my account.", True),
    ("Моя сестра тоже фрилансер, но работаю я одна.", False),
])
def test_a_relative_taking_over_shifts_is_a_substitution(notes, said):
    from advisor.phrases import matcher

    assert ("substitution" in matcher().find(notes).categories) is said


@pytest.mark.parametrize("notes, start, first", [
    ("Pieter, my junior ontwikkelaar, sal die meeste van die kode skryf; ek hersien.", "2026-12-08", "meet whoever"),
    ("I write all of it myself, as last time.", "2027-01-20", "agree a date"),
    ("I write all of it myself, as last time.", "2026-12-08", None),
])
def test_a_proven_rehire_whose_notes_or_dates_put_it_in_doubt_says_so_first(tmp_path, notes, start, first):
    # surfboard (grading v27): "Rehire Johan today: no interview or trial needed" beside a junior
    # writing most of the code and a start that leaves too little time
    text = plan_runner.HEAD.format(jobs=3) + task(
        "cfg", "3D configurator", marketplaces=UPWORK, size="moderate", pricing="fixed", budget=2000.0, hours=60.0,
        status="hiring", deadline="2027-01-29",
        acceptance="Every model and option renders; orders carry the choices") + candidate(
        "johan", "Johan", bid=1800.0, past_jobs_with_us=2, rating=5.0, reviews=22, available_from=start,
        status="shortlisted", notes=notes)
    got = plan_runner.run(tmp_path, text)
    step = next(s for s in got.steps if "Johan" in s)
    if first is None:
        assert step.startswith("Rehire Johan") and "no interview or trial needed" in step
    else:
        assert step.startswith("First " + first), step
        assert "rehire Johan" in step


@pytest.mark.parametrize("notes, flagged", [
    ("Όλες οι πληρωμές μέσω Upwork, τίποτα εκτός πλατφόρμας, και δεν ζητάω προκαταβολή.", False),  # crew (v27)
    ("Καλύτερα πληρωμή εκτός πλατφόρμας, με έκπτωση 10%.", True),
])
def test_greek_nothing_off_the_platform_is_no_request(tmp_path, notes, flagged):
    text = plan_runner.HEAD.format(jobs=3) + task(
        "crew", "Airtable tracker for certificates", marketplaces=UPWORK, size="moderate", pricing="fixed",
        budget=1500.0, hours=40.0, status="hiring", deadline="2027-02-26") + candidate(
        "eleni", "Eleni", bid=1400.0, rating=4.9, reviews=30, status="interviewed", notes=notes)
    got = plan_runner.run(tmp_path, text)
    assert ("off-platform-request" in got.rules) is flagged


def test_japans_year_end_is_its_own_window():
    # gift box (grading v27): Kanazawa works to 28 Dec; Japan's break is 29 Dec - 3 Jan
    from advisor.rules.holidays import holiday_window
    from advisor.settings import DEFAULT_RULE_SETTINGS

    start, end = holiday_window(dict(DEFAULT_RULE_SETTINGS), plan_runner.TODAY, "Asia/Tokyo")
    assert (start.isoformat(), end.isoformat()) == ("2026-12-29", "2027-01-03")


def test_a_tie_at_the_top_goes_to_the_one_inside_the_budget(tmp_path):
    # gift box (grading v27): two 4.7 interviews, one 51% over the budget: "decide whether it is
    # worth more" and no pick; the one inside is the hire
    text = plan_runner.HEAD.format(jobs=3) + task(
        "box", "Gift-box packaging design", marketplaces=UPWORK, size="moderate", pricing="fixed", budget=3000.0,
        hours=60.0, status="hiring", deadline="2027-02-26", acceptance="Print-ready files for 4 box sizes") + "".join(
        candidate(cid, cid.capitalize(), bid=bid, rating=4.9, reviews=40, status="interviewed", interview={
            "date": "2026-12-03", "scores": {"design": 5, "typography": 5, "communication": 4}})
        for cid, bid in (("misaki", 2600.0), ("ushio", 4300.0)))
    got = plan_runner.run(tmp_path, text)
    assert got.steps[0].startswith("Hire Misaki"), got.steps


@pytest.mark.parametrize("notes, whole", [
    # villas (grading v28): the first 6 of 14 villas, each additional +60€: 900 + 8 x 60
    ("Η τιμή αφορά τη σύνδεση των 6 πρώτων βιλών. Για κάθε επιπλέον βίλα +60€.", 1380.0),
    ("The price covers the first 6 villas. For each additional villa €60.", 1380.0),
    ("All 14 villas on all three channels.", 900.0),
])
def test_each_additional_unit_beyond_the_first_n_counts_in_the_whole_price(tmp_path, notes, whole):
    text = plan_runner.head(jobs=3, currency="EUR", rates=(40.0, 45.0, 50.0)) + task(
        "smoobu", "Set up Smoobu for our 14 villas", description="All 14 villas connected to Airbnb and Booking.com.",
        marketplaces=UPWORK, size="moderate", pricing="fixed", budget=1300.0, hours=30.0, status="hiring") + candidate(
        "dimitris", "Dimitris", bid=900.0, status="applied", notes=notes)
    assert _whole_price(tmp_path, text) == whole


@pytest.mark.parametrize("notes, kept", [
    ("האתר יישב על השרת שלי, כולל הדומיין בניהולי. קבצי המקור והעיצוב לא נמסרים ללקוח.", True),  # locksmith (v28)
    ("בונה על האחסון שלכם ומוסרת גישת מנהל; העברת זכויות מלאה בתשלום האחרון.", False),
])
def test_a_hebrew_note_keeping_the_site_on_their_server_is_read(notes, kept):
    from advisor.phrases import matcher

    cats = matcher().find(notes).categories
    assert (("keeps_accounts" in cats) or ("keeps_code" in cats)) is kept


@pytest.mark.parametrize("title, building", [
    ("Migrate our online shop from Wix to Nuvemshop", True),  # brewery (v28): both named, the work moves them
    ("Answer customer emails", False),
])
def test_a_builder_keeps_admin_on_the_systems_the_work_moves(tmp_path, title, building):
    text = plan_runner.HEAD.format(jobs=3) + task(
        "shop", title, size="moderate", pricing="fixed", budget=3000.0, hours=80.0, milestones=3, status="hired",
        deadline="2027-03-01", handover="Accounts are ours", access=["wix-admin", "nuvemshop-admin"]) + candidate(
        "lab", "Lab", **HIRED_LAB)
    got = plan_runner.run(tmp_path, text)
    assert ("access-too-broad" in got.rules) is (not building)


def test_a_woocommerce_builder_keeps_the_wordpress_admin_until_handover():
    # pretoria (grading v29): "WordPress Editor instead of wordpress-admin" told to the shop's builder
    from advisor.advice.accessstep import access_clause
    from advisor.plan.model import Task

    shop = Task(id="shop", title="WooCommerce uniform shop with PayFast", creates_ip=True,
                access=["wordpress-admin", "payfast-merchant-view"])
    assert access_clause(shop).startswith("give them their own wordpress-admin and payfast-merchant-view")
    blog = Task(id="blog", title="Write 10 blog posts", access=["wordpress-admin"])
    assert "WordPress Editor instead of wordpress-admin" in access_clause(blog)


@pytest.mark.parametrize("notes, cats", [
    ("Моделирование будет делать мой ученик, я проверяю финал.", {"substitution"}),  # almaty (v29)
    ("Исходники не передаю.", {"keeps_code"}),
    ("Все модели делаю сама. Передаю исходники .blend.", set()),
])
def test_a_student_doing_the_work_and_source_files_withheld_are_read(notes, cats):
    from advisor.phrases import matcher

    found = set(matcher().find(notes).categories) & {"substitution", "keeps_code"}
    assert found == cats


@pytest.mark.parametrize("notes, late", [
    ("Our offices close from 16 December to 11 January; we will launch on 12 January.", True),  # pretoria (v29)
    ("Laravel + Filament admin. Timeline: 8 weeks from start.", True),  # taipei: about 1 Feb
    ("We can go live on January 5th, with a buffer before your date.", False),
    ("Built three such shops; milestones through Upwork.", False),
])
def test_a_delivery_the_notes_date_after_the_deadline_is_said(tmp_path, notes, late):
    text = plan_runner.head(jobs=3) + plan_runner.task(
        id="shop", title="WooCommerce uniform shop", size="moderate", pricing="fixed", budget=3000.0, hours=60.0,
        status="hiring", deadline="2027-01-08", acceptance="Orders and PayFast payments work") + plan_runner.candidate(
        "karoo", "Karoo", bid=2800.0, rating=4.9, reviews=30, status="shortlisted", notes=notes)
    got = plan_runner.run(tmp_path, text)
    assert ("not-available-in-time" in got.rules) is late
    if late:
        assert got.by_rule()["not-available-in-time"].message.startswith("Karoo can deliver WooCommerce uniform shop only by")


@pytest.mark.parametrize("notes, said", [
    ("שמח לעזור שוב! אני נכנס למילואים ב-20 בדצמבר, כנראה עד אמצע ינואר.", True),  # Tel Aviv (v29): 20 of 30 h
    ("I am away from 18 December to 4 January.", True),
    ("I am away from 29 December; everything will be done before that.", False),  # 3 weeks hold the 30 hours
    ("I can start right away; 10 hours a week until the end.", False),
])
def test_a_leave_the_notes_date_before_the_deadline_counts_the_hours_left(tmp_path, notes, said):
    text = plan_runner.head(jobs=3) + plan_runner.task(
        id="orders", title="Order form to kitchen sheet", size="moderate", pricing="hourly", budget=60.0, hours=30.0,
        weekly_cap=10.0, status="hiring", deadline="2026-12-31") + plan_runner.candidate(
        "itai", "Itai", hourly=55.0, rating=4.9, reviews=30, status="interviewed", notes=notes,
        interview={"date": "2026-12-03", "scores": {"scripts": 5, "communication": 5}})
    got = plan_runner.run(tmp_path, text)
    assert ("not-available-in-time" in got.rules) is said
    if said:
        assert got.by_rule()["not-available-in-time"].message.startswith("Itai can work on Order form to kitchen sheet only until")
