"""Round 16A (grading v13 fixes 4, 6, 8, 9) on the seventh blind review's plans: a stated
turnaround against the delivery date, a sworn translator's licence checked, and the Ranking saying
once that an agency names nobody or that a marketplace is not set up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from advisor.commands.check import ranking_lines
from advisor.storage.planfile import loads_plan
from tests.plan_runner import advisor as shared_advisor

PLANS = Path(__file__).parent / "data" / "plans" / "blind-v7"
TODAY = date(2026, 12, 7)


def _plan(name: str):
    return loads_plan((PLANS / f"{name}.toml").read_text(encoding="utf-8"), source=name)


def _findings(plan):
    # the process's shared advisor (tests/plan_runner.py): a fresh engine session per plan
    return {(x.rule, x.candidate): x for x in shared_advisor(TODAY).evaluate(plan)}


def test_eight_working_days_ending_on_the_delivery_date_are_flagged_and_six_are_not():
    found = _findings(_plan("supply-contract-pl"))
    late = found[("not-available-in-time", "katarzyna")]
    assert "ends on 2026-12-17, the day delivery is due (2026-12-17)" in late.message
    assert ("not-available-in-time", "anna") not in found  # 6 working days end on 15 Dec


def test_a_sworn_translators_stated_licence_is_checked_in_the_register():
    found = _findings(_plan("supply-contract-pl"))
    check = found[("check-stated-licence", None)]
    assert "Tłumacz przysięgły" in check.message and "sworn translators" in check.fix


def test_the_ranking_names_an_agency_naming_nobody_and_a_marketplace_not_set_up_once():
    line = next(x for x in ranking_lines(_plan("ngo-report-layout")) if "#1" in x)
    assert line.count("an agency naming nobody") == 1 and line.count("fees and escrow not known") == 1
    # the agency naming nobody ranks after the named specialist it used to stand above
    assert line.index("Rana Al-Khatib") < line.index("Studio Qalam (an agency naming nobody)")


def test_plugins_on_the_agencys_own_licences_are_flagged_but_a_testers_tool_licence_is_not():
    venue = _findings(_plan("venue-wordpress"))
    assert "the agency's own licences" in venue[("third-party-on-vendor-licence", "kuiper")].message
    saas = _findings(_plan("saas-pentest"))  # "Burp Suite Professional (their licence)": a tool, not in the work
    assert not any(rule == "third-party-on-vendor-licence" for rule, _ in saas)
