"""The core pack behaves exactly as the issue's table says, at every boundary."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.engine import Advisor
from advisor.model import Candidate, Interview
from advisor.rulepack import load_rules
from advisor.settings import AdvisorSettings
from rule_helpers import fired  # tests/ is on sys.path

RULESET, PROBLEMS = load_rules(AdvisorSettings(select=("core",)))  # the other packs have their own tests
TODAY = date(2026, 11, 25)

TABLE = {
    "start-small": ("warning", "task"),
    "try-several-marketplaces": ("info", "business"),
    "research-going-rate": ("warning", "task"),
    "budget-below-market": ("warning", "task"),
    "cheapest-alone": ("warning", "candidate"),
    "shortlist-size": ("warning", "task"),
    "interview-before-hire": ("risk", "candidate"),
}


@pytest.fixture(scope="module")
def adv():
    with Advisor(RULESET, today=TODAY) as a:
        yield a


def test_core_pack_loads_with_exact_ids_severity_about():
    assert not PROBLEMS
    core = {r.id: (r.severity, r.about) for r in RULESET if r.pack == "core"}
    assert core == TABLE
    for r in RULESET:
        if r.pack == "core":
            assert r.title and r.message and r.why and r.fix
            assert any(e.fires for e in r.examples) and any(not e.fires for e in r.examples)


@pytest.mark.parametrize("experience, size, critical, status, fires", [
    (0, "major", False, "draft", True),
    (1, "major", False, "draft", False),
    (0, "moderate", False, "posted", True),
    (0, "minor", False, "posted", False),
    (0, "minor", True, "posted", True),
    (0, "major", True, "done", False),
    (0, "major", True, "cancelled", False),
    (0, "major", True, "hired", True),
])
def test_start_small(adv, experience, size, critical, status, fires):
    got = fired(adv, {"experience": experience}, {"size": size, "critical": critical, "status": status})
    assert ("start-small" in got) == fires


@pytest.mark.parametrize("experience, posted, markets, fires", [
    (0, 1, 1, True), (2, 3, 1, True), (3, 3, 1, False), (0, 0, 0, False), (0, 2, 2, False), (0, 1, 0, False),
])
def test_try_several_marketplaces(adv, experience, posted, markets, fires):
    got = fired(adv, {"experience": experience, "posted_tasks": posted, "posted_marketplaces": markets})
    assert ("try-several-marketplaces" in got) == fires


@pytest.mark.parametrize("samples, status, fires", [
    (0, "draft", True), (2, "hiring", True), (3, "hiring", False), (2, "done", False), (2, "cancelled", False),
])
def test_research_going_rate(adv, samples, status, fires):
    assert ("research-going-rate" in fired(adv, task={"rate_samples": samples, "status": status})) == fires


@pytest.mark.parametrize("samples, rate, p25, fires", [
    (3, 20, 30, True), (3, 30, 30, False), (3, 29.99, 30, True), (2, 20, 30, False), (5, 40, 30, False),
])
def test_budget_below_market(adv, samples, rate, p25, fires):
    got = fired(adv, task={"rate_samples": samples, "effective_rate": rate, "rate_p25": p25})
    assert ("budget-below-market" in got) == fires


def test_budget_below_market_without_budget_is_quiet(adv):
    assert "budget-below-market" not in fired(adv, task={"rate_samples": 5, "rate_p25": 30})


@pytest.mark.parametrize("status, cheapest, interviewed, rating, median, fires", [
    ("hired", True, False, 5.0, 4.5, True),
    ("hired", True, True, None, 4.5, True),
    ("hired", True, True, 4.4, 4.5, True),
    ("hired", True, True, 4.5, 4.5, False),   # equal to the median: fine
    ("hired", True, True, 4.6, 4.5, False),
    ("hired", False, False, None, 4.5, False),
    ("shortlisted", True, False, None, 4.5, False),
    ("hired", True, True, 4.0, None, False),  # no median: the comparison is false
])
def test_cheapest_alone(adv, status, cheapest, interviewed, rating, median, fires):
    cand = {"status": status, "cheapest": cheapest, "interviewed": interviewed}
    if rating is not None:
        cand["rating"] = rating
    task = {} if median is None else {"rating_median": median}
    assert ("cheapest-alone" in fired(adv, task=task, candidate=cand)) == fires


@pytest.mark.parametrize("status, shortlisted, candidates, fires", [
    ("hiring", 2, 3, True), ("hiring", 3, 3, False), ("hiring", 5, 9, False), ("hiring", 6, 9, True),
    ("hiring", 2, 2, False), ("hiring", 0, 3, True), ("posted", 6, 9, False), ("hiring", 0, 0, False),
])
def test_shortlist_size(adv, status, shortlisted, candidates, fires):
    got = fired(adv, task={"status": status, "shortlisted": shortlisted, "candidates": candidates})
    assert ("shortlist-size" in got) == fires


@pytest.mark.parametrize("status, interviewed, fires", [
    ("hired", False, True), ("hired", True, False), ("interviewed", False, False), ("applied", False, False),
])
def test_interview_before_hire(adv, status, interviewed, fires):
    got = fired(adv, candidate={"status": status, "interviewed": interviewed})
    assert ("interview-before-hire" in got) == fires


def test_ties_for_cheapest_all_fire_end_to_end(bakery):
    logo = bakery.task("logo")
    for c in logo.candidates:
        c.status = "applied"
    logo.candidates[0].bid = 150.0  # ties with ben
    logo.candidates[0].status = "hired"
    logo.candidates[0].interview = None
    logo.candidates[1].status = "hired"
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    cheap = {f.candidate for f in found if f.rule == "cheapest-alone"}
    assert cheap == {"ana", "ben"}
    risky = {f.candidate for f in found if f.rule == "interview-before-hire"}
    assert risky == {"ana", "ben"}
    assert found.items[0].severity == "risk"


def test_bakery_findings(bakery):
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    assert found.keys() == {
        ("try-several-marketplaces", None, None), ("shortlist-size", "logo", None),
        ("research-going-rate", "site", None), ("research-going-rate", "menu-copy", None),
        ("start-small", "site", None)}
    msg = next(f.message for f in found if f.rule == "shortlist-size")
    assert msg == "Design a new logo: 2 shortlisted. Narrow it to 3-5 and interview them."
