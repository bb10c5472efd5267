"""Transaction-history import: a client's Upwork export becomes completed jobs, past jobs with
each freelancer (matched by name, case/accent/space-insensitive, and marketplace) and spend;
refunds, fees and escrow moves are handled; a bad file is one located error and saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.cli import main
from advisor.plan.currency import Rates
from advisor.errors import PlanError
from advisor.storage.planfile import dumps_plan
from advisor.storage.transactions import contract_title, parse_history_csv
from advisor.storage.workspace import Workspace

UPWORK = Path(__file__).parent / "data" / "history" / "upwork.csv"
USD = Rates("USD")


def _hist(text: str, **kw):
    return parse_history_csv(text.encode(), currency=kw.pop("currency", "USD"), rates=kw.pop("rates", USD),
                             source="h.csv", **kw)


def test_upwork_export_jobs_spend_fees_refunds():
    h = parse_history_csv(UPWORK.read_bytes(), currency="USD", rates=USD, source="upwork.csv")
    assert h.marketplace == "Upwork"  # recognised by its columns
    people = {f.name: f for f in h.freelancers}
    # escrow in (-280), escrow back (+280), paid (-280), bonus (-20): one job, 300 spent
    assert (people["Ana Pérez"].jobs, people["Ana Pérez"].spend) == (1, 300.0)
    # two weekly invoices of one hourly contract, names spelled differently: one person, one job
    assert (people["Ben Kowalski"].jobs, people["Ben Kowalski"].spend, people["Ben Kowalski"].fees) == (1, 1200.0, 36.0)
    # refunded in full: no finished job, nothing spent
    assert (people["Chen Li"].jobs, people["Chen Li"].spend) == (0, 0.0)
    assert h.completed_jobs == 2 and h.spend == 1500.0 and h.fees == 44.4
    assert h.unassigned_rows == 2  # the card deposit and the processing fee name nobody


def test_contract_title_strips_invoice_and_milestone_noise():
    assert contract_title("Invoice for Milestone 1: Bakery logo") == "bakery logo"
    assert contract_title("Milestone 1: Bakery logo") == "bakery logo"
    assert contract_title("Invoice for Menu copy (Nov 7-Nov 13)") == "menu copy"


def test_positive_amounts_are_read_by_type():
    h = _hist("Date,Type,Description,Freelancer,Amount,Currency\n"
              "2026-01-02,Order,Logo,Zoë,\"1.234,50 €\",EUR\n2026-01-09,Order Cancellation,Logo,Zoë,34.50,EUR\n",
              currency="EUR", rates=Rates("EUR"), marketplace="Fiverr")
    assert (h.freelancers[0].spend, h.freelancers[0].jobs) == (1200.0, 1)


@pytest.mark.parametrize("text, message", [
    ("Date,Type,Freelancer,Amount,Mood\n", "h.csv:1: unknown column 'Mood'"),
    ("Date,Freelancer,Amount\n2026-01-02,Ana,-5\n", "h.csv:1: has no type or description column"),
    ("Date,Type,Freelancer,Amount\n2026-01-02,Hourly,Ana,-5\n2026-01-03,Hourly,Ana,lots\n",
     "h.csv:3: amount: 'lots' in column 'Amount' is not an amount"),
    ("Date,Type,Freelancer,Amount\n2026-01-02,Hourly,Ana,-€45\n",
     "h.csv:2: amount: '-€45' in column 'Amount' is in EUR, but the workspace is in USD; convert it explicitly with --rate EUR=RATE"),
    ("Date,Type,Freelancer,Amount,Currency\n2026-01-02,Hourly,Ana,-45,XYZ\n",
     "h.csv:2: currency: 'XYZ' in column 'Currency' is not an ISO 4217 currency code"),
    ("Date,Type,Freelancer\n", "h.csv:1: has no amount column"),
    ("Date,Contract,Hours,Amount,Payment type\n", "h.csv:1: is a freelancer's earnings report"),
])
def test_bad_history_is_one_located_error(text, message):
    with pytest.raises(PlanError) as exc:
        _hist(text, marketplace="Upwork")
    assert str(exc.value).startswith(message)


def test_rate_converts_explicitly():
    h = _hist("Date,Type,Freelancer,Amount\n2026-01-02,Hourly,Ana,-€100\n", marketplace="Upwork",
              rates=Rates("USD", (("EUR", 1.08),)))
    assert h.freelancers[0].spend == 108.0


def test_cli_previews_then_saves_all_or_nothing(tmp_path, bakery, capsys):
    for c in bakery.candidates():
        if c.name == "Ana P.":
            c.name, c.marketplace = "ANA  PEREZ", "upwork"  # matched case/accent/space-insensitively
    src = tmp_path / "plan.toml"
    src.write_text(dumps_plan(bakery), encoding="utf-8")
    db = tmp_path / "w.db"
    assert main(["--db", str(db), "import", str(src)]) == 0
    capsys.readouterr()
    with Workspace.open(db, create=False) as ws:
        before = ws.load_plan()
    assert main(["--db", str(db), "import", str(UPWORK), "--history"]) == 0
    out = capsys.readouterr().out
    assert "completed jobs 0 -> 2" in out and "nothing saved (add --yes to save)" in out
    assert "Ana Pérez" in out and "$300" in out and "-> ana: past jobs 0 -> 1" in out
    with Workspace.open(db, create=False) as ws:
        assert ws.load_plan() == before  # a preview changes nothing

    with Workspace.open(db, create=False) as ws:
        has_column = "past_jobs_with_us" in {r[1] for r in ws.conn.execute("PRAGMA table_info(candidates)")}
    code = main(["--db", str(db), "import", str(UPWORK), "--history", "--yes"])
    with Workspace.open(db, create=False) as ws:
        after = ws.load_plan()
    if not has_column:  # the column comes with migration m004 (issue 12): until then nothing is saved
        assert code == 2 and after == before
        pytest.skip("workspace has no past_jobs_with_us column yet (migration m004)")
    assert code == 0
    assert after.business.completed_jobs == 2
    assert next(c for c in after.candidates() if c.id == "ana").past_jobs_with_us == 1


def test_header_variants_and_ledger_money_formats():
    h = _hist("Transaction Date;Transaction Type;Details;Contractor;Amount ($);Balance\n"
              "2026-01-02;Fixed-Price;Invoice for Label design;Zoë Ng;(1,200.00);0\n"
              "2026-01-03;Marketplace Fee;Fee;Zoë Ng;36.00-;0\n", marketplace="Upwork")
    (z,) = h.freelancers
    assert (z.name, z.jobs, z.spend, z.fees, h.fees) == ("Zoë Ng", 1, 1200.0, 36.0, 36.0)
