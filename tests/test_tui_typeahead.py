"""No lost keys: keys typed while a screen or form is opening reach the field the new screen
focuses, in order. The keys are posted at machine speed, all at once, as a terminal delivers a
paste or a burst over SSH (Pilot.press would wait for the app between keys)."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import burst, make_app, settle, stored_plan  # noqa: E402

async def test_a_whole_flow_typed_at_machine_speed_loses_no_key(tmp_path):
    from tui.widgets.panes import CandidateTable

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # add a task (its form opens with the title focused), save, and straight on: add a
        # candidate to it (the new task is selected), save; all in one burst
        burst(app, "tPrint flyers for the spring fair\x13cZoe Quintero-Vasquez\x13")
        await settle(pilot)
        task = next(t for t in stored_plan(app).tasks if t.title == "Print flyers for the spring fair")
        assert app.screen.__class__.__name__ == "MainScreen"
        cand = next(c for c in stored_plan(app).candidates() if c.task == task.id)
        assert cand.name == "Zoe Quintero-Vasquez"
        app.screen.query_one(CandidateTable).focus()
        await settle(pilot)
        burst(app, "s")
        await settle(pilot)
        assert stored_plan(app).candidate(cand.id).status == "shortlisted"


async def test_reason_typed_ahead_of_its_dialog_is_kept(tmp_path):
    from tui_helpers import focus_candidate

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Chen L.")
        burst(app, "xportfolio too thin\r")
        await settle(pilot)
        chen = stored_plan(app).candidate("chen")
        assert chen.status == "rejected" and chen.reject_reason == "portfolio too thin"


async def test_tab_typed_ahead_moves_on_and_keeps_the_prefilled_skill(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        n = len(stored_plan(app).rates)
        burst(app, "r\t45\x13")  # the skill is pre-filled from the task: Tab to the rate, type it
        await settle(pilot)
        rates = stored_plan(app).rates
        assert len(rates) == n + 1
        assert (rates[-1].skill, rates[-1].hourly) == ("logo design", 45.0)


@pytest.mark.parametrize("text", ["question_mark", "qx", "qt"])
async def test_keys_pasted_after_q_do_not_open_screens_on_a_closing_app(tmp_path, text):
    """"q" quits; keys arriving in the same burst (a paste of "question_mark" on the main
    screen) used to open the candidate form, the reason prompt or the task form on an app that
    was shutting down: an internal error and a crash log instead of a clean exit."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # the candidates table: e edits, x rejects, s shortlists
        await settle(pilot)
        before = stored_plan(app)
        burst(app, text)
        await settle(pilot)
        assert not app.is_running
        assert type(app.screen).__name__ == "MainScreen"
    assert app.return_code == 0
    assert stored_plan(app) == before  # the "s" and "x" after "q" changed nothing
