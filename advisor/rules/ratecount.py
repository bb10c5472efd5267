"""How many observations a noted going rate stands for.

A rate whose note says it sums up a search ("UK-hours VAs in PH and ZA, 15 profiles") is a market
already, not one quote: asking for "2 more going rates" beside it is noise (grading v20, dentist).
The count, not the value, is weighted: the quartiles stay those of the rates as written, so one
survey never outweighs the numbers the owner noted beside it.
"""

from __future__ import annotations

import re
from typing import Iterable

#: "15 profiles", "12 freelancers", "2 quotes", "9 perfiles": a number of people or offers looked at.
#: Bounded repeats only: linear in the note.
_SURVEY = re.compile(r"(?<![\d.,])(\d{1,4})\s*(?:profiles?|freelancers?|quotes?|bids?|offers?|listings?|proposals?"
                     r"|perfiles|profils|profile|angebote|ofertas|devis)\b", re.IGNORECASE)
#: One note counts for at most this many observations (a typo of "1500 profiles" is still a survey).
MAX_WEIGHT = 50


def observations(note: str | None) -> int:
    """The observations a rate's ``note`` says it sums up (the largest count named, at most
    :data:`MAX_WEIGHT`); 1 for a note naming none."""
    found = [int(m.group(1)) for m in _SURVEY.finditer((note or "")[:2000])]
    return min(max(found + [1]), MAX_WEIGHT)


def observation_count(rates: Iterable) -> int:
    """The observations behind ``rates`` (:class:`advisor.plan.model.RateObservation`)."""
    return sum(observations(r.note) for r in rates)


def few_rates_words(noted: int, minimum: int) -> str:
    """" from the 2 rates you noted": said after a figure priced from fewer rates, as written,
    than a going rate needs (``minimum``), so the thin research behind it shows where the money
    is (grading v23 fix 4, bakery: a 2.100 € budget from 2 rates, said only of a side task)."""
    if noted <= 0 or noted >= minimum:
        return ""
    return f" from the {'one rate' if noted == 1 else f'{noted} rates'} you noted"
