"""The task's next step and the advice pane's lines are worked out once per advice and selection,
not again on every refresh: a cursor move among candidates keeps the task's decision (it does not
depend on the candidate under the cursor), an edit works it out once. Counted work, no clock; the
Next line is what the decision of the new advice says."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import focus_candidate, make_app, screen_text, settle  # noqa: E402


def next_line(app) -> str | None:
    lines = screen_text(app).splitlines()
    start = next(i for i, x in enumerate(lines) if "Advice ·" in x)
    pane = [x.strip("│ ") for x in lines[start + 1:] if x.startswith("│")]
    return pane[0] if pane and pane[0].startswith("Next ") else None


def fresh_step(app):
    """The task's next step worked out from scratch for what the app holds now."""
    from advisor.advice.steps import PlanIndex, arrange, next_step_for

    task = app.screen.task
    index = PlanIndex.of(app.ctl.plan, [task], rules=app.ctl.ruleset or ())
    return next_step_for(arrange(app.ctl.advice.findings.for_task(task.id), index), task.id, index)


async def test_cursor_moves_keep_the_task_decision_and_an_edit_works_it_out_once(tmp_path, monkeypatch):
    import advisor.advice.taskview as taskview  # where the next steps decide each task

    decided: list[str] = []
    real = taskview.decide

    def counting(plan, task, *a, **k):
        decided.append(task.id)
        return real(plan, task, *a, **k)

    monkeypatch.setattr(taskview, "decide", counting)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        task = app.screen.task
        assert len(task.candidates) >= 3
        await focus_candidate(pilot, task.candidates[0].name)
        await settle(pilot)
        shown = next_line(app)
        assert shown is not None and shown.endswith(fresh_step(app).action)
        decided.clear()
        for key in ("j", "j", "k"):
            await pilot.press(key)
            await settle(pilot)
        assert decided == []  # three cursor moves, the same decision
        assert next_line(app) == shown
        await pilot.press("s")  # shortlist the candidate under the cursor: an edit, new advice
        await settle(pilot)
        assert decided.count(task.id) == 1, decided
        assert next_line(app).endswith(fresh_step(app).action)


async def test_the_start_runs_without_the_cycle_collector_until_the_first_advice(tmp_path):
    """``outsource`` pauses the cyclic garbage collector for the app's start (~230 collections,
    ~60 ms of CPU between the start and the advice at 1,000 candidates, freeing nothing); the app
    enables it again once its first advice is on screen, and an app not asked to leaves it alone."""
    import gc

    gc.disable()
    try:
        app = make_app(tmp_path, resume_gc=True)
        async with app.run_test(size=(120, 40)) as pilot:
            assert not gc.isenabled() or app.findings is not None
            await settle(pilot)
            assert app.findings is not None and gc.isenabled()
    finally:
        gc.enable()
    gc.disable()
    try:
        app = make_app(tmp_path / "other")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.findings is not None and not gc.isenabled()
    finally:
        gc.enable()
