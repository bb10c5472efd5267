"""Textual is accepted over a range (pyproject ``textual>=8.2.8,<9``): a version the private reach
(tui/textual_hacks.py) was not tested with starts the app with a warning, not a refusal, and a
Textual that lacks a private attribute the app reaches for still runs the app, by the public path.
A missing attribute is simulated by adding a name Textual does not have to the use's list: what a
Textual that renamed its attribute looks like to the app."""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("textual")

from tui import textual_hacks  # noqa: E402
from tui_helpers import make_app, screen_text, settle  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_accepts_the_range_the_app_checks_and_the_installed_version_is_tested():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    spec = next(d for d in deps if re.match(r"textual\b", d))
    low, below = textual_hacks.TEXTUAL_RANGE
    assert spec == f"textual>={'.'.join(map(str, low))},<{'.'.join(map(str, below))}"
    # CI installs a clean clone (the newest of the range) and prints the version it runs
    assert 'm.version("textual")' in (ROOT / ".ci" / "run").read_text()
    assert textual_hacks.TESTED_TEXTUAL[0] == ".".join(map(str, low))  # the floor is a tested version
    assert textual_hacks.TEXTUAL_VERSION in textual_hacks.TESTED_TEXTUAL
    assert textual_hacks.untested_warning() is None


@pytest.mark.parametrize("version, words", [
    ("8.3.0", "is not yet tested"),
    ("8.10.1rc1", "is not yet tested"),
    ("9.0.0", "is outside the supported range (>=8.2.8,<9)"),
    ("8.2.7", "is outside the supported range (>=8.2.8,<9)"),
])
def test_an_untested_version_gets_a_warning_naming_the_tested_one(version, words):
    warning = textual_hacks.untested_warning(version)
    assert warning.startswith(f"Textual {version} {words}: the app was tested with 8.2.8")
    assert warning.endswith("pip install textual==8.2.8")


async def test_the_app_starts_on_an_untested_version_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(textual_hacks, "TEXTUAL_VERSION", "8.3.0")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        shown = [(n.title, n.severity, n.message) for n in app._notifications]
        assert ("Textual", "warning", textual_hacks.untested_warning("8.3.0")) in shown
        assert app.findings is not None  # the app works as usual


async def test_the_app_runs_when_every_private_attribute_is_missing(tmp_path, monkeypatch, caplog):
    """Table cells and option prompts take Textual's public path, key hints come from the
    classes' BINDINGS, the key pump waits on its markers alone: the screen still follows edits."""
    from tui.widgets.panes import CandidateTable

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        declared = [(b.key, b.action) for b in textual_hacks.declared_bindings(app.screen)]
    for use, names in list(textual_hacks.PRIVATE.items()):
        monkeypatch.setitem(textual_hacks.PRIVATE, use, (*names, "_gone_in_this_textual"))
    monkeypatch.setattr(textual_hacks, "_told", set())
    caplog.set_level(logging.WARNING, logger="tui.textual_hacks")
    app = make_app(tmp_path / "b")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert [(b.key, b.action) for b in textual_hacks.declared_bindings(app.screen)] == declared
        table = app.screen.query_one(CandidateTable)
        assert str(table.get_cell("ana", "price")) == "$280"
        task = next(t for t in app.ctl.plan.tasks if t.id == "logo")
        cand = next(c for c in task.candidates if c.id == "ana")
        app.save(lambda: app.ctl.save_candidate(replace(cand, bid=310.0)))
        await settle(pilot)
        assert str(table.get_cell("ana", "price")) == "$310" and "$310" in screen_text(app)
        await pilot.press("s")  # shortlist: the row's status and the advice change
        await settle(pilot)
        assert app.findings is not None and app.advice_error is None
    told = [r.getMessage() for r in caplog.records if "_gone_in_this_textual" in r.getMessage()]
    assert told and len(told) == len(set(told))  # each use says so once, not per call
    assert any("'table'" in m for m in told) and any("'pump'" in m for m in told)
