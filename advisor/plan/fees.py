"""A marketplace's client fee in the business's currency, whatever currency its fixed part is in.

Fiverr's $2.50 service fee and Freelancer.com's $3 minimum are US dollars (``fee_currency``). In
an INR or EUR workspace they are converted with the business's ``exchange_rates`` when it names
the rate; without one the fixed part is **left out** of every figure (it never becomes 2.50 INR)
and carried beside it (``left_out``) so the owner reads "+ $2.50 not converted". The percentage
is currency-free and always counts. One function so the facts, the next steps, the candidate
ranking and the marketplace statistics agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.plan.model import Business, Marketplace


@dataclass(frozen=True)
class FeeTerms:
    """A marketplace's known fee: ``percent`` of each payment plus ``fixed`` (in the business's
    currency; 0 when it was left out). ``left_out``: the fixed fee in its own currency when no
    rate converts it (``left_out_currency`` names it), else 0."""

    percent: float
    fixed: float
    left_out: float = 0.0
    left_out_currency: str = ""

    def on(self, amount: float, *, fixed: bool = True) -> float:
        """The fee on a payment of ``amount`` (``fixed``: the fixed part counts, a fixed price's)."""
        return amount * self.percent / 100.0 + (self.fixed if fixed else 0.0)

    def left_out_text(self, locale: str | None = None) -> str:
        """``"$2.50"``: the fee left out of totals, in its own currency ("" when none was)."""
        if not self.left_out:
            return ""
        from advisor.plan.money import format_money

        return format_money(self.left_out, self.left_out_currency, locale)


def rates_of(business: Business) -> dict[str, float]:
    """The business's exchange rates (validated text; an empty or absent field: none)."""
    if not business.exchange_rates:
        return {}
    from advisor.plan.currency import parse_exchange_rates

    try:
        return parse_exchange_rates(business.exchange_rates)
    except ValueError:  # validated on every way in; a bad row counts as no rates, never a crash
        return {}


def fee_terms(m: Marketplace | None, business: Business,
              rates: dict[str, float] | None = None) -> FeeTerms | None:
    """``m``'s fee in ``business``'s currency; None while its fees are unknown (never 0%).
    ``rates``: :func:`rates_of` the business, when the caller has it already."""
    if m is None or not m.fees_known:
        return None
    percent, fixed = m.fee_percent or 0.0, m.fee_fixed or 0.0
    code = m.fee_currency or business.currency
    if not fixed or code == business.currency:
        return FeeTerms(percent, fixed)
    rate = (rates_of(business) if rates is None else rates).get(code)
    if rate is None:
        return FeeTerms(percent, 0.0, fixed, code)
    return FeeTerms(percent, round(fixed * rate, 2))


def fee_table(plan) -> dict[str, FeeTerms]:
    """Every marketplace of ``plan`` with known fees, by folded name (the first of a name wins)."""
    from advisor.text import fold

    rates = rates_of(plan.business)
    out: dict[str, FeeTerms] = {}
    for m in plan.marketplaces:
        terms = fee_terms(m, plan.business, rates)
        if terms is not None:
            out.setdefault(fold(m.name), terms)
    return out


def left_out(plan) -> list[tuple[str, FeeTerms]]:
    """(marketplace name, its terms) for each marketplace whose fixed fee no rate converts."""
    rates = rates_of(plan.business)
    out = []
    for m in plan.marketplaces:
        terms = fee_terms(m, plan.business, rates)
        if terms is not None and terms.left_out:
            out.append((m.name, terms))
    return out


def left_out_note(name: str, terms: FeeTerms, business: Business) -> str:
    """One line for the owner (``name`` is user text: the caller escapes it)."""
    code = terms.left_out_currency
    return (f"{name}'s fixed fee of {terms.left_out_text(business.locale)} is in {code}, not {business.currency}: "
            f"left out of the totals; give the business's exchange_rates (\"{code}=RATE\": one {code} "
            f"in {business.currency}) to count it")
