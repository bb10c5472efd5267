"""Candidate lists as people really have them (issue 23, item 2): listings copied from
marketplaces, public datasets, files Excel saved. Each fixture in tests/data/listings/ names its
source below; the import is lenient but never silent: every lenient reading is in the report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor.storage.csvcells import parse_count, read_price
from advisor.storage.csvimport import ImportReport, detect_delimiter, field_for, read_candidates_csv
from advisor.plan.currency import Amount, parse_amount, parse_rates
from advisor.errors import PlanError

LISTINGS = Path(__file__).parent / "data" / "listings"


def read(name: str, **rates: float):
    report = ImportReport()
    spec = [f"{code}={rate}" for code, rate in rates.items()]
    cands = read_candidates_csv(LISTINGS / name, "logo", currency="USD", rates=parse_rates(spec, "USD"),
                                report=report)
    return cands, report


def test_peopleperhour_listing_per_hour_price_is_hourly_never_a_silent_bid():
    # Header as issue 23 quotes a PeoplePerHour listing: Name, Description, Nationality, Price, Rating, Total Votes
    cands, report = read("peopleperhour.csv", INR=0.012)
    ana, kofi, priya = cands
    assert (ana.hourly, ana.bid) == (51.0, None)
    assert ana.country == "Portugal" and ana.notes.startswith("Brand identity")
    assert (kofi.bid, kofi.reviews) == (80.0, 1000)
    assert priya.bid == 1800.0  # ₹1,50,000 at 0.012
    lines = report.lines()
    assert "Price: '$51/hr' -> 51, an hourly rate (it says per hour) (1 row(s))" in lines
    assert "Price: 'From US$80' -> 80, a starting price (1 row(s))" in lines
    assert "Total Votes: '1k+' -> 1000, at least that many (1 row(s))" in lines


def test_fiverr_listing_unknown_columns_named_once_and_ranges_read_low():
    # Columns a public "Fiverr Gig Scraper" README lists for its CSV: Gig Title, Seller Name,
    # Seller Level, Price, Number of Reviews, Average Rating, Gig URL
    cands, report = read("fiverr.csv")
    assert [(c.name, c.bid, c.reviews, c.rating) for c in cands] == [
        ("lenamarks", 80.0, 1000, 4.9), ("crumbstudio", 30.0, 412, 5.0)]
    assert report.lines()[0] == ("ignored 3 column(s) the importer does not know: 'Gig Title', 'Seller Level', "
                                 "'Gig URL'")
    assert "Price: '$30-$50' -> 30, the low end of the range (1 row(s))" in report.lines()


def test_public_freelancer_earnings_dataset_imports_named_by_id():
    # Header verbatim from the public "freelancer earnings" dataset (quoted in a public repository's
    # prompt file): Freelancer_ID,Job_Category,Platform,...,Marketing_Spend
    cands, report = read("freelancer-earnings-dataset.csv")
    first = cands[0]
    assert (first.id, first.name, first.marketplace, first.jobs, first.hourly, first.job_success, first.rating) == \
        ("1", "1", "Fiverr", 180, 95.79, 68.73, 3.18)
    assert report.named_by_id == "Freelancer_ID"
    assert "'Job_Category'" in report.lines()[0] and "9 column(s)" in report.lines()[0]


def test_excel_cp1252_semicolons_with_a_comma_in_a_header():
    cands, report = read("excel-cp1252-semicolon.csv", EUR=1.08)
    assert [(c.name, c.hourly, c.notes) for c in cands] == [("Zoë Brandt", 48.6, "café menus, signage"),
                                                            ("René Keller", 41.04, "")]
    assert report.lines()[:2] == ["read as Windows-1252 (the file is not UTF-8)", "columns separated by semicolons"]


def test_utf16_with_bom_and_tabs_and_yen():
    cands, report = read("utf16-excel.csv", JPY=0.0067)
    assert [(c.name, c.bid, c.country) for c in cands] == [("Aiko Tanaka", 33.5, "Japan")]
    assert report.encoding == "UTF-16" and report.delimiter == "\t"


def test_delimiter_is_taken_from_the_whole_header():
    assert detect_delimiter("Name;Hourly Rate;Notes, optional\nA;1;x, y\n", field_for) == ";"
    assert detect_delimiter("Name,Notes; optional\n", field_for) == ","
    assert detect_delimiter("Name\tRate\n", field_for) == "\t"


@pytest.mark.parametrize("text, amount", [
    ("₹1,50,000", Amount(150000.0, "INR")), ("CHF 1'234.50", Amount(1234.5, "CHF")),
    ("¥5,000", Amount(5000.0, "JPY")), ("CN¥5,000", Amount(5000.0, "CNY")), ("12,34,567.50", Amount(1234567.5, None)),
    ("CHF 1’234.50", Amount(1234.5, "CHF")),
])
def test_money_as_locales_write_it(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["1,5,000", "1'23.50", "₹1,50,00"])
def test_malformed_grouping_is_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize("cell, read", [
    ("$51/hr", ("$51", True, None)), ("$40 per hour", ("$40", True, None)), ("hourly $40", ("$40", True, None)),
    ("From US$80", ("US$80", False, "a starting price")), ("Starting at $80", ("$80", False, "a starting price")),
    ("$30-$50", ("$30", False, "the low end of the range")), ("30–50 EUR", ("30 EUR", False, "the low end of the range")),
    ("$1,200", ("$1,200", False, None)), ("-45", ("-45", False, None)),
])
def test_price_cells(cell, read):
    assert read_price(cell) == read


@pytest.mark.parametrize("text, value", [("1k+", 1000), ("2.5K", 2500), ("100+", 100), ("1,200 reviews", 1200)])
def test_counts_with_k_and_plus(text, value):
    assert parse_count(text) == value


def test_price_per_hour_and_a_different_hourly_column_is_an_error():
    from advisor.storage.csvimport import parse_candidates_csv

    with pytest.raises(PlanError) as err:
        parse_candidates_csv(b"Name,Hourly Rate,Price\nAna,30,$51/hr\n", "logo", source="c.csv")
    assert str(err.value) == ("c.csv:2: hourly: column 'Price' gives an hourly rate of 51 and the hourly column 30; "
                          "keep one")


def test_cli_dry_run_shows_what_would_be_stored_and_stores_nothing(tmp_path):
    db = str(tmp_path / "ws.db")
    bakery = Path(__file__).resolve().parent.parent / "examples" / "bakery.toml"

    def cli(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "advisor.cli", "--db", db, *argv], capture_output=True,
                              text=True, timeout=120)

    assert cli("import", str(bakery)).returncode == 0
    before = cli("summary").stdout
    out = cli("import", str(LISTINGS / "markup-in-unknown-column.csv"), "--task", "logo", "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout and "[@click" in out.stdout  # the hostile header is shown escaped
    assert out.stdout.splitlines()[-2:] == ["would add zoe: Zoe", "dry run: 1 candidate(s) read, nothing stored"]
    assert cli("summary").stdout == before
    out = cli("import", str(LISTINGS / "peopleperhour.csv"), "--task", "logo", "--rate", "INR=0.012")
    assert out.returncode == 0, out.stderr
    assert "note: Price: '$51/hr' -> 51, an hourly rate (it says per hour) (1 row(s))" in out.stdout
    assert "added 3 candidate(s) to task logo" in out.stdout
