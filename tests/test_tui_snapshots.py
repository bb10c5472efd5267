"""Snapshot tests (pytest-textual-snapshot) of the main screen, the compare screen, the rules
screen and a form, at 80x24 and 120x40. Deterministic: fixed `today`, no cursor blink, fixed
theme, the bakery demo, and a rule pack of the tests' own (tests/tui_rules). Update with
`pytest tests/test_tui_snapshots.py --snapshot-update` after checking the new pictures."""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_textual_snapshot")

from tui_helpers import SNAPSHOT_RULES, settle  # noqa: E402
from tui_helpers import make_app as _make_app  # noqa: E402


def make_app(tmp_path, **kw):
    """The demo with a fixed rule pack, so the pictures do not change with the shipped rules."""
    return _make_app(tmp_path, rule_dirs=[SNAPSHOT_RULES], select=["snapshot"], **kw)

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    """Rule file paths are shown relative to the working folder: make that the repository."""
    monkeypatch.chdir(SNAPSHOT_RULES.parent.parent)


def settled(*keys):
    async def run_before(pilot):
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen_candidate_selected(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=settled("tab", "j"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare_screen(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=settled("C"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_rules_screen(snap_compare, tmp_path, size):
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=settled("R"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_task_form_with_an_error(snap_compare, tmp_path, size):
    keys = ("e", "tab", "tab", "tab", "tab", "tab", "tab", "end", "x")  # budget "300x"
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=settled(*keys))


def test_light_theme(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path, theme="light"), terminal_size=(80, 24), run_before=settled())
