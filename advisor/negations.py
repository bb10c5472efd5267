"""The negations the phrase matcher reads (:mod:`advisor.phrases`): the words that cancel a
red-flag phrase after them ("no upfront payment needed", "без предоплаты", "无需"), the phrases
that cancel one before them ("前払いは不要です", "prepayment is not needed"), how far each reaches,
and which categories each kind cancels. Data only, kept apart from the matcher so the long
multilingual lists are read and extended in one place; :mod:`advisor.phrases` folds them into
words as it splits any text (``NEGATIONS``)."""

from __future__ import annotations

#: Words after a negation in which a phrase does not count.
NEGATION_WINDOW = 4
#: Categories a negation anywhere before them in the clause cancels, however far: "I never put
#: client data into ChatGPT" is the honest answer, not an offer (a bare chatbot name is a phrase).
#: "She never pastes client files into ChatGPT" is no offer of machine output either (grading v19,
#: pharmacy: the best translator dropped on it).
CLAUSE_NEGATED = frozenset({"data_tool", "machine_work", "local_copy"})
#: The words that cancel a phrase after them, in their clause (:data:`NEGATION_WINDOW` words on).
NEGATION_WORDS = ({"no", "not", "never", "without", "nor", "neither", "t", "dont", "wont", "cant",
                       "nothing", "zero", "sin", "sans", "pas", "ohne", "kein", "keine", "nicht", "без", "не",
                       "nunca", "não", "jamais", "nie", "никогда", "δεν", "μην", "नहीं", "لا", "لن",
                       "sem", "bez", "ни", "ni", "nem", "无需", "不需要", "不用",
                       "nigdy", "ніколи", "jamás", "niemals", "asla", "hiçbir", "決して", "绝不", "從不", "从不",
                       # the languages of grading v25 ("нет предоплаты", "nije potreban avans", "χωρίς
                       # προκαταβολή", "ללא מקדמה", "بدون عربون", "बिना एडवांस", "brak zaliczki", "không cần
                       # đặt cọc", "tanpa DP", "無需預付", "ไม่ต้องมัดจำ"); not Polish "tak" (yes) nor a bare "免"
                       "нет", "немає", "нема", "nema", "ne", "nije", "није", "χωρίς", "לא", "אין", "בלי", "ללא",
                       "بدون", "دون", "بلا", "ولن", "ولا", "فلن", "فلا", "बिना", "brak", "không", "tidak", "tanpa", "gak", "nggak", "enggak",
                       "無需", "無須", "毋須", "毋需", "不必", "不收", "没有", "沒有", "nada", "ไม่ต้อง", "ไม่มี", "ไม่เก็บ",
                       "ไม่รับ", "ไม่ขอ",
                       # Thai "don't", "forbidden", "never" (grading v36 review, pet hotel: "กรุณาอย่าส่งรหัสผ่าน
                       # มาทาง LINE", please don't send passwords by LINE, read as asking for them)
                       "อย่า", "ห้าม", "ไม่เคย", "ไม่ใช้",
                       # not using a machine, said before it in Chinese and Korean ("不使用軟件轉換", "并非机翻",
                       # "자동 번역 안 씀" is after: POST_NEGATION_PHRASES); not a bare "非" ("非常" is "very")
                       "不使用", "不会用", "不會用", "不采用", "不採用", "并非", "並非", "而非", "绝不用", "絕不用",
                       # Greek "nothing / none" before the request (grading v27, crew: "τίποτα εκτός
                       # πλατφόρμας", nothing off the platform, dropped the best candidate)
                       "τίποτα", "τίποτε", "κανένα", "καμία", "καμιά", "ουδέν"})
#: Categories a negation AFTER the match cancels, in its clause: languages that negate after the
#: noun ("前払いは不要です", "ön ödeme yok", "선불은 필요 없습니다") and "prepayment is not needed".
#: Only the money, contact and login requests: "upfront payment is not negotiable" stays a flag
#: because only these set phrases (never a bare "not") count (grading v18, flashcards).
#: ``in_escrow`` too: "безопасная сделка не нужна" keeps no money in escrow; and ``machine_work``:
#: "機械翻訳は使いません" uses no machine (grading v26, kimono).
POST_NEGATED = frozenset({"upfront", "payment", "off_platform", "credentials", "chat_channel", "bank_channel",
                          "in_escrow", "machine_work", "local_copy"})
POST_NEGATION_PHRASES = (
    "not needed", "not required", "not necessary", "isn t needed", "isn t required", "isn t necessary",
    "is not needed", "is not required", "no need", "not asked", "never asked", "not requested",
    "不要", "いりません", "要りません", "必要ありません", "必要ない", "必要なし", "なし", "無し",
    "いただきません", "いただいておりません", "求めません", "頂きません", "不需要", "无需", "不用",
    "필요 없", "필요없", "받지 않", "요구하지 않",
    "yok", "gerekmez", "gerekmiyor", "gerekli değil", "istemiyorum", "istemem", "almıyorum", "almam",
    "no es necesario", "no es necesaria", "no necesario", "no hace falta", "no se requiere", "no requerido", "no pido",
    "não é necessário", "não é necessária", "não necessário", "não precisa", "dispensado", "não peço",
    "pas nécessaire", "n est pas nécessaire", "pas besoin", "inutile",
    "nicht nötig", "nicht notwendig", "nicht erforderlich", "entfällt",
    "не нужна", "не нужно", "не нужен", "не требуется",
    # refusals after the words ("パスワードは送らないでください", "şifreyi göndermeyin"): advisor.refusals
    "送らないで", "教えないで", "共有しないで", "보내지 마", "알려주지 마", "göndermeyin", "paylaşmayın", "vermeyin",
    # the languages of grading v25 ("предоплату не беру", "avans nije potreban", "προκαταβολή δεν
    # χρειάζεται", "מקדמה לא נדרשת", "एडवांस नहीं चाहिए", "zaliczka nie jest potrzebna", "đặt cọc
    # không cần", "DP tidak perlu", "訂金不收")
    "не беру", "не прошу", "не требую", "не обязательна", "не нужны", "нет",
    "не потрібна", "не потрібно", "не потрібен", "не вимагаю", "немає",
    "није потребан", "није потребна", "није потребно", "nije potreban", "nije potrebna", "nije potrebno",
    "не тражим", "ne tražim", "не узимам", "ne uzimam", "нема", "nema",
    "δεν χρειάζεται", "δεν απαιτείται", "δεν ζητάω", "δεν ζητώ", "δεν είναι απαραίτητη", "δεν είναι απαραίτητο",
    "לא נדרשת", "לא נדרש", "לא צריך", "לא צריכה", "לא נדרשים",
    "غير مطلوب", "غير مطلوبة", "غير ضروري", "غير ضرورية", "لا يلزم", "ليس مطلوبا", "أبداً", "أبدا", "ابدا",
    "नहीं चाहिए", "की ज़रूरत नहीं", "ज़रूरत नहीं", "जरूरत नहीं", "नहीं लेता", "नहीं लेते", "नहीं लेती",
    "nie jest potrzebna", "nie jest potrzebny", "nie jest wymagana", "nie jest wymagany", "niepotrzebna",
    "niepotrzebny", "nie pobieram", "nie biorę", "nie wymagam", "nie trzeba",
    "không cần", "không yêu cầu", "không bắt buộc", "không thu",
    "tidak perlu", "gak perlu", "nggak perlu", "tidak diperlukan", "tidak wajib", "tidak ada",
    "ไม่ต้อง", "ไม่จำเป็น", "不需", "無需", "無須", "毋須", "不收", "免收", "不用付", "no cobro", "não cobro",
    # a refusal said after what it refuses in the Slavic languages (grading v26, watchmaker: "вне
    # платформы не работаю и переводы на карту не принимаю", the best developer dropped on it)
    "не работаю", "не принимаю", "не надо", "не соглашаюсь", "не пользуюсь",
    "не працюю", "не приймаю", "не треба", "не прошу", "не погоджуюсь",
    "не радим", "ne radim", "не примам", "ne primam", "не треба", "ne treba", "не прихватам", "ne prihvatam",
    "ne prihvaćam", "ne trebam",
    "не работя", "не приемам", "не ми трябва", "не е нужно",
    "nie pracuję", "nie przyjmuję", "nie potrzebuję", "nie proszę", "nie akceptuję",
    "nepracuji", "nepracuju", "nepřijímám", "nepotřebuji", "nepotřebuju", "není potřeba", "není nutné",
    "nežádám", "nechci",
    # a machine not used, said after it ("機械翻訳は使いません", "자동 번역은 사용하지 않습니다",
    # "机翻不用", "machine translation is never used")
    "使いません", "使用しません", "使っていません", "使わない", "使用せず", "使わず", "사용하지 않", "쓰지 않", "안 씁", "안 써",
    "不用", "不使用", "not used", "never used", "is not used", "isn t used",
    # files not copied, said after where ("kendi bilgisayarıma indirmem", "на свой ноутбук не скачиваю")
    "indirmem", "indirmiyorum", "indirmeyeceğim", "kopyalamam", "kaydetmem", "не скачиваю", "не скачаю",
    "не копирую", "не сохраняю", "не храню", "не завантажую", "nie pobieram", "nie kopiuję", "não baixo", "no descargo",
)
#: Words after a match in which a post-negation counts (characters in a script without spaces).
POST_NEGATION_WINDOW = 6
