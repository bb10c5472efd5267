"""Round 22 part A (grading v20 fix 1, v19 fix 5, v20 fix 5's disclosure): a share asked up front
on an escrow marketplace is a red flag in the rule facts and the Ranking alike (a proven person's
agreed deposit, or one paid into the escrow, is not); wallets, advances and owner-level access in
any language; a candidate's report of an open hole in the owner's systems is the owner's first
step, never a red flag against them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.advice.value import task_values
from advisor.phrasecontext import in_context
from advisor.phrases import matcher
from tests import plan_runner
from tests.test_advice_round20b import HEAD

TODAY = date(2026, 12, 7)


def _cand(cid: str, *, bid: float = 1000.0, notes: str = "", extra: str = "", market: str = "Upwork") -> str:
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "{market}"
bid = {bid}
rating = 4.9
reviews = 30
jobs = 30
job_success = 95
status = "shortlisted"
notes = "{notes}"
{extra}
"""


def _plan(tmp_path: Path, cands: str, *, pricing: str = 'pricing = "fixed"\nbudget = 1200.0', markets: str = ""):
    text = HEAD.format(jobs=3) + markets + f"""
[[tasks]]
id = "t"
title = "Fix the loyalty app"
description = "Flutter app bugs."
skills = ["work"]
marketplaces = ["Upwork"]
size = "moderate"
{pricing}
hours = 40.0
status = "hiring"
deadline = 2027-03-01
""" + cands
    return plan_runner.write_plan(tmp_path, text)


def _advice(plan):
    """(findings, the Next steps as objects): tests/plan_runner.py's shared Advisor."""
    got = plan_runner.run_plan(plan, TODAY)
    return got.found, got.arranged(TODAY)[1]


def _excluded(plan) -> dict[str, str]:
    return {v.candidate: v.excluded for v in task_values(plan, plan.tasks[0])}


def test_a_strangers_share_up_front_on_an_escrow_marketplace_is_a_red_flag_in_facts_and_ranking(tmp_path):
    """cafe (v20): Rohit's upfront_percent = 50 on Fiverr (escrow) drew nothing and ranked 2nd."""
    plan = _plan(tmp_path, _cand("rohit", bid=900.0, extra="upfront_percent = 50.0") + _cand("anil"))
    found, steps = _advice(plan)
    hit = [f for f in found if f.rule == "upfront-payment"]
    assert [f.candidate for f in hit] == ["rohit"]
    assert "50% of the price ($450) before any delivery, outside Upwork's milestone escrow" in hit[0].message
    assert "nothing before delivery" in hit[0].fix and "escrow" in hit[0].fix
    assert _excluded(plan)["rohit"] == "asks for money up front"  # the same judgement
    assert any("drop Rohit (asks for money up front)" in s.action for s in steps)


def test_a_proven_persons_agreed_deposit_on_escrow_is_no_red_flag(tmp_path):
    plan = _plan(tmp_path, _cand("rohit", bid=900.0, extra="upfront_percent = 30.0\npast_jobs_with_us = 2")
                 + _cand("anil"))
    found, _ = _advice(plan)
    assert not [f for f in found if f.candidate == "rohit" and f.severity == "risk"]
    assert not _excluded(plan)["rohit"]


def test_a_deposit_the_notes_pay_into_the_escrow_is_no_red_flag(tmp_path):
    """cookbook (v8 must-not): "30% deposit through Kmong safe payment" is held for you."""
    plan = _plan(tmp_path, _cand("kim", notes="계약금 30%는 크몽 안전결제로 결제하고, 나머지는 3회 나누어 납품 시 결제합니다.",
                                 extra="upfront_percent = 30.0") + _cand("anil"))
    found, _ = _advice(plan)
    assert not [f for f in found if f.rule == "upfront-payment"]
    assert not _excluded(plan)["kim"]


def test_outside_escrow_the_share_keeps_the_deposit_advice(tmp_path):
    markets = '\n[[marketplaces]]\nname = "Direct"\nescrow = false\n'
    plan = _plan(tmp_path, _cand("rohit", bid=900.0, extra="upfront_percent = 50.0", market="Direct")
                 + _cand("anil"), markets=markets)
    rules = {f.rule for f in _advice(plan)[0] if f.candidate == "rohit"}
    assert "deposit-without-escrow" in rules and "upfront-payment" not in rules
    assert not _excluded(plan)["rohit"]  # 50% is a deposit to bring down, not a drop


def test_the_stake_of_an_hourly_job_is_the_share_of_the_whole_job(tmp_path):
    """cafe (v20): "50% of the price (₹550)" was half of one hour's rate."""
    plan = _plan(tmp_path, _cand("rohit", bid=0, notes="50% advance on UPI before I start.",
                                 extra="hourly = 20.0\nupfront_percent = 50.0").replace("bid = 0\n", ""),
                 pricing='pricing = "hourly"\nbudget = 30.0')
    hit = [f for f in _advice(plan)[0] if f.rule == "upfront-outside-escrow"]
    assert len(hit) == 1 and "($400)" in hit[0].message and '"UPI"' in hit[0].message


@pytest.mark.parametrize("text", [
    "Pay me on UPI", "send it to my Paytm", "PhonePe is easier", "GPay me the rest", "pay via Venmo",
    "Payoneer direct is fine", "pay me through Revolut", "WeChat Pay or Alipay", "M-Pesa to my number",
    "PIX direto", "por Bizum", "सीधे भुगतान करें", "الدفع عن طريق تحويل مباشر", "โอนตรงเข้าบัญชี",
    "chuyển khoản trực tiếp cho tôi", "transfer langsung ke rekening saya",
])
def test_wallets_and_direct_payment_in_any_language_are_a_move_off_the_marketplace(text):
    assert "off_platform" in in_context(matcher().find(text), text, "Fiverr").categories


@pytest.mark.parametrize("text", [
    "काम शुरू करने से पहले 50% एडवांस चाहिए", "50% पहले चाहिए", "अग्रिम भुगतान", "دفعة مقدمة 50%", "มัดจำ 50%",
    "thanh toán trước 50%", "bayar di muka 50%", "DP 50% dulu",
])
def test_an_advance_in_any_language_is_money_up_front(text):
    assert "upfront" in matcher().find(text).categories


@pytest.mark.parametrize("text", [
    "Firebase का owner एक्सेस दे दीजिए", "I need the Owner role on the project", "give me admin rights",
    "أحتاج صلاحيات المالك", "cần quyền quản trị", "minta akses admin",
])
def test_an_owner_or_admin_level_access_request_in_any_language_is_the_credentials_flag(text):
    assert "credentials" in matcher().find(text).categories


@pytest.mark.parametrize("text", [
    "I don't need owner access", "अग्रिम धन्यवाद", "Upwork pays me; no escrow issues",
    "He asks only for a Firebase project Editor role on a staging copy, not production.",
])
def test_no_request_no_flag(text):
    cats = matcher().find(text).categories
    assert not {"credentials", "upfront"} & set(cats)


def test_a_reported_hole_in_the_owners_systems_is_the_owners_first_step_not_a_red_flag(tmp_path):
    """cafe (v20): Yusuf's "your Firestore rules are open to the public" was missed."""
    note = "Your Firestore rules are open to the public, I could read member data from the app bundle."
    plan = _plan(tmp_path, _cand("yusuf", notes=note) + _cand("anil", bid=1100.0))
    found, steps = _advice(plan)
    hole = [f for f in found if f.rule == "reported-exposure"]
    assert len(hole) == 1 and hole[0].severity == "risk" and "Yusuf" in hole[0].message
    assert steps[0].action.startswith("Close the hole Yusuf reported now")
    assert "urgent whatever you hire" in steps[0].action
    assert not [f for f in found if f.candidate == "yusuf" and f.severity == "risk"]
    assert not _excluded(plan)["yusuf"]
    quiet = _plan(tmp_path, _cand("yusuf", notes="I checked: the bucket is not public.") + _cand("anil"))
    assert not [f for f in _advice(quiet)[0] if f.rule == "reported-exposure"]


def test_a_drop_is_named_beside_the_tasks_next_action_not_a_step_of_its_own(tmp_path):
    plan = _plan(tmp_path, _cand("bob", bid=900.0, notes="Send me your password and I start today.")
                 + _cand("ann") + _cand("cy", bid=1100.0))
    steps = _advice(plan)[1]
    assert "drop Bob (asks for your own logins" in steps[0].action
    assert not steps[0].action.startswith("Drop") and ".;" not in steps[0].action


def test_a_reported_hole_comes_before_the_tasks_decision(bakery):
    """A hole in the owner's own systems is urgent whatever is hired: its step is first, the
    task's decision (hire Ana, drop Ben) right after it (it was third, behind the decision and
    the business's task order)."""
    from tests.plan_runner import run_plan

    ben = next(c for c in bakery.task("logo").candidates if c.name.startswith("Ben"))
    ben.notes = "Your bucket is public: I could read member data. Send me your admin password."
    got = run_plan(bakery)
    assert got.steps[0].startswith('Close the hole Ben K. reported now ("bucket is public"')
    assert got.steps[1].startswith("Hire Ana P.") and "drop Ben K." in got.steps[1]
