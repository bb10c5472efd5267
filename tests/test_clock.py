"""OUTSOURCE_TODAY: the advice as it stands on another day (a reproducible review, a report dated
for a meeting), and one clear line for a value that is not a date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main

ROOT = Path(__file__).resolve().parent.parent
BAKERY = ROOT / "examples" / "bakery.toml"  # the logo's deadline is 2026-12-20


def rules_on(day: str, capsys, monkeypatch) -> set[tuple[str, str | None]]:
    monkeypatch.setenv("OUTSOURCE_TODAY", day)
    main(["check", "--plan", str(BAKERY), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    return {(f["rule"], f["task"]) for f in doc["findings"]}


def test_the_advice_is_the_advice_of_the_day_named(capsys, monkeypatch):
    before = rules_on("2026-12-19", capsys, monkeypatch)
    after = rules_on("2026-12-21", capsys, monkeypatch)
    assert ("deadline-passed", "logo") not in before
    assert ("deadline-passed", "logo") in after
    assert rules_on("2026-12-19", capsys, monkeypatch) == before  # the same day, the same advice


@pytest.mark.parametrize("value", ["2026-02-30", "tomorrow", "2026-1-5", "\x1b]52;c;eA==\x07"])
def test_a_value_that_is_not_a_date_is_one_line_and_exit_2(value, capsys, monkeypatch):
    monkeypatch.setenv("OUTSOURCE_TODAY", value)
    assert main(["check", "--plan", str(BAKERY)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: $OUTSOURCE_TODAY is ") and "not a date such as 2026-12-07" in err
    assert "\x1b" not in err and "\x07" not in err and "Traceback" not in err
