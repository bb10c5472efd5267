"""The checks and doc words the field table's specs use (:mod:`advisor.plan.fields`): optional
text, a currency code, a locale, exchange rates, agreements, interview scores, a choice among
values, and the shared checks and limits of names, text, money and counts. Split from the table so
it holds only the records' fields; the helpers keep their leading underscore: the table's own,
read by no other module."""

from __future__ import annotations

from typing import Any, Callable

from advisor.errors import PlanError
from advisor.plan.checks import (AGREEMENTS, CURRENCY_RE, MAX_MONEY, MAX_NAME, _kind, _short, check_bool, check_choice,
                                 check_id, check_int, check_number, check_str_list, check_text)
from advisor.plan.currency import is_currency


def _opt_text(limit: int = MAX_NAME) -> Callable[[Any, str], Any]:
    """Text that may be absent (None) but is never empty when given."""
    return lambda v, f: None if v is None else check_text(v, f, required=True, limit=limit)


def _currency(v: Any, f: str) -> str:
    if not isinstance(v, str) or not CURRENCY_RE.match(v) or not is_currency(v):
        raise PlanError(f"must be a 3-letter ISO currency code such as USD or EUR, not {_short(v)}", field=f)
    return v


def _opt_currency(v: Any, f: str) -> str | None:
    return None if v is None else _currency(v, f)


def _locale(v: Any, f: str) -> str | None:
    from advisor.plan.money import check_locale

    if v is None:
        return None
    problem = check_locale(v)
    if problem:
        raise PlanError(f"{problem}, not {_short(v)}", field=f)
    return v


def _exchange_rates(v: Any, f: str) -> str | None:
    from advisor.plan.currency import exchange_rates_text, parse_exchange_rates

    if v is None:
        return None
    if not isinstance(v, str):
        raise PlanError(f'must be text such as "USD=83.2, EUR=90.1", not {_short(v)}', field=f)
    try:
        return exchange_rates_text(parse_exchange_rates(v)) or None
    except ValueError as exc:
        raise PlanError(str(exc), field=f) from None


def _agreements(v: Any, f: str) -> list[str]:
    signed = check_str_list(v, f, limit=len(AGREEMENTS))
    for a in signed:
        if a not in AGREEMENTS:
            raise PlanError(f"{_short(a)} is not an agreement; use {', '.join(map(repr, AGREEMENTS[:-1]))} or {AGREEMENTS[-1]!r}",
                            field=f)
    return [a for a in AGREEMENTS if a in signed]


def _opt_bool(v: Any, f: str) -> bool | None:
    """true, false, or absent (None: not known)."""
    return None if v is None else check_bool(v, f)


def _opt_id(v: Any, f: str) -> str | None:
    return None if v is None else check_id(v, f)


def _scores(v: Any, f: str) -> dict[str, int]:
    """An interview's scores: criterion name -> 1 to 5, at most 50 criteria."""
    if not isinstance(v, dict):
        raise PlanError(f"must be a table of criterion = score, not {_kind(v)}", field=f)
    if len(v) > 50:
        raise PlanError(f"has {len(v)} criteria; the limit is 50", field=f)
    clean: dict[str, int] = {}
    for name, score in v.items():
        check_text(name, f, required=True, limit=MAX_NAME)
        clean[name] = check_int(score, f"{f}.{name}", low=1, high=5, optional=False)
    return clean


def _choice(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    return lambda v, f: check_choice(v, f, choices)


def _one_of(choices: tuple[str, ...]) -> str:
    words = [f"`{c}`" for c in choices]
    return ", ".join(words[:-1]) + " or " + words[-1]


_NAME = lambda v, f: check_text(v, f, required=True, limit=MAX_NAME)  # noqa: E731
_TEXT = lambda v, f: check_text(v, f)  # noqa: E731
_MONEY = lambda v, f: check_number(v, f, high=MAX_MONEY)  # noqa: E731
_COUNT = lambda v, f: check_int(v, f)  # noqa: E731
_OFFSET = lambda v, f: check_number(v, f, low=-12.0, high=14.0)  # noqa: E731
_ZONE_DOC = ("an IANA time zone name (`\"Europe/Dublin\"`, `\"America/New_York\"`, `\"Asia/Manila\"`): the "
             "overlap advice takes its offset on the day it is computed, so it follows daylight saving; "
             "given with `utc_offset`, the zone is used")
#: a handover plan and a third-party list are a few lines, not a document
MAX_HANDOVER = 1000
MAX_THIRD_PARTY = 2000
_HOURS_DOC = ('"HH:MM-HH:MM"` on a 24-hour clock (`"22:00-06:00"` crosses midnight, `"00:00-24:00"` is the '
              'whole day)')
