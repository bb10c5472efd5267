"""Round 26, part A (grading v23 fixes 1 and 8): a chat app read in context, and folded findings
that a printed step carries.

Fix 1: a chat app that is the task's own subject (a WhatsApp bot) is the work, not a channel; a
sentence that keeps the talk on the marketplace ("we keep our chats on Upwork", "all messages
through Upwork", "la comunicación sigue en Upwork") is a good sign; a bare contact word about the
person the owner knows best (trial passed, or the only one interviewed) is a question, never a
drop. The real cases still fire: a stranger asking to continue on WhatsApp on a task that is not
about WhatsApp, and money paid outside, whoever asks. The Ranking and the rules read the same.

Fix 8: every finding a Next step folds away is carried by a printed step (its candidate named,
or its rule's action said), on every reviewed plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.advice.steps import PlanIndex, arrange, next_steps, not_restated
from advisor.advice.value import values_with
from tests import plan_runner
from tests.plan_runner import HEAD

PLANS = Path(__file__).parent / "data" / "plans"
FIXED = 'budget = 1200.0\nhours = 30.0\nstatus = "hiring"\ndeadline = 2027-02-20'
BOT = "WhatsApp booking bot for our salon"


def _task(cands: str, *, title: str = "Build the thing", skills: str = '"work"') -> str:
    return HEAD.format(jobs=3) + f"""
[[tasks]]
id = "t"
title = "{title}"
skills = [{skills}]
marketplaces = ["Upwork"]
size = "moderate"
pricing = "fixed"
{FIXED}
""" + cands


def _cand(cid: str, status: str, notes: str, *, bid: float = 1000.0, more: str = "") -> str:
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.capitalize()}"
marketplace = "Upwork"
bid = {bid}
rating = 4.9
reviews = 40
jobs = 50
job_success = 97
status = "{status}"
notes = "{notes}"
{more}
"""


INTERVIEW = """
[tasks.candidates.interview]
date = 2026-11-26
scores = { quality = 5, communication = 4 }
"""
TRIAL = 'trial = "passed"'
PLAIN = _cand("grace", "shortlisted", "Happy to help.", bid=1100.0)


def _flagged(got, cid: str) -> set[str]:
    return {f.rule for f in got.found if f.candidate == cid}


def _excluded(got, cid: str) -> str:
    task = got.plan.tasks[0]
    return next(v.excluded for v in values_with(got.plan, task) if v.candidate == cid)


# ------------------------------------------------------------ fix 1 (a): the task's own subject

def test_the_chat_app_the_task_is_about_is_the_work_not_a_move(tmp_path):
    got = plan_runner.run(tmp_path, _task(
        _cand("sipho", "interviewed", "WhatsApp is the product here; I have built six such bots.", more=INTERVIEW)
        + PLAIN, title=BOT, skills='"chatbot development"'))
    assert "off-platform-request" not in _flagged(got, "sipho"), got.found
    assert "confirm-unclear-request" not in _flagged(got, "sipho")  # nothing to ask either
    assert _excluded(got, "sipho") == ""
    assert not any("drop Sipho" in s for s in got.steps), got.steps


def test_on_the_apps_own_task_a_move_to_it_is_a_question_not_a_drop(tmp_path):
    got = plan_runner.run(tmp_path, _task(_cand("ana", "applied", "Let's continue on WhatsApp, it's faster.")
                                          + PLAIN, title=BOT))
    assert "off-platform-request" not in _flagged(got, "ana"), got.found
    assert "confirm-unclear-request" in _flagged(got, "ana")
    assert _excluded(got, "ana") == ""


def test_a_move_to_a_chat_app_on_another_task_still_rules_a_stranger_out(tmp_path):
    got = plan_runner.run(tmp_path, _task(_cand("ana", "applied", "Let's continue on WhatsApp, it's faster.")
                                          + PLAIN))
    assert "off-platform-request" in _flagged(got, "ana"), got.found
    assert "asked to move off the marketplace" in _excluded(got, "ana")
    assert any("drop Ana" in s for s in got.steps), got.steps


def test_a_handle_on_the_apps_own_task_is_still_a_move(tmp_path):
    """"WhatsApp me" asks to talk there, whatever the task builds."""
    got = plan_runner.run(tmp_path, _task(_cand("ana", "applied", "WhatsApp me on +27 82 555 0101.") + PLAIN,
                                          title=BOT))
    assert "off-platform-request" in _flagged(got, "ana"), got.found


# ------------------------------------------------------------ fix 1 (b): talk kept on the marketplace

@pytest.mark.parametrize("notes", [
    "I use Telegram for the bot's alerts; we keep our chats on Upwork.",
    "Telegram is where the alerts go. All messages through Upwork, of course.",
    "Uso Telegram para las alertas; toda la comunicación sigue en Upwork.",
])
def test_a_sentence_keeping_the_talk_on_the_marketplace_is_no_move(tmp_path, notes):
    got = plan_runner.run(tmp_path, _task(_cand("ana", "applied", notes) + PLAIN))
    assert "off-platform-request" not in _flagged(got, "ana"), (notes, got.found)
    assert _excluded(got, "ana") == ""


@pytest.mark.parametrize("notes", [
    "We don't keep chats on Upwork: message me on Telegram.",
    "We keep our chats on Upwork, but pay me directly by bank transfer to save the fee.",
])
def test_a_negated_keep_or_money_outside_still_fires(tmp_path, notes):
    got = plan_runner.run(tmp_path, _task(_cand("ana", "applied", notes) + PLAIN))
    assert "off-platform-request" in _flagged(got, "ana"), (notes, got.found)
    assert "asked to move off the marketplace" in _excluded(got, "ana")


# ------------------------------------------------------------ fix 1 (c): the one the owner knows best

def test_a_bare_chat_word_from_the_trial_passed_candidate_is_a_question(tmp_path):
    got = plan_runner.run(tmp_path, _task(
        _cand("sipho", "interviewed", "Quick questions are easier on WhatsApp.", more=TRIAL + INTERVIEW) + PLAIN))
    assert "off-platform-request" not in _flagged(got, "sipho"), got.found
    assert "confirm-unclear-request" in _flagged(got, "sipho")
    assert _excluded(got, "sipho") == ""
    assert not any("drop Sipho" in s for s in got.steps), got.steps


def test_the_same_words_from_a_stranger_still_rule_them_out(tmp_path):
    got = plan_runner.run(tmp_path, _task(
        _cand("sipho", "interviewed", "Quick questions are easier on WhatsApp.", more=INTERVIEW)
        + _cand("grace", "interviewed", "Happy to help.", bid=1100.0, more=INTERVIEW)))
    assert "off-platform-request" in _flagged(got, "sipho"), got.found
    assert "asked to move off the marketplace" in _excluded(got, "sipho")


def test_money_outside_from_the_trial_passed_candidate_still_rules_them_out(tmp_path):
    got = plan_runner.run(tmp_path, _task(
        _cand("sipho", "interviewed", "Pay me directly outside Upwork to save the fee.", more=TRIAL + INTERVIEW)
        + PLAIN))
    assert "off-platform-request" in _flagged(got, "sipho"), got.found
    assert "asked to move off the marketplace" in _excluded(got, "sipho")


def test_the_hostel_keeps_its_trial_passed_builder():
    """The reviewed plan: Sipho kept (and ranked #1), Владимир still dropped for his card and Telegram."""
    plan = _load(PLANS / "blind-v16" / "hostel-whatsapp-bot.toml")
    got = plan_runner.run_plan(plan)
    assert "off-platform-request" not in _flagged(got, "sipho-dlamini")
    assert "off-platform-request" in _flagged(got, "vladimir-petrov")
    ranking = {v.candidate: v for v in values_with(plan, plan.tasks[0])}
    assert ranking["sipho-dlamini"].rank == 1 and not ranking["sipho-dlamini"].excluded
    assert "asked to move off the marketplace" in ranking["vladimir-petrov"].excluded
    assert not any("drop Sipho" in s for s in got.steps) and any("Владимир" in s for s in got.steps)


def _load(path: Path):
    from advisor.storage.planfile import load_plan

    return load_plan(path)
