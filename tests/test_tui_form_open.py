"""Opening a form at 80x24 (issue 19, item 3), as work counted rather than timed: how often the
screens are laid out and how often the stylesheet is applied while the edit-task form opens.
Each count fell when a waste was removed (docs/performance.md, "Form open at 80x24"); these
tests keep it from coming back."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, open_form, settle  # noqa: E402


async def _open_counting(tmp_path, monkeypatch, key: str):
    from textual.css.stylesheet import Stylesheet
    from textual.screen import Screen

    app = make_app(tmp_path)
    layouts: list[str] = []
    applies = [0]
    refresh_layout, apply = Screen._refresh_layout, Stylesheet.apply

    def counting_layout(self, *args, **kwargs):
        layouts.append(type(self).__name__)
        return refresh_layout(self, *args, **kwargs)

    def counting_apply(self, *args, **kwargs):
        applies[0] += 1
        return apply(self, *args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Screen, "_refresh_layout", counting_layout)
        monkeypatch.setattr(Stylesheet, "apply", counting_apply)
        await pilot.press(key)
        await settle(pilot)
        monkeypatch.undo()
        form = app.screen
        widgets = sum(1 for _ in form.walk_children(with_self=True))
        return type(form).__name__, layouts, applies[0], widgets


async def test_opening_a_form_lays_it_out_at_most_twice_and_not_the_screen_under_it(tmp_path, monkeypatch):
    # before: six layouts (the form at full height, capped, with its scrollbar, ...) and the
    # main screen laid out again under it, though its size never changed
    name, layouts, _applies, _widgets = await _open_counting(tmp_path, monkeypatch, "e")
    assert name == "TaskForm"
    assert "MainScreen" not in layouts, layouts
    assert layouts.count("TaskForm") <= 2, layouts


async def test_opening_a_form_styles_each_widget_about_once(tmp_path, monkeypatch):
    # before: ~3.8 stylesheet applications per widget (widgets restyled before they were mounted,
    # dropdowns restyled once mounted); now ~2 (an Input's parts are styled on their own)
    name, _layouts, applies, widgets = await _open_counting(tmp_path, monkeypatch, "e")
    assert name == "TaskForm"
    assert applies <= 2.5 * widgets, (applies, widgets)


async def test_a_kept_form_opens_in_one_full_frame(tmp_path, monkeypatch):
    # before: three frames per opening of a kept form, two of them whole (the dimmed main
    # screen drawn again under the form each time): the layout's own frame followed at once by
    # the whole repaint of the same update, then a whole repaint asked for by the main screen
    # as it went under; then one more for the focus marker
    from textual._compositor import Compositor

    app = make_app(tmp_path)
    frames: list[str] = []
    full, partial = Compositor.render_full_update, Compositor.render_partial_update

    def counting_full(self, *args, **kwargs):
        frames.append("full")
        return full(self, *args, **kwargs)

    def counting_partial(self, *args, **kwargs):
        frames.append("partial")
        return partial(self, *args, **kwargs)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        title = app.ctl.plan.tasks[0].title
        opened = []
        for _ in range(2):  # built, then kept and refilled
            monkeypatch.setattr(Compositor, "render_full_update", counting_full)
            monkeypatch.setattr(Compositor, "render_partial_update", counting_partial)
            await open_form(pilot, "e", kind="TaskForm")
            monkeypatch.undo()
            opened.append((list(frames), app.screen.query_one("#f-title").value))
            frames.clear()
            await pilot.press("escape")
            await settle(pilot)
    (built, built_title), (kept, kept_title) = opened
    assert built_title == kept_title == title
    # built: one whole frame as it resumes, one after its mount; kept: one, with the focus
    # marker in it (it was drawn by a second frame, once Textual's Focus event came)
    assert built.count("full") <= 2 and kept == ["full"], opened
