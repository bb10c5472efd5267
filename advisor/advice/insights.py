"""Figures about the plan that the app's panes and the command line show alike: the going rate
for a task's skills, its cost with each marketplace's fees, and per-marketplace statistics.

One module so the app and ``outsource`` never disagree; :func:`advisor.rules.factcontext.quartiles` is the
only percentile. A marketplace's unknown fees (None) stay unknown here: the cost on it is None,
never the cost at 0%.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.medians import median as median_of
from advisor.plan.fees import fee_terms
from advisor.rules.factcontext import quartiles
from advisor.plan.model import POSTED_STATUSES, Marketplace, Plan, Task


@dataclass(frozen=True)
class GoingRate:
    samples: int
    low: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    high: float | None = None


def going_rate(plan: Plan, task: Task) -> GoingRate:
    """The hourly rates recorded for the task's skills: range and quartiles."""
    values = [r.hourly for r in plan.rates_for(task.skills)]
    q = quartiles(values)
    if q is None:
        return GoingRate(0)
    return GoingRate(len(values), min(values), q[0], q[1], q[2], max(values))


def task_marketplaces(plan: Plan, task: Task) -> list[Marketplace]:
    """The marketplaces a task is (or would be) posted on: its own list, else all known ones."""
    if task.marketplaces:
        return [plan.marketplace(name) or Marketplace(name) for name in task.marketplaces]
    return list(plan.marketplaces)


@dataclass(frozen=True)
class CostOn:
    """The task's estimated cost on one marketplace with its client fee; ``total`` is None while
    the marketplace's fees are unknown."""

    marketplace: str
    total: float | None


def costs_with_fees(plan: Plan, task: Task) -> list[CostOn]:
    cost = task.estimated_cost
    if cost is None:
        return []
    out = []
    for m in task_marketplaces(plan, task):
        terms = fee_terms(m, plan.business)  # a fixed fee no rate converts is left out
        fee = None if terms is None else terms.on(cost)
        out.append(CostOn(m.name, None if fee is None else cost + fee))
    return out


@dataclass(frozen=True)
class MarketStats:
    name: str
    tasks_posted: int
    proposals: int
    median_price: float | None
    median_rating: float | None
    hires: int
    fee_percent: float | None
    fee_fixed: float | None
    notes: str
    #: the currency of ``fee_fixed`` when it is not the business's (Fiverr's USD)
    fee_currency: str | None = None

    def fees_text(self, money) -> str:
        """``12%``, ``5% + $2.00``, or ``unknown`` (never 0% for a fee nobody entered). ``money``:
        (amount) or (amount, currency) -> text; a fixed fee in its own currency is written in it
        (``+ $2.50`` in an INR workspace, never ``2.50 INR``)."""
        if self.fee_percent is None and self.fee_fixed is None:
            return "unknown"
        text = f"{self.fee_percent or 0:g}%"
        if not self.fee_fixed:
            return text
        fixed = money(self.fee_fixed, self.fee_currency) if self.fee_currency else money(self.fee_fixed)
        return f"{text} + {fixed}"


def market_names(plan: Plan) -> list[str]:
    """Every marketplace the plan names: its records first, then those only named by tasks,
    candidates or rates (in the order they appear)."""
    names: dict[str, None] = dict.fromkeys(m.name for m in plan.marketplaces)
    for r in plan.rates:
        if r.marketplace:
            names.setdefault(r.marketplace)
    for t in plan.tasks:
        names.update(dict.fromkeys(n for n in t.marketplaces if n not in names))
        for c in t.candidates:
            if c.marketplace:
                names.setdefault(c.marketplace)
    return list(names)


def with_market_records(plan: Plan) -> list[Marketplace]:
    """The plan's marketplace records plus one (fees unknown) for each name that is not one yet:
    what an import stores, so every marketplace named is a real record."""
    known = {m.name for m in plan.marketplaces}
    return [*plan.marketplaces, *(Marketplace(n) for n in market_names(plan) if n not in known)]


def marketplace_stats(plan: Plan) -> list[MarketStats]:
    out = []
    for name in market_names(plan):
        m = plan.marketplace(name) or Marketplace(name)
        posted = sum(1 for t in plan.tasks if name in t.marketplaces and t.status in POSTED_STATUSES)
        prices, ratings, proposals, hires = [], [], 0, 0
        for t in plan.tasks:
            for c in t.candidates:
                if c.marketplace != name:
                    continue
                proposals += 1
                p = c.price(t)
                if p is not None:
                    prices.append(p)
                if c.rating is not None:
                    ratings.append(c.rating)
                if c.status == "hired":
                    hires += 1
        out.append(MarketStats(name, posted, proposals,
                               median_of(prices) if prices else None,
                               median_of(ratings) if ratings else None,
                               hires, m.fee_percent, m.fee_fixed, m.notes,
                               m.fee_currency if m.fee_currency != plan.business.currency else None))
    return out


def experience_text(plan: Plan) -> str:
    """``3 job(s) outsourced (2 before, 1 task done here)``: the count the advisor reads
    (:meth:`advisor.plan.model.Plan.experience`), split so the owner sees where it comes from."""
    before, done = plan.business.completed_jobs or 0, plan.tasks_done()
    if not done:
        return f"{before} job(s) outsourced before"
    parts = ([f"{before} before"] if before else []) + [f"{done} task(s) done here"]
    return f"{plan.experience()} job(s) outsourced ({', '.join(parts)})"
