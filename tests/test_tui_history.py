"""The history screen (`H`) at 80x24 reads as the owner's words: a non-Latin name, the task's
title, each field changed (old → new), an interview named so, and no row for a save that changed
nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

pytest.importorskip("textual")

from advisor.plan.model import Candidate, Interview  # noqa: E402
from tui_helpers import make_app, screen_text, settle  # noqa: E402

NAME = "محمد علي"


async def test_history_screen_at_80x24_names_people_and_tasks_and_says_what_changed(tmp_path, monkeypatch):
    import advisor.storage.handle as handle

    monkeypatch.setattr(handle, "now", lambda: "2026-11-25T10:00:00+00:00")
    monkeypatch.setattr(handle, "os_user", lambda: "owner")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ctl = app.ctl
        app.save(lambda: ctl.save_candidate(Candidate("mhmd-ly", NAME, task="logo", bid=350.0)))
        await settle(pilot)
        cand = ctl.plan.candidate("mhmd-ly")
        app.save(lambda: ctl.save_candidate(replace(cand, status="interviewed", interview=Interview(
            date(2026, 11, 24), {"skill": 4}, "sharp sketches"))))
        await settle(pilot)
        app.save(lambda: ctl.save_task(replace(ctl.plan.task("logo"), budget=450.0)))
        await settle(pilot)
        rows = len(ctl.history(limit=100))
        app.save(lambda: ctl.save_task(replace(ctl.plan.task("logo"))))  # a form saved without a change
        await settle(pilot)
        assert len(ctl.history(limit=100)) == rows
        await pilot.press("H")
        await settle(pilot)
        text = screen_text(app)
        await pilot.press("G")  # the oldest change, below the fold at 80x24
        await settle(pilot)
        oldest = screen_text(app)
    assert "History · task 'Design a new logo' · 3 change(s), newest first" in text
    lines = [ln.strip("▊▎ ") for ln in text.splitlines()]
    edit = lines.index("2026-11-25 10:00  owner  edit task 'Design a new logo'")
    assert lines[edit + 1] == "budget: 300 → 450"
    assert f"2026-11-25 10:00  owner  interview {NAME} for 'Design a new logo'" in lines
    assert "interview notes: — → sharp sketches" in lines
    assert f"2026-11-25 10:00  owner  add candidate {NAME} to 'Design a new logo'" in [
        ln.strip("▊▎ ") for ln in oldest.splitlines()]
    assert "mhmd-ly" not in text + oldest, text
