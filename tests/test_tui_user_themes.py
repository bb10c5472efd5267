"""User theme files (issue 23): TOML in the data folder's ``themes/``, colours only, picked by
``--theme`` or ``[ui] theme``; a bad file is one message naming file, line and key, and the app
starts with the rest."""

from __future__ import annotations

import argparse

from tui_helpers import make_app, settle

from advisor.commands.app import with_flags
from advisor.settings import Settings
from tui.themes import load_user_themes, themes_folder

GOOD = 'name = "harbour"\ndark = true\nprimary = "#0178D4"\nbackground = "#0b1620"\n'


def _write(name: str, text: str):
    folder = themes_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    return folder / name


def test_theme_files_are_read_and_bad_ones_named_by_file_line_and_key():
    _write("harbour.toml", GOOD)
    bad = _write("evil.toml", 'name = "evil"\nprimary = "#0178D4"\nbackground = "url(javascript:x)"\n')
    _write("code.toml", 'name = "code"\nprimary = "red"\ncss = "Screen { display: none; }"\n')
    big = _write("big.toml", 'name = "big"\nprimary = "red"\n#' + "x" * 20_000 + "\n")
    themes, problems = load_user_themes()
    assert [t.name for t in themes] == ["harbour"]
    assert themes[0].primary == "#0178D4" and themes[0].dark
    assert f"{bad}:3: background: must be a colour" in "\n".join(problems)
    assert any(p.endswith("unknown key; a theme has name, dark, primary, secondary, accent, foreground, "
                          "background, surface, panel, boost, warning, error, success") and ":3: css:" in p
               for p in problems)
    assert any(p.startswith(f"{big}:1: is over 16 KiB") for p in problems)
    assert len(problems) == 3


async def test_the_app_uses_a_theme_file_by_name_at_80x24(tmp_path):
    _write("harbour.toml", GOOD)
    _write("broken.toml", 'name = "broken"\nprimary = 12\n')
    app = make_app(tmp_path, theme="harbour")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "harbour"
        notes = [str(n.message) for n in app._notifications]
        assert any("broken.toml:2: primary: must be a colour" in n for n in notes), notes


async def test_an_unknown_theme_falls_back_with_one_message(tmp_path):
    app = make_app(tmp_path, theme="no-such-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert any("unknown theme 'no-such-theme'" in str(n.message) for n in app._notifications)


def test_theme_flag_is_this_runs_choice(monkeypatch):
    monkeypatch.setenv("OUTSOURCE_THEME", "")  # restored after the test (with_flags sets it)
    s = with_flags(Settings(), argparse.Namespace(theme="nord"))
    assert s.ui.theme == "nord"
    import os

    assert os.environ["OUTSOURCE_THEME"] == "nord"  # wins over the theme last picked; reaches serve's apps


def test_theme_flag_is_accepted_by_the_app_and_serve():
    from advisor.cli import build_parser

    p = build_parser()
    assert p.parse_args(["--theme", "nord"]).theme == "nord"
    assert p.parse_args(["serve", "--theme", "gruvbox"]).theme == "gruvbox"
