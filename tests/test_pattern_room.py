"""The shipped packs leave room on every engine fact type for the owner's own rules: durable-rules
allows 64 patterns a fact type, and a rule past that is left out with a warning (issue 21)."""

from __future__ import annotations

from advisor.rules.compiler import MAX_PATTERNS_PER_TYPE, OWNER_ROOM, compile_rules, compiled_rule, rule_patterns
from advisor.engine import Advisor
from advisor.rules.expr import parse
from advisor.rules.rulepack import Rule, Ruleset, load_rules
from advisor.settings import DEFAULT_RULE_SETTINGS


def _costliest(rules, ns: str) -> str:
    costs = sorted(((rule_patterns(compiled_rule(r.id, r.about, r.expr))[ns], r.id) for r in rules), reverse=True)
    return ", ".join(f"{rid} {n}" for n, rid in costs[:8] if n)


def test_shipped_packs_leave_room_for_the_owners_rules_on_every_fact_type():
    ruleset, problems = load_rules()
    assert not problems
    rules = list(ruleset.rules)
    result = compile_rules(rules)
    assert not result.problems and len(result.rules) == len(rules)
    for ns, used in result.patterns.items():
        room = MAX_PATTERNS_PER_TYPE - used
        assert room >= OWNER_ROOM, (f"{ns}: the shipped packs use {used} of {MAX_PATTERNS_PER_TYPE} engine "
                                    f"patterns, {room} left; costliest rules: {_costliest(rules, ns)}")


def test_owner_rules_about_a_candidate_fill_the_room_and_the_engine_evaluates_them(bakery):
    """What the room is for: as many rules of the owner's own about a candidate and its task as
    the room holds compile beside the shipped packs and fire; one more is left out, by name."""
    ruleset, _ = load_rules()
    shipped = list(ruleset.rules)
    free = MAX_PATTERNS_PER_TYPE - compile_rules(shipped).patterns["candidate"]
    assert free >= OWNER_ROOM
    own = [_rule(f"own-{i}", f"task.candidates > {i % 3} and candidate.rating > 0") for i in range(free)]
    result = compile_rules(shipped + own)
    assert not result.problems and len(result.rules) == len(shipped) + free
    with Advisor(Ruleset(shipped + own, ruleset.settings)) as a:
        found = a.evaluate(bakery)
    assert not [f for f in found if f.kind == "failure"]
    assert {"own-0", f"own-{free - 1}"} <= {f.rule for f in found}
    over = compile_rules(shipped + own + [_rule("one-too-many", "candidate.rating > 1")])
    assert [p.rule for p in over.problems] == ["one-too-many"]
    assert "durable-rules allows 64" in str(over.problems[0])


def _rule(rid: str, when: str) -> Rule:
    return Rule(id=rid, pack="mine", title=rid, severity="info", about="candidate", when=when,
                expr=parse(when, DEFAULT_RULE_SETTINGS), message=rid, why="w", fix="f")


def test_a_person_holding_every_critical_task_is_told_when_another_task_stops_being_critical():
    """``one-freelancer-dependence`` reads the plan's count of open critical tasks from the
    candidate fact (one engine rule): an edit of another task (C no longer critical) re-works the
    hired person's facts on the untouched tasks A and B, equal to a full evaluation's, and the
    advice is given once, on their first task."""
    from datetime import date

    from advisor.engine.diff import PlanFacts
    from advisor.plan.model import Candidate, Plan, Task

    today = date(2026, 3, 2)
    plan = Plan()
    for tid in "abc":
        t = Task(id=tid, title=tid.upper(), critical=True, status="hired")
        t.candidates = [Candidate(id=f"{tid}-x", name="Kim Ode" if tid == "c" else "Sam Lee", task=tid,
                                  status="hired")]
        plan.tasks.append(t)
    ruleset, _ = load_rules()
    held = lambda found: {f.task for f in found if f.rule == "one-freelancer-dependence"}  # noqa: E731
    facts: dict = {}
    kept = PlanFacts(ruleset.settings)
    list(kept.stream(plan, None, today, None, facts))
    with Advisor(ruleset, today=today) as a:
        assert held(a.evaluate(plan)) == set()  # Sam holds 2 of the 3 critical tasks
        plan.tasks[2].critical = False
        updated = a.update(plan, touched={"c"})
        kept.touched(plan, {"c"}, today, facts)
    full: dict = {}
    list(PlanFacts(ruleset.settings).stream(plan, None, today, None, full))
    assert facts == full
    assert [full[("candidate", f"{t}-x")]["person_all_critical"] for t in "abc"] == [True, True, False]
    with Advisor(ruleset, today=today) as again:
        assert held(updated) == held(again.evaluate(plan)) == {"a"}  # now both of 2, said once
