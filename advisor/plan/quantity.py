"""How many of its things a task counts ("Retouch 1,200 shoe packshots": 1,200), read from its
own words: the candidate's pace (:mod:`advisor.rules.ownplan`) and a part priced per unit
(:mod:`advisor.plan.perunit`) both read it. A number is digits with optional thousands separators."""

from __future__ import annotations

import re

_NUM = r"(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d{1,6})"
#: units that are time, not work: "8 hours a day" is availability, not a pace
_TIME_UNITS = frozenset({"hours", "hour", "hrs", "hr", "h", "godzin", "godziny", "horas", "heures", "stunden",
                         "часов", "часа", "minutes", "mins"})


def _number(text: str) -> float:
    return float(re.sub(r"[,.\u00a0\u202f ]", "", text))


#: "Retouch 1,200 shoe packshots": a count of things in the task's title or description
_QUANTITY = re.compile(_NUM + r"\s+(?:[^\W\d_]{2,30}\s+){0,2}?([^\W\d_]{2,30})", re.I)
_NOT_THINGS = _TIME_UNITS | {"days", "day", "weeks", "week", "months", "month", "years", "year",
                             "percent", "usd", "eur", "gbp", "inr", "pln", "aud", "cad", "jpy"}


def task_quantity(title: str, description: str | None = None) -> float | None:
    """The largest count of things the task's title (else description) names, or None."""
    for text in (title, description or ""):
        got = [_number(m.group(1)) for m in _QUANTITY.finditer(text) if m.group(2).lower() not in _NOT_THINGS
               and not (m.start() and not text[m.start() - 1].isspace())  # "$1,200", "12-piece"
               and not re.fullmatch(r"(?:19|20)\d\d", m.group(1))]  # a year
        got = [g for g in got if g >= 10]
        if got:
            return max(got)
    return None
