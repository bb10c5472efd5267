"""Amounts typed or imported in the business's locale (issue 23): a de_DE workspace reads
"1.234,50" as 1234.50 and "250.000" as 250000 in a CSV import and in the app's forms; en_US
keeps "250.000" as 250; a currency other than the business's is refused, never dropped."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from advisor.cli import main
from advisor.plan.currency import parse_typed
from advisor.storage.csvimport import parse_candidates_csv

CSV = "Name;Fixed Price;Hourly Rate\nAnke;250.000;\nBernd;1.234,50;\nCarla;;45,50\n"


def test_a_csv_is_read_in_the_business_locale():
    got = {c.name: (c.bid, c.hourly) for c in parse_candidates_csv(CSV.encode(), "logo", locale="de_DE")}
    assert got == {"Anke": (250000.0, None), "Bernd": (1234.5, None), "Carla": (None, 45.5)}
    en = {c.name: c.bid for c in parse_candidates_csv(CSV.encode(), "logo")}
    assert en["Anke"] == 250.0 and en["Bernd"] == 1234.5  # en_US: "250.000" has a decimal point


def test_outsource_import_passes_the_workspace_locale(tmp_path, capsys, bakery_path):
    text = re.sub(r'^currency = "USD"$', 'currency = "EUR"\nlocale = "de_DE"', bakery_path.read_text(),
                  count=1, flags=re.M)
    (tmp_path / "plan.toml").write_text(text)
    (tmp_path / "c.csv").write_text(CSV, encoding="utf-8")
    db = str(tmp_path / "ws.db")
    assert main(["--db", db, "import", str(tmp_path / "plan.toml")]) == 0
    assert main(["--db", db, "import", str(tmp_path / "c.csv"), "--task", "logo"]) == 0
    from advisor.storage.workspace import Workspace

    with Workspace.open(tmp_path / "ws.db") as ws:
        bids = {c.name: c.bid for c in ws.load_plan().task("logo").candidates}
    assert bids["Anke"] == 250000.0 and bids["Bernd"] == 1234.5


@pytest.mark.parametrize("text, locale, value", [
    ("1.234,50", "de_DE", 1234.5), ("250.000", "de_DE", 250000.0), ("250.000", "en_US", 250.0),
    ("₹1,50,000", "en_IN", 150000.0), ("1'234.50", "de_CH", 1234.5), ("$30/hr", "en_US", 30.0), ("-5", None, -5.0),
])
def test_typed_numbers(text, locale, value):
    currency = {"en_IN": "INR", "de_CH": "CHF"}.get(locale or "", "USD")
    assert parse_typed(text, locale, currency) == value


def test_a_typed_amount_in_another_currency_is_refused():
    with pytest.raises(ValueError, match="is in EUR; amounts here are in USD"):
        parse_typed("€45", "en_US", "USD")
    with pytest.raises(ValueError, match="not a number"):
        parse_typed("lots", "de_DE", "EUR")


async def test_a_german_form_reads_1_234_50_as_1234_50(tmp_path, bakery):
    from tui_helpers import make_app, screen_text, settle, stored_plan, type_text

    plan = replace(bakery, business=replace(bakery.business, currency="EUR", locale="de_DE"))
    app = make_app(tmp_path, plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await type_text(pilot, "Flyer")
        await pilot.press("tab", "tab", "tab", "tab", "tab", "tab")  # title -> ... -> budget
        await settle(pilot)
        assert app.focused.id == "f-budget"
        await type_text(pilot, "12 USD")
        await pilot.pause()
        assert "Budget must be a number, not '12 USD' (is in USD; amounts here" in screen_text(app)
        for _ in "12 USD":
            await pilot.press("backspace")
        await type_text(pilot, "1.234,50")
        await pilot.pause()
        assert "Budget must" not in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen"
        task = next(t for t in stored_plan(app).tasks if t.title == "Flyer")
        assert task.budget == 1234.5
