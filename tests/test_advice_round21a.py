"""Round 21 part A (grading v19 fixes 1, 3, 4): a negation before the words, a story that keeps
the work on the marketplace and the owner's own interview notes never rule a candidate out; the
most serious reason leads a drop; a quote for part of the job is never the Ranking's #1."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.advice.value import task_values
from advisor.phrasecontext import in_context
from advisor.phrases import matcher
from tests import plan_runner
from tests.plan_runner import HEAD


def _cand(cid: str, *, bid: float = 1000.0, notes: str = "", interview: str = "", scores: str = "") -> str:
    out = f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "Upwork"
bid = {bid}
rating = 4.9
reviews = 30
jobs = 30
job_success = 95
status = "{'interviewed' if interview or scores else 'shortlisted'}"
notes = "{notes}"
"""
    if interview or scores:
        out += f'\n[tasks.candidates.interview]\ndate = 2026-12-01\nscores = {scores or "{ quality = 4 }"}\nnotes = "{interview}"\n'
    return out


def _plan(tmp_path: Path, cands: str, *, extra: str = ""):
    text = HEAD.format(jobs=3) + f"""
[[tasks]]
id = "t"
title = "Translate the labels"
description = "Ukrainian translation of dosage cards; a human translator must do it."
skills = ["work"]
marketplaces = ["Upwork"]
size = "moderate"
pricing = "fixed"
budget = 1200.0
hours = 40.0
status = "hiring"
deadline = 2027-03-01
{extra}
""" + cands
    return plan_runner.write_plan(tmp_path, text)


def _found(plan):
    return plan_runner.evaluate(plan)


@pytest.mark.parametrize("text", [
    "Uses Trados with a term base; she never pastes client files into ChatGPT or online translators.",
    "nunca meto los archivos del cliente en ChatGPT",
    "ніколи не вставляю файли клієнта в ChatGPT",
    "Dosyaları asla ChatGPT ya da DeepL ile çevirmem",
    "決してChatGPTに顧客のファイルを入れません",
])
def test_a_negation_before_machine_output_words_is_no_offer(text):
    assert "machine_work" not in matcher().find(text).categories


def test_machine_output_words_without_a_negation_still_count():
    assert "machine_work" in matcher().find("Fast: I translate it all through ChatGPT and edit it.").categories
    assert "machine_work" in matcher().find("I never miss a deadline, I use ChatGPT for drafts.").categories


def test_a_story_that_keeps_the_work_on_the_marketplace_is_no_request():
    story = ("I was cheated once by a client who moved work outside Upwork, so I only work through "
             "Upwork milestones.")
    assert "off_platform" not in in_context(matcher().find(story), story, "Upwork").categories
    ask = "Pay me outside Upwork, no fee."
    assert "off_platform" in in_context(matcher().find(ask), ask, "Upwork").categories
    both = "Contract only through Upwork, then WhatsApp me for the rest."
    assert "off_platform" in in_context(matcher().find(both), both, "Upwork").categories


def test_words_only_the_owners_interview_notes_hold_are_a_question_never_a_drop(tmp_path):
    """olive (v19): "German sample looked machine translated" was read as the candidate's offer."""
    plan = _plan(tmp_path, _cand("karim", interview="Sample looked machine translated.")
                 + _cand("julia", bid=1100.0))
    rows = {v.candidate: v for v in task_values(plan, plan.tasks[0])}
    assert not rows["karim"].excluded
    asks = [f for f in _found(plan) if f.rule == "confirm-unclear-request"]
    assert [f.candidate for f in asks] == ["karim"] and "interview notes" in asks[0].message
    mine = _plan(tmp_path, _cand("karim", notes="I translate it with machine translation.") + _cand("julia", bid=1100.0))
    assert {v.candidate: v for v in task_values(mine, mine.tasks[0])}["karim"].excluded


def test_a_login_request_leads_the_drop_before_a_low_key_score(tmp_path):
    """olive (v19): dropped for a German score, the Seller Central password request never said."""
    plan = _plan(tmp_path, _cand("karim", notes="أحتاج اسم المستخدم وكلمة المرور لحساب Amazon Seller Central",
                                 scores="{ quality = 2 }") + _cand("julia", bid=1100.0),
                 extra='key_criteria = ["quality"]')
    why = {v.candidate: v for v in task_values(plan, plan.tasks[0])}["karim"].excluded
    assert why.startswith("asks for your own logins") and "key criterion" in why


def test_a_quote_for_part_of_the_job_is_never_first_even_alone(tmp_path):
    """ski (v19): the only bid left quoted part of the scope and was ranked #1, "40% under"."""
    from advisor.commands.check import ranking_lines

    plan = _plan(tmp_path, _cand("nat", bid=700.0, notes="The Korean version is not included.")
                 + _cand("bob", bid=900.0, notes="Send me your password and I start today."))
    line = ranking_lines(plan)[0]
    assert "#1" not in line and "nobody quotes the whole job" in line and "not comparable: Nat" in line
    assert "under" not in line


def test_an_access_entry_that_is_a_named_persons_own_login_is_a_risk_with_a_second_user(tmp_path):
    """vineyard (v19): "elna-sawis-login", the VA "works under Elna's own SAWIS login": only an info line."""
    from advisor.rules.access import own_account_access

    text = "Because the portal gives us only one user, the VA works under Elna's own SAWIS login."
    assert own_account_access(["google-drive-folder", "elna-sawis-login"], text) == ["elna-sawis-login"]
    assert own_account_access(["elna-sawis-login"], "Elna approves each file.") == []  # no possessive
    assert own_account_access(["drive-folder-elna"], text) == []  # no login word
    plan = _plan(tmp_path, _cand("julia"), extra=f'access = ["elna-sawis-login"]\nhandover = "{text}"')
    risk = next(f for f in _found(plan) if f.rule == "own-login-in-plan")
    assert risk.severity == "risk" and "elna-sawis-login" in risk.message
    assert "second" in risk.fix and "change the password" in risk.fix
