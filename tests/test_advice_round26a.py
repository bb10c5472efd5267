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

import re
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


# ------------------------------------------------------------ fix 8: what a step folds, it says

SENSITIVE = 'sensitive_data = true\ncreates_ip = true'
MONEY_OUT = "Pay me directly outside Upwork to save the fee."


def test_with_everyone_ruled_out_the_tasks_own_terms_still_reach_the_owner(tmp_path):
    text = _task(_cand("ana", "applied", MONEY_OUT) + _cand("ben", "shortlisted", "I guarantee first page on Google."))
    got = plan_runner.run(tmp_path, text.replace('pricing = "fixed"', f'pricing = "fixed"\n{SENSITIVE}'))
    assert {"offer-ip-assignment", "offer-nda"} <= got.rules, got.rules
    assert "whoever you hire next" in got.by_rule()["offer-nda"].message
    printed = " | ".join(got.steps)
    assert "IP assignment" in printed and "NDA" in printed, got.steps
    assert "drop Ana" in printed and "Ben" in printed


def test_with_someone_left_the_terms_name_them_as_before(tmp_path):
    text = _task(_cand("ana", "applied", MONEY_OUT) + _cand("ben", "shortlisted", "Happy to help."))
    got = plan_runner.run(tmp_path, text.replace('pricing = "fixed"', f'pricing = "fixed"\n{SENSITIVE}'))
    assert "Ben on your shortlist signed no NDA" in got.by_rule()["offer-nda"].message
    assert "whoever you hire next" not in got.by_rule()["offer-ip-assignment"].message


def test_a_tip_about_someone_dropped_is_moot_not_counted_as_said(tmp_path):
    """A trial-passed candidate dropped for money outside: "you know their work" is no reason of
    the drop, so no step says it; dropping them makes it moot: not listed (it would say "in the
    running"), and not counted among the findings "said in the Next steps"."""
    got = plan_runner.run(tmp_path, _task(_cand("sipho", "interviewed", MONEY_OUT, more=TRIAL + INTERVIEW) + PLAIN))
    index = PlanIndex.of(got.plan, rules=plan_runner.ruleset(), today=plan_runner.TODAY)
    lines = arrange(got.found, index)
    steps = next_steps(lines, index)
    shown, said = not_restated(lines, steps)
    tip = [ln for ln in lines if ln.rule == "rehire-proven"]
    assert tip and not any(ln.rule == "rehire-proven" for ln in shown)
    assert said == len(lines) - len(shown) - len(tip)
    assert any("drop Sipho" in s for s in got.steps)


def test_with_everyone_ruled_out_critical_work_kept_running_gets_its_handover(tmp_path):
    text = _task(_cand("ana", "applied", MONEY_OUT) + _cand("ben", "shortlisted", "I guarantee first page on Google."),
                 title="Booking chatbot we keep running after delivery")
    got = plan_runner.run(tmp_path, text.replace('pricing = "fixed"', 'pricing = "fixed"\ncritical = true'))
    assert "offer-handover" in got.rules, got.rules
    assert any("who could take over" in s for s in got.steps), got.steps


REVIEWED = sorted(PLANS.glob("blind-v*/*.toml"))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) >= 5}


def _carried(ln, step, view, index) -> bool:
    """The step says ``ln``: it is the step's own action, names everyone ``ln`` is about (a tip
    about someone it drops is not said by "drop them"), is the decision that settles ``ln``'s
    rule, or holds most of ``ln``'s own action's words."""
    from advisor.advice.steps import action
    from advisor.rules.handover import LIVE_COVER

    if ln is step.line and step.acts:
        return True
    names = [n for n in ln.names if n]
    dropped = {i for i, _, _ in view.decision.drops} if view is not None and view.decision is not None else set()
    if names and all(n in step.action for n in names):
        return not (ln.severity == "info" and ln.candidate in dropped)  # a tip is no reason to drop
    if view is not None and view.decision is not None and ln.rule in view.decision.settles:
        return True
    if ln.rule == "live-cover-backup":
        return LIVE_COVER in step.action
    own = _words(action(ln, index))
    return bool(own) and len(own & _words(step.action)) >= len(own) / 2


def test_every_finding_a_step_folds_is_carried_by_that_step_on_every_reviewed_plan():
    from advisor.advice.taskview import views
    from advisor.storage.planfile import load_plan

    assert len(REVIEWED) >= 100
    lost = []
    for path in REVIEWED:
        plan = load_plan(path)
        index = PlanIndex.of(plan, rules=plan_runner.ruleset(), today=plan_runner.TODAY)
        lines = arrange(plan_runner.evaluate(plan), index)
        by_task = views([ln for ln in lines if not ln.suppressed], index)
        for step in next_steps(lines, index):
            lost += [f"{path.parent.name}/{path.stem}: {ln.rule} in '{step.action[:60]}'"
                     for ln in step.covers if not _carried(ln, step, by_task.get(ln.task), index)]
    assert not lost, lost
