"""Currencies: ISO 4217 codes from a maintained list, amounts that name their currency, and
explicit conversion rates.

A marketplace export writes amounts for people ("€45", "45 EUR", "-$1,200.00", "(30.00)"). The
currency written in a cell must never be dropped: an amount in another currency than the
workspace's is refused (row and column named by the caller) unless the user gives a rate
(``--rate EUR=1.08``: one euro is 1.08 of the workspace's currency). Codes are checked against
the ISO 4217 list of the ``iso4217`` package (updated with each ISO amendment), never a
hand-typed subset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from advisor.errors import AdvisorError

#: Symbols that name one currency without doubt in a marketplace export. "$" alone is taken as
#: USD: the marketplaces this reads bill in US dollars and write them "$".
SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "₩": "KRW",
           "₺": "TRY", "₴": "UAH", "₱": "PHP", "₦": "NGN", "R$": "BRL", "A$": "AUD", "C$": "CAD",
           "CA$": "CAD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "zł": "PLN",
           # "¥" is written for both yen and yuan; alone it is read as yen (the Japanese
           # marketplaces' listings), "CN¥" and "元" as yuan (docs/history-import.md says so).
           "¥": "JPY", "JP¥": "JPY", "CN¥": "CNY", "元": "CNY", "RMB": "CNY"}


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    """Every active ISO 4217 code (from the ``iso4217`` package)."""
    import iso4217

    return frozenset(c.code for c in iso4217.Currency)


def is_currency(code: object) -> bool:
    return isinstance(code, str) and code in iso_codes()


@dataclass(frozen=True)
class Amount:
    """A number read from a cell and the currency the cell named (None: it named none)."""

    value: float
    currency: str | None


_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")
_US_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$")
# Lakh grouping as India writes it ("1,50,000", "12,34,567.50"): the last group of three, pairs
# before it. Each group starts with a literal ",", so a failed match gives back one group at a
# time: linear.
_INDIAN_NUMBER = re.compile(r"^\d{1,2}(,\d{2})*,\d{3}(\.\d+)?$")
# Swiss grouping with an apostrophe ("1'234.50", also the typographic "1’234.50").
_SWISS_NUMBER = re.compile(r"^\d{1,3}(['’]\d{3})+(\.\d+)?$")
_EU_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})+,\d{1,2}$|^\d+,\d{1,2}$")
# "250.000" as a decimal-comma locale writes a whole amount (in en_US it is 250)
_EU_WHOLE = re.compile(r"^\d{1,3}(\.\d{3})+$")


#: A cell longer than this is refused before it is parsed (an amount with its currency and a
#: "per hour" is under 30 characters).
MAX_AMOUNT_CHARS = 64


def _cut_per_hour(t: str) -> str:
    """``t`` without a trailing "/hr", "/ hour.", "per hour", "an hour" and the spaces around it.
    Plain string code: the regex it replaces (``\\s*(...)\\s*$``, tried at every position)
    was quadratic on a cell of spaces."""
    t = t.rstrip()
    words = t.rsplit(None, 2)
    if len(words) >= 2 and words[-1].lower() == "hour" and words[-2].lower() in ("per", "a", "an"):
        return words[0] if len(words) == 3 else ""
    head = t.removesuffix(".")
    low = head.lower()
    for unit in ("hour", "hr", "h"):
        if low.endswith(unit):
            rest = head[: -len(unit)].rstrip()
            if rest.endswith("/"):
                return rest[:-1].rstrip()
            break
    return t


def decimal_comma(locale: str | None) -> bool:
    """Whether ``locale`` writes decimals with a comma (de_DE: 1.234,50); en_US and None: no."""
    from advisor.plan.money import DEFAULT_LOCALE, check_locale

    if not locale or locale == DEFAULT_LOCALE or check_locale(locale):
        return False
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(locale) == ","


def parse_amount(text: str, locale: str | None = None) -> Amount:
    """"$30.00", "€45", "45 EUR", "USD 1,200", "-$1,200.00", "($45.00)", "1.234,56 €", "₹1,50,000",
    "CHF 1'234.50", "¥5,000" -> Amount. Every form is read whatever the ``locale``; the locale
    only settles "250.000", a whole amount where decimals are written with a comma (de_DE).
    Raises ValueError when the text is not one amount, or names an unknown or two currencies."""
    if len(text) > MAX_AMOUNT_CHARS:
        raise ValueError(f"is {len(text)} characters long; an amount is at most {MAX_AMOUNT_CHARS}")
    t = text.strip().replace("\u00a0", " ")
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    currencies: set[str] = set()
    for sym in re.findall(_SYMBOL_RE, t):
        currencies.add(SYMBOLS[sym])
    t = re.sub(_SYMBOL_RE, " ", t)
    for code in _CODE.findall(t):
        if code not in iso_codes():
            raise ValueError(f"{code} is not an ISO 4217 currency code")
        currencies.add(code)
    t = _CODE.sub(" ", t)
    t = _cut_per_hour(t)
    t = t.replace(" ", "")
    if t.startswith(("-", "+")):
        negative, t = negative or t[0] == "-", t[1:]
    if t.endswith("-"):  # "45.00-" (some ledgers)
        negative, t = True, t[:-1]
    if len(currencies) > 1:
        raise ValueError("names two currencies")
    if _EU_WHOLE.match(t) and decimal_comma(locale):
        value = float(t.replace(".", ""))
    elif _US_NUMBER.match(t) or _INDIAN_NUMBER.match(t):
        value = float(t.replace(",", ""))
    elif _SWISS_NUMBER.match(t):
        value = float(t.replace("'", "").replace("’", ""))
    elif _EU_NUMBER.match(t):
        value = float(t.replace(".", "").replace(",", "."))
    else:
        raise ValueError("not a number")
    return Amount(-value if negative else value, next(iter(currencies), None))


def parse_typed(text: str, locale: str | None = None, currency: str | None = None) -> float:
    """A number an owner types into a form, read as their locale writes it ("1.234,50" in de_DE,
    "₹1,50,000" in en_IN, "$30/hr"); a currency other than ``currency`` (the business's) is
    refused, never dropped. Raises ValueError with the reason."""
    amount = parse_amount(text, locale)
    if amount.currency and currency and amount.currency != currency:
        raise ValueError(f"is in {amount.currency}; amounts here are in {currency}")
    return amount.value


@dataclass(frozen=True)
class Rates:
    """Explicit conversion rates into the workspace's currency (``EUR=1.08``: 1 EUR = 1.08)."""

    target: str
    rates: tuple[tuple[str, float], ...] = ()

    def get(self, code: str) -> float | None:
        if code == self.target:
            return 1.0
        return dict(self.rates).get(code)


def parse_rates(specs: list[str] | None, target: str) -> Rates:
    """``["EUR=1.08", "GBP=1.27"]`` from ``--rate`` flags; raises AdvisorError on a bad one."""
    out: dict[str, float] = {}
    for spec in specs or ():
        code, sep, number = spec.partition("=")
        code = code.strip().upper()
        try:
            rate = float(number) if sep else float("nan")
        except ValueError:
            rate = float("nan")
        if not is_currency(code):
            raise AdvisorError(f"{code[:12]!r} is not an ISO 4217 currency code", field="--rate",
                               hint="write --rate EUR=1.08 (one EUR is 1.08 of the workspace's currency)")
        if not (rate > 0 and rate < 1e9):
            raise AdvisorError(f"{spec[:40]!r} needs a positive rate", field="--rate",
                               hint=f"write --rate {code}=1.08 (one {code} is 1.08 {target})")
        out[code] = rate
    return Rates(target, tuple(sorted(out.items())))


#: An ``exchange_rates`` text longer than this is refused (a dozen rates fit in it).
MAX_RATES_CHARS = 200


def parse_exchange_rates(text: str, target: str | None = None) -> dict[str, float]:
    """``"USD=83.2, EUR=90.1"`` (the business's ``exchange_rates``: one USD is 83.2 of the
    business's currency) -> ``{"USD": 83.2, "EUR": 90.1}``. Split on commas or spaces; linear.
    Raises ValueError naming the first bad part."""
    if len(text) > MAX_RATES_CHARS:
        raise ValueError(f"is {len(text)} characters long; the limit is {MAX_RATES_CHARS}")
    out: dict[str, float] = {}
    for part in text.replace(",", " ").split():
        code, sep, number = part.partition("=")
        if not is_currency(code):
            raise ValueError(f"{code[:12]!r} is not an ISO 4217 currency code; write CODE=RATE such as USD=83.2")
        try:
            rate = float(number) if sep and "e" not in number.lower() else float("nan")
        except ValueError:
            rate = float("nan")
        if not (0 < rate < 1e9):
            raise ValueError(f"{part[:24]!r} needs a positive rate such as {code}=1.08"
                             + (f" (one {code} in {target})" if target else ""))
        if code in out:
            raise ValueError(f"names {code} twice")
        out[code] = rate
    return out


def exchange_rates_text(rates: dict[str, float]) -> str:
    """The stored form of :func:`parse_exchange_rates`'s result: codes sorted, ``", "`` between."""
    return ", ".join(f"{code}={rate:g}" for code, rate in sorted(rates.items()))


def convert(amount: Amount, rates: Rates, *, default: str | None = None) -> float:
    """The amount in the workspace's currency. An amount that names no currency is in
    ``default`` (the file's currency column, else the workspace's). Raises ValueError with
    the reason when it is in another currency and no rate was given."""
    code = amount.currency or default or rates.target
    rate = rates.get(code)
    if rate is None:
        raise ValueError(f"is in {code}, but the workspace is in {rates.target}; "
                         f"convert it explicitly with --rate {code}=RATE (one {code} in {rates.target})")
    return round(amount.value * rate, 2) if rate != 1.0 else amount.value
