"""Pilot tests at 80x24 (issue 19, items 3, 4 and 6): forms that fit the screen, focus shown
without colour, read-only fields as text, framed dropdowns; actions that mean what they say
(`e` on a finding opens its record, done and cancel ask, declining the rest after a hire); the
enlarged advice pane."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("textual")

from tui_helpers import (  # noqa: E402
    focus_candidate, make_app, open_form, screen_text, settle, stored_plan, type_text)


def form_lines(app) -> list[str]:
    return screen_text(app).splitlines()


def marked(app) -> list[str]:
    """The labels drawn with the focus marker."""
    return [ln.split("▸", 1)[1].split()[0] for ln in form_lines(app) if "▸" in ln]


async def test_the_edit_task_form_keeps_save_and_cancel_on_screen_and_scrolls_its_fields(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "e", kind="TaskForm")
        text = screen_text(app)
        assert "Save (ctrl+s)" in text and "Cancel (esc)" in text
        # Tab to the last field: it scrolls into view, the buttons stay
        for _ in range(len(form.fields) - 2):  # every field but the title and the read-only Id
            await pilot.press("tab")
        await settle(pilot)
        last = form.fields[-1]
        assert app.focused.id == f"f-{last.name}"
        text = screen_text(app)
        assert f"▸ {last.label}" in text
        assert "Save (ctrl+s)" in text and "Cancel (esc)" in text
        assert len(text.splitlines()) <= 24


async def test_the_focus_marker_follows_tab_and_shows_without_colour(tmp_path):
    from textual.filter import Monochrome

    from tui.app import OutsourceApp

    base = make_app(tmp_path)
    settings = replace(base.settings, ui=replace(base.settings.ui, no_color=True))
    app = OutsourceApp(settings, today=base.today, blink=False, watch_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        assert any(isinstance(f, Monochrome) for f in app.get_line_filters())
        await open_form(pilot, "t", kind="TaskForm")
        assert marked(app) == ["Title"]
        await pilot.press("tab")
        await settle(pilot)
        assert marked(app) == ["Id"]  # a new task's Id is a field
        await pilot.press("tab", "tab")
        await settle(pilot)
        assert marked(app) == ["Critical"]
        await pilot.press("shift+tab")
        await settle(pilot)
        assert marked(app) == ["Size"]


async def test_an_edit_forms_id_is_text_and_tabs_count_visible_fields(tmp_path):
    """The issue's slip: counted Tabs from Title to Budget in an edit form landed in Hours."""
    from textual.widgets import Input

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "e", kind="TaskForm")
        id_line = next(ln for ln in form_lines(app) if " Id " in ln)
        assert "logo" in id_line and "(fixed)" in id_line
        assert not app.screen.query("Input#f-id") and not [w for w in app.screen.query(Input) if w.disabled]
        # Title, (Id: text), Size, Critical, Skills, Pricing, Budget: five Tabs from Title to Budget
        await pilot.press(*["tab"] * 5)
        await settle(pilot)
        assert app.focused.id == "f-budget" and marked(app) == ["Budget"]
        await type_text(pilot, "400")  # a field entered by Tab has its text selected: replaced
        await pilot.press("ctrl+s")
        await settle(pilot)
        task = stored_plan(app).task("logo")
        assert task.budget == 400 and task.hours == 10 and task.id == "logo"


async def _drawn(pilot, app, text: str) -> str:
    """The form's line holding ``text`` once the frame shows it: the focus marker and the scroll
    to the field are drawn on a refresh after the focus, which a loaded machine may not have
    painted when the app is idle again (seen in CI: StopIteration)."""
    for _ in range(100):
        line = next((ln for ln in form_lines(app) if text in ln), None)
        if line is not None:
            return line
        await pilot.pause(0.02)
    raise AssertionError(f"{text!r} never drawn: {form_lines(app)}")


async def test_a_focused_label_never_runs_into_its_field(tmp_path):
    """At 80x24 the marker made "▸ Hours together" fill the label column: "Hours togethera day".
    The edit-task form (its longest label), then a new candidate's."""
    from textual.widgets import Input

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("e", "c"):
            form = await open_form(pilot, key)
            seen = []
            # the column is as wide as the longest label: if the longest ones clear their fields, all do
            editable = [f for f in form.fields if not f.read_only]
            longest = max(len(f.label) for f in editable)
            for f in [f for f in editable if len(f.label) >= longest - 1]:
                form.query_one(f"#f-{f.name}").focus()
                await settle(pilot)
                assert app.focused.id == f"f-{f.name}"
                line = await _drawn(pilot, app, f"▸ {f.label}")
                after = line.split(f"▸ {f.label}", 1)[1]
                assert after[:1] == " ", (f.label, line)  # a blank cell, then the field
                field = form.query_one(f"#f-{f.name}")
                label = form.query_one(f"#l-{f.name}")
                assert label.region.right <= field.region.x
                if isinstance(field, Input) and field.placeholder and not field.value:
                    assert field.placeholder[:10] in after  # the field is drawn where it starts
                seen.append(f.name)
            assert "overlap_hours" in seen or key == "c"
            await pilot.press("escape")  # nothing typed: closes at once
            await settle(pilot)
            assert app.screen is not form


async def test_an_open_dropdown_is_framed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e", "tab", "enter")  # Size, opened
        await settle(pilot)
        lines = form_lines(app)
        options = [ln for ln in lines if any(f"│{o} " in ln for o in ("minor", "moderate", "major"))]
        assert len(options) == 3  # each option inside the frame, not beside the rows' labels
        top = next(i for i, ln in enumerate(lines) if "│minor" in ln) - 1
        assert "╭" in lines[top] and "╰" in lines[top + 4]
        assert marked(app) == ["Size"]  # the field keeps its marker while its list is open


async def test_e_on_a_finding_opens_the_record_it_is_about(tmp_path):
    from tui.widgets.panes import AdviceList

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        advice = app.screen.query_one(AdviceList)
        advice.focus()
        await settle(pilot)
        shown = app.screen._shown_findings
        about_ben = next(i for i, f in enumerate(shown) if f.candidate == "ben")
        about_task = next(i for i, f in enumerate(shown) if f.candidate is None and f.task == "logo")
        advice.highlighted = about_ben
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CandidateForm" and app.screen.cand.id == "ben"
        await pilot.press("escape")
        await settle(pilot)
        advice.highlighted = about_task
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "TaskForm" and app.screen.task_rec.id == "logo"
        await pilot.press("escape")
        await settle(pilot)
        # and from the finding's own screen
        advice.highlighted = about_ben
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "FindingScreen"
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CandidateForm" and app.screen.cand.id == "ben"


@pytest.mark.parametrize("key, status", [("D", "done"), ("X", "cancelled")])
async def test_done_and_cancel_ask_first(tmp_path, key, status):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        assert "Design a new logo" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert stored_plan(app).task("logo").status == "hiring"
        await pilot.press(key, "y")
        await settle(pilot)
        assert stored_plan(app).task("logo").status == status


async def test_after_a_hire_the_rest_of_the_shortlist_can_be_declined_with_one_reason(tmp_path):
    from advisor.plan.model import Candidate
    from advisor.storage.planfile import load_plan
    from advisor.resources import demo_plan_path

    plan = load_plan(demo_plan_path())
    logo = plan.tasks[0]
    logo.candidates = [*logo.candidates, Candidate("eve", "Eve R.", task="logo", bid=300.0, status="shortlisted")]
    app = make_app(tmp_path, plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Ana P.")
        await pilot.press("h", "y")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ReasonScreen"
        text = screen_text(app)
        assert "Decline the rest of the shortlist" in text and "Ben K., Eve R. are still shortlisted" in text
        # the offered reason is selected: typing replaces it
        await type_text(pilot, "went with Ana\r")
        await settle(pilot)
        stored = stored_plan(app)
        assert stored.candidate("ana").status == "hired"
        for cid in ("ben", "eve"):
            assert stored.candidate(cid).status == "rejected"
            assert stored.candidate(cid).reject_reason == "went with Ana"
        assert stored.candidate("chen").status == "applied"  # never shortlisted: left alone
        # one change: one undo takes back both declines
        assert app.ctl.history(limit=1)[0].detail["change"].startswith("decline 2 shortlisted")
        await pilot.press("ctrl+z")
        await settle(pilot)
        stored = stored_plan(app)
        assert stored.candidate("ben").status == "shortlisted" and stored.candidate("eve").status == "shortlisted"
        assert stored.candidate("ana").status == "hired"


async def test_z_enlarges_the_advice_pane_with_whole_texts(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        small = screen_text(app)
        assert "Candidates" in small and "…" in small  # at 80x24 the next step is cut
        await pilot.press("z")
        await settle(pilot)
        big = screen_text(app)
        assert "Candidates" not in big.split("Advice", 1)[0]
        flat = " ".join(ln.strip("│ ") for ln in big.splitlines())
        first = app.screen._shown_findings[0]
        assert " ".join(first.message.split()) in " ".join(flat.split())  # the message, whole
        assert "z back" in big
        await pilot.press("z")
        await settle(pilot)
        assert "Candidates" in screen_text(app)
