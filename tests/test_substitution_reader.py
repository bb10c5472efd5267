"""Someone other than the hired or bidding person doing the work, read by what a sentence says
(advisor/substitution.py, advisor/substitution_words.toml): a helper and a take-over verb of one
language in one sentence, with no negation, no past, not the hire's own verb and not a review.

Each review added the exact sentence it found ("τις καμπάνιες θα τις αναλάβει ο συνεργάτης μου ο
Νίκος", "काम मेरा भांजा अमन करेगा", "Si Ate Joy muna ang sasagot ng mga tawag", "правки будет вносить
наш стажёр", "實際的資料搬移由我們合作的深圳外包團隊執行") and the next review's differed. The sentences
below are new ones, with other nouns and verbs than those five, per language group: each positive
is a note an owner must be told hands the work on; each negative is one they must not be told so.
"""

from __future__ import annotations

import time

import pytest

from advisor.plan.model import Candidate, Task
from advisor.phrasecontext import in_context
from advisor.phrases import matcher
from advisor.rules.judgements import candidate_words, task_words
from advisor.substitution import MAX_QUOTES, substitutes

POSITIVES = {
    "en": ["From Monday my niece Priya will be answering your support emails.",
           "The product photos will be edited by my cousin in Lagos.",
           "Our partner agency in Kraków is doing the backend integration.",
           "My trainee will step in while I am travelling.",
           "My colleague will make the banner edits by Friday."],
    "hi": ["अगले हफ़्ते से वेबसाइट का काम मेरी भतीजी सना संभालेगी।",
           "मेरा असिस्टेंट ग्राहकों के कॉल का जवाब देगा।",
           "डिज़ाइन का काम मेरा जूनियर कर रहा है।",
           "Coding ka kaam mera bhatija karega."],
    "zh": ["后台的数据录入会由我表妹负责。",
           "客服電話將由我們的實習生接聽。",
           "这次的视频剪辑交给我的合作伙伴来做。",
           "後續的維護工作由我們合作的外包公司處理。"],
    "ja": ["翻訳の仕上げは提携先の翻訳者が担当いたします。",
           "来週からはアシスタントが電話対応を行います。",
           "コーディングは後輩が進めます。"],
    "ko": ["다음 주부터 고객 응대는 제 여동생이 담당합니다.",
           "디자인 수정은 저희 인턴이 진행할 예정입니다.",
           "백엔드는 협력 업체에서 개발합니다."],
    "th": ["ตั้งแต่สัปดาห์หน้า น้องสาวของผมจะดูแลเพจให้",
           "งานออกแบบทั้งหมดเด็กฝึกงานของเราจะเป็นคนทำ",
           "หลานผมจะทำส่วนหลังบ้านให้ครับ"],
    "vi": ["Từ tuần sau, em gái tôi sẽ trả lời tin nhắn của khách.",
           "Phần thiết kế sẽ được thực hiện bởi cộng sự của tôi.",
           "Đồng nghiệp của tôi đang xử lý phần backend."],
    "id": ["Mulai minggu depan, desain akan dikerjakan oleh adik saya.",
           "Rekan kerja saya akan menangani integrasi pembayaran.",
           "Anak saudara saya akan uruskan akaun media sosial anda."],
    "tl": ["Ang pinsan ko ang hahawak ng Facebook page simula Lunes.",
           "Si Kuya Ben muna ang magpapatakbo ng mga ads.",
           "Gagawin ng katrabaho ko ang mga graphics."],
    "ru": ["Вёрстку сделает мой младший брат.",
           "На звонки будет отвечать наша ассистентка Ольга.",
           "Тексты для рассылки напишет наш практикант."],
    "uk": ["Дизайн банерів зробить мій колега Андрій.",
           "На дзвінки відповідатиме наша стажистка.",
           "Налаштування реклами візьме на себе мій партнер."],
    "pl": ["Grafiki do kampanii wykona mój kolega Marek.",
           "Od poniedziałku telefony będzie odbierać moja siostra.",
           "Wdrożeniem zajmie się nasz stażysta."],
    "pt": ["A edição dos vídeos vai ficar com o meu sobrinho.",
           "Nosso estagiário vai responder às mensagens dos clientes.",
           "O site será feito por uma parceira de confiança."],
    "es": ["La atención al cliente la llevará mi hermana Lucía.",
           "El diseño será realizado por una colega de confianza.",
           "Nuestro becario se encargará de subir los productos."],
    "fr": ["C'est mon associé qui s'occupera du référencement.",
           "Ma sœur répondra aux appels le week-end.",
           "Mon apprenti prendra en charge les retouches photo."],
    "de": ["Die Buchhaltung übernimmt ab Januar meine Kollegin Anna.",
           "Um die Anrufe kümmert sich mein Neffe.",
           "Die Texte werden von unserem Werkstudenten erstellt."],
    "it": ["Le grafiche le farà mio cugino Marco.",
           "Delle chiamate si occuperà la mia assistente.",
           "Il sito sarà realizzato da una collega."],
    "el": ["Τις φωτογραφίες θα τις κάνει ο αδερφός μου.",
           "Τα τηλέφωνα θα απαντά η βοηθός μου.",
           "Την ανάπτυξη αναλαμβάνει η συνάδελφός μου η Μαρία."],
    "tr": ["Sosyal medya hesaplarıyla kuzenim ilgilenecek.",
           "Telefonlara stajyerimiz bakacak.",
           "Kodlamayı iş arkadaşım Emre yapacak."],
    "he": ["את העיצוב תעשה האחיינית שלי.",
           "המתמחה שלנו יענה לטלפונים.",
           "את הקמפיינים ינהל השותף שלי."],
    "ar": ["سيتولى زميلي أحمد إدارة الحملات.",
           "ستقوم أختي بالرد على المكالمات.",
           "سيتم تنفيذ التصميم بواسطة المتدرب لدينا."],
}

NEGATIVES = {
    "en": ["Don't worry, no intern will handle your account.",  # a negation in the sentence
           "My colleague reviews my code before every release.",  # reviewing is no take-over
           "The campaigns will be reviewed by my colleague.",
           "My brother built our first site in 2019.",  # the past: a story
           "I will handle everything myself; my sister only answers the door.",  # the hire's own verb
           "I'll build an AI assistant that will answer customer questions.",  # a thing, no person
           "Your assistant will handle the approvals on your side.",  # the owner's own people
           "I am a junior developer and will handle the checkout myself.",  # themselves ("checkout" is no check)
           "My wife will make sure I am online every evening."],
    "hi": ["मेरा भांजा इस प्रोजेक्ट पर काम नहीं करेगा, सारा काम मैं खुद करूँगा।",
           "मेरा सहकर्मी सिर्फ़ कोड चेक करेगा।"],
    "zh": ["所有工作都由我自己完成，不会交给实习生。",
           "我的同事负责检查代码。",
           "去年我弟弟做了我们的第一个网站。"],
    "ja": ["同僚が担当することはありません。",
           "同僚がチェックを担当します。",
           "去年、弟が最初のサイトを担当しました。"],
    "ko": ["인턴이 작업할 일은 절대 없을 것입니다.",
           "동료가 코드 검수를 진행합니다.",
           "작년에 사촌이 첫 사이트를 작업했습니다."],
    "th": ["ผู้ช่วยจะทำงานนี้ไม่ได้",
           "ผมจะทำเองทั้งหมด เพื่อนร่วมงานแค่ตรวจงาน",
           "ปีที่แล้วพี่ชายเคยทำเว็บให้ร้าน"],
    "vi": ["Không có thực tập sinh nào sẽ làm dự án này.",
           "Tôi sẽ làm toàn bộ, đồng nghiệp chỉ kiểm tra.",
           "Năm ngoái anh trai tôi đã làm trang web đầu tiên."],
    "id": ["Tidak ada asisten yang mengerjakan proyek ini, semua saya kerjakan sendiri.",
           "Saya akan mengerjakan semuanya, rekan saya hanya mengecek.",
           "Tahun lalu sepupu saya sudah membuat situs pertama kami."],
    "tl": ["Hindi hahawak ang pamangkin ko ng account mo.",
           "Ako ang gagawa ng lahat, titingnan lang ng kapatid ko."],
    "ru": ["Ни один стажёр не будет работать с вашим проектом.",
           "Мой коллега будет заниматься только проверкой.",
           "В прошлом году брат сделал наш первый сайт."],
    "uk": ["Жоден стажер не буде працювати над вашим сайтом.",
           "Мій колега лише перевірить тексти."],
    "pl": ["Żaden podwykonawca nie zrobi tego za mnie.",
           "Mój kolega zajmie się tylko sprawdzeniem tekstów."],
    "pt": ["Nenhum estagiário vai fazer parte do trabalho.",
           "Meu colega vai fazer só a revisão final."],
    "es": ["Ningún becario hará el trabajo, lo hago yo.",
           "Mi compañero hará solo la revisión."],
    "fr": ["Aucun sous-traitant ne fera ce travail.",
           "Mon collègue fera seulement la relecture."],
    "de": ["Kein Praktikant übernimmt Ihr Projekt.",
           "Mein Bruder hat damals unsere erste Website erledigt.",
           "Mein Kollege übernimmt nur die Prüfung."],
    "it": ["Nessuno stagista farà il lavoro.",
           "Mia sorella farà solo il controllo finale."],
    "el": ["Κανένας ασκούμενος δεν θα κάνει τη δουλειά.",
           "Ο συνεργάτης μου θα κάνει μόνο τον έλεγχο."],
    "tr": ["Bu işi stajyerim yapacak değil, ben yapacağım.",
           "Kardeşim sadece kontrolü yapacak."],
    "he": ["אף מתמחה לא יעשה את העבודה.",
           "הקולגה שלי יעשה רק בדיקה של הקוד."],
    "ar": ["لا، زميلي لن يتولى المشروع.",
           "سيقوم زميلي بمراجعة الكود فقط."],
}


@pytest.mark.parametrize("text", [t for ts in POSITIVES.values() for t in ts])
def test_a_helper_taking_over_is_read(text):
    said = substitutes(text)
    assert said, text
    assert all(q in " ".join(text.split()) for q in said)  # quoted as written


@pytest.mark.parametrize("text", [t for ts in NEGATIVES.values() for t in ts])
def test_a_denial_a_review_a_story_or_the_hires_own_work_is_not_read(text):
    assert substitutes(text) == ()


def test_every_language_group_has_its_positives_and_negatives():
    assert set(POSITIVES) == set(NEGATIVES)
    assert len(POSITIVES) == 21
    assert all(len(POSITIVES[k]) >= 3 and len(NEGATIVES[k]) >= 2 for k in POSITIVES)


@pytest.mark.parametrize("text, helper, verb", [
    ("τις καμπάνιες θα τις αναλάβει ο συνεργάτης μου ο Νίκος", "συνεργάτης", "αναλάβει"),
    ("सर, इस हफ़्ते से ऐप का बाकी काम मेरा भांजा अमन करेगा, मैं सिर्फ़ चेक करूँगा।", "भांजा", "करेगा"),
    ("Si Ate Joy muna ang sasagot ng mga tawag gamit ang account ko.", "Ate", "sasagot"),
    ("правки на сайте будет вносить наш стажёр", "стажёр", "будет вносить"),
    ("實際的資料搬移由我們合作的深圳外包團隊執行", "外包團隊", "執行"),
])
def test_the_reviews_sentences_are_read_with_the_helper_and_the_verb_quoted(text, helper, verb):
    (said,) = substitutes(text)
    assert helper in said and verb in said
    found = in_context(matcher().find(text), text, None)
    assert "substitution" in found.categories


def test_a_disclosed_translator_partner_is_read_and_one_named_in_the_proposal_is_left_to_the_contract():
    # the owner must approve a partner doing a part (key-person-substituted, "meet whoever will do the work")
    assert substitutes("The Japanese part will be translated by my partner Keiko.")
    # named in what the owner signs: a contract step (blind-v17 yacht-translations' label), not read here
    assert substitutes("The Arabic is done by my long-time partner Dr. Samir Aziz (sworn translator, Amman), "
                       "named in my proposal; he signs the same NDA.") == ()


def test_an_agencys_own_team_is_no_one_else_but_a_freelancers_team_is():
    text = "Our team will handle the whole migration."
    assert substitutes(text) and substitutes(text, agency=False)
    assert substitutes(text, agency=True) == ()
    agency = Candidate(id="a", name="North Studio", kind="agency", notes=text)
    freelancer = Candidate(id="f", name="Ola", kind="freelancer", notes=text)
    assert "substitution" not in candidate_words(agency, matcher()).categories
    assert "substitution" in candidate_words(freelancer, matcher()).categories
    # an agency's subcontractor is someone else whoever writes it
    assert substitutes("A subcontractor in Manila will handle the data entry.", agency=True)


def test_the_owners_own_staff_in_a_tasks_text_is_not_read():
    text = "Our interns will answer the phone after 17:00."
    assert substitutes(text)  # in a freelancer's notes: their interns on your phone
    task = Task(id="t", title="Reception cover", description=text)
    assert "substitution" not in task_words(task, matcher()).categories  # in the task: the owner's own


def test_a_candidates_notes_join_the_substitution_category_with_the_phrases_quotes_kept():
    text = "Mi colega hace los planos. La atención al cliente la llevará mi hermana Lucía."
    c = Candidate(id="c", name="Rosa", kind="freelancer", notes=text)
    found = candidate_words(c, matcher())
    quotes = found.quotes["substitution"]
    assert quotes[0] == "Mi colega hace"  # the fixed phrase's quote stays first, as written
    assert any("hermana" in q and "llevará" in q for q in quotes)
    assert len(quotes) <= MAX_QUOTES


def test_a_long_note_is_read_in_bounded_time_and_quotes_at_most_three():
    text = " ".join(["I will handle the theme and the checkout myself."] * 3000
                    + ["My nephew will do the product uploads.", "Our intern is handling the photos.",
                       "My cousin will take over the blog.", "My wife will answer the emails."])
    start = time.perf_counter()
    said = substitutes(text)
    assert time.perf_counter() - start < 2.0
    assert len(said) == MAX_QUOTES and "nephew" in said[0]
