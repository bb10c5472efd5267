"""Round 27, part B (grading v24 fix 8): a candidate dropped for one reason shows every reason
the advice has, most serious first, in the Ranking's "excluded" and the drop step alike. Here:
AI translation said in the candidate's own language (yacht: "yapay zekâ ile çeviririm" was
dropped only for the bank move, so the owner could not answer the AI offer) counts as machine
output on work that needs a person, beside the move off the marketplace; and a request for the
owner's real records to test with, on personal data, is one more reason beside a drop (dentallab:
"실제 환자 데이터로" dropped only for the password), never a reason alone."""

from __future__ import annotations

import pytest

from advisor.advice.value import values_with
from tests import plan_runner
from tests.plan_runner import HEAD, candidate, task

TASK = HEAD.format(jobs=3) + task(
    "t", "Translate the booking pages", description="Human translation only: a native speaker writes every page.",
    skills=["translation"], marketplaces=["Upwork"], size="moderate", pricing="fixed", budget=1200.0, hours=30.0,
    status="hiring", deadline="2027-02-20") + "".join(
    candidate(cid, cid.capitalize(), bid=bid, rating=4.9, reviews=40, jobs=50, job_success=97, status="applied",
              notes=notes)
    for cid, bid, notes in (
        ("katrin", 1100.0, "Native German translator, I write every page myself."),
        ("mert", 800.0, "Üç dili de yapay zekâ ile çeviririm. Ödemeyi Upwork dışında havale ile yaparsanız %10 indirim."),
        ("ivan", 700.0, "Переведу с помощью ИИ за два дня."),
        ("lena", 900.0, "Ich übersetze alles selbst, ohne KI."),
    ))

AI = "offers machine or AI output for work that needs a person"


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    return plan_runner.run(tmp_path_factory.mktemp("r27b"), TASK)


def _excluded(got) -> dict[str, str]:
    task = got.plan.tasks[0]
    return {v.name: v.excluded for v in values_with(got.plan, task) if v.excluded}


def test_every_reason_for_a_drop_is_listed_most_serious_first(got):
    why = _excluded(got)["Mert"]
    assert why == f"asked to move off the marketplace and {AI}"  # the move first (seriousness order)
    drop = next(s for s in got.steps if "drop " in s and "Mert" in s)
    tail = drop.split("Mert (", 1)[1]
    assert tail.index("asked to move off the marketplace") < tail.index(AI) and "yapay zekâ ile" in tail


def test_ai_in_another_language_alone_rules_out_on_human_work(got):
    assert _excluded(got)["Ivan"] == AI


def test_no_ai_and_a_clean_bid_stay_ranked(got):
    out = _excluded(got)
    assert "Lena" not in out and "Katrin" not in out  # "ohne KI" is no AI offer


DATA = HEAD.format(jobs=3) + task(
    "p", "Clinic order portal", skills=["web"], marketplaces=["Upwork"], size="moderate", pricing="fixed",
    budget=9000.0, hours=120.0, sensitive_data=True, status="hiring", deadline="2027-03-20",
    key_criteria=["security"]) + "".join(
    candidate(cid, cid.capitalize(), bid=bid, rating=4.9, reviews=40, jobs=50, job_success=97, status="interviewed",
              notes=notes, interview={"date": "2026-11-25", "scores": {"security": sec, "quality": 4}})
    for cid, bid, sec, notes in (
        ("seo", 7000.0, 2, "테스트는 실제 환자 데이터로 하면 빨라요. 관리자 계정 비밀번호 보내주세요."),
        ("min", 8500.0, 4, "I will build it on staging; please send the real patient data export for the import test."),
        ("ana", 8800.0, 5, "I never need real patient data: I test with made-up records."),
    ))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return plan_runner.run(tmp_path_factory.mktemp("r27b-data"), DATA)


def test_real_data_is_one_more_reason_beside_a_drop_each_read_as_one(data):
    why = _excluded(data)["Seo"]
    # three reasons: the login first, each apart (a reason holds a comma)
    assert why == ("asks for your own logins; scored 2/5 on security, a key criterion; "
                   "wants your real data instead of test data")
    drop = next(s for s in data.steps if "drop Seo (" in s)
    assert '"관리자 계정 비밀번호"; scored 2/5' in drop and drop.endswith("wants your real data instead of test data)")


def test_real_data_alone_rules_nobody_out(data):
    out = _excluded(data)
    assert "Min" not in out and "Ana" not in out  # a question for the data step, not a drop


# ------------------------------------------------------------ fix 9: "note 3 more" with none noted

RATES = HEAD.format(jobs=3) + task(
    "v", "Six UGC videos for our ads", skills=["ugc video"], marketplaces=["Upwork"], size="moderate",
    pricing="fixed", budget=900.0, status="posted", deadline="2027-03-20")


def test_no_going_rate_noted_asks_for_rates_not_more_rates(tmp_path):
    steps = plan_runner.run(tmp_path, RATES).steps
    ask = [s for s in steps if "going rate" in s]
    assert ask and all(" more going rate" not in s for s in ask), ask
    assert any("Note 3 going rates" in s for s in ask), ask


# ------------------------------------------------------------ fix 9: the hours the budget buys

HOURLY = HEAD.format(jobs=3) + """
[[rates]]
skill = "twilio"
hourly = 130.0
note = "3 quotes"
""" + task(
    "h", "SMS reminders for appointments", skills=["twilio"], marketplaces=["Upwork"], size="moderate",
    pricing="hourly", budget=40.0, hours=15.0, status="posted", deadline="2027-03-20")


def test_a_rate_under_the_market_says_the_hours_the_total_buys_not_the_planned_ones(tmp_path):
    step = next(s for s in plan_runner.run(tmp_path, HOURLY).steps if "Raise the rate" in s)
    # 15 h at 130 = 1,950; the planned 600 total buys 4.6 h: rounded down to 4.5, never the 15
    assert "the 15 hours then cost about $1,950" in step, step
    assert "keep your $600 total and buy about 4.5 hours at that rate" in step, step
    assert "fewer hours (15" not in step
