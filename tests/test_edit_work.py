"""An edit of one candidate works out that candidate's fact again, not its whole task's: the
other candidates' facts are kept unless a task-wide figure they compare with changed (the live
price median and minimum, the interview ranks, a hire). Counted work, no clock; the advice and
every fact stay what a full evaluation gives."""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from datetime import date

from benchmarks.generate import biggest_task as biggest, make_plan, random_edit, with_candidate

from advisor.engine import Advisor
from advisor.plan.model import Interview, Plan
from advisor.rules.rulepack import load_rules
from profiles import examples

TODAY = date(2026, 11, 25)
RULESET, _ = load_rules()
NOTES = ["Happy to start Monday", "Guaranteed first page results", "Send 50% upfront by Western Union",
         "Let's talk on WhatsApp", "", "I paste the rows into ChatGPT", "300 photos a day, paid sample first"]


def keys(findings):
    return sorted((f.rule, f.task, f.candidate, f.severity, f.message, f.why, f.fix, f.suppressed) for f in findings)






def live(task):
    return [j for j, c in enumerate(task.candidates) if c.status in ("applied", "shortlisted", "interviewed")]


def test_a_note_edit_works_out_one_candidate_fact_and_a_price_edit_the_task_s():
    plan = make_plan(400, seed=7)
    task = biggest(plan)
    n = len(task.candidates)
    assert n >= 40
    with Advisor(RULESET, today=TODAY) as inc, Advisor(RULESET, today=TODAY) as fresh:
        inc.evaluate(plan)
        counter = inc._plan_facts

        def edit(new: Plan) -> int:
            before = counter.candidate_facts_made
            got = inc.update(new, touched={task.id})
            assert keys(got) == keys(fresh.evaluate(copy.deepcopy(new)))
            assert inc.facts() == fresh.facts()
            return counter.candidate_facts_made - before

        a, b, c = live(task)[:3]
        plan = with_candidate(plan, task.id, a, notes="Happy to start Monday")
        assert edit(plan) == 1
        plan = with_candidate(plan, task.id, b, notes="Prefers calls in the morning")
        assert edit(plan) == 1
        plan = with_candidate(plan, task.id, b, name="Someone Else")
        assert edit(plan) == 1
        old = plan.task(task.id).candidates[c]
        price = dict(bid=(old.bid or 100.0) * 3) if old.bid is not None else dict(hourly=(old.hourly or 20.0) * 3)
        plan = with_candidate(plan, task.id, c, **price)
        assert edit(plan) == n  # the median moved: every candidate's price ratio with it
        plan = with_candidate(plan, task.id, a, interview=Interview(scores={"quality": 5, "communication": 5}))
        assert edit(plan) == n  # a new interview average: everyone's interview rank
        plan.task(task.id).candidates[b].notes = "Back from leave on the 3rd"  # changed in place: still seen
        assert edit(plan) == 1


def test_random_edits_of_one_task_keep_every_fact_equal_to_a_full_evaluation():
    rng = random.Random(11)
    plan = make_plan(300, seed=3)
    task_id = biggest(plan).id
    made = 0
    steps = examples(30, fast=12)  # make stress: 30 edits; make test: 12
    with Advisor(RULESET, today=TODAY) as inc, Advisor(RULESET, today=TODAY) as fresh:
        inc.evaluate(plan)
        for step in range(steps):
            task = plan.task(task_id)
            j = rng.randrange(len(task.candidates))
            kind = rng.choice(["notes", "notes", "notes in place", "name", "status", "price", "interview", "hire", "other task"])
            touched = {task_id}
            if kind == "notes":
                plan = with_candidate(plan, task_id, j, notes=rng.choice(NOTES))
            elif kind == "notes in place":
                task.candidates[j].notes = rng.choice(NOTES)
            elif kind == "name":
                plan = with_candidate(plan, task_id, j, name=rng.choice(["Ana P.", "Ben K.", "Chen"]))
            elif kind == "interview":
                plan = with_candidate(plan, task_id, j, interview=Interview(scores={"quality": rng.randint(1, 5)}))
            elif kind == "hire":
                plan = with_candidate(plan, task_id, j, status=rng.choice(["hired", "applied"]))
            elif kind == "other task":
                plan, touched, _ = random_edit(plan, rng)
            else:
                plan, touched, _ = random_edit(plan, rng, "candidate price" if kind == "price" else "candidate status")
            before = inc._plan_facts.candidate_facts_made
            got = inc.update(plan, touched=touched)
            made += inc._plan_facts.candidate_facts_made - before
            assert keys(got) == keys(fresh.evaluate(copy.deepcopy(plan))), (step, kind)
            assert inc.facts() == fresh.facts(), (step, kind)
    assert made < steps * len(plan.task(task_id).candidates)  # some edits kept the other candidates' facts


def test_an_edit_asks_only_changed_candidates_whether_they_are_ruled_out(monkeypatch):
    """Each candidate's red-flag words and "ruled out?" answer are kept across edits until that
    candidate or a task-wide input the answer reads (the task's own fields) changes."""
    import advisor.rules.exclusion as exclusion

    asked: list[str] = []
    real = exclusion.ruled_out

    def counting(found, c, task, *a, **k):
        asked.append(c.id)
        return real(found, c, task, *a, **k)

    monkeypatch.setattr(exclusion, "ruled_out", counting)
    plan = make_plan(400, seed=7)
    task = biggest(plan)
    a, b = live(task)[:2]
    with Advisor(RULESET, today=TODAY) as inc, Advisor(RULESET, today=TODAY) as fresh:
        inc.evaluate(plan)

        def edit(new: Plan) -> set[str]:
            asked.clear()
            got = inc.update(new, touched={task.id})
            mine = set(asked)
            assert keys(got) == keys(fresh.evaluate(copy.deepcopy(new)))
            assert inc.facts() == fresh.facts()
            return mine

        plan = with_candidate(plan, task.id, b, name="Someone Else")
        assert {task.candidates[j].id for j in live(task)} <= edit(plan)  # the first edit asks all
        plan = with_candidate(plan, task.id, a, status="shortlisted")  # the app's `s`
        assert edit(plan) == {task.candidates[a].id}
        plan = with_candidate(plan, task.id, b, notes="Send 50% upfront by Western Union")
        # the note moves a task-wide figure: every candidate's own fact is redone, and those out
        # of the running not asked since the full evaluation are asked once (a status check)
        running = {task.candidates[j].id for j in live(task)}
        assert edit(plan) & running == {task.candidates[b].id}
        t = plan.task(task.id)
        plan = replace(plan, tasks=[replace(x, sensitive_data=not x.sensitive_data) if x.id == task.id else x
                                    for x in plan.tasks])  # the task's own field: everyone again
        assert {t.candidates[j].id for j in live(t)} <= edit(plan)
        plan.task(task.id).candidates[a].trial = "failed"  # changed in place: still seen
        assert task.candidates[a].id in edit(plan)
