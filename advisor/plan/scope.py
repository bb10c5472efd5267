"""What a candidate's notes leave out of their quote, read against the task's own words
(grading v23 fix 2, chess: "ECF rating file export not included, quoted later at £90" is a whole
quote of £270 once added; "travel not included" for an optional venue visit is no missing scope).

- A part the notes price ("quoted later at £90", "dashboard +$3,000") is added to a fixed price
  (:func:`priced_parts`, read by :meth:`advisor.plan.model.Candidate.price`): the whole quotes
  are then compared, and nobody is asked to quote what they already priced.
- A part the task's own words (title, description, acceptance criteria, skills) never ask for
  (travel, printing, hosting nobody asked for) is no scope gap (:func:`asks_for`).

:func:`scope_gaps` is the one judgement both read: the clauses that leave out, unpriced, a part
the task asks for. Linear in the text: one split, one scan per clause, bounded input.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from advisor.languages import named
from advisor.plan import perunit
from advisor.plan.money import SIGNS
from advisor.plan.perunit import PRICE, amount, unit_price

#: Text read at most (notes are limited in size; this bounds the scan).
MAX_CHARS = 4000
#: A clause: sentences split at . ! ? ; newlines and brackets (not at a comma: "not included,
#: quoted later at £90" is one clause), a decimal point kept.
_CLAUSE = re.compile(r"(?:[^.!?;\n()\[\]。！？।]|\.(?=\d))+")
#: Words that say a part is left out or priced apart, in English (only then are the clause's other
#: words compared with an English task's words; any other language keeps the part as a gap).
_MARK = re.compile(r"\bnot included\b|\bnot including\b|\bexcluded\b|\bexcluding\b|\bextras?\b|\bon top\b"
                   r"|\bseparately\b|\bseparate quote\b|\bquoted? later\b|\bpriced later\b|\blater at\b"
                   r"|\bnot covered\b|\badditional\b|\bdoes(?:n't| not) include\b|\bnot in the price\b"
                   r"|(?<![\w+])\+\s?(?=[A-Z]{0,3}[" + SIGNS + r"]|(?:USD|EUR|GBP|AUD|CAD|NZD|MXN)\b"
                   # "+80,000円", "+400 €": the currency after the number (grading v31, osechi)
                   r"|\d[\d,.\u00a0 ]{0,12}(?:[" + SIGNS + r"]|円|元|원|zł|Kč|\b(?:EUR|USD|GBP|JPY|CNY|KRW|PLN|CZK)\b))"
                   # "separately / on top" in the languages candidates write (grading v25, textile:
                   # "10 नई लिस्टिंग ₹6,000 अलग से" was a whole quote of ₹30,000)
                   r"|अलग से|अतिरिक्त|отдельно|дополнительно|окремо|додатково|à parte|\baparte\b|por separado"
                   r"|\bseparado\b|en supplément|\bzusätzlich\b|另外|另计|另計|另收|別途|별도|แยกต่างหาก"
                   r"|\briêng\b|\bayrıca\b|\bdodatkowo\b|\ba parte\b|επιπλέον|ξεχωριστά|\bosobno\b|nie jest wliczon\w*"
                   r"|\bniewliczon\w*"
                   # "not included" in more of them (grading v33 review: "Legenda em inglês não está incluída",
                   # "ยังไม่รวมถ่ายรูปสินค้า ... คิดเพิ่มรูปละ 120 บาท")
                   r"|não (?:está |estão )?incluíd\w*|não inclu\w+|no (?:está |están )?incluid\w*|\bno incluye\b"
                   r"|ยังไม่รวม|ไม่รวม|คิดเพิ่ม|不含|不包括|不包含|含まれ(?:ません|ない)|포함되지 않|미포함|не входит|не включен\w*"
                   r"|δεν περιλαμβάνε\w+|non (?:è )?inclus\w*|nicht (?:im Preis )?enthalten|nicht inbegriffen|dahil değil"
                   r"|शामिल नहीं|לא כלול\w*|غير مشمول\w*"
                   # Hebrew "in addition" ("בדיקה עם קורא מסך ... בתוספת של 1,200 ₪"; grading v36 review, dance studio)
                   r"|בתוספת|תוספת של", re.IGNORECASE)
#: A price: a currency sign or code and a number, before or after it ("£90", "+$3,000", "EUR 80",
#: "80,000円", "0,45 €"): the one pattern :mod:`advisor.plan.perunit` reads prices with.
_MONEY = PRICE
#: After a price: a rate, not a part's price ("£10/month", "$25 per hour", "a day").
_PER = re.compile(r"\s*(?:/|per\b|an? (?:hour|day|week|month|year)\b|hourly\b|monthly\b|each\b|%"
                  r"|(?:в|за)\s+(?:месяц|час|день|неделю|год)|(?:al|por|par|pro|im|ao|a)\s+(?:mes|mois|monat|mês|hora"
                  r"|heure|stunde|día|dia|jour|tag|año|ano|an|jahr)\b|ต่อ|每|/?(?:月|年|時間)(?!\d))", re.IGNORECASE)
#: Before a price: a rate ("月額5,500円", "monthly $20", "ежемесячно 500 ₽").
_PER_BEFORE = re.compile(r"(?:月額|年額|毎月|月|monthly|per month|mensual|mensuel|monatlich|ежемесячно|в месяц)\s*$",
                         re.IGNORECASE)
#: Paid promotion of the work (ad spend, a platform's boost), in the languages candidates write: a
#: part only when the task asks for promotion.
_AD_SPEND = re.compile(r"\bad spend\b|\bads? budget\b|\bboost(?:ing)?\b|\bpaid promotion\b|\bsponsored\b|薯條|薯条|投流"
                       r"|投放費|投放费|廣告費|广告费|推廣費|推广费|広告費|광고비|ค่าโฆษณา|ค่ายิงแอด|рекламн\w+ бюджет"
                       r"|presupuesto de anuncios|verba de anúncios|impulsionamento", re.IGNORECASE)
#: How near a marker a price must be to be the part's price (characters).
NEAR = 40
_WORD = re.compile(r"[^\W\d_]{3,}")
#: A cost of getting the work done rather than a part of it (travel to the site): a gap unless its
#: sentence makes the visit optional ("could come ... if needed (travel not included)").
_COST = re.compile(r"\btravel|\baccommodation|\bexpenses\b|\bmileage\b|\bper km\b|/km\b|\bflights?\b|\bhotel",
                   re.IGNORECASE)
_OPTIONAL = re.compile(r"\bif (?:needed|required|necessary|wanted)\b|\bif you (?:want|like|wish|need)|\boptional"
                       r"|\bon request\b|\bcould come\b|\bcan come\b|\bhappy to come\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?:[^.!?\n。！？।]|\.(?=\d))+")
#: Words that name no part of the work: the marker's own words and filler.
_STOP = frozenset("""
    included include includes including excluded excluding extra extras quoted quote quotes later priced
    price prices cost costs charged charge separately separate additional covered cover would could should
    will with from this that these those your their they them which also only more than some plus each
    other else everything anything part parts rest work works job project fee fees hour hours month
    the and for are not can all any our you but per via its was one two has had may out off day new own set
    get see use got let too yes
    months week weeks discuss basis needed need needs when where there here what about into onto upon
    been have does done doing able happy course sure just very much well then once fixed total""".split())


def _stem(word: str) -> str:
    return word.lower()[:5]


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` (:data:`_CLAUSE`), stripped (of leading commas too), empty ones left out."""
    return [c for s in _CLAUSE.findall((text or "")[:MAX_CHARS]) if (c := s.strip(" \t,、，"))]


def clip(clause: str, most: int = 90) -> str:
    """``clause`` cut to about ``most`` characters at a word, "…" marking the cut."""
    if len(clause) <= most:
        return clause
    cut = clause[:most].rsplit(" ", 1)[0] if " " in clause[:most] else clause[:most]
    return cut.rstrip(" ,;:") + "…"


def _task_text(task: Any) -> str:
    return "\n".join((getattr(task, "title", "") or "", getattr(task, "description", "") or "",
                      getattr(task, "acceptance", "") or "", " ".join(getattr(task, "skills", ()) or ())))


@lru_cache(maxsize=1024)
def _task_terms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the stems of the task's words, the languages it names)."""
    return frozenset(_stem(w) for w in _WORD.findall(text[:20_000])), frozenset(named(text))


def asks_for(task: Any, clause: str, sentence: str = "") -> bool:
    """Whether ``clause`` (one that leaves something out) names a part the task's own words ask
    for. A language counts when the task names it; else the clause's words (filler and the
    marker's own words aside) against the task's. Unknown stays a gap: a clause that names
    nothing, or is not in English (its words cannot be compared with the task's)."""
    if not ((getattr(task, "description", "") or "").strip() or (getattr(task, "acceptance", "") or "").strip()):
        return True  # a title alone does not say what the job holds: a part left out stays a gap
    stems, langs = _task_terms(_task_text(task))
    if _AD_SPEND.search(clause) and not _AD_SPEND.search(_task_text(task)) and not re.search(
            r"\bads?\b|advert|promot|boost|广告|廣告|推广|推廣", _task_text(task), re.IGNORECASE):
        return False  # paid promotion the task does not ask for (grading v35 review, durian: "不含薯條投流費用")
    if _COST.search(clause):  # travel to do the work is its cost; to an optional visit, no part of it
        return not _OPTIONAL.search(sentence or clause)
    said = named(clause)
    if said:  # a language the task names (a task naming none: unknown, a gap)
        return not langs or any(x in langs for x in said)
    if not _MARK.search(clause):
        return True
    words = {_stem(w) for w in _WORD.findall(_MARK.sub(" ", clause)) if w.lower() not in _STOP}
    words = {w for w in words if w.isascii()}
    return not words or bool(words & stems)


def _price_in(clause: str, bid: float | None) -> float | None:
    """The price of the part ``clause`` leaves out: an amount within :data:`NEAR` characters of a
    marker, not a rate ("/month") and not the bid itself; None for none."""
    marks = [m.start() for m in _MARK.finditer(clause)]
    for m in _MONEY.finditer(clause):
        if _PER.match(clause, m.end()) or _PER_BEFORE.search(clause[max(0, m.start() - 12):m.start()]) \
                or not any(abs(m.start() - k) <= NEAR for k in marks):
            continue
        value = amount(m.group(1) or m.group(2))
        if unit_price(clause, m.start(), m.end(), value) is not None:
            continue  # a price per unit ("₹300 प्रति वीडियो"): :func:`advisor.plan.perunit.unit_parts`
        if value > 0 and (bid is None or abs(value - bid) > 0.005):
            return value
    return None


def priced_parts(notes: str | None, task: Any, bid: float | None = None) -> tuple[tuple[str, float], ...]:
    """(clause, price) of each part the notes price on top of the quote that the task asks for
    (:func:`asks_for`), on a fixed-price task only (a rate has no place to add a lump sum)."""
    if getattr(task, "pricing", "fixed") != "fixed" or not notes:
        return ()
    head = notes[:MAX_CHARS]
    units, first = perunit.unit_parts(head, task, _MARK, NEAR)  # "थंबनेल अलग से ₹300 प्रति वीडियो" for 40 videos: ₹12,000
    units = tuple((p.clause, p.price) for p in units if p.price is not None)
    if not units and (not _MONEY.search(head) or not _MARK.search(head)):  # most notes: no price beside a marker
        return ()
    return _priced(head, _task_text(task) if (getattr(task, "description", "") or "").strip()
                   or (getattr(task, "acceptance", "") or "").strip() else getattr(task, "title", "") or "", bid,
                   units, first)


@lru_cache(maxsize=1024)
def _priced(notes: str, task_text: str, bid: float | None, units: tuple[tuple[str, float], ...] = (),
            first: str = "") -> tuple[tuple[str, float], ...]:
    class _T:  # the task's words, as asks_for reads them (a title alone: no description)
        title, description, acceptance, skills = task_text, task_text.partition("\n")[2].strip(), "", ()

    out = []
    for whole in _SENTENCE.findall(notes):
        for s in clauses(whole):
            if s not in dict(out) and _MARK.search(s) and (p := _price_in(s, bid)) is not None \
                    and asks_for(_T, s, whole):  # a part said twice is one part
                out.append((s, p))
    # a part priced per unit, its quantity from the task; "the first N" it makes whole: 0.0 on top
    out += [(s, p) for s, p in units if s not in dict(out) and asks_for(_T, s, s)]
    if first and first not in dict(out) and any(s == first or s in dict(units) for s, _ in out):
        out.insert(0, (first, 0.0))
    return tuple(out)


def open_parts(notes: str | None, task: Any) -> tuple[str, ...]:
    """The clauses leaving part of the job out, unpriced, that no phrase names: "the first 1,000
    products" only, a part priced per unit of no stated quantity (:func:`advisor.plan.perunit.open_parts`)."""
    return perunit.open_parts(notes, task, _MARK, NEAR)


def part_price(notes: str | None, task: Any, bid: float | None = None) -> float:
    """The sum of :func:`priced_parts` (0.0 for none)."""
    return sum(p for _, p in priced_parts(notes, task, bid))


def scope_gaps(text: str, quotes: Iterable[str], task: Any, bid: float | None = None) -> list[str]:
    """The clauses of ``text`` (a candidate's notes and interview notes) holding one of ``quotes``
    (the ``extras`` words as quoted) that leave out, unpriced, a part the task asks for. [] when
    every part left out is priced (:func:`priced_parts`) or outside the task's words."""
    marks = [q.strip(" …\"'").lower() for q in quotes if q and q.strip(" …\"'")]
    if not marks:
        return []
    priced = {s for s, _ in priced_parts(text, task, bid)}
    gaps = []
    for whole in _SENTENCE.findall(text[:MAX_CHARS]):
        parts = clauses(whole)
        for k, s in enumerate(parts):
            low = s.lower()
            if not any(m in low or m[-12:] in low for m in marks):
                continue
            # a part left out, priced in the clause that follows ("não está incluída; cobro R$ 15 por minuto")
            nxt = parts[k + 1] if k + 1 < len(parts) else ""
            if s in priced or (nxt in priced and not _MONEY.search(s)) or not asks_for(task, s, whole):
                continue
            gaps.append(s)
    # a quote no clause holds (a phrase across clauses): still a gap, as before
    if not gaps and not any(m in s.lower() or m[-12:] in s.lower() for s in clauses(text) for m in marks):
        return [marks[0]]
    return gaps
