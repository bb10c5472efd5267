"""Negation and scope in a candidate's notes (grading v18, fixes 1-2): a request for money up
front, a move off the marketplace or a login counts only when the note makes it, in the
languages the phrase lists cover; the honest note that merely names the words stays quiet."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import pytest

from advisor.advice.value import task_values
from advisor.phrasecontext import in_context
from advisor.phrases import PhraseMatcher, matcher
from advisor.rules.facts import plan_facts
from tests.plan_runner import advisor as shared_advisor

TODAY = date(2026, 11, 25)


def found(text: str) -> tuple[str, ...]:
    return matcher().find(text).categories


@pytest.mark.parametrize("text, category, flagged", [
    # up front: asked (flagged) and said not to be needed, before or after the words
    ("前払いをお願いします。", "upfront", True),                                   # ja
    ("前払いは不要です。検収後にお支払いください。", "upfront", False),
    ("着手金として30%いただきます。", "upfront", True),
    ("%50 ön ödeme istiyorum.", "upfront", True),                                  # tr
    ("Ön ödeme yok, teslimde ödersiniz.", "upfront", False),
    ("Pido un anticipo del 50%.", "upfront", True),                                # es
    ("Sin anticipo: pagas al aprobar cada hito.", "upfront", False),
    ("O anticipo no es necesario.", "upfront", False),
    ("Preciso de 50% de adiantamento.", "upfront", True),                          # pt
    ("Sem adiantamento, pago por marco.", "upfront", False),
    ("I need a 30% deposit first.", "upfront", True),                              # en
    ("No deposit, pay per milestone.", "upfront", False),
    ("Prepayment is not needed.", "upfront", False),
    ("Upfront payment is not negotiable.", "upfront", True),   # "not" alone after it is no negation
    ("선불 50% 부탁드립니다.", "upfront", True),                                    # ko
    ("선불은 필요 없습니다.", "upfront", False),
    ("请先预付50%。", "upfront", True),                                            # zh
    ("无需预付，验收后付款。", "upfront", False),
    ("50% Anzahlung vorab.", "upfront", True),                                     # de
    ("Anzahlung nicht nötig.", "upfront", False),
    # logins: asked, and said not to be needed
    ("Precisamos do login e palavra-passe de administrador da extranet.", "credentials", True),  # pt
    ("A palavra-passe não é necessária: trabalho com a conta que criar para mim.", "credentials", False),
    ("Envíame la contraseña de administrador.", "credentials", True),             # es
    ("No necesito tu contraseña.", "credentials", False),
    ("Yönetici şifresi gönderin.", "credentials", True),                          # tr
    ("Şifre gerekmez, bana bir kullanıcı açın.", "credentials", False),
    ("管理者パスワードを送ってください。", "credentials", True),                      # ja
    ("パスワードは不要です。", "credentials", False),
    ("Your password is not needed.", "credentials", False),                       # en
])
def test_a_negation_before_or_after_the_words_cancels_them_in_their_clause(text, category, flagged):
    assert (category in found(text)) is flagged


@pytest.mark.parametrize("text, flagged", [
    # a negation then a condition word demands what follows: a deposit asked for, not refused
    ("I don't start without 50% upfront.", True),
    ("I never begin before the 50% deposit is paid.", True),
    ("No work starts until you pay 30% up front.", True),
    ("Nunca empiezo sin un anticipo del 50%.", True),                              # es
    ("Não começo sem 50% de adiantamento.", True),                                 # pt
    ("Je ne commence pas sans un acompte de 50%.", True),                          # fr
    ("Ohne 50% Anzahlung fange ich nicht an.", True),                              # de: condition first
    ("Sin anticipo del 50% no empiezo.", True),
    # a single negation, a list of negations, a refusal before the condition: still no request
    ("Sin anticipo ni comisiones: pagas al aprobar.", False),
    ("No deposit needed before we start.", False),
    ("I never ask for a deposit before the first milestone.", False),
    ("I don't work without escrow, so no upfront payment.", False),
])
def test_a_double_negation_demands_what_a_single_one_refuses(text, flagged):
    """Grading v20 (lead): "I don't start without 50% upfront" read as a plain negation hid a
    demand for money up front; a condition after a negation turns it back into a request."""
    f = matcher().find(text)
    assert ("upfront" in f.categories) is flagged
    assert "upfront" not in f.unsure


def test_a_negation_after_the_words_does_not_reach_into_the_next_clause():
    assert "upfront" in found("前払いをお願いします。手数料は不要です。")
    assert "upfront" in found("50% upfront. No exceptions needed, not needed either.")


def test_the_look_after_a_match_is_bounded_work_per_match():
    """Counted work: trie steps grow with the text, whatever negations follow each match."""
    m = PhraseMatcher({"upfront": ["upfront"]})
    one = "upfront x x x not needed. " * 200
    m.find(one)
    small = m.steps
    m.find(one * 8)
    assert m.steps - small <= 8 * small + 10


@pytest.mark.parametrize("notes, off", [
    # a contact channel after the contract, payment on the marketplace: no move off it (studio)
    ("Sözleşme ve ödeme Upwork üzerinden. WhatsApp'ı sadece sözleşmeden sonra, acil revizyonlar için kullanırım.", False),
    ("WhatsApp'ı sadece sözleşmeden sonra kullanırım.", False),
    ("Contract and payment on Upwork; WhatsApp only after the contract for urgent fixes.", False),
    ("Pago por Upwork; WhatsApp después de firmar.", False),
    # the same channel, or a transfer, to leave it
    ("Komisyon ödemeyelim: WhatsApp'tan yazın, IBAN'a havale yaparsınız.", True),
    ("Let's continue on WhatsApp.", True),
    ("Upwork üzerinden teklif verdim ama WhatsApp'tan yazın, direkt çalışalım.", True),
    ("Para el hito 2 necesitamos el 50% por transferencia directa a nuestra cuenta.", True),
])
def test_a_contact_channel_after_the_contract_is_no_payment_outside_the_marketplace(notes, off):
    text_found = in_context(matcher().find(notes), notes, "Upwork")
    assert ("off_platform" in text_found.categories) is off


def test_a_note_saying_no_prepayment_keeps_the_candidate_and_asking_for_it_rules_out(bakery):
    """flashcards (grading v18): "前払いは不要です" dropped the best candidate."""
    ben = next(c for c in bakery.task("logo").candidates if c.name.startswith("Ben"))
    ben.notes = "声優経験あり。前払いは不要です。マイルストーンごとの検収後にお支払いください。"
    f = plan_facts(bakery, None, TODAY)[("candidate", ben.id)]
    assert not f["red_flag_upfront"] and not f["red_flag_drop"]
    ben.notes = "声優経験あり。前払いで50%お願いします。"
    f = plan_facts(bakery, None, TODAY)[("candidate", ben.id)]
    assert f["red_flag_upfront"] and f["red_flag_drop"]


def test_an_agency_asking_for_the_admin_password_in_portuguese_is_excluded_not_runner_up(bakery):
    """hotel (grading v18): "login e palavra-passe de administrador" left the agency as "then"."""
    logo = bakery.task("logo")
    ben = next(c for c in logo.candidates if c.name.startswith("Ben"))
    ben.notes = "Para começar precisamos do login e palavra-passe de administrador da extranet."
    mine = next(v for v in task_values(bakery, logo) if v.candidate == ben.id)
    assert mine.excluded
    ben.notes = "Trabalho só com a conta que criar para mim. A sua palavra-passe não é necessária."
    assert not next(v for v in task_values(bakery, logo) if v.candidate == ben.id).excluded


@pytest.mark.parametrize("text, unsure", [
    ("I have never had a problem with clients paying 50% upfront", "upfront"),  # beyond the window
    ("I never ask new clients to pay 50% upfront", None),           # a refusal: advisor.refusals
    ("Nunca en mi vida he pedido a un cliente el pago por adelantado", "upfront"),
    ("No upfront payment needed", None),                             # plainly negated: quiet
    ("50% upfront before I start", None),                            # plainly asked: a red flag
    ("Sin comisión, pago directo", None),                            # a phrase led by its own negation
])
def test_a_request_beside_a_far_negation_is_unsure_not_a_red_flag(text, unsure):
    f = matcher().find(text)
    assert list(f.unsure) == ([unsure] if unsure else [])
    if unsure:
        assert unsure not in f.categories


def test_an_unsure_note_keeps_the_candidate_ranked_and_asks_one_question(bakery):
    """The Ranking keeps him and says what to confirm; one finding asks it (confirm-unclear-request)."""
    from advisor.commands.check import ranking_lines
        
    logo = bakery.task("logo")
    ben = next(c for c in logo.candidates if c.name.startswith("Ben"))
    ben.notes = "I have never had a problem with clients paying 50% upfront."
    mine = next(v for v in task_values(bakery, logo) if v.candidate == ben.id)
    assert not mine.excluded and mine.confirm == "whether they want money up front"
    line = next(x for x in ranking_lines(bakery) if x.startswith(logo.title))
    assert "Ben K. (ask whether they want money up front)" in line and "excluded" not in line
    with nullcontext(shared_advisor(TODAY)) as a:
        asks = [f for f in a.evaluate(bakery) if f.rule == "confirm-unclear-request"]
    assert [f.candidate for f in asks] == [ben.id] and '"50% upfront"' in asks[0].message
    ben.notes = "50% upfront before I start."  # asked plainly: excluded, no question
    mine = next(v for v in task_values(bakery, logo) if v.candidate == ben.id)
    assert mine.excluded and not mine.confirm
