"""The practice pack: loads cleanly, every example passes through the real engine, thresholds hold
at their boundaries, and the bakery gets sensible advice from it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.commands.rules import run_examples
from advisor.engine import Advisor
from advisor.rules.facts import plan_facts
from advisor.rules.judgements import nice_amount
from advisor.plan.model import Interview
from advisor.rules.rulepack import load_pack, load_rules
from advisor.settings import DEFAULT_RULE_SETTINGS, AdvisorSettings, load_settings
from rule_helpers import facts as _facts, fired  # tests/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "rules" / "practice.toml"
RULESET, PROBLEMS = load_rules()
PRACTICE = [r for r in RULESET if r.pack == "practice"]
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def adv():
    with Advisor(RULESET, today=TODAY) as a:
        yield a


def test_pack_loads_without_problems():
    pack, rules, problems = load_pack(PACK, DEFAULT_RULE_SETTINGS, builtin=True)
    assert pack == "practice" and not problems
    assert not PROBLEMS
    assert len(PRACTICE) == len(rules) >= 14
    core_ids = {r.id for r in RULESET if r.pack == "core"}
    assert not core_ids & {r.id for r in PRACTICE}  # replaces nothing in core


def test_every_rule_is_complete():
    for r in PRACTICE:
        assert r.title and r.message and r.why.strip() and r.fix.strip(), r.id
        assert r.severity in ("info", "warning", "risk")
        assert any(e.fires for e in r.examples), f"{r.id}: no firing example"
        assert any(not e.fires for e in r.examples), f"{r.id}: no quiet example"


def test_every_example_passes_through_the_engine():
    results = run_examples(PRACTICE, AdvisorSettings())
    assert len(results) == sum(len(r.examples) for r in PRACTICE)
    bad = [(rule.id, i, ex.name, fired_, error) for rule, i, ex, fired_, error in results
           if error or fired_ != ex.fires]
    assert not bad


def test_required_topics_are_covered():
    ids = {r.id for r in PRACTICE}
    assert {"paid-trial-first", "milestones-for-large-jobs", "fees-break-budget", "fees-heavy",
            "thin-going-rate", "little-timezone-overlap", "fixed-price-needs-acceptance",
            "low-job-success", "rating-from-few-reviews", "bid-far-below-median",
            "mixed-interview-criteria", "deadline-too-tight"} <= ids


def test_docs_say_when_every_practice_rule_fires():
    """The "fires when" prose is the page's own (the generated table has the rest): a new rule
    gets its row."""
    doc = (ROOT / "docs" / "rules.md").read_text()
    section = doc[doc.index("## The practice pack"):doc.index("## When each rule speaks")]
    for r in PRACTICE:
        assert f"| `{r.id}` | " in section, r.id


def test_new_setting_is_documented_and_in_the_example_config():
    assert "high_fee_share" in DEFAULT_RULE_SETTINGS
    s = load_settings(ROOT / "config.example.toml", env={})
    assert dict(s.advisor.settings) == DEFAULT_RULE_SETTINGS
    assert "`high_fee_share`" in (ROOT / "docs" / "rules.md").read_text()


# --------------------------------------------------------------------------- boundaries


@pytest.mark.parametrize("size_hours, milestones, pricing, status, fires", [
    (39.99, 0, "fixed", "draft", False), (40, 0, "fixed", "draft", True), (40.01, 1, "fixed", "posted", True),
    (60, 2, "fixed", "hired", False), (80, 0, "hourly", "posted", False), (80, 0, "fixed", "cancelled", False),
    (80, 0, "fixed", "done", False),
])
def test_milestones_boundary(adv, size_hours, milestones, pricing, status, fires):
    got = fired(adv, task={"budget": 5000, "size_hours": size_hours, "milestones": milestones, "pricing": pricing,
                           "status": status})
    assert ("milestones-for-large-jobs" in got) == fires


@pytest.mark.parametrize("job_success, status, task_status, fires", [
    (80, "shortlisted", "hiring", False), (79.99, "shortlisted", "hiring", True), (50, "applied", "hiring", False),
    (50, "rejected", "hiring", False), (79, "interviewed", "posted", True), (79, "hired", "hired", False),
    (None, "shortlisted", "hiring", False), (50, "shortlisted", "done", False),
])
def test_low_job_success_boundary(adv, job_success, status, task_status, fires):
    cand = {"status": status}
    if job_success is not None:
        cand["job_success"] = job_success
    task = {"status": task_status, "hired": 1 if status == "hired" else 0}
    assert ("low-job-success" in fired(adv, task=task, candidate=cand)) == fires


@pytest.mark.parametrize("reviews, rating, rule", [
    (5, 4.0, None), (4, 4.0, "rating-from-few-reviews"), (1, 5.0, "rating-from-few-reviews"),
    (0, 5.0, "no-reviews-yet"), (0, None, "no-reviews-yet"), (None, 4.0, None),
])
def test_rating_from_few_reviews_boundary(adv, reviews, rating, rule):
    cand = {"status": "interviewed"}
    if reviews is not None:
        cand["reviews"] = reviews
    if rating is not None:
        cand["rating"] = rating
    got = fired(adv, task={"status": "hiring"}, candidate=cand)
    assert got & {"rating-from-few-reviews", "no-reviews-yet"} == ({rule} if rule else set())


def test_zero_reviews_never_reads_as_a_rating(adv):
    found = adv.evaluate_facts(_facts(task={"status": "hiring"},
                                      candidate={"status": "shortlisted", "reviews": 0, "rating": 5}))
    assert [f.message for f in found if f.candidate] == [
        "Example candidate is shortlisted for Example task but has no reviews yet."]


@pytest.mark.parametrize("price, median, bids, going, status, fires", [
    (192, 320, 4, None, "applied", False),      # exactly 60% of the median
    (191.99, 320, 4, None, "applied", True),
    (100, 320, 4, None, "rejected", False),
    (100, None, 4, None, "applied", False),     # no median, no going rate: nothing to compare with
    (2520, None, 2, 70, "applied", False),      # 60 hours at exactly 60% of a 70 going rate
    (2519.99, None, 2, 70, "applied", True),
    (2519.99, 320, 4, 70, "applied", False),    # 3+ bids: their median is the yardstick
])
def test_bid_far_below_median_boundary(adv, price, median, bids, going, status, fires):
    from advisor.rules.candidatefacts import far_below_fields

    task = {"status": "hiring", "bids": bids}
    if median is not None:
        task["price_median"] = median
    cand = {"status": status, "price": price}
    far_below_fields(cand, "fixed", bids, median, going, 60.0, 0.6)  # as the candidate facts work it out
    got = fired(adv, task=task, candidate=cand)
    assert ("bid-far-below-median" in got) == fires


@pytest.mark.parametrize("overlap, status, collaboration, fires", [
    (2, "shortlisted", "overlap", False), (1.99, "shortlisted", "overlap", True), (0, "applied", "overlap", False),
    (0, "hired", "overlap", True), (0, "shortlisted", "async", False), (0, "shortlisted", "live", False),
])
def test_little_timezone_overlap_boundary(adv, overlap, status, collaboration, fires):
    task = {"status": "hiring", "collaboration": collaboration}
    if collaboration != "async":
        task["overlap_needed"] = 2
    got = fired(adv, task=task, candidate={"status": status, "overlap_hours": overlap})
    assert ("little-timezone-overlap" in got) == fires
    assert ("live-hours-outside-their-day" in got) == (collaboration == "live")


@pytest.mark.parametrize("days, short, fires", [
    (3, False, False), (3, True, True), (0, True, True), (-1, False, False),
])
def test_deadline_too_tight_boundary(adv, days, short, fires):
    """The rule reads the judgement (``task.deadline_short``, advisor/rules/timeleft.py: the hours
    against the weekdays left at the plan's pace; its boundaries are tested in
    tests/test_advice_round23c.py); a deadline already passed is deadline-passed's alone."""
    task = {"status": "posted", "days_to_deadline": days, "deadline": "2026-11-28", "hours": 12,
            "deadline_short": short}
    got = fired(adv, task=task)
    assert ("deadline-too-tight" in got) == fires
    assert ("deadline-passed" in got) == (days < 0)


@pytest.mark.parametrize("candidates, shortlisted, fires", [
    (30, 0, False), (31, 0, True), (31, 1, False),
])
def test_too_many_candidates_boundary(adv, candidates, shortlisted, fires):
    got = fired(adv, task={"status": "posted", "candidates": candidates, "shortlisted": shortlisted})
    assert ("too-many-candidates" in got) == fires


@pytest.mark.parametrize("rate, samples, fires", [
    (80, 3, False), (80.01, 3, True), (200, 2, False),
])
def test_budget_far_above_market_boundary(adv, rate, samples, fires):
    got = fired(adv, task={"status": "posted", "effective_rate": rate, "rate_p75": 40, "rate_samples": samples})
    assert ("budget-far-above-market" in got) == fires


@pytest.mark.parametrize("fees, fires", [(10, False), (10.01, True)])
def test_fees_heavy_boundary(adv, fees, fires):
    got = fired(adv, task={"status": "posted", "estimated_cost": 100, "estimated_fees": fees,
                           "cost_with_fees": 100 + fees})
    assert ("fees-heavy" in got) == fires


@pytest.mark.parametrize("price, fees, fires", [
    (285.71, 14.28, False),   # 299.99 with the fee: still inside 300
    (285.72, 14.29, False),   # 300.01: over by a cent, under the 5% tolerance ($15 of $300)
    (285.9, 14.3, False),     # the $0.20 overrun that was told to "raise the budget by $14.30"
    (290, 14.5, False),       # Upwork's 5% on a price inside the budget: a known cost, $4.50 over
    (285, 30.0, False),       # over by exactly $15: the tolerance itself is still quiet
    (285, 30.01, True),       # over by $15.01
    (300, 30, True), (300.01, 30, False),
    (290, None, False),       # their marketplace's fee is unknown
])
def test_fees_break_budget_boundary(adv, price, fees, fires):
    cand = {"status": "shortlisted", "price": price}
    if fees is not None:
        total = round(price + fees, 4)
        cand.update(fees=fees, price_with_fees=total)
        if total > 300:
            cand["fees_gap"] = round(total - 300, 4)
    got = fired(adv, task={"status": "hiring", "budget": 300}, candidate=cand)
    assert ("fees-break-budget" in got) == fires


def test_fees_break_budget_names_the_gap_not_the_fee(bakery):
    """EUR 950 + a 12% fee (114) on a EUR 1,000 budget: the budget is short by 64, not by the
    whole fee (the old fix said "raise the budget by" the fee)."""
    bakery.business.currency = "EUR"
    logo = bakery.task("logo")
    logo.budget = 1000.0
    ana = next(c for c in logo.candidates if c.id == "ana")
    ana.bid = 950.0
    for m in bakery.marketplaces:
        if m.name == "Upwork":
            m.fee_percent, m.fee_fixed = 12.0, 0.0
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    f = next(f for f in found if f.rule == "fees-break-budget" and f.candidate == "ana")
    assert "€1,064, €64 over" in f.message, f.message
    assert f.fix.startswith("Decide before you hire: raise the budget by €64 to cover the fee"), f.fix


def test_fees_come_from_the_candidates_own_marketplace_with_the_fixed_fee(bakery):
    logo = bakery.task("logo")
    ana = logo.candidates[0]
    ana.marketplace, ana.bid = "fiverr", 280.0     # Fiverr: 5.5% + 2.50 a order; matched whatever the case
    fact = plan_facts(bakery, today=TODAY)[("candidate", "ana")]
    assert (fact["fee_percent"], fact["fee_fixed"], fact["fees"], fact["price_with_fees"]) == (5.5, 2.5, 17.9, 297.9)
    ana.marketplace = "Nowhere"                     # an unknown marketplace: no fee facts, no guess
    fact = plan_facts(bakery, today=TODAY)[("candidate", "ana")]
    assert not {"fee_percent", "fees", "price_with_fees"} & fact.keys()


@pytest.mark.parametrize("samples, markets, status, rate, fires", [
    (2, 1, "draft", 20.0, False),   # under min_rate_samples: core's research-going-rate
    (3, 1, "draft", 20.0, True),    # the one threshold (min_rate_samples), budget under the rates
    (3, 1, "draft", 60.0, True),    # budget over them
    (3, 1, "draft", 30.0, False),   # exactly the lower quartile: inside the rates, nothing to add
    (3, 1, "draft", 45.0, False),   # exactly the upper quartile
    (4, 2, "posted", 20.0, False),  # two marketplaces: no "aim for 5" (grading v18, distillery)
    (9, 1, "hiring", 20.0, False),  # bids are in: the budget is set
])
def test_thin_going_rate_boundary(adv, samples, markets, status, rate, fires):
    got = fired(adv, task={"rate_samples": samples, "rate_marketplaces": markets, "status": status,
                           "effective_rate": rate, "rate_p25": 30.0, "rate_p75": 45.0})
    assert ("thin-going-rate" in got) == fires


@pytest.mark.parametrize("experience, size, critical, status, hired, passed, fires", [
    (1, "major", False, "posted", 0, 0, True), (0, "major", False, "posted", 0, 0, False),
    (1, "moderate", False, "posted", 0, 0, False), (1, "moderate", True, "posted", 0, 0, True),
    (1, "minor", True, "posted", 0, 0, False), (1, "major", False, "hired", 1, 0, False),
    (1, "major", False, "hiring", 1, 0, False), (1, "major", False, "hiring", 0, 1, False),
])
def test_paid_trial_first(adv, experience, size, critical, status, hired, passed, fires):
    got = fired(adv, business={"experience": experience},
                task={"size": size, "critical": critical, "status": status, "hired": hired, "trials_passed": passed,
                      "trial_amount": 150, "size_hours": 40})
    assert ("paid-trial-first" in got) == fires


def test_suggested_trial_is_the_going_rate_times_a_tenth_of_the_hours_at_most_ten(bakery):
    site = bakery.task("site")                    # one going rate noted: 40 an hour
    site.budget, site.hours = 1500.0, None        # 1,500 / 40 = 37.5 hours; a tenth is 4 hours
    facts = plan_facts(bakery, today=TODAY)[("task", "site")]
    assert (facts["trial_amount"], facts["trial_hours"]) == (160, 4)
    site.budget, site.hours = 6000.0, 150.0       # 15 hours, capped at 10, at 40 an hour
    facts = plan_facts(bakery, today=TODAY)[("task", "site")]
    assert (facts["trial_amount"], facts["trial_hours"]) == (400, 10)
    site.budget, site.hours = 180.0, 60.0         # a budget far below the market: 3 an hour
    facts = plan_facts(bakery, today=TODAY)[("task", "site")]
    assert (facts["trial_amount"], facts["trial_hours"]) == (240, 6)  # at the going rate, not 18
    bakery.rates = [r for r in bakery.rates if r.skill.lower() != "wordpress"]
    facts = plan_facts(bakery, today=TODAY)[("task", "site")]
    assert "trial_amount" not in facts            # no going rate: no amount guessed from the budget


@pytest.mark.parametrize("x, said", [(7.4, 7), (18.2, 18), (47, 45), (487.2, 490), (1440, 1450), (12345, 12300)])
def test_trial_amounts_are_rounded_as_a_person_says_them(x, said):
    assert nice_amount(x) == said


def test_settings_move_the_thresholds():
    rs, problems = load_rules(AdvisorSettings(settings={**DEFAULT_RULE_SETTINGS, "milestone_hours": 80,
                                                        "low_job_success": 70}))
    assert not problems
    with Advisor(rs, today=TODAY) as a:
        got = fired(a, task={"pricing": "fixed", "budget": 1500, "size_hours": 60, "status": "hiring"},
                    candidate={"status": "shortlisted", "job_success": 75})
    assert "milestones-for-large-jobs" not in got and "low-job-success" not in got


# --------------------------------------------------------------------------- end to end


def practice_keys(found):
    ids = {r.id for r in PRACTICE}
    return {k for k in found.keys() if k[0] in ids}


def test_bakery_practice_findings(bakery):
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    assert not found.failures()
    # Ben's $150 against 2 other live bids (Dora's rejected $500 is out): under 60% of both, so far
    # below (grading v21, funeral: 2 others are enough); his record is heard about too.
    # The website is parked (the logo runs first): no acceptance nudge, its milestones (money) stay
    assert practice_keys(found) == {
        ("low-job-success", "logo", "ben"), ("rating-from-few-reviews", "logo", "ben"),
        ("bid-far-below-median", "logo", "ben"),
        ("milestones-for-large-jobs", "site", None),
        ("too-many-first-hires", None, None)}  # a first-timer with 2 tasks in motion: run one first
    msgs = {f.rule: f.message for f in found}
    assert msgs["milestones-for-large-jobs"].startswith(
        "Rebuild the website with online orders is about 60 hours of work for $1,500, with 0 payment")


def test_bakery_hiring_decisions(bakery):
    logo = bakery.task("logo")
    ana = next(c for c in logo.candidates if c.id == "ana")
    ana.bid = 290.0                      # inside the 300 budget, $4.50 over with Upwork's 5%
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    assert ("fees-break-budget", "logo", "ana") not in practice_keys(found)  # under the 5% tolerance
    for m in bakery.marketplaces:
        if m.name == "Upwork":
            m.fee_percent = 10.0         # a 10% fee: $19 over, worth deciding before the hire
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    assert ("fees-break-budget", "logo", "ana") in practice_keys(found)
    assert next(f.message for f in found if f.rule == "fees-break-budget") == (
        "Ana P.'s price of $290 fits the $300 budget of Design a new logo, but with Upwork's fee it costs "
        "you $319, $19 over.")
    ana.status = "hired"
    ana.interview = Interview(date=date(2026, 11, 24), scores={"communication": 5})
    dora = next(c for c in logo.candidates if c.id == "dora")
    dora.reject_reason = ""
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    keys = practice_keys(found)
    assert ("fees-break-budget", "logo", "ana") not in keys   # hired: hire-over-budget would speak
    assert ("hire-without-quality-score", "logo", "ana") in keys
    assert ("reject-without-reason", "logo", "dora") in keys
    ana.interview = Interview(date=date(2026, 11, 24), scores={"communication": 5, "Work Quality": 4})
    with Advisor(RULESET, today=TODAY) as a:
        keys = practice_keys(a.evaluate(bakery))
    assert ("hire-without-quality-score", "logo", "ana") not in keys


def test_quality_score_fact(bakery):
    facts = plan_facts(bakery, today=TODAY)
    assert facts[("candidate", "ana")]["quality_score"] == 5
    assert "quality_score" not in facts[("candidate", "ben")]  # not interviewed
    ana = next(c for c in bakery.task("logo").candidates if c.id == "ana")
    ana.interview = Interview(scores={"code quality": 2, "Quality of design": 5, "communication": 1})
    assert plan_facts(bakery, today=TODAY)[("candidate", "ana")]["quality_score"] == 3.5
    ana.interview = Interview(scores={"communication": 4})
    assert "quality_score" not in plan_facts(bakery, today=TODAY)[("candidate", "ana")]


def test_owner_utc_offset_in_the_config_must_be_a_time_zone(tmp_path):
    from advisor.errors import ConfigError

    cfg = tmp_path / "config.toml"
    cfg.write_text("[advisor.settings]\nowner_utc_offset = 20\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg, env={})
    assert "owner_utc_offset" in str(exc.value) and "-12 to 14" in str(exc.value)
    cfg.write_text("[advisor.settings]\nowner_utc_offset = -7\n")
    assert load_settings(cfg, env={}).advisor.settings["owner_utc_offset"] == -7
