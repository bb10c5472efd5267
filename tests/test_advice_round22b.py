"""Round 22 part B (grading v20 fixes 2 and 3): a candidate refusing a risky thing ("please don't
send me the owner login", in any language the lists hold) is neither a question nor a drop; a
hired candidate whose work is under way gets the in-flight checks, not "talk to them before work
starts"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.advice.value import task_values
from advisor.phrasecontext import in_context
from advisor.negations import POST_NEGATED
from advisor.phrases import matcher
from advisor.phrases import NEGATIONS, words
from tests import plan_runner
from tests.test_advice_round20b import HEAD


@pytest.mark.parametrize("text, marketplace", [
    ("I only need a user with the recall role, please don't send me the practice owner login.", "Upwork"),
    ("I will not ask you for the admin password of your store.", "Upwork"),
    ("No need to pay anything up front.", "Upwork"),
    ("I never ask new clients to pay 50% upfront.", "Upwork"),
    ("Please don't pay me outside Upwork.", "Upwork"),
    ("I will not ask you to pay by bank transfer.", "Upwork"),
    ("No quiero que me pagues por fuera de Workana.", "Workana"),
    ("Não quero que me pague fora da Workana.", "Workana"),
    ("Pas besoin de me payer un acompte avant de commencer.", "Malt"),
    ("Je ne vous demanderai jamais le mot de passe administrateur.", "Malt"),
    ("Bitte schicken Sie mir nicht das Passwort vom Inhaberkonto.", "Upwork"),
    ("Не присылайте мне пароль от аккаунта владельца.", "Upwork"),
    ("Nie wysyłaj mi hasła do konta właściciela.", "Upwork"),
    ("Lütfen bana yönetici şifresini göndermeyin.", "Bionluk"),
    ("Bionluk dışında ödeme istemiyorum.", "Bionluk"),
    ("オーナーのパスワードは送らないでください。", "Upwork"),
    ("관리자 비밀번호는 보내지 마세요.", "Upwork"),
])
def test_a_refusal_is_no_request_and_no_question(text, marketplace):
    f = in_context(matcher().find(text), text, marketplace)
    assert not set(f.categories) & POST_NEGATED, f.quotes
    assert not f.unsure


@pytest.mark.parametrize("text, marketplace, category", [
    ("Please send me the practice owner login.", "Upwork", "credentials"),
    ("I don't want Upwork to take 20% so pay me outside Upwork.", "Upwork", "off_platform"),  # the turn ends it
    ("Quiero que me pagues por fuera de Workana.", "Workana", "off_platform"),
    ("I don't need the recall role but send me the admin password.", "Upwork", "credentials"),
])
def test_a_request_beside_a_refusal_still_counts(text, marketplace, category):
    f = in_context(matcher().find(text), text, marketplace)
    assert category in f.categories or category in f.unsure


def test_a_condition_after_the_negation_is_asked_not_refused():
    """"I don't accept work without a 50% deposit": the deposit is what they ask for, plainly
    (a double negation, advisor.refusals.demanded_words): never a refusal, so never silent."""
    f = matcher().find("I don't accept work without a 50% deposit upfront")
    assert "upfront" in f.categories and "upfront" not in f.unsure


def test_a_refusal_reaches_the_end_of_its_clause_only():
    from advisor.refusals import refused_words

    ws = words("don't send me the owner login, send me the admin password")  # don, t, send ... login
    mask = refused_words(ws, NEGATIONS)
    assert mask == [False] + [True] * 6 + [False] * 5
    many = words("please don't send me the login. " * 2000)  # t, send, me, the, login in each
    assert sum(refused_words(many, NEGATIONS)) == 5 * 2000


def _cand(cid: str, *, notes: str = "", status: str = "interviewed", market: str = "Upwork", extra: str = "") -> str:
    interview = '\n[tasks.candidates.interview]\ndate = 2026-12-01\nscores = { quality = 5 }\n' if status == "interviewed" else ""
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "{market}"
hourly = 32.0
rating = 4.9
reviews = 30
jobs = 30
job_success = 95
status = "{status}"
notes = "{notes}"
{extra}{interview}"""


def _plan(tmp_path: Path, cands: str, *, status: str = "hiring", size: str = "major"):
    text = HEAD.format(jobs=3) + f"""
[[tasks]]
id = "t"
title = "Recall calls"
skills = ["work"]
marketplaces = ["Upwork"]
size = "{size}"
critical = true
pricing = "hourly"
budget = 40.0
hours = 60.0
weekly_cap = 20.0
status = "{status}"
deadline = 2027-03-01
""" + cands
    return plan_runner.write_plan(tmp_path, text)


def _found(plan):
    return plan_runner.evaluate(plan, date(2026, 12, 7))  # tests/plan_runner.py's shared Advisor


def test_a_refusing_candidate_is_ranked_with_no_question_and_no_drop(tmp_path):
    """Dentist (grading v20): Maricel's "please don't send me the practice owner login" was a
    confirm-unclear-request (a must-not). Now she is ranked as anyone else; the Workana note in
    Spanish is no off-platform request either."""
    plan = _plan(tmp_path, _cand("maricel", notes="I only need a user with the recall role, please don't send me the practice owner login.")
                 + _cand("sofia", market="Workana", notes="No quiero que me pagues por fuera de Workana, todo por la plataforma."))
    task = plan.task("t")
    for v in task_values(plan, task):
        assert not v.excluded and not v.confirm, v
    found = _found(plan)
    assert not [f for f in found if f.rule == "confirm-unclear-request" or f.rule.startswith("red-flag")
                or f.rule == "off-platform-request"]


_AGENCY = 'kind = "agency"\nnamed_people = ["Kim"]\n'


def test_a_hired_agency_at_work_gets_the_in_flight_checks_not_an_interview(tmp_path):
    """Drone (grading v20): hired, the work diary recorded, a substitute doing the work: the
    key-person check speaks, "talk to them before work starts" does not."""
    plan = _plan(tmp_path, _cand("geo", status="hired", extra=_AGENCY + 'working_people = ["Kim", "Lan"]\n'), status="hired")
    rules = {f.rule for f in _found(plan)}
    assert "key-person-substituted" in rules
    assert not rules & {"interview-before-hire", "interview-before-moderate-hire", "interview-before-minor-hire"}


@pytest.mark.parametrize("size", ["major", "moderate", "minor"])
def test_a_hire_with_no_work_recorded_is_still_told_to_talk_first(tmp_path, size):
    """The other side of the stage boundary: hired, nobody recorded at work yet."""
    plan = _plan(tmp_path, _cand("geo", status="hired", extra=_AGENCY), status="hired", size=size)
    rules = {f.rule for f in _found(plan)}
    assert rules & {"interview-before-hire", "interview-before-moderate-hire", "interview-before-minor-hire"}
