"""SQLite never runs on the app's event loop (docs/architecture.md): every statement the app's
workspace connection runs during a typical session (decisions, undo, the history screen, a
reload, a change made by another session) runs in a worker thread, so a slow disk or a locked
database never freezes a frame."""

from __future__ import annotations

import time

import threading
from dataclasses import replace

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, settle, stored_plan  # noqa: E402


async def test_no_sql_statement_runs_on_the_event_loop_thread(tmp_path):
    from advisor.storage.workspace import Workspace
    from tui.widgets.panes import CandidateTable

    app = make_app(tmp_path)
    app.watch_seconds = 0.05  # the watcher of other sessions' commits is part of the flow
    loop_thread = threading.get_ident()
    ran: list[tuple[int, str]] = []  # (thread, statement) of every statement the app ran

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.ctl.ws.conn.set_trace_callback(lambda sql: ran.append((threading.get_ident(), sql)))
        table = app.screen.query_one(CandidateTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.pause()
        for key in ("s", "ctrl+z", "s", "H", "escape", "ctrl+r"):
            await pilot.press(key)
            await settle(pilot)
        with Workspace.open(app.settings.db_path) as other:  # another session commits
            other.save_business(replace(other.load_plan().business, name="Changed elsewhere"))
        for _ in range(100):
            await pilot.pause(0.05)
            if app.ctl.plan.business.name == "Changed elsewhere":
                break
        await settle(pilot)
        app.ctl.ws.conn.set_trace_callback(None)  # closing at exit is not part of the flow

    assert app.ctl.plan.business.name == "Changed elsewhere", "the other session's change was reloaded"
    assert stored_plan(app).business.name == "Changed elsewhere"
    statements = {sql.split()[0].upper() for _, sql in ran}
    assert {"SELECT", "INSERT", "UPDATE"} <= statements, statements  # the flow read and wrote
    on_loop = [sql for thread, sql in ran if thread == loop_thread]
    assert on_loop == [], f"{len(on_loop)} statement(s) on the event loop, first: {on_loop[:3]}"


class SqlTrace:
    """Every statement, with its thread, of the connections followed: the app's (``follow``), or
    every SQLite connection opened from now on (``monkeypatch`` given); ``paused()`` leaves out
    what the test itself does (another session, reading what was stored)."""

    def __init__(self, monkeypatch=None) -> None:
        import sqlite3

        self.ran: list[tuple[int, str]] = []
        self.loop_thread = threading.get_ident()
        self._on = True
        if monkeypatch is not None:
            real = sqlite3.connect

            def connect(*a, **k):
                return self.follow(real(*a, **k))

            monkeypatch.setattr(sqlite3, "connect", connect)

    def follow(self, conn):
        conn.set_trace_callback(lambda sql: self._on and self.ran.append((threading.get_ident(), sql)))
        return conn

    def paused(self):
        import contextlib

        @contextlib.contextmanager
        def off():
            self._on = False
            try:
                yield
            finally:
                self._on = True
        return off()

    def check(self, *kinds: str) -> None:
        statements = {sql.split()[0].upper() for _, sql in self.ran}
        assert set(kinds) <= statements, statements  # the flow ran what it is about
        on_loop = [sql for thread, sql in self.ran if thread == self.loop_thread]
        assert on_loop == [], f"{len(on_loop)} statement(s) on the event loop, first: {on_loop[:3]}"


async def test_an_app_given_no_open_controller_opens_the_workspace_off_the_loop(tmp_path, monkeypatch):
    app = make_app(tmp_path)  # as the tests and benchmarks build it: the controller not opened yet
    trace = SqlTrace(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.ctl.opened and app.screen.__class__.__name__ == "MainScreen"
        assert app.screen.task is not None and app.screen.task.id == "logo"  # the plan is drawn
    trace.check("SELECT")


async def test_a_forms_reload_after_a_conflict_runs_off_the_loop(tmp_path):
    from advisor.storage.workspace import Workspace
    from textual.widgets import Input

    from tui_helpers import focus_candidate, screen_text

    app = make_app(tmp_path)
    trace = SqlTrace()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        trace.follow(app.ctl.ws.conn)
        await focus_candidate(pilot, "Chen L.")
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CandidateForm"
        with trace.paused(), Workspace.open(app.settings.db_path) as other:  # another session
            other.save_candidate(replace(other.load_plan().candidate("chen"), country="Elsewhere"))
        app.screen.query_one("#f-notes", Input).value = "typed here"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CandidateForm" and "ctrl+r" in screen_text(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Reloaded the stored version" in screen_text(app)
        assert app.screen.query_one("#f-notes", Input).value == "typed here"  # kept
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen"
    with trace.paused():
        chen = stored_plan(app).candidate("chen")
    assert chen.notes == "typed here"
    trace.check("SELECT", "UPDATE")


async def test_quitting_with_an_edit_queued_saves_it_off_the_loop(tmp_path):
    app = make_app(tmp_path)
    trace = SqlTrace()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        trace.follow(app.ctl.ws.conn)
        chen = app.ctl.plan.candidate("chen")
        app.save(lambda: app.ctl.save_candidate(replace(chen, status="shortlisted")))
        app.action_quit_app()  # at once: the edit is still queued or being saved
        deadline = time.monotonic() + 60  # a busy machine only makes this slower
        while app.is_running and time.monotonic() < deadline:
            await pilot.pause(0.02)
        assert not app.is_running, "the app quit once the edit was saved"
    with trace.paused():
        assert stored_plan(app).candidate("chen").status == "shortlisted"
    trace.check("UPDATE")
