"""The core pack behaves exactly as the issue's table says, at every boundary."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.engine import Advisor
from advisor.plan.model import Interview
from advisor.rules.rulepack import load_rules
from advisor.settings import AdvisorSettings
from rule_helpers import fired  # tests/ is on sys.path

RULESET, PROBLEMS = load_rules(AdvisorSettings(select=("core",)))  # the other packs have their own tests
TODAY = date(2026, 11, 25)

TABLE = {
    "start-small": ("warning", "task"),
    "reported-exposure": ("risk", "task"),
    "try-several-marketplaces": ("info", "business"),
    "research-going-rate": ("warning", "task"),
    "budget-below-market": ("warning", "task"),
    "cheapest-alone": ("warning", "candidate"),
    "cheapest-rated-lower": ("warning", "candidate"),
    "shortlist-size": ("warning", "task"),
    "invite-more-candidates": ("warning", "task"),
    "shortlist-too-long": ("warning", "task"),
    "interview-the-shortlist": ("warning", "task"),
    "interview-before-hire": ("risk", "candidate"),
    "interview-before-moderate-hire": ("warning", "candidate"),
    "interview-before-minor-hire": ("info", "candidate"),
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
            assert r.title and r.message and r.why and r.fix and r.source
            if r.about != "business":
                assert r.stages and "cancelled" not in r.stages and "done" not in r.stages
            assert any(e.fires for e in r.examples) and any(not e.fires for e in r.examples)


@pytest.mark.parametrize("experience, size, critical, status, open_tasks, fires", [
    (0, "major", False, "draft", 2, True),
    (1, "major", False, "draft", 2, False),
    (0, "moderate", False, "posted", 2, True),
    (0, "minor", False, "posted", 2, False),  # beside another job: the minor one is the small start
    (0, "minor", False, "posted", 1, True),  # the first-timer's only job: a paid piece of it first
    (0, "minor", True, "posted", 2, True),
    (0, "major", True, "done", 2, False),
    (0, "major", True, "cancelled", 2, False),
    (0, "major", True, "hired", 2, False),
])
def test_start_small(adv, experience, size, critical, status, open_tasks, fires):
    got = fired(adv, {"experience": experience, "open_tasks": open_tasks},
                {"size": size, "critical": critical, "status": status})
    assert ("start-small" in got) == fires


@pytest.mark.parametrize("experience, posted, markets, fires", [
    (0, 1, 1, True), (2, 3, 1, True), (3, 3, 1, False), (0, 0, 0, False), (0, 2, 2, False), (0, 1, 0, False),
])
def test_try_several_marketplaces(adv, experience, posted, markets, fires):
    got = fired(adv, {"experience": experience, "posted_tasks": posted, "posted_marketplaces": markets,
                      "open_tasks": 1})
    assert ("try-several-marketplaces" in got) == fires


@pytest.mark.parametrize("samples, status, fires", [
    (0, "draft", True), (2, "hiring", True), (3, "hiring", False), (2, "hired", False), (2, "done", False),
    (2, "cancelled", False),
])
def test_research_going_rate(adv, samples, status, fires):
    task = {"rate_samples": samples, "status": status, "skills_count": 1}
    assert ("research-going-rate" in fired(adv, task=task)) == fires


@pytest.mark.parametrize("samples, rate, p25, fires", [
    (3, 20, 30, True), (3, 30, 30, False), (3, 29.99, 30, True), (2, 20, 30, False), (5, 40, 30, False),
])
def test_budget_below_market(adv, samples, rate, p25, fires):
    got = fired(adv, task={"rate_samples": samples, "effective_rate": rate, "rate_p25": p25})
    assert ("budget-below-market" in got) == fires


def test_budget_below_market_without_budget_is_quiet(adv):
    assert "budget-below-market" not in fired(adv, task={"rate_samples": 5, "rate_p25": 30})


@pytest.mark.parametrize("cheapest, interviewed, rank, rating, median, rule", [
    (True, True, 2, 4.9, 4.5, "cheapest-alone"),           # an interviewed candidate scored higher
    (True, True, 1, 4.4, 4.5, "cheapest-rated-lower"),     # best interview, rating under the median
    (True, True, 1, 4.5, 4.5, None),                       # equal to the median: fine
    (True, True, 1, None, 4.5, None),                      # no rating: nothing to compare
    (True, False, None, 3.0, 4.5, None),                   # not interviewed: interview rules speak
    (False, True, 3, 3.0, 4.5, None),                      # not the cheapest
])
def test_cheapest_cases_one_message_each(adv, cheapest, interviewed, rank, rating, median, rule):
    cand = {"status": "hired", "cheapest": cheapest, "interviewed": interviewed}
    if rank is not None:
        cand.update(interview_rank=rank, interview_score=3)
    if rating is not None:
        cand["rating"] = rating
    got = fired(adv, task={"status": "hired", "rating_median": median, "interview_score_max": 4}, candidate=cand)
    assert got & {"cheapest-alone", "cheapest-rated-lower"} == ({rule} if rule else set())


@pytest.mark.parametrize("status, shortlisted, candidates, hired, rule", [
    ("hiring", 2, 3, 0, "shortlist-size"), ("hiring", 3, 3, 0, None), ("hiring", 5, 9, 0, None),
    ("hiring", 6, 9, 0, "shortlist-too-long"), ("hiring", 2, 2, 0, "invite-more-candidates"),
    ("posted", 0, 3, 0, "shortlist-size"), ("hiring", 0, 0, 0, None), ("hiring", 1, 4, 1, None),
    ("hiring", 7, 9, 1, None), ("hired", 1, 4, 1, None), ("draft", 0, 3, 0, None),
])
def test_shortlist_size(adv, status, shortlisted, candidates, hired, rule):
    # the candidates not shortlisted are still at applied (none left: invite-more-candidates speaks)
    got = fired(adv, task={"status": status, "shortlisted": shortlisted, "candidates": candidates, "hired": hired,
                           "applied": candidates - shortlisted - hired})
    assert got & {"shortlist-size", "shortlist-too-long", "invite-more-candidates"} == ({rule} if rule else set())


@pytest.mark.parametrize("status, interviewed, size, critical, past, rule", [
    ("hired", False, "major", False, 0, "interview-before-hire"),
    ("hired", False, "minor", True, 0, "interview-before-hire"),
    ("hired", False, "moderate", True, 0, "interview-before-hire"),
    ("hired", False, "moderate", False, 0, "interview-before-moderate-hire"),
    ("hired", False, "minor", False, 0, "interview-before-minor-hire"),
    ("hired", False, "major", True, 1, None),      # a proven freelancer
    ("hired", True, "major", True, 0, None),
    ("interviewed", False, "major", False, 0, None),
    ("applied", False, "major", False, 0, None),
])
def test_interview_before_hire(adv, status, interviewed, size, critical, past, rule):
    got = fired(adv, task={"status": "hired", "size": size, "critical": critical},
                candidate={"status": status, "interviewed": interviewed, "past_jobs_with_us": past})
    assert {g for g in got if g.startswith("interview-before")} == ({rule} if rule else set())


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_nothing_in_core_fires_on_a_closed_task(adv, status):
    got = fired(adv, {"experience": 0},
                task={"status": status, "size": "major", "critical": True, "rate_samples": 0, "skills_count": 1,
                      "shortlisted": 9, "candidates": 9, "effective_rate": 1, "rate_p25": 30},
                candidate={"status": "hired", "interviewed": False, "cheapest": True, "rating": 1})
    assert got <= {"try-several-marketplaces"}


def test_ties_for_cheapest_all_fire_end_to_end(bakery):
    logo = bakery.task("logo")
    logo.status = "hired"
    for c in logo.candidates:
        c.status = "applied"
    ana, ben, chen = logo.candidates[:3]
    ana.bid = 150.0  # ties with ben
    for c, score in ((ana, 3), (ben, 3), (chen, 5)):
        c.interview = Interview(scores={"quality": score})
    ana.status = ben.status = "hired"
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    cheap = {f.candidate for f in found if f.rule == "cheapest-alone"}
    assert cheap == {"ana", "ben"}
    msg = next(f.message for f in found if f.rule == "cheapest-alone" and f.candidate == "ana")
    assert msg == ("Ana P. is hired for Design a new logo as the cheapest ($150), though another "
                   "interviewed candidate scored 5 to their 3.")


def test_bakery_findings(bakery):
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    assert found.keys() == {
        ("try-several-marketplaces", None, None), ("shortlist-size", "logo", None),
        ("research-going-rate", "site", None), ("research-going-rate", "menu-copy", None),
        ("start-small", "site", None)}
    # Ana, interviewed at 4.5 of 5 inside the budget, is the clear front-runner: no call with Ben
    assert not any(f.rule == "interview-the-shortlist" for f in found)
    msg = next(f.message for f in found if f.rule == "shortlist-size")
    assert msg == ("Design a new logo: 2 shortlisted out of 4 candidates. Shortlist at least 3 so you "
                   "have a real choice.")
