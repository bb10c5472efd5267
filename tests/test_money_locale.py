"""Money as the business's locale writes it (issue 23): shown with Babel's CLDR data for a
locale other than en_US, read back in the same form, en_US unchanged and Babel never imported
for it; the locale is a plan field, a setting and the environment's."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from advisor.cli import main
from advisor.plan.currency import parse_amount
from advisor.plan.money import check_locale, default_locale, format_money, locale_from_env, set_default_locale

NBSP = "\u00a0"


@pytest.mark.parametrize("amount, currency, locale, shown", [
    (250000, "INR", "en_IN", "₹2,50,000"),
    (1234.5, "EUR", "de_DE", f"1.234,50{NBSP}€"),
    (1234.5, "CHF", "de_CH", f"CHF{NBSP}1'234.50"),
    (5000, "JPY", "ja_JP", "¥5,000"),
    (1500, "EUR", "de_DE", f"1.500{NBSP}€"),  # cents only when there are any, as in en_US
    (-1250.75, "INR", "en_IN", "-₹1,250.75"),
])
def test_amounts_are_written_as_the_locale_writes_them(amount, currency, locale, shown):
    assert format_money(amount, currency, locale) == shown


@pytest.mark.parametrize("amount, currency, shown", [
    (2500, "USD", "$2,500"), (45.5, "EUR", "€45.50"), (1200, "GBP", "£1,200"), (250000, "INR", "250,000 INR"),
    (-30, "USD", "-$30"), (12, None, "12"),
])
def test_en_us_keeps_the_house_style(amount, currency, shown):
    assert format_money(amount, currency) == shown
    assert format_money(amount, currency, "en_US") == shown


@pytest.mark.parametrize("locale, currency", [("en_IN", "INR"), ("de_DE", "EUR"), ("de_CH", "CHF"),
                                              ("ja_JP", "JPY"), ("de_DE", "USD"), ("en_US", "INR")])
@pytest.mark.parametrize("amount", [0, 7, 45.5, 999.99, 1234.5, 250000, 12345678.25])
def test_what_is_shown_reads_back_as_the_same_amount(locale, currency, amount):
    if currency == "JPY" and amount != int(amount):
        amount = round(amount)  # yen have no cents
    got = parse_amount(format_money(amount, currency, locale), locale)
    assert got.value == pytest.approx(amount) and got.currency in (currency, None)


def test_a_whole_german_amount_is_read_in_thousands_only_in_a_decimal_comma_locale():
    assert parse_amount("250.000 €", "de_DE").value == 250000
    assert parse_amount("250.000 €").value == 250.0  # en_US: a decimal point
    assert parse_amount("1.234,50 €", "en_US").value == 1234.5  # the unambiguous forms in any locale
    assert parse_amount("₹1,50,000", "de_DE").value == 150000


def test_the_locale_comes_from_the_setting_else_the_environment():
    assert locale_from_env({"LC_ALL": "de_DE.UTF-8", "LC_MONETARY": "en_IN", "LANG": "ja_JP"}) == "de_DE"
    assert locale_from_env({"LC_MONETARY": "en_IN.UTF-8", "LANG": "ja_JP.UTF-8"}) == "en_IN"
    assert locale_from_env({"LANG": "de_CH.UTF-8@euro"}) == "de_CH"
    assert locale_from_env({"LANG": "C.UTF-8"}) == "en_US"
    assert locale_from_env({"LC_ALL": "POSIX", "LANG": "de_DE"}) == "en_US"  # LC_ALL wins even as C
    assert locale_from_env({"LANG": "\x1b[2J"}) == "en_US"
    assert locale_from_env({}) == "en_US"
    set_default_locale("en_IN")
    assert default_locale() == "en_IN" and format_money(250000, "INR") == "₹2,50,000"


def test_unknown_locales_are_refused_with_the_reason():
    assert check_locale("de_DE") is None
    assert "must be a locale Babel knows" in check_locale("xx_YY")
    assert "must be a locale" in check_locale("de_DE; rm -rf /")
    assert "must be a locale" in check_locale("d" * 10_000)


def test_babel_is_imported_only_for_another_locale():
    code = ("import sys; from advisor.plan.money import format_money as f; f(2500, 'USD'); f(3, 'INR', 'en_US');"
            "a = 'babel' in sys.modules; f(3, 'EUR', 'de_DE'); print(a, 'babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **_pythonpath()})
    assert out.stdout.split() == ["False", "True"]


def _pythonpath() -> dict[str, str]:
    import os

    return {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}


# --------------------------------------------------------------------------- the plan field


def _plan(tmp_path, bakery_path, currency: str, locale: str | None, scale: float = 1.0):
    text = bakery_path.read_text()
    text = re.sub(r"deadline = 20\d\d", "deadline = 2099", text)
    text = re.sub(r'^currency = "USD"$', f'currency = "{currency}"' + (f'\nlocale = "{locale}"' if locale else ""),
                  text, count=1, flags=re.M)  # the business's, not a marketplace's fee_currency
    if scale != 1:
        text = re.sub(r"^(budget|bid|hourly) = ([\d.]+)$", lambda m: f"{m[1]} = {float(m[2]) * scale}", text, flags=re.M)
    p = tmp_path / "plan.toml"
    p.write_text(text)
    return p


def test_check_writes_money_as_a_german_plan_says(capsys, tmp_path, bakery_path):
    assert main(["check", "--plan", str(_plan(tmp_path, bakery_path, "EUR", "de_DE"))]) == 0
    out = capsys.readouterr().out
    assert f"#1 Ana P. (294{NBSP}€ all in)" in out
    assert f"for 1.500{NBSP}€, with 0 payment milestones" in out
    assert "€294" not in out and "1,500" not in out


def test_check_writes_money_in_lakhs_for_an_indian_plan(capsys, tmp_path, bakery_path):
    assert main(["check", "--plan", str(_plan(tmp_path, bakery_path, "INR", "en_IN", scale=100))]) == 0
    out = capsys.readouterr().out
    assert "for ₹1,50,000, with 0 payment milestones" in out
    amounts = "\n".join(ln for ln in out.splitlines() if not ln.startswith("note: "))  # "in USD, not INR"
    assert "INR" not in amounts.replace("[", " ")  # never "150,000 INR"


def test_a_plan_without_a_locale_follows_the_environment(capsys, tmp_path, bakery_path, monkeypatch):
    plan = _plan(tmp_path, bakery_path, "EUR", None)
    assert main(["check", "--plan", str(plan)]) == 0
    assert "€1,500" in capsys.readouterr().out  # en_US (the tests' LANG is C.UTF-8)
    monkeypatch.setenv("LC_MONETARY", "de_DE.UTF-8")
    assert main(["check", "--plan", str(plan)]) == 0
    assert f"1.500{NBSP}€" in capsys.readouterr().out


def test_a_bad_locale_in_a_plan_is_one_line_naming_file_line_and_field(capsys, tmp_path, bakery_path):
    plan = _plan(tmp_path, bakery_path, "EUR", "xx_YY")
    assert main(["check", "--plan", str(plan)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "plan.toml:9: business.locale: must be a locale Babel knows" in err, err


def test_the_locale_is_kept_by_the_workspace(tmp_path, bakery_path):
    from advisor.storage.planfile import load_plan
    from advisor.storage.workspace import Workspace

    plan = load_plan(_plan(tmp_path, bakery_path, "INR", "en_IN"))
    ws = Workspace.open(tmp_path / "ws.db")
    ws.replace_plan(plan)
    assert ws.load_plan().business.locale == "en_IN"
    ws.close()


def test_a_bad_locale_setting_names_the_key(tmp_path, capsys):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[workspace]\nlocale = "klingon"\n')
    assert main(["--config", str(cfg), "check", "--plan", "examples/bakery.toml"]) == 2
    err = capsys.readouterr().err
    assert "workspace.locale" in err and "c.toml" in err
