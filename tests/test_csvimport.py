"""Candidates from marketplace CSV exports: loose headers, lenient values, strict errors."""

from __future__ import annotations

import pytest

from advisor.storage.csvcells import parse_count, parse_money, parse_offset, parse_percent, parse_rating
from advisor.storage.csvimport import HEADERS, field_for, parse_candidates_csv, read_candidates_csv, slug
from advisor.errors import PlanError


def parse(text: str | bytes, existing=()):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_candidates_csv(raw, "logo", existing, source="c.csv")


@pytest.mark.parametrize("header, field", [
    ("Hourly Rate", "hourly"), ("hourly_rate", "hourly"), ("RATE", "hourly"), ("Hourly Rate (USD)", "hourly"),
    ("Bid", "bid"), ("Fixed Price", "bid"), ("Proposal Amount", "bid"), ("Freelancer", "name"),
    ("Name", "name"), ("Job Success Score", "job_success"), ("JSS (%)", "job_success"), ("Total Jobs", "jobs"),
    ("Reviews", "reviews"), ("Feedback", "rating"), ("Location", "country"), ("Timezone", "utc_offset"),
    ("UTC Offset", "utc_offset"), ("Notes", "notes"), ("Cover Letter", "notes"), (" reject-reason ", "reject_reason"),
    ("Favourite colour", None),
])
def test_header_variants(header, field):
    assert field_for(header) == field


def test_every_documented_header_maps_to_its_field():
    for fld, names in HEADERS.items():
        for name in names:
            assert field_for(name.title()) == fld


@pytest.mark.parametrize("fn, text, value", [
    (parse_money, "$30.00/hr", 30.0), (parse_money, "USD 1,200", 1200.0), (parse_money, "€45 per hour", 45.0),
    (parse_money, "1200.5", 1200.5), (parse_percent, "96%", 96.0), (parse_percent, "96 %", 96.0),
    (parse_rating, "4.9/5", 4.9), (parse_rating, "5 stars", 5.0), (parse_count, "1,200", 1200),
    (parse_count, "56 reviews", 56), (parse_count, "100+", 100), (parse_offset, "UTC+5:30", 5.5),
    (parse_offset, "GMT-3", -3.0), (parse_offset, "+05:30", 5.5), (parse_offset, "-5", -5.0),
    (parse_offset, "UTC", 0.0),
])
def test_values_people_write(fn, text, value):
    assert fn(text) == value


@pytest.mark.parametrize("fn, text", [
    (parse_money, "thirty"), (parse_money, "1,20"), (parse_money, "nan"), (parse_money, "inf"),
    (parse_count, "3.5"), (parse_offset, "Mars/Olympus"), (parse_percent, "lots"),
])
def test_values_refused(fn, text):
    with pytest.raises(ValueError):
        fn(text)


def test_zone_names_stay_zones():
    """A zone's offset changes with daylight saving: the name is kept, never fixed at import."""
    assert parse_offset("Asia/Singapore") == "Asia/Singapore"
    assert parse_offset("GMT+8") == 8.0


def test_bom_crlf_and_quoted_fields():
    cands = parse('\ufeffFreelancer,Bid,Notes\r\nAna P.,"$1,200","says ""hi"",\r\nbye"\r\n')
    assert len(cands) == 1
    c = cands[0]
    assert (c.id, c.name, c.bid, c.task, c.notes) == ("ana-p", "Ana P.", 1200.0, "logo", 'says "hi",\nbye')


def test_semicolon_and_tab_separated():
    assert [c.hourly for c in parse("Name;Rate\nA;30\nB;40\n")] == [30.0, 40.0]
    assert [c.hourly for c in parse("Name\tRate\nA\t30\n")] == [30.0]


def test_ids_are_stable_slugs_deduplicated():
    cands = parse("Name\nAna P.\nAna P.\nJosé Müller\n!!!\n", existing={"ana-p"})
    assert [c.id for c in cands] == ["ana-p-2", "ana-p-3", "jose-muller", "candidate"]
    again = parse("Name\nAna P.\nAna P.\nJosé Müller\n!!!\n", existing={"ana-p"})
    assert [c.id for c in again] == [c.id for c in cands]
    assert slug("x" * 100) == "x" * 56


def test_given_ids_are_kept_and_blank_ones_generated():
    cands = parse("id,Name\nzq,Zoe Q.\n,Ben K.\n")
    assert [c.id for c in cands] == ["zq", "ben-k"]


def test_blank_lines_and_short_rows():
    cands = parse("Name,Rate,Notes\n\nA,30\n,,\nB\n")
    assert [(c.name, c.hourly, c.notes) for c in cands] == [("A", 30.0, ""), ("B", None, "")]


def test_multiline_quoted_field_reports_the_right_line():
    with pytest.raises(PlanError) as exc:
        parse('Name,Notes,Rating\nA,"one\ntwo\nthree",4\nB,ok,9\n')
    assert (exc.value.line, exc.value.field) == (5, "rating")


def test_error_message_names_file_line_field_and_column():
    with pytest.raises(PlanError) as exc:
        parse("Name,Hourly Rate\nA,30\nB,thirty\n")
    assert str(exc.value) == "c.csv:3: hourly: 'thirty' in column 'Hourly Rate' is not an amount such as 30 or $30.00/hr"


def test_file_errors(tmp_path):
    with pytest.raises(PlanError, match="no such file"):
        read_candidates_csv(tmp_path / "none.csv", "logo")
    path = tmp_path / "c.csv"
    path.write_text("Name\nZoe\n", encoding="utf-8")
    assert [c.id for c in read_candidates_csv(path, "logo")] == ["zoe"]


def _doc() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parent.parent / "docs" / "plan-format.md").read_text(encoding="utf-8")


def test_docs_list_every_accepted_header():
    doc = _doc()
    for fld, names in HEADERS.items():
        row = next(line for line in doc.splitlines() if line.startswith(f"| `{fld}` | `"))
        assert row == f"| `{fld}` | " + ", ".join(f"`{n}`" for n in names) + " |"


def test_docs_csv_example_imports():
    block = _doc().split("```csv\n", 1)[1].split("```", 1)[0]
    cands = parse(block)
    assert [(c.id, c.hourly, c.bid, c.job_success, c.utc_offset) for c in cands] == [
        ("ana-p", 30.0, 1200.0, 96.0, 0.0), ("ben-k", 18.0, None, 75.0, -5.0)]


# ---------------------------------------------------------------- currencies (issue 14, item 6)

def test_amount_in_another_currency_is_refused_with_row_and_column():
    raw = "Name,Hourly Rate,Bid\nZoe,30,\nYan,€45,\n".encode()
    with pytest.raises(PlanError) as exc:
        parse_candidates_csv(raw, "logo", source="c.csv", currency="USD")
    assert str(exc.value) == ("c.csv:3: hourly: '€45' in column 'Hourly Rate' is in EUR, but the workspace is "
                              "in USD; convert it explicitly with --rate EUR=RATE (one EUR in USD)")
    for cell in ("45 EUR", "EUR 45", "£45/hr"):
        with pytest.raises(PlanError, match="is in (EUR|GBP), but the workspace is in USD"):
            parse_candidates_csv(f"Name,Hourly Rate\nYan,{cell}\n".encode(), "logo", source="c.csv")
    # a currency named by the header counts too
    with pytest.raises(PlanError, match="'45' in column 'Hourly Rate \\(EUR\\)' is in EUR"):
        parse_candidates_csv(b"Name,Hourly Rate (EUR)\nYan,45\n", "logo", source="c.csv")


def test_explicit_rate_converts_and_same_currency_passes():
    from advisor.plan.currency import parse_rates

    raw = "Name,Hourly Rate,Bid\nYan,€45,\"1.200,00 €\"\n".encode()
    (c,) = parse_candidates_csv(raw, "logo", source="c.csv", currency="USD", rates=parse_rates(["EUR=1.08"], "USD"))
    assert (c.hourly, c.bid) == (48.6, 1296.0)
    (c,) = parse_candidates_csv(raw, "logo", source="c.csv", currency="EUR")
    assert (c.hourly, c.bid) == (45.0, 1200.0)


def test_currency_codes_come_from_iso_4217():
    from advisor.plan.currency import is_currency, parse_rates
    from advisor.errors import AdvisorError
    from advisor.plan.model import Business

    assert is_currency("EUR") and is_currency("INR") and not is_currency("XYZ")
    with pytest.raises(PlanError, match="not 'XYZ'"):
        Business(currency="XYZ").validate()
    with pytest.raises(PlanError, match="'XYZ45' in column 'Hourly Rate' is not an amount"):
        parse_candidates_csv(b"Name,Hourly Rate\nYan,XYZ45\n", "logo", source="c.csv")
    with pytest.raises(PlanError, match="XYZ is not an ISO 4217|is not an amount"):
        parse_candidates_csv(b"Name,Hourly Rate\nYan,45 XYZ\n", "logo", source="c.csv")
    with pytest.raises(AdvisorError, match="'XYZ' is not an ISO 4217 currency code"):
        parse_rates(["XYZ=2"], "USD")
    with pytest.raises(AdvisorError, match="needs a positive rate"):
        parse_rates(["EUR=-1"], "USD")


def test_international_names_get_transliterated_ids():
    cands = parse("Name\nИван Петров\n王伟\nØrsted\nStraße\n김민수\nNguyễn Văn An\n")
    assert [c.id for c in cands] == ["ivan-petrov", "wang-wei", "orsted", "strasse", "gim-min-su", "nguyen-van-an"]


def test_search_matches_each_word_anywhere_ignoring_case_and_accents():
    from advisor.text import search_matches

    row = "José Ortega Upwork ES applied"
    for needle in ("jose", "JOSÉ", "ortega jose", "ort  jos", "upwork ortega"):
        assert search_matches(needle, row), needle
    assert not search_matches("ortega maria", row)
    assert search_matches("orsted", "Ørsted DK") and search_matches("ivan", "Иван Петров")


def test_the_owners_own_advice_columns_are_read():
    raw = ("Name,Jobs with us,Agreements,Paid trial,Off-platform,Review left\n"
           "Ana P.,3,\"NDA, IP assignment\",passed,no,yes\n"
           "Ben K.,,,,yes,\n").encode()
    ana, ben = parse_candidates_csv(raw, "logo")
    assert (ana.past_jobs_with_us, ana.agreements, ana.trial, ana.off_platform, ana.review_left) == (
        3, ["nda", "ip-assignment"], "passed", False, True)
    assert (ben.past_jobs_with_us, ben.agreements, ben.trial, ben.off_platform) == (0, [], "none", True)


def test_a_bad_advice_cell_names_line_and_column():
    with pytest.raises(PlanError) as exc:
        parse_candidates_csv(b"Name,Agreements\nAna,contract\n", "logo", source="p.csv")
    assert "p.csv:2" in str(exc.value) and "'Agreements'" in str(exc.value)


@pytest.mark.parametrize("cell, hours", [
    ("09:00-17:00", "09:00-17:00"), ("9-17", "09:00-17:00"), ("9am-5pm", "09:00-17:00"),
    ("21:00 to 06:00", "21:00-06:00"), ("9.30–18", "09:30-18:00"), ("12pm-8pm", "12:00-20:00"),
])
def test_working_hours_are_read_the_way_people_write_them(cell, hours):
    (ana,) = parse_candidates_csv(f"Name,Working hours\nAna,{cell}\n".encode(), "calls")
    assert ana.working_hours == hours


@pytest.mark.parametrize("cell", ["nine to five", "9-9", "25-17", "13pm-5pm", "9"])
def test_bad_working_hours_name_line_and_column(cell):
    with pytest.raises(PlanError) as exc:
        parse_candidates_csv(f"Name,Availability\nAna,{cell}\n".encode(), "calls", source="p.csv")
    assert "p.csv:2" in str(exc.value) and "'Availability'" in str(exc.value)
