"""The owner's interview notes reporting what a candidate asked for count as the candidate's
request; the owner's own question stays a question (advisor/rules/reported.py; grading v22,
optician: a candidate who wanted the admin credentials was dropped for a score alone)."""

from __future__ import annotations

import pytest

from advisor.plan.model import Candidate, Interview
from advisor.phrases import matcher
from advisor.rules.judgements import candidate_words
from advisor.rules.reported import reported_request


@pytest.mark.parametrize("notes, quote, reported", [
    ("Möchte vorab die Admin-Zugangsdaten zu unserer Praxissoftware.", "Zugangsdaten", True),
    ("Wants our admin login to start faster.", "admin login", True),
    ("He asked for the admin password before the call.", "admin password", True),
    ("Pidió el pago por fuera de la plataforma.", "por fuera", True),
    ("I asked whether he needs the admin password.", "admin password", False),   # the owner's doubt
    ("Ich habe gefragt, ob er Zugangsdaten braucht.", "Zugangsdaten", False),
    ("We talked about the admin password policy.", "admin password", False),      # no wish said
    ("Wants a staging copy. The admin password stays with us.", "admin password", False),  # other clause
    # a doubt word after the wish is another word: English "of", Spanish "se" (once read as doubt)
    ("He wants a copy of the admin login.", "admin login", True),
    ("Quiere que se le dé la contraseña de administrador.", "contraseña de administrador", True),
    ("Pregunté si quiere la contraseña de administrador.", "contraseña de administrador", False),
])
def test_a_wish_reported_in_the_owners_notes_is_told_from_a_question(notes, quote, reported):
    assert reported_request(notes, quote) is reported


def _cand(interview_notes: str) -> Candidate:
    return Candidate(id="lukas", name="Lukas", marketplace="Upwork", status="interviewed",
                     interview=Interview(notes=interview_notes))


def test_the_candidates_request_in_the_owners_words_is_a_red_flag_the_owners_question_is_not():
    m = matcher()
    wanted = candidate_words(_cand("Möchte vorab die Admin-Zugangsdaten zu unserer Praxissoftware."), m)
    assert "credentials" in wanted.categories
    asked = candidate_words(_cand("Ich habe gefragt, ob er die Admin-Zugangsdaten braucht."), m)
    assert "credentials" not in asked.categories and "credentials" in asked.unsure


def test_the_look_is_linear_in_the_notes():
    from advisor import phrases

    calls = 0
    real = phrases.words

    def counting(text):
        nonlocal calls
        calls += 1
        return real(text)

    import advisor.rules.reported as r
    r.words, before = counting, r.words
    try:
        long = "We talked about the weather. " * 2000 + "Wants the admin login."
        assert reported_request(long, "admin login")
        assert calls == 2  # the notes once, the quote once: no rescan per clause
    finally:
        r.words = before
