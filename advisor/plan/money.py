"""Amounts as an owner reads them: the currency always shown, written the way the business's
locale writes money.

The default locale (``en_US``) keeps the house style: ``$2,500``, ``€45.50``, ``£1,200``,
``2,500 INR`` (a symbol in front for the few unambiguous ones, the ISO code after the number for
every other), cents only when there are any. Any other locale is written by Babel from the CLDR
data: ``₹2,50,000`` (en_IN), ``1.234,50 €`` (de_DE), ``CHF 1'234.50`` (de_CH), ``¥5,000``
(ja_JP), still with cents only when there are any. Babel is imported only then (about 35 ms,
docs/performance.md), so a workspace in the default locale never pays for it.

The locale is the business's ``locale`` field; without one, :func:`default_locale`: the
``[workspace] locale`` setting, else the environment (``LC_ALL``, ``LC_MONETARY``, ``LANG``),
else ``en_US``. Rule messages ask for money with the ``money`` format spec
(``{task.budget:money}``); the app, the report and ``check`` use :func:`format_money`.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

#: Currency signs a price may be written with in notes and text ("₪150", "150 ₪", "₸380 000"):
#: the one list every reader of written prices builds its pattern from.
SIGNS = "$€£₹¥₩₺฿₦₱₽₪₴₸₫₭₮₲₵₡"

#: Currencies shown with a symbol in front (default locale); every other code is written after.
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}

#: The template format spec that renders a number as money in the business's currency.
MONEY_SPEC = "money"

#: The locale that keeps the house style above (no Babel).
DEFAULT_LOCALE = "en_US"

#: ``de_DE``, ``en_IN``, ``gsw_CH``, ``sr_Latn_RS``: language, optional script, optional
#: territory. Checked before Babel sees it (a locale name is at most this long).
LOCALE_RE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2}|_\d{3})?$")
MAX_LOCALE_CHARS = 16

_configured: str | None = None
_shown: str | None = None


def set_default_locale(name: str | None) -> None:
    """The ``[workspace] locale`` setting (None: the environment's), for businesses naming none."""
    global _configured
    _configured = name


def show_business_locale(name: str | None) -> None:
    """The locale of the one business a process shows (the app, after each plan change): money
    formatted without an explicit locale follows it (None: :func:`default_locale`, resolved here:
    reading the environment per amount was ~4 µs, a tenth of the Ranking of a 300-candidate task)."""
    global _shown
    _shown = name or default_locale()


def locale_from_env(env: "os._Environ[str] | dict[str, str] | None" = None) -> str:
    """The first of ``LC_ALL``, ``LC_MONETARY``, ``LANG`` that is set, as ``de_DE``
    (``de_DE.UTF-8@euro`` -> ``de_DE``); ``C``/``POSIX`` or a name that is not a locale: en_US."""
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MONETARY", "LANG"):
        raw = env.get(var) or ""
        if raw:
            name = raw[:64].split(".", 1)[0].split("@", 1)[0].replace("-", "_")
            return name if LOCALE_RE.match(name) and known_locale(name) else DEFAULT_LOCALE
    return DEFAULT_LOCALE


def default_locale() -> str:
    return _configured or locale_from_env()


def locale_of(business: object) -> str:
    """The locale a business's amounts are written and read in: its own, else the default."""
    return getattr(business, "locale", None) or default_locale()


def check_locale(name: str) -> str | None:
    """None when ``name`` is a locale Babel knows, else why not (one line)."""
    if not isinstance(name, str) or len(name) > MAX_LOCALE_CHARS or not LOCALE_RE.match(name):
        return "must be a locale such as en_US, de_DE, en_IN, de_CH or ja_JP"
    if not known_locale(name):
        return "must be a locale Babel knows, such as en_US, de_DE, en_IN, de_CH or ja_JP"
    return None


@lru_cache(maxsize=64)
def known_locale(name: str) -> bool:
    if name == DEFAULT_LOCALE:
        return True
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def format_money(amount: float | int, currency: str | None, locale: str | None = None) -> str:
    """``amount`` in ``currency`` (an ISO 4217 code; None or empty: the number alone), written as
    ``locale`` writes it (None: :func:`default_locale`)."""
    loc = locale or _shown or default_locale()
    code = (currency or "").upper()
    if loc != DEFAULT_LOCALE:
        return _babel_money(float(amount), code, loc)
    value = float(amount)
    sign = "-" if value < 0 else ""
    value = abs(value)
    cents = round(value * 100) % 100 != 0
    number = f"{value:,.2f}" if cents else f"{round(value):,}"
    symbol = SYMBOLS.get(code)
    if symbol:
        return f"{sign}{symbol}{number}"
    return f"{sign}{number} {code}".rstrip()


def _babel_money(value: float, code: str, loc: str) -> str:
    pattern, babel_locale = _pattern(loc)
    cents = round(abs(value) * 100) % 100 != 0
    if not code:  # the number alone, grouped as the locale groups it
        from babel.numbers import format_decimal

        return _BIDI_MARKS.sub("", format_decimal(value, "#,##0.00" if cents else "#,##0", locale=babel_locale))
    text = pattern(cents).apply(value, babel_locale, currency=code, currency_digits=cents)
    # CLDR writes yen in Japanese as the full-width "￥" (two terminal cells); listings and the
    # parser (advisor.plan.currency) write "¥". The no-break spaces stay: an amount is never split.
    # CLDR's right-to-left locales (ar_*, he_IL, fa_IR) wrap amounts in bidi marks (RLM, LRM, ALM):
    # invisible in a bidi-aware page, but every terminal path shows them escaped as a literal
    # "\u200f" (grading v13, ngo), so they are dropped here, once, for every output format.
    return _BIDI_MARKS.sub("", text.replace("￥", "¥"))


#: The bidi marks CLDR puts around right-to-left amounts (see :func:`_babel_money`).
_BIDI_MARKS = re.compile("[\u061c\u200e\u200f]")


#: A decimal or grouping mark inside a number ("28.3", "1,155"); a comma between words stays.
_MARK_IN_NUMBER = re.compile(r"(?<=\d)[.,](?=\d)")


def format_number(text: str, locale: str | None = None) -> str:
    """Numbers already written in the house style ("28.3", "1,155", "12%") with the decimal and
    grouping marks of ``locale``: a line that writes "₺1.155" writes "28,3%" too (grading v13,
    payroll mixed the two). The default locale returns ``text`` as it is."""
    loc = locale or _shown or default_locale()
    if loc == DEFAULT_LOCALE or not any(ch in text for ch in ".,"):
        return text
    symbols = _symbols(loc)
    if symbols is None:
        return text
    decimal, group = symbols
    return _MARK_IN_NUMBER.sub(lambda m: decimal if m[0] == "." else group, text)


@lru_cache(maxsize=16)
def _symbols(loc: str) -> tuple[str, str] | None:
    """(decimal mark, group mark) of ``loc`` without bidi marks; None for an unknown locale."""
    try:
        _, babel_locale = _pattern(loc)
    except Exception:  # noqa: BLE001 - an unknown locale keeps the house style
        return None
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return (_BIDI_MARKS.sub("", get_decimal_symbol(babel_locale)) or ".",
            _BIDI_MARKS.sub("", get_group_symbol(babel_locale)) or ",")


@lru_cache(maxsize=16)
def _pattern(loc: str):
    """(cents -> the locale's standard currency pattern, with or without decimals; its Locale)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    babel_locale = Locale.parse(loc)
    whole = parse_pattern(babel_locale.currency_formats["standard"])
    with_cents = parse_pattern(babel_locale.currency_formats["standard"])
    whole.frac_prec = (0, 0)
    return (lambda cents: with_cents if cents else whole), babel_locale
