"""Incremental evaluation equals a fresh full evaluation after every edit, and the engine
equals the reference evaluator on random plans."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from profiles import examples

from advisor.rules import reference
from advisor.engine import advisor as engine
from advisor.engine import Advisor
from advisor.rules.facts import plan_facts
from advisor.plan.model import Business, Candidate, Interview, Marketplace, Plan, RateObservation, Task
from advisor.rules.rulepack import load_rules
from advisor.settings import DEFAULT_RULE_SETTINGS

TODAY = date(2026, 11, 25)
RULESET, PROBLEMS = load_rules()
SKILLS = ["logo", "web", "copy"]
MARKETS = ["Upwork", "Fiverr"]


@st.composite
def candidates(draw, task_id, i):
    interview = None
    if draw(st.booleans()):
        interview = Interview(scores=draw(st.sampled_from([{}, {"q": 4}, {"q": 3, "c": 5}, {"work": 2}])))
    return Candidate(
        # a few shared names: the same person hired on several tasks (name folded, per marketplace)
        id=f"{task_id}-c{i}", name=draw(st.sampled_from([f"C{i}", "Ana", "ána ", "Ben"])), task=task_id,
        marketplace=draw(st.sampled_from([None] + MARKETS)),
        hourly=draw(st.sampled_from([None, 10.0, 20.0, 35.0])),
        bid=draw(st.sampled_from([None, 100.0, 150.0, 300.0])),
        rating=draw(st.sampled_from([None, 4.0, 4.5, 5.0])),
        reviews=draw(st.sampled_from([None, 1, 10])),
        utc_offset=draw(st.sampled_from([None, -5.0, 0.0, 8.0])),
        status=draw(st.sampled_from(["applied", "shortlisted", "interviewed", "hired", "rejected"])),
        interview=interview,
        past_jobs_with_us=draw(st.sampled_from([0, 0, 2])),
        agreements=draw(st.sampled_from([[], ["nda"], ["nda", "ip-assignment"]])),
        trial=draw(st.sampled_from(["none", "planned", "passed"])),
        off_platform=draw(st.booleans()), review_left=draw(st.booleans()),
    )


@st.composite
def tasks(draw, i):
    tid = f"t{i}"
    t = Task(id=tid, title=f"Task {i}", size=draw(st.sampled_from(["minor", "moderate", "major"])),
             critical=draw(st.booleans()), skills=draw(st.lists(st.sampled_from(SKILLS), max_size=2, unique=True)),
             pricing=draw(st.sampled_from(["fixed", "hourly"])), budget=draw(st.sampled_from([None, 20.0, 300.0])),
             hours=draw(st.sampled_from([None, 0.0, 10.0])),
             status=draw(st.sampled_from(["draft", "posted", "hiring", "hired", "done", "cancelled"])),
             marketplaces=draw(st.lists(st.sampled_from(MARKETS), max_size=2, unique=True)),
             deadline=draw(st.sampled_from([None, date(2026, 12, 1)])),
             sensitive_data=draw(st.booleans()), creates_ip=draw(st.booleans()),
             milestones=draw(st.sampled_from([0, 2])), weekly_cap=draw(st.sampled_from([None, 10.0])),
             openings=draw(st.sampled_from([1, 2])))
    for j in range(draw(st.integers(0, 5))):
        t.candidates.append(draw(candidates(tid, j)))
    return t


@st.composite
def plans(draw):
    plan = Plan(business=Business(name="B", completed_jobs=draw(st.sampled_from([0, 1, 3])),
                                  utc_offset=draw(st.sampled_from([None, -7.0, 0.0]))),
                marketplaces=[Marketplace("Upwork", 5.0, 0.0), Marketplace("Fiverr", 5.5, 2.5)])
    for _ in range(draw(st.integers(0, 5))):
        plan.rates.append(RateObservation(skill=draw(st.sampled_from(SKILLS + ["LOGO", " Wéb"])),
                                          hourly=draw(st.sampled_from([20.0, 30.0, 45.0])),
                                          marketplace=draw(st.sampled_from([None] + MARKETS))))
    for i in range(draw(st.integers(1, 3))):
        plan.tasks.append(draw(tasks(i)))
    return plan


EDITS = ["cand_price", "cand_status", "task_budget", "task_status", "new_rate", "add_cand", "del_cand",
         "business", "cand_interview", "del_task", "market_fee", "task_title", "cand_person", "cand_advice",
         "task_advice", "business_tz"]


def apply_edit(plan: Plan, kind: str, data) -> set[str]:
    """Apply one random edit in place; returns the ids of the tasks it touched (the app's
    ``touched`` hint: a rate, business or task deletion touches no task's own data)."""
    all_cands = list(plan.candidates())
    if kind in ("cand_price", "cand_status", "del_cand", "cand_interview", "cand_person",
                "cand_advice") and not all_cands:
        kind = "add_cand"
    if kind == "cand_price":
        c = data.draw(st.sampled_from(all_cands))
        c.bid = data.draw(st.sampled_from([None, 50.0, 150.0, 500.0]))
        c.hourly = data.draw(st.sampled_from([None, 15.0, 40.0]))
        return {c.task}
    elif kind == "cand_status":
        c = data.draw(st.sampled_from(all_cands))
        c.status = data.draw(st.sampled_from(["applied", "shortlisted", "interviewed", "hired", "rejected"]))
        return {c.task}
    elif kind == "cand_interview":
        c = data.draw(st.sampled_from(all_cands))
        c.interview = None if c.interview else Interview(scores=data.draw(st.sampled_from([{"q": 4}, {"work": 3}])))
        c.rating = data.draw(st.sampled_from([None, 4.0, 5.0]))
        return {c.task}
    elif kind == "cand_person":  # hire a person who may hold other tasks: other tasks' facts change
        c = data.draw(st.sampled_from(all_cands))
        c.name = data.draw(st.sampled_from(["Ana", "ANA", "Ben"]))
        c.status = data.draw(st.sampled_from(["hired", "applied"]))
        return {c.task}
    elif kind == "cand_advice":
        c = data.draw(st.sampled_from(all_cands))
        c.past_jobs_with_us = data.draw(st.sampled_from([0, 1]))
        c.agreements = data.draw(st.sampled_from([[], ["ip-assignment"]]))
        c.off_platform, c.review_left = data.draw(st.booleans()), data.draw(st.booleans())
        c.trial = data.draw(st.sampled_from(["none", "passed"]))
        return {c.task}
    elif kind == "task_advice" and plan.tasks:
        t = data.draw(st.sampled_from(plan.tasks))
        t.critical = data.draw(st.booleans())
        t.sensitive_data, t.creates_ip = data.draw(st.booleans()), data.draw(st.booleans())
        t.weekly_cap = data.draw(st.sampled_from([None, 5.0]))
        t.openings, t.milestones = data.draw(st.sampled_from([1, 3])), data.draw(st.sampled_from([0, 3]))
        return {t.id}
    elif kind == "business_tz":
        plan.business.utc_offset = data.draw(st.sampled_from([None, 5.5, -7.0]))
    elif kind == "task_budget" and plan.tasks:
        t = data.draw(st.sampled_from(plan.tasks))
        t.budget = data.draw(st.sampled_from([None, 10.0, 300.0, 2000.0]))
        return {t.id}
    elif kind == "task_title" and plan.tasks:  # no rule tests it, but candidate texts name it
        t = data.draw(st.sampled_from(plan.tasks))
        t.title = data.draw(st.sampled_from(["Logo", "Site", "Menu"]))
        return {t.id}
    elif kind == "task_status" and plan.tasks:
        t = data.draw(st.sampled_from(plan.tasks))
        t.status = data.draw(st.sampled_from(["draft", "posted", "hiring", "hired", "done", "cancelled"]))
        return {t.id}
    elif kind == "new_rate":
        plan.rates.append(RateObservation(skill=data.draw(st.sampled_from(SKILLS)),
                                          hourly=data.draw(st.sampled_from([10.0, 30.0, 60.0])), marketplace="Upwork"))
    elif kind == "add_cand" and plan.tasks:
        t = data.draw(st.sampled_from(plan.tasks))
        # a new id (a plan never repeats one: counting the candidates could, after a delete)
        n = 100 + max((int(c.id.rsplit("-c", 1)[1]) for c in plan.candidates()), default=0)
        t.candidates.append(data.draw(candidates(t.id, n)))
        return {t.id}
    elif kind == "del_cand":
        c = data.draw(st.sampled_from(all_cands))
        for t in plan.tasks:
            if c in t.candidates:
                t.candidates.remove(c)
        return {c.task}
    elif kind == "market_fee":  # a marketplace's fee: the tasks' fee fields, which texts name
        i = data.draw(st.integers(0, len(plan.marketplaces) - 1))
        plan.marketplaces[i] = dataclasses.replace(plan.marketplaces[i],
                                                   fee_percent=data.draw(st.sampled_from([0.0, 5.0, 20.0])))
    elif kind == "business":
        plan.business.completed_jobs = data.draw(st.sampled_from([0, 1, 5]))
    elif kind == "del_task" and len(plan.tasks) > 1:
        plan.tasks.pop(data.draw(st.integers(0, len(plan.tasks) - 1)))
    return set()


def keys(findings):
    return sorted((f.rule, f.task, f.candidate, f.severity, f.message, f.why, f.fix, f.suppressed) for f in findings)


#: One engine session sent in one part (the default for small plans), and the session split
#: into shards of a few facts each, sent in parts of a few facts (what a big workspace gets:
#: see ``engine.SHARD_FACTS`` and ``engine.STAGE_FACTS``).
SHARDING = pytest.mark.parametrize("shard_facts, stage_facts", [(engine.SHARD_FACTS, engine.STAGE_FACTS), (3, 4)],
                                   ids=["one-session", "sharded"])


def _split(shard_facts: int, stage_facts: int):
    return mock.patch.multiple(engine, SHARD_FACTS=shard_facts, STAGE_FACTS=stage_facts)


@SHARDING
@hsettings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), data=st.data())
def test_incremental_equals_full_after_every_edit(shard_facts, stage_facts, plan, data):
    assert not PROBLEMS
    # ``fresh`` evaluates fully each time: a new engine session (in one process, started once)
    with _split(shard_facts, stage_facts), Advisor(RULESET, today=TODAY) as inc, \
            Advisor(RULESET, today=TODAY) as fresh:
        inc.evaluate(plan)
        for _ in range(data.draw(st.integers(1, 8))):
            apply_edit(plan, data.draw(st.sampled_from(EDITS)), data)
            got = inc.update(plan)
            want = fresh.evaluate(copy.deepcopy(plan))
            assert keys(got) == keys(want)
            assert not got.failures()


@SHARDING
@hsettings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), data=st.data())
def test_incremental_with_the_touched_hint_equals_full_after_every_edit(shard_facts, stage_facts, plan, data):
    """The app's path: each update names the tasks the edit touched (the facts are then
    updated in place, in time proportional to the edit)."""
    with _split(shard_facts, stage_facts), Advisor(RULESET, today=TODAY) as inc, \
            Advisor(RULESET, today=TODAY) as fresh:
        inc.evaluate(plan)
        for _ in range(data.draw(st.integers(1, 8))):
            touched = apply_edit(plan, data.draw(st.sampled_from(EDITS)), data)
            got = inc.update(plan, touched=touched)
            want = fresh.evaluate(copy.deepcopy(plan))
            want_facts = fresh.facts()
            assert keys(got) == keys(want)
            assert not got.failures()
            assert inc.facts() == want_facts


@pytest.fixture(scope="module")
def full_advisor():
    """One engine process for many full evaluations (each ``evaluate`` is a fresh session)."""
    with Advisor(RULESET, today=TODAY) as adv:
        yield adv


@SHARDING
@hsettings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_engine_equals_reference_on_random_plans(full_advisor, shard_facts, stage_facts, plan):
    with _split(shard_facts, stage_facts):
        found = full_advisor.evaluate(plan)
    facts = plan_facts(plan, DEFAULT_RULE_SETTINGS, TODAY)
    assert {f.key for f in found} == reference.matches(RULESET, facts)


def test_a_sharded_session_gives_the_same_advice(bakery, monkeypatch):
    """A big workspace's session is split by task; the advice (every field, in order) is the
    same as from one session, after a full evaluation and after edits of a candidate, a task and
    the business (whose fact is in every shard)."""
    def run(shard_facts: int) -> tuple[list, int]:
        plan = copy.deepcopy(bakery)
        monkeypatch.setattr(engine, "SHARD_FACTS", shard_facts)
        with Advisor(RULESET, today=TODAY) as adv:
            out = [[vars(f) for f in adv.evaluate(plan)]]
            shards = adv._engine_stats()["shards"]
            plan.task("logo").candidates[1].status = "shortlisted"
            out.append([vars(f) for f in adv.update(plan, touched={"logo"})])
            plan.task("logo").budget = 40.0
            out.append([vars(f) for f in adv.update(plan, touched={"logo"})])
            plan.business.completed_jobs = 0 if plan.business.completed_jobs else 4
            out.append([vars(f) for f in adv.update(plan)])
        return out, shards

    one, n1 = run(10_000)
    many, n2 = run(2)
    assert (n1, n2 > 3) == (1, True)
    assert all(one), "the bakery example has advice"
    assert many == one


def test_touched_hint_reuses_other_tasks(bakery):
    with Advisor(RULESET, today=TODAY) as adv:
        adv.evaluate(bakery)
        bakery.task("logo").candidates[1].status = "rejected"
        got = adv.update(bakery, touched={"logo"})
        with Advisor(RULESET, today=TODAY) as fresh:
            assert keys(got) == keys(fresh.evaluate(bakery))
