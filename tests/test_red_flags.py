"""Red-flag phrases: what a candidate's notes say, matched and turned into advice (issue 22)."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import pytest

from advisor.errors import ConfigError
from advisor.phrasecontext import in_context
from advisor.phrases import MAX_PHRASE_WORDS, PhraseMatcher, matcher
from advisor.rules.facts import plan_facts
from advisor.rules.factschema import check_fact
from advisor.settings import load_settings
from tests.plan_runner import advisor as shared_advisor

TODAY = date(2026, 11, 25)


def found(text: str) -> tuple[str, ...]:
    """The categories as a candidate's notes are read (a chat app alone in context)."""
    return in_context(matcher().find(text), text, None).categories


@pytest.mark.parametrize("text, category", [
    ("Guaranteed approval or your money back!", "guarantee"),
    ("GUARANTÉED results", "guarantee"),                      # case and accents
    ("Wants 50% (CHF 7,250) upfront by bank transfer", "upfront"),
    ("Asks for half up-front so he can start today", "upfront"),  # hyphen = space
    ("Send 30% advance to my Payoneer", "upfront"),
    ("機械翻訳で対応します。前払いをお願いします", "upfront"),  # no spaces: inside a sentence
    ("Требуется предоплата 50%", "upfront"),                   # Cyrillic
    ("Pay by PayPal Friends & Family to avoid the fee", "payment"),
    ("Contact on WhatsApp", "off_platform"),                  # a request unless in context (below)
    ("Share your Gmail login and password so I can set up", "credentials"),
    ("please send us the owner login", "credentials"),
    ("we take 20% of the revenue from every lead", "success_fee"),
    ("Order history and URL redirects are not included", "extras"),  # a phrase led by a negation
    ("La app de iOS y el panel se cotizan aparte", "extras"),
    ("韓国語は対応しておりません", "extras"),
    ("I paste the rows into ChatGPT to standardise them", "data_tool"),
    ("Plus a 10% success fee from the award", "success_fee"),
    ("Asked for the company net-banking login", "credentials"),
    ("Needs the hosting cPanel and your password", "credentials"),
    ("AI-powered translation + human check", "machine_work"),
])
def test_phrases_are_found_case_accent_and_punctuation_blind_in_any_script(text, category):
    assert category in found(text)


@pytest.mark.parametrize("text", [
    "Advanced Excel user; checked the deposit amounts",      # "advance" is not in "advanced"
    "No upfront payment needed, I never ask for your password",  # negated in the clause
    "Designed our logo, labels and gift cards",              # a product, not a payment
    "Built a login and password-reset flow for 3 apps",
    "Twelve years of brand work for breweries",
])
def test_whole_words_and_negation_keep_ordinary_notes_quiet(text):
    assert found(text) == ()


def test_a_negation_does_not_reach_past_the_clause():
    assert "upfront" in found("No problem. I need 50% upfront")


def test_quotes_are_the_words_as_written_with_the_number_before_a_percent():
    f = matcher().find("Guaranteed approval or your money back! Plus a 10% success fee from the award.")
    assert f.quote("guarantee") == '"Guaranteed approval"'
    assert f.quote("success_fee") == '"10% success fee"'


# The same requests in the languages candidates write in (issue 21: a Thai "send me the
# password" or a Portuguese "login e senha" must rule them out as the English does).
@pytest.mark.parametrize("text, category", [
    ("Envíame tu usuario y contraseña del hosting", "credentials"),            # es
    ("Preciso do login e senha do painel", "credentials"),                      # pt
    ("Envoyez-moi vos identifiants et le mot de passe", "credentials"),         # fr
    ("Bitte schicken Sie mir die Zugangsdaten", "credentials"),                 # de
    ("أرسل لي كلمة المرور الخاصة بالحساب", "credentials"),                      # ar
    ("กรุณาส่งรหัสผ่านของร้านมาให้ผมครับ", "credentials"),                        # th, no spaces
    ("कृपया अपना पासवर्ड भेजें", "credentials"),                                 # hi
    ("Пришлите логин и пароль от админки", "credentials"),                      # ru
    ("请把后台账号密码发给我", "credentials"),                                      # zh
    ("ログイン情報を教えてください", "credentials"),                                # ja
    ("관리자 비밀번호를 보내주세요", "credentials"),                                 # ko, a particle joined
    ("Proszę o login i hasło do sklepu", "credentials"),                        # pl
    ("Στείλτε μου τον κωδικό πρόσβασης", "credentials"),                        # el
    ("Send me your email and password and the Stripe secret key", "credentials"),
    ("Share the API key for the shop", "credentials"),
    ("Escríbeme por WhatsApp, pago por transferencia bancaria", "off_platform"),  # es
    ("Me chama no WhatsApp, pagamento via Pix", "off_platform"),                # pt
    ("Paiement par virement bancaire, hors plateforme", "off_platform"),        # fr
    ("Zahlung per Banküberweisung, außerhalb der Plattform", "off_platform"),   # de
    ("تواصل معي على واتساب", "off_platform"),                                   # ar
    ("แอดไลน์ผมได้เลยครับ", "off_platform"),                                       # th: add LINE
    ("मुझे व्हाट्सएप पर मैसेज करें", "off_platform"),                              # hi
    ("Напишите мне в телеграм", "off_platform"),                                # ru
    ("加微信详谈", "off_platform"),                                                # zh
    ("LINEで連絡してください", "off_platform"),                                     # ja
    ("카톡으로 연락 주세요", "off_platform"),                                        # ko
    ("Płatność przelewem bankowym poza platformą", "off_platform"),             # pl
    ("Πληρωμή με τραπεζική μεταφορά", "off_platform"),                          # el
    ("Pay me via Wise, it is quicker", "off_platform"),
    ("Por PayPal amigos y familiares, por favor", "payment"),                   # es
    ("Bitte per PayPal Freunde und Familie", "payment"),                        # de
])
def test_the_requests_are_found_in_the_major_languages(text, category):
    assert category in found(text)


@pytest.mark.parametrize("text", [
    "ออนไลน์ทุกวันครับ",                       # th "online": LINE is not read inside it
    "オンラインで打ち合わせ可能",                 # ja "online"
    "Nunca pido contraseñas ni pagos por adelantado",  # es negation
    "Não preciso da sua senha",                 # pt negation
    "Ich brauche kein Passwort",                # de negation
])
def test_the_new_languages_keep_ordinary_notes_quiet(text):
    assert "credentials" not in found(text) and "off_platform" not in found(text)


def test_the_scan_is_linear_in_the_text():
    """Counted work, not time: trie steps grow with the text, never with text × phrases, even
    when every word starts a long phrase that fails at its last word."""
    m = PhraseMatcher({"guarantee": [" ".join(["a"] * (MAX_PHRASE_WORDS - 1) + ["b"])]})
    one = "a " * 1000
    m.find(one)
    small = m.steps
    m.find(one * 8)
    assert small <= 1000 * MAX_PHRASE_WORDS
    assert m.steps - small <= 8 * (small + MAX_PHRASE_WORDS ** 2)  # the tail of the text walks less


def test_facts_quote_the_phrase_and_a_proven_deposit_on_a_minor_job_is_not_a_drop(bakery):
    logo = bakery.task("logo")
    assert logo.size == "minor"
    ben = next(c for c in logo.candidates if c.name.startswith("Ben"))
    ben.notes = "Needs 50% upfront before he starts."
    facts = plan_facts(bakery, {}, TODAY)
    f = facts[("candidate", ben.id)]
    check_fact(f)
    assert f["red_flags"] == "upfront" and f["red_flag_upfront"] and f["said_upfront"] == '"50% upfront"'
    assert f["red_flag_drop"]  # a stranger
    ben.past_jobs_with_us = 2
    f = plan_facts(bakery, {}, TODAY)[("candidate", ben.id)]
    assert f["red_flag_upfront"] and not f["red_flag_drop"]  # someone proven, a small job
    logo.size = "major"
    assert plan_facts(bakery, {}, TODAY)[("candidate", ben.id)]["red_flag_drop"]


def test_a_disqualifying_flag_replaces_the_price_advice_and_says_drop(bakery):
    logo = bakery.task("logo")
    ben = next(c for c in logo.candidates if c.name.startswith("Ben"))
    for c in logo.candidates:  # a 4th live bid: a median with 3 bids besides Ben's
        if c.status == "rejected":
            c.status = "applied"
    with nullcontext(shared_advisor(TODAY)) as a:
        before = {(f.rule, f.candidate) for f in a.evaluate(bakery)}
        assert ("bid-far-below-median", ben.id) in before
        ben.notes = "Guaranteed results, first page of Google in 2 weeks."
        after = list(a.evaluate(bakery))
    rules = {f.rule for f in after if f.candidate == ben.id}
    assert "guaranteed-results" in rules and "bid-far-below-median" not in rules
    g = next(f for f in after if f.rule == "guaranteed-results")
    assert '"Guaranteed results"' in g.message and g.fix.startswith(f"Drop {ben.name}")


def test_a_login_request_rules_the_candidate_out_and_says_never_share(bakery):
    logo = bakery.task("logo")
    ben = next(c for c in logo.candidates if c.name.startswith("Ben"))
    ben.notes = "Send me your admin login and I start today."
    with nullcontext(shared_advisor(TODAY)) as a:
        mine = [f for f in a.evaluate(bakery) if f.candidate == ben.id]
    rules = [f.rule for f in mine]
    assert "credentials-request" in rules and "bid-far-below-median" not in rules
    cred = next(f for f in mine if f.rule == "credentials-request")
    assert cred.severity == "risk" and "staff, collaborator or Editor" in cred.fix and "least privilege" in cred.fix


def test_off_platform_words_extend_the_existing_rule_once(bakery):
    ben = next(c for c in bakery.task("logo").candidates if c.name.startswith("Ben"))
    ben.notes = "Let's talk on WhatsApp"
    with nullcontext(shared_advisor(TODAY)) as a:
        mine = [f for f in a.evaluate(bakery) if f.candidate == ben.id and f.rule == "off-platform-request"]
    assert len(mine) == 1 and '(their words: "WhatsApp")' in mine[0].message


@pytest.mark.parametrize("notes, off", [
    ("Let's continue on WhatsApp", True),
    ("Telegram: @ivan_dev", True),
    # after the contract, payment kept on the marketplace: no request to leave it (grading v12)
    ("Після підписання контракту можемо вести щоденні оновлення в Telegram, але всі оплати — тільки через Upwork.", False),
    ("Daily updates on Telegram once the contract is signed", False),
    ("Updates on WhatsApp; payments only through Upwork", False),
    ("Updates on WhatsApp; payments only through my bank", True),   # "only through" another channel
    ("Updates on WhatsApp, pay me directly after signing", True),   # a payment request stays one
])
def test_a_chat_app_is_read_in_context(bakery, notes, off):
    ben = next(c for c in bakery.task("logo").candidates if c.name.startswith("Ben"))
    ben.notes, ben.marketplace = notes, "Upwork"
    f = plan_facts(bakery, None, TODAY)[("candidate", ben.id)]
    assert f["red_flag_off_platform"] is off


def test_data_pasted_into_chatgpt_rules_out_on_sensitive_work_only(bakery):
    logo = bakery.task("logo")
    ben = next(c for c in logo.candidates if c.name.startswith("Ben"))
    ben.notes = "I paste the rows into ChatGPT, very fast."
    for sensitive, fires in ((True, True), (False, False)):
        logo.sensitive_data = sensitive
        with nullcontext(shared_advisor(TODAY)) as a:
            rules = [f.rule for f in a.evaluate(bakery) if f.candidate == ben.id]
        assert ("data-to-online-tool" in rules) is fires
        assert plan_facts(bakery, None, TODAY)[("candidate", ben.id)]["red_flag_drop"] is fires
    ben.notes = "I work only on your copy; nothing goes into online tools or ChatGPT."
    logo.sensitive_data = True
    assert not plan_facts(bakery, None, TODAY)[("candidate", ben.id)]["red_flag_data_tool"]


def test_config_phrases_are_added_to_the_built_in_lists(tmp_path, bakery):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[advisor.phrases]\nguarantee = ["approval assured"]\n', encoding="utf-8")
    settings = load_settings(cfg, env={})
    ben = next(c for c in bakery.task("logo").candidates if c.name.startswith("Ben"))
    ben.notes = "Approval assured, and guaranteed too"
    f = plan_facts(bakery, settings.advisor.settings, TODAY)[("candidate", ben.id)]
    assert f["said_guarantee"] == '"Approval assured", "guaranteed"'


@pytest.mark.parametrize("body, message", [
    ('guarantees = ["x"]', "unknown red-flag category 'guarantees'"),
    ('upfront = ["... !!!"]', "phrase 1 has no word to match"),
    ('upfront = ["' + " ".join(["w"] * 9) + '"]', "phrase 1 has 9 words; at most 8"),
    ('upfront = "upfront"', "must be a list"),
])
def test_bad_config_phrases_name_the_file_line_and_key(tmp_path, body, message):
    cfg = tmp_path / "config.toml"
    cfg.write_text(f"[advisor]\n\n[advisor.phrases]\n{body}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_settings(cfg, env={})
    text = str(exc.value)
    assert message in text and "config.toml:4" in text and "advisor.phrases." in text


def test_outsource_config_shows_phrases_as_their_own_table_and_reads_back(tmp_path, capsys):
    from advisor.cli import main

    cfg = tmp_path / "config.toml"
    cfg.write_text('[advisor.phrases]\nupfront = ["pay the first half now", "deposit first"]\n', encoding="utf-8")
    assert main(["config", "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert '[advisor.phrases]\nupfront = ["pay the first half now", "deposit first"]' in out
    assert "phrases.upfront" not in out
    shown = tmp_path / "shown.toml"
    shown.write_text(out, encoding="utf-8")
    assert load_settings(shown, env={}).advisor.settings == load_settings(cfg, env={}).advisor.settings


def test_a_note_splits_into_the_same_words_whatever_its_script_mix():
    """A non-ASCII dash or apostrophe does not change how a Latin note splits; a script written
    without spaces splits a character at a time, a run of letters stops at it, `_` splits."""
    from advisor.phrases import words

    def split(text):
        return [(w, clause) for w, _, _, clause in words(text)]

    assert split("Guaranteed results — 100%") == split("GUARANTEED RESULTS - 100%") == [
        ("guaranteed", True), ("results", False), ("100", False), ("%", False)]
    assert split("Résumé’s fee: 50% 前払い_OK ภาษา") == [
        ("resume", True), ("s", False), ("fee", False), ("50", True), ("%", False), ("前", False),
        ("払", False), ("い", False), ("ok", False), ("ภ", False), ("า", False), ("ษ", False), ("า", False)]


@pytest.mark.parametrize("notes, marketplace, off", [
    # payment moved off the marketplace, in any language (grading v17, cider and plumbing)
    ("Je préfère être payé par virement direct en dehors d'Upwork.", "Upwork", True),
    ("Ödemeyi doğrudan IBAN'ıma yapabilirsiniz, Bionluk komisyonu da çıkmaz.", "Bionluk", True),
    ("Bionluk dışında çalışalım.", "Bionluk", True),
    ("Zahlung per Überweisung, ohne Gebühr.", "Fiverr", True),
    ("Pago por transferencia bancaria, así ahorras la comisión.", "Workana", True),
    ("銀行振込でお願いします。", "Lancers", True),
    ("계좌이체로 받겠습니다.", "Kmong", True),
    ("No Upwork fee if you pay me directly.", "Upwork", True),
    # honest: the bank or invoice is where the marketplace pays, or the fee is just stated
    ("Upwork pays out to my IBAN every week; I send an invoice through Upwork.", "Upwork", False),
    ("Invoice via Malt; Malt pays to my bank account.", "Malt", False),
    ("My price does not include the Upwork fee.", "Upwork", False),
    ("I can work outside business hours.", "Upwork", False),
    ("All payments only through Upwork, even the bank transfer for the ads.", "Upwork", False),
])
def test_a_bank_or_the_marketplace_left_behind_is_read_in_context(bakery, notes, marketplace, off):
    ben = next(c for c in bakery.task("logo").candidates if c.name.startswith("Ben"))
    ben.notes, ben.marketplace = notes, marketplace
    f = plan_facts(bakery, None, TODAY)[("candidate", ben.id)]
    assert f["red_flag_off_platform"] is off
    if off:
        assert "their words" in f["off_platform_said"]


def test_half_up_front_to_an_iban_rules_out_and_asks_nothing_up_front(bakery):
    """An open request to be paid up front off the marketplace excludes the candidate (the Ranking
    says why) and never gets a "deposit of at most 30%" (grading v17, plumbing: ranked #1, 30%)."""
    logo = bakery.task("logo")
    ben = next(c for c in logo.candidates if c.name.startswith("Ben"))
    ben.marketplace, ben.upfront_percent, ben.status = "Upwork", 50, "applied"
    ben.notes = "50% before I start, straight to my IBAN: no Upwork fee for either of us."
    f = plan_facts(bakery, None, TODAY)[("candidate", ben.id)]
    assert f["red_flag_drop"] and f["upfront_where"] == "outside the marketplace"
    with nullcontext(shared_advisor(TODAY)) as a:
        rules = {x.rule for x in a.evaluate(bakery) if x.candidate == ben.id}
    assert "upfront-outside-escrow" in rules and "deposit-without-escrow" not in rules
    ben.notes = "Upwork pays out to my IBAN; invoice through Upwork as usual."
    f = plan_facts(bakery, None, TODAY)[("candidate", ben.id)]
    assert not f["red_flag_off_platform"] and f.get("upfront_where") != "outside the marketplace"
