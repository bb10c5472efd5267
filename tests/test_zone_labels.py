"""Time zones shown as offsets where the app lists candidates (issue 23): "Dublin +0" in
November and "Dublin +1" in July (the zone's offset on the advice's day, from zoneinfo), short
enough for the candidate table and the compare screen at 80x24; user text beside it literal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from advisor.plan.zones import zone_label


@pytest.mark.parametrize("zone, offset, day, shown", [
    ("Europe/Dublin", None, date(2026, 11, 25), "Dublin +0"),
    ("Europe/Dublin", None, date(2026, 7, 1), "Dublin +1"),  # summer time
    ("America/New_York", None, date(2026, 3, 20), "New York -4"),  # moved before Europe does
    ("Europe/Dublin", None, date(2026, 3, 20), "Dublin +0"),
    ("Asia/Manila", 3.0, date(2026, 7, 1), "Manila +8"),  # the zone wins over a fixed offset
    ("Asia/Kolkata", None, date(2026, 1, 1), "Kolkata +5:30"),
    ("America/St_Johns", None, date(2026, 1, 1), "St Johns -3:30"),
    ("America/Argentina/ComodRivadavia", None, date(2026, 1, 1), "ComodRivada… -3"),
    (None, 5.5, date(2026, 1, 1), "UTC+5:30"), (None, -5, date(2026, 1, 1), "UTC-5"), (None, None, date(2026, 1, 1), ""),
])
def test_zone_labels(zone, offset, day, shown):
    assert zone_label(zone, offset, day) == shown


def _plan():
    from advisor.resources import demo_plan_path
    from advisor.storage.planfile import load_plan

    plan = load_plan(demo_plan_path())
    logo = plan.task("logo")
    zones = {"ana": ("Europe/Dublin", "[b]IE\x1b[2J"), "ben": ("Asia/Manila", None), "chen": (None, "[b]SG")}
    logo.candidates[:] = [replace(c, timezone=zones[c.id][0], country=zones[c.id][1] or c.country)
                          if c.id in zones else c for c in logo.candidates]
    return plan


async def test_the_candidate_table_and_compare_screen_show_zones_as_offsets_at_80x24(tmp_path):
    from tui_helpers import make_app, screen_text, settle

    app = make_app(tmp_path, _plan())  # the app's today: 2026-11-25 (Dublin in winter time)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Dublin +0" in text and "Manila +8" in text
        assert "[b]SG UTC+8" in text  # a country beside a fixed offset, literally
        assert "IE" not in text.replace("IEW", "")  # a zone's city stands for the country
        rows = [ln for ln in text.splitlines() if "Dublin +0" in ln or "Manila +8" in ln]
        assert rows and all("interviewed" in ln or "shortlisted" in ln for ln in rows)  # status still on screen
        await pilot.press("C")
        await settle(pilot)
        where = next(ln for ln in screen_text(app).splitlines() if ln.strip().startswith("Where"))
        assert where.split()[1:] == ["Dublin", "+0", "Manila", "+8"]
