"""Round 28, part B (grading v19): a candidate who keeps what the owner pays for. Three plans of
the review were told "Hire" the one who kept it: a photographer keeping the copyright and
licensing two years of web use while the task needs unlimited use (oliveoil-photos, in Greek), an
agency registering the mini-program under its own company (tailor-wechat-agency, in Chinese), a
developer hosting the bot on his server and handing over the code only after full payment
(flower-telegram-bot, in Russian). Not a drop (the terms are negotiable): the Ranking names it
beside the person, the hire step asks for the rights in writing first and names who already
offers full ownership, and no generic IP or usage-licence step stands beside it
(advisor/rules/ownership.py, advisor/advice/rightsstep.py)."""

from __future__ import annotations

import pytest

from advisor.commands.check import ranking_lines
from advisor.phrases import candidate_matcher
from tests import plan_runner
from tests.plan_runner import HEAD, candidate, task


def _cand(cid: str, bid: float, notes: str, *, status: str = "interviewed", scores: dict | None = None,
          **extra) -> str:
    """A well-reviewed candidate ``cid`` (named ``cid.capitalize()``) bidding ``bid``, with their
    interview's ``scores`` when given."""
    return candidate(cid, cid.capitalize(), bid=bid, rating=4.9, reviews=40, jobs=50, job_success=97, status=status,
                     notes=notes, **extra, interview={"date": "2026-12-01", "scores": scores} if scores else None)


PHOTOS = HEAD.format(jobs=2) + task(
    "t", "Product photos of our 6 oils: white background and lifestyle",
    description="For our Amazon listings, our shop and the printed brochure; we will also use them in future catalogues.",
    skills=["product photography"], marketplaces=["Upwork"], size="minor", pricing="fixed", budget=900.0, hours=18.0,
    status="hiring", deadline="2027-01-20",
    acceptance="30 edited images, also as print files; we may use them anywhere, with no time limit", creates_ip=True)

NIKOS = ("Οι φωτογραφίες παραμένουν πνευματική μου ιδιοκτησία. Η τιμή περιλαμβάνει άδεια χρήσης μόνο για Amazon "
         "και το e-shop, για 2 χρόνια.")


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    text = PHOTOS + _cand("nikos", 850.0, NIKOS, scores={"lighting": 5, "styling": 5}) + _cand(
        "sofia", 880.0, "Full transfer of rights for all uses included in the price.", scores={"lighting": 4, "styling": 3})
    return plan_runner.run(tmp_path_factory.mktemp("r28b"), text)


def test_the_hire_of_someone_keeping_the_copyright_asks_for_the_rights_first(photos):
    step = photos.steps[0]
    assert step.startswith("Before you hire Nikos, get in writing a perpetual licence for every use you need "
                           "(print included) or a buy-out, at a stated price, and compare the whole price")
    assert "if not, Sofia already includes full rights (" in step  # who already offers it, with her price
    assert "; then hire Nikos" in step


def test_no_generic_usage_licence_step_beside_it(photos):
    assert not any("Agree in writing where the content may run" in s for s in photos.steps)
    assert "offer-usage-licence" in photos.rules  # the finding is still made: the hire step says it
    assert not any(ln.rule == "offer-usage-licence" for ln in photos.below())


def test_the_ranking_names_what_they_keep_with_their_words(photos):
    line = ranking_lines(photos.plan)[0]
    assert '#1 Nikos' in line and 'keeps the copyright: "παραμένουν πνευματική μου ιδιοκτησία"' in line


TAILOR = HEAD.format(jobs=3) + task(
    "t", "Design and build a WeChat mini-program with bookings",
    description="Fabric catalogue, fitting bookings and deposits for our shop.", skills=["wechat mini program"],
    marketplaces=["Upwork"], size="moderate", pricing="fixed", budget=68000.0, hours=160.0, status="hiring",
    deadline="2027-03-20", creates_ip=True)


@pytest.fixture(scope="module")
def tailor(tmp_path_factory):
    text = TAILOR + _cand("xingchen", 58000.0, "小程序以我司主體註冊和認證，上線後可代為運營，年費HK$8,000。",
                          scores={"wechat": 5, "design": 4}) + _cand(
        "kelvin", 66000.0, "Registers the mini-program under your company's own account, code in your GitHub.",
        scores={"wechat": 4, "design": 4})
    return plan_runner.run(tmp_path_factory.mktemp("r28b"), text)


def test_an_agency_registering_it_under_its_own_company_is_asked_to_register_it_in_yours(tailor):
    step = next(s for s in tailor.steps if "Xingchen" in s)
    assert step.startswith("Before you hire Xingchen, get in writing that it is registered and hosted in your own "
                           "accounts from day one, with all rights assigned to you on payment")
    assert "if not, Kelvin already keeps everything in your own accounts (" in step
    assert not any(s.startswith("Put an IP assignment in the offer") for s in tailor.steps)  # said in the hire step
    line = ranking_lines(tailor.plan)[0]
    assert 'keeps it in their own name or accounts: "以我司主體註冊"' in line


def test_a_bot_on_his_server_with_the_code_held_back_is_named_in_the_offer_and_the_ranking(tmp_path):
    text = TAILOR.replace("Design and build a WeChat mini-program with bookings", "Telegram bot for flower orders") + _cand(
        "aidar", 42000.0, "Бота размещу на своём сервере (5 000 ₸ в месяц), исходники передаю после полной оплаты "
                          "по отдельному договору.", status="shortlisted") + _cand(
        "olga", 46000.0, "Бота регистрируем через ваш аккаунт в BotFather, сервер и код на ваших аккаунтах.",
        status="shortlisted")
    got = plan_runner.run(tmp_path, text)
    ip = next(s for s in got.steps if s.startswith("Put an IP assignment in the offer"))
    assert ("Aidar keeps it in their own name or accounts and holds back the source code: get in writing that it is "
            "registered and hosted in your own accounts and its code is in your own repository from day one") in ip
    assert "(Olga already does, " in ip
    line = ranking_lines(got.plan)[0]
    assert 'holds back the source code: "размещу на своём сервере", "исходники передаю после полной оплаты"' in line


def test_a_drop_for_another_reason_names_what_they_would_keep_too(tmp_path):
    text = TAILOR + _cand("apex", 50000.0, "50% upfront; source code handed over after final payment.",
                          status="shortlisted") + _cand("kelvin", 66000.0, "Code in your GitHub.", status="shortlisted")
    got = plan_runner.run(tmp_path, text)
    drop = next(s for s in got.steps if "drop Apex" in s)
    assert 'holds back the source code: "source code handed over after final payment"' in drop


# ------------------------------------------------------------------ stays quiet


def _quiet(got) -> None:
    assert not any(s.startswith("Before you") for s in got.steps)
    assert not any(k in line for line in ranking_lines(got.plan)
                   for k in ("keeps the copyright", "keeps it in their own", "holds back the source code"))


def test_full_rights_offered_is_a_plain_hire(tmp_path):
    got = plan_runner.run(tmp_path, PHOTOS + _cand("sofia", 880.0, "Full transfer of rights for all uses included.",
                                                   scores={"lighting": 5, "styling": 5}))
    _quiet(got)
    assert got.steps[0].startswith("Hire Sofia")


def test_a_proven_persons_agreed_licence_is_no_news(tmp_path):
    got = plan_runner.run(tmp_path, PHOTOS + _cand(
        "rosa", 850.0, "Licence only for web use, as agreed on our last shoot.", status="shortlisted",
        past_jobs_with_us=2, agreements=["usage-licence"]))
    _quiet(got)
    assert got.steps[0].startswith("Rehire Rosa")


def test_work_the_business_need_not_own_stays_quiet(tmp_path):
    text = (PHOTOS.replace("creates_ip = true", "creates_ip = false")
            .replace("Product photos of our 6 oils: white background and lifestyle", "Check our VAT filings")
            .replace('skills = ["product photography"]', 'skills = ["bookkeeping"]')
            .replace("For our Amazon listings, our shop and the printed brochure; we will also use them in future "
                     "catalogues.", "Quarterly VAT returns, checked against the bank statements.")
            .replace("30 edited images, also as print files; we may use them anywhere, with no time limit",
                     "Every line matched"))
    got = plan_runner.run(tmp_path, text + _cand("nikos", 850.0, "I keep the copyright of my own checklists.",
                                                  scores={"vat": 5}) + _cand("ana", 880.0, "Careful.", scores={"vat": 3}))
    _quiet(got)


def test_a_licence_on_creators_content_is_quiet_unless_the_task_asks_for_unlimited_use(tmp_path):
    text = (PHOTOS.replace(", also as print files; we may use them anywhere, with no time limit", "")
            .replace(" we will also use them in future catalogues.", ""))
    got = plan_runner.run(tmp_path, text + _cand("lucia", 850.0, "Usage rights 12 months included.",
                                                  scores={"lighting": 5, "styling": 5}))
    _quiet(got)
    assert any("Agree in writing where the content may run" in s for s in got.steps)  # the licence step speaks


def test_the_usual_transfer_on_payment_is_no_keeping(tmp_path):
    got = plan_runner.run(tmp_path, TAILOR + _cand("ben", 60000.0, "The copyright remains mine until full payment, "
                                                                   "then passes to you.", scores={"wechat": 5}))
    _quiet(got)


# ------------------------------------------------------------------ the phrases


KEEPS = ("keeps_rights", "keeps_accounts", "keeps_code")


@pytest.mark.parametrize("text, kind", [
    ("Οι φωτογραφίες παραμένουν πνευματική μου ιδιοκτησία.", "keeps_rights"),
    ("Η τιμή περιλαμβάνει άδεια χρήσης μόνο για Amazon.", "keeps_rights"),
    ("I retain the copyright; you get a 2-year licence.", "keeps_rights"),
    ("The photos remain my property.", "keeps_rights"),
    ("版权归我方所有。", "keeps_rights"),
    ("版權歸我司所有。", "keeps_rights"),
    ("Авторские права остаются за мной.", "keeps_rights"),
    ("Me reservo los derechos de las fotos.", "keeps_rights"),
    ("Os direitos autorais são meus.", "keeps_rights"),
    ("Je conserve les droits sur les images.", "keeps_rights"),
    ("Das Urheberrecht bleibt bei mir, einfaches Nutzungsrecht.", "keeps_rights"),
    ("Telif hakkı bende kalır.", "keeps_rights"),
    ("الحقوق تبقى لي.", "keeps_rights"),
    ("कॉपीराइट मेरे पास रहेगा।", "keeps_rights"),
    ("著作権は当方に帰属します。二次利用不可。", "keeps_rights"),
    ("저작권은 저에게 있습니다.", "keeps_rights"),
    ("Bản quyền thuộc về tôi.", "keeps_rights"),
    ("小程序以我司主體註冊和認證。", "keeps_accounts"),
    ("小程序以我司主体注册。", "keeps_accounts"),
    ("Бота размещу на своём сервере.", "keeps_accounts"),
    ("The app goes live under my developer account.", "keeps_accounts"),
    ("Lo alojo en mi servidor.", "keeps_accounts"),
    ("Fica no meu servidor.", "keeps_accounts"),
    ("Hébergé sur mon serveur.", "keeps_accounts"),
    ("Läuft auf meinem Server.", "keeps_accounts"),
    ("Kendi sunucumda barındırırım.", "keeps_accounts"),
    ("弊社名義で登録します。", "keeps_accounts"),
    ("Исходники передаю после полной оплаты по отдельному договору.", "keeps_code"),
    ("Source code handed over after final payment.", "keeps_code"),
    ("源碼另行收費。", "keeps_code"),
    ("El código fuente se entrega tras el pago total.", "keeps_code"),
    ("소스코드는 잔금 지급 후 드립니다.", "keeps_code"),
])
def test_what_a_candidate_keeps_in_each_language(text, kind):
    assert kind in candidate_matcher(None).find(text).categories


@pytest.mark.parametrize("text", [
    "You keep all rights.",
    "Full transfer of rights for all uses included in the price.",
    "Registered under your account, code in your GitHub.",
    "The tours will be hosted on your own server, not in my account.",
    "I don't keep the copyright: it is all yours.",
    "Бота регистрируем через ваш аккаунт в BotFather, сервер и код на ваших аккаунтах.",
    "小程序以貴司主體註冊。",
    "All work remains the property of your company.",
    "We host it on our server during the build.",  # "our" in an owner's notes is the business
])
def test_full_ownership_offered_is_never_kept(text):
    found = candidate_matcher(None).find(text)
    assert not any(k in found.categories for k in KEEPS), found.quotes
