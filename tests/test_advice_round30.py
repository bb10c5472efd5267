"""Round 30 (grading v30): the fixes its top ten asked for, each from a plan of the twenty-third review
(tests/data/plans/blind-v23)."""

from __future__ import annotations

import pytest

from advisor.plan.model import Candidate, Task

TRAILER = Task(id="t", title="Season 4 trailer and 10 audiograms", pricing="fixed",
               description="A 60-second video trailer for season 4 and 10 audiograms for Instagram.")


def _price(task: Task, bid: float, notes: str) -> float | None:
    return Candidate(id="c", name="C", bid=bid, notes=notes).price(task)


# -- a quote that covers one thing only, the rest priced per unit (telaviv-podcast) --------------

@pytest.mark.parametrize("notes", [
    "המחיר כולל את הטריילר בלבד; אודיוגרמות 150 ₪ ליחידה.",  # Hebrew, the review's own note
    "המחיר כולל את הטריילר בלבד. אודיוגרמות 150 ש\"ח לכל אחת.",
    "The price covers the trailer only; audiograms ₪150 each.",
    "السعر يشمل الإعلان فقط، والمقاطع 150 ₪ للقطعة.",  # Arabic
])
def test_a_quote_for_one_thing_only_adds_the_rest_priced_per_unit(notes):
    assert _price(TRAILER, 2400.0, notes) == 2400.0 + 10 * 150.0


@pytest.mark.parametrize("notes", [
    "אודיוגרמות 150 ₪ ליחידה אם תרצו עוד.",  # a price for more, nothing says the quote stops short
    "המחיר כולל הכול: טריילר ו-10 אודיוגרמות. שעה נוספת 150 ₪ לשעה.",  # everything in; a rate is no part
    "The price covers the trailer only; I charge ₪150 an hour for changes after approval.",
])
def test_a_price_per_unit_without_a_quote_that_stops_short_or_a_rate_adds_nothing(notes):
    assert _price(TRAILER, 2400.0, notes) == 2400.0


# -- a live desk's weekly cap against the live week (chiangmai-coworking) ------------------------

def _desk(cap: float | None, openings: int = 1, collaboration: str = "live", status: str = "hiring") -> Task:
    return Task(id="desk", title="Member desk", pricing="hourly", status=status, collaboration=collaboration,
                weekly_cap=cap, openings=openings, hours=80.0)


@pytest.mark.parametrize("task, said", [
    (_desk(20), "the 20-hour weekly cap covers 44% of it"),  # the review's desk: 20 of 45 hours
    (_desk(40), "the 40-hour weekly cap covers 89% of it"),  # just under 90%
    (_desk(20, openings=2), "the 40-hour weekly cap covers 89% of it"),  # two people's caps together
    (_desk(23, openings=2), None),  # 46 hours: covered
    (_desk(45), None),
    (_desk(10, collaboration="async"), None),  # work done in its own time: no live week
    (_desk(None), None),  # no cap: offer-weekly-cap's advice, not this
])
def test_a_live_desk_whose_cap_covers_less_than_its_week_is_a_gap(task, said):
    from advisor.rules.notegaps import note_gap_fields

    t: dict = {}
    note_gap_fields(t, task, 9.0)  # 09:00-18:00, live: 9 hours a day
    if said is None:
        assert t["note_gaps"] == "" and t["note_gap_steps"] == ""
    else:
        assert said in t["note_gaps"] and "45 hours a week" in t["note_gaps"]
        assert "raise the cap towards 45 hours a week" in t["note_gap_steps"]


# -- the language a task is done in is a key criterion (chiangmai-coworking) ---------------------

def _scored(**scores: int) -> Candidate:
    from advisor.plan.model import Interview

    return Candidate(id="m", name="Maria", status="interviewed", interview=Interview(scores=dict(scores)))


THAI_DESK = Task(id="d", title="Member desk on LINE", skills=["customer support chat", "Thai", "English"])


def test_a_low_score_in_the_language_the_task_names_rules_the_candidate_out():
    from advisor.rules.exclusion import key_low

    assert key_low(_scored(thai=2, english=5, communication=4), THAI_DESK) == (2, "thai")
    assert key_low(_scored(**{"Thai fluency": 2, "english": 5}), THAI_DESK) == (2, "Thai fluency")
    assert key_low(_scored(thai=3, english=5), THAI_DESK) is None  # 3 of 5 is no "no"
    # a language the task does not name is no key criterion; the owner's own list replaces the languages
    assert key_low(_scored(thai=2), Task(id="x", title="Logo", skills=["logo design"])) is None
    owned = Task(id="d", title="Member desk", skills=["Thai"], key_criteria=["communication"])
    assert key_low(_scored(thai=2, communication=5), owned) is None
    assert key_low(_scored(thai=5, communication=2), owned) == (2, "communication")


# -- a signing key in a hired person's hands (merida-hotel) --------------------------------------

def _hired(notes: str, status: str = "hired") -> Task:
    return Task(id="f", title="CFDI invoicing", candidates=[Candidate(id="f1", name="Fernanda", status=status, notes=notes)])


def test_a_hired_person_holding_your_signing_key_is_told_to_revoke_it_first():
    from advisor.advice.accessstep import credentials_step, keys_held

    task = _hired("Para timbrar más rápido guardé su e.firma (archivo .key y contraseña) en mi laptop.")
    assert keys_held(task, "f1") == ("signing", "e.firma")
    assert credentials_step(task, "Fernanda").startswith('Revoke and reissue the signing key Fernanda holds ("e.firma"')
    saved = _hired("I saved your Shopify password in my browser to log in faster.")
    assert keys_held(saved, "f1") == ("held", "")
    assert credentials_step(saved, "Fernanda").startswith("Change the passwords Fernanda holds today")
    # asked for, not held; or not hired yet: their own user, as before
    for task in (_hired("Asked for the company net-banking login."), _hired("guardé su e.firma", status="interviewed")):
        assert keys_held(task, "f1") == ("", "")
        assert credentials_step(task, "Fernanda") == "Give Fernanda a limited staff account, never your own login"


# -- delivery dates in the candidate's own words, and a date someone commits to (v31, osechi) ------

@pytest.mark.parametrize("notes, day", [
    ("STUDIO＋Stripe決済で12月13日に公開できます。", "2026-12-13"),
    ("納品は12月20日頃です。", "2026-12-20"),
    ("12월 18일 납품 예정입니다.", "2026-12-18"),
    ("项目1月5日上线。", "2027-01-05"),  # a date past today's month: next year
    ("Entrega em 15 dias úteis.", "2026-12-29"),  # 15 weekdays from Tuesday 8 Dec
    ("Παράδοση σε 10 εργάσιμες.", "2026-12-22"),
    ("Cameras since 12月; 20 years of experience.", None),  # a month without a delivery: nothing
])
def test_the_day_a_candidates_notes_deliver_on_is_read_in_their_language(notes, day):
    from datetime import date

    from advisor.rules.ownplan import own_delivery

    got = own_delivery(notes, date(2026, 12, 8))
    assert (got[0].isoformat() if got else None) == day


def test_work_too_big_for_a_few_hours_a_day_is_a_date_to_hold_someone_to_when_they_commit_to_it():
    from datetime import date

    from advisor.rules.timeleft import not_feasible

    def page(notes: str) -> Task:
        return Task(id="p", title="Osechi page", hours=50.0, status="hiring", deadline=date(2026, 12, 14),
                    candidates=[Candidate(id="s", name="Sato", status="shortlisted", bid=180000.0, notes=notes)])

    held = not_feasible(page("STUDIO＋Stripe決済で12月13日に公開できます。"), date(2026, 12, 8), {})
    assert held.startswith('Hold Sato to the 13 Dec their notes commit to ("12月13日に公開")')
    late = not_feasible(page("納品は12月18日を予定しております。"), date(2026, 12, 8), {})  # after the date: no help
    assert late.startswith("Not feasible by 14 Dec")


# -- the going rate of a candidate's own market (singapore-3dprint) ------------------------------

def _regional_plan(rates: list[tuple[float, str]]) -> str:
    from tests.plan_runner import candidate, head, task

    text = head(currency="SGD")
    for hourly, note in rates:
        text += f'\n[[rates]]\nskill = "work"\nmarketplace = "Upwork"\nhourly = {hourly}\nnote = "{note}"\ndate = 2026-11-30\n'
    return (text + task("portal", "Quote portal", pricing="fixed", budget=9000.0, hours=120.0, status="hiring",
                        marketplaces=["Upwork"])
            + candidate("tan", "Tan", bid=8400.0, country="SG", status="interviewed", rating=5.0, reviews=38)
            + candidate("suma", "SuMa", bid=8700.0, country="CN", status="interviewed", rating=4.8, reviews=20))


@pytest.mark.parametrize("rates, said", [
    # the review's rates: Singapore's own rate (S$75 x 120 h) against the blend (S$62.50)
    ([(75.0, "Singapore/Malaysia, 18 profiles"), (50.0, "China/Vietnam agencies")], "7% under the going rate for Singapore"),
    ([(75.0, "Southeast Asia seniors"), (50.0, "India, agencies")], "7% under the going rate for Singapore"),  # a region
    ([(75.0, "senior profiles"), (50.0, "agencies")], "12% over the going rate"),  # no country named: the blend
    ([(75.0, "Singapore, seniors"), (50.0, "Singapore, juniors")], "12% over the going rate"),  # every rate is theirs
])
def test_a_candidate_is_weighed_against_the_going_rate_of_their_own_country(tmp_path, rates, said):
    from advisor.commands.check import ranking_lines
    from tests import plan_runner

    line = ranking_lines(plan_runner.run(tmp_path, _regional_plan(rates)).plan)[0]
    assert said + " before fees" in line, line


# -- a day job said with the time of day it leaves (pl-xmas-tree-desk) ---------------------------

@pytest.mark.parametrize("notes, dropped", [
    ("I have a full-time job, so I answer calls in the evenings and on weekends.", True),
    ("Днём у меня основная работа, звонки беру вечером.", True),
    ("My main job is SEO; I have handled phones for two shops.", False),  # a day job without hours
    ("Evenings are our busiest time, I am used to it.", False),  # a time of day without a day job
])
def test_a_day_job_in_the_notes_leaves_a_live_desk_their_evenings(tmp_path, notes, dropped):
    from tests import plan_runner
    from tests.plan_runner import candidate, head, task

    text = head(currency="PLN", timezone="Europe/Warsaw") + task(
        "desk", "Order desk", pricing="hourly", budget=40.0, hours=60.0, status="hiring", collaboration="live",
        marketplaces=["Upwork"]) + candidate("o", "Olena", hourly=35.0, timezone="Europe/Warsaw", status="shortlisted") \
        + candidate("d", "Dmitri", hourly=30.0, timezone="Europe/Warsaw", status="shortlisted", notes=notes)
    steps = plan_runner.run(tmp_path, text).steps
    said = any("drop Dmitri (their notes give evenings only, after a day job" in s for s in steps)
    assert said == dropped, steps


# -- codes to people's homes in the task's own words (ca-snowplow-dispatch) ----------------------

@pytest.mark.parametrize("text, said", [
    ("The sheet has 340 residential customers with addresses, phone numbers and garage/gate codes.", "garage/gate codes"),
    ("today's dogs, the owner's address, gate and lockbox codes", "gate and lockbox codes"),
    ("sends the door code on arrival day", "door code"),
    ("Alarm PINs are in the client file.", "Alarm PINs"),
    ("Write the QR code generator and the discount codes for the shop.", ""),  # codes, but not to anyone's door
    ("Our postal code list and the country codes.", ""),
])
def test_codes_to_peoples_homes_are_named_where_the_task_holds_them(text, said):
    from advisor.rules.datashare import premises_codes

    assert premises_codes(text) == said


# -- artwork made with AI on work you must own (br-landscaper-brand) -----------------------------

@pytest.mark.parametrize("title, skills, notes, dropped", [
    ("New logo and business card", ["logo design"], "Trabalho com IA, entrego tudo em 24h.", True),
    ("New logo and business card", ["logo design"], "I use AI to generate the logo concepts.", True),
    ("New logo and business card", ["logo design"], "Hand-drawn concepts, 3 proposals.", False),
    ("Booking site in Django", ["web development"], "I use AI tools for boilerplate; code reviewed by me.", False),
])
def test_artwork_made_with_ai_is_no_option_where_the_business_must_own_it(tmp_path, title, skills, notes, dropped):
    from tests import plan_runner
    from tests.plan_runner import candidate, head, task

    text = head(currency="BRL", rates=(60.0, 55.0, 70.0)) + task(
        "t", title, skills=skills, pricing="fixed", budget=1800.0, hours=24.0, status="hiring", creates_ip=True,
        marketplaces=["Upwork"]) + candidate("a", "Ana", bid=1500.0, status="applied", rating=4.9, reviews=40) \
        + candidate("p", "Pedro", bid=1400.0, status="applied", notes=notes)
    steps = plan_runner.run(tmp_path, text).steps
    assert any("Pedro (makes it with AI: artwork you may not be able to own)" in s for s in steps) == dropped, steps


# -- a first-timer's small job due soon: the first milestone is the first piece (br-landscaper-brand)

@pytest.mark.parametrize("deadline, hours, first_milestone", [
    ("2026-12-18", 24.0, True),  # 10 days: no trial apart from the work
    ("2027-02-10", 24.0, False),  # time for a trial piece
    ("2026-12-18", 120.0, False),  # big work: its date is the question, its milestones their own step
])
def test_a_small_job_due_soon_starts_with_a_first_milestone_not_a_separate_trial(tmp_path, deadline, hours,
                                                                                  first_milestone):
    from tests import plan_runner
    from tests.plan_runner import candidate, head, task

    text = head(jobs=0, currency="BRL", rates=(60.0, 55.0, 70.0)) + task(
        "t", "New logo and van wrap", size="moderate", pricing="fixed", budget=1800.0, hours=hours, status="hiring",
        deadline=deadline, marketplaces=["Upwork"]) + candidate("r", "Rafael", bid=1650.0, status="applied",
                                                                rating=4.9, reviews=61)
    from datetime import date

    steps = plan_runner.run(tmp_path, text, today=date(2026, 12, 8)).steps
    assert any(s.startswith("Fund it in two milestones, a first part you can judge") for s in steps) == first_milestone, steps
    assert any(s.startswith("Begin with a paid first piece") for s in steps) != first_milestone, steps


# -- a start the notes date (cachaca-marketplace-agency) ------------------------------------------

@pytest.mark.parametrize("notes, day", [
    ("Estou terminando um contrato CLT; posso começar em 15/01.", "2027-01-15"),
    ("могу начать с 15.01", "2027-01-15"),
    ("I can start on 15 January.", "2027-01-15"),
    ("1月15日から着手できます。", "2027-01-15"),
    ("I can start on 4/1 if you like.", None),  # day or month first? English names its month
    ("Order 12/24 units of the label.", None),
])
def test_the_day_a_candidates_notes_say_they_start_is_read(notes, day):
    from datetime import date

    from advisor.rules.ownplan import own_start

    got = own_start(notes, date(2026, 12, 8))
    assert (got[0].isoformat() if got else None) == day


@pytest.mark.parametrize("notes, late", [
    ("Estou terminando um contrato CLT; posso começar em 15/01.", True),  # 3 weeks x 10 h of 80 h
    ("Posso começar em 14/12.", False),  # 53 days x 10 h a week: the hours fit
    ("Gerencio 3 lojas de bebidas.", False),
])
def test_a_capped_role_starting_late_by_the_notes_cannot_fit_its_hours(tmp_path, notes, late):
    from datetime import date

    from tests import plan_runner
    from tests.plan_runner import candidate, head, task

    text = head(currency="BRL", rates=(60.0, 65.0, 70.0)) + task(
        "ml", "Run our store through Carnival", pricing="hourly", budget=65.0, hours=80.0, weekly_cap=10.0,
        status="hiring", deadline="2027-02-05", marketplaces=["Upwork"]) + candidate(
        "j", "Juliana", hourly=35.0, status="shortlisted", notes=notes)
    got = plan_runner.run(tmp_path, text, today=date(2026, 12, 8))
    assert ("not-available-in-time" in got.rules) == late


# -- a refusal closing a Japanese sentence (bonsai-english-pages) ---------------------------------

@pytest.mark.parametrize("notes, off", [
    ("銀行振込など、ランサーズ外での直接のお支払いはお受けしておりません。", False),  # refused: no request
    ("お支払いは銀行振込でお願いします。", True),  # asked
    ("お支払いは銀行振込しか対応しておりません。", True),  # "only bank transfer": a demand in negative form
])
def test_a_refusal_at_the_end_of_a_japanese_sentence_is_no_request(notes, off):
    from advisor.phrases import candidate_matcher

    assert ("bank_channel" in candidate_matcher(None).find(notes).categories) == off
