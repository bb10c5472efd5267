"""Round 28 A (grading v25): red flags written in the candidate's own language.

A blind review ranked risky candidates #1 because their words were in a language the lists
barely held: "Работаю только по 100% предоплате, переводом на Kaspi Gold напрямую, без
безопасной сделки" (flower), "具體開發由我們的實習生團隊完成 ... 合同簽訂後預付50%" (tailor), "Фасаде
и пресеке ради мој колега Никола" (architect), "O histórico de vacinas e consultas fica à parte:
faço o orçamento depois" (vet). Each category now holds the usual forms in Russian, Ukrainian,
Serbian (both scripts), Portuguese, Spanish, Chinese (both scripts), Greek, Hebrew, Arabic, Hindi,
Turkish, Polish, Thai, Vietnamese and Indonesian, and stays quiet on the harmless sentences beside
them: a negation before or after, the safe deal of the marketplace itself, a wallet the task is
about, a colleague named in passing."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.phrasecontext import in_context
from advisor.phrases import matcher
from advisor.rules.facts import plan_facts
from tests import plan_runner
from tests.plan_runner import candidate, task

TODAY = date(2026, 12, 7)


def read(text: str, marketplace: str | None = "Kwork"):
    """A candidate's note read as the facts read it (the context, no task)."""
    return in_context(matcher().find(text), text, marketplace)


def cats(text: str, marketplace: str | None = "Kwork") -> tuple[str, ...]:
    return read(text, marketplace).categories


@pytest.mark.parametrize("text, category", [
    # money before the work
    ("Работаю только по 100% предоплате.", "upfront"),                           # ru: the declensions
    ("Беру 50% аванса, остальное после сдачи.", "upfront"),
    ("Оплата вперед, 100%.", "upfront"),
    ("Працюю за 50% передоплатою.", "upfront"),                                   # uk
    ("Тражим 50% унапред.", "upfront"),                                            # sr
    ("Plaćanje unapred, 50% avansno.", "upfront"),
    ("Peço 50% de entrada antes de começar.", "upfront"),                          # pt
    ("Preciso de 50% adiantado.", "upfront"),
    ("Pido 40% al inicio y el resto al entregar.", "upfront"),                     # es
    ("合同簽訂後預付50%，餘款上線後支付。", "upfront"),                                # zh-Hant
    ("需要先付50%才开工。", "upfront"),                                              # zh-Hans
    ("Απαιτείται προκαταβολή 50%.", "upfront"),                                    # el
    ("אני עובד עם מקדמה של 50%.", "upfront"),                                      # he
    ("תשלום מלא מראש.", "upfront"),
    ("أطلب الدفع المسبق لنصف المبلغ.", "upfront"),                                 # ar
    ("الدفع نص مقدم ونص بعد التسليم.", "upfront"),
    ("पहले पैसे भेजिए, फिर काम शुरू होगा।", "upfront"),                                # hi
    ("Yarısı peşin, yarısı teslimde.", "upfront"),                                 # tr
    ("Proszę o zaliczkę 30% przed startem.", "upfront"),                           # pl
    ("ขอเงินล่วงหน้า 50% ก่อนเริ่มงาน", "upfront"),                                    # th
    ("Cần tạm ứng 50% trước khi làm.", "upfront"),                                 # vi
    ("DP 50% dulu baru mulai.", "upfront"),                                        # id
    # a way of paying nobody can reverse
    ("Оплата криптой или в USDT.", "payment"),
    ("Pagamento em cripto, se possível.", "payment"),
    ("可以用比特币支付吗？", "payment"),
    ("Ödemeyi kripto ile alıyorum.", "payment"),
    ("Płatność kryptowalutą.", "payment"),
    ("Πληρωμή σε κρυπτονομίσματα.", "payment"),
    ("תשלום בביטקוין בלבד.", "payment"),
    ("الدفع بالعملات الرقمية فقط.", "payment"),
    ("Thanh toán bằng USDT.", "payment"),
    ("Bayar pakai USDT ya.", "payment"),
    ("Plaćanje kriptovalutom.", "payment"),
    # paid or dealt with off the marketplace: directly, outside its safe deal, to a card or wallet
    ("Переводом на Kaspi Gold напрямую, без безопасной сделки.", "off_platform"),
    ("Оплата напрямую мне на карту.", "off_platform"),
    ("Оплата через Payme или Click.", "off_platform"),
    ("Можно на карту Uzcard.", "off_platform"),
    ("Оплата напряму мені, без безпечної угоди.", "off_platform"),
    ("Плаћање директно мени.", "off_platform"),
    ("Plaćanje direktno, van platforme.", "off_platform"),
    ("Se fecharmos direto comigo no Pix, faço por R$ 3.800.", "off_platform"),
    ("Mejor trato directo conmigo, te hago descuento.", "off_platform"),
    ("Pago a Nequi o Daviplata.", "off_platform"),
    ("我們可以私下轉賬，不走平台。", "off_platform"),
    ("也可以用轉數快過數。", "off_platform"),
    ("Απευθείας πληρωμή σε μένα.", "off_platform"),
    ("תשלום ישיר אליי, העברה בביט.", "off_platform"),
    ("الدفع انستاباي أو فودافون كاش.", "off_platform"),
    ("Direkt ödeme yaparsanız indirim yaparım.", "off_platform"),
    ("Płatność bezpośrednia, z pominięciem platformy.", "off_platform"),
    ("Płatność BLIKiem.", "off_platform"),
    ("Giao dịch trực tiếp cho nhanh.", "off_platform"),
    ("Transfer langsung ke rekening saya.", "off_platform"),
    ("Bayar via Nagad, lebih cepat.", "off_platform"),
    # someone else does (part of) the work
    ("Фасады делает мой коллега.", "substitution"),
    ("Верстку робить мій колега.", "substitution"),
    ("Фасаде и пресеке ради мој колега Никола.", "substitution"),
    ("Preseke radi moj kolega.", "substitution"),
    ("O front-end um colega vai fazer.", "substitution"),
    ("El front lo hace mi compañero: mi compañero hace el CSS.", "substitution"),
    ("具體開發由我們的實習生團隊完成。", "substitution"),
    ("开发交给实习生。", "substitution"),
    ("Ο συνάδελφός μου θα κάνει τα σχέδια.", "substitution"),
    ("הקולגה שלי יעשה את החזיתות.", "substitution"),
    ("زميلي سيقوم بالتصميم.", "substitution"),
    ("डिज़ाइन मेरा सहकर्मी करेगा।", "substitution"),
    ("Tasarımı arkadaşım yapacak.", "substitution"),
    ("Front zrobi mój kolega.", "substitution"),
    ("งานนี้ให้เด็กฝึกงานทำ", "substitution"),
    ("Phần này đồng nghiệp sẽ làm.", "substitution"),
    ("Desain dikerjakan oleh rekan saya.", "substitution"),
    # part of the job left out of the quote, priced apart or later
    ("O histórico de vacinas e consultas fica à parte: faço o orçamento depois.", "extras"),
    ("La migración del historial queda aparte.", "extras"),
    ("Перевод на казахский считается отдельно.", "extras"),
    ("Інтеграція з CRM оплачується окремо.", "extras"),
    ("Пресеци нису укључени у цену.", "extras"),
    ("Preseci nisu uključeni.", "extras"),
    ("UI設計另行報價。", "extras"),
    ("Ο σχεδιασμός UI δεν περιλαμβάνεται.", "extras"),
    ("עיצוב UI לא כלול.", "extras"),
    ("الترجمة بسعر منفصل.", "extras"),
    ("डिज़ाइन का अलग से चार्ज लगेगा।", "extras"),
    ("Çeviri için ayrı teklif veririm.", "extras"),
    ("Projekt graficzny płatne osobno.", "extras"),
    ("ค่าออกแบบคิดแยก", "extras"),
    ("Thiết kế báo giá riêng.", "extras"),
    ("Desain dihitung terpisah.", "extras"),
])
def test_the_requests_are_found_in_the_languages_candidates_write(text, category):
    assert category in cats(text)


@pytest.mark.parametrize("text, category", [
    # a negation before or after the words, in the same languages
    ("Предоплата не нужна, оплата по этапам.", "upfront"),
    ("Работаю без предоплаты.", "upfront"),
    ("Предоплату не беру.", "upfront"),
    ("Нет предоплаты: оплата после приёмки.", "upfront"),
    ("Передоплата не потрібна.", "upfront"),
    ("Avans nije potreban.", "upfront"),
    ("Без аванса, плаћање по фазама.", "upfront"),
    ("Não preciso de 50% de entrada.", "upfront"),
    ("No cobro nada por adelantado.", "upfront"),
    ("無需預付，驗收後付款。", "upfront"),
    ("毋須訂金。", "upfront"),
    ("Χωρίς προκαταβολή.", "upfront"),
    ("Προκαταβολή δεν χρειάζεται.", "upfront"),
    ("ללא מקדמה, תשלום לפי אבני דרך.", "upfront"),
    ("אין צורך במקדמה.", "upfront"),
    ("بدون عربون، الدفع بعد التسليم.", "upfront"),
    ("एडवांस भुगतान की ज़रूरत नहीं।", "upfront"),
    ("Peşinatı almıyorum.", "upfront"),
    ("Zaliczka nie jest potrzebna.", "upfront"),
    ("Brak zaliczki.", "upfront"),
    ("ไม่ต้องจ่ายมัดจำ", "upfront"),
    ("Không cần đặt cọc.", "upfront"),
    ("Đặt cọc không cần.", "upfront"),
    ("Tanpa uang muka.", "upfront"),
    ("Uang muka tidak perlu.", "upfront"),
    # thanks in advance, a discount "at once", a deposit feature of the work
    ("Заранее спасибо за ответ!", "upfront"),
    ("תודה מראש!", "upfront"),
    ("Z góry dziękuję.", "upfront"),
    ("Скидка 10% сразу при заказе.", "upfront"),
    ("Скидка 10% до начала марта.", "upfront"),
    ("Giảm 10% trước Tết.", "upfront"),
    ("شكرا مقدما على وقتك.", "upfront"),                                            # no bare "مقدما"
    ("ใช้หน้าชำระเงินของ Omise (hosted)", "upfront"),                                # no Thai phrase cut to "pay money"
    ("首先支付寶接口要申請。", "upfront"),                                              # not "先支付" inside "首先支付寶"
    # money kept on the marketplace, a refusal, a crypto word without paying
    ("Никогда не работаю без безопасной сделки.", "off_platform"),
    ("Оплата напрямую не нужна: только через безопасную сделку Kwork.", "off_platform"),
    ("Работаю напрямую с дизайнером из нашей студии.", "off_platform"),
    ("Pagamento fica retido na Workana até a aprovação.", "off_platform"),
    ("Kodu GitHub hesabıma değil, sizin hesabınıza yüklerim.", "off_platform"),
    ("Putni troškovi su na moj račun.", "off_platform"),
    ("Не принимаю оплату криптой.", "payment"),
    ("Работаю с криптой пять лет.", "payment"),                                      # their field, not a way of paying
    ("Experiência em cripto e DeFi.", "payment"),
    ("Добавлю фото на карточку товара.", "off_platform"),                           # a product card
    ("Подключал эквайринг Тинькофф для трех магазинов.", "off_platform"),
    ("Formularz z polem numer konta klienta.", "off_platform"),
    # a colleague named in passing, work done alone
    ("Мой коллега порекомендовал вас.", "substitution"),
    ("Радим сам, без сарадника.", "substitution"),
    ("我們沒有實習生。", "substitution"),
    ("Nie podzlecam pracy.", "substitution"),
    ("Ben kendim yaparım, taşeron kullanmam.", "substitution"),
    ("Tôi làm thay đổi giao diện theo yêu cầu.", "substitution"),
    ("Trabajo en mi lugar de trabajo habitual.", "substitution"),
    # everything included
    ("Nada fica de fora: histórico incluído.", "extras"),
    ("Все включено, ничего не оплачивается отдельно.", "extras"),
    ("全部包含，沒有另外收費。", "extras"),
    ("Δεν υπάρχει επιπλέον χρέωση.", "extras"),
    ("אין תוספת תשלום.", "extras"),
    ("Tidak ada biaya tambahan.", "extras"),
    ("Os detalhes combinamos depois da reunião.", "extras"),
])
def test_harmless_sentences_beside_them_stay_quiet(text, category):
    assert category not in cats(text)


def test_a_negation_of_a_script_without_spaces_reaches_twice_as_many_characters():
    """"無需向我們支付任何訂金" (no need to pay us any deposit): its characters are words, so the
    negation reaches 8 of them, not 4; the deposit is then plainly refused, not a question."""
    f = read("無需向我們支付任何訂金。")
    assert "upfront" not in f.categories and "upfront" not in f.unsure
    assert "upfront" in read("無需多說，我們要求支付任何訂金。").categories  # a clause further on: asked


def test_money_up_front_into_the_marketplaces_safe_deal_is_no_money_up_front():
    """On Kwork and FL.ru the buyer reserves the money in the safe deal before the work: "по
    предоплате через безопасную сделку" is that, not money paid to the person; the same words
    beside "без безопасной сделки", or in another sentence, stay a flag."""
    assert "upfront" not in cats("Работаю по 100% предоплате через безопасную сделку Kwork.")
    assert "upfront" not in cats("Предоплата 50%, через безопасную сделку.")
    assert "upfront" in cats("Работаю по 100% предоплате, без безопасной сделки.")
    assert "upfront" in cats("Предоплата 100% на карту. Безопасная сделка у меня тоже есть.")
    assert "upfront" in cats("Предоплата 100%, безопасная сделка не нужна.")  # escrow refused after it


def test_a_quote_says_the_share_after_the_words_in_a_script_without_spaces():
    assert read("合同簽訂後預付50%，餘款上線後支付。").quotes["upfront"] == ("預付50%",)


# --------------------------------------------------------------------------- in a plan

KWORK = """format = 1
[business]
name = "Астра"
currency = "KZT"
completed_jobs = 0
timezone = "Asia/Almaty"

[[marketplaces]]
name = "Kwork"
fee_percent = 0.0
escrow = true
feedback = true

[[rates]]
skill = "telegram bot"
marketplace = "Kwork"
hourly = 6000.0
date = 2026-11-30
"""


def kwork_plan(title: str, description: str, notes: dict[str, str], skills: tuple = ("telegram bot",)) -> str:
    return KWORK + task(
        "bot", title, description=description, size="moderate", critical=True, skills=list(skills), pricing="fixed",
        budget=450000.0, hours=80.0, status="hiring", marketplaces=["Kwork"], deadline="2027-02-05") + "".join(
        candidate(cid, cid.title(), marketplace="Kwork", bid=420000.0, rating=4.8, reviews=35, status="shortlisted",
                  notes=note) for cid, note in notes.items())


KASPI_TASK = ("Telegram-бот для заказа букетов с оплатой Kaspi",
              "Каталог букетов, корзина, оплата по ссылке Kaspi Pay; заказ приходит в чат флористов.")


def test_the_flower_bot_favourite_is_dropped_and_the_kaspi_integrator_is_not(tmp_path):
    """flower (grading v25): 100% up front by a direct Kaspi Gold transfer outside the safe deal
    ranked #1. Now a drop naming the move; "интеграция с Kaspi Pay" on a Kaspi Pay bot is the
    work, and "pay me on Kaspi Pay" there is still money sent to them."""
    plan = plan_runner.write_plan(tmp_path, kwork_plan(*KASPI_TASK, {
        "aidar": "Работаю только по 100% предоплате, переводом на Kaspi Gold напрямую, без безопасной сделки.",
        "olga": "Делала интеграцию с Kaspi Pay для двух магазинов. Оплата этапами через безопасную сделку Kwork.",
        "ivan": "Оплату переводите мне на Kaspi Pay.",
    }, skills=("telegram bot", "kaspi pay")))
    facts = plan_facts(plan, None, TODAY)
    aidar, olga, ivan = (facts[("candidate", c)] for c in ("aidar", "olga", "ivan"))
    assert aidar["red_flag_drop"] and aidar["red_flag_upfront"]
    assert aidar["said_off_platform"] == '"Kaspi Gold", "без безопасной сделки"'
    assert olga["red_flags"] == "" and not olga["red_flag_drop"] and olga["unsure_what"] == ""
    assert ivan["red_flag_off_platform"] and ivan["red_flag_drop"]
    drop = next(s for s in plan_runner.run(tmp_path, kwork_plan(*KASPI_TASK, {
        "aidar": "Работаю только по 100% предоплате, переводом на Kaspi Gold напрямую, без безопасной сделки.",
    })).steps if "drop " in s)
    assert 'drop Aidar (asked to move off the marketplace: "Kaspi Gold", "без безопасной сделки"' in drop


def test_a_wallet_the_task_is_not_about_is_a_move_off_the_marketplace(tmp_path):
    plan = plan_runner.write_plan(tmp_path, kwork_plan("Логотип для цветочного магазина", "Логотип и визитки.", {
        "aidar": "Сделаю за 3 дня, оплата на Kaspi.",
    }))
    aidar = plan_facts(plan, None, TODAY)[("candidate", "aidar")]
    assert aidar["red_flag_off_platform"] and aidar["red_flag_drop"]


def test_a_coin_the_task_is_about_is_the_work_not_a_payment(tmp_path):
    plan = plan_runner.write_plan(tmp_path, kwork_plan(
        "Telegram bot accepting USDT", "A shop bot whose checkout takes USDT (TRC20).", {
            "lena": "Built three USDT checkouts for shops.",
            "oleg": "Pay me in USDT, please.",
        }))
    facts = plan_facts(plan, None, TODAY)
    assert not facts[("candidate", "lena")]["red_flag_payment"] and not facts[("candidate", "lena")]["red_flag_drop"]
    oleg = facts[("candidate", "oleg")]
    assert oleg["red_flag_payment"] and oleg["red_flag_drop"]


def agency(*, status: str, cstatus: str, notes: str) -> str:
    """The WeChat mini-program (``status``) and the agency Xingchen Digital (``cstatus``, with
    ``notes``), interviewed."""
    return plan_runner.head(jobs=3, rates=(40.0, 45.0, 50.0)) + task(
        "app", "Design and build a WeChat mini-program with WeChat Pay deposits", size="major", critical=True,
        pricing="fixed", budget=8000.0, hours=160.0, status=status, marketplaces=["Upwork"],
        deadline="2027-01-29") + candidate(
        "xingchen", "Xingchen Digital", kind="agency", named_people=["陳志強", "Милош"], bid=7000.0, rating=4.8,
        reviews=30, status=cstatus, notes=notes, interview={
            "date": "2026-12-02", "scores": {"work": 5, "communication": 4},
            "notes": "Has shipped 6 mini-programs with WeChat Pay for HK shops."})


@pytest.mark.parametrize("notes", [
    "陳工負責整體把控，具體開發由我們的實習生團隊完成。",
    "Фасаде и пресеке ради мој колега Никола, ја проверавам и предајем.",
])
def test_an_agency_whose_note_puts_others_on_the_work_is_told_so(tmp_path, notes):
    """tailor and architect (grading v25): interns or a colleague do the work the interview judged
    (agency-implementer-unmet), and after the hire someone else works on it (key-person-substituted)."""
    got = plan_runner.run(tmp_path, agency(status="hiring", cstatus="interviewed", notes=notes))
    assert "agency-implementer-unmet" in got.rules
    got = plan_runner.run(tmp_path, agency(status="hired", cstatus="hired", notes=notes))
    assert "key-person-substituted" in got.rules


def test_the_wallet_of_the_work_in_the_owners_interview_notes_asks_nothing(tmp_path):
    """tailor (grading v25): "WeChat Pay" in the owner's interview note of a WeChat Pay job asked
    "whether they want to talk or be paid outside the marketplace"."""
    got = plan_runner.run(tmp_path, agency(status="hiring", cstatus="interviewed",
                                                  notes="Registers it under your own account."))
    assert "confirm-unclear-request" not in got.rules


def vet(notes: str) -> str:
    """The vet's records migration and one bid, Mateus's, with ``notes``."""
    return plan_runner.head(jobs=1, rates=(80.0, 60.0, 70.0)) + task(
        "migracao", "Migrate patient records from our old Access system to SimplesVet",
        description="9,000 tutors and 11,500 animals with their vaccine and consultation history.", size="moderate",
        critical=True, pricing="fixed", budget=4500.0, hours=60.0, status="hiring", marketplaces=["Upwork"],
        deadline="2026-12-23",
        acceptance="Every tutor and animal imported, vaccine and consultation history included") + candidate(
        "mateus", "Mateus Oliveira", bid=3300.0, rating=4.8, reviews=65, status="applied", notes=notes)


def test_a_portuguese_quote_that_keeps_the_history_apart_is_partial(tmp_path):
    """vet (grading v25): the part the acceptance criteria ask for, quoted later, ranked #1 as a
    whole bid; "nada fica de fora" is a whole one."""
    got = plan_runner.run(tmp_path, vet(
        notes="Valor para a migração de tutores e animais. O histórico de vacinas e consultas fica à parte: "
              "faço o orçamento depois de ver o banco."))
    assert "partial-scope" in got.rules
    assert "fica à parte" in got.by_rule()["partial-scope"].message
    got = plan_runner.run(tmp_path, vet(notes="Nada fica de fora: histórico de vacinas incluído."))
    assert "partial-scope" not in got.rules
