"""Plan -> facts: every derived field."""

from __future__ import annotations

import statistics
from contextlib import nullcontext
from datetime import date

import pytest

from advisor.rules.factcontext import overlap_hours, quartiles
from advisor.rules.facts import plan_facts
from advisor.rules.factschema import BUSINESS_KEY, SCHEMA, check_fact
from advisor.plan.model import Candidate, Interview, RateObservation, Task
from tests.plan_runner import advisor as shared_advisor

TODAY = date(2026, 11, 25)


@pytest.fixture
def facts(bakery):
    return plan_facts(bakery, {"owner_utc_offset": 0}, TODAY)


def test_every_fact_is_well_formed_and_in_schema(facts):
    for key, f in facts.items():
        check_fact(f)
        assert f["_t"] == key[0] and f["id"] == key[1]
        assert None not in f.values()
        assert set(f) - {"_t"} <= set(SCHEMA[key[0]])


def test_business(facts):
    b = facts[BUSINESS_KEY]
    assert b["experience"] == 0 and b["posted_tasks"] == 2 and b["posted_marketplaces"] == 1 and b["tasks"] == 3


def test_experience_counts_done_tasks(bakery):
    bakery.business.completed_jobs = 2
    bakery.task("menu-copy").status = "done"
    b = plan_facts(bakery, {}, TODAY)[BUSINESS_KEY]
    assert b["experience"] == 3 and b["posted_tasks"] == 2


def test_task_counts_and_rates(facts):
    t = facts[("task", "logo")]
    assert (t["candidates"], t["shortlisted"], t["hired"], t["rejected"], t["interviewed"]) == (4, 2, 0, 1, 1)
    # 4 rates noted, one of them "20 profiles": 23 observations (advisor/rules/ratecount.py)
    assert t["rates_noted"] == 4 and t["rate_samples"] == 23 and t["rate_marketplaces"] == 3
    q = statistics.quantiles([25, 30, 35, 45], n=4, method="inclusive")
    assert (t["rate_p25"], t["rate_median"], t["rate_p75"]) == tuple(q)
    assert t["effective_rate"] == 30
    assert t["rating_median"] == round(statistics.median([4.9, 4.2, 5.0, 4.7]), 4) == 4.8
    # over the bids still in play: Dora's 500 is rejected
    assert t["price_median"] == statistics.median([280, 150, 360]) and t["price_min"] == 150 and t["bids"] == 3
    assert t["deadline"] == "2026-12-20" and t["days_to_deadline"] == 25
    assert t["has_acceptance"] is True and t["skills"] == "logo design" and t["skills_count"] == 1
    assert t["fee_percent_max"] == 5 and t["estimated_fees"] == 15 and t["cost_with_fees"] == 315
    assert t["criteria_sets"] == 1
    site = facts[("task", "site")]
    assert "rate_median" in site and site["rate_samples"] == 1 and site["rate_p25"] == 40
    assert "fee_percent_max" not in site and "price_median" not in site


def test_quartiles():
    assert quartiles([]) is None
    assert quartiles([7.0]) == (7.0, 7.0, 7.0)
    assert quartiles([10.0, 20.0]) == (12.5, 15.0, 17.5)


def test_candidates(facts):
    ana, ben, chen, dora = (facts[("candidate", c)] for c in ("ana", "ben", "chen", "dora"))
    assert ana["price"] == 280 and ana["interviewed"] is True and ana["interview_score"] == 4.5
    assert ana["criteria"] == "communication,quality" and ana["interview_date"] == "2026-11-24"
    assert ben["cheapest"] is True and not ana["cheapest"] and ben["rank_price"] == 1
    assert "rank_price" not in dora and "price_ratio" not in dora and dora["price"] == 500  # rejected: out of play
    assert ben["price_ratio"] == round(150 / 280, 4)
    # no working hours stated: their waking day (06:00-22:00 their time) against the owner's 9-17
    assert ben["overlap_hours"] == 6 and chen["overlap_hours"] == 5 and ana["overlap_hours"] == 8
    assert chen["working_hours"] == "not stated, so a waking day of 06:00-22:00"
    assert "interview_score" not in ben and ben["interviewed"] is False
    assert ana["task"] == "logo" and "task_status" not in ana and "pricing" not in ana


def test_cheapest_needs_two_priced_and_ties_share(bakery):
    logo = bakery.task("logo")
    for c in logo.candidates[1:]:
        c.bid = c.hourly = None
    f = plan_facts(bakery, {}, TODAY)
    assert f[("candidate", "ana")]["cheapest"] is False  # alone: not "cheapest"
    logo.candidates[1].bid = 280.0
    f = plan_facts(bakery, {}, TODAY)
    assert f[("candidate", "ana")]["cheapest"] and f[("candidate", "ben")]["cheapest"]
    assert f[("candidate", "ana")]["rank_price"] == f[("candidate", "ben")]["rank_price"] == 1


def test_price_follows_plan_format():
    t = Task(id="t", title="T", pricing="hourly", hours=10.0)
    c = Candidate(id="c", name="C", bid=200.0)
    t.candidates.append(c)
    from advisor.rules.factcontext import context
    from advisor.rules.facts import task_facts
    from advisor.plan.model import Plan

    _, cs = task_facts(t, context(Plan(), {}, TODAY))
    assert cs[0]["price"] == 20


@pytest.mark.parametrize("owner, other, hours", [(0, 0, 8), (0, 1, 7), (0, -5, 3), (0, 8, 0), (10, -10, 4),
                                                (5.5, 0, 2.5)])
def test_overlap_hours(owner, other, hours):
    assert overlap_hours(owner, other) == hours


def test_rate_samples_only_for_task_skills(bakery):
    bakery.rates.append(RateObservation(skill="other", hourly=1.0))
    t = plan_facts(bakery, {}, TODAY)[("task", "logo")]
    assert (t["rates_noted"], t["rate_samples"]) == (4, 23)


def test_criteria_sets_counts_distinct_sets(bakery):
    logo = bakery.task("logo")
    logo.candidates[1].interview = Interview(scores={"quality": 3})
    logo.candidates[2].interview = Interview(scores={"quality": 3, "communication": 5})
    assert plan_facts(bakery, {}, TODAY)[("task", "logo")]["criteria_sets"] == 2


def test_check_fact_rejects_malformed():
    for bad in ({"_t": "nope", "id": "x"}, {"_t": "task"}, {"_t": "task", "id": "t", "budget": "x"},
                {"_t": "task", "id": "t", "bogus": 1}, {"_t": "task", "id": "t", "budget": 1e16},
                {"_t": "task", "id": "t", "critical": 1}):
        with pytest.raises(ValueError):
            check_fact(bad)


# --------------------------------------------------------------------------- advice facts (issue 12)



def test_skills_match_whatever_their_case_accents_and_spaces(bakery):
    bakery.rates = [RateObservation("Logo Design", 30.0, "Upwork"), RateObservation("  logo   désign ", 40.0),
                    RateObservation("LOGO DESIGN", 50.0)]
    t = plan_facts(bakery, today=TODAY)[("task", "logo")]
    assert (t["rate_samples"], t["rate_median"]) == (3, 40)


def test_owner_time_zone_comes_from_the_business_then_the_config_else_nothing(bakery):
    ana = ("candidate", "ana")  # Ana is at UTC+0
    bakery.business.utc_offset = -7
    assert plan_facts(bakery, {"owner_utc_offset": 0}, TODAY)[ana]["overlap_hours"] == 6  # 16-24 UTC vs 6-22
    cand = next(c for c in bakery.task("logo").candidates if c.id == "ana")
    cand.working_hours = "09:00-17:00"  # stated: 16-24 UTC vs 9-17
    assert plan_facts(bakery, {"owner_utc_offset": 0}, TODAY)[ana]["overlap_hours"] == 1
    bakery.business.utc_offset = None
    assert plan_facts(bakery, {"owner_utc_offset": 0}, TODAY)[ana]["overlap_hours"] == 8
    assert "overlap_hours" not in plan_facts(bakery, {}, TODAY)[ana]


def test_quality_criteria_come_from_the_setting(bakery):
    ana = next(c for c in bakery.task("logo").candidates if c.id == "ana")
    ana.interview = Interview(scores={"Portfolio": 4, "code-test": 2, "communication": 5})
    f = plan_facts(bakery, today=TODAY)[("candidate", "ana")]
    assert f["quality_score"] == 3
    f = plan_facts(bakery, {"quality_criteria": "craft"}, TODAY)[("candidate", "ana")]
    assert f["quality_score"] == 3  # "Portfolio" and "code-test" are no soft words either
    f = plan_facts(bakery, {"quality_criteria": "craft", "soft_criteria": "portfolio,test,communication"},
                   TODAY)[("candidate", "ana")]
    assert "quality_score" not in f


@pytest.mark.parametrize("scores, quality", [
    ({"editing": 5, "communication": 4}, 5),          # the skill itself was scored
    ({"culinary_terms": 4, "English": 5}, 4),
    ({"Airtable": 5, "responsiveness": 3}, 5),
    ({"communication": 5, "culture fit": 4}, None),   # only the person and the deal
    ({"price": 3, "availability": 5}, None),
    ({"work quality": 2, "communication": 5}, 2),     # a quality word always counts
])
def test_a_criterion_rates_the_work_unless_it_is_a_soft_one(bakery, scores, quality):
    """A buyer who scored "editing 5" for a video editor scored the work: the hire is not
    "without a quality score" (the blind review's tidy plan got that as its only advice)."""
    ana = next(c for c in bakery.task("logo").candidates if c.id == "ana")
    ana.interview = Interview(scores=scores)
    f = plan_facts(bakery, today=TODAY)[("candidate", "ana")]
    assert f.get("quality_score") == quality


def test_interview_rank_and_applied_count(bakery):
    logo = bakery.task("logo")
    logo.candidates[1].interview = Interview(scores={"quality": 3})
    facts = plan_facts(bakery, today=TODAY)
    assert facts[("candidate", "ana")]["interview_rank"] == 1
    assert facts[("candidate", "ben")]["interview_rank"] == 2
    assert facts[("task", "logo")]["interview_score_max"] == 4.5
    assert facts[("task", "logo")]["applied"] == sum(c.status == "applied" for c in logo.candidates)


def test_job_size_in_hours_not_money(bakery):
    site = bakery.task("site")
    site.hours = None                              # 1,500 / the wordpress median of 40 an hour
    assert plan_facts(bakery, today=TODAY)[("task", "site")]["size_hours"] == 37.5
    site.hours = 12.0
    assert plan_facts(bakery, today=TODAY)[("task", "site")]["size_hours"] == 12


def test_the_same_person_across_open_tasks(bakery):
    logo, site = bakery.task("logo"), bakery.task("site")
    logo.candidates[0].status = "hired"            # Ana P. on Upwork
    site.status = "hired"
    site.critical = True
    site.candidates.append(Candidate(id="ana2", name="ana  p.", marketplace="upwork", task="site", status="hired"))
    facts = plan_facts(bakery, today=TODAY)
    a1, a2 = facts[("candidate", "ana")], facts[("candidate", "ana2")]
    assert a1["person"] == a2["person"] == "ana p.@upwork"
    assert (a1["person_open_hires"], a1["person_critical_hires"], a1["person_first"]) == (2, 1, True)
    assert (a2["person_open_hires"], a2["person_first"]) == (2, False)
    assert a1["person_tasks"] == "Design a new logo, Rebuild the website with online orders"
    assert facts[("business", "business")]["critical_open_tasks"] == 1
    site.status = "done"                           # history is not dependence
    facts = plan_facts(bakery, today=TODAY)
    assert facts[("candidate", "ana")]["person_open_hires"] == 1
    assert "person_open_hires" not in facts[("candidate", "ana2")]
    site.candidates[-1].marketplace = "Fiverr"     # same name elsewhere: someone else
    assert plan_facts(bakery, today=TODAY)[("candidate", "ana2")]["person"] == "ana p.@fiverr"


def test_an_unknown_fee_leaves_the_fee_facts_out(bakery):
    bakery.marketplaces[0] = type(bakery.marketplaces[0])("Upwork", None, None)
    facts = plan_facts(bakery, today=TODAY)
    assert "fee_percent" not in facts[("candidate", "ana")]
    assert "fee_percent_max" not in facts[("task", "logo")]


def test_a_hired_persons_quality_score_comes_from_their_latest_scored_interview_on_any_task(bakery):
    """``person_quality_score``: the same person (folded name + marketplace) scored for the
    quality of their work on another task counts; the latest dated interview wins; the same name
    on another marketplace is someone else."""
    from dataclasses import replace

    logo, site = bakery.task("logo"), bakery.task("site")
    ana = next(c for c in logo.candidates if c.id == "ana")
    logo.candidates[logo.candidates.index(ana)] = replace(
        ana, interview=Interview(date=date(2026, 10, 1), scores={"portfolio": 4, "communication": 5}))
    hired = Candidate(id="ana-site", name="  ANA p. ", task="site", marketplace=ana.marketplace, status="hired",
                      interview=Interview(scores={"communication": 5}))
    elsewhere = replace(hired, id="ana-fiverr", marketplace="Fiverr")
    site.candidates += [hired, elsewhere]

    def fact(cid):
        return plan_facts(bakery, {}, TODAY)[("candidate", cid)]

    assert "quality_score" not in fact("ana-site")  # its own interview scored no quality
    assert fact("ana-site")["person_quality_score"] == 4
    assert "person_quality_score" not in fact("ana-fiverr")  # another person: another marketplace
    # a later interview of the same person that scored the work replaces the older score
    site.candidates.append(replace(hired, id="ana-again", status="rejected",
                                   interview=Interview(date=date(2026, 11, 1), scores={"samples": 2})))
    assert fact("ana-site")["person_quality_score"] == 2
    assert "person_quality_score" not in fact("ana-again")  # only on hired candidates


def test_proven_people(bakery):
    """A job finished for you or a passed paid trial makes a candidate proven; the task counts
    the proven ones still in the running (a rejected one does not count)."""
    logo = bakery.task("logo")
    ana, ben, chen, dora = logo.candidates
    ana.past_jobs_with_us, ben.trial, dora.past_jobs_with_us = 6, "passed", 2  # dora is rejected
    f = plan_facts(bakery, today=TODAY)
    assert f[("candidate", "ana")]["proven"] and f[("candidate", "ana")]["proven_why"] == "has finished 6 jobs for you"
    assert f[("candidate", "ben")]["proven_why"] == "passed a paid trial with you"
    assert not f[("candidate", "chen")]["proven"] and "proven_why" not in f[("candidate", "chen")]
    assert f[("task", "logo")]["proven_candidates"] == 2
    ana.past_jobs_with_us, ana.trial = 1, "passed"
    assert plan_facts(bakery, today=TODAY)[("candidate", "ana")]["proven_why"] == \
        "has finished 1 job for you and passed a paid trial with you"


def test_tasks_in_motion_count_drafts_with_candidates(bakery):
    # logo hiring, menu-copy posted, site a draft without candidates
    assert plan_facts(bakery, today=TODAY)[BUSINESS_KEY]["tasks_in_motion"] == 2
    bakery.task("site").candidates = [bakery.task("logo").candidates[0].__class__(id="zed", name="Zed", task="site")]
    assert plan_facts(bakery, today=TODAY)[BUSINESS_KEY]["tasks_in_motion"] == 3


@pytest.mark.parametrize("budget, above", [(600.0, 4), (840.0, 3), (900.0, 2), (1200.0, 1), (1800.0, 0)])
def test_rates_above_is_an_exact_count(bakery, budget, above):
    logo = bakery.task("logo")          # rates 25, 30, 35, 45 an hour; 30 hours
    logo.budget, logo.hours = budget, 30.0
    t = plan_facts(bakery, today=TODAY)[("task", "logo")]
    assert t["rates_above"] == above    # 840 / 30 = 28 an hour: three of the four are above (30 is not)


def test_budget_below_market_states_the_boundary_exactly(bakery):
    """28 an hour is under the p25 (28.75) with exactly three of four rates above it: the old
    message said "more than three quarters"."""
        
    logo = bakery.task("logo")
    logo.budget, logo.hours = 840.0, 30.0
    with nullcontext(shared_advisor(TODAY)) as adv:
        # the bakery's bids (about 300) fit 840: a real bid for the whole job, the rate decides nothing
        assert not any(f.rule == "budget-below-market" and f.task == "logo" for f in adv.evaluate(bakery))
        for c in logo.candidates:
            c.bid = 1000.0  # every bid over the budget: the going rate speaks again
        found = adv.evaluate(bakery)
    msg = next(f.message for f in found if f.rule == "budget-below-market" and f.task == "logo")
    assert msg.endswith("3 of the 4 rates you noted are above what you offer."), msg


def test_gaps_over_the_budget(bakery):
    logo = bakery.task("logo")          # budget 300, Upwork 5%
    ana = logo.candidates[0]
    ana.bid = 290.0
    f = plan_facts(bakery, today=TODAY)[("candidate", "ana")]
    assert f["fees_gap"] == 4.5 and "budget_gap" not in f
    ana.bid = 320.0
    f = plan_facts(bakery, today=TODAY)[("candidate", "ana")]
    assert f["budget_gap"] == 20 and f["fees_gap"] == 36


def test_to_interview_counts_shortlisted_strangers_only(bakery):
    """Who is still to be interviewed before a choice: shortlisted, no interview, not someone you
    know, not someone asking to move off the platform (drop them instead)."""
    logo = bakery.task("logo")
    for c in logo.candidates:
        if c.status != "rejected":
            c.status, c.interview = "shortlisted", None
    names = {c.id: c.name for c in logo.candidates}
    facts = plan_facts(bakery, today=TODAY)[("task", "logo")]
    assert facts["to_interview"] == 3 and facts["to_interview_names"] == "Ana P., Ben K. and Chen L."
    next(c for c in logo.candidates if c.id == "ana").past_jobs_with_us = 2
    next(c for c in logo.candidates if c.id == "chen").off_platform = True
    facts = plan_facts(bakery, today=TODAY)[("task", "logo")]
    assert facts["to_interview"] == 1 and facts["to_interview_names"] == names["ben"]
