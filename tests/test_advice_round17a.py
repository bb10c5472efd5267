"""Round 17 part A (grading v16 fixes 1, 2, 5, 6, 8): guarantees and cuts of the raise in any
language, the owner's own seat in the access list, over-budget bids of candidates in play, the
handover before the offer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from advisor.phrases import matcher
from tests import plan_runner

TODAY = date(2026, 12, 7)

PLAN = """format = 1
[business]
name = "Test shop"
currency = "USD"
completed_jobs = 4

[[marketplaces]]
name = "Upwork"
fee_percent = 5.0
escrow = true
feedback = true

[[rates]]
skill = "design"
marketplace = "Upwork"
hourly = 50.0
date = 2026-12-01

[[rates]]
skill = "design"
marketplace = "Upwork"
hourly = 60.0
date = 2026-12-01

[[tasks]]
id = "job"
title = "Sales deck"
description = "{description}"
size = "moderate"
skills = ["design"]
pricing = "fixed"
budget = 1500.0
hours = 30.0
status = "hiring"
marketplaces = ["Upwork"]
acceptance = "20 slides, PPTX and PDF, two revision rounds."
creates_ip = true
milestones = 2
{task_extra}

[[tasks.candidates]]
id = "a"
name = "Ann"
marketplace = "Upwork"
bid = {bid_a}
rating = 4.9
reviews = 40
status = "{status_a}"
notes = "{notes_a}"
{cand_extra}

[[tasks.candidates]]
id = "b"
name = "Bo"
marketplace = "Upwork"
bid = {bid_b}
rating = 4.8
reviews = 30
status = "{status_b}"
notes = "Twenty slides, two revisions, your numbers as given."
"""


def plan_text(**kw) -> str:
    v = {"description": "A deck for customers.", "task_extra": "", "bid_a": 1000.0, "status_a": "applied",
         "notes_a": "Twenty slides.", "cand_extra": "", "bid_b": 1300.0, "status_b": "shortlisted"}
    v.update(kw)
    return PLAN.format(**v)


def run(tmp_path: Path, **kw):
    """(findings, next-step actions) of the plan with the built-in rules."""
    got = plan_runner.run(tmp_path, plan_text(**kw), TODAY)
    return got.found, got.steps


def rules_on(found, who: str | None = None) -> set[str]:
    return {f.rule for f in found if who is None or who in f.message}


# Fix 1: a guaranteed result and a cut of the money raised, in any language, rule the bid out.

def test_a_guarantee_and_a_cut_of_the_raise_are_read_in_korean_english_and_japanese():
    m = matcher()
    ko = m.find("투자 유치 100% 보장합니다. 대신 투자 유치 성공 시 유치 금액의 3%를 성공 보수로 받습니다.")
    assert ko.categories == ("guarantee", "success_fee")
    en = m.find("Guaranteed investment from our network; we take 3% of the raise as a success fee.")
    assert {"guarantee", "success_fee"} <= set(en.categories)
    assert "guarantee" in m.find("投資家の紹介は100%保証します").categories
    # the boundary: a fixed price, a quality promise without an outcome, a share of nothing
    assert not m.find("고정 금액입니다. 매출의 일부가 아닙니다. 수정 2회.").categories
    assert not m.find("No success fee, a fixed price; we do not guarantee investment.").categories


def test_a_bid_guaranteeing_the_raise_for_a_cut_is_dropped_and_not_ranked(tmp_path):
    found, steps = run(tmp_path, notes_a="투자 유치 100% 보장합니다. 유치 금액의 3%를 성공 보수로 받습니다.")
    assert "guaranteed-results" in rules_on(found, "Ann")
    assert any(s.startswith("Drop Ann") or "; drop Ann" in s for s in steps)  # alone or beside the next action
    assert not any("Ann" in s and s.startswith("Hire") for s in steps)


def test_a_guarantee_written_in_the_bids_material_counts_as_in_its_notes(tmp_path):
    found, _ = run(tmp_path, cand_extra='third_party = "Investor list (guaranteed funding), 5% of funds raised"')
    assert {"guaranteed-results"} <= rules_on(found, "Ann")
    clean, _ = run(tmp_path, cand_extra='third_party = "Google Fonts (OFL), our own icon set"')
    assert not {"guaranteed-results", "success-fee"} & rules_on(clean, "Ann")


# Fix 2: the owner's own login, in the description or listed in the access.

def test_the_owners_own_seat_in_the_access_list_is_their_own_login(tmp_path):
    found, steps = run(tmp_path, task_extra='access = ["linkedin recruiter (my seat)", "greenhouse (named user)"]')
    own = [f for f in found if f.rule == "own-login-in-plan"]
    assert own and "my seat" in own[0].message and "greenhouse" not in own[0].message
    assert "seat or named user of their own" in " ".join(steps) or "seat, named user" in own[0].fix


def test_the_owners_two_word_system_login_in_the_description_is_read(tmp_path):
    found, _ = run(tmp_path, description="I'll give the VA my LinkedIn Recruiter login so InMails go out in my name.")
    assert "own-login-in-plan" in rules_on(found)


def test_named_users_and_a_negated_own_account_are_not_the_owners_login(tmp_path):
    found, _ = run(tmp_path, task_extra='access = ["greenhouse (named user)", "canva (their own seat, not my account)", '
                                             '"dropbox-shared-folder (season 4 only)"]')
    assert "own-login-in-plan" not in rules_on(found)


# Fix 5: a shortlisted bid over the budget is said whenever the budget is real; a runner-up's
# overrun rests under a step that names whom to hire, unless the work is critical (the fallback).

THIRD_RATE = """
[[rates]]
skill = "design"
marketplace = "Upwork"
hourly = 55.0
date = 2026-12-01
"""


def check_text(tmp_path: Path, capsys, text: str) -> str:
    from advisor.cli import main

    path = tmp_path / "check.toml"
    path.write_text(text, encoding="utf-8")
    main(["--no-config", "check", "--plan", str(path)])
    return capsys.readouterr().out


def test_a_shortlisted_bid_over_a_budget_a_whole_bid_fits_is_said(tmp_path):
    # the budget ($50/h) is a little under the quartile of the going rates (50, 55, 60) but Ann's
    # whole bid fits it: budget-below-market is silent, so Bo's 12% overrun is the decision
    text = plan_text(bid_b=1600.0).replace("[[tasks]]", THIRD_RATE + "\n[[tasks]]", 1)
    found = plan_runner.evaluate(plan_runner.write_plan(tmp_path, text), TODAY)
    assert "budget-below-market" not in rules_on(found)
    over = [f for f in found if f.rule == "price-over-budget"]
    assert [f.candidate for f in over] == ["b"] and "12%" in over[0].message
    # the boundary: within 10% of the budget, nothing to decide
    quiet = plan_text(bid_b=1500.0).replace("[[tasks]]", THIRD_RATE + "\n[[tasks]]", 1)
    assert "price-over-budget" not in rules_on(plan_runner.run(tmp_path, quiet, TODAY).found)


INTERVIEWED = '''
[tasks.candidates.interview]
date = 2026-12-01
scores = { quality = 5, communication = 5 }
'''


def _picked_plan(critical: bool) -> str:
    text = plan_text(status_a="interviewed", status_b="shortlisted", bid_b=1800.0, cand_extra=INTERVIEWED,
                     task_extra=f"critical = {'true' if critical else 'false'}")
    return text


def test_a_runner_ups_overrun_rests_once_the_next_steps_name_the_hire(tmp_path, capsys):
    out = check_text(tmp_path, capsys, _picked_plan(critical=False))
    assert "Hire Ann" in out
    assert "Bo's price" not in out  # the step names whom to hire: Bo's 26% overrun is moot


def test_on_critical_work_the_runner_ups_overrun_is_said_as_the_fallbacks_price(tmp_path, capsys):
    out = check_text(tmp_path, capsys, _picked_plan(critical=True))
    assert "Offer Ann a paid first piece" in out or "Hire Ann" in out
    assert "Bo's price" in out and "over the" in out


# Fix 6: critical code the business keeps running gets its handover before the offer, not only
# after a hire; a critical document does not.

def _critical(description: str, handover: str = "") -> dict:
    extra = "critical = true" + (f'\nhandover = "{handover}"' if handover else "")
    return {"description": description, "task_extra": extra, "status_a": "shortlisted"}


def test_critical_code_kept_running_gets_its_handover_before_the_offer(tmp_path):
    found, steps = run(tmp_path, **_critical("A stock sync between our POS API and the web shop; it runs for years."))
    hand = [f for f in found if f.rule == "offer-handover"]
    assert hand and "keep running after delivery" in hand[0].message
    assert any("own repository" in s for s in steps) or "own repository" in hand[0].fix


def test_a_recorded_handover_or_a_deck_that_is_delivered_whole_needs_none(tmp_path):
    found, _ = run(tmp_path, **_critical("A stock sync between our POS API and the web shop.",
                                         handover="repo in our GitHub; README; backup: Ana"))
    assert "offer-handover" not in rules_on(found)
    found, _ = run(tmp_path, **_critical("A 20-slide sales deck for our customers."))
    assert "offer-handover" not in rules_on(found)


# Fix 8: personal data gets more than "NDA + DPA": a pseudonymised extract, not a login, and
# copies deleted at the end, in the same step (no new line).

def test_the_nda_step_on_personal_data_says_minimise_and_delete(tmp_path):
    kw = {"description": "An export of patient appointments to analyse.", "task_extra": "sensitive_data = true"}
    _, steps = run(tmp_path, **kw)
    nda = [s for s in steps if "NDA" in s]
    # an analysis: the export's fields it needs, ID numbers for names (round 26d: by the kind of work)
    assert nda and "only the fields the analysis needs" in nda[0] and "deleted at the end" in nda[0]


def test_sensitive_data_without_peoples_records_keeps_the_plain_nda_step(tmp_path):
    _, steps = run(tmp_path, description="Our unreleased product roadmap and pricing.", task_extra="sensitive_data = true")
    nda = [s for s in steps if "NDA" in s]
    assert nda and "pseudonymised" not in nda[0]


def test_the_owners_own_login_is_said_in_the_nda_step_not_a_step_of_its_own(tmp_path):
    _, steps = run(tmp_path, description="Call our customer list and log the answers.",
                   task_extra='sensitive_data = true\naccess = ["crm (my login)"]', status_a="shortlisted")
    both = [s for s in steps if "NDA" in s and "their own user, never your login" in s]
    assert len(both) == 1 and "instead of crm (my login)" in both[0]
    assert not [s for s in steps if s.startswith("Give the freelancer")]
