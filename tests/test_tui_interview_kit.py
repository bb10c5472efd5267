"""The interview form shows the candidate's interview kit at 80x24, above the scores."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, screen_text, settle  # noqa: E402


async def _open_interview(pilot, name: str) -> None:
    from tui.widgets.panes import CandidateTable

    app = pilot.app
    table = app.screen.query_one(CandidateTable)
    table.focus()
    await pilot.pause()
    cid = next(c.id for c in app.screen.task.candidates if c.name == name)
    table.move_cursor(row=table.get_row_index(cid))
    await pilot.pause()
    await pilot.press("i")
    await settle(pilot)


async def test_interview_form_lists_the_questions_at_80x24(tmp_path):
    app = make_app(tmp_path)
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
