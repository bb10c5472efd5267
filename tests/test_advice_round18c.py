"""Round 18 part C (grading v17 fix 8, fix 9 and smaller notes): milestones in the plan's own
units, the going rate of the skill the deliverable needs, a first piece sized without going rates,
one money tolerance under which the Ranking says nothing."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from advisor.advice.decide import TOLERANCE
from advisor.advice.value import OVER_BUDGET_SAID, task_values
from advisor.plan.model import Business, Candidate, Marketplace, Plan, RateObservation, Task
from advisor.rules.units import milestone_plan, natural_units, piece_by_price, piece_words
from advisor.settings import DEFAULT_RULE_SETTINGS
from tests import plan_runner

PLANS = Path(__file__).resolve().parent / "data" / "plans"


def task(title: str, *, acceptance: str = "", description: str = "", hours: float | None = 40.0,
         **kw) -> Task:
    return Task("t", title, pricing=kw.pop("pricing", "fixed"), hours=hours, acceptance=acceptance,
                description=description, **kw)


# --------------------------------------------------------------------------- milestones (fix 8)

def test_the_plan_s_own_units_set_the_milestones():
    """plumbing (v17): four suppliers' lists are four milestones, not "2 (one per 40 hours)"."""
    assert natural_units(task("Import 4 suppliers' 2027 price lists into our portal")) == (4, "one per supplier")
    assert natural_units(task("Subtitle five videos")) == (5, "one per video")
    # batches the task names, over the title's total (bookshop: a check per batch of 500 of 3,000)
    assert natural_units(task("Write 3,000 catalogue entries", acceptance="a spot check per batch of 500")) == \
        (6, "one per batch of 500")
    # batches too small to be milestones (30 of 100) fall back; so do counts of time or people
    assert natural_units(task("Write 3,000 catalogue entries", description="in batches of 100")) is None
    assert natural_units(task("Answer calls for 3 months")) is None
    assert natural_units(task("Train 6 stylists on the booking app")) == (6, "one per stylist")
    assert natural_units(task("Design a logo")) is None
    assert natural_units(task("Record 40 voice prompts")) is None  # more than a milestone each


def test_the_fix_states_the_basis_its_count_comes_from():
    """Never "about 2 ... one per 40 hours" on a 40-hour job: the per-hours basis only where it
    gives the count."""
    n, basis = milestone_plan(task("Build the booking site"), 40.0, 40.0)
    assert n == 2 and "40 hours" not in basis
    n, basis = milestone_plan(task("Build the booking site"), 120.0, 40.0)
    assert n == 3 and basis.startswith("one per 40 hours")
    assert milestone_plan(task("Import 4 suppliers' price lists"), 40.0, 40.0) == (4, "one per supplier")


def _steps(path: Path) -> tuple[list[str], list]:
    from advisor.storage.planfile import load_plan

    got = plan_runner.run_plan(load_plan(path), date(2026, 12, 7))
    return got.steps, got.found


def test_a_candidate_s_deposit_is_the_first_payment_in_the_milestone_step():
    """architect (v17): her 30% on signing, exactly, then the rest in milestones: not "2 milestones
    of about 4 900 zł" beside her terms."""
    steps, _ = _steps(PLANS / "blind-v10" / "architect-permit.toml")
    step = re.sub(r"\s", " ", next(s for s in steps if "milestone" in s))
    assert "30% deposit (2 940 zł) only against the signed contract" in step
    assert "then the rest (6 860 zł) in 2 milestones" in step


def test_the_milestone_finding_counts_the_suppliers():
    _, found = _steps(PLANS / "blind-v10" / "plumbing-pricelist.toml")
    fix = next(f.fix for f in found if f.rule == "milestones-for-large-jobs")
    assert "about 4 deliverables" in fix and "one per supplier" in fix and "40 hours" not in fix


# --------------------------------------------------------------------------- going rate (fix 9)

def _rated(rates: list[tuple[str, float]], skills: list[str], bid: float) -> Plan:
    t = Task("d", "Permit design", skills=skills, pricing="fixed", hours=60.0, budget=9000.0, status="hiring",
             candidates=[Candidate("a", "Anna", marketplace="Useme", bid=bid, status="interviewed")])
    return Plan(Business("B", "PLN"), [Marketplace("Useme", 0.0, 0.0)],
                [RateObservation(k, h) for k, h in rates], [t]).validate()


def test_a_price_is_judged_by_the_rate_of_the_deliverable_s_skill_and_names_it():
    """Licensed permit design (180/h) and drafting (90-120/h) are different markets: 9,800 for 60 h
    is 9% under the permit-design rate, not 42% over a pooled median."""
    rates = [("building permit design", 180.0), ("architectural drafting", 90.0),
             ("architectural drafting", 110.0), ("architectural drafting", 120.0)]
    plan = _rated(rates, ["building permit design", "architectural drafting"], 9800.0)
    (v,) = task_values(plan, plan.tasks[0])
    assert "9% under the going rate for building permit design" in v.reason
    # rates of one market (within a quarter of each other) stay pooled and unnamed
    close = [("logo design", 50.0), ("brand design", 55.0), ("logo design", 60.0)]
    plan = _rated(close, ["logo design", "brand design"], 55.0 * 60)
    (v,) = task_values(plan, plan.tasks[0])
    assert "the going rate" in v.reason and "going rate for" not in v.reason


# --------------------------------------------------------------------------- first piece, tolerance

def test_a_first_piece_names_an_amount_without_going_rates_or_says_how_to_size_it():
    site = Task("s", "Website", pricing="fixed", budget=900.0, status="draft")
    assert piece_by_price(site) == 90
    assert piece_words(90, 0.1, lambda x: f"${x:g}") == "worth about $90, 10% of the job"
    # no budget: the median live bid prices it; nothing priced: how to size it, in words
    bids = Task("s", "Website", pricing="fixed", status="hiring",
                candidates=[Candidate(c, c, bid=b) for c, b in (("a", 600.0), ("b", 800.0), ("c", 1000.0))])
    assert piece_by_price(bids) == 80
    assert piece_by_price(Task("s", "Website", pricing="fixed")) is None
    assert "10% of the job" in piece_words(None, 0.1, str)
    steps, _ = _steps(PLANS / "first_timer.toml")
    assert any("paid first piece worth about $90" in s for s in steps)


def test_one_money_tolerance_and_nothing_said_under_it():
    """A 2% overrun is inside the budget the Next steps already call fine: the Ranking is silent."""
    assert TOLERANCE == OVER_BUDGET_SAID == DEFAULT_RULE_SETTINGS["budget_tolerance"]
    t = Task("logo", "Design a logo", skills=["logo"], pricing="fixed", hours=10.0, status="hiring", budget=400.0,
             candidates=[Candidate("a", "A", marketplace="Upwork", bid=350, status="shortlisted"),
                         Candidate("b", "B", marketplace="Upwork", bid=390, status="shortlisted"),
                         Candidate("c", "C", marketplace="Upwork", bid=420, status="shortlisted")])
    plan = Plan(Business("Shop", "USD"), [Marketplace("Upwork", 5.0, 0.0)], [], [t]).validate()
    by = {v.candidate: v for v in task_values(plan, plan.tasks[0])}
    assert by["b"].over_budget is None  # 390 x 1.05 = 409.50: 2.4% over, inside the tolerance
    assert by["c"].over_budget == pytest.approx(420 * 1.05 / 400 - 1)  # 10%: said


def test_a_licence_stated_for_a_permit_design_is_checked_in_the_register():
    """architect (v17): a building-permit design is signed by a licensed architect, and the one she
    states ("uprawnienia bez ograniczeń", chamber membership) is checked before signing."""
    _, found = _steps(PLANS / "blind-v10" / "architect-permit.toml")
    check = next(f for f in found if f.rule == "check-stated-licence")
    assert "arch. Anna Kowalska" in check.message and "Uprawnienia bez ograniczeń" in check.message
    assert "chamber of architects" in check.fix


def test_three_proposals_in_are_a_pool_not_a_reason_to_post_elsewhere():
    """yoga (v17): "compare at least two marketplaces" with three bids in and the deadline weeks
    away is noise; with one proposal in it still speaks."""
    for name in ("first_timer.toml", "blind-v10/yoga-classpass.toml"):
        _, found = _steps(PLANS / name)
        assert "try-several-marketplaces" not in {f.rule for f in found}, name
    from advisor.rules.facts import business_fact
    from advisor.storage.planfile import load_plan

    plan = load_plan(PLANS / "first_timer.toml")
    logo = next(t for t in plan.tasks if len(t.candidates) >= 3)
    before = business_fact(plan, date(2026, 12, 7))["tasks_undecided"]
    logo.candidates = logo.candidates[:1]  # one proposal in: still looking
    assert business_fact(plan, date(2026, 12, 7))["tasks_undecided"] == before + 1


def test_a_licence_the_business_must_buy_goes_into_the_offer_step():
    """cider (v17): "Brandon Grotesque font (commercial desktop licence: the cidrerie would need to
    buy one)" in third_party: the offer step says to buy it in the business's name or use an OFL
    font; a licence already bought, or none needed, adds nothing."""
    from advisor.rules.candidatefacts import licence_to_buy

    font = Candidate("c", "C", third_party="Brandon Grotesque font (commercial desktop licence: the cidrerie "
                                           "would need to buy one, about 40 EUR); no stock images")
    assert licence_to_buy(font) == ("buy the Brandon Grotesque font licence in your business's name "
                                    "(or use an OFL font)")
    assert licence_to_buy(Candidate("c", "C", third_party="Astra Pro bought in our business's name")) == ""
    assert licence_to_buy(Candidate("c", "C", third_party="Google Fonts only (OFL)")) == ""
    steps, _ = _steps(PLANS / "blind-v10" / "cider-labels.toml")
    assert any(s.startswith("Put an IP assignment in the offer to Camille") and "Brandon Grotesque font licence" in s
               for s in steps)
