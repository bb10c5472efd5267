"""The engine wrapper: threads, suppressions, failures, fact ids, reload."""

from __future__ import annotations

import os
import threading
from datetime import date

import pytest

from advisor.engine import advisor as engmod
from advisor.engine import convert
from advisor.engine import diff as diffmod
from advisor.engine import render as rendermod
from advisor.engine import Advisor, fnv1a32
from advisor.rules.expr import parse
from advisor.plan.model import Suppression
from advisor.rules.rulepack import Rule, Ruleset, load_rules
from advisor.settings import DEFAULT_RULE_SETTINGS, AdvisorSettings

# The core pack is the fixture: the counts below are the bakery's core findings.
RULESET, _ = load_rules(AdvisorSettings(select=("core",)))
TODAY = date(2026, 11, 25)
S = dict(DEFAULT_RULE_SETTINGS)


def rule(rid, about, when, message="m"):
    return Rule(id=rid, pack="t", title=rid, severity="warning", about=about, when=when, expr=parse(when, S),
                message=message, why="w", fix="f")


def test_actions_run_inside_the_call_in_the_engine_process(bakery):
    # durable-rules runs in a child process (it can crash or hang); its actions run inside the
    # assert call there, so the findings are complete when evaluate() returns
    with Advisor(RULESET, today=TODAY) as a:
        assert a._process is None  # started lazily
        found = a.evaluate(bakery)
        assert len(found) == 5  # the bakery's core findings (no interview nag: Ana scored 4.5 of 5)
        stats = a._engine_stats()
        assert stats["pid"] == a._process.pid != os.getpid()
        assert stats["facts"] == len(a.facts())


def test_callers_from_many_threads(bakery):
    with Advisor(RULESET, today=TODAY) as a:
        results = []
        threads = [threading.Thread(target=lambda: results.append(len(a.evaluate(bakery)))) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert results == [5] * 8


def test_sorted_most_severe_first(bakery):
    bakery.task("logo").critical = True  # hiring without an interview is a risk on critical work
    bakery.task("logo").candidates[1].status = "hired"
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    ranks = [{"info": 0, "warning": 1, "risk": 2}[f.severity] for f in found]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] == 2


def test_suppressions_active_expired_and_stale(bakery):
    bakery.suppressions = [
        Suppression(rule="shortlist-size", task="logo", reason="only two good ones"),
        Suppression(rule="start-small", task="site", reason="old", until=date(2026, 1, 1)),
        Suppression(rule="interview-before-hire", candidate="ana", reason="gone", until=date(2027, 1, 1)),
    ]
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    by = {f.key: f for f in found}
    s = by[("shortlist-size", "logo", None)]
    assert s.suppressed and s.reason == "only two good ones"
    assert not by[("start-small", "site", None)].suppressed  # expired
    assert [x.rule for x in found.stale_suppressions] == ["interview-before-hire"]
    assert found.counts() == {"info": 1, "warning": 3, "risk": 0}
    warnings = [f for f in found if f.severity == "warning"]
    assert warnings[-1].suppressed  # suppressed ones sort after unsuppressed of the same level


def test_for_task_and_candidate(bakery):
    bakery.task("logo").critical = True
    bakery.task("logo").candidates[1].status = "hired"
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    assert {f.rule for f in found.for_candidate("ben")} == {"interview-before-hire"}
    assert {f.rule for f in found.for_task("logo")} >= {"interview-before-hire"}


def test_rule_that_crashes_becomes_a_failure_finding(bakery, caplog, monkeypatch):
    rules = Ruleset(list(RULESET) + [rule("boom", "task", "task.candidates >= 0", "{task.title}")], S)
    real = rendermod.render

    def render(template, env, settings):
        if template == "{task.title}":
            raise RuntimeError("kaput")
        return real(template, env, settings)

    monkeypatch.setattr(rendermod, "render", render)
    with Advisor(rules, today=TODAY) as a:
        found = a.evaluate(bakery)
    fails = found.failures()
    assert [(f.rule, f.severity) for f in fails] == [("boom", "risk")]
    assert fails[0].message.startswith("rule boom failed: RuntimeError: kaput")
    assert {f.rule for f in found if f.kind == "advice"} >= {"shortlist-size", "start-small"}
    assert "boom" in caplog.text


def test_action_exception_is_reported_not_swallowed(bakery, monkeypatch):
    with Advisor(RULESET, today=TODAY) as a:
        orig = a._matches

        class Exploding(dict):
            def __contains__(self, key):
                if key[0] == "shortlist-size":
                    raise ValueError("bad match")
                return dict.__contains__(self, key)

        def boom():
            a._matches = Exploding()
        a._call(boom)
        a._call(lambda: setattr(a, "_primed", True))
        found = a.update(bakery)
        assert orig is not None
        assert any(f.kind == "failure" and f.rule == "shortlist-size" for f in found)


def test_malformed_fact_becomes_failure_and_others_survive(bakery, monkeypatch):
    real = diffmod.task_fact_shared

    def bad(task, ctx):
        t, shared = real(task, ctx)
        if task.id == "site":
            t = dict(t, budget="lots")  # wrong type
        return t, shared

    monkeypatch.setattr(diffmod, "task_fact_shared", bad)
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    fails = found.failures()
    assert len(fails) == 1 and fails[0].task == "site" and "budget" in fails[0].message
    assert ("shortlist-size", "logo", None) in found.keys()


def test_engine_error_on_one_fact_is_isolated(bakery, monkeypatch):
    real = convert.EngineFacts.eid

    def eid(self, key):
        # a duplicate engine id: the engine refuses the second fact (MessageObservedException)
        return real(self, ("task", "site")) if key == ("task", "menu-copy") else real(self, key)

    monkeypatch.setattr(convert.EngineFacts, "eid", eid)
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    assert [f.task for f in found.failures()] == ["menu-copy"]
    assert found.failures()[0].severity == "risk"
    assert ("shortlist-size", "logo", None) in found.keys()
    assert ("start-small", "site", None) in found.keys()


@pytest.mark.parametrize("shard_facts, stage_facts", [(engmod.SHARD_FACTS, engmod.STAGE_FACTS), (1, 2)],
                         ids=["one-session-one-part", "sharded-in-parts"])
def test_engine_error_on_one_candidate_is_isolated(bakery, monkeypatch, shard_facts, stage_facts):
    """The refused fact is found fact by fact in a session split into shards and sent in parts
    too (a candidate shares its task's shard, so the duplicate is refused however the tasks are
    split)."""
    real = convert.EngineFacts.eid

    def eid(self, key):
        return real(self, ("candidate", "ana")) if key == ("candidate", "dora") else real(self, key)

    monkeypatch.setattr(convert.EngineFacts, "eid", eid)
    monkeypatch.setattr(engmod, "SHARD_FACTS", shard_facts)
    monkeypatch.setattr(engmod, "STAGE_FACTS", stage_facts)
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
        shards = a._engine_stats()["shards"]
    assert (shards > 3) == (shard_facts == 1)
    assert [(f.task, f.candidate) for f in found.failures()] == [("logo", "dora")]
    assert ("shortlist-size", "logo", None) in found.keys()
    assert ("start-small", "site", None) in found.keys()


def test_a_repeated_candidate_id_in_an_unchecked_plan_is_evaluated_once(bakery):
    """Plans from files are validated (ids unique), but the advisor takes any Plan: a repeated
    id is evaluated once, the first one, in a full evaluation and in an update alike."""
    import dataclasses

    ana = bakery.task("logo").candidates[0]
    bakery.task("site").candidates.append(dataclasses.replace(ana, task="site"))
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
        assert a.facts()[("candidate", "ana")]["task"] == "logo"
        bakery.task("logo").budget = (bakery.task("logo").budget or 0) + 1
        again = a.update(bakery)
        assert a.facts()[("candidate", "ana")]["task"] == "logo"
    assert not found.failures() and not again.failures()
    assert again.keys() == found.keys()


def test_an_update_that_fails_half_way_is_followed_by_a_full_evaluation(bakery, monkeypatch):
    """An update updates the facts in place; if it stops half way (here computing the second
    touched task raises), the next update must not trust what it left: it evaluates fully."""
    real = diffmod.task_fact_shared
    fail_on = {"task": None}

    def task_fact_shared(task, ctx):
        if task.id == fail_on["task"]:
            raise RuntimeError("stopped half way")
        return real(task, ctx)

    monkeypatch.setattr(diffmod, "task_fact_shared", task_fact_shared)
    with Advisor(RULESET, today=TODAY) as a:
        a.evaluate(bakery)
        bakery.task("logo").candidates[1].status = "rejected"
        bakery.task("site").budget = 10.0
        fail_on["task"] = "site"
        with pytest.raises(RuntimeError):
            a.update(bakery, touched={"logo", "site"})
        fail_on["task"] = None
        got = a.update(bakery, touched={"site"})
        with Advisor(RULESET, today=TODAY) as fresh:
            assert got.keys() == fresh.evaluate(bakery).keys()
            assert a.facts() == fresh.facts()


def test_candidate_texts_follow_the_task_fields_they_name(bakery):
    """A candidate finding whose text names a task field that a rate or fee edit changes (and
    that no condition reads, so nothing re-fires in the engine) is rendered again when that
    field changes, and only then: a rate edit that leaves the field alone keeps the very same
    finding object."""
    import dataclasses

    from advisor.plan.model import RateObservation

    rules = Ruleset([rule("named", "candidate", "candidate.price > 0",
                          "{candidate.name} for {task.title}, fees up to {task.fee_percent_max}")], S)
    with Advisor(rules, today=TODAY) as a:
        first = {f.candidate: f for f in a.evaluate(bakery)}
        bakery.rates.append(RateObservation(skill="logo design", hourly=99.0, marketplace="Upwork"))
        after_rate = {f.candidate: f for f in a.update(bakery, touched=set())}
        assert after_rate["ana"] is first["ana"]
        i = next(i for i, m in enumerate(bakery.marketplaces) if m.name == "Upwork")
        bakery.marketplaces[i] = dataclasses.replace(bakery.marketplaces[i], fee_percent=17.0)
        got = a.update(bakery, touched=set())
    assert got.for_candidate("ana")[0].message == "Ana P. for Design a new logo, fees up to 17"
    with Advisor(rules, today=TODAY) as fresh:
        assert sorted((f.key, f.message) for f in got) == sorted((f.key, f.message) for f in fresh.evaluate(bakery))


def test_a_full_evaluation_leaves_no_object_out_of_the_garbage_collector(bakery, monkeypatch):
    """The evaluation keeps the existing objects out of the collector's walks while it runs
    (gc.freeze); afterwards, even when it fails, every object is back in them."""
    import gc

    frozen_during = []
    real = engmod.Advisor._findings

    def spy(self, plan):
        frozen_during.append(gc.get_freeze_count())
        return real(self, plan)

    monkeypatch.setattr(engmod.Advisor, "_findings", spy)
    with Advisor(RULESET, today=TODAY) as a:
        a.evaluate(bakery)
        assert frozen_during[0] > 0 and gc.get_freeze_count() == 0
        monkeypatch.setattr(engmod.Advisor, "_findings", lambda self, plan: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            a.evaluate(bakery)
        assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("value", [0.00001, 1e-9, 123456789012.5])
def test_numbers_never_reach_the_engine_with_an_exponent(value):
    # measured: 1e20 or 5e-05 in a fact crashes durable-rules 2.0.28
    x = convert.engine_number(value)
    assert "e" not in repr(x)
    with pytest.raises(ValueError):
        convert.engine_number(1e20)


def test_tiny_numbers_in_example_facts_are_safe():
    from advisor.rules.factschema import BUSINESS_KEY

    r = rule("tiny", "task", "task.budget > 0")
    with Advisor(Ruleset([r], S)) as a:
        found = a.evaluate_facts({BUSINESS_KEY: {"_t": "business", "id": "business"},
                                  ("task", "t"): {"_t": "task", "id": "t", "budget": 0.00001}})
    assert not found.failures()


def test_fact_ids_never_collide():
    # c:661999 and c:1083776 collide under the engine's 32-bit FNV-1a hash
    assert fnv1a32("c:661999") == fnv1a32("c:1083776")
    with Advisor(RULESET, today=TODAY) as a:
        e1 = a._call(a._convert.eid, ("candidate", "661999"))
        e2 = a._call(a._convert.eid, ("candidate", "1083776"))
    assert e1 == "c:661999" and e2 != "c:1083776" and fnv1a32(e1) != fnv1a32(e2)


def test_colliding_candidates_both_evaluated(bakery):
    logo = bakery.task("logo")
    logo.candidates[0].id, logo.candidates[1].id = "661999", "1083776"
    logo.critical = True
    for c in logo.candidates[:2]:
        c.status, c.interview = "hired", None
    with Advisor(RULESET, today=TODAY) as a:
        found = a.evaluate(bakery)
    assert {f.candidate for f in found if f.rule == "interview-before-hire"} == {"661999", "1083776"}


def test_reload_frees_and_replaces(bakery):
    with Advisor(RULESET, today=TODAY) as a:
        a.evaluate(bakery)
        for _ in range(5):
            a.reload(Ruleset([rule("only", "task", "task.status == 'draft'")], S))
            found = a.evaluate(bakery)
            assert found.keys() == {("only", "site", None)}
        assert a._engine_stats()["rulesets"] == 1
        a.reload(RULESET)
        assert len(a.update(bakery)) == 5


def test_update_before_evaluate_is_a_full_evaluation(bakery):
    with Advisor(RULESET, today=TODAY) as a:
        assert len(a.update(bakery)) == 5


def test_today_is_injectable_and_changes_deadline_days(bakery):
    r = rule("soon", "task", "task.days_to_deadline <= 7")
    day = [date(2026, 11, 25)]
    with Advisor(Ruleset([r], S), today=lambda: day[0]) as a:
        assert a.evaluate(bakery).keys() == set()
        day[0] = date(2026, 12, 14)
        assert a.update(bakery).keys() == {("soon", "logo", None)}


def test_closed_advisor_refuses():
    a = Advisor(RULESET)
    a.close()
    a.close()
    with pytest.raises(RuntimeError):
        a.evaluate(None)


def _another(value):
    """A value of the same kind that differs from ``value`` (for the snapshot test)."""
    import datetime as dt

    from advisor.plan.model import Interview

    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, list):
        return value + ["x"]
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, Interview):
        return Interview(value.date, dict(value.scores), value.notes + "x")
    return 2.5 if value is None else None


def test_the_task_snapshot_sees_every_field_of_a_task_and_its_candidates(bakery):
    """An incremental evaluation reuses a task's facts while its snapshot is equal: an edit of any
    field (a new model field too) must change it, in place edits of lists included."""
    import dataclasses

    task = next(t for t in bakery.tasks if t.candidates)
    cand = task.candidates[0]
    for obj, skip in ((task, {"version", "candidates"}), (cand, {"version"})):
        for f in dataclasses.fields(obj):
            if f.name in skip:
                continue
            before = convert.task_snapshot(task)
            old = getattr(obj, f.name)
            setattr(obj, f.name, _another(old))
            assert convert.task_snapshot(task) != before, f"{type(obj).__name__}.{f.name}"
            setattr(obj, f.name, old)
    before = convert.task_snapshot(task)
    task.skills.append("sql")  # edited in place
    assert convert.task_snapshot(task) != before
