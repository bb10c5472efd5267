"""Amounts as an owner reads them: the currency always shown, one thousands style everywhere.

``$2,500``, ``€45.50``, ``£1,200``, ``2,500 INR``: a symbol in front for the few currencies whose
symbol is unambiguous, the ISO code after the number for every other one. Cents are shown only
when there are any, so whole budgets stay short. Rule messages ask for this with the ``money``
format spec (``{task.budget:money}``); the app, the report and ``check`` use :func:`format_money`.
"""

from __future__ import annotations

#: Currencies shown with a symbol in front; every other code is written after the amount.
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}

#: The template format spec that renders a number as money in the business's currency.
MONEY_SPEC = "money"


def format_money(amount: float | int, currency: str | None) -> str:
    """``amount`` in ``currency`` (an ISO 4217 code; None or empty: the number alone)."""
    value = float(amount)
    sign = "-" if value < 0 else ""
    value = abs(value)
    cents = round(value * 100) % 100 != 0
    number = f"{value:,.2f}" if cents else f"{round(value):,}"
    code = (currency or "").upper()
    symbol = SYMBOLS.get(code)
    if symbol:
        return f"{sign}{symbol}{number}"
    return f"{sign}{number} {code}".rstrip()
