"""Issue 23 in the app: the business and candidate forms have a time-zone row (generated from the
field table); an unknown zone keeps the form open and stores nothing."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import focus_candidate, make_app, settle, stored_plan  # noqa: E402


async def test_the_forms_record_a_time_zone_and_refuse_an_unknown_one(tmp_path):
    from textual.widgets import Input

    from tui.screens.forms import BusinessForm

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(BusinessForm(app.ctl))
        await pilot.pause()
        app.screen.query_one("#f-timezone", Input).value = "Europe/Dubln"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "BusinessForm"   # refused: no such zone
        assert stored_plan(app).business.timezone is None
        app.screen.query_one("#f-timezone", Input).value = "europe/dublin"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stored_plan(app).business.timezone == "Europe/Dublin"
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CandidateForm"
        app.screen.query_one("#f-timezone", Input).value = "Asia/Singapore"
        await pilot.press("ctrl+s")
        await settle(pilot)
        chen = stored_plan(app).candidate("chen")
        assert (chen.timezone, chen.utc_offset) == ("Asia/Singapore", 8)
