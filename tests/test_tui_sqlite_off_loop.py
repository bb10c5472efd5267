"""SQLite never runs on the app's event loop (docs/architecture.md): every statement the app's
workspace connection runs during a typical session (decisions, undo, the history screen, a
reload, a change made by another session) runs in a worker thread, so a slow disk or a locked
database never freezes a frame."""

from __future__ import annotations

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
