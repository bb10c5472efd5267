"""Round 29 A (grading v26): what candidates write in their own language, read right.

A blind review found five notes read wrongly: a Russian refusal said after what it refuses ("вне
платформы не работаю и переводы на карту не принимаю") dropped the best developer (watchmaker);
"繁体中文版本用软件自动转换" (Traditional Chinese by software conversion) passed as human
translation (kimono); a Thai student's evening hours ("18:00-23:00") were read as a waking day on
a 09:00-15:00 live shift (cooking school); a Hebrew plan to download 1,400 clients' files to a
laptop and work offline was accepted (insurance); a hired freelancer's sister working on her
Mercado Livre login went unsaid (cosmetics). Each is fixed in the language's grammar, in more
than one language, with the harmless sentences beside them kept quiet."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.phrasecontext import in_context
from advisor.phrases import matcher
from advisor.rules.facts import plan_facts
from advisor.rules.notegaps import hours_in_notes
from tests import plan_runner
from tests.plan_runner import candidate, task

TODAY = date(2026, 12, 7)


def cats(text: str, marketplace: str | None = "Upwork") -> tuple[str, ...]:
    return in_context(matcher().find(text), text, marketplace).categories


# 1. a refusal said after what it refuses (Russian, Ukrainian, Serbian, Bulgarian, Polish, Czech)

@pytest.mark.parametrize("text", [
    "Оплата только через Upwork — вне платформы не работаю и переводы на карту не принимаю.",
    "Вне платформы не работаю.",
    "Оплата лише через Upwork. Переказ на картку не приймаю.",
    "Plaćanje samo preko Upworka — van platforme ne radim.",
    "Плаћање само преко Upwork-а, ван платформе не радим.",
    "Płatność tylko przez Upwork, poza platformą nie pracuję.",
    "Оплата только через Upwork. Переводы на карту не принимаю.",
    "Platba pouze přes Upwork, převod na kartu nepřijímám.",
])
def test_a_refusal_after_the_words_is_no_move_off_the_marketplace(text):
    assert "off_platform" not in cats(text)


@pytest.mark.parametrize("text, category", [
    ("Вне платформы работаю быстрее, оплата на карту.", "off_platform"),
    ("Оплата на карту, через биржу не работаю.", "off_platform"),   # the refusal is of the marketplace
    ("Без предоплаты не работаю.", "upfront"),                      # a double negation demands it
    ("Bez zaliczki nie pracuję.", "upfront"),
    ("Van platforme, uplata na račun.", "off_platform"),
])
def test_a_request_stays_one_beside_those_words(text, category):
    assert category in cats(text)


def test_the_watchmaker_developer_is_hired_not_dropped(tmp_path):
    got = plan_runner.run(tmp_path, one_task(
        "WooCommerce shop for pre-owned watches", "aleksei",
        "Оплата только через Upwork — вне платформы не работаю и переводы на карту не принимаю. "
        "Пароль администратора мне не нужен: создайте мне отдельного пользователя на тестовой копии."))
    assert not any("drop " in s for s in got.steps)
    facts = plan_facts(plan_runner.write_plan(tmp_path, one_task(
        "WooCommerce shop", "aleksei", "Вне платформы не работаю.")), None, TODAY)
    assert not facts[("candidate", "aleksei")]["red_flag_drop"]


# 2. machine conversion or translation in Chinese, Japanese, Korean

@pytest.mark.parametrize("text", [
    "我们先完成简体中文译稿，繁体中文版本用软件自动转换，所以价格最低。",
    "繁體版本由簡繁轉換完成。",
    "繁體中文は簡体字からソフトで変換します。",
    "번체 중국어는 자동 변환으로 만듭니다.",
    "The Traditional version is converted by software from Simplified.",
])
def test_machine_conversion_is_machine_work(text):
    assert "machine_work" in cats(text)


@pytest.mark.parametrize("text", [
    "我們不使用軟件自動轉換，全部由台灣譯者人工翻譯。",
    "人工翻译，并非机翻。",
    "機械翻訳は使いません。",
    "자동 번역은 쓰지 않습니다.",
    "我是台灣人，日文N1，會使用台灣慣用語。",
])
def test_a_machine_refused_or_not_named_is_not(text):
    assert "machine_work" not in cats(text)


def test_the_converting_agency_is_dropped_on_translation_work(tmp_path):
    facts = plan_facts(plan_runner.write_plan(tmp_path, one_task(
        "Translate our website from Japanese into Traditional Chinese", "yitong",
        "繁体中文版本用软件自动转换，所以价格最低。", description="Written by a native translator.")), None, TODAY)
    assert facts[("candidate", "yitong")]["red_flag_drop"]


# 3. hours stated in the notes are the candidate's day

@pytest.mark.parametrize("text, hours", [
    ("ทำงานได้ช่วงเย็นหลังเลิกเรียน 18:00-23:00 และวันอาทิตย์ทั้งวันค่ะ", "18:00-23:00"),
    ("Available 10 am to 7 pm IST.", "10:00-19:00"),
    ("Je travaille de 9h à 17h.", "09:00-17:00"),
    ("Работаю с 10:00 до 19:00.", "10:00-19:00"),
    ("Erreichbar 18.00–23.00 Uhr.", "18:00-23:00"),
])
def test_a_time_range_in_the_notes_is_read(text, hours):
    assert hours_in_notes(text) == hours


@pytest.mark.parametrize("text", ["Order 12-15 units", "9-17", "each video takes 2h-3h", "version 1.2 to 3.4",
                                  "5h-10h a week", ""])
def test_counts_dates_and_durations_are_not_hours(text):
    assert hours_in_notes(text) is None


def live(notes: str) -> str:
    """A live inbox shift in Bangkok: Anan and Bee shortlisted on day hours, May (with ``notes``)
    applied."""
    return plan_runner.head(jobs=0, currency="THB", timezone="Asia/Bangkok", rates=(200.0, 180.0, 220.0)) + task(
        "inbox", "Answer booking messages", size="moderate", pricing="hourly", budget=220.0, hours=300.0,
        status="hiring", collaboration="live", overlap_hours=6, marketplaces=["Upwork"]) + "".join(
        candidate(cid, name, hourly=hourly, timezone="Asia/Bangkok", working_hours=hours, status="shortlisted")
        for cid, name, hourly, hours in (("a", "Anan", 190.0, "09:00-18:00"), ("b", "Bee", 200.0, "08:00-17:00"))) + \
        candidate("may", "May", hourly=100.0, timezone="Asia/Bangkok", status="applied", notes=notes)


def test_evening_hours_in_the_notes_are_no_one_to_shortlist_for_a_day_shift(tmp_path):
    got = plan_runner.run(tmp_path, live("ทำงานได้ช่วงเย็นหลังเลิกเรียน 18:00-23:00 และวันอาทิตย์ทั้งวันค่ะ"))
    # live work outside the hours her own notes give drops her, the hours said (grading v31, Christmas-tree desk)
    assert not any("Shortlist May" in s for s in got.steps)
    assert any("drop May (their notes give 18:00-23:00, which shares none of your working hours)" in s for s in got.steps)
    may = plan_facts(got.plan, None, TODAY)[("candidate", "may")]
    assert may["overlap_hours"] == 0 and may["working_hours"] == "18:00-23:00, by their notes"


def test_day_hours_in_the_notes_or_none_keep_her_in(tmp_path):
    """Notes only narrow the assumed waking day: a range that would widen it may be the owner's
    hours in theirs ("your hours would be 16:00-02:00 for her"), never read as hers."""
    for notes in ("Available 9:00-17:00 Monday to Saturday.", "English major, fast typist.",
                  "Your hours would be 05:00-23:00 for her."):
        got = plan_runner.run(tmp_path, live(notes))
        assert any("Shortlist May" in s for s in got.steps), notes


# 4. the owner's files copied to the candidate's own laptop

@pytest.mark.parametrize("text", [
    "אוריד את כל התיקים הסרוקים והאקסלים למחשב הנייד שלי ואעבוד עליהם אופליין",
    "I'll download everything to my laptop and work offline.",
    "Скачаю всё на свой ноутбук и буду работать офлайн.",
    "Vou baixar tudo para o meu notebook.",
])
def test_a_plan_to_copy_the_files_to_their_laptop_is_read(text):
    assert "local_copy" in cats(text)


@pytest.mark.parametrize("text", [
    "I never download client files to my laptop; I work inside your CRM.",
    "לא אוריד שום קובץ למחשב שלי, אעבוד רק בתוך ה-CRM.",
    "Никогда не скачиваю файлы клиентов на свой ноутбук.",
    "I work on my laptop from home.",
    "KVKK gereği veriler sizin SharePoint'inizde kalır, kendi bilgisayarıma indirmem.",  # tr: negated in the verb
    "Файлы на свой ноутбук не скачиваю.",
])
def test_a_refusal_or_a_plain_laptop_is_not(text):
    assert "local_copy" not in cats(text)


def test_on_personal_data_the_data_step_says_no_local_copies_without_dropping_her(tmp_path):
    notes = "אוריד את כל התיקים הסרוקים והאקסלים למחשב הנייד שלי ואעבוד עליהם אופליין."
    text = one_task("Move 1,400 client files into our CRM", "noa", notes, sensitive=True,
                    access=["crm-data-entry-user", "scans-folder"], status="interviewed")
    got = plan_runner.run(tmp_path, text)
    nda = next(s for s in got.steps if "NDA" in s)
    assert "no local copies: Noa's notes plan to take the files to their own device" in nda
    assert "nothing downloaded" in nda and "have every copy deleted" not in nda
    assert not any("drop Noa" in s for s in got.steps)
    plain = plan_runner.run(tmp_path, one_task("Move 1,400 client files into our CRM", "noa", "3 years of data entry.",
                                               sensitive=True, access=["crm-data-entry-user"], status="interviewed"))
    assert not any("no local copies" in s for s in plain.steps)


# 5. a relative or friend on the freelancer's login

@pytest.mark.parametrize("text", [
    "Minha irmã Camila me ajudou com os anúncios novos à noite, usando o meu login do Mercado Livre.",
    "My sister Anna helped with the new listings.",
    "Моя сестра помогла с карточками под моим логином.",
    "Mi hermana me ayudó con las fichas.",
    "Ma sœur m'a aidée pour les annonces.",
])
def test_a_relative_helping_is_substitution(text):
    assert "substitution" in cats(text)


@pytest.mark.parametrize("text", [
    "I'm using my login you created for me.",
    "Nunca uso o meu login com outra pessoa; ninguém me ajudou.",
    "Fiz todos os anúncios sozinha.",
])
def test_their_own_login_or_working_alone_is_not(text):
    assert "substitution" not in cats(text)


def test_a_hired_freelancers_sister_on_her_login_is_told(tmp_path):
    got = plan_runner.run(tmp_path, one_task(
        "Run our Mercado Livre shop", "juliana", "Minha irmã Camila me ajudou com os anúncios novos, usando o meu login.",
        status="hired", task_status="hired"))
    assert "key-person-substituted" in got.rules
    assert "let nobody else sign in with their login" in got.by_rule()["key-person-substituted"].fix
    alone = plan_runner.run(tmp_path, one_task("Run our Mercado Livre shop", "juliana", "Fiz os anúncios novos sozinha.",
                                               status="hired", task_status="hired"))
    assert "key-person-substituted" not in alone.rules


def one_task(title: str, cid: str, notes: str, *, description: str = "The work.", sensitive: bool = False,
             access: tuple = (), status: str = "shortlisted", task_status: str = "hiring") -> str:
    """A plan with one fixed-price task and one candidate ``cid`` (named ``cid.title()``) on
    Upwork, well reviewed, with ``notes``."""
    return plan_runner.head(jobs=3, timezone="Europe/Zurich", rates=(40.0, 45.0, 50.0)) + task(
        "t", title, description=description, size="moderate", pricing="fixed", budget=2000.0, hours=45.0,
        status=task_status, sensitive_data=sensitive, access=list(access), marketplaces=["Upwork"]) + candidate(
        cid, cid.title(), bid=1900.0, rating=4.9, reviews=40, jobs=45, timezone="Europe/Zurich", status=status,
        notes=notes)
