"""A rule, its examples and the ruleset in effect: what a loaded pack holds.

Split from pack loading (:mod:`advisor.rules.rulepack` builds these and re-exports the names), so
code that reads rules needs neither TOML nor the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping


@dataclass(frozen=True)
class Example:
    fires: bool
    name: str = ""
    business: Mapping[str, Any] | None = None
    task: Mapping[str, Any] | None = None
    candidate: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    title: str
    severity: str
    about: str
    when: str
    expr: Any
    message: str
    why: str
    fix: str
    examples: tuple[Example, ...] = ()
    #: The task stages (statuses) in which the rule may fire; empty: any stage. Enforced: the
    #: compiled condition is ``task.status in stages and (when)``.
    stages: tuple[str, ...] = ()
    #: Where the advice comes from (the seed article's tip, or the marketplace guidance it follows).
    source: str = ""
    file: str | None = None
    line: int | None = None
    builtin: bool = False
    #: Ids this rule's advice was given under before (a rename, or a split of a broader rule):
    #: suppressions, select/ignore, severity overrides and switches naming one of them keep
    #: covering this rule (rule ids are a public interface, as in ruff).
    formerly: tuple[str, ...] = ()
    #: Questions for the interview of a candidate this rule's advice is about (templates like
    #: ``message``): the interview kit (:mod:`advisor.advice.kit`) gathers them.
    ask: tuple[str, ...] = ()

    @property
    def namespaces(self) -> tuple[str, ...]:
        from advisor.rules.compiler import rule_namespaces

        return rule_namespaces(self.about, self.expr)


@dataclass
class Ruleset:
    """The rules in effect, in load order, plus the settings they were parsed with."""

    rules: list[Rule] = field(default_factory=list)
    settings: Mapping[str, Any] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rules]

    def without(self, rule_ids: Iterable[str]) -> "Ruleset":
        """A copy without the rules ``rule_ids`` (those switched off in a workspace); a former id
        (see :attr:`Rule.formerly`) switches off the rules it became."""
        off: set[str] = set()
        for name in rule_ids:
            off |= self.named(name)
        return Ruleset([r for r in self.rules if r.id not in off], self.settings)

    def redirects(self, name: str) -> tuple[str, ...]:
        """The ids of the rules that list ``name`` as a former id (besides ``name`` itself)."""
        return tuple(r.id for r in self.rules if name in r.formerly and r.id != name)

    def named(self, name: str) -> set[str]:
        """The rule ids ``name`` stands for: itself if it is a rule, plus the rules it was
        renamed or split into. Empty: no rule answers to it."""
        out = set(self.redirects(name))
        if any(r.id == name for r in self.rules):
            out.add(name)
        return out

    @property
    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Rule id -> its former ids, for the rules that have any."""
        return {r.id: r.formerly for r in self.rules if r.formerly}


def redirect_note(name: str, ruleset: "Ruleset", where: str) -> str | None:
    """A note when ``name`` (written in ``where``) is a former id: which rules it now stands
    for, so the owner can write the new ids. None when it is no former id."""
    moved = ruleset.redirects(name)
    if not moved:
        return None
    if ruleset.get(name) is not None:
        return (f"{where}: {name!r} was split; as before the split it covers {', '.join([name, *moved])}")
    return f"{where}: {name!r} is now {', '.join(moved)}; write the new id"
