"""A marketplace's fixed fee in its own currency (issue 23): Fiverr's $2.50 and Freelancer.com's
$3 are US dollars; in a workspace in another currency they are converted with the business's
``exchange_rates`` when it names the rate, else shown as "$2.50" and left out of every total
with a note, never "2.50 INR"."""

from __future__ import annotations

import json

import pytest

from advisor.advice.insights import marketplace_stats
from advisor.advice.value import task_values
from advisor.cli import main
from advisor.plan.fees import fee_terms
from advisor.plan.model import Business, Marketplace
from advisor.plan.money import format_money
from advisor.settings import Settings
from advisor.storage.planfile import load_plan

PLAN = """format = 1
[business]
name = "Chai Stall"
currency = "{currency}"
{extra}
[[marketplaces]]
name = "Fiverr"
fee_percent = 5.5
fee_fixed = 2.5
fee_currency = "USD"

[[tasks]]
id = "logo"
title = "Logo"
pricing = "fixed"
budget = {budget}

[[tasks.candidates]]
id = "ravi"
name = "Ravi"
marketplace = "Fiverr"
bid = {bid}
rating = 4.9
reviews = 40

[[tasks.candidates]]
id = "meena"
name = "Meena"
marketplace = "Fiverr"
bid = {bid2}
"""


def _write(tmp_path, currency, extra="", bid=3500, bid2=4000, budget=5000):
    p = tmp_path / "plan.toml"
    p.write_text(PLAN.format(currency=currency, extra=extra, bid=bid, bid2=bid2, budget=budget))
    return p


def test_an_inr_workspace_shows_fiverrs_fee_in_dollars_and_leaves_it_out_of_totals(tmp_path, capsys):
    # 3,500 INR is about $42: Fiverr's $2.50 small-order fee applies, in US dollars
    plan = _write(tmp_path, "INR", 'locale = "en_IN"')
    assert main(["check", "--plan", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "#1 Ravi (₹3,692.50 all in + $2.50 not converted)" in out  # 3,500 + 5.5%, the $2.50 beside
    assert ("note: Fiverr's fixed fee of $2.50 is in USD, not INR: left out of the totals; give the "
            "business's exchange_rates (\"USD=RATE\": one USD in INR) to count it") in out
    assert "2.50 INR" not in out and "₹2.50" not in out and "₹3,695" not in out

    assert main(["check", "--plan", str(plan), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    ravi = next(c for c in doc["candidates"] if c["candidate"] == "ravi")
    assert ravi["all_in_cost"] == 3692.5 and ravi["fee_left_out"] == "$2.50"
    assert doc["fees_left_out"] == [{"marketplace": "Fiverr", "fee_fixed": 2.5, "currency": "USD"}]


def test_an_eur_workspace_with_the_rate_converts_the_fee(tmp_path, capsys):
    plan = _write(tmp_path, "EUR", 'exchange_rates = "USD=0.92"', bid=40, bid2=45, budget=60)
    assert main(["check", "--plan", str(plan), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    ravi = next(c for c in doc["candidates"] if c["candidate"] == "ravi")
    assert ravi["all_in_cost"] == pytest.approx(40 * 1.055 + 2.3)  # $2.50 at 0.92
    assert ravi["fee_left_out"] is None and doc["fees_left_out"] == []
    assert main(["check", "--plan", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "#1 Ravi (€44.50 all in)" in out and "not converted" not in out and "note: Fiverr" not in out


def test_the_fee_facts_and_costs_follow_the_same_terms(tmp_path):
    from advisor.rules.facts import context

    inr = load_plan(_write(tmp_path, "INR"))
    assert context(inr).fee("Fiverr") == (5.5, 0.0)  # the rules' fee facts never add 2.50 rupees
    eur = load_plan(_write(tmp_path, "EUR", 'exchange_rates = "USD=0.92, GBP=1.17"'))
    assert context(eur).fee("Fiverr") == (5.5, 2.3)
    assert eur.business.exchange_rates == "GBP=1.17, USD=0.92"  # kept in one written form
    v = {x.candidate: x for x in task_values(eur, eur.tasks[0])}
    assert v["meena"].all_in_cost == pytest.approx(4000 * 1.055 + 2.3)


@pytest.mark.parametrize("business, expected", [
    (Business(currency="USD"), (5.5, 2.5, 0.0)),  # the fee's own currency: as before
    (Business(currency="INR"), (5.5, 0.0, 2.5)),  # no rate: left out, carried beside
    (Business(currency="INR", exchange_rates="USD=83.2"), (5.5, 208.0, 0.0)),
    (Business(currency="EUR", exchange_rates="GBP=1.17"), (5.5, 0.0, 2.5)),  # a rate for another code
])
def test_fee_terms(business, expected):
    t = fee_terms(Marketplace("Fiverr", 5.5, 2.5, fee_currency="USD"), business)
    assert (t.percent, t.fixed, t.left_out) == expected
    assert fee_terms(Marketplace("Fiverr", 5.5, 2.5), business).fixed == 2.5  # no fee_currency: the business's
    assert fee_terms(Marketplace("New"), business) is None  # unknown fees stay unknown


def test_the_marketplace_table_writes_the_fee_in_its_own_currency(tmp_path):
    plan = load_plan(_write(tmp_path, "INR", 'locale = "en_IN"'))
    stats = marketplace_stats(plan)
    cur = plan.business.currency
    assert stats[0].fees_text(lambda x, code=cur: format_money(x, code, "en_IN")) == "5.5% + $2.50"


def test_the_built_in_dollar_fees_say_so():
    markets = {m.name: m for m in Settings().marketplaces}
    assert markets["Fiverr"].fee_currency == "USD" and markets["Freelancer.com"].fee_currency == "USD"
    assert markets["Upwork"].fee_currency is None  # no fixed fee


@pytest.mark.parametrize("rates, why", [
    ('"USD=-1"', "needs a positive rate"), ('"XYZ=2"', "not an ISO 4217"), ('"USD=1, USD=2"', "names USD twice"),
    ('"USD"', "needs a positive rate"), ('"' + "USD=1 " * 60 + '"', "the limit is 200"), ("3", "must be text"),
])
def test_bad_exchange_rates_are_one_line_naming_file_line_and_field(tmp_path, capsys, rates, why):
    plan = _write(tmp_path, "INR", f"exchange_rates = {rates}")
    assert main(["check", "--plan", str(plan)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "plan.toml:5: business.exchange_rates: " in err and why in err, err


def test_the_rates_are_kept_by_the_workspace(tmp_path):
    from advisor.storage.workspace import Workspace

    plan = load_plan(_write(tmp_path, "INR", 'exchange_rates = "USD=83.2"'))
    ws = Workspace.open(tmp_path / "ws.db")
    ws.replace_plan(plan)
    assert ws.load_plan().business.exchange_rates == "USD=83.2"
    ws.close()
