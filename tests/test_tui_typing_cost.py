"""What one typed character costs in a dialog or a form, as work counted rather than timed.

Textual's Input lays the whole screen out on every keystroke (its text width is a reactive with
``layout=True``), and a screen under a dialog, once it has repainted anything, redraws the top
screen in full on every message it handles afterwards (each typed key's markers among them):
33 ms a character in the import dialog, 4x what it needs (``tui/textual_hacks.py``, uses 10 and
11). A character typed into a one-line field must repaint that field, not the terminal."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("textual")

from tui_helpers import burst, make_app, screen_text, settle  # noqa: E402


async def _typing_counts(pilot, monkeypatch, text: str) -> dict[str, int]:
    from textual._compositor import Compositor
    from textual.screen import Screen

    counts = {"layouts": 0, "full updates": 0, "partial updates": 0}
    layout, full, partial = Screen._refresh_layout, Compositor.render_full_update, \
        Compositor.render_partial_update

    def counting(name, fn):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(Screen, "_refresh_layout", counting("layouts", layout))
    monkeypatch.setattr(Compositor, "render_full_update", counting("full updates", full))
    monkeypatch.setattr(Compositor, "render_partial_update", counting("partial updates", partial))
    burst(pilot.app, text)
    await settle(pilot)
    monkeypatch.undo()
    return counts


async def test_typing_into_the_import_dialog_repaints_the_field_not_the_screen(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        counts = await _typing_counts(pilot, monkeypatch, "/no/such/folder/plan.toml")
        assert counts["layouts"] == 0 and counts["full updates"] == 0, counts
        assert counts["partial updates"] >= 1  # the field itself was redrawn
        assert "/no/such/folder/plan.toml" in screen_text(app)


async def test_typing_into_a_form_field_repaints_the_field_not_the_screen(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")  # the task's form, its first field focused
        await settle(pilot)
        counts = await _typing_counts(pilot, monkeypatch, " and a menu board")
        assert counts["layouts"] == 0 and counts["full updates"] == 0, counts
        assert "and a menu board" in screen_text(app)


async def test_a_change_under_a_dialog_is_on_screen_once_the_dialog_closes(tmp_path):
    """The screen under a dialog no longer repaints in full on every message: what changed under
    it while the dialog was open is drawn once the dialog closes."""
    from tui.widgets.panes import CandidateTable

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        cand = next(c for t in app.ctl.plan.tasks for c in t.candidates if c.id == "ana")
        app.save(lambda: app.ctl.save_candidate(replace(cand, bid=310.0)))
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"
        assert str(app.screen.query_one(CandidateTable).get_cell("ana", "price")) == "$310"
        assert "$310" in screen_text(app)
