"""Core text names no app keys: the core names action ids and reasons, the app shows the key
actually bound (remapped by ``[keys]`` or not), the command line says the command to run."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.plan import lifecycle

ROOT = Path(__file__).resolve().parents[1]
#: how text names a key: "press s", "ctrl+r", "shortlist (s)" (but not "opening(s)")
KEY_WORDS = re.compile(r"\bpress\s+\S|\bctrl\+\w|(?:^|\s)\((?:[A-Za-z]|f\d+|ctrl\+\w+)\)", re.IGNORECASE)


#: a terminal's keys, not the app's: `outsource serve` runs in the foreground until interrupted
NOT_APP_KEYS = {"  (Ctrl+C stops)"}


def _core_strings():
    for path in sorted((ROOT / "advisor").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield path.relative_to(ROOT), node.lineno, node.value


def test_the_pattern_catches_how_keys_were_named():
    for text in ("press ctrl+r to reload", "shortlist (s)", "un-hire (u)", "Press e to edit"):
        assert KEY_WORDS.search(text), text
    for text in ("1 opening(s)", "3 candidate(s) read", "the key of an action", "compressed"):
        assert not KEY_WORDS.search(text), text


def test_no_string_in_the_core_names_an_app_key():
    bad = [f"{path}:{line}: {text[:60]!r}" for path, line, text in _core_strings()
           if KEY_WORDS.search(text) and text not in NOT_APP_KEYS]
    assert bad == []


def test_the_lifecycle_names_actions_and_the_app_shows_their_keys():
    from tui.actions_registry import key_for

    bare = lifecycle.state_table_markdown()
    assert "| shortlist |" in bare and not KEY_WORDS.search(bare)
    assert "| shortlist (s) |" in lifecycle.state_table_markdown(key_for)
    remapped = lifecycle.state_table_markdown(lambda ident: key_for(ident, {"main.shortlist": "S,f9"}))
    assert "| shortlist (S) |" in remapped and "| reject (x) |" in remapped
    assert all(key_for(t.action) for t in (*lifecycle.TASK_TRANSITIONS, *lifecycle.CANDIDATE_TRANSITIONS)
               if t.action), "every action the core names is one of the app's"


def test_check_output_after_an_engine_crash_names_a_command_not_a_key(capsys, bakery_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_ENGINE_TEST_CRASH", "full")
    code = main(["check", "--plan", str(bakery_path)])
    out, err = capsys.readouterr()
    assert code != 0 and "rules engine" in (out + err)
    assert "run the command again" in out + err
    assert not KEY_WORDS.search(out + err), out + err


@pytest.mark.parametrize("keys, shown", [(None, "ctrl+r"), ({"main.reload": "f6"}, "f6")])
async def test_the_app_shows_the_reload_key_actually_bound(tmp_path, keys, shown):
    pytest.importorskip("textual")
    from tui_helpers import make_app, screen_text, settle

    app = make_app(tmp_path, keys=keys)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        def boom(revision, *, full=False):
            raise RuntimeError("engine exploded")

        app.ctl.advise = boom
        app.save(lambda: app.ctl.save_business(app.ctl.plan.business.__class__(name="Other")))
        await settle(pilot)
        text = " ".join(screen_text(app).split())
    assert f"Press {shown} to reload the advisor" in text
