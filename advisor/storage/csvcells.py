"""Reading one CSV cell the way people's tools write it: money ("$30.00/hr", "From US$80", a
range), ratings ("4.9 / 5.0"), hours billed ("34 h"), counts ("1k+", "56 Reviews"), percentages, UTC offsets and zone
names, working hours ("9am-5pm"), yes/no, agreements. Each parser runs in linear time on a
bounded cell and raises ``ValueError`` with what it expected; :data:`PARSERS` maps each candidate
field with a ``csv_kind`` in the field table (:mod:`advisor.plan.fields`) to its parser.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from advisor.plan import fields
from advisor.errors import PlanError
from advisor.plan.currency import parse_amount
from advisor.plan.model import AGREEMENTS, check_hours
from advisor.plan.zones import zone_name

_MONEY_NOISE = re.compile(r"(?i)(us\$|usd|eur|gbp|[$€£¥₹]|/\s*(hr|hour|h)\b|per\s+hour|an?\s+hour|/\s*hr\.?)")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$")


def _number(text: str) -> float:
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        raise ValueError
    return float(text.replace(",", ""))


#: Longer cells of a number, a count, a status or a UTC offset are refused before parsing (the
#: longest real one, a zone such as "America/Argentina/ComodRivadavia", is 32 characters).
MAX_VALUE_CHARS = 64
#: The agreements column is a list ("NDA, IP assignment, non-compete"): a little more room.
MAX_LIST_CHARS = 256

_COUNT_WORDS = ("reviews", "review", "jobs", "job", "projects", "project", "ratings", "rating")


def _cut_suffix(text: str, words: tuple[str, ...]) -> str:
    """``text`` without the first of ``words`` it ends with (any case), and the spaces before it.
    Plain string code: the regex it replaces (``\\s*(words)?\\s*$``) backtracked in
    polynomial time on a cell of spaces (issue 18: 693 bytes took a minute)."""
    low = text.lower()
    for word in words:
        if low.endswith(word):
            return text[: -len(word)].rstrip()
    return text


def parse_money(text: str) -> float:
    """"$30.00/hr", "USD 1,200", "€45" -> the amount."""
    return _number(_MONEY_NOISE.sub("", text))


def parse_percent(text: str) -> float:
    """"96%", "96", "96 %" -> 96."""
    return _number(text.strip().rstrip("%"))


def parse_rating(text: str) -> float:
    """"4.9", "4.9/5", "4.9 stars" -> 4.9."""
    text = _cut_suffix(text.strip(), ("stars", "star", "★"))
    for five in ("5.0", "5"):  # "/5", "/ 5.0"
        head = text[: -len(five)].rstrip() if text.endswith(five) else ""
        if head.endswith("/"):
            text = head[:-1]
            break
    return _number(text)


_HOUR_WORDS = ("hours", "hour", "hrs", "hr", "h")


def parse_logged_hours(text: str) -> float:
    """"34", "34.5", "34 h", "34 hrs", "34 hours" -> the hours (a week's billed hours)."""
    return _number(_cut_suffix(text.strip(), _HOUR_WORDS))


def parse_count(text: str) -> int:
    """"1,200", "56 reviews", "100+", "1k+", "2.5K" -> a whole number (a "+" is dropped: "at
    least"; a "k" is thousands). :func:`count_rule` says which of these a cell used."""
    text = _cut_suffix(text.strip(), _COUNT_WORDS).removesuffix("+").rstrip()
    scale = 1
    if text[-1:] in ("k", "K"):
        scale, text = 1000, text[:-1]
    value = _number(text) * scale
    if not value.is_integer():
        raise ValueError
    return int(value)


def count_rule(text: str) -> str | None:
    """How :func:`parse_count` read a lenient count, for the summary ("at least"), or None."""
    t = _cut_suffix(text.strip(), _COUNT_WORDS)
    if t.endswith("+"):
        return "at least that many"
    if t[-1:] in ("k", "K"):
        return "thousands"
    return None


#: A price written as a starting price: "From US$80", "Starting at $80", "from 80".
_FROM_WORDS = ("from", "starting at", "starts at", "starting from")
_RANGE_SEPARATORS = ("–", "—", " to ", "-")


def read_price(text: str) -> tuple[str, bool, str | None]:
    """A price cell as an amount to parse, whether it says per hour, and the lenient rule used:
    "$51/hr" -> ("$51", True, None); "From US$80" -> ("US$80", False, "a starting price");
    "$30-$50" -> ("$30", False, "the low end of the range"). Plain string work (no regex):
    linear in the cell, which is at most :data:`MAX_VALUE_CHARS` long."""
    from advisor.plan.currency import _cut_per_hour

    t = " ".join(text.split())
    low = t.lower()
    rule = None
    for word in _FROM_WORDS:
        if low.startswith(word + " ") or (low.startswith(word) and low[len(word):][:1] in "$€£¥₹"):
            t, rule = t[len(word):].strip(), "a starting price"
            low = t.lower()
            break
    hourly = False
    for word in ("hourly", "per hr"):
        at = low.find(word)
        if at >= 0:
            t, hourly = (t[:at] + t[at + len(word):]).strip(), True
            low = t.lower()
    cut = _cut_per_hour(t)
    if cut != t.rstrip():
        t, hourly = cut, True
    for sep in _RANGE_SEPARATORS:
        at = t.find(sep, 1)  # a leading "-" is a sign, not a range
        if at > 0 and t[at + len(sep):].strip():
            head, tail = t[:at].strip(), t[at + len(sep):].strip()
            try:
                first, last = parse_amount(head), parse_amount(tail)
            except ValueError:
                continue
            if first.currency is None and last.currency:  # "30-50 USD": the currency is the range's
                head = f"{head} {last.currency}"
            return head, hourly, "the low end of the range"
    return t, hourly, rule


_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$", re.I)


def parse_offset(text: str) -> float | str:
    """"UTC+5:30", "GMT-3", "+05:30", "-5", "0", "UTC" as hours; a zone name like "Europe/Lisbon"
    is kept as the zone (its offset changes with daylight saving: never fixed at import)."""
    t = text.strip()
    if t.lower() in ("utc", "gmt", "z", "0", "+0", "-0"):
        return 0.0
    m = _OFFSET.match(t)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return sign * (int(m.group(2)) + int(m.group(3) or 0) / 60)
    if "/" in t:
        return parse_zone(t)
    return _number(t)


def parse_zone(text: str) -> str:
    """An IANA zone name, spelled as the database does ("europe/dublin" -> "Europe/Dublin")."""
    name = zone_name(text)
    if name is None:
        raise ValueError
    return name


_CLOCK = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?"
_HOURS = re.compile(rf"^{_CLOCK}\s*(?:-|–|—|to)\s*{_CLOCK}$", re.I)


def parse_working_hours(text: str) -> str:
    """"09:00-17:00", "9-17", "9am-5pm", "21:00 to 06:00", "9.30–18" -> ``HH:MM-HH:MM``."""
    m = _HOURS.match(text.strip())
    if not m:
        raise ValueError

    def clock(h: str, mm: str | None, ampm: str | None) -> str:
        hour, minute = int(h), int(mm or 0)
        if ampm:
            if not 1 <= hour <= 12:
                raise ValueError
            hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
        return f"{hour:02d}:{minute:02d}"

    value = f"{clock(*m.group(1, 2, 3))}-{clock(*m.group(4, 5, 6))}"
    try:
        return check_hours(value, "working_hours") or value
    except PlanError:
        raise ValueError from None


def parse_choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    """One of ``choices``, in any case."""
    def parse(text: str) -> str:
        t = text.strip().lower()
        if t not in choices:
            raise ValueError
        return t
    return parse


def parse_yes_no(text: str) -> bool:
    t = text.strip().lower()
    if t in ("yes", "y", "true", "1", "x"):
        return True
    if t in ("no", "n", "false", "0", ""):
        return False
    raise ValueError


def parse_agreements(text: str) -> list[str]:
    """``"NDA, IP assignment"`` -> ``["nda", "ip-assignment"]`` (any case, spaces or dashes)."""
    out = []
    for part in re.split(r"[,;/+]| and ", text.lower()):
        word = "-".join(part.split())
        if not word:
            continue
        if word not in AGREEMENTS:
            raise ValueError
        out.append(word)
    return out


#: How a cell reads, per the field table's ``csv_kind``: (parser, what it expects).
_KINDS: dict[str, tuple[Callable[[str], Any], str]] = {
    "money": (parse_money, "an amount such as 30 or $30.00/hr"),
    "rating": (parse_rating, "a rating such as 4.9"),
    "count": (parse_count, "a whole number such as 56 or 1k+"),
    "percent": (parse_percent, "a percentage such as 96%"),
    "offset": (parse_offset, "a UTC offset such as +1, UTC-5 or +05:30, or a zone like Europe/Lisbon"),
    "zone": (parse_zone, "a time zone such as Europe/Dublin or Asia/Manila"),
    "agreements": (parse_agreements, "a list of " + ", ".join(AGREEMENTS) + " such as \"NDA, IP assignment\""),
    "yes_no": (parse_yes_no, "yes or no"),
    "logged_hours": (parse_logged_hours, "hours such as 34 or 34.5 h"),
    "hours": (parse_working_hours, "working hours such as 09:00-17:00, 9-17 or 9am-5pm"),
}
#: What a field's cell says it expects, where the kind's words are not the best example.
_EXPECTED = {"bid": "an amount such as 280, $1,200 or From US$80", "jobs": "a whole number such as 80",
             "past_jobs_with_us": "a whole number such as 2"}


def _parser(spec: fields.Spec) -> tuple[Callable[[str], Any], str]:
    if spec.csv_kind == "choice":
        return parse_choice(spec.choices), "one of " + ", ".join(spec.choices)
    fn, expected = _KINDS[spec.csv_kind]
    return fn, _EXPECTED.get(spec.name, expected)


PARSERS: dict[str, tuple[Callable[[str], Any], str]] = {
    s.name: _parser(s) for s in fields.CANDIDATE if s.csv and s.csv_kind}
