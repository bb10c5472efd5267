"""Pilot tests of the lifecycle in the app: un-hire and second-hire questions, shortlist that
leaves a hire alone, undo (and its refusal over another session's change), the history screen,
and marketplaces named by a task becoming records."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("textual")

from tui_helpers import focus_candidate, make_app, screen_text, settle, stored_plan, type_text  # noqa: E402


def notes(app) -> str:
    """Every notification shown so far (toasts are drawn over the screen, on their own layer)."""
    return "\n".join(n.message for n in app._notifications)


async def hire_ana(pilot) -> None:
    """Hire Ana P. (the logo task's one opening); Escape on the offer to decline Ben K. keeps him."""
    await focus_candidate(pilot, "Ana P.")
    await pilot.press("h", "y")
    await settle(pilot)
    assert stored_plan(pilot.app).candidate("ana").status == "hired"
    assert pilot.app.screen.__class__.__name__ == "ReasonScreen"  # decline the rest?
    await pilot.press("escape")
    await settle(pilot)
    for _ in range(200):  # the dialog's dismissal can trail settle on a loaded machine (seen once)
        if pilot.app.screen.__class__.__name__ != "ReasonScreen":
            break
        await pilot.pause()
    assert pilot.app.screen.__class__.__name__ != "ReasonScreen"
    assert stored_plan(pilot.app).candidate("ben").status == "shortlisted"


async def test_shortlist_leaves_a_hired_candidate_alone_and_unhire_asks_for_a_reason(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await hire_ana(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert stored_plan(app).candidate("ana").status == "hired"
        assert "un-hire them first" in notes(app)
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReasonScreen"
        assert "Un-hire Ana P. from" in screen_text(app)
        await pilot.press("escape")  # Escape keeps the hire
        await settle(pilot)
        assert stored_plan(app).candidate("ana").status == "hired"
        await pilot.press("u")
        await pilot.pause()
        await type_text(pilot, "late\r")
        await settle(pilot)
        plan = stored_plan(app)
        assert plan.candidate("ana").status == "shortlisted" and "Un-hired: late" in plan.candidate("ana").notes
        assert plan.task("logo").status == "hiring"
        assert [h.detail["change"] for h in app.ctl.history(limit=2)] == [
            "task 'Design a new logo': hired → hiring", "un-hire Ana P. from 'Design a new logo': late"]


async def test_second_hire_asks_naming_who_is_hired(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await hire_ana(pilot)
        await focus_candidate(pilot, "Ben K.")
        await pilot.press("h")
        await pilot.pause()
        text = screen_text(app)
        assert "Hire beyond the openings?" in text and "Ana P. is already" in text  # (the line wraps there)
        await pilot.press("n")
        await settle(pilot)
        assert stored_plan(app).candidate("ben").status == "shortlisted"
        await pilot.press("h", "y")  # go on past the question, then the hire screen
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HireScreen"
        await pilot.press("y")
        await settle(pilot)
        assert stored_plan(app).candidate("ben").status == "hired"


async def test_undo_a_shortlist_an_edit_and_a_delete_step_by_step(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "shortlisted"
        app.save(lambda: app.ctl.save_task(replace(app.ctl.plan.task("site"), title="Site v2")))
        await settle(pilot)
        app.save(lambda: app.ctl.delete_candidate("dora"))
        await settle(pilot)
        assert "dora" not in {c.id for c in stored_plan(app).candidates()}
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert stored_plan(app).candidate("dora").status == "rejected"
        assert "Undone: delete candidate Dora M." in notes(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert stored_plan(app).task("site").title != "Site v2"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "applied"
        assert app.screen.query_one("#cands-pane") is not None


async def test_undo_is_refused_when_another_session_changed_the_record(tmp_path):
    from advisor.storage.workspace import Workspace

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        with Workspace.open(app.settings.db_path) as other:
            chen = other.load_plan().candidate("chen")
            other.save_candidate(replace(chen, notes="changed elsewhere"))
        await pilot.press("ctrl+z")
        await settle(pilot)
        chen = stored_plan(app).candidate("chen")
        assert chen.status == "shortlisted" and chen.notes == "changed elsewhere"
        assert "cannot undo shortlist Chen L.: Chen L. changed in another session" in notes(app)


async def test_history_screen_lists_changes_newest_first_with_the_open_advice(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HistoryScreen"
        text = screen_text(app)
        assert "History · task 'Design a new logo' · 1 change(s)" in text and "shortlist Chen L." in text
        assert "status: applied → shortlisted" in text
        assert "open: WARN Design a new logo: 2 shortlisted" in text  # the advice open then
        await pilot.press("f")  # every task
        await settle(pilot)
        text = screen_text(app)
        assert "History · all tasks" in text
        assert text.index("shortlist Chen L.") < text.index("import plan")
        await pilot.press("ctrl+z")  # undo from the log too
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "applied"
        assert app.screen.__class__.__name__ == "HistoryScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MainScreen"


async def test_a_marketplace_named_by_a_task_is_a_record_with_unknown_fees(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        task = app.ctl.plan.task("site")
        app.save(lambda: app.ctl.save_task(replace(task, marketplaces=["Toptal"])))
        await settle(pilot)
        market = stored_plan(app).marketplace("Toptal")
        assert market is not None and market.fee_percent is None
        await pilot.press("m")
        await settle(pilot)
        text = screen_text(app)
        assert "Toptal" in text and "unknown" in text
        await pilot.press("G", "e")  # the last row is Toptal: the form opens with its name filled
        await pilot.pause()
        assert app.screen.query_one("#f-name").value == "Toptal"


async def test_e_on_a_shipped_rule_copies_it_to_the_user_folder(tmp_path, monkeypatch):
    from advisor.resources import builtin_rules_dir

    monkeypatch.setenv("EDITOR", "true")
    core = builtin_rules_dir() / "core.toml"
    before = core.read_text(encoding="utf-8")
    folder = tmp_path / "rules"
    app = make_app(tmp_path, rule_dirs=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert app.screen.selected().builtin
        rule_id = app.screen.selected().id
        await pilot.press("e")
        await pilot.pause()
        assert "never edited in place" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
    copy = folder / f"override-{rule_id}.toml"
    assert copy.exists() and f'id = "{rule_id}"' in copy.read_text()
    assert core.read_text(encoding="utf-8") == before
