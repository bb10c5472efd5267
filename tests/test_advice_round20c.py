"""Round 20 part C (grading v18 fixes 6-10): rate bookkeeping kept out of the advice, milestones at
the going rate when the budget is below it, fix wording that fits the task and its pricing, one
line for one off-platform message, least-privilege quiet on named roles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests import plan_runner

TODAY = date(2026, 12, 7)

HEAD = plan_runner.head(name="Test Press", jobs=5, feedback=False)


def rates(skill: str, *hourly: float, market: str = "Upwork") -> str:
    return "".join(f'[[rates]]\nskill = "{skill}"\nmarketplace = "{market}"\nhourly = {h}\ndate = 2026-11-01\n'
                   for h in hourly)


def run(tmp_path: Path, text: str):
    """(findings by rule, next-step actions) of a plan written in TOML."""
    got = plan_runner.run(tmp_path, HEAD + text, TODAY)
    return got.by_rule(), got.steps


HIRED_AGENCY = """
[[tasks]]
id = "mig"
title = "Migrate the member database to the new CRM"
size = "major"
critical = true
skills = ["crm migration"]
pricing = "fixed"
budget = 9000.0
hours = 120.0
status = "hired"
marketplaces = ["Upwork"]
deadline = 2027-02-20
acceptance = "Every member moved, spot check of 100 records."
milestones = 3
handover = "Mapping notes in our Drive."
[[tasks.candidates]]
id = "ag"
name = "North Studio"
marketplace = "Upwork"
kind = "agency"
named_people = ["Ana Ruiz"]
working_people = ["Ana Ruiz", "Tom Hale"]
bid = 8000.0
status = "hired"
upfront_percent = 50
notes = "Milestone 1 accepted and paid. For milestone 2 they want 50% by bank transfer to skip the Upwork fees."
"""


def test_an_off_platform_deposit_is_one_line_with_its_amount_and_the_next_milestone(tmp_path):
    """paper (v18): off-platform-request and upfront-outside-escrow fired on one message (2 risks,
    2 steps), and the step said "the first milestone" of a contract whose first one was paid."""
    found, steps = run(tmp_path, rates("crm migration", 60, 70, 80) + HIRED_AGENCY)
    assert "upfront-outside-escrow" in found and "off-platform-request" not in found
    line = found["upfront-outside-escrow"]
    assert "$4,000" in line.message and "their words" in line.message
    assert "the next milestone" in line.fix and "first milestone" not in line.fix
    assert sum("only through the marketplace" in s for s in steps) == 1


def test_a_substitute_on_a_fixed_price_is_not_asked_about_billed_hours(tmp_path):
    """paper (v18): "renegotiate the rate", "whose hours are billed" on a fixed-price milestone job."""
    found, _ = run(tmp_path, rates("crm migration", 60, 70, 80) + HIRED_AGENCY)
    fix = found["key-person-substituted"].fix
    assert "hours are billed" not in fix and "rate" not in fix and "next milestone" in fix
    hourly = HIRED_AGENCY.replace('pricing = "fixed"\nbudget = 9000.0', 'pricing = "hourly"\nbudget = 75.0').replace(
        "bid = 8000.0", "hourly = 70.0")
    found, _ = run(tmp_path, rates("crm migration", 60, 70, 80) + hourly)
    assert "whose hours are billed" in found["key-person-substituted"].fix


DRAFT = """
[[tasks]]
id = "bar"
title = "Barcode the parts store"
size = "major"
skills = ["inventory setup"]
pricing = "fixed"
budget = 3000.0
hours = 40.0
status = "draft"
marketplaces = ["Upwork"]
acceptance = "Every bin labelled; scanning works in the stock system."
"""


def test_milestones_come_from_the_going_rate_when_the_budget_is_below_it(tmp_path):
    """garage (v18): "2 milestones of about R1 500" split a budget the first step called a quarter
    of the market; 40 hours at a $300 median is $12,000, $6,000 a milestone."""
    _, steps = run(tmp_path, rates("inventory setup", 250, 300, 350) + DRAFT)
    step = next(s for s in steps if "milestones" in s)
    assert "$6,000 each at the going rate" in step
    # a budget inside the rates is split as it stands
    _, steps = run(tmp_path, rates("inventory setup", 60, 75, 90) + DRAFT)
    step = next((s for s in steps if "milestones of about" in s), "")
    assert "going rate" not in step


def test_once_bids_are_in_the_milestones_split_the_budget_not_the_going_rate(tmp_path):
    """daycare (v19): "10 milestones of about W1.8M at the going rate" (W18M) above every bid and
    a budget no line asked to raise: with proposals in hand, the bids are the market."""
    posted = DRAFT.replace('status = "draft"', 'status = "hiring"') + """
[[tasks.candidates]]
id = "bo"
name = "Bo Lind"
marketplace = "Upwork"
bid = 2900.0
status = "applied"
"""
    _, steps = run(tmp_path, rates("inventory setup", 250, 300, 350) + posted)
    step = next((s for s in steps if "milestones of about" in s), "")
    assert "$6,000" not in step and "going rate" not in step


def test_thin_going_rate_speaks_only_when_the_budget_is_off_one_marketplace_s_rates(tmp_path):
    """distillery (v18): "aim for 5 or more from at least two" on 4 rates from two marketplaces."""
    two = rates("inventory setup", 250, 300, market="Upwork") + rates("inventory setup", 280, 320, market="Fiverr")
    found, _ = run(tmp_path, two + DRAFT.replace('"Upwork"]', '"Upwork", "Fiverr"]'))
    assert "thin-going-rate" not in found
    found, _ = run(tmp_path, rates("inventory setup", 250, 300, 350) + DRAFT)
    assert "thin-going-rate" in found and "second" in found["thin-going-rate"].message
    found, _ = run(tmp_path, rates("inventory setup", 60, 75, 90) + DRAFT)  # $75 an hour: inside
    assert "thin-going-rate" not in found


def test_a_posted_job_taking_proposals_is_advised_as_hiring_without_a_status_nag(tmp_path):
    """distillery (v18): "marked posted, but it already has 3 candidates" was bookkeeping."""
    plan = DRAFT.replace('status = "draft"', 'status = "posted"') + """
[[tasks.candidates]]
id = "a"
name = "Ana"
marketplace = "Upwork"
bid = 3000.0
status = "applied"
"""
    found, _ = run(tmp_path, rates("inventory setup", 60, 75, 90) + plan)
    assert "status-out-of-step" not in found
    found, _ = run(tmp_path, rates("inventory setup", 60, 75, 90) + plan.replace('status = "posted"', 'status = "draft"', 1))
    assert "status-out-of-step" in found  # a draft with candidates is still out of step


CONFIG_JOB = """
[[tasks]]
id = "cm"
title = "Set up a channel manager for our booking sites"
description = "Connect our rooms and rates in the PMS to the channel manager (a sync that runs for years) and map them on each site."
size = "moderate"
critical = true
skills = ["channel manager setup"]
pricing = "fixed"
budget = 1000.0
hours = 24.0
status = "hiring"
deadline = 2027-02-28
marketplaces = ["Upwork"]
acceptance = "Two weeks in parallel with no overbooking."
access = ["channel-manager-user", "booking-extranet-user"]
[[tasks.candidates]]
id = "t"
name = "Tiago"
marketplace = "Upwork"
bid = 1000.0
rating = 4.9
reviews = 20
status = "interviewed"
[tasks.candidates.interview]
date = 2026-12-01
scores = { skill = 5 }
"""


def test_a_configuration_job_is_handed_over_as_accounts_not_code(tmp_path):
    """hotel (v18): "agree the code lives in your own repository" for a channel-manager set-up."""
    found, steps = run(tmp_path, rates("channel manager setup", 40, 42, 45) + CONFIG_JOB)
    text = " ".join(steps + [f.fix for f in found.values()])
    assert "offer-handover" in found
    assert "repository" not in text and "every account is in your name" in text
    coded = CONFIG_JOB.replace("map them on each site.", "write the sync script in Python.")
    found, steps = run(tmp_path, rates("channel manager setup", 40, 42, 45) + coded)
    assert "code lives in your own repository" in " ".join(steps + [f.fix for f in found.values()])


def test_health_data_keeps_the_plan_s_named_role_accounts(tmp_path):
    """chiro (v18): "read-only user, case IDs" for a coder who must submit claims through the
    plan's named role accounts, and "a subcontractor BAA if you work for a clinic" to a clinic."""
    health = CONFIG_JOB.replace("Connect our rooms", "Code patients' visits; connect our rooms").replace(
        'access = ["channel-manager-user", "booking-extranet-user"]', 'access = ["ehr-billing-role", "clearinghouse-user"]\nsensitive_data = true')
    found, steps = run(tmp_path, rates("channel manager setup", 40, 42, 45) + health)
    text = " ".join(steps + [f.fix for f in found.values()])
    assert "ehr-billing-role" in text and "case IDs" not in text and "read-only user" not in text
    assert "subcontractor" not in text


def test_least_privilege_is_quiet_on_named_single_purpose_roles(tmp_path):
    """roof, game-sfx (v18): "google-business-profile-manager", "perforce-audio-folder" restated."""
    hired = CONFIG_JOB.replace('status = "hiring"', 'status = "hired"').replace('status = "interviewed"', 'status = "hired"')
    for access in ('["google-business-profile-manager", "yelp-business-user"]', '["perforce-audio-folder"]'):
        found, _ = run(tmp_path, rates("channel manager setup", 40, 42, 45)
                       + hired.replace('["channel-manager-user", "booking-extranet-user"]', access))
        assert "access-least-privilege" not in found
    found, _ = run(tmp_path, rates("channel manager setup", 40, 42, 45)
                   + hired.replace('["channel-manager-user", "booking-extranet-user"]', '["shopify"]'))
    assert "access-least-privilege" in found  # a system with no role named still gets the advice
