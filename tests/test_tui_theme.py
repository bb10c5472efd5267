"""The theme picked in the app (command palette > Theme) is remembered and used on the next
start; ``OUTSOURCE_THEME`` still wins for one run."""

from __future__ import annotations

from dataclasses import replace

from tui_helpers import make_app, settle

from advisor.storage.uistate import saved_theme


async def test_picked_theme_is_saved_and_restored(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert saved_theme() is None  # starting does not save anything
        app.theme = "nord"  # what the palette's theme picker does
        await pilot.pause()
    assert saved_theme() == "nord"

    cls = type(app)
    assert cls(app.settings).theme == "nord"  # the next start
    monkeypatch.setenv("OUTSOURCE_THEME", "textual-light")  # settings then carry the env's theme
    forced = replace(app.settings, ui=replace(app.settings.ui, theme="textual-light"))
    assert cls(forced).theme == "textual-light"
