"""The interview form shows the candidate's interview kit at 80x24, above the scores."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import focus_candidate, make_app, screen_text, settle  # noqa: E402


def _four_bids():
    """The demo plan with Dora back in play on the logo: a 4th live bid, so Ben's $150 is far
    below the median of the others (with 3 live bids there is no median to be far below)."""
    from advisor.resources import demo_plan_path
    from advisor.storage.planfile import load_plan

    plan = load_plan(demo_plan_path())
    for c in plan.task("logo").candidates:
        if c.status == "rejected":
            c.status = "applied"
    return plan


async def _open_interview(pilot, name: str) -> None:
    await focus_candidate(pilot, name)
    await pilot.press("i")
    await settle(pilot)


async def test_interview_form_lists_the_questions_at_80x24(tmp_path):
    app = make_app(tmp_path, _four_bids())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _open_interview(pilot, "Ben K.")
        assert app.screen.__class__.__name__ == "InterviewForm"
        text = screen_text(app)
        # Ben bids far under the others with a 75% job success: the kit asks about both
        assert "Ask in the interview" in text
        assert "What exactly is included at $150" in text
        assert "Save (ctrl+s)" in text  # the buttons stay on screen; the kit scrolls with the fields
        # the whole kit and the rows under it are drawn on opening (measured at the row's width,
        # not the grid's first column: that left blank lines and unpainted rows until a key)
        assert "Date" in text and "Communication" in text and "(rating-from-few-reviews)" in text
        kit = app.screen.query_one("#interview-kit")
        assert [q.rule for q in kit.questions][:2] == ["bid-far-below-median", "bid-far-below-median"]
        assert "low-job-success" in {q.rule for q in kit.questions}
        # the scores are still reachable: Tab goes field to field past the kit, to the notes
        assert app.focused.id == "f-date"
        for _ in range(6):
            await pilot.press("tab")
        await settle(pilot)
        assert app.focused.id == "f-notes"
        assert "Notes" in screen_text(app)


async def test_no_kit_when_nothing_calls_for_a_question(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _open_interview(pilot, "Ana P.")  # interviewed, no open advice with questions
        assert app.screen.__class__.__name__ == "InterviewForm"
        assert not app.screen.query("#interview-kit")
        assert "Ask in the interview" not in screen_text(app)


async def test_rows_spanning_the_grid_are_as_high_as_their_text_at_the_grids_width(tmp_path):
    """The kit and a field's error line span the grid's two columns and are measured at that
    width: one blank line under the kit (its own), and a long error wraps whole with the next
    field's row right under it (measured at the 16-cell label column, they left blank lines)."""
    from textual.widgets import Input

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _open_interview(pilot, "Ben K.")
        lines = [ln[5:75].strip() for ln in screen_text(app).splitlines()]
        last = max(i for i, ln in enumerate(lines) if "(rating-from-few-reviews)" in ln)
        assert lines[last + 1] == "" and lines[last + 2].startswith("▸ Date"), lines[last:last + 3]
        other = app.screen.query_one("#f-other", Input)
        other.focus()
        other.value = "x" * 90  # not name=score: the error quotes it, over two lines or more
        await settle(pilot)
        line = app.screen.query_one("#e-other")
        assert line.region.height >= 2 and line.region.width > 60
        app.screen.query_one("#form-fields").scroll_end(animate=False)
        await settle(pilot)
        lines = [ln[5:75].strip() for ln in screen_text(app).splitlines()]
        first = next(i for i, ln in enumerate(lines) if ln.startswith("↑ Other write each extra criterion"))
        tail = first + line.region.height - 1
        assert lines[tail].endswith("'") and lines[tail + 1].startswith("Notes"), lines[first:tail + 2]


async def test_the_kit_follows_advice_that_changes_while_the_form_is_open(tmp_path):
    """Another session raises Ben's bid to the going price while his interview form is open: the
    advice moves, and the kit drops the questions about the low bid and keeps the others, with
    what was typed and the focus where they were."""
    from dataclasses import replace

    from advisor.storage.workspace import Workspace
    from textual.widgets import Input

    app = make_app(tmp_path, _four_bids())
    app.watch_seconds = 0.05  # the watcher of other sessions' commits brings the change in
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _open_interview(pilot, "Ben K.")
        kit = app.screen.query_one("#interview-kit")
        assert "bid-far-below-median" in {q.rule for q in kit.questions}
        await pilot.press("tab")  # Communication
        await pilot.press("4")
        await settle(pilot)
        assert app.focused.id == "f-score_communication"
        with Workspace.open(app.settings.db_path) as other:
            plan = other.load_plan()
            other.save_candidate(replace(plan.candidate("ben"), bid=300.0))
        for _ in range(200):
            await pilot.pause(0.05)
            if app.ctl.plan.candidate("ben").bid == 300.0 and app.ctl.advice.revision == app.ctl.revision:
                break
        await settle(pilot)
        assert app.screen.__class__.__name__ == "InterviewForm"
        rules = {q.rule for q in app.screen.query_one("#interview-kit").questions}
        assert "bid-far-below-median" not in rules and "low-job-success" in rules, rules
        text = screen_text(app)
        assert "What exactly is included at $150" not in text and "Ask in the interview" in text
        assert app.focused.id == "f-score_communication"
        assert app.screen.query_one("#f-score_communication", Input).value == "4"
