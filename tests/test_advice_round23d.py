"""Round 23 part D (grading v21 fix 7): the access advice knows the system. Where the plan names a
system with scoped users it says the role (an SMSAPI sub-user, that one mailbox delegated); where
the system gives one login only (Etsy has no staff accounts) it says the fallback (2FA on the
owner's phone, drafts they upload, payments out of reach, the password changed at the end), never
"ask the system for a second one". The data-processing agreement of the business's law (GDPR, RODO
in Poland) when personal data is in reach, and "revoke on the last day" on every access step."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.rules.access import least_role, unscoped
from tests import plan_runner

TODAY = date(2026, 12, 7)

@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    """A plan's text and currency -> the Next steps' actions: tests/plan_runner.py's shared Advisor."""
    folder = tmp_path_factory.mktemp("round23d")
    def go(text: str, currency: str = "EUR") -> list[str]:
        head = plan_runner.head(name="Test shop", currency=currency, jobs=2, rates=(30.0, 32.0, 35.0))
        return plan_runner.run(folder, head + text, TODAY).steps
    return go


def task(description: str, *, status: str = "posted", access: str = "", sensitive: bool = True) -> str:
    return f"""
[[tasks]]
id = "t"
title = "Shop work"
description = "{description}"
size = "minor"
skills = ["work"]
pricing = "fixed"
budget = 700.0
hours = 20.0
status = "{status}"
marketplaces = ["Upwork"]
deadline = 2027-03-01
sensitive_data = {str(sensitive).lower()}
acceptance = "Done and checked."
{f'access = [{access}]' if access else ''}
"""


def cand(cid: str, status: str = "applied", bid: float = 600.0) -> str:
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "Upwork"
bid = {bid}
rating = 4.9
reviews = 30
jobs = 35
job_success = 97
status = "{status}"
"""


def _access_step(actions: list[str], word: str) -> str:
    return next(a for a in actions if word in a)


def test_a_system_without_second_users_gets_the_owners_fallback(steps):
    """pottery (v21): "ask the system for a second one" on Etsy, which has no staff accounts."""
    actions = steps(task("30 listings. Etsy has no staff accounts, so I will share my Etsy login.")
                    + cand("mina") + cand("jo", bid=650.0), "KRW")
    step = _access_step(actions, "Etsy")
    assert "Etsy has no second user" in step and "2FA on your phone" in step
    assert "drafts or a CSV you upload" in step and "payments and payouts out of their reach" in step
    assert "change the password the day the work ends" in step
    assert "second one" not in " ".join(actions) and "GDPR" not in step  # no EU law for a KRW business
    assert "data-processing agreement" in step  # personal data in reach (sensitive)


def test_a_system_with_scoped_users_gets_its_role_the_law_of_the_business_and_revoke(steps):
    """driving (v21): the owner's own SMSAPI and Google logins with pupils' numbers, no RODO line."""
    actions = steps(task("SMS reminders; I will give the freelancer my SMSAPI login.", status="draft",
                         access='"google-calendar", "smsapi"'), "PLN")
    step = _access_step(actions, "SMSAPI")
    assert "smsapi as an SMSAPI sub-user without billing" in step
    assert "google-calendar as that one calendar shared with their own account" in step
    assert "RODO (GDPR) data-processing agreement" in step and "revoke their access on the last day" in step
    assert step.count("SMSAPI sub-user") == 1  # said once, though named twice
    assert "second one" not in step


def test_no_personal_data_no_agreement_in_the_access_step(steps):
    actions = steps(task("Theme tweaks; I will share my Shopify login.", status="draft", sensitive=False), "EUR")
    step = _access_step(actions, "Shopify")
    assert "Shopify staff" in step and "revoke" in step and "data-processing agreement" not in step


def test_the_nda_step_names_the_listed_accounts_and_their_end(steps):
    """hotel and florist (v21): "no named PMS/inbox account, no revoke"."""
    actions = steps(task("Weekly rate review.", status="hiring", access='"pms-revenue-role"')
                    + cand("lan", "interviewed") + cand("ana", "interviewed", 650.0), "VND")
    step = _access_step(actions, "NDA")
    assert "give them their own pms-revenue-role, and revoke it on the last day" in step
    actions = steps(task("Answer bridal enquiries.", status="hiring", access='"shared-inbox", "calendar"')
                    + cand("sanne", "interviewed") + cand("ana", "interviewed", 650.0), "EUR")
    step = _access_step(actions, "NDA")
    assert "GDPR data-processing agreement (Art. 28)" in step
    assert "shared-inbox as delegate access to that one mailbox" in step and "revoke them on the last day" in step


def test_admin_rights_listed_before_the_hire_are_offered_as_the_least_role(steps):
    actions = steps(task("Update the booking form.", status="hiring", access='"wp-admin"')
                    + cand("lan", "interviewed") + cand("ana", "interviewed", 650.0), "USD")
    assert "give them their own WordPress Editor instead of wp-admin, and revoke it" in _access_step(actions, "NDA")


def test_the_agreement_is_said_once_when_the_own_login_step_joins_the_nda(steps):
    actions = steps(task("Candidate sourcing.", status="hiring", access='"linkedin recruiter (my seat)", "greenhouse"')
                    + cand("maria", "shortlisted") + cand("ana", "shortlisted", 650.0), "GBP")
    step = _access_step(actions, "NDA")
    assert "instead of linkedin recruiter (my seat)" in step
    assert step.count("data-processing agreement") == 1 and "UK GDPR" in step


def test_owner_rights_are_downgraded_and_revoked_at_the_end(steps):
    actions = steps(task("Fix the checkout.", status="hired", access='"shopify-owner"', sensitive=False)
                    + cand("kim", "hired"), "USD")
    step = _access_step(actions, "Downgrade")
    assert "Shopify staff" in step and "revoke their access on the last day" in step


def test_the_law_follows_the_currency_and_the_table_reads_words_in_brackets():
    from advisor.advice.accessstep import personal_agreement

    assert personal_agreement("EUR").startswith("GDPR") and personal_agreement("PLN").startswith("RODO")
    assert personal_agreement("USD") == "data-processing agreement"
    assert least_role("etsy-shop").startswith("no user of its own")
    assert unscoped(["greenhouse (named user)", "hubspot"]) == ["hubspot"]  # "user)" names its role
