"""Pilot tests of the app's flows, on a real workspace made from the bakery demo."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import focus_candidate, make_app, screen_text, settle, stored_plan, type_text  # noqa: E402


def keys_of(app, task_id="logo"):
    return {(f.rule, f.candidate) for f in app.findings.items if f.task == task_id and not f.suppressed}


async def test_main_screen_shows_the_plan(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Design a new logo" in text
        assert "Ben K." in text and "shortlisted" in text
        assert "P25" in text and "budget $30/h" in text
        assert "Shortlist" in text  # advice about the logo task's shortlist
        assert app.findings is not None and app.advice_error is None


async def test_tab_and_jk_move_between_panes_and_rows(tmp_path):
    from tui.widgets.panes import AdviceList, CandidateTable, TaskList

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, TaskList)
        await pilot.press("j")
        await settle(pilot)
        assert app.screen.task_id == "site"
        assert "Rebuild" in str(app.screen.query_one("#cands-pane").border_title) or app.screen.task.id == "site"
        await pilot.press("k", "tab")
        await settle(pilot)
        assert isinstance(app.focused, CandidateTable)
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, AdviceList)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert isinstance(app.focused, CandidateTable)


async def test_add_task_with_inline_validation(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await type_text(pilot, "Flyer")
        await pilot.press("tab", "tab", "tab", "tab", "tab", "tab")  # title -> ... -> budget
        await settle(pilot)
        assert app.focused.id == "f-budget"
        await type_text(pilot, "lots")
        await pilot.pause()
        assert "Budget must be a number" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "TaskForm"  # nothing saved while invalid
        assert all(t.title != "Flyer" for t in stored_plan(app).tasks)
        for _ in "lots":
            await pilot.press("backspace")
        await type_text(pilot, "-5")
        await pilot.pause()
        assert "Budget must be at least 0" in screen_text(app)
        await pilot.press("backspace", "backspace", *"120")
        await pilot.pause()
        assert "Budget must" not in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen"
        task = next(t for t in stored_plan(app).tasks if t.title == "Flyer")
        assert task.id == "flyer" and task.budget == 120
        assert app.screen.task_id == "flyer"
        assert "Flyer" in screen_text(app)


async def test_escape_on_a_dirty_form_asks_first(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"Half typed")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TaskForm"
        assert app.focused.value == "Half typed"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MainScreen"
        # a clean form closes at once
        await pilot.press("t", "escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MainScreen"


async def test_add_candidate(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", *"Eve R.")
        await pilot.press("tab", "tab")  # name -> marketplace -> bid
        await type_text(pilot, "250")
        await pilot.press("tab", "tab", *"4.8")
        await pilot.press("enter")
        await settle(pilot)
        cand = stored_plan(app).candidate("eve-r")
        assert cand.bid == 250 and cand.rating == 4.8 and cand.task == "logo" and cand.marketplace == "Upwork"
        assert "Eve R." in screen_text(app)


async def test_shortlist_changes_the_advice(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert ("shortlist-size", None) in keys_of(app)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "shortlisted"
        assert ("shortlist-size", None) not in keys_of(app)
        assert "3 shortlisted" in screen_text(app)


async def test_reject_asks_for_a_reason(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # empty reason is refused
        await pilot.pause()
        assert "A reason is required" in screen_text(app)
        await type_text(pilot, "too slow")
        await pilot.press("enter")
        await settle(pilot)
        chen = stored_plan(app).candidate("chen")
        assert chen.status == "rejected" and chen.reject_reason == "too slow"


async def test_interview_scorecard(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Ben K.")
        await pilot.press("i")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "InterviewForm"
        await pilot.press("tab", "4", "tab", "9")  # quality 9 is out of range
        await pilot.pause()
        assert "must be at most 5" in screen_text(app)
        await pilot.press("backspace", "3", "tab", "5", "tab", "tab", "tab", *"keen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        ben = stored_plan(app).candidate("ben")
        assert ben.status == "interviewed"
        assert ben.interview.scores == {"communication": 4, "quality": 3, "understanding": 5}
        assert ben.interview.notes == "keen"
        assert "4.0" in screen_text(app)


async def test_hire_lists_open_advice_first(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Ana P.")
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HireScreen"
        text = screen_text(app)
        assert "Hire Ana P." in text and "Open advice about this choice" in text
        assert "Shortlist" in text  # the shortlist-size advice about the task
        await pilot.press("n")
        await pilot.pause()
        assert stored_plan(app).candidate("ana").status == "interviewed"
        await pilot.press("h", "y")
        await settle(pilot)
        plan = stored_plan(app)
        assert plan.candidate("ana").status == "hired"
        assert plan.task("logo").status == "hired"


async def test_acknowledge_a_finding(tmp_path):
    from tui.widgets.panes import AdviceList

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        advice = app.screen.query_one(AdviceList)
        advice.focus()
        await pilot.pause()
        advice.highlighted = 0
        finding = app.screen._shown_findings[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FindingScreen"
        text = screen_text(app)
        assert finding.message[:30] in text.replace("\n", " ") or finding.title in text
        assert "Why" in text and "Fix" in text and "Facts that triggered it" in text
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "we only need two")
        await pilot.press("enter")
        await settle(pilot)
        sup = [s for s in stored_plan(app).suppressions if s.rule == finding.rule]
        assert sup and sup[0].reason == "we only need two"
        now = [f for f in app.findings.items if f.key == finding.key]
        assert now and now[0].suppressed
        assert app.screen.__class__.__name__ == "MainScreen"
        assert finding not in app.screen._shown_findings
        assert "1 acknowledged" in screen_text(app)
        # A shows the acknowledged ones; opening one lets you take it back
        await pilot.press("A")
        await pilot.pause()
        acked = [i for i, f in enumerate(app.screen._shown_findings) if f.suppressed]
        assert acked and "acknowledged" in screen_text(app)
        advice.focus()
        advice.highlighted = acked[0]
        await pilot.press("enter")
        await pilot.pause()
        assert "we only need two" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert not [s for s in stored_plan(app).suppressions if s.rule == finding.rule]
        assert not any(f.suppressed for f in app.findings.items if f.key == finding.key)


async def test_delete_a_task_asks_first(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "d")  # menu-copy
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert any(t.id == "menu-copy" for t in stored_plan(app).tasks)
        await pilot.press("d", "y")
        await settle(pilot)
        assert all(t.id != "menu-copy" for t in stored_plan(app).tasks)


async def test_a_task_edited_in_another_session_is_not_deleted(tmp_path):
    """The delete carries the version the screen showed: a task changed meanwhile in another
    session stays, with its candidates, and the app says why."""
    from dataclasses import replace

    from advisor.storage.workspace import Workspace

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # menu-copy
        await pilot.pause()
        with Workspace.open(app.settings.db_path) as other:
            task = next(t for t in other.load_plan().tasks if t.id == "menu-copy")
            other.save_task(replace(task, title="Menu copy, changed elsewhere"))
        await pilot.press("d", "y")
        await settle(pilot)
        stored = next((t for t in stored_plan(app).tasks if t.id == "menu-copy"), None)
        assert stored is not None and stored.title == "Menu copy, changed elsewhere"
        assert any("changed in another session" in str(n.message) for n in app._notifications)


async def test_filter_and_sort_candidates(tmp_path):
    from tui.widgets.panes import CandidateTable

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CandidateTable)
        assert table.row_count == 4
        await pilot.press("slash", *"sg")
        await pilot.pause()
        assert table.row_count == 1 and "1 of 4" in screen_text(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert table.row_count == 4
        order = [table.get_row_at(i)[0].plain for i in range(4)]
        assert order == ["Ben K.", "Ana P.", "Chen L.", "Dora M."]  # by price
        await pilot.press("O")
        await pilot.pause()
        order = [table.get_row_at(i)[0].plain for i in range(4)]
        assert order == ["Dora M.", "Chen L.", "Ana P.", "Ben K."]
        await pilot.press("o")  # next column: rating (descending stays on)
        await pilot.pause()
        assert app.screen.sort_key == "rating"
        assert table.get_row_at(0)[0].plain == "Chen L."


async def test_conflict_is_shown_in_the_form(tmp_path):
    from dataclasses import replace

    from advisor.storage.workspace import Workspace

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CandidateForm"
        with Workspace.open(app.settings.db_path) as other:  # another session edits Chen meanwhile
            chen = other.load_plan().candidate("chen")
            other.save_candidate(replace(chen, notes="changed elsewhere"))
        await pilot.press("tab", "tab", "end", "0")  # bid 360 -> 3600
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CandidateForm"
        text = screen_text(app)
        assert "Not saved" in text and "ctrl+r" in text
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen"
        assert stored_plan(app).candidate("chen").bid == 3600


async def test_advisor_failure_is_shown_and_edits_survive(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def boom(revision, *, full=False):
            raise RuntimeError("engine exploded")

        real = app.ctl.advise
        app.ctl.advise = boom
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "shortlisted"
        text = screen_text(app)
        assert "advisor failed" in text.lower() and "ctrl+r" in text
        app.ctl.advise = real
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.advice_error is None
        assert "advisor failed" not in screen_text(app).lower()


async def test_a_big_workspace_shows_only_the_selected_tasks_rows(tmp_path):
    from benchmarks.generate import make_plan

    from tui.widgets.panes import CandidateTable

    plan = make_plan(2_000)  # 99 tasks (8 and 4 candidates in the first two, as at 10,000)
    app = make_app(tmp_path, plan)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CandidateTable)
        first = app.ctl.plan.tasks[0]
        assert table.row_count == len(first.candidates) < 400
        await pilot.press("j")
        await settle(pilot)
        assert table.row_count == len(app.ctl.plan.tasks[1].candidates)
        assert app.findings is not None and app.advice_error is None


async def test_hire_shows_the_advice_the_hire_would_raise(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Ben K.")  # shortlisted, never interviewed; the logo is minor
        await pilot.press("h")
        await settle(pilot)
        text = screen_text(app)
        assert "Hiring would raise" in text
        # the logo is a minor, non-critical job: the interview advice is the small-job one
        assert app.ctl.ruleset.get("interview-before-minor-hire").title in text
        await pilot.press("n")
        await pilot.pause()
        assert stored_plan(app).candidate("ben").status == "shortlisted"
        assert app.ctl.advisor is not None  # the what-if did not disturb the live advisor
        assert ("interview-before-minor-hire", "ben") not in keys_of(app)


async def test_a_quick_action_on_a_stale_candidate_reloads_and_works_the_second_time(tmp_path):
    from dataclasses import replace

    from advisor.storage.workspace import Workspace

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with Workspace.open(app.settings.db_path) as other:
            chen = other.load_plan().candidate("chen")
            other.save_candidate(replace(chen, notes="changed elsewhere"))
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "applied"
        assert any("try again" in n.message for n in app._notifications)
        assert app.ctl.plan.candidate("chen").notes == "changed elsewhere"
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        chen = stored_plan(app).candidate("chen")
        assert chen.status == "shortlisted" and chen.notes == "changed elsewhere"


async def test_an_edit_queued_just_before_quitting_is_saved(tmp_path):
    from dataclasses import replace

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chen = app.ctl.plan.candidate("chen")
        app._pending.append((lambda: app.ctl.save_candidate(replace(chen, status="shortlisted")), None, None))
        app.action_quit_app()  # the edit is saved in the io worker, then the app quits
        await _until_stopped(app, pilot)
    assert stored_plan(app).candidate("chen").status == "shortlisted"


async def test_advice_follows_the_selection(tmp_path):
    from tui.widgets.panes import AdviceList

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        task_view = {(f.rule, f.candidate) for f in app.screen._shown_findings}
        assert ("shortlist-size", None) in task_view
        await focus_candidate(pilot, "Ben K.")
        shown = app.screen._shown_findings
        assert shown and all(f.candidate in (None, "ben") for f in shown)
        assert any(f.candidate == "ben" for f in shown)
        assert "Advice · Ben K." in screen_text(app)
        await pilot.press("tab")  # into the advice pane: still about Ben
        await settle(pilot)
        assert isinstance(app.focused, AdviceList)
        assert app.screen._shown_findings == shown
        await pilot.press("shift+tab", "shift+tab")  # back to the tasks: the whole task again
        await pilot.pause()
        assert {(f.rule, f.candidate) for f in app.screen._shown_findings} == task_view


async def test_interview_with_extra_criteria(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("tab", "5")
        for _ in range(4):
            await pilot.press("tab")
        await settle(pilot)
        assert app.focused.id == "f-other"
        await type_text(pilot, "portfolio")
        await pilot.pause()
        assert "name=score" in screen_text(app)
        await type_text(pilot, "=9")
        await pilot.pause()
        assert "must be at most 5" in screen_text(app)
        await pilot.press("backspace", *"4, price=3", "enter")
        await settle(pilot)
        chen = stored_plan(app).candidate("chen")
        assert chen.interview.scores == {"communication": 5, "portfolio": 4, "price": 3}
        await pilot.press("i")
        await pilot.pause()
        assert "Portfolio" in screen_text(app)  # extra criteria become fields next time


async def test_incremental_advice_after_edits_equals_a_full_evaluation(tmp_path):
    """Each edit passes the tasks it touched to Advisor.update (the speed hint); the advice after
    a series of edits is still exactly what a fresh full evaluation of the stored plan says."""
    from dataclasses import replace

    from advisor.engine import Advisor
    from advisor.plan.model import RateObservation
    from tui_helpers import TODAY

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ctl = app.ctl
        hints = []
        real_update = ctl.advisor.update

        def update(plan, *, touched=None):
            hints.append(None if touched is None else set(touched))
            return real_update(plan, touched=touched)

        ctl.advisor.update = update
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        assert hints == [{"logo"}]
        ben = ctl.plan.candidate("ben")
        app.save(lambda: ctl.save_candidate(replace(ben, job_success=60.0)))
        app.save(lambda: ctl.save_task(replace(ctl.task("site"), budget=20.0)))
        app.save(lambda: ctl.delete_candidate("dora"))
        await settle(pilot)
        # saved in order off the event loop; the evaluations after them were told every task
        # touched (one evaluation or several, as the saves landed)
        later = hints[1:]
        assert later and all(h is not None for h in later) and {"logo", "site"} <= set().union(*later)
        app.save(lambda: ctl.save_rate(RateObservation(skill=ctl.task("logo").skills[0], hourly=90.0, note="test")))
        await settle(pilot)
        assert hints[-1] is None  # a going rate feeds many tasks: no hint
        with Advisor(ctl._active_ruleset(), app.settings.advisor, today=TODAY) as fresh:
            full = fresh.evaluate(stored_plan(app))

        def key(findings):
            return sorted((f.rule, f.task or "", f.candidate or "", f.suppressed) for f in findings.items)

        assert key(app.findings) == key(full)


async def test_a_burst_of_saves_starts_one_evaluation_with_every_change(tmp_path):
    """Shortlist keys on several candidates at machine speed act as if typed slowly: each key
    meets the table as the save before it left it (one evaluation per save, at most). Saves
    queued back to back (an import, several edits in one turn of the event loop) start one
    evaluation after the last, told every task touched, so the advice is still exactly a fresh
    full evaluation of the stored plan."""
    from dataclasses import replace

    from advisor.engine import Advisor
    from tui.widgets.panes import CandidateTable
    from tui_helpers import TODAY, burst

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ctl = app.ctl
        await focus_candidate(pilot, "Ana P.")
        app.screen.query_one(CandidateTable).move_cursor(row=0)  # the four rows from the top
        before_status = {c.id: c.status for c in ctl.task("logo").candidates}
        before = ctl.evaluations
        burst(app, "sjsjsjs")  # posted at once (Pilot.press waits for the app after each key)
        await settle(pilot)
        after_status = {c.id: c.status for c in stored_plan(app).task("logo").candidates}
        assert sum(after_status[c] != before_status[c] for c in before_status) == 4  # every key saved
        assert ctl.evaluations - before <= 4  # never more than one per save
        # saves queued in one turn of the event loop: exactly one evaluation after the last
        before = ctl.evaluations
        for cand in ctl.task("logo").candidates[:3]:
            app.save(lambda c=cand: ctl.save_candidate(replace(c, notes=c.notes + " (checked)")))
        await settle(pilot)
        assert ctl.evaluations == before + 1
        with Advisor(ctl._active_ruleset(), app.settings.advisor, today=TODAY) as fresh:
            full = fresh.evaluate(stored_plan(app))

        def key(findings):
            return sorted((f.rule, f.task or "", f.candidate or "", f.suppressed) for f in findings.items)

        assert key(app.findings) == key(full)


async def test_engine_crash_keeps_the_edit_and_the_last_advice_and_reload_recovers(tmp_path, monkeypatch):
    """The engine process dies on an incremental update (a real SIGSEGV in the child, via the
    engine host's test hook): the edit is saved, the last advice stays on screen marked out of
    date with the failure and the reload key, the app keeps answering keys, and after the
    reload key the advice is current again."""
    from advisor.storage.workspace import Workspace

    from tui.widgets.panes import AdvicePane

    monkeypatch.setenv("ADVISOR_ENGINE_TEST_CRASH", "update")  # inherited by the engine process
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.findings is not None and app.advice_error is None  # the full evaluation works
        before = app.findings
        assert ("shortlist-size", None) in keys_of(app)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("s")
        await settle(pilot)
        assert app.advice_error is not None and type(app.advice_error).__name__ == "EngineCrashed"
        pane = app.screen.query_one(AdvicePane)
        assert pane.has_class("-failed") and pane.has_class("-stale")
        text = screen_text(app)
        assert "The advisor failed: the rules engine stopped" in text
        assert "out of date" in text and "ctrl+r" in text
        assert app.findings is before and app.screen._shown_findings  # the last advice stays
        # the edit is in the workspace (another connection sees it)
        with Workspace.open(app.settings.db_path) as ws:
            assert ws.load_plan().candidate("chen").status == "shortlisted"
        # the app keeps answering keys
        await pilot.press("shift+tab")
        await pilot.press("j")
        await settle(pilot)
        assert app.screen.task_id == "site"
        await pilot.press("k")
        await settle(pilot)
        monkeypatch.delenv("ADVISOR_ENGINE_TEST_CRASH")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.advice_error is None and app.findings is not before
        assert not pane.has_class("-failed") and not pane.has_class("-stale")
        assert ("shortlist-size", None) not in keys_of(app)  # current: Chen is on the shortlist
        assert "advisor failed" not in screen_text(app).lower()


async def test_quitting_while_the_engine_hangs_does_not_wait_for_it(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("ADVISOR_ENGINE_TEST_HANG", "full")
    app = make_app(tmp_path)
    start = time.monotonic()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(40):  # until the evaluation is stuck inside the engine
            await pilot.pause(0.05)
            if app.ctl.advisor is not None and app.ctl._lock.locked():
                break
        await pilot.pause(0.3)
        assert app.findings is None and app.ctl._lock.locked()  # stuck in the evaluation
        await pilot.press("q")
    assert time.monotonic() - start < 8  # the engine's own timeout for a full evaluation is 10 s


def test_candidate_filter_is_case_accent_and_order_insensitive():
    from advisor.plan.model import Candidate
    from tui.widgets.panes import matches

    jose = Candidate(id="jose-ortega", name="José Ortega", marketplace="Upwork", country="ES")
    for needle in ("jose", "ortega jose", "ORTEGA", "es upwork jose"):
        assert matches(jose, needle), needle
    assert not matches(jose, "jose maria")


async def test_the_candidate_form_records_agreements_and_history_with_us(tmp_path):
    from textual.widgets import Input, Select

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.__class__.__name__ == "CandidateForm"
        form.query_one("#f-past_jobs_with_us", Input).value = "2"
        form.query_one("#f-agreements", Select).value = "nda,ip-assignment"
        form.query_one("#f-trial", Select).value = "passed"
        form.query_one("#f-off_platform", Select).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen"
        chen = stored_plan(app).candidate("chen")
        assert (chen.past_jobs_with_us, chen.agreements, chen.trial, chen.off_platform, chen.review_left) == (
            2, ["nda", "ip-assignment"], "passed", True, False)
        assert ("off-platform-request", "chen") in keys_of(app)


async def test_the_task_and_business_forms_record_the_advice_fields(tmp_path):
    from textual.widgets import Input, Select

    from tui.screens.forms import BusinessForm, TaskForm

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TaskForm(app.ctl, app.ctl.task("logo")))
        await pilot.pause()
        form = app.screen
        form.query_one("#f-creates_ip", Select).value = True
        form.query_one("#f-milestones", Input).value = "2"
        form.query_one("#f-openings", Input).value = ""      # blank: the default, 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        logo = stored_plan(app).task("logo")
        assert (logo.creates_ip, logo.milestones, logo.openings, logo.sensitive_data) == (True, 2, 1, False)
        app.push_screen(BusinessForm(app.ctl))
        await pilot.pause()
        app.screen.query_one("#f-utc_offset", Input).value = "-7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stored_plan(app).business.utc_offset == -7


async def test_the_forms_record_how_the_work_is_done(tmp_path):
    """Task collaboration and hours together, the business's and a candidate's working hours;
    a malformed value keeps the form open with the field's message."""
    from textual.widgets import Input, Select

    from tui.screens.forms import BusinessForm, TaskForm

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TaskForm(app.ctl, app.ctl.task("logo")))
        await pilot.pause()
        form = app.screen
        form.query_one("#f-collaboration", Select).value = "live"
        form.query_one("#f-overlap_hours", Input).value = "6"
        await pilot.press("ctrl+s")
        await settle(pilot)
        logo = stored_plan(app).task("logo")
        assert (logo.collaboration, logo.overlap_hours) == ("live", 6)
        app.push_screen(BusinessForm(app.ctl))
        await pilot.pause()
        app.screen.query_one("#f-working_hours", Input).value = "9-5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "BusinessForm"   # refused: not HH:MM-HH:MM
        assert stored_plan(app).business.working_hours is None
        app.screen.query_one("#f-working_hours", Input).value = "08:00-16:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stored_plan(app).business.working_hours == "08:00-16:00"
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CandidateForm"
        app.screen.query_one("#f-working_hours", Input).value = "21:00-06:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stored_plan(app).candidate("chen").working_hours == "21:00-06:00"


async def test_edits_are_saved_off_the_event_loop_in_the_order_made(tmp_path):
    """Twenty edits queued at once: each is saved in a worker thread (SQLite never blocks a
    frame), in the order made, and each screen callback runs back on the event loop."""
    import threading
    from dataclasses import replace

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        loop_thread = threading.get_ident()
        saved_in, called_in, order = [], [], []

        def edit(n: int):
            def run():
                saved_in.append(threading.get_ident())
                chen = app.ctl.plan.candidate("chen")
                return app.ctl.save_candidate(replace(chen, notes=f"edit {n}"))
            return run

        def after(n: int):
            return lambda result: (called_in.append(threading.get_ident()), order.append((n, result.notes)))

        for n in range(20):
            app.save(edit(n), after=after(n))
        await settle(pilot)
    assert order == [(n, f"edit {n}") for n in range(20)]
    assert saved_in and all(t != loop_thread for t in saved_in)
    assert called_in == [loop_thread] * 20
    assert stored_plan(app).candidate("chen").notes == "edit 19"


def test_advice_changed_messages_coalesce_keeping_a_plan_change():
    """A newer AdviceChanged queued behind an older one replaces it, and still says the plan
    changed if the older one did (so the screens redraw the edit, once)."""
    from textual.message import Message

    from tui.messages import AdviceChanged

    older, newer = AdviceChanged(plan_changed=True), AdviceChanged(plan_changed=False)
    assert older.can_replace(newer)
    assert newer.plan_changed
    assert not AdviceChanged().can_replace(Message())  # another kind of message is never dropped


async def _until_stopped(app, pilot, timeout: float = 60.0) -> None:
    """Wait for the app to quit by itself (a busy machine only makes this slower)."""
    import time

    deadline = time.monotonic() + timeout
    while app.is_running and time.monotonic() < deadline:
        await pilot.pause(0.02)
    assert not app.is_running, f"the app did not quit within {timeout:.0f} s"


async def test_answering_the_hire_dialog_before_its_check_comes_back_is_safe(tmp_path, monkeypatch):
    """"Hiring would raise…" is worked out in a thread; answered (n) before it comes back, the
    dialog is taken apart when it does: showing it must not fail the worker (a failed worker
    closes the app; seen once in a full run as NoMatches('#what-if'))."""
    import threading

    app = make_app(tmp_path)
    release = threading.Event()

    def slow_what_if(self, plan, task_id):
        release.wait(10)
        return [("warning", "Something to check", "some-rule", None)]

    monkeypatch.setattr(type(app.ctl), "what_if", slow_what_if)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Ana P.")
        await pilot.press("h")
        await pilot.pause()
        dialog = app.screen
        assert dialog.__class__.__name__ == "HireScreen"
        await pilot.press("n")  # answered while the check is still running
        for _ in range(5):
            await pilot.pause(0.05)  # the dialog closed and taken apart
        assert not dialog.children
        dialog._show_what_if([("warning", "Something to check", "some-rule", None)])  # what the worker calls
        release.set()
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen" and app.return_code is None
        assert stored_plan(app).candidate("ana").status == "interviewed"


async def test_the_hire_check_coming_back_while_the_dialog_is_taken_apart_is_dropped(tmp_path, monkeypatch):
    """The check can come back while the answered dialog is still attached and has children but
    its "Checking…" line is already gone (Textual removes a screen's widgets leaf first): seen in a
    full run as NoMatches('#what-if') closing the app after "h" "y" typed fast."""
    import threading

    app = make_app(tmp_path)
    release = threading.Event()

    def slow_what_if(self, plan, task_id):
        release.wait(10)
        return []

    monkeypatch.setattr(type(app.ctl), "what_if", slow_what_if)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await focus_candidate(pilot, "Ana P.")
        await pilot.press("h")
        await pilot.pause()
        dialog = app.screen
        assert dialog.__class__.__name__ == "HireScreen"
        await dialog.query_one("#what-if").remove()  # half taken apart
        assert dialog.is_attached and dialog.children
        dialog._show_what_if([("warning", "Something to check", "some-rule", None)])  # what the worker calls
        release.set()
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen" and app.return_code is None
