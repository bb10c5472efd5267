"""The decision reads the Ranking's kept rows (advisor/advice/rankmemo.py ``ruled_out_with``): in the
app a keystroke's Next step no longer reads the task's 300 candidates' notes again to find whom
to drop and who quotes part of the job; the decision is the same as one worked out fresh. And the
"interview now" step ranks with the advice's basis (the owner's lists), as the Ranking on screen.
Counted work, no clock."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from benchmarks.generate import biggest_task, make_plan, with_candidate as _edit

import advisor.rules.exclusion as exclusion
import advisor.rules.judgements as judgements
from advisor.advice.basis import Basis, builtin
from advisor.advice.decide import decide
from advisor.advice.phrasing import phrase
from advisor.advice.rankmemo import RankMemo, keep
from advisor.advice.situation import Situation
from advisor.advice.value import ranks, values_with
from advisor.plan.model import Plan

TODAY = date(2026, 12, 7)
NOTES = ["Happy to start Monday", "Guaranteed first page results", "Send 50% upfront by Western Union",
         "Let's talk on WhatsApp", "", "raw files are $40 extra", "I paste the rows into ChatGPT"]



def _hiring(plan: Plan) -> tuple[Plan, str]:
    """The biggest task still hiring, nobody hired yet (a decision to make)."""
    task = biggest_task(plan)
    cands = [replace(c, status="shortlisted") if c.status == "hired" else c for c in task.candidates]
    task = replace(task, status="hiring", candidates=cands)
    return replace(plan, tasks=[task if t.id == task.id else t for t in plan.tasks]), task.id




def _counting(monkeypatch) -> list[int]:
    """Counts the candidates whose words are read (``candidate_words``, what ``exclusions`` and
    the part-quote test call per candidate)."""
    calls = [0]
    real = judgements.candidate_words

    def counted(c, phrases, task=None):
        calls[0] += 1
        return real(c, phrases, task)

    for module in (judgements, exclusion):  # each module that reads a candidate's words
        monkeypatch.setattr(module, "candidate_words", counted)
    return calls


def test_the_apps_decision_reads_the_kept_rows_and_equals_a_fresh_one(monkeypatch):
    plan, tid = _hiring(make_plan(400, seed=3))
    n = len(plan.task(tid).candidates)
    assert n >= 30
    basis = Basis.of()  # a basis of its own: the app's memo is registered for it alone
    memo = RankMemo()
    keep(basis, memo)
    calls = _counting(monkeypatch)
    ranks(plan, plan.task(tid), basis, memo)
    assert calls[0] == n  # the Ranking reads every candidate's words once
    kept = decide(plan, plan.task(tid), TODAY, basis=basis)
    assert calls[0] == n  # the decision read none again
    assert kept == decide(plan, plan.task(tid), TODAY, basis=Basis.of())  # no memo: fresh
    rng = random.Random(5)
    seen = set()
    for _ in range(30):
        j = rng.randrange(n)
        plan = _edit(plan, tid, j, notes=rng.choice(NOTES),
                     status=rng.choice(["applied", "shortlisted", "interviewed", "rejected"]),
                     past_jobs_with_us=rng.choice([0, 0, 0, 1]))
        ranks(plan, plan.task(tid), basis, memo)
        before = calls[0]
        kept = decide(plan, plan.task(tid), TODAY, basis=basis)
        assert calls[0] == before  # the Ranking read the edited one: the decision reads nobody
        assert kept == decide(plan, plan.task(tid), TODAY, basis=Basis.of())  # a fresh one, field by field
        seen.add((kept.text[:5], len(kept.drops)) if kept else None)
    assert len(seen) > 3  # the edits changed the decision (drops came and went)


def test_without_a_kept_memo_the_decision_reads_each_candidate_once(monkeypatch):
    plan, tid = _hiring(make_plan(400, seed=3))
    calls = _counting(monkeypatch)
    decide(plan, plan.task(tid), TODAY, basis=Basis.of())
    # once for whom to drop and whose quote is for part of the job (was twice: exclusions, then
    # the part-quote test)
    assert calls[0] == len(plan.task(tid).candidates)


def _critical_soon(plan: Plan) -> tuple[Plan, str]:
    """The biggest task made critical, due in 10 days, nobody interviewed nor proven."""
    task = biggest_task(plan)
    cands = [replace(c, interview=None, status="shortlisted" if c.status == "interviewed" else c.status,
                     past_jobs_with_us=0, trial="none") for c in task.candidates]
    task = replace(task, critical=True, deadline=TODAY + timedelta(days=10), status="hiring", candidates=cands)
    return replace(plan, tasks=[task if t.id == task.id else t for t in plan.tasks]), task.id


def test_interview_now_names_the_candidates_the_owners_lists_keep(tmp_path):
    plan, tid = _critical_soon(make_plan(200, seed=11))
    said = "resten tar vi direkte, uten gebyr"  # Norwegian, in no built-in list
    first = next(v for v in values_with(plan, plan.task(tid), builtin()) if not v.excluded and not v.partial)
    j = next(k for k, c in enumerate(plan.task(tid).candidates) if c.id == first.candidate)
    plan = _edit(plan, tid, j, notes=said)
    owner = Basis.of({"phrases.off_platform": "resten tar vi direkte"})
    assert first.name in phrase("interview-before-deadline", Situation(plan, plan.task(tid), "them", (), TODAY, builtin()))
    mine = phrase("interview-before-deadline", Situation(plan, plan.task(tid), "them", (), TODAY, owner))
    assert mine.startswith("Interview ") and first.name not in mine  # the owner's list rules them out
    shown = [v.name for v in values_with(plan, plan.task(tid), owner) if not v.excluded and not v.partial][:2]
    assert all(name in mine for name in shown)  # the two the Ranking on screen puts first
