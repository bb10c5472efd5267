"""A part of the job priced per unit, and a quote for part of the quantity (grading v26).

- "थंबनेल अलग से ₹300 प्रति वीडियो" (thumbnails ₹300 per video on top) for a task of 40 videos:
  the part costs 40 x ₹300 = ₹12,000, added to the quote (:func:`unit_parts`, read by
  :func:`advisor.plan.scope.priced_parts`).
- "Η προσφορά αφορά τα πρώτα 1.000 προϊόντα. Για τα υπόλοιπα, 0,45 € ανά προϊόν" for 2,400
  products: the quote covers the first 1,000 (:func:`first_part`), the rest is (2,400 - 1,000) x
  €0.45 = €630 on top.
- A rate is no part: a price per hour, day, week, month or year ("€10/month hosting", "$25 per
  hour") is left alone, as before, and so is a share ("10%").
- A price per word, character or page ("每一千字 ¥4,000") is the size of the part, which only "the
  rest" of a stated quantity gives; a price per thing the task counts ("per video") takes the task's
  count of it (in English, its own noun in the task's words; in another language, the task's
  quantity: :func:`advisor.plan.quantity.task_quantity`). When the quantity cannot be worked out,
  the part stays unpriced (:func:`open_parts`: ``partial-scope`` then asks for the whole price),
  never silently whole.

Linear in the notes: each clause is scanned once by bounded regular expressions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from advisor.plan.money import SIGNS
from advisor.plan.quantity import task_quantity

MAX_CHARS = 4000
_CLAUSE = re.compile(r"(?:[^.!?;\n()\[\]。！？।]|\.(?=\d))+")
_DIGITS = (r"(\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"  # ₹1,50,000
           r"|\d{1,3}(?:[,.\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?"
           # "45 000 CLP", "300 000 ₽": a plain space between thousands (grading v36 review, yarn patterns)
           r"|\d{1,3}(?: \d{3})+(?=\s?(?:[A-Z]{3}\b|[" + SIGNS + r"]|руб|грн|тг|zł|Kč))|\d{1,9}(?:[.,]\d{1,2})?)")
#: ISO codes a price is written with, before or after the number.
_CODES = ("USD|EUR|GBP|AUD|CAD|NZD|MXN|INR|KRW|JPY|ILS|NIS|KZT|UAH|RUB|BRL|ARS|COP|CLP|PEN|PHP|IDR|MYR|SGD|HKD"
          "|TWD|CNY|RMB|AED|SAR|EGP|NGN|KES|ZAR|CHF|SEK|NOK|DKK|HUF|RON")
#: A price, its sign or code before ("₹300", "EUR 80") or after ("0,45 €", "5.000원", "20 zł").
PRICE = re.compile(r"(?:[A-Z]{1,2}\$|[" + SIGNS + r"]|\b(?:" + _CODES + r"|Rs\.?)\s?)\s?"
                   + _DIGITS + r"|(?<![\d.,])" + _DIGITS
                   + r"\s?(?:[" + SIGNS + r"]|원|円|元|zł|TL\b|đ|Kč|ש\"ח|ש״ח|руб\w*|грн\b|тг\b|บาท|\b(?:" + _CODES + r"|PLN|TRY|THB|VND|CZK)\b)")
#: "per", "each", "a piece" and their kin after a price ("₹300 प्रति वीडियो", "0,45 € ανά προϊόν",
#: "2 zł za sztukę", "5 € pro Stück", "50 บาทต่อชิ้น"), then an optional multiplier and the unit.
#: A letter of a word in any script (Devanagari and Thai vowel signs are no ``\\w``).
_L = r"[^\s\d.,;:!?/()\[\]，、。：；%" + SIGNS + r"\"'«»+\-]"
_MULT = r"(?:(\d{1,3}(?:[,.\u00a0]\d{3})*|一千|一百|一万|千|百|万|thousand|hundred|mil|tausend|тысяч[уи]?)\s*)?"
_AFTER = re.compile(r"\s*(?:/\s*|\bper\s+|\ba\s+(?=\w)|\ban\s+|प्रति\s*|ανά\s*|\bpor\s+|\bcada\s+"
                    r"|\bpro\s+|\bje\s+|\bpar\s+|\bl'|\bà\s+l[ae]\s+|每\s*|ต่อ\s*|\bmỗi\s+|\bal\s+"
                    r"|\bза\s+(?=кажд|кожн|кожен|штук|\d|тысяч|тисяч)(?:(?:кажд|кожн|кожен)\w*\s+)?"
                    r"|\bza\s+(?=każd|sztuk|\d|tysiąc)(?:każd\w+\s+)?"
                    # Hebrew "לכל", "ל־" before a unit ("150 ₪ לאודיוגרמה"); Arabic "لكل", "لل" (grading v30)
                    r"|לכל\s+|ל[-־]?(?=[\u05d0-\u05ea]{2})|لكل\s+|لل(?=[\u0621-\u064a]{2}))"
                    + _MULT + r"(" + _L + r"{1,20})", re.IGNORECASE)
#: "each", "apiece" after a price: per thing, the thing unnamed.
_EACH = re.compile(r"\s*(?:each\b|apiece\b|a piece\b|per piece\b|за штуку|cada uno|cada una|pro stück|je stück|"
                   r"par pièce|la pièce|l'unité|ανά τεμάχιο|το τεμάχιο|प्रति नग|एक का|za sztukę|每个|每個|一件|個あたり"
                   r"|ליחידה|ליח'|לכל אחד|לכל אחת|כל אחד|כל אחת|للقطعة|للوحدة|لكل واحد|لكل وحدة|لكل قطعة)",
                   re.IGNORECASE)
#: The unit before a price: "每一千字 ¥4,000", "개당 5,000원", "ürün başına 5 TL", "mỗi video 200.000đ".
_BEFORE = re.compile(r"(?:每\s*" + _MULT + r"(" + _L + r"{1,3}?)|(" + _L + r"{1,12}?)\s*(?:başına|당|ละ)|\bmỗi\s+" + _MULT
                     + r"(" + _L + r"{1,20})"
                     # "Για κάθε επιπλέον βίλα +60€", "for each additional villa $60", "za każdą dodatkową 50 zł"
                     r"|(?:για\s+)?κάθε\s+(?:επιπλέον\s+)?(" + _L + r"{1,20})"
                     r"|\b(?:for\s+)?each\s+(?:additional|extra|further)\s+(" + _L + r"{1,20})"
                     r"|\bza\s+każd\w+\s+(?:dodatkow\w+\s+)?(" + _L + r"{1,20}))\s*[:：,，]?\s*\+?\s*$", re.IGNORECASE)
#: Words after "per" that make the price a lump sum ("€200 por separado", "per la revisione", "pro Projekt").
_LUMP = frozenset("""the our your my this that la le il lo el los las les gli de del della di du des un una uno une ein
    eine der die das den separado separada aparte separate separately project projects job task order whole all
    everything total package set ensemble proyecto proyectos projekt projet progetto projeto проект έργο
    todo tudo tout alles""".split())
#: Units of time: a price per one is a rate, not a part ("€10/month", "$25 per hour", "20 €/Std").
_TIME = re.compile(r"(?:h|hrs?|hours?|hourly|days?|nights?|weeks?|months?|mo|years?|yr|annum|час\w*|дн\w*|день|сутки"
                   r"|недел\w+|месяц\w*|год|hora|horas|día|dias?|semanas?|mes|año|anos?|stunden?|std|tag|woche|monat"
                   r"|jahr|heures?|jour|semaine|mois|an|année|ώρα|ημέρα|μέρα|εβδομάδα|μήνα|χρόνο|घंटा|घंटे|दिन|हफ्ता"
                   r"|महीना|महीने|साल|小时|小時|时|天|日|周|週|月|年|時間|시간|일|주|월|년|ชั่วโมง|วัน|สัปดาห์|เดือน|ปี"
                   r"|giờ|ngày|tuần|tháng|năm|saat|gün|hafta|ay|yıl|godz\w*|dzień|tydzień|miesiąc\w*|rok|min|minutes?"
                   r"|שעה|שעות|יום|ימים|שבוע|חודש|שנה|דקה|ساعة|يوم|أسبوع|اسبوع|شهر|سنة)",
                   re.IGNORECASE)
#: Units of text size: a price per one needs the part's size ("per 1,000 characters").
_SIZE = re.compile(r"(?:words?|characters?|chars?|pages?|lines?|字|文字|字数|단어|자|글자|слов\w*|знак\w*|символ\w*"
                   r"|palabras?|wort|wörter|zeichen|mots?|caractères?|λέξη|λέξεις|χαρακτήρ\w*|शब्द|คำ|từ|kelime|karakter"
                   r"|słow\w*|znak\w*|cuvânt|parole|woord\w*)", re.IGNORECASE)
#: "the rest", "the remaining" and their kin: the quantity beyond the part the quote covers.
_REST = re.compile(r"\b(?:the )?rest\b|\bremaining\b|\bremainder\b|\bthe others\b|\brestlichen\b|\bübrigen\b|\bRest\b"
                   r"|остальн\w+|оставш\w+|решт\w+|υπόλοιπ\w+|\bresto\b|\brestantes?\b|\bdemás\b|\bdemais\b|\breste\b"
                   r"|\brestants?\b|\brestanti\b|\boverige\b|pozostał\w+|\breszt\w+|\bkalan\b|बाकी|बाक़ी|शेष|剩下|剩余|剩餘"
                   r"|其余|其餘|残り|나머지|ที่เหลือ|còn lại", re.IGNORECASE)
#: "Additional" beyond a quote's first N: the rest of the quantity, when the notes say "the first N".
_BEYOND = re.compile(r"\badditional\b|\bextra\b|\bfurther\b|επιπλέον|dodatkow\w*|дополнительн\w*|додатков\w*"
                     r"|\badicional\w*|\bzusätzlich\w*|\bweitere\w*|supplémentaire\w*|\bek\b|अतिरिक्त", re.IGNORECASE)
#: "the first 1,000", "τα πρώτα 1.000", "nur die ersten 500", "только первые 100", "前1000个".
_NUM = r"(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d{1,6})"
_FIRST = re.compile(r"(?:\bfirst|\bersten|\bпервы[еx]|\bперші|\bπρώτ(?:α|ους|ες|οι)|\bprimer[oa]s|\bprimeir[oa]s"
                    r"|\bprimi|\bprime|\beerste|\bpierwsz(?:e|ych)|\bilk|पहले|前|最初の|처음|첫)\s*"
                    + _NUM + r"(?!\s*(?:%|[,.]\d))\s*(" + _L + r"{0,30})"
                    r"|" + _NUM + r"\s*((?:" + _L + r"{1,30}\s*){0,2}?)(?:premiers|premières|แรก|đầu tiên)"
                    # the number before "first" in Greek's genitive: "των 6 πρώτων βιλών" (grading v28, villas)
                    r"|" + _NUM + r"\s*πρώτ\w*\s*(" + _L + r"{0,30})", re.IGNORECASE)
#: Words that make "the first N" the quote's own reach ("only", "the offer / the price covers").
#: Words that limit a quote to one thing ("only", "nur", "только", "בלבד"): read by :data:`_ONLY` and :data:`_LIMIT`.
_ONLY_WORDS = (r"\bonly\b|\bnur\b|только|лише|μόνο|\bsolo\b|\bsólo\b|\bapenas\b|\bsomente\b|\bseulement\b"
               r"|\buniquement\b|\balleen\b|\btylko\b|\bsadece\b|\byalnızca\b|सिर्फ़|सिर्फ|केवल|只|仅|僅|のみ|だけ"
               r"|เท่านั้น|\bchỉ\b|בלבד|\bרק\b|فقط")
_ONLY = re.compile(_ONLY_WORDS + r"|\bquote\b|\bprice\b|\boffer\b|\bbid\b|covers?\b|προσφορά|τιμή|αφορά|цена|предложени"
                   r"|\bprecio\b|presupuesto|\bAngebot\b|\bPreis\b|\bprix\b|\bdevis\b|报价|報價|見積|견적|가격|ราคา|\bgiá\b"
                   r"|fiyat|teklif|\bcena\b|\boferta\b|कीमत|दाम", re.IGNORECASE)
#: A clause that says the quote covers one thing only ("the price includes the trailer only",
#: "המחיר כולל את הטריילר בלבד"): a price per unit elsewhere in the notes is then a part on top
#: (grading v30, podcast: "אודיוגרמות 150 ₪ ליחידה" was 10 x ₪150 more).
_COVERS = re.compile(r"\binclud\w*|\bcovers?\b|\bquote\b|\bprice\b|\bbid\b|כולל|המחיר|ההצעה|يشمل|السعر|включа\w*"
                     r"|цена|стоимост\w*|включ\w*|περιλαμβάνει|τιμή|\bincluye\b|\bprecio\b|\binclui\b|\bpreço\b"
                     r"|\bcomprend\b|\bprix\b|\bumfasst\b|\benthält\b|\bPreis\b|包含|包括|价格|價格|含む|料金|포함|가격"
                     r"|รวม|ราคา|\bbao gồm\b|\bgiá\b|içer\w*|fiyat|obejmuje|\bcena\b|शामिल|कीमत", re.IGNORECASE)
_LIMIT = re.compile(_ONLY_WORDS + r"|\bjust\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]{3,}", re.IGNORECASE)
_CJK_MULT = {"一千": 1000, "千": 1000, "一百": 100, "百": 100, "一万": 10000, "万": 10000, "thousand": 1000,
             "hundred": 100, "mil": 1000, "tausend": 1000, "тысячу": 1000, "тысячи": 1000, "тысяч": 1000}




class UnitPrice(NamedTuple):
    """A price per unit in a clause: the price, the unit's word ("" for "each" or "a piece"), the
    multiplier ("per 1,000 characters": 1000), whether the unit is one of text size, and whether
    it is a rate (per hour, month, ...; a share: no part's price at all)."""

    price: float
    unit: str
    per: float
    size: bool
    rate: bool = False


def amount(digits: str) -> float:
    """A written amount: "1,000" and "1.000" are a thousand, "0,45" and "0.45" under one."""
    m = re.fullmatch(r"(.*?)[.,](\d{1,2})", digits)
    whole, cents = (m.group(1), m.group(2)) if m else (digits, "")
    value = float(re.sub(r"\D", "", whole) or 0)
    return value + (float(cents) / 10 ** len(cents) if cents else 0.0)


def _count(digits: str) -> float:
    return float(re.sub(r"\D", "", digits) or 0)


def _mult(text: str | None) -> float:
    if not text:
        return 1.0
    return float(_CJK_MULT.get(text.lower(), 0) or _count(text) or 1.0)


def _is_time(unit: str) -> bool:
    if unit and ord(unit[0]) >= 0x2E80:  # Chinese, Japanese, Korean: no spaces, the unit leads
        return bool(_TIME.match(unit))
    return bool(_TIME.fullmatch(unit))


_RATE = UnitPrice(0.0, "", 1.0, False, True)


def unit_price(clause: str, start: int, end: int, value: float) -> UnitPrice | None:
    """The price ``value`` written at ``clause[start:end]`` as a price per unit, :data:`_RATE`-like
    for a rate (per hour, month, year, a share), or None for a lump sum."""
    tail = clause[end:end + 40]
    if re.match(r"\s*%", tail):
        return _RATE
    if _EACH.match(tail):
        return UnitPrice(value, "", 1.0, False)
    got = _AFTER.match(tail)
    if got:
        mult, unit = got.group(1), got.group(2)
    else:
        got = _BEFORE.search(clause[max(0, start - 40):start])
        if not got:
            return None
        mult, unit = ((got.group(1), got.group(2)) if got.group(2) else (None, got.group(3)) if got.group(3)
                      else (got.group(4), got.group(5)) if got.group(5)
                      else (None, got.group(6) or got.group(7) or got.group(8)))
    if unit and "\u0e00" <= unit[0] <= "\u0e7f":  # Thai: "คิดเพิ่มคำละ 2 บาท" ends in its unit (คำ, a word)
        unit = next((u for u in _THAI_UNITS if unit.endswith(u)), unit)
    if unit.lower() in _LUMP:
        return None
    if _is_time(unit):
        return _RATE
    return UnitPrice(value, "" if unit.lower() in {"piece", "item", "unit", "one", "unidad", "stück", "штуку", "ชิ้น",
                                                    "อัน", "ตัว", "ใบ"} else unit,
                     _mult(mult), bool(_SIZE.match(unit)))


#: Thai units a price per one ends with ("รูปละ", per photo): the longest first; time units make a rate.
_THAI_UNITS = ("ชั่วโมง", "สัปดาห์", "รายการ", "สินค้า", "วิดีโอ", "เดือน", "นาที", "หน้า", "คลิป", "ภาพ", "รูป", "ชิ้น",
               "วัน", "คำ", "ปี", "อัน", "ตัว", "ใบ")


def clauses(text: str) -> list[str]:
    """The clauses of ``text``, split as :func:`advisor.plan.scope.clauses` splits them (so the two compare)."""
    return [c for s in _CLAUSE.findall((text or "")[:MAX_CHARS]) if (c := s.strip(" \t,、，"))]


def first_part(notes: str) -> tuple[str, float, str, int] | None:
    """(the clause, N, the unit's word, where "first" is in the clause) where the notes speak of "the first N" of something (not
    of a time: "the first 2 weeks" is a schedule), or None."""
    for s in clauses(notes):
        for m in _FIRST.finditer(s):
            unit = ((m.group(2) if m.group(1) else m.group(4) if m.group(3) else m.group(6)) or "").strip()
            if not (unit and _is_time(unit.split()[0])):
                return s, _count(m.group(1) or m.group(3) or m.group(5)), unit, m.start()
    return None


def _latin(text: str) -> bool:
    """Whether the words of ``text`` are in plain Latin letters (a currency sign aside: "₹200 per
    track" is English): only then are they compared with an English task's words."""
    return all(ch.isascii() for ch in _LETTERS.findall(text[:20_000]))


_LETTERS = re.compile(r"[^\W\d_]")


def _stem(word: str) -> str:
    w = word.lower()
    return (w[:-2] if w.endswith("es") and len(w) > 4 else w[:-1] if w.endswith("s") else w)[:5]


def _count_of(stems: set[str], task_text: str) -> float | None:
    """The largest count the task's words give a thing named by one of ``stems``: "40 videos",
    "40 recorded lectures", "2 rounds of revisions" (up to three words after the number)."""
    best = None
    for m in re.finditer(_NUM + r"((?:\s+[^\W\d_]{1,30}){1,3})", task_text[:20_000]):
        if m.start() and not task_text[m.start() - 1].isspace():
            continue  # "$1,200", "~7,000"
        if any(_stem(w) in stems for w in m.group(2).split()):
            n = _count(m.group(1))
            best = n if best is None else max(best, n)
    return best


def _same_thing(unit: str, task_text: str) -> bool:
    """Whether "the first N <unit>" counts what the task counts: in English, the task counts that
    noun; in another language (not comparable with an English task's words), yes."""
    word = unit.split()[-1] if unit.split() else ""
    if not word or not (_latin(word) and _latin(task_text)):
        return True
    return _count_of({_stem(word)}, task_text) is not None


#: A unit in the notes' language -> the English stems a task written in English counts it by
#: ("รูปละ 120 บาท" for a task of "120 photos"; "R$ 15 por minuto de vídeo" for "180 minutes in
#: all"; grading v33 review: a Thai and a Portuguese part-quote whose parts were priced per unit).
#: Matched at the start of the unit's word (Thai and CJK: anywhere in it: no spaces).
UNIT_STEMS: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("minut", "минут", "хвилин", "λεπτ", "dakika", "phút", "मिनट", "นาที", "分钟", "分鐘", "분"),
     frozenset({"minut"})),
    (("foto", "фото", "φωτογραφ", "fotoğraf", "ảnh", "फ़ोटो", "फोटो", "รูป", "ภาพ", "照片", "图片", "圖片", "写真", "画像",
      "사진", "imagen", "imagem", "immagin", "bild"), frozenset({"photo", "image", "pictu", "pic", "shot"})),
    (("vídeo", "video", "видео", "відео", "βίντεο", "वीडियो", "วิดีโอ", "คลิป", "视频", "視頻", "影片", "動画", "영상", "동영상"),
     frozenset({"video", "clip"})),
    (("produ", "товар", "προϊόν", "ürün", "sản phẩm", "उत्पाद", "สินค้า", "产品", "產品", "商品", "상품", "artikel", "artícul",
      "artigo", "articl"), frozenset({"produ", "item", "sku", "listi", "artic"})),
    (("diagram", "डायग्राम", "диаграмм", "схем", "διάγραμμ", "แผนภาพ", "图表", "圖表", "図", "도표", "다이어그램"),
     frozenset({"diagr", "figur", "chart"})),
    (("página", "pagin", "page", "seite", "страниц", "σελίδ", "sayfa", "trang", "पेज", "หน้า", "页", "頁", "ページ",
      "페이지"), frozenset({"page"})),
)


def unit_stems(unit: str) -> frozenset[str]:
    """The English stems of ``unit`` (:data:`UNIT_STEMS`); empty when it is none of them."""
    u = unit.lower()
    for forms, stems in UNIT_STEMS:
        if any((f in u) if _unspaced(f) else u.startswith(f) for f in forms):
            return stems
    return frozenset()


def _unspaced(word: str) -> bool:
    """Thai, Chinese, Japanese, Korean: written without spaces, so the unit may sit inside a longer run."""
    return "\u0e00" <= word[0] <= "\u0e7f" or word[0] >= "\u2e80"


class Part(NamedTuple):
    """A clause pricing a part per unit, and its whole price (None: the quantity is not known)."""

    clause: str
    price: float | None


@lru_cache(maxsize=1024)
def _parts(notes: str, task_text: str, quantity: float | None, mark: re.Pattern, near: int) \
        -> tuple[tuple[Part, ...], str, str]:
    first = first_part(notes)
    if first and not _same_thing(first[2], task_text):
        first = None
    parts, rest_priced = [], False
    every = clauses(notes)
    limited = any(_COVERS.search(s) and _LIMIT.search(s) for s in every)
    before = False  # the clause before marks a part left out and prices nothing ("Legenda em inglês
    # não está incluída; cobro R$ 15 por minuto de vídeo": the price that follows is that part's)
    for s in every:
        # "each additional villa" beside "the first 6 villas" is the rest too (grading v28, villas)
        rest = _REST.search(s) or (first is not None and _BEYOND.search(s))
        marks = [k.start() for k in mark.finditer(s)]
        after, before = before, bool(marks) and not PRICE.search(s)
        if not (rest or marks or limited or after):
            continue
        for m in PRICE.finditer(s):
            u = unit_price(s, m.start(), m.end(), amount(m.group(1) or m.group(2)))
            if u is None or u.rate or u.price <= 0 \
                    or not (rest or limited or (after and not marks) or any(abs(m.start() - k) <= near for k in marks)):
                continue
            stems = unit_stems(u.unit) if u.unit else frozenset()
            if rest:  # "for the rest, 0,45 € each": the task's quantity beyond the first N
                n = quantity - first[1] if first and quantity and quantity > first[1] else None
            elif u.size:
                n = None  # per 1,000 characters of a part: the part's size is not stated
            elif stems and _latin(task_text):
                # a unit the task counts in English ("รูปละ 120 บาท" for "120 photos"); a count the
                # task does not give leaves the part open ("₹15 प्रति डायग्राम" where "about 30%" have one)
                n = _count_of(stems, task_text)
            elif _latin(s) and _latin(task_text):  # the task's own count of that thing
                stems = {_stem(u.unit)} if u.unit else {_stem(w) for w in _WORD.findall(s[:m.start()])}
                n = _count_of(stems, task_text)
            else:
                n = quantity
            parts.append(Part(s, round(n / u.per * u.price, 2) if n else None))
            rest_priced = rest_priced or bool(rest and n)
            break
    only = first[0] if first and _ONLY.search(first[0][:first[3] + 12]) and (quantity is None or first[1] < quantity) \
        else ""
    return tuple(parts), (first[0] if first and rest_priced else ""), only


def _task_view(task: Any) -> tuple[str, float | None]:
    title = getattr(task, "title", "") or ""
    text = "\n".join((title, getattr(task, "description", "") or "", getattr(task, "acceptance", "") or ""))
    return text, task_quantity(title, getattr(task, "description", None))


def unit_parts(notes: str | None, task: Any, mark: re.Pattern, near: int) -> tuple[tuple[Part, ...], str]:
    """(the clauses pricing a part per unit, each with its whole price or None, and the clause
    quoting "the first N" whose rest is priced, or ""). A price per unit counts when a marker of a
    part priced apart (:data:`advisor.plan.scope._MARK`: "separately", "अलग से", "另計") is near
    it or its clause speaks of "the rest" (:data:`_REST`). Fixed-price tasks only."""
    if getattr(task, "pricing", "fixed") != "fixed" or not notes:
        return (), ""
    head = notes[:MAX_CHARS]
    if not PRICE.search(head):
        return (), ""
    parts, first, _ = _parts(head, *_task_view(task), mark, near)
    return parts, first


def open_parts(notes: str | None, task: Any, mark: re.Pattern, near: int) -> tuple[str, ...]:
    """The clauses that leave part of the job out, unpriced: a part priced per unit whose quantity
    the task does not give, and "the first N" of the task's quantity where the clause names the
    quote or "only" ("Η προσφορά αφορά τα πρώτα 1.000 προϊόντα", "nur die ersten 500 Produkte")
    and the rest is not priced (``mark``, ``near``: as :func:`unit_parts`). () for none;
    fixed-price tasks only."""
    if getattr(task, "pricing", "fixed") != "fixed" or not notes:
        return ()
    head = notes[:MAX_CHARS]
    if not PRICE.search(head) and not _FIRST.search(head):
        return ()
    parts, first, only = _parts(head, *_task_view(task), mark, near)
    out = [p.clause for p in parts if p.price is None]
    if only and not first and only not in out:
        out.insert(0, only)
    return tuple(out)
