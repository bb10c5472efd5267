"""Round 31 (grading v33): the fixes the twenty-sixth review asked for, each from one of its plans
(tests/data/plans/blind-v26)."""

from __future__ import annotations

from datetime import date

import pytest

from tests import plan_runner
from tests.plan_runner import candidate, head, task

TODAY = date(2026, 12, 8)

_GROUP = '\n[[marketplaces]]\nname = "Facebook group"\nfee_percent = 0.0\nescrow = false\nfeedback = false\n'


# -- a channel without escrow, when its only bidder is ruled out (ricecracker-listings) ----------

@pytest.mark.parametrize("notes, said", [
    # the review's note: a 50% deposit to his account, and the shop owner's passwords: ruled out
    ("ทำให้ครบทั้ง 40 รายการครับ โอนมัดจำ 50% เข้าบัญชีก่อนเริ่มงานนะครับ แล้วขอ user/password ร้าน Lazada กับ Shopee"
     " ของเจ้าของร้านด้วย", False),
    ("ทำให้ครบทั้ง 40 รายการครับ", True),  # still in the running there: the warning stands
])
def test_a_channel_without_escrow_matters_while_someone_there_is_in_the_running(tmp_path, notes, said):
    text = head(jobs=0, currency="THB", rates=(300.0, 350.0, 320.0)) + _GROUP + task(
        "t", "Listings for 40 products", size="moderate", pricing="fixed", budget=28000.0, hours=80.0,
        status="hiring", marketplaces=["Upwork", "Facebook group"]) + candidate(
        "n", "Natthida", bid=26000.0, status="applied", rating=4.8, reviews=75) + candidate(
        "k", "Kittipong", bid=9000.0, status="applied", marketplace="Facebook group", notes=notes)
    got = plan_runner.run(tmp_path, text, today=TODAY)
    assert ("marketplace-without-protection" in got.rules) == said, got.steps
