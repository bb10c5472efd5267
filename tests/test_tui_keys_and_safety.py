"""Keys (bindings with ids, remapping, `?`, the palette, quitting), themes, and showing imported
text literally."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, screen_text, settle, stored_plan  # noqa: E402

def keys_text(app) -> str:
    """The rows of the keys screen's table, one per line."""
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    return "\n".join(" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count))


EVIL = "[@click=app.quit]x[/] \x1b]52;c;aGVsbG8=\x07"


def test_every_binding_has_an_id():
    from textual.binding import Binding

    import tui.screens.compare as compare
    import tui.screens.dialogs as dialogs
    import tui.screens.finding as finding
    import tui.screens.forms as forms
    import tui.screens.keys as keys
    import tui.screens.main as main
    import tui.screens.marketplaces as markets
    import tui.screens.rules as rules
    import tui.screens.transfer as transfer
    from tui.app import OutsourceApp
    from tui.widgets import panes

    from tui.keycheck import binding_classes

    classes = binding_classes(OutsourceApp)
    for cls in (OutsourceApp, main.MainScreen, forms.FormScreen, dialogs.ConfirmScreen, finding.FindingScreen,
                keys.KeysScreen, compare.CompareScreen, markets.MarketplacesScreen, rules.RulesScreen,
                transfer.ImportScreen, panes.TaskList, panes.CandidateTable, panes.AdviceList):
        assert cls in classes
    ids = []
    for cls in classes:
        for b in cls.BINDINGS:
            assert isinstance(b, Binding), (cls, b)
            if b.system:
                continue
            assert b.id, f"{cls.__name__}: binding {b.key} -> {b.action} has no id"
            assert "+shift" not in b.key and "ctrl+shift" not in b.key, b.key
            ids.append((cls.__name__, b.id))
    assert len(ids) > 40



def test_the_action_registry_is_the_one_source_of_every_binding():
    """Each class's bindings come from the registry (same key, action, label, footer flag), and
    every record is bound somewhere: an id the `[keys]` check accepts always does something."""
    from tui.actions_registry import ACTIONS, BY_ID
    from tui.app import OutsourceApp
    from tui.keycheck import binding_classes, known_ids

    bound = set()
    for cls in binding_classes(OutsourceApp):
        for b in cls.BINDINGS:
            if b.system:
                continue
            record = BY_ID[b.id]
            assert (b.key, b.description, b.show, b.priority) == (record.key, record.label, record.show,
                                                                 record.priority), b.id
            assert b.action in (record.action, record.table_action), b.id
            bound.add(b.id)
    assert bound == {a.id for a in ACTIONS} == known_ids(OutsourceApp)

async def test_imported_name_is_shown_literally_and_cannot_run_an_action(tmp_path):
    from advisor.storage.csvimport import read_candidates_csv
    from advisor.storage.workspace import Workspace

    app = make_app(tmp_path)
    csv = tmp_path / "evil.csv"
    csv.write_text("Name,Bid,Notes\n\"" + EVIL + "\",200,\"[b]bold[/b] \x1b[31mred\"\n", encoding="utf-8")
    with Workspace.open(app.settings.db_path) as ws:
        ws.add_candidates("logo", read_candidates_csv(csv, "logo", [c.id for c in ws.load_plan().candidates()]))
    # wide enough for the whole escaped name in the candidates table (narrower, it is cut with …)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text
        assert "\\x1b]52;c;aGVsbG8=\\x07" in text
        # no segment on screen carries an action or a raw escape character
        update = app.screen._compositor.render_update(full=True)
        from textual.strip import Strip

        for line in update.strips:
            parts = [line] if isinstance(line, Strip) else list(line)
            for strip in parts:
                for seg in strip:
                    assert "\x1b" not in seg.text and "\x07" not in seg.text
                    meta = seg.style.meta if seg.style else {}
                    assert "@click" not in meta
        # clicking the name does not quit
        from tui.widgets.panes import CandidateTable

        table = app.screen.query_one(CandidateTable)
        table.focus()
        cid = next(c.id for c in app.screen.task.candidates if c.name == EVIL)
        row = table.get_row_index(cid)
        await pilot.click(CandidateTable, offset=(3, row + 1))
        await settle(pilot)
        assert app.is_running and app.return_code is None
        # the compare screen and a form show it literally too
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CandidateForm"
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        table.move_cursor(row=row)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        assert "[@click=app.quit]x[/]" in screen_text(app)


async def test_keys_can_be_remapped(tmp_path):
    app = make_app(tmp_path, keys={"main.shortlist": "S", "app.quit": "ctrl+x", "main.new_task": "n"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        from tui.widgets.panes import CandidateTable

        table = app.screen.query_one(CandidateTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("chen"))
        await pilot.press("s")  # the old key does nothing now
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "applied"
        await pilot.press("S")
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "shortlisted"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TaskForm"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = keys_text(app)
        assert "S main.shortlist" in text
        await pilot.press("escape")
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert not app.is_running or app.return_code == 0


async def test_question_mark_lists_the_keys_of_the_current_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = keys_text(app)
        for ident in ("main.shortlist", "main.reject", "main.interview", "main.hire", "app.quit", "list.down"):
            assert ident in text, ident
        await pilot.press("escape")
        await pilot.press("R")  # the rules screen has its own keys
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = keys_text(app)
        assert "rules.toggle" in text and "main.shortlist" not in text


async def test_palette_offers_what_fits_the_screen(tmp_path):
    from textual.app import SystemCommand

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Add a task" in titles and "Keys" in titles and "Quit" in titles
        assert "Shortlist the selected candidate (again: un-shortlist)" in titles
        await pilot.press("j")  # the website task has no candidates yet
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Shortlist the selected candidate (again: un-shortlist)" not in titles
        assert "Focus Next" not in titles
        await pilot.press("k")
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Shortlist the selected candidate (again: un-shortlist)" in titles
        await pilot.press("R")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "On/off" in titles and "Add a task" not in titles
        assert all(isinstance(c, SystemCommand) for c in app.get_system_commands(app.screen))


async def test_q_quits_at_once_unless_a_form_is_dirty(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"abc")  # q would be typed into the field: ctrl+q quits from anywhere
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("name,expected", [("dark", "textual-dark"), ("light", "textual-light"),
                                           ("ansi", "ansi-dark"), ("textual-ansi", "ansi-dark"),
                                           ("nord", "nord"), ("nonsense", "textual-dark")])
async def test_themes(tmp_path, name, expected):
    app = make_app(tmp_path, theme=name)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == expected


async def test_no_color_setting(tmp_path):
    from dataclasses import replace

    from textual.filter import Monochrome

    from tui.app import OutsourceApp

    base = make_app(tmp_path)
    settings = replace(base.settings, ui=replace(base.settings.ui, no_color=True))
    app = OutsourceApp(settings, blink=False, watch_seconds=0)
    assert app.no_color and any(isinstance(f, (Monochrome,)) for f in app.get_line_filters())


def test_run_honours_no_mouse(monkeypatch, tmp_path):
    from dataclasses import replace

    import tui.app as tapp
    from advisor.settings import Settings

    seen = {}

    def fake_run(self, **kw):
        seen.update(kw)
        return 0

    monkeypatch.setattr(tapp.OutsourceApp, "run", fake_run)
    s = Settings(db=tmp_path / "w.db")
    assert tapp.run(replace(s, ui=replace(s.ui, mouse=False))) == 0
    assert seen["mouse"] is False


async def test_an_unexpected_error_is_one_line_and_a_log_file(tmp_path, isolated_env, capsys):
    app = make_app(tmp_path)

    def boom():
        raise RuntimeError("kaboom")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.screen.action_compare = boom
            await pilot.press("C")
            await pilot.pause()
    err = capsys.readouterr().err
    assert "outsource: internal error: RuntimeError: kaboom" in err
    assert "Traceback" not in err
    logs = list(isolated_env.rglob("crash-*.log"))
    assert logs and "kaboom" in logs[0].read_text()


def test_run_reports_a_bad_workspace_before_starting(tmp_path):
    from advisor.errors import WorkspaceError
    from advisor.settings import Settings
    from tui.app import run

    bad = tmp_path / "not-a-db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError):
        run(Settings(db=bad))


async def test_unknown_ids_in_the_keymap_are_reported(tmp_path):
    app = make_app(tmp_path, keys={"main.shortlst": "S"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("'main.shortlst' is not an action id" in m and "main.shortlist" in m for m in messages)
