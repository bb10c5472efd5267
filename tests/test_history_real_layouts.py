"""Transaction histories as marketplaces export them today (issue 23, items 1 and 5). Each
fixture in tests/data/history/ reproduces a header found in public material, named per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.cli import main
from advisor.commands.transactions_import import match_candidates, match_people
from advisor.plan.currency import Rates
from advisor.errors import PlanError
from advisor.plan.model import Candidate, Plan, Task
from advisor.storage.planfile import load_plan
from advisor.storage.transactions import is_upwork, kind_from_description, name_match, read_history_csv

HISTORY = Path(__file__).parent / "data" / "history"
BAKERY = Path(__file__).resolve().parent.parent / "examples" / "bakery.toml"
USD = Rates("USD")


def read(name: str, **kw):
    return read_history_csv(HISTORY / name, currency="USD", rates=USD, **kw)


def test_todays_upwork_layout_imports_with_gst_subscription_and_an_unknown_type_reported():
    # Header verbatim from a public repository's test of an Upwork "transaction_report.csv" check
    # (tests for tools/ivas-prep/upwork_check.py): Date,Transaction ID,Transaction type,
    # Transaction summary,...,Ref ID,Amount $,Amount in local currency,Currency,Current balance $,Payment method
    h = read("upwork-2024.csv")
    assert h.marketplace == "Upwork"  # by its fingerprint, no --marketplace
    people = {f.name: f for f in h.freelancers}
    assert (people["Ana Pérez"].jobs, people["Ana Pérez"].spend) == (1, 280.0)
    assert (people["Ben Kowalski"].jobs, people["Ben Kowalski"].spend) == (1, 1050.0)
    assert h.fees == 51.25  # GST 1.26 + Subscription 49.99
    assert h.unknown_types == {"Talent Scout": 1}  # counted, left out, not fatal


def test_capitalised_spelling_of_the_same_layout():
    # The spelling issue 23 quotes and a public papaparse importer reads (row['Transaction Type'],
    # row['Transaction Summary'], row['Amount $']): Transaction Type, Agency Team, Client Team...
    h = read("upwork-2024-capitalised.csv")
    assert h.marketplace == "Upwork" and h.completed_jobs == 1 and h.fees == 1.26


def test_older_layout_with_id_instead_of_ref_id_is_still_upwork():
    h = read("upwork-id-column.csv")
    assert h.marketplace == "Upwork" and h.freelancers[0].jobs == 1


def test_fingerprint_needs_several_columns_not_one_named_team():
    assert not is_upwork(["Date", "Type", "Description", "Freelancer", "Amount", "Team"])
    assert is_upwork("Date,ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount".split(","))
    with pytest.raises(PlanError, match="does not say which marketplace"):
        from advisor.storage.transactions import parse_history_csv
        parse_history_csv(b"Date,Type,Description,Freelancer,Amount,Team\n2026-01-02,Hourly,Logo,Ana,-5,x\n",
                          currency="USD", rates=USD, source="h.csv")


def test_freelancer_com_history_reads_types_from_descriptions_and_says_what_it_cannot_derive():
    # Freelancer.com publishes no column names: its support page "Transaction History" lists the
    # date, description, currency, amount and balance of each transaction (docs/history-import.md).
    with pytest.raises(PlanError, match="does not say which marketplace"):
        read("freelancer-com.csv")
    h = read("freelancer-com.csv", marketplace="Freelancer.com")
    assert h.typed_by_description and not h.names_freelancers
    assert h.fees == 8.4 and h.unnamed_spend == 280.0 and h.completed_jobs == 0
    assert h.unknown_types == {"Prize for contest": 1}
    assert kind_from_description("Milestone Payment for project X") == "pay"
    assert kind_from_description("Project Fee for X") == "fee"
    assert kind_from_description("  ") is None


def test_freelancer_side_earnings_report_is_explained_not_misread():
    # Header verbatim from naodalemu/upwork-analytics, public/sample-data.csv (Upwork's earnings report)
    with pytest.raises(PlanError) as err:
        read("upwork-freelancer-earnings.csv", marketplace="Upwork")
    assert "is a freelancer's earnings report" in err.value.message
    assert "Reports > Transaction History" in (err.value.hint or "")


@pytest.mark.parametrize("candidate, freelancer, score", [
    ("Ana P.", "Ana Pérez", 1), ("ana perez", "Ana  Pérez", 2), ("A. Pérez", "Ana Pérez", 1),
    ("Ana P.", "Ana Santos", 0), ("Ana", "Ana Pérez", 0), ("Ana", "ana", 2), ("Ana Pé", "Ana Pérez", 0),
    ("Ben K.", "Ben Kowalski", 1), ("Chen L.", "Chen Li", 1),
])
def test_name_match(candidate, freelancer, score):
    assert name_match(candidate, freelancer) == score


def test_shipped_example_and_shipped_history_match_ana():
    plan = load_plan(BAKERY)
    hist = read("upwork.csv")
    changes = match_candidates(plan, hist)
    assert changes["ana"] == (0, 1) and changes["ben"] == (0, 1)
    assert "chen" not in changes  # Chen Li is matched, but a refunded contract is no job: no change


def test_ambiguous_matches_are_listed_not_guessed(capsys, tmp_path):
    plan = Plan(tasks=[Task(id="logo", title="Logo", candidates=[
        Candidate(id="ana", name="Ana P.", task="logo", marketplace="Upwork")])])
    hist = read("upwork.csv")
    hist.freelancers.append(type(hist.freelancers[0])(name="Ana Pinto", marketplace="Upwork", jobs=3))
    matched, ambiguous = match_people(plan, hist)
    assert matched == {} and [(c.id, sorted(f.name for f in fs)) for c, fs in ambiguous] == \
        [("ana", ["Ana Pinto", "Ana Pérez"])]
    assert match_candidates(plan, hist) == {}
    # a full name beats an abbreviation: no ambiguity when the candidate says "Ana Pinto"
    plan.tasks[0].candidates[0].name = "Ana Pinto"
    assert match_people(plan, hist)[0]["ana"].name == "Ana Pinto"


def test_marketplace_must_agree_when_both_name_one():
    plan = Plan(tasks=[Task(id="logo", title="Logo", candidates=[
        Candidate(id="ana", name="Ana P.", task="logo", marketplace="Fiverr")])])
    assert match_people(plan, read("upwork.csv")) == ({}, [])


def test_cli_preview_of_the_shipped_example(tmp_path, capsys):
    db = str(tmp_path / "w.db")
    assert main(["--db", db, "import", str(BAKERY)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "import", str(HISTORY / "upwork-2024.csv"), "--history"]) == 0
    out = capsys.readouterr().out
    assert "  Ana Pérez        1          $280          $0  -> ana: past jobs 0 -> 1" in out
    assert "Left out 1 row(s) of a type the importer does not know: 'Talent Scout' x1" in out
    assert "Candidates: 2 matched with a new past-jobs count" in out
    doc = (BAKERY.parent.parent / "docs" / "history-import.md").read_text(encoding="utf-8")
    for line in out.splitlines()[1:]:  # the docs show this very output (the first line names the file)
        assert line in doc, line
