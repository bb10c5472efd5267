"""Round 31 (grading v33 review): what a candidate says in their own language about who does the
work, the logins and codes they ask for, and who keeps the code, the rights and the accounts.

The review missed three notes: a hired freelancer's "बाकी काम मेरा भांजा अमन करेगा, मैं सिर्फ़ चेक
करूँगा ... Google एडमिन लॉगिन और WhatsApp Business वाला OTP भी भेज दीजिए" (his nephew does the work on
the hire's account, and wants the admin login and the OTP), "Исходный код остаётся моей
собственностью ... Передача исходников и авторских прав — плюс 30% к цене ... могу начать 4 января"
(the code kept, its handover priced on top, a start in January), and an agency's "广告账户统一用我们公司
的企业账户开设 ... 合约结束后，广告账户及数据归我们公司所有" (the ad accounts in the agency's own company
account, theirs after the contract). The lists now hold these structures in many languages, and
stay quiet on the denials beside them ("the code is yours", "no OTP needed", "I do all the work
myself"), on a developer building OTP login, and on the owner's own "our" in the interview notes."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from advisor.phrasecontext import in_context
from advisor.phrases import matcher
from advisor.rules.ownership import kept
from advisor.rules.ownplan import own_leave, own_start

TODAY = date(2026, 12, 7)


def cats(text: str) -> tuple[str, ...]:
    return in_context(matcher().find(text), text, None).categories


# -- the three notes of the review ------------------------------------------------------------------

def test_the_hindi_note_hands_the_work_to_a_nephew_and_asks_for_the_admin_login_and_otp():
    text = ("सर, इस हफ़्ते से ऐप का बाकी काम मेरा भांजा अमन करेगा, मैं सिर्फ़ चेक करूँगा। उसे अकादमी का Google एडमिन "
            "लॉगिन और WhatsApp Business वाला OTP भी भेज दीजिए, ताकि वो सीधे काम कर सके। घंटे मेरे ही अकाउंट से बिल होंगे।")
    found = matcher().find(text)
    assert {"substitution", "credentials"} <= set(found.categories)
    assert any("भांजा" in q for q in found.quotes["substitution"])
    assert any("OTP" in q for q in found.quotes["credentials"])


def test_the_russian_note_keeps_the_code_and_prices_its_handover():
    text = ("Исходный код остаётся моей собственностью, вы получаете бессрочную лицензию на использование. "
            "Передача исходников и авторских прав — плюс 30% к цене. До 3 января в отпуске, могу начать 4 января.")
    assert {"keeps_code", "keeps_rights"} <= set(cats(text))
    assert own_start(text, TODAY) == (date(2027, 1, 4), "могу начать 4 января")
    assert own_leave(text, TODAY) is None  # not "away from 4 January": that is the start, after a comma


def test_the_chinese_agency_keeps_the_ad_accounts():
    text = ("为方便管理，广告账户统一用我们公司的企业账户开设；广告费请于每月初预付到我们公司账户，由我们代付给平台。"
            "合约结束后，广告账户及数据归我们公司所有。")
    assert {"keeps_accounts", "upfront"} <= set(cats(text))


# -- each structure in several languages ---------------------------------------------------------

@pytest.mark.parametrize("text, category", [
    # a relative, friend or assistant doing the work
    ("My nephew Aman will do the rest, I will only check their work.", "substitution"),
    ("From Monday my cousin will take over the app.", "substitution"),
    ("The screens will be done by my assistant.", "substitution"),
    ("ऐप का काम मेरी बहन प्रिया करेगी।", "substitution"),                          # hi
    ("एंट्री का काम मेरे ऑफिस के लड़के करेंगे, मैं सिर्फ़ चेक करूँगा।", "substitution"),
    ("Остальное сделает мой племянник.", "substitution"),                        # ru
    ("Мій племінник Андрій зробить решту.", "substitution"),                     # uk
    ("Resztę zrobi mój bratanek.", "substitution"),                               # pl
    ("O resto meu sobrinho vai fazer.", "substitution"),                          # pt
    ("Lo hará mi sobrino, yo solo superviso.", "substitution"),                   # es
    ("Mon neveu fera le reste.", "substitution"),                                  # fr
    ("Den Rest übernimmt mein Neffe.", "substitution"),                           # de
    ("Il resto lo farà mio nipote.", "substitution"),                             # it
    ("Ο ανιψιός μου θα κάνει το υπόλοιπο.", "substitution"),                      # el
    ("Kalan işi yeğenim yapacak.", "substitution"),                               # tr
    ("האחיין שלי יעשה את השאר.", "substitution"),                                 # he
    ("سيقوم ابن أخي بإكمال العمل.", "substitution"),                              # ar
    ("剩下的工作由我侄子来做，我只负责检查。", "substitution"),                        # zh-Hans
    ("其餘部分我姪子負責。", "substitution"),                                        # zh-Hant
    ("残りは甥が担当します。", "substitution"),                                      # ja
    ("나머지는 조카가 작업합니다.", "substitution"),                                 # ko
    ("ส่วนที่เหลือหลานจะทำให้ครับ", "substitution"),                                   # th
    ("Phần còn lại cháu tôi sẽ làm.", "substitution"),                            # vi
    ("Sisanya dikerjakan oleh keponakan saya.", "substitution"),                  # id
    ("Ang pamangkin ko ang gagawa ng natitira.", "substitution"),                 # tl
    # a one-time code or the admin login asked for
    ("Please send me the OTP you receive on WhatsApp.", "credentials"),
    ("Also share the admin credentials for the dashboard.", "credentials"),
    ("उसे OTP भेज दीजिए।", "credentials"),                                        # hi
    ("Продиктуйте код из СМС, пожалуйста.", "credentials"),                      # ru
    ("Надішліть код з SMS.", "credentials"),                                      # uk
    ("Podaj kod z SMS, proszę.", "credentials"),                                  # pl
    ("Me passa o código do SMS.", "credentials"),                                 # pt
    ("Pásame el código del SMS.", "credentials"),                                 # es
    ("Envoyez-moi le code reçu par SMS.", "credentials"),                         # fr
    ("Schicken Sie mir den Code aus der SMS.", "credentials"),                    # de
    ("Mi servono le credenziali di amministratore.", "credentials"),             # it
    ("Στείλτε μου τον κωδικό που θα λάβετε.", "credentials"),                     # el
    ("Telefonunuza gelen kodu bana iletin.", "credentials"),                      # tr
    ("שלחו את קוד האימות שקיבלת.", "credentials"),                                # he
    ("أرسل لي رمز التحقق من فضلك.", "credentials"),                               # ar
    ("请把验证码发给我。", "credentials"),                                            # zh-Hans
    ("請把驗證碼發給我。", "credentials"),                                            # zh-Hant
    ("届いた認証コードを教えてください。", "credentials"),                           # ja
    ("받으신 인증번호를 알려주세요.", "credentials"),                                # ko
    ("ช่วยส่ง OTP ให้หน่อยครับ", "credentials"),                                     # th
    ("Anh gửi mã OTP cho em nhé.", "credentials"),                                # vi
    ("Tolong kirim kode OTP-nya.", "credentials"),                                # id
    ("Pakihantar kod TAC.", "credentials"),                                       # ms
    ("Ipadala ang OTP sa akin.", "credentials"),                                  # tl
    # the code kept, or its handover priced on top
    ("The source code remains our property.", "keeps_code"),
    ("Source code transfer is extra (+30%).", "keeps_code"),
    ("Kod pozostaje naszą własnością.", "keeps_code"),                            # pl
    ("El código fuente es nuestro.", "keeps_code"),                               # es
    ("Der Quellcode bleibt bei uns.", "keeps_code"),                              # de
    ("Kaynak kod bizde kalır.", "keeps_code"),                                    # tr
    ("源代码归我们所有。", "keeps_code"),                                            # zh
    ("ソースコードは弊社に帰属します。", "keeps_code"),                                # ja
    # what is made said to remain theirs
    ("All designs remain our property.", "keeps_rights"),
    ("Os layouts continuam sendo nossa propriedade.", "keeps_rights"),            # pt
    ("Les maquettes restent notre propriété.", "keeps_rights"),                   # fr
    ("I file restano di nostra proprietà.", "keeps_rights"),                      # it
    ("Τα σχέδια παραμένουν ιδιοκτησία μας.", "keeps_rights"),                     # el
    ("העיצובים נשארים בבעלותנו.", "keeps_rights"),                                # he
    ("التصاميم تبقى ملكنا.", "keeps_rights"),                                     # ar
    ("Desainnya tetap milik kami.", "keeps_rights"),                              # id
    ("Thiết kế thuộc sở hữu của chúng tôi.", "keeps_rights"),                     # vi
    ("디자인 소유권은 저희에게 있습니다.", "keeps_rights"),                           # ko
    ("Права остаются за нами, передача прав за доплату.", "keeps_rights"),        # ru
    ("Права залишаються за нами.", "keeps_rights"),                               # uk
    # accounts opened under, or belonging to, the agency
    ("Ad accounts are opened under our agency account.", "keeps_accounts"),
    ("After the contract the ad accounts belong to us.", "keeps_accounts"),
    ("Рекламные кабинеты остаются у нас.", "keeps_accounts"),                     # ru
    ("As contas ficam com a agência.", "keeps_accounts"),                         # pt
    ("Las cuentas quedan con nosotros.", "keeps_accounts"),                       # es
    ("Die Konten bleiben bei uns.", "keeps_accounts"),                            # de
    ("Reklam hesabı bizim adımıza açılır.", "keeps_accounts"),                    # tr
    ("廣告帳戶歸我們所有。", "keeps_accounts"),                                       # zh-Hant
    ("広告アカウントは弊社で開設します。", "keeps_accounts"),                          # ja
])
def test_each_structure_is_read_in_the_candidates_language(text, category):
    assert category in cats(text), (text, cats(text))


# -- harmless look-alikes ------------------------------------------------------------------------

FLAGS = {"substitution", "credentials", "keeps_code", "keeps_rights", "keeps_accounts", "upfront"}


@pytest.mark.parametrize("text", [
    # denials and the client owning everything
    "The code is yours.",
    "所有代码归您所有。",
    "Код полностью ваш.",
    "Исходный код остаётся вашей собственностью.",
    "All code, ad accounts and data remain your property, registered under your company account.",
    "广告账户用贵司的企业账户开设，合约结束后账户及数据归贵司所有。",
    "El código fuente es suyo y las cuentas quedan a su nombre.",
    "Der Quellcode gehört Ihnen.",
    # doing the work themselves
    "I do all the work myself, no subcontracting.",
    "मैं सारा काम खुद करूँगा।",
    "Всю работу делаю сам, без субподряда.",
    "I will do the rest after your feedback.",
    "The rest will be done by Friday.",
    "My nephew's wedding is on Friday, so I will reply on Monday.",
    "मेरे भांजे की शादी है, सोमवार से काम करूँगा।",
    "I will check it tonight and send the files.",
    "मैं कल सारी फाइलें चेक करूँगा और भेज दूँगा।",
    # logins and codes refused, or the work itself
    "I never ask for passwords.",
    "No OTP needed: you add me as a user.",
    "OTP की ज़रूरत नहीं है।",
    "I'll integrate OTP verification via Twilio for your customers.",
    "The source code you receive will be clean and documented.",
    "Please send me the code from your current repository.",
    "Сделаю вход по коду из СМС для ваших клиентов.",
    "בונה על האחסון שלכם ומוסרת גישת מנהל ותבנית בת.",   # hands over the admin access: a good sign
    "Tôi sẽ bàn giao tài khoản quản trị cho anh khi xong.",
    "À la livraison, je vous remets l'accès administrateur.",
    "我会实现短信验证码登录功能。",
    # payment into their account is no account of yours kept
    "请把款项付到我们公司账户。",
])
def test_harmless_notes_raise_none_of_these_flags(text):
    assert not FLAGS & set(cats(text)), (text, cats(text))


def test_the_owners_own_our_in_the_interview_notes_keeps_nothing():
    """The owner's "our company account" is the business speaking; the same words in the
    candidate's notes are the agency's."""
    task = SimpleNamespace(creates_ip=True, title="Meta ads for the academy", description="", acceptance="", skills=())
    said = "Ad accounts are opened under our company account."

    def person(notes: str, interview: str) -> SimpleNamespace:
        return SimpleNamespace(status="interviewed", agreements=(), notes=notes,
                               interview=SimpleNamespace(notes=interview))

    owner = person("Runs Meta ads for schools.", "Told them: " + said)
    agency = person(said, "Good call.")
    for c in (owner, agency):
        found = matcher().find(f"{c.notes}\n{c.interview.notes}")
        assert "keeps_accounts" in found.categories
    assert kept(matcher().find(f"{owner.notes}\n{owner.interview.notes}"), owner, task) == {}
    assert "keeps_accounts" in kept(matcher().find(f"{agency.notes}\n{agency.interview.notes}"), agency, task)


# -- a start dated with a month's name -----------------------------------------------------------

@pytest.mark.parametrize("notes", [
    "могу начать 4 января",
    "Можу почати 4 січня.",
    "Mogę zacząć 4 stycznia.",
    "Posso começar em 4 de janeiro.",
    "Puedo empezar el 4 de enero.",
    "Je peux commencer le 4 janvier.",
    "Ich kann ab dem 4. Januar starten.",
    "Posso iniziare il 4 gennaio.",
    "Μπορώ να ξεκινήσω στις 4 Ιανουαρίου.",
    "4 Ocak'ta başlayabilirim.",
    "Saya bisa mulai 4 Januari.",
    "Tôi có thể bắt đầu từ ngày 4 tháng 1.",
])
def test_a_start_with_a_month_named_in_the_candidates_language_is_read(notes):
    got = own_start(notes, TODAY)
    assert got is not None and got[0] == date(2027, 1, 4), (notes, got)


@pytest.mark.parametrize("notes", [
    "Ich bin im Urlaub ab dem 20. Dezember.",            # a leave, not a start
    "4 Ocak'a kadar tatildeyim.",                         # until 4 January
    "Могу начать через 2 недели, 15 января сдам.",       # the date is a delivery, past a comma
    "Puedo empezar el 30 de febrero.",                    # no such day
    "Сдам 4 января.",                                     # no start word
])
def test_a_month_named_without_a_start_is_no_start(notes):
    assert own_start(notes, TODAY) is None



# -- an offshore base doing the work, the owner's records copied to test with (judo-members) --------

def test_an_offshore_base_and_a_copy_of_the_members_data_are_read():
    from advisor.phrases import matcher

    got = matcher().find("弊社が窓口となり、実際の開発はベトナムのオフショア拠点（ハノイ）が担当いたします。"
                         "テストのため、会員データ（Excel）を開発環境にコピーして使用します。")
    assert {"substitution", "real_data"} <= set(got.categories)
    calm = matcher().find("テストはダミーデータで行い、開発は私一人で担当します。")
    assert "substitution" not in calm.categories and "real_data" not in calm.categories


# -- the twenty-eighth review (grading v35): a chat app as a feature, accounts and raw files kept --

@pytest.mark.parametrize("notes, category, found", [
    ("WhatsApp के लिए सिर्फ़ click-to-chat लिंक, कोई API खर्च नहीं।", "chat_channel", False),  # a feature of the work
    ("I will add a WhatsApp button to the site.", "chat_channel", False),
    ("Message me on WhatsApp and I will send the link.", "chat_channel", True),  # a contact, whatever the link
    ("स्क्रिप्ट मेरे Google अकाउंट पर चलेगी ताकि आपकी तरफ़ से गलती से कुछ न बिगड़े।", "keeps_accounts", True),
    ("貼文會發在我自己的小紅書帳號(3.2萬粉絲),帳號與粉絲歸我。", "keeps_accounts", True),
    ("发布在贵品牌账号;所有照片、视频和文案版权归贵公司,原图全部交付。", "keeps_accounts", False),
    ("原始照片不提供。", "keeps_rights", True),
    ("सोर्स कोड नहीं दिया जाएगा।", "keeps_code", True),
    ("सोर्स कोड और डॉक्यूमेंटेशन दिया जाएगा।", "keeps_code", False),
])
def test_the_twenty_eighth_reviews_notes_are_read_for_what_they_mean(notes, category, found):
    from advisor.phrasecontext import in_context
    from advisor.phrases import matcher

    got = in_context(matcher().find(notes), notes, "Upwork")
    assert (category in got.categories) == found, got


@pytest.mark.parametrize("notes, category", [
    ("בחודש דצמבר חלק מהעיבוד יתבצע על ידי צוות שותף שלנו בבנגלור כדי לעמוד בעומס.", "substitution"),
    ("Participant lists with dates of birth, emergency contacts and health notes (allergies, heart conditions).",
     "health_data"),
])
def test_a_partner_team_in_hebrew_and_participants_health_notes_are_read(notes, category):
    from advisor.phrases import matcher

    assert category in matcher().find(notes).categories


# -- the twenty-ninth review (grading v36) ------------------------------------------------------

@pytest.mark.parametrize("notes, category, found", [
    ("Από Δευτέρα 14/12 τις καμπάνιες θα τις αναλάβει ο συνεργάτης μου ο Νίκος.", "substitution", True),
    ("Непосредственно правки на сайте будет вносить наш стажёр, Олена проверит всё в конце.", "substitution", True),
    ("Θα του δώσω τους δικούς μου κωδικούς για το Business Manager σας.", "credentials", True),
    ("אשמח לעבוד ישירות — תעבירו לי בביט ונחסוך את העמלה של Upwork.", "off_platform", True),
    # refusals in Thai: "I don't need your admin password; please don't send passwords by LINE"
    ("ผมไม่ต้องใช้รหัสผ่านแอดมินหรือรหัสโฮสติ้งของคุณนะครับ กรุณาอย่าส่งรหัสผ่านมาทาง LINE", "credentials", False),
])
def test_the_twenty_ninth_reviews_notes(notes, category, found):
    from advisor.phrasecontext import in_context
    from advisor.phrases import matcher

    got = in_context(matcher().find(notes), notes, "Upwork")
    assert (category in got.categories) == found, got
    assert category not in (got.unsure or {}) or found, got  # a refusal is no question to ask either


def test_screen_reader_testing_is_no_voice_over_and_a_spaced_thousands_price_is_read():
    from advisor.phrases import matcher
    from advisor.plan.perunit import PRICE, amount
    from advisor.plan.model import Task
    from advisor.rules.judgements import task_words

    job = Task(id="a", title="Accessibility fixes", description="WCAG 2.0 AA; NVDA and VoiceOver testing.")
    assert "creator_content" not in task_words(job, matcher()).categories
    m = PRICE.search("Остальные схемы — по 45 000 CLP за каждую")
    assert amount(m.group(1) or m.group(2)) == 45000.0
    assert PRICE.search("I have 40 300 items") is None


# -- the thirtieth review (grading v37): refusals and a safe set-up read as red flags --------------

@pytest.mark.parametrize("notes, category, found", [
    # Arabic: "I will never ask for the password or the verification code. Payment through Upwork only."
    ("سأحتاج إلى ربط رقم واتساب الشركة بجهازي فقط، ولن أطلب كلمة المرور أو رمز التحقق أبداً. الدفع عبر Upwork فقط.",
     "credentials", False),
    ("أرسل لي كلمة المرور ورمز التحقق من فضلك.", "credentials", True),
    # Thai: "the shop pays the ad spend straight to Meta with its own card" is the safe set-up
    ("ทำงานในบัญชี Business Manager ของร้าน ค่าโฆษณาร้านจ่ายตรงกับ Meta ด้วยบัตรของร้าน", "off_platform", False),
    ("จ่ายตรงเข้าบัญชีผมนอกแพลตฟอร์มนะครับ", "off_platform", True),
])
def test_the_thirtieth_reviews_notes(notes, category, found):
    from advisor.phrasecontext import in_context
    from advisor.phrases import matcher

    got = in_context(matcher().find(notes), notes, "Upwork")
    assert (category in got.categories) == found, got
    assert found or category not in (got.unsure or {}), got
