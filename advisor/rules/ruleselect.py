"""Choosing which rules run, the way linters do: ``--select`` and ``--ignore`` take rule ids or
pack names, comma-separated (``--select practice --ignore bid-far-below-median``).

``select`` keeps only the rules it names (all when empty); ``ignore`` then drops those it names.
Both apply to the rules the config leaves in effect (its ``[advisor] select`` / ``ignore`` first).
A name that is neither a rule id nor a pack in effect is refused, naming the closest one, so a
typo never silently checks everything.
"""

from __future__ import annotations

import difflib
from typing import Iterable

from advisor.errors import RuleError
from advisor.rules.rulepack import Ruleset, redirect_note


def split_names(values: Iterable[str] | None) -> list[str]:
    """``["a,b", "c"]`` (a repeated, comma-separated option) -> ``["a", "b", "c"]``."""
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def _expand(names: list[str], ruleset: Ruleset, option: str) -> set[str]:
    ids = set(ruleset.ids)
    packs: dict[str, set[str]] = {}
    for r in ruleset:
        packs.setdefault(r.pack, set()).add(r.id)
    chosen: set[str] = set()
    for name in names:
        named = ruleset.named(name)  # a rule id, or a former id (renamed or split)
        if named:
            chosen |= named
        elif name in packs:
            chosen |= packs[name]
        else:
            close = difflib.get_close_matches(name, sorted(ids | set(packs)), n=1)
            hint = (f"did you mean {close[0]}?" if close else
                    "run `outsource rules list`; the config's [advisor] select / ignore may leave it out")
            raise RuleError(f"{option}: {name!r} is neither a rule id nor a rule pack in effect", hint=hint)
    return chosen


def redirect_notes(ruleset: Ruleset, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[str]:
    """A note for each name in ``select`` / ``ignore`` that is a former rule id, naming the rules
    it now stands for (``--ignore interview-before-hire`` also ignores the two rules split
    from it)."""
    out = []
    for option, names in (("--select", select), ("--ignore", ignore)):
        for name in names:
            note = redirect_note(name, ruleset, option)
            if note is not None:
                out.append(note)
    return out


def select_rules(ruleset: Ruleset, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Ruleset:
    """The rules ``select`` names (all when it names none), less those ``ignore`` names."""
    select, ignore = list(select), list(ignore)
    if not select and not ignore:
        return ruleset
    keep = _expand(select, ruleset, "--select") if select else set(ruleset.ids)
    keep -= _expand(ignore, ruleset, "--ignore")
    return ruleset.without(set(ruleset.ids) - keep)
