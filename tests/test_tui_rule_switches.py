"""Pilot: a rule switched off in the rules screen stays off (saved in the workspace)."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import TODAY, make_app, screen_text, settle  # noqa: E402

RULE = "shortlist-size"


def fired(app, rule=RULE):
    return [f for f in app.findings.items if f.rule == rule]


def row_state(app, rule=RULE) -> str:
    from tui.screens.rules import RulesTable

    table = app.screen.query_one(RulesTable)
    return str(table.get_row_at(table.get_row_index(rule))[0])


async def open_rules_on(pilot, rule=RULE) -> None:
    from tui.screens.rules import RulesScreen, RulesTable

    await pilot.press("R")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RulesScreen)
    table = pilot.app.screen.query_one(RulesTable)
    table.move_cursor(row=table.get_row_index(rule))
    await pilot.pause()


async def test_a_rule_switched_off_stays_off_in_the_next_session(tmp_path):
    from advisor.storage.workspace import Workspace
    from tui.app import OutsourceApp

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert fired(app)  # the bakery's logo task has too short a shortlist
        await open_rules_on(pilot)
        assert row_state(app) == "on"
        await pilot.press("space")
        await settle(pilot)
        assert row_state(app) == "off"
        assert not fired(app)
        assert "this workspace" in screen_text(app)
        await pilot.press("q")
        await settle(pilot)
    settings = app.settings
    with Workspace.open(settings.db_path) as ws:  # saved, with its history row
        assert ws.rule_switches() == {RULE: False}
        assert ws.history(1)[0].action == "switch rule"

    again = OutsourceApp(settings, today=TODAY, blink=False, watch_seconds=0)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.findings is not None and again.advice_error is None
        assert not fired(again)
        assert again.findings.items  # the other advice is still there
        await open_rules_on(pilot)
        assert row_state(again) == "off"
        await pilot.press("space")  # and back on: its advice returns, and that is saved too
        await settle(pilot)
        assert row_state(again) == "on" and fired(again)
    with Workspace.open(settings.db_path) as ws:
        assert ws.rule_switches() == {}


async def test_a_switch_made_in_another_session_is_applied_on_reload(tmp_path):
    from advisor.storage.workspace import Workspace

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert fired(app)
        with Workspace.open(app.settings.db_path) as other:
            other.set_rule_enabled(RULE, False)
        app._watch_changes()  # what the two-second timer does
        await settle(pilot)
        assert not fired(app)
        assert RULE in app.ctl.disabled_rules
