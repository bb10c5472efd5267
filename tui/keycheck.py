"""Checking a ``[keys]`` table against every action id of the app.

It imports every screen, so it sits above them (and below the app, which passes its own class):
``tui/keymap.py`` stays a leaf the screens can import without a cycle.
"""

from __future__ import annotations

import difflib

from . import actions_registry
from .screens import (base, compare, dialogs, finding, forms, guide, history, keys, main, marketplaces, rates, rules,
                      transfer)
from .widgets import panes


def binding_classes(app_class: type | None = None) -> list[type]:
    """Every class of the app that declares bindings (for checking a keymap and for docs); the app
    passes its own class (this module sits below the app, so it does not import it)."""
    return [*([app_class] if app_class else []), main.MainScreen, forms.FormScreen, dialogs.ConfirmScreen,
            dialogs.ReasonScreen, finding.FindingScreen, keys.KeysScreen, base.SubScreen, compare.CompareScreen,
            marketplaces.MarketplacesScreen, rates.RatesScreen, rules.RulesScreen, history.HistoryScreen,
            history.HistoryList, transfer.ImportScreen, transfer.ExportScreen,
            panes.TaskList, panes.CandidateTable, panes.AdviceList, compare.CompareTable,
            marketplaces.MarketTable, rates.RatesTable, rules.RulesTable,
            guide.GuideScreen, guide.TopicScreen, guide.LinksScreen]


def known_ids(app_class: type | None = None) -> set[str]:
    """Every action id: the registry's (each class's ``BINDINGS`` is built from it)."""
    return actions_registry.ids()


def keymap_problems(keymap: dict[str, str], app_class: type | None = None) -> list[str]:
    """Unknown action ids in the ``[keys]`` table, as sentences for a notification."""
    ids = known_ids(app_class)
    out = []
    for ident in keymap:
        if ident not in ids:
            close = difflib.get_close_matches(ident, sorted(ids), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            out.append(f"[keys] {ident!r} is not an action id{hint}; press ? to see the ids")
    return out
