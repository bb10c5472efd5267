"""Health data: the sector's agreement and less data, not an NDA alone (grading v17 fix 3)."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import pytest

from advisor.rules.facts import plan_facts
from tests.plan_runner import advisor as shared_advisor

TODAY = date(2026, 11, 25)


def _health(bakery) -> list:
    with nullcontext(shared_advisor(TODAY)) as a:
        return [f for f in a.evaluate(bakery) if f.rule == "health-data-agreement"]


@pytest.mark.parametrize("currency, agreement", [
    ("USD", "HIPAA business associate agreement"),
    ("EUR", "GDPR data-processing agreement (Art. 28)"),
    ("INR", "DPDP Act"),
    ("THB", "names the health data"),  # a home without its own entry: the generic agreement
])
def test_a_login_to_a_pharmacy_system_gets_the_sectors_agreement_and_an_export(bakery, currency, agreement):
    """The flag is not set: the task's own words (prescriptions, the owner's login) say it."""
    logo = bakery.task("logo")
    bakery.business.currency = currency
    logo.sensitive_data = False
    logo.description = "Forecast stock from our prescriptions history. I will share my ERP login."
    found = _health(bakery)
    assert len(found) == 1 and agreement in found[0].fix
    assert "report export" in found[0].fix and "case or chart IDs" in found[0].fix
    assert plan_facts(bakery, None, TODAY)[("task", "logo")]["own_credentials"]


def test_health_words_without_data_or_access_say_nothing(bakery):
    logo = bakery.task("logo")
    logo.sensitive_data, logo.access = False, []
    logo.description = "A friendly logo our patients will recognise on the clinic door."
    assert _health(bakery) == []
    logo.description = "A logo for the bakery; customers' orders stay with us."  # no health words
    logo.sensitive_data = True
    assert _health(bakery) == []


def test_the_offers_nda_line_names_the_health_agreement_instead_of_a_second_line(bakery):
    logo = bakery.task("logo")
    logo.sensitive_data = True
    logo.description = "Patient records from our clinic system go into the new booking tool."
    for c in logo.candidates:
        c.agreements = [a for a in c.agreements if a != "nda"]
    with nullcontext(shared_advisor(TODAY)) as a:
        found = {f.rule: f for f in a.evaluate(bakery) if f.task == "logo"}
    assert "HIPAA business associate agreement" in found["offer-nda"].fix
    assert "health-data-agreement" not in found
