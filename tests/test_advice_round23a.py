"""Round 23 part A (grading v21 fixes 1, 2, 4): a login or off-platform request is read in more
languages and in more words on every live candidate, applied ones too; a contact app after the
contract with payment kept on a marketplace is no request; the Ranking and the drop step give the
most serious reason first (one order: advisor.rules.seriousness)."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.advice.value import task_values
from advisor.phrasecontext import in_context
from advisor.phrases import matcher
from tests.test_advice_round20b import HEAD

TODAY = date(2026, 12, 7)


def _flags(text: str, marketplace: str = "Upwork") -> tuple[str, ...]:
    return in_context(matcher().find(text), text, marketplace).categories


@pytest.mark.parametrize("text", [
    "Please send your Revit file and your Autodesk account login and password so we can start.",
    "Send us your Shopify login today.",
    "Pakibigay na rin po ang password ng Gmail ninyo para masimulan ko agad.",
    "Ibigay niyo na lang ang login ng admin ninyo.",
    "Sila berikan username dan password akaun anda.",
    "Tolong kirim kata sandi anda untuk dashboard.",
    "Tafadhali nitumie nenosiri la akaunti ya duka.",
    "দয়া করে আপনার পাসওয়ার্ড পাঠান।",
    "براہ کرم اپنا پاس ورڈ بھیج دیں۔",
])
def test_a_login_request_is_read_in_more_words_and_languages(text):
    assert "credentials" in _flags(text)


@pytest.mark.parametrize("text", [
    "Mas mabilis po kung sa GCash na lang tayo magbayaran.",
    "Para walang fee ang Upwork, bayaran mo ako diretso.",
    "Bayar saja lewat GoPay, tanpa komisi Upwork.",
    "Nilipe kwa M-Pesa bila kamisheni ya Upwork.",
    "বিকাশে পেমেন্ট করুন, Upwork ফি ছাড়া।",
    "JazzCash پر ادائیگی کریں، Upwork کی فیس بغیر۔",
    # grading v24, language quiz: a Zalo chat and a MoMo payment were read as nothing
    "Anh chị liên hệ Zalo 0912 xxx xxx để trao đổi nhanh hơn, thanh toán qua MoMo cho tiện.",
    "Send it by PayPal friends and family, it is quicker.",
])
def test_a_wallet_or_a_dodged_fee_in_more_languages_is_a_move_off_the_marketplace(text):
    assert "off_platform" in _flags(text)


@pytest.mark.parametrize("text", [
    "Built a login and password-reset flow for 3 apps.",
    "Upwork pays out to my GCash every Friday.",
    "I set up your Gmail filters last year for another shop.",
])
def test_ordinary_notes_stay_quiet(text):
    assert not {"credentials", "off_platform"} & set(_flags(text))


@pytest.mark.parametrize("text,marketplace", [
    ("契約後はLINEでのご連絡も可能です。お支払いはCrowdWorks経由でお願いします。", "Lancers"),
    ("契約後はLINEでのご連絡も可能です。お支払いはCrowdWorksでお願いします。", "CrowdWorks"),
    ("After the contract, add me on LINE for quick questions; payment via Fiverr milestones.", "Upwork"),
    ("계약 후 카톡 가능합니다. 결제는 크몽을 통해 합니다.", "크몽"),
])
def test_a_contact_app_after_the_contract_with_payment_on_a_marketplace_is_no_request(text, marketplace):
    assert "off_platform" not in _flags(text, marketplace)


@pytest.mark.parametrize("text", [
    "LINEでご連絡ください。お支払いはCrowdWorks経由で。",  # no contract in sight: still a move
    "After the contract add me on line; save the fees and pay me directly.",  # money off it
    "After the contract add me on line for everything.",  # no payment kept on a marketplace
    ("Milestone 1 accepted and paid through Workana. Para el hito 2, transferencia directa, así nos "
     "ahorramos la comisión de Workana."),  # a paid past milestone keeps no later request on it
])
def test_without_both_the_contract_and_payment_kept_on_it_the_request_stays(text):
    assert "off_platform" in _flags(text, "Workana" if "Workana" in text else "CrowdWorks")


def test_one_order_most_serious_first():
    from advisor.rules.seriousness import REASON_ORDER, most_serious_first

    assert REASON_ORDER.index("credentials") < REASON_ORDER.index("off_platform") < REASON_ORDER.index("confirm")
    assert REASON_ORDER.index("confirm") < REASON_ORDER.index("over_budget")
    assert most_serious_first([("over_budget", "b"), ("confirm", "q"), ("credentials", "l")]) == ["l", "q", "b"]


def _cand(cid: str, *, bid: float, notes: str = "", status: str = "shortlisted", kind: str = "") -> str:
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "Upwork"
{'kind = "' + kind + '"' if kind else ''}
{'named_people = ["Aigerim B."]' if kind else ''}
bid = {bid}
rating = 4.9
reviews = 30
jobs = 30
job_success = 95
status = "{status}"
notes = "{notes}"
"""


@pytest.fixture(scope="module")
def advised(tmp_path_factory):
    """One plan, advised once: an applied agency asking for a login, an applied VA asking for
    GCash and the Gmail password, a LINE-after-contract note paying on the marketplace, a note
    whose up-front words sit beside a negation (a question) and over budget, two clean bids."""
    from advisor.commands.check import ranking_lines
    from tests import plan_runner

    text = HEAD.format(jobs=3) + """
[[tasks]]
id = "t"
title = "Renders of the housing block"
description = "Six photoreal renders."
skills = ["work"]
marketplaces = ["Upwork"]
size = "moderate"
pricing = "fixed"
budget = 1200.0
hours = 40.0
status = "hiring"
deadline = 2027-03-01
""" + "".join((
        _cand("kite", bid=1150.0, status="applied", kind="agency",
              notes="Please send your Revit file and your Autodesk account login and password so we can open the families."),
        _cand("ana", bid=900.0, status="applied",
              notes="Mas mabilis po kung sa GCash na lang tayo magbayaran para walang fee ang Upwork. "
                    "Pakibigay na rin po ang password ng Gmail ninyo."),
        _cand("sato", bid=1100.0, notes="契約後はLINEでのご連絡も可能です。お支払いはUpworkでお願いします。"),
        _cand("ben", bid=1500.0, notes="Nunca en mi vida he pedido a un cliente el pago por adelantado"),
        _cand("val", bid=1000.0),
    ))
    plan, found, steps = plan_runner.run(tmp_path_factory.mktemp("r23a"), text, TODAY)  # the shared Advisor
    rows = {v.candidate: v for v in task_values(plan, plan.tasks[0])}
    return found, steps, ranking_lines(plan)[0], rows


def test_applied_candidates_asking_for_a_login_are_excluded_with_that_reason(advised):
    _, _, line, rows = advised
    assert rows["kite"].excluded == "asks for your own logins"
    assert rows["ana"].excluded == "asks for your own logins and asked to move off the marketplace"
    ranked = line.split("excluded:")[0]
    assert "Kite" not in ranked and "Ana" not in ranked
    assert "Kite (asks for your own logins)" in line


def test_the_drop_quotes_the_most_serious_request_first(advised):
    found, steps, _, _ = advised
    drop = next(s for s in steps if "Ana (" in s)
    assert drop.index('"password ng Gmail"') < drop.index('"GCash"')
    assert '"your Autodesk account login and password"' in next(s for s in steps if "Kite (" in s)
    assert {f.rule for f in found if f.candidate == "ana"} >= {"credentials-request", "off-platform-request"}


def test_a_line_contact_after_the_contract_paid_on_the_marketplace_stays_ranked(advised):
    found, _, line, rows = advised
    assert not rows["sato"].excluded and "Sato" in line.split("excluded:")[0]
    assert not [f for f in found if f.candidate == "sato" and f.rule == "off-platform-request"]


def test_a_ranked_candidates_question_comes_before_the_price(advised):
    _, _, line, rows = advised
    assert rows["ben"].confirm and not rows["ben"].excluded
    said = line[line.index("Ben ("):]
    assert said.index("ask ") < said.index("over budget")


@pytest.mark.parametrize("text, market, off", [
    ("ถ้าโอนเงินผ่านธนาคารโดยตรงนอก Fastwork จะลดให้ 10% ไม่ต้องเสียค่าธรรมเนียม", "Fastwork", True),  # th
    ("Thanh toán ngoài Upwork qua chuyển khoản, giảm 10%.", "Upwork", True),                        # vi
    ("Bayar di luar Upwork lewat transfer bank.", "Upwork", True),                                   # id
    ("ชำระเงินผ่าน Fastwork เท่านั้น", "Fastwork", False),                                          # paid on it
    ("Оплата только через Upwork, не за пределами платформы.", "Upwork", False),                     # negated
])
def test_outside_the_marketplace_in_thai_vietnamese_indonesian(text, market, off):
    """Grading v22 (lead, dive shop): a Thai bidder offering 10% off for a bank transfer "นอก
    Fastwork" (outside Fastwork) was ranked #1; "outside" is read before the marketplace's name in
    these languages too."""
    assert ("off_platform" in in_context(matcher().find(text), text, market).categories) is off
