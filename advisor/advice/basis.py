"""What the advice was computed with: the merged rule settings, the owner's red-flag phrase lists,
``key_criterion_low`` and the value weights, as one object (:class:`Basis`).

The rules read the owner's lists and thresholds; every other view of the same advice (the
Ranking in ``check`` text and JSON, the report, the app's table and compare screen, the next
steps) reads this same object, so no view recomputes with the built-in lists while the rules
used the owner's (issue 21: the same advice in the same order everywhere). The built-in lists
and defaults are used only when there is no config (:func:`builtin`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Mapping

from advisor.phrases import PhraseMatcher, candidate_matcher
from advisor.rules.exclusion import key_criterion_low_of
from advisor.settings import DEFAULT_RULE_SETTINGS


def merge_settings(*layers: Mapping[str, Any] | None) -> dict[str, Any]:
    """The rule settings in effect: the defaults, then each layer in turn (the config's
    ``[advisor.settings]``/``[advisor.phrases]``, then the ruleset's). The one merge the Advisor
    and every view use."""
    out: dict[str, Any] = dict(DEFAULT_RULE_SETTINGS)
    for layer in layers:
        out.update(layer or {})
    return out


@dataclass(frozen=True, eq=False)
class Basis:
    """The inputs every view of the advice shares (built once per setup; compared by identity)."""

    settings: Mapping[str, Any] = field(default_factory=lambda: dict(DEFAULT_RULE_SETTINGS), repr=False)
    #: the red-flag lists: built-in plus the config's ``[advisor.phrases]``
    phrases: PhraseMatcher = field(default_factory=lambda: candidate_matcher(None), repr=False)
    #: a key-criterion score at or under this rules a candidate out
    key_criterion_low: float = float(DEFAULT_RULE_SETTINGS["key_criterion_low"])
    #: the Ranking's weights (``[value]``; None: the defaults)
    weights: Any = None
    #: (weights, this basis with them): the app asks on every keystroke, and its memos compare
    #: the basis by identity
    _weighted: list = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, *layers: Mapping[str, Any] | None, weights: Any = None) -> "Basis":
        """The basis for the settings ``layers`` (see :func:`merge_settings`) and ``weights``."""
        settings = merge_settings(*layers)
        return cls(settings, candidate_matcher(settings), key_criterion_low_of(settings), weights)

    @classmethod
    def of_rules(cls, rules: Any, weights: Any = None) -> "Basis":
        """The basis of a ruleset (its ``settings`` are the merged ones it was parsed with);
        without settings, the built-in one."""
        settings = getattr(rules, "settings", None)
        if not settings and weights is None:
            return builtin()
        return cls.of(settings, weights=weights)

    def weighted(self, weights: Any) -> "Basis":
        """This basis with the Ranking's ``weights`` (the config's ``[value]``)."""
        if weights is self.weights:
            return self
        last = self._weighted
        if last and last[0] is weights:
            return last[1]
        out = Basis(self.settings, self.phrases, self.key_criterion_low, weights)
        last[:] = [weights, out]
        return out


@functools.lru_cache(maxsize=1)
def builtin() -> Basis:
    """The basis without any config: the built-in lists and the default settings."""
    return Basis.of()


def basis_or_builtin(basis: Basis | None) -> Basis:
    return basis if basis is not None else builtin()
