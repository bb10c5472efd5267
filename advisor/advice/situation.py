"""What a Next step's phrase reads (:class:`Situation`): the plan, the task, whom the line is
about, the decision's picks, today and the basis; in a module of its own so that the phrases'
helpers (milestones, offer terms) read it without importing the phrase registry back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

from advisor.plan.money import format_money
from advisor.rules.judgements import nice_amount
from advisor.settings import DEFAULT_RULE_SETTINGS
from advisor.text import name_list

#: How many to shortlist and how many rates make a going rate (the rules' defaults).
SHORTLIST_MIN = int(DEFAULT_RULE_SETTINGS["shortlist_min"])
MIN_RATE_SAMPLES = int(DEFAULT_RULE_SETTINGS["min_rate_samples"])



@dataclass(frozen=True)
class Situation:
    """What a phrase may read: the plan, the task (None for the business), the names the line
    is about, the ids of the candidates the task's decision picked, today, and the task's field."""

    plan: Any
    task: Any
    who: str
    picks: Sequence[str]
    today: date
    #: what the advice was computed with (:class:`advisor.advice.basis.Basis`; None: built-in)
    basis: Any = None
    #: who is in the running on the task (:class:`advisor.advice.running.Running`, one per task
    #: per output): every phrase that names candidates reads its exclusions, none works them out;
    #: not given (a phrase asked on its own), it is worked out here once
    running: Any = None

    def __post_init__(self) -> None:
        if self.running is None and self.task is not None and self.plan is not None:
            from advisor.advice.running import running_of

            object.__setattr__(self, "running", running_of(self.plan, self.task, self.basis))

    @property
    def phrases(self) -> Any:
        """The red-flag lists in effect (the owner's, as the rules read them)."""
        from advisor.advice.basis import basis_or_builtin

        return basis_or_builtin(self.basis).phrases

    @property
    def key_criterion_low(self) -> float:
        from advisor.advice.basis import basis_or_builtin

        return basis_or_builtin(self.basis).key_criterion_low

    def picked(self, lacking: str | None = None) -> list[str]:
        """The names of the picks; with ``lacking``, only those without that agreement."""
        if self.task is None:
            return []
        return [c.name for c in self.task.candidates if c.id in self.picks
                and (lacking is None or lacking not in c.agreements)]

    @property
    def currency(self) -> str | None:
        return self.plan.business.currency if self.plan is not None else None

    @property
    def locale(self) -> str | None:
        return self.plan.business.locale if self.plan is not None else None

    def money(self, amount: float) -> str:
        return format_money(nice_amount(amount), self.currency, self.locale)

    @property
    def to(self) -> str:
        """" to Layla" when the decision picked someone, else ""."""
        return f" to {name_list(self.picked())}" if self.picks else ""
