"""A form kept between openings (tui.screens.formcache) shows the next record and nothing of the
last one (typed text, errors, focus marker, scroll), and keys typed ahead of it land as in a new
form."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import burst, make_app, open_form, screen_text, settle, stored_plan  # noqa: E402


def _field(form, name: str):
    return form.query_one(f"#f-{name}")


async def test_a_kept_form_shows_the_next_record_and_nothing_typed_into_the_last(tmp_path):
    from tui.screens.forms import TaskForm
    from tui.widgets.panes import TaskList

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first, second = stored_plan(app).tasks[:2]
        form = await open_form(pilot, "e", pane=TaskList)
        assert isinstance(form, TaskForm) and form.task_rec.id == first.id
        burst(app, "JUNK TITLE\t\t\tJUNK SKILL\t\tnot a number")  # Title, then Skills, then Budget
        await settle(pilot)
        assert _field(form, "budget").value == "not a number"
        assert "must be a number" in screen_text(app)
        await pilot.press("escape")  # "Discard changes?"
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)

        await pilot.press("down", "e")
        await settle(pilot)
        again = app.screen
        assert again is form  # kept, not built again
        assert again.task_rec.id == second.id
        assert _field(again, "title").value == second.title
        assert _field(again, "skills").value == ", ".join(second.skills)
        text = screen_text(app)
        assert "JUNK" not in text and "not a number" not in text and "must be a number" not in text
        assert f"Edit task {second.title}"[:60] in text
        assert [ln for ln in text.splitlines() if "▸" in ln][0].split("▸ ")[1].startswith("Title")
        assert sum("▸" in ln for ln in text.splitlines()) == 1
        assert again.query_one("#form-fields").scroll_y == 0
        assert app.focused is _field(again, "title")
        assert again.touched == set() and not again.dirty
        # saved as it stands: the second task unchanged, the first untouched by the junk
        await pilot.press("ctrl+s")
        await settle(pilot)
        plan = stored_plan(app)
        assert plan.task(first.id).title == first.title and plan.task(first.id).skills == first.skills
        assert plan.task(second.id).title == second.title and plan.task(second.id).budget == second.budget


async def test_keys_typed_ahead_reach_a_kept_form_as_they_reach_a_new_one(tmp_path):
    """The same burst into a new form and then into the kept one: both stored as typed."""
    from tui.screens.forms import TaskForm

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "tFlyers for the fair\t\t\t\tprint, design\x13")
        await settle(pilot)
        kept = app.kept_forms
        assert len(kept) == 1
        burst(app, "tPosters for the fair\x13")  # the kept form: blank again, title typed ahead
        await settle(pilot)
        assert len(app.kept_forms) == 1 and not isinstance(app.screen, TaskForm)
        tasks = {t.title: t for t in stored_plan(app).tasks}
        assert tasks["Flyers for the fair"].skills == ["print", "design"]
        posters = tasks["Posters for the fair"]
        assert posters.skills == [] and posters.id != tasks["Flyers for the fair"].id


async def test_forms_with_other_fields_are_built_afresh(tmp_path):
    """A new task's Id is a field, an edit's is text: two kinds of form, each kept once."""
    from tui.screens.forms import TaskForm
    from tui.widgets.panes import TaskList

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(TaskList).focus()
        await settle(pilot)
        shown = []
        for key in ("e", "t", "e", "t"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, TaskForm)
            shown.append(app.screen)
            await pilot.press("escape")
            await settle(pilot)
        assert shown[0] is shown[2] and shown[1] is shown[3] and shown[0] is not shown[1]
        assert shown[1].query_one("#f-id").__class__.__name__ == "TextInput"
        assert shown[0].query_one("#f-id").__class__.__name__ == "Static"


async def test_a_kept_edit_form_selects_the_title_for_replacing_as_a_new_one_does(tmp_path):
    """Typed straight after `e`, text replaces the selected title, on every opening."""
    from tui.widgets.panes import TaskList

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first, second = stored_plan(app).tasks[:2]
        app.screen.query_one(TaskList).focus()
        await settle(pilot)
        burst(app, "eRenamed once\x13")  # a new form
        await settle(pilot)
        await pilot.press("e")  # kept, closed with the title focused
        await settle(pilot)
        await pilot.press("escape", "down")
        await settle(pilot)
        burst(app, "eRenamed twice\x13")
        await settle(pilot)
        plan = stored_plan(app)
        assert plan.task(first.id).title == "Renamed once"
        assert plan.task(second.id).title == "Renamed twice"


async def test_a_kept_form_takes_a_theme_changed_while_it_was_hidden(tmp_path):
    from tui.screens.forms import TaskForm
    from tui.widgets.panes import TaskList

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "e", pane=TaskList)
        dark = form.query_one(".dialog").styles.background
        await pilot.press("escape")
        await settle(pilot)
        app.theme = "textual-light"
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is form and isinstance(form, TaskForm)
        light = form.query_one(".dialog").styles.background
        assert light != dark
        await pilot.press("escape")
        await settle(pilot)
        app.kept_forms.clear()  # a form built now, in the light theme, is styled the same
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is not form and app.screen.query_one(".dialog").styles.background == light
