"""Snapshot tests (pytest-textual-snapshot) of the main screen, the compare screen, the rules
screen and the forms, at 80x24 and 120x40. Deterministic: fixed `today`, no cursor blink, fixed
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
    keys = ("e", "tab", "tab", "tab", "tab", "tab", "end", "x")  # budget "300x" (the Id is text: no Tab stop)
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=settled(*keys))


def test_edit_task_form_scrolled_to_the_last_field(snap_compare, tmp_path):
    """80x24: the fields scroll, Save and Cancel stay on screen, `▸` marks the focused field and
    the read-only Id is text (Tab goes Title, Size, ... Handover: 21 Tabs)."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settled("e", *["tab"] * 21))


def test_edit_task_form_dropdown_open(snap_compare, tmp_path):
    """80x24: an open dropdown is framed over the rows below it."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settled("e", "tab", "enter"))


def test_edit_candidate_form(snap_compare, tmp_path):
    """80x24: the candidate form (20 fields) with its buttons on screen."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settled("tab", "e"))


def test_advice_pane_enlarged(snap_compare, tmp_path):
    """80x24, `z`: the advice pane alone, every text whole."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settled("z"))


def test_light_theme(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path, theme="light"), terminal_size=(80, 24), run_before=settled())


# --------------------------------------------------------------------------- lifecycle screens at 80x24

def test_keys_screen_scrolled_to_the_end(snap_compare, tmp_path):
    """`?` at 80x24: whole descriptions (wrapped), G scrolls to the last key."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settled("question_mark", "G"))


def test_new_task_form_placeholders(snap_compare, tmp_path):
    """Placeholders are examples: italic and "e.g."; the marketplaces example names the known ones."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settled("t"))


def test_compare_five_shortlisted(snap_compare, tmp_path):
    """Five shortlisted side by side at 80 columns (a sixth scrolls); statuses in whole words."""
    from dataclasses import replace

    from advisor.plan.model import Candidate
    from advisor.storage.planfile import load_plan
    from advisor.resources import demo_plan_path

    plan = load_plan(demo_plan_path())
    logo = plan.tasks[0]
    extra = [Candidate(f"x{i}", f"Extra Person {i}", task=logo.id, marketplace="Upwork", bid=200.0 + 10 * i,
                       rating=4.5, reviews=10, status="shortlisted") for i in range(3)]
    logo.candidates = [replace(c, status="shortlisted") if c.status == "applied" else c
                       for c in logo.candidates] + extra
    assert snap_compare(make_app(tmp_path, plan=plan), terminal_size=(80, 24), run_before=settled("C"))


def test_history_screen(snap_compare, tmp_path, monkeypatch):
    """`H` at 80x24: the decision log, newest first, with the advice open at the time (a fixed
    clock and user, so the picture does not change)."""
    import advisor.storage.handle as handle

    monkeypatch.setattr(handle, "now", lambda: "2026-11-25T10:00:00+00:00")
    monkeypatch.setattr(handle, "os_user", lambda: "owner")
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24),
                        run_before=settled("tab", "j", "j", "s", "H", "f"))
