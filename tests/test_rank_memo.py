"""The Ranking's kept rows (advisor/advice/rankmemo.py): after an edit of one candidate the app's
Ranking works out that candidate's row again, not the task's; a task-wide change (the task's own
fields, a moved median, a new best interview, the plan's marketplaces, the basis) works out the
whole task. Counted work, no clock; every Ranking equals a fresh one."""

from __future__ import annotations

import random
from dataclasses import replace

from benchmarks.generate import biggest_task as biggest, make_plan, random_edit, with_candidate

from advisor.advice.basis import Basis, builtin
from advisor.advice.rankmemo import RankMemo
from advisor.advice.value import ranks
from advisor.plan.model import Interview, Plan
from advisor.settings import ValueWeights
from profiles import examples

NOTES = ["Happy to start Monday", "Guaranteed first page results", "Send 50% upfront by Western Union",
         "Let's talk on WhatsApp", "", "Korean subtitles not included", "I paste the rows into ChatGPT",
         "Not asking for your password, I'd use my own account"]






def with_task(plan: Plan, task_id: str, **changes) -> Plan:
    return replace(plan, tasks=[replace(t, **changes) if t.id == task_id else t for t in plan.tasks])


def rows_for(memo: RankMemo, plan: Plan, task_id: str, basis=None) -> int:
    """Rows (score and reason) worked out by one Ranking of the task, which must equal a fresh one."""
    before = memo.worked.get("row", 0)
    task = plan.task(task_id)
    got = ranks(plan, task, basis, memo)
    assert got == ranks(plan, task, basis)
    assert list(got) == list(ranks(plan, task, basis))  # same order too
    return memo.worked.get("row", 0) - before


def test_a_status_edit_re_ranks_one_row_and_a_task_wide_change_the_whole_task():
    plan = make_plan(400, seed=7)
    task = biggest(plan)
    tid, n = task.id, len([c for c in task.candidates if c.status != "rejected"])
    assert n >= 40
    memo = RankMemo()
    assert rows_for(memo, plan, tid) == n  # the first Ranking works out every live row
    assert rows_for(memo, plan, tid) == 0  # nothing changed: nothing worked out
    j = next(j for j, c in enumerate(task.candidates) if c.status == "applied")
    plan = with_candidate(plan, tid, j, status="shortlisted")
    assert rows_for(memo, plan, tid) == 1
    plan = with_candidate(plan, tid, j, notes="Prefers calls in the morning")
    assert rows_for(memo, plan, tid) == 1
    plan.task(tid).candidates[j].notes = "Back from leave on the 3rd"  # changed in place: still seen
    assert rows_for(memo, plan, tid) == 1
    plan = with_task(plan, tid, budget=(task.budget or 100.0) * 2)  # the task's own field: the whole task
    assert rows_for(memo, plan, tid) == n
    k = next(k for k, c in enumerate(task.candidates) if c.status == "applied" and k != j)
    plan = with_candidate(plan, tid, k, interview=Interview(scores={"quality": 3}))
    assert rows_for(memo, plan, tid) == n  # one more interview: every reason's count of them
    plan = with_candidate(plan, tid, j, interview=Interview(scores={"quality": 5, "communication": 5}))
    assert rows_for(memo, plan, tid) == n  # a new best interview: every reason's "best interview"
    plan = with_candidate(plan, tid, j, interview=Interview(scores={"quality": 2}))
    assert rows_for(memo, plan, tid) == n  # as many interviews, another best (3/5 is "best" now)
    heavier = Basis(builtin().settings, builtin().phrases, builtin().key_criterion_low, ValueWeights(price=3.0))
    assert rows_for(memo, plan, tid, heavier) == n  # other weights: the whole task


def test_random_edits_keep_the_kept_ranking_equal_to_a_fresh_one():
    rng = random.Random(5)
    plan = make_plan(300, seed=3)
    tid = biggest(plan).id
    memo = RankMemo()
    rows_for(memo, plan, tid)
    steps = examples(40, fast=15)
    worked = 0
    for _ in range(steps):
        task = plan.task(tid)
        j = rng.randrange(len(task.candidates))
        kind = rng.choice(["notes", "notes in place", "status", "price", "interview", "other", "marketplace", "drop"])
        if kind == "notes":
            plan = with_candidate(plan, tid, j, notes=rng.choice(NOTES))
        elif kind == "notes in place":
            task.candidates[j].notes = rng.choice(NOTES)
        elif kind == "interview":
            plan = with_candidate(plan, tid, j, interview=Interview(scores={"quality": rng.randint(1, 5)}))
        elif kind == "marketplace" and plan.marketplaces:
            m = plan.marketplaces[0]
            plan = replace(plan, marketplaces=[replace(m, fee_percent=(m.fee_percent or 0) + 1), *plan.marketplaces[1:]])
        elif kind == "drop" and len(task.candidates) > 3:
            plan = with_task(plan, tid, candidates=[c for k, c in enumerate(task.candidates) if k != j])
        elif kind == "other":
            plan, _, _ = random_edit(plan, rng)
        else:
            plan, _, _ = random_edit(plan, rng, "candidate price" if kind == "price" else "candidate status")
        worked += rows_for(memo, plan, tid)
    # some edits kept the other rows (a fresh Ranking would have worked out all of them each time)
    assert worked < steps * len(plan.task(tid).candidates)


async def test_the_app_re_ranks_only_the_edited_candidate_s_row(tmp_path):
    """A shortlist in the app: the Ranking the table and the pane show works out one row again,
    and equals a fresh Ranking of what the app holds."""
    import pytest

    pytest.importorskip("textual")
    from tui_helpers import focus_candidate, make_app, settle

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        task = app.screen.task
        live = [c for c in task.candidates if c.status != "rejected"]
        assert len(live) >= 3
        await focus_candidate(pilot, next(c for c in live if c.status == "applied").name)
        await settle(pilot)
        memo = app.ctl._rank_memo
        assert memo is not None and memo.worked.get("row", 0) >= len(live)
        before = memo.worked["row"]
        await pilot.press("s")  # shortlist the candidate under the cursor
        await settle(pilot)
        task = app.screen.task
        assert memo.worked["row"] - before == 1
        assert app.ctl.ranks(app.ctl.plan, task) == ranks(app.ctl.plan, task, app.ctl.basis)
