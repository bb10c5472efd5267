"""Round 16 part B (grading v15 fixes 1, 3, 4, 5, 6, 10): advice that reads what is recorded."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from advisor.plan.model import AGREEMENTS
from advisor.rules.rulepack import load_rules
from advisor.storage.planfile import load_plan
from tests import plan_runner

PLANS = Path(__file__).resolve().parent / "data" / "plans"
TODAY = date(2026, 12, 7)


def run(path: Path, today: date = TODAY):
    """(plan, findings, next-step actions) of a plan file with the built-in rules."""
    return plan_runner.run_plan(load_plan(path), today)


#: What a fix tells the owner to write down: record "X" in (their|the ...) agreements.
_RECORD = re.compile(r'record \\?"([^"\\]+)\\?" in (?:the |their )[^.;]*?agreements')


def _told_to_record() -> set[str]:
    ruleset, problems = load_rules(None)
    assert not problems
    return {m for r in ruleset for m in _RECORD.findall(r.fix + " " + r.message)}


def test_every_agreement_the_advice_tells_an_owner_to_record_is_one_the_plan_format_accepts(tmp_path):
    told = _told_to_record()
    assert {"nda", "ip-assignment", "usage-licence"} <= told  # the scan sees the fixes that say it
    text = (PLANS / "instruments.toml").read_text(encoding="utf-8")
    assert 'id = "amara"' in text
    for kind in sorted(told):
        assert kind in AGREEMENTS
        path = tmp_path / f"{kind}.toml"
        path.write_text(text.replace('id = "amara"', f'id = "amara"\nagreements = ["{kind}"]', 1), encoding="utf-8")
        plan, found, _ = run(path)
        amara = next(c for t in plan.tasks for c in t.candidates if c.id == "amara")
        assert amara.agreements == [kind]
        if kind == "usage-licence":  # recorded as told: the advice that asked for it stops
            assert not [f for f in found if f.rule == "offer-usage-licence" and "Amara" in f.message]


def _finished(tmp_path, notes: str, review_left: bool = True):
    """finished_history.toml with its catalogue job given access to a system and the hire's notes."""
    text = (PLANS / "finished_history.toml").read_text(encoding="utf-8")
    text = text.replace('deadline = 2026-06-01\n', 'deadline = 2026-06-01\naccess = ["salesforce-user"]\n', 1)
    text = text.replace('status = "hired"\nreview_left = true\n',
                        f'status = "hired"\nreview_left = {str(review_left).lower()}\nnotes = "{notes}"\n', 1)
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    _, found, steps = run(path)
    return [f for f in found if f.task == "catalogue"], steps


@pytest.mark.parametrize("notes", ["Finished 2 Dec. Salesforce user deactivated 3 Dec.",
                                   "Removed her GitHub access on the last day", "Login revoked; all paid"])
def test_a_done_job_whose_notes_say_the_access_ended_stays_quiet(tmp_path, notes):
    found, steps = _finished(tmp_path, notes)
    assert not found and not steps  # no "still has access", no "leave the review" (review_left)


@pytest.mark.parametrize("notes", ["", "Account to be removed after the handover.", "User not yet deactivated",
                                   "Removed two duplicate pages"])
def test_access_not_said_to_have_ended_is_still_revoked_without_asking_for_a_review_already_left(tmp_path, notes):
    found, steps = _finished(tmp_path, notes)
    assert [f.rule for f in found] == ["revoke-access"]
    assert "salesforce-user" in found[0].message and "review" not in found[0].fix


def test_the_review_tail_comes_back_only_while_the_review_is_owed(tmp_path):
    found, _ = _finished(tmp_path, "", review_left=False)
    fix = next(f.fix for f in found if f.rule == "revoke-access")
    assert fix.endswith("clear the task's access list, then leave the review.")


def _cookbook(tmp_path, task_words: str, material: str):
    """A hand-made brief (or not) and a bidder whose third_party names the material they build on."""
    path = tmp_path / "plan.toml"
    path.write_text(f'''format = 1
[business]
name = "Ondam"
currency = "USD"
completed_jobs = 3
[[marketplaces]]
name = "Upwork"
fee_percent = 5.0
fee_fixed = 0.0
escrow = true
[[tasks]]
id = "art"
title = "{task_words} for the cookbook"
size = "major"
critical = true
skills = ["illustration"]
pricing = "fixed"
budget = 4000.0
hours = 100.0
status = "hiring"
marketplaces = ["Upwork"]
[[tasks.candidates]]
id = "kim"
name = "Kim Seoyeon"
marketplace = "Upwork"
bid = 3800.0
rating = 4.9
reviews = 120
status = "interviewed"
third_party = "none: paints by hand"
[tasks.candidates.interview]
scores = {{ style = 5 }}
[[tasks.candidates]]
id = "liang"
name = "Liang Wei"
marketplace = "Upwork"
bid = 2200.0
rating = 4.8
reviews = 40
status = "interviewed"
third_party = "{material}"
[tasks.candidates.interview]
scores = {{ style = 4 }}
''', encoding="utf-8")
    _, found, steps = run(path)
    return found, steps


def test_ai_images_named_in_third_party_rule_a_bidder_out_of_a_hand_painted_brief(tmp_path):
    _, steps = _cookbook(tmp_path, "Hand-painted watercolour illustrations",
                         "Midjourney for base images, then painted over digitally")
    assert any('drop Liang Wei (offers machine or AI output for work that needs a person: "Midjourney")' in s
               for s in steps), steps


@pytest.mark.parametrize("task_words, material", [
    ("Vector illustrations", "Midjourney for base images, then painted over digitally"),  # no hand-made brief
    ("Hand-painted watercolour illustrations", "Winsor & Newton paints, Arches paper"),  # materials, not AI
])
def test_third_party_rules_nobody_out_where_the_brief_or_the_material_allows_it(tmp_path, task_words, material):
    _, steps = _cookbook(tmp_path, task_words, material)
    assert not any("drop Liang Wei" in s for s in steps), steps


@pytest.mark.parametrize("notes, guarantee", [
    ("I guarantee 1M views on every video or a free redo.", True),
    ("We guarantee 500 followers in a month", True),
    ("I can guarantee first page", True),
    ("I guarantee delivery in 3 days", False),  # a promise about their own work
    ("Nobody can guarantee views; I report them weekly", False),
])
def test_a_guaranteed_count_of_an_outcome_is_a_guarantee_like_first_page(notes, guarantee):
    from advisor.phrases import candidate_matcher

    assert ("guarantee" in candidate_matcher(None).find(notes).categories) is guarantee


@pytest.mark.parametrize("notes, extra", [
    ("Beverage UGC portfolio. Usage rights for paid ads +$150.", "Usage rights for paid ads +$150"),
    ("Raw files + €80", "Raw files + €80"),
    ("Full copyright transfer +20%.", ""),  # an option's mark-up, not a price left out
    ("Call me on +44 20 7946 0000", ""),  # a phone number
    ("Usage rights 12 months included.", ""),
])
def test_a_price_added_with_a_plus_is_part_of_the_job_left_out_of_the_quote(notes, extra):
    from advisor.rules.ownplan import priced_extra

    assert priced_extra(notes) == extra


def test_a_plus_priced_quote_is_not_compared_and_the_going_rate_takes_one_openings_hours_from_the_bids():
    from advisor.advice.value import plan_values
    from advisor.plan.model import Business, Candidate, Marketplace, Plan, RateObservation, Task

    bids = [Candidate("j", "Jas", marketplace="Upwork", bid=720), Candidate("l", "Lu", marketplace="Upwork", bid=760),
            Candidate("d", "Dev", marketplace="Upwork", bid=900, notes="Usage rights for paid ads +$150.")]
    task = Task("ugc", "UGC videos", description="Three videos we run as paid ads.", pricing="fixed", budget=800,
                hours=14, openings=3, skills=["ugc"], status="hiring", marketplaces=["Upwork"], candidates=bids)
    plan = Plan(Business("B", currency="USD"), marketplaces=[Marketplace("Upwork", fee_percent=5.0)],
                rates=[RateObservation("ugc", 60.0, "Upwork"), RateObservation("ugc", 65.0, "Upwork")], tasks=[task])
    vals = {v.candidate: v for v in plan_values(plan)}
    # round 26: the paid-ads licence the job asks for is priced: Dev's whole quote is $1,050, compared
    assert not vals["d"].partial and vals["d"].price == 1050
    task.candidates = bids[:2]  # the going rate below: two bids are too few for a median
    vals = {v.candidate: v for v in plan_values(plan)}
    # two comparable bids of ~$740 against 62.5 x 14 h = $875 (not 14 h / 3 openings = $292: "161% over")
    assert "13% under the going rate" in vals["l"].reason
    task.openings, task.hours = 3, 42.0  # hours for the whole task: a third of them each
    assert "13% under the going rate" in {v.candidate: v for v in plan_values(plan)}["l"].reason


@pytest.mark.parametrize("notes, count", [
    ("계약금 30%는 크몽 안전결제로 결제하고, 나머지는 3회 나누어 납품 시 결제합니다.", 4),  # deposit + 3
    ("50% deposit, then the rest in 2 payments", 3),
    ("Paid in 3 payments as each set is delivered", 3),
    ("I can do 3 revisions", 0),
])
def test_a_candidates_own_payment_terms_count_the_milestones(notes, count):
    from advisor.rules.ownplan import own_plan

    assert own_plan(notes).milestones == count


def test_billing_per_batch_counts_batches_from_the_tasks_own_quantity():
    from advisor.rules.ownplan import batches

    assert batches("Bills per batch of 5 files.", "Conveyancing file review (25 residential files)") == 5
    assert batches("Bills per batch of 5 files.", "Review our conveyancing files") == 0  # no count to split
    assert batches("Bills monthly.", "25 files") == 0


def _milestone_step(tmp_path, notes: str, marketplace: str) -> str:
    path = tmp_path / "plan.toml"
    path.write_text(f'''format = 1
[business]
name = "K&D"
currency = "EUR"
completed_jobs = 3
[[marketplaces]]
name = "Upwork"
fee_percent = 5.0
fee_fixed = 0.0
escrow = true
[[marketplaces]]
name = "Direct referral"
fee_percent = 0.0
fee_fixed = 0.0
escrow = false
[[tasks]]
id = "files"
title = "File review (25 residential files)"
size = "moderate"
skills = ["review"]
pricing = "fixed"
budget = 3500.0
hours = 80.0
status = "hiring"
marketplaces = ["Upwork"]
[[tasks.candidates]]
id = "s"
name = "Siobhan"
marketplace = "{marketplace}"
bid = 3200.0
rating = 5.0
reviews = 40
status = "interviewed"
notes = "{notes}"
[tasks.candidates.interview]
scores = {{ law = 5 }}
''', encoding="utf-8")
    _, _, steps = run(path)
    return next((s for s in steps if "milestones" in s or "batches" in s), "")


def test_milestones_come_from_the_chosen_bid_and_its_terms_and_are_paid_not_funded_without_escrow(tmp_path):
    step = _milestone_step(tmp_path, "Bills per batch of 5 files.", "Direct referral")
    assert "Pay in the 5 batches Siobhan bills by (about €640 each)" in step and "Fund" not in step
    step = _milestone_step(tmp_path, "14 years of practice.", "Upwork")  # no terms: 2 of her bid, in escrow
    assert "Fund the work in 2 milestones of about €1,600 each" in step
