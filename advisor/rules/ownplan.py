"""The candidate's own plan, read from their notes: a pace ("300 photos a day", "100 photos in 3
days"), the milestones they propose ("4 milestones", "Proposed milestones: a sample, the
catalogue, orders and go-live") and a sample they offer as the first piece. Where a candidate
states one, the advice uses it over its own defaults (4 hours a day, one milestone per 40 hours, a
separate paid trial): grading v12 (shopify, retouch) saw a buyer's proposal overruled by them.

The patterns are plain regular expressions with bounded repeats over notes of bounded length
(linear time); a number is digits with optional thousands separators or a small number word."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from advisor.text import fold
from advisor.plan.quantity import _NUM, _TIME_UNITS, _number, task_quantity  # noqa: F401 (read here too)

_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4, "pięć": 5, "sześć": 6,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "deux": 2, "trois": 3, "quatre": 4,
    "cinq": 5, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "три": 3, "четыре": 4, "чотири": 4,
}
_COUNT = r"(\d{1,2}|" + "|".join(_WORDS) + r")"
#: "300 photos a day", "ok. 300 zdjęć dziennie", "40 pages per day"
_PACE_DAY = re.compile(
    _NUM + r"\s+([^\W\d_]{2,30})(?:\s+[^\W\d_]{2,30})?\s+(?:a|per|each|every|/)\s?day\b|"
    + _NUM + r"\s+([^\W\d_]{2,30})(?:\s+[^\W\d_]{2,30})?\s+(?:daily|dziennie|na dzień|al día|por día|par jour|"
    r"pro tag|am tag|в день|за день|на день)", re.I)
#: "100 photos in 3 days"
_PACE_SPAN = re.compile(_NUM + r"\s+([^\W\d_]{2,30})\s+(?:in|within|every)\s+" + r"(\d{1,3})\s+(?:working\s+|business\s+)?days?\b", re.I)
#: "4 milestones", "in 4 batches", "4 kamieniami milowymi", "Cztery partie"
_MILESTONES = re.compile(
    r"(?<!\w)" + _COUNT + r"\s+(?:payment\s+|equal\s+|weekly\s+)?(?:milestones|batches|deliveries|instalments|"
    r"kamieniami milowymi|kamieni milowych|kamienie milowe|partie|partiach|hitos|entregas|jalons|étapes|"
    r"meilensteine|teillieferungen|этапа|этапов|етапи)\b", re.I)
#: "in 3 payments", "3 instalments", "3회 나누어" (Korean: in three parts), "分3期"
_PAYMENTS = re.compile(r"(?<!\w)(\d{1,2})\s+(?:payments|installments|instalments|tranches|parts)\b|"
                       r"(\d{1,2})\s?(?:회|차례|回|期)\s?(?:에\s?)?(?:나누어|나눠|분할|分割|に分け|支付)", re.I)
#: a deposit before the staged payments: "30% deposit", "계약금 30%", "anticipo del 30%"
_DEPOSIT = re.compile(r"\b(?:deposit|down payment|anticipo|acompte|anzahlung)\b|계약금|착수금|定金|着手金", re.I)
#: "Bills per batch of 5 files": pay per accepted batch (the count from the task's quantity)
_PER_BATCH = re.compile(r"\b(?:per|each|every)\s+batch\s+of\s+(\d{1,4})\s+([^\W\d_]{2,30})", re.I)


def batches(notes: str | None, task_text: str) -> int:
    """How many batches a candidate who bills per batch ("bills per batch of 5 files") splits the
    task into, from the count of the same things in the task's words ("25 residential files": 5);
    0 when they bill no batches, the task names no such count, or it makes fewer than 2 or over 12."""
    m = _PER_BATCH.search((notes or "")[:4000])
    if not m or int(m.group(1)) < 1:
        return 0
    unit = re.escape(m.group(2).lower())
    got = re.search(r"(?<![\d,.])(\d{1,5})\s+(?:[^\W\d_]{2,30}\s+){0,2}?" + unit + r"\b", task_text[:4000].lower())
    n = math.ceil(int(got.group(1)) / int(m.group(1))) if got else 0
    return n if 2 <= n <= 12 else 0


#: "Proposed milestones: a, b, c and d" (the list runs to the end of the sentence)
_MILESTONE_LIST = re.compile(r"milestones?\s*:\s*([^.;\n]{1,300})", re.I)
_SAMPLE = re.compile(r"\b(?:sample|pilot|test batch|trial batch|próbn\w{0,3}|muestra|prueba|échantillon|probe\w{0,3})\b", re.I)
#: a sample offered as a piece of work, outside a milestone list ("paid sample", "a test batch of 50")
_SAMPLE_OFFER = re.compile(r"\b(?:paid|free)\s+(?:sample|test|pilot)\b|\bsample\s+(?:batch|import|page|run|milestone|set)\b|"
                           r"\b(?:test|pilot|trial)\s+batch\b|\bpłatn\w{0,3}\s+próbk\w{0,3}|\bmuestra\s+pagada\b", re.I)


#: a turnaround: "8 working days", "Termin: 8 dni roboczych", "delivers in 10 days", "within 5 business days"
_WORKING = (r"(?:working|business)\s+days?|dni\s+roboczych|dni\s+robocze|días\s+hábiles|dias\s+úteis|"
            r"werktagen?|arbeitstagen?|jours\s+ouvr[ée]s|jours\s+ouvrables|рабочих\s+дней|рабочих\s+дня|робочих\s+днів")
_TURN_WORKING = re.compile(r"(?<!\w)(\d{1,3})\s+(?:" + _WORKING + r")\b(?!\s+(?:a|per|each|every)\s+week|\s+w\s+tygodniu)", re.I)
_TURN_DAYS = re.compile(r"\b(?:deliver\w{0,3}|turnaround|ready|done|finished|completed?|termin|plazo|frist)\W{0,3}"
                        r"(?:\w+\s+){0,2}?(?:in|within|of|:)?\s*(\d{1,3})\s+(?:days?|dni|días|tagen?|jours)\b", re.I)
_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"))}
_MONTH = "|".join(_MONTHS)
#: a delivery date: "delivered by 17 December", "by December 17", "by 2026-12-17"
_BY_DATE = re.compile(r"\b(?:by|before|no later than|until)\s+(?:\w+day,?\s+)?(?:(\d{4})-(\d\d)-(\d\d)|(\d{1,2})(?:st|nd|rd|th)?\s+("
                      + _MONTH + r")|(" + _MONTH + r")\s+(\d{1,2})(?:st|nd|rd|th)?)\b", re.I)


@dataclass(frozen=True)
class OwnPlan:
    """What the candidate's notes set out: a pace (units a day, and the words as written), the
    milestones proposed (0: none stated), the sample they offer as the first piece ("") and a
    turnaround (days, whether working days, the words as written)."""

    per_day: float | None = None
    pace_words: str = ""
    milestones: int = 0
    sample: str = ""
    turnaround: int = 0
    working_days: bool = False
    turnaround_words: str = ""


NOTHING = OwnPlan()


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _WORDS.get(text.lower(), 0)


@functools.lru_cache(maxsize=4096)
def own_plan(notes: str | None) -> OwnPlan:
    """Read ``notes`` (a candidate's): see :class:`OwnPlan`."""
    if not notes:
        return NOTHING
    per_day, words = None, ""
    for m in _PACE_DAY.finditer(notes):
        n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if unit.lower() not in _TIME_UNITS:
            per_day, words = _number(n), " ".join(m.group(0).split())
            break
    if per_day is None:
        for m in _PACE_SPAN.finditer(notes):
            days = int(m.group(3))
            if m.group(2).lower() not in _TIME_UNITS and days > 0:
                per_day, words = _number(m.group(1)) / days, " ".join(m.group(0).split())
                break
    count, sample = 0, ""
    listed = _MILESTONE_LIST.search(notes)
    if listed:
        items = [x.strip() for x in listed.group(1).split(",") if x.strip()]
        if len(items) < 2:  # "a sample and the rest"
            items = [x.strip() for x in re.split(r"\band\b|\bthen\b", listed.group(1)) if x.strip()]
        if len(items) >= 2:
            count = len(items)
            if _SAMPLE.search(items[0]):
                sample = items[0]
    for m in _MILESTONES.finditer(notes):
        count = max(count, _count(m.group(1)))
    m = _PAYMENTS.search(notes)
    if m:  # "in 3 payments", "나머지는 3회 나누어": the rest in N; a deposit before them is one more
        count = max(count, int(m.group(1) or m.group(2)) + (1 if _DEPOSIT.search(notes) else 0))
    if not sample:
        m = _SAMPLE_OFFER.search(notes)
        if m:
            sample = " ".join(m.group(0).split())
    turn, working, turn_words = 0, False, ""
    m = _TURN_WORKING.search(notes) or _TURN_DAYS.search(notes)
    if m:
        turn, working = int(m.group(1)), m.re is _TURN_WORKING
        turn_words = " ".join(m.group(0).split())
    return OwnPlan(per_day, words, count if count >= 2 else 0, sample, turn, working, turn_words)


def add_days(start: date, days: int, working: bool) -> date:
    """The day ``days`` of work end on from ``start`` (counted as the first day, moved to a Monday
    when it falls on a weekend for working days). Working days are Monday to Friday (public
    holidays are not known)."""
    if not working:
        return start + timedelta(days=max(days, 1) - 1)
    day = start
    while day.weekday() >= 5:
        day += timedelta(days=1)
    left = max(days, 1) - 1
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def due_date(acceptance: str, deadline: date | None, today: date) -> date | None:
    """The earlier of ``deadline`` and a delivery date the acceptance criteria state ("delivered
    by 17 December"; a date without a year is the next one on or after ``today``)."""
    found = []
    for m in _BY_DATE.finditer(acceptance or ""):
        try:
            if m.group(1):
                found.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
                continue
            day, month = (int(m.group(4)), m.group(5)) if m.group(4) else (int(m.group(7)), m.group(6))
            got = date(today.year, _MONTHS[month.lower()], day)
            found.append(got if got >= today else date(today.year + 1, got.month, got.day))
        except ValueError:
            continue
    if deadline is not None:
        found.append(deadline)
    return min(found) if found else None


#: A delivery the notes date themselves: "we will launch on 12 January", "ready by 20 Dec", "go live
#: on January 12" (grading v29, pretoria: an agency closed over the holidays launching after the date)
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DELIVER_ON = re.compile(r"\b(?:launch|deliver|go(?:ing)?\s+live|ready|finish|complete|hand(?:ing)?\s+over|live)\w*"
                         r"\s+(?:\w+\s+){0,2}?(?:on|by|is|will be|would be)\s+(?:\w+day,?\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MON
                         + r")|(" + _MON + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?)\b", re.I)
_MON_NO = {m[:3]: i for m, i in _MONTHS.items()}
#: A span the notes give for the whole job: "Timeline: 8 weeks from start", "8 weeks in all".
_WEEKS = re.compile(r"\b(?:timeline|duration|takes?|need)\W{0,3}(?:\w+\s+){0,2}?(\d{1,2})\s+weeks?\b"
                    r"|\b(\d{1,2})\s+weeks?\s+(?:from\s+(?:the\s+)?start|from\s+kick-?off|in\s+all|total)\b", re.I)


#: A delivery dated in Chinese, Japanese or Korean: "12月13日に公開できます", "納品は12月18日", "12月20日上线",
#: "12월 18일 납품" (grading v31, osechi: two quotes delivering after the date, unread). The delivery
#: word is in the same sentence, before or after the date.
_CJK_DAY = r"(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]"
_CJK_WORD = r"納品|公開|完成|納期|リリース|交付|交货|交貨|上线|上線|完工|납품|완료|오픈|출시"
_CJK_ON = re.compile(r"(?:" + _CJK_WORD + r")[^。！？.\n]{0,20}?" + _CJK_DAY + r"|" + _CJK_DAY + r"[^。！？.\n]{0,20}?(?:"
                     + _CJK_WORD + r")")
#: A span of working days from the start: "15 business days", "15 dias úteis", "10 εργάσιμες", "10営業日".
_WORKDAYS = re.compile(r"(\d{1,2})\s?(?:business|working)\s+days|(\d{1,2})\s+dias\s+úteis|(\d{1,2})\s+días\s+hábiles"
                       r"|(\d{1,2})\s+εργάσιμ\w*|(\d{1,2})\s?営業日|(\d{1,2})\s+рабочих\s+дн\w*|(\d{1,2})\s+Werktag\w*"
                       r"|(\d{1,2})\s+jours\s+ouvrés|(\d{1,2})\s+dni\s+robocz\w*|(\d{1,2})\s+pracovních\s+dn\w*"
                       r"|(\d{1,2})\s?영업일|(\d{1,2})\s?个?工作日|(\d{1,2})\s?個?工作天", re.IGNORECASE)


def _after_workdays(today: date, n: int) -> date:
    day, left = today, n
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def _next(today: date, month: int, day: int) -> date | None:
    try:
        got = date(today.year, month, day)
    except ValueError:
        return None
    return got if got >= today else date(today.year + 1, month, day)


#: A start the notes date: "posso começar em 15/01", "can start on 15 January", "могу начать с 15
#: января", "kann ab 15.01. starten", "1月15日から着手" (grading v32 review, cachaça store: a CLT
#: contract ending, starting after the Christmas peak, ranked first).
_START_WORD = (r"(?:posso\s+come[cç]ar|come[cç]o|"
               r"disponível\s+a\s+partir\s+de|puedo\s+empezar|empiezo|disponible\s+desde|могу\s+начать|начну|"
               r"свободен\s+с|свободна\s+с|можу\s+почати|kann\s+ab|ab\s+dem|je\s+peux\s+commencer|disponible\s+à\s+partir\s+du|"
               r"mogę\s+zacząć|posso\s+iniziare)")
_START_DM = re.compile(_START_WORD + r"\D{0,12}?(\d{1,2})[./](\d{1,2})(?:[./](?:20)?\d{2})?\b", re.IGNORECASE)
_START_CJK = re.compile(_CJK_DAY + r"\s?(?:から|より|起|开始|開始|부터)")
#: In English a numeric day is ambiguous (4/1): the month is named ("can start on 15 January").
_START_EN = re.compile(r"\b(?:can\s+start|start(?:ing)?\s+(?:on|from)|available\s+(?:from|on))\s+(?:\w+day,?\s+)?"
                       r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MON + r")|(" + _MON + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?)\b",
                       re.IGNORECASE)


#: Month names in the languages candidates write a start in, folded (advisor.text.fold: case and
#: accents ignored), in the form a date takes ("4 января", "4 січня", "4 stycznia", "4 Ιανουαρίου"):
#: Russian, Ukrainian, Polish and Greek genitives; Portuguese, Spanish, French, German, Italian,
#: Turkish, Indonesian and Malay. (Vietnamese numbers its months: "ngày 4 tháng 1".)
_NAMED_MONTHS = {fold(name): n for names in (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    "Ιανουαρίου Φεβρουαρίου Μαρτίου Απριλίου Μαΐου Ιουνίου Ιουλίου Αυγούστου Σεπτεμβρίου Οκτωβρίου Νοεμβρίου Δεκεμβρίου",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    "januari februari maret april mei juni juli agustus september oktober november desember",
    "januari februari mac april mei jun julai ogos september oktober november disember",
) for n, name in enumerate(names.split(), start=1)} | {"janner": 1, "setiembre": 9}
#: A start word, then the day and a month named: "могу начать 4 января", "puedo empezar el 4 de
#: enero", "kann ab dem 4. Januar starten", "μπορώ να ξεκινήσω στις 4 Ιανουαρίου", "bisa mulai 4
#: Januari" (grading v33 review: "До 3 января в отпуске, могу начать 4 января", unread). The month
#: word is looked up in :data:`_NAMED_MONTHS`; bounded gaps, no nested repeats: linear. Not a bare
#: "ab dem" (from the): "im Urlaub ab dem 20. Dezember" is a leave, not a start.
_START_WORD_NAMED = (_START_WORD[:-1].replace(r"|ab\s+dem", "") + r"|смогу\s+начать|готова?\s+начать|могу\s+приступить|приступлю|почну|"
                     r"можу\s+розпочати|зможу\s+почати|готов(?:ий|а)\s+почати|zacznę|mogę\s+rozpocząć|"
                     r"puedo\s+comenzar|comienzo|je\s+commence|disponible\s+dès\s+le|kann\s+am|starte\s+am|"
                     r"beginne\s+am|posso\s+cominciare|inizio\s+il|disponibile\s+dal|"
                     r"μπορ[ωώ]\s+να\s+ξεκιν[ηή]σω|ξεκιν[αά]ω|ξεκιν[ωώ]|bisa\s+mulai|dapat\s+mulai|boleh\s+mula|"
                     r"siap\s+mulai|mulai\s+(?:kerja\s+)?(?:tanggal|tgl))")
_START_NAMED = re.compile(_START_WORD_NAMED + r"[^\d.;!?\n]{0,16}?(\d{1,2})\.?\s*(?:de\s+)?([^\W\d_]{3,12})",
                          re.IGNORECASE)
#: Turkish puts the verb last: "4 Ocak'ta başlayabilirim", "4 Ocak'tan itibaren müsaitim" (not "4
#: Ocak'a kadar": until).
_START_TR = re.compile(r"(?<!\d)(\d{1,2})\s+([^\W\d_]{3,8})(?:['’](?:ta|te|da|de|tan|ten|dan|den))?\s+"
                       r"(?:[^\W\d_]+\s+){0,2}?(?:başla|itibaren)", re.IGNORECASE)
#: Vietnamese: "có thể bắt đầu từ ngày 4 tháng 1".
_START_VI = re.compile(r"bắt\s+đầu[^\d.;!?\n]{0,16}?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})", re.IGNORECASE)


def _named_start(text: str, today: date) -> tuple[date, str] | None:
    """(the day, the words) of the first start dated with a month's name (:data:`_START_NAMED`,
    :data:`_START_TR`) or in Vietnamese ("ngày 4 tháng 1"), the year the next one on or after ``today``."""
    for pattern in (_START_NAMED, _START_TR):
        for m in pattern.finditer(text):
            month = _NAMED_MONTHS.get(fold(m.group(2)))
            if month:
                got = _next(today, month, int(m.group(1)))
                return (got, " ".join(m.group(0).split())) if got is not None else None
    v = _START_VI.search(text)
    if v and 1 <= int(v.group(2)) <= 12:
        got = _next(today, int(v.group(2)), int(v.group(1)))
        return (got, " ".join(v.group(0).split())) if got is not None else None
    return None


@functools.lru_cache(maxsize=4096)
def own_start(notes: str | None, today: date) -> tuple[date, str] | None:
    """(the day, the words) the notes say the candidate can start, day first ("15/01"), a month
    named in English or another language ("4 января", "4 de enero": :func:`_named_start`), or in
    Chinese, Japanese or Korean; None without one, or for a day not after ``today``."""
    text = (notes or "")[:4000]
    m = _START_DM.search(text)
    got = None
    if m:
        got = _next(today, int(m.group(2)), int(m.group(1))) if 1 <= int(m.group(2)) <= 12 else None
    elif (e := _START_EN.search(text)) is not None:
        m = e
        day, month = (e.group(1), e.group(2)) if e.group(1) else (e.group(4), e.group(3))
        number = _MON_NO.get(month.lower()[:3])
        got = _next(today, number, int(day)) if number else None
    elif (c := _START_CJK.search(text)) is not None:
        m = c
        got = _next(today, int(c.group(1)), int(c.group(2)))
    elif (named := _named_start(text, today)) is not None:
        return named if named[0] > today else None
    if got is None or got <= today:
        return None
    return got, " ".join(m.group(0).split())


#: Thai months, abbreviated and in full ("ส่งงานได้ภายใน 18 ธ.ค.": delivery by 18 December; grading v34
#: review, kite school).
_THAI_MONTHS = {"ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6, "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9,
                "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12, "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4,
                "พฤษภาคม": 5, "มิถุนายน": 6, "กรกฎาคม": 7, "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11,
                "ธันวาคม": 12}
_THAI_ON = re.compile(r"(?:ส่ง|เสร็จ|ภายใน|ก่อน)[^\d\n]{0,16}?(\d{1,2})\s*("
                      + "|".join(re.escape(m) for m in sorted(_THAI_MONTHS, key=len, reverse=True)) + ")")


@functools.lru_cache(maxsize=4096)  # per candidate per evaluation: the notes rarely change
def own_delivery(notes: str | None, today: date) -> tuple[date, str] | None:
    """(the day, the words) the notes put delivery on, or the end of the weeks (or working days)
    they give from ``today``; None when they say neither. A date without a year is the next one on
    or after ``today``."""
    text = (notes or "")[:4000]
    c = _CJK_ON.search(text)
    if c:
        month, day = (c.group(1), c.group(2)) if c.group(1) else (c.group(3), c.group(4))
        got = _next(today, int(month), int(day))
        if got is not None:
            return got, c.group(0).strip()
    t = _THAI_ON.search(text)
    if t:
        got = _next(today, _THAI_MONTHS[t.group(2)], int(t.group(1)))
        if got is not None:
            return got, t.group(0).strip()
    m = _DELIVER_ON.search(text)
    if m:
        day, month = (int(m.group(1)), m.group(2)) if m.group(1) else (int(m.group(4)), m.group(3))
        try:
            got = date(today.year, _MON_NO[month.lower()[:3]], day)
        except (ValueError, KeyError):
            got = None
        if got is not None:
            return (got if got >= today else date(today.year + 1, got.month, got.day)), " ".join(m.group(0).split())
    w = _WEEKS.search(text)
    if w:
        weeks = int(w.group(1) or w.group(2))
        if 0 < weeks <= 52:
            return today + timedelta(days=7 * weeks), " ".join(w.group(0).split())
    d = _WORKDAYS.search(text)
    if d:
        n = int(next(g for g in d.groups() if g))
        if 0 < n <= 90:
            return _after_workdays(today, n), " ".join(d.group(0).split())
    return None


#: Month names the leave reader knows beyond English (Hebrew, Russian, Spanish, Portuguese, German, French).
_MONTH_WORDS = {
    **{m: i for m, i in _MONTHS.items()},
    "ינואר": 1, "פברואר": 2, "מרץ": 3, "אפריל": 4, "מאי": 5, "יוני": 6, "יולי": 7, "אוגוסט": 8, "ספטמבר": 9,
    "אוקטובר": 10, "נובמבר": 11, "דצמבר": 12, "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5,
    "июня": 6, "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "enero": 1, "diciembre": 12, "janeiro": 1, "dezembro": 12, "januar": 1, "dezember": 12, "janvier": 1,
    "décembre": 12, **{m[:3]: i for m, i in _MONTHS.items()},
}
_MW = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
#: Away from a date: "away from 20 Dec", "on leave from 18 December", "אני נכנס למילואים ב-20 בדצמבר" (reserve
#: duty), "в отпуске с 20 декабря", "de vacaciones desde el 20 de diciembre" (grading v29, Tel Aviv caterer);
#: the date in the leave word's clause ("в отпуске, могу начать 4 января" is no leave from the 4th).
_LEAVE = re.compile(r"(?:\b(?:away|unavailable|not available|on leave|on holiday|on vacation)\s+(?:from|after|starting)\b"
                    r"|\bleaving\s+on\b|מילואים|לא אהיה זמין|חופשה|в отпуск\w*|уезжаю|не буду доступ\w*|de vacaciones|de férias"
                    r"|im urlaub|en congé)[^\d.,;!?\n]{0,16}?(\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:de\s+)?ב?(" + _MW + r")", re.I)


@functools.lru_cache(maxsize=4096)  # per candidate per evaluation: the notes rarely change
def own_leave(notes: str | None, today: date) -> tuple[date, str] | None:
    """(the day, the words) the notes say the candidate is away from, or None (the next such day
    on or after ``today``)."""
    m = _LEAVE.search((notes or "")[:4000])
    if not m:
        return None
    try:
        got = date(today.year, _MONTH_WORDS[m.group(2).lower()], int(m.group(1)))
    except (ValueError, KeyError):
        return None
    return (got if got >= today else date(today.year + 1, got.month, got.day)), " ".join(m.group(0).split())


def days_at_pace(quantity: float, per_day: float) -> int:
    """Whole days of work ``quantity`` takes at the candidate's own ``per_day``."""
    return max(1, math.ceil(quantity / per_day - 1e-9))


#: an amount written with its currency: "₹48,00,000", "$40,000", "EUR 12.000", "Rs. 5,00,000"
_AMOUNT = re.compile(r"([$€£₹¥₩₺฿]|\b(?:USD|EUR|GBP|INR|Rs\.?|CAD|AUD|NZD|MXN|ZAR|PLN|CHF)\s?)"
                     r"(\d{1,3}(?:[,.\u00a0 ]\d{2,3}){0,6}(?:[.,]\d{2}(?!\d))?|\d{1,12})")
_SALES = re.compile(r"revenue|sales|sale|profits?|turnover|ventas|ingresos|umsatz|ventes|продаж|выручк", re.I)
_PERCENT = re.compile(r"(\d{1,2}(?:[.,]\d)?)\s?%")


def _amount(digits: str) -> float:
    m = re.fullmatch(r"(.*\d)[.,](\d{2})", digits)
    whole, cents = (m.group(1), m.group(2)) if m and re.search(r"[.,]\d{3}", m.group(1)) else (digits, "")
    value = float(re.sub(r"[,.\u00a0 ]", "", whole) or 0)
    return value + (float(cents) / 100 if cents else 0.0)


def success_fee_cost(said: str, task_text: str, notes: str, price: float | None) -> str:
    """A share of the outcome in money where the plan states the outcome: "₹480,000 more on
    ₹48,00,000" ("" when the share or the amount is not stated). The outcome is
    the largest amount written with a currency in the task's text or the candidate's notes that
    is over the candidate's own price (the fee itself is no base for a share)."""
    share = _PERCENT.search(said)
    if not share:
        return ""
    text = f"{task_text}\n{notes}"
    # a share of sales or revenue needs the amount stated beside that word (an ad budget is no revenue)
    base_word = _SALES.search(said)
    found = [(_amount(m.group(2)), m.group(0).strip()) for m in _AMOUNT.finditer(text)
             if not base_word or base_word.group(0).lower() in text[max(0, m.start() - 40):m.end() + 40].lower()]
    found = [(v, w) for v, w in found if v > (price or 0)]
    if not found:
        return ""
    base, written = max(found)
    percent = float(share.group(1).replace(",", "."))
    symbol = _AMOUNT.match(written).group(1)
    from advisor.plan.money import format_money

    cost = format_money(round(base * percent / 100.0), None)
    return f"{symbol}{cost} more on {written}"


#: A price on top of the quote written with a plus: "usage rights for paid ads +$150", "+ €80 for
#: raw files" (not "+20%", an option's mark-up, nor "+44 20...", a phone number: a currency is needed).
_PLUS_PRICE = re.compile(r"(?<![\w+])\+\s?(?:[A-Z]{1,2}\$|[$€£₹¥₩₺฿₦₱]|(?:USD|EUR|GBP|AUD|CAD|NZD|MXN)\s?)\s?\d")
_CLAUSE = re.compile(r"[^.;!?\n]{1,200}")


def priced_extra(notes: str | None) -> str:
    """The clause of the notes that prices part of the job on top of the quote ("Usage rights for
    paid ads +$150"), "" when none: the quote is then not the whole price (``extras``)."""
    for m in _CLAUSE.finditer((notes or "")[:4000]):
        if _PLUS_PRICE.search(m.group()):
            return m.group().strip()[:80]
    return ""
