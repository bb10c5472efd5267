"""Themes and keys: settings names to Textual themes, and every binding of a screen.

Every action of the app is one ``Binding`` with an ``id`` (``app.quit``, ``main.shortlist``,
``form.save``...), built from its record in ``tui/actions_registry.py``. ``[keys]`` in the config maps those ids to other keys and is applied with
``App.set_keymap``; :func:`all_bindings` reports the keys in effect after remapping.
"""

from __future__ import annotations

from typing import Any, Iterator

from textual.binding import Binding

from . import actions_registry, textual_hacks

THEME_ALIASES = {
    "dark": "textual-dark",
    "light": "textual-light",
    "ansi": "ansi-dark",
    "textual-ansi": "ansi-dark",
    "ansi-light": "ansi-light",
}


def resolve_theme(name: str | None, user: tuple[str, ...] = ()) -> tuple[str, str | None]:
    """(Textual theme name, problem text or None): a built-in theme or one of the ``user`` themes
    (tui/themes.py). Unknown names fall back to textual-dark."""
    from textual.theme import BUILTIN_THEMES

    from advisor.text import plain

    name = (name or "textual-dark").strip()
    real = THEME_ALIASES.get(name, name)
    if real in BUILTIN_THEMES or real in user:
        return real, None
    known = ", ".join(sorted({*BUILTIN_THEMES, *user}))
    return "textual-dark", (f"unknown theme {plain(name[:60], newlines=False)!r}; using textual-dark "
                            f"(try dark, light, ansi or one of: {known[:160]}…)")


def describe(binding: Binding) -> str:
    """The long wording of a binding's action (from the registry), else its footer label."""
    return actions_registry.describe(binding.id, binding.description)


def effective_key(app: Any, binding: Binding) -> str:
    keymap = textual_hacks.keymap(app)
    if binding.id and binding.id in keymap:
        return keymap[binding.id]
    return binding.key


def all_bindings(app: Any, screen: Any, *, include_app: bool = True) -> Iterator[tuple[Any, Binding, str]]:
    """(node, binding, key) for the screen, every widget on it, and (optionally) the app;
    each binding id once, keys as remapped by the keymap."""
    seen: set[Any] = set()
    nodes = [screen, *screen.walk_children(with_self=False)]
    if include_app:
        nodes.append(app)
    for node in nodes:
        for binding in _class_bindings(node):
            key = effective_key(app, binding)
            ident = binding.id or (type(node).__name__, binding.action)
            if ident in seen:
                continue
            seen.add(ident)
            yield node, binding, key


def _class_bindings(node: Any) -> list[Binding]:
    out: list[Binding] = textual_hacks.declared_bindings(node)
    # one entry per binding object (a binding with "a,b" keys appears under each key)
    uniq: list[Binding] = []
    ids = set()
    for b in out:
        k = b.id or (b.action, b.description)
        if k in ids:
            continue
        ids.add(k)
        uniq.append(b)
    return uniq
