"""Form screens kept between openings: the second edit-task form is the first one, refilled.

Composing and mounting a form's ~85 widgets was most of its opening (~400 ms at 80x24 on the
bench machine). A form of a kind that allows it (``FormScreen.REUSABLE``) is installed in the
app when first shown and, the next time a form of the same class with the same fields (names,
labels, kinds, options, placeholders, read-only) is asked for, that screen takes the new
record (:meth:`FormScreen.take_over`: values, title, errors, touched fields, focus marker,
scroll and focus reset, so nothing of the previous record shows) and is pushed again. Forms
whose fields differ (a new task's Id is a field, an edit's is text; a new marketplace in the
candidate's dropdown) are built afresh; at most :data:`KEEP` are kept.
"""

from __future__ import annotations

from typing import Any, Callable

from .formbase import FormScreen

#: forms kept installed at most (the oldest shown is dropped first)
KEEP = 4


def show_form(app: Any, form: FormScreen, callback: Callable[[Any], Any] | None = None) -> FormScreen:
    """Push ``form`` (built, not yet composed), or a kept form of its kind that took its record."""
    screen = reuse(app, form)
    app.push_screen(screen, callback)
    return screen


def reuse(app: Any, fresh: FormScreen) -> FormScreen:
    if not fresh.REUSABLE:
        return fresh
    kept: dict[tuple, FormScreen] = app.kept_forms
    key = (type(fresh), fresh.signature())
    old = kept.get(key)
    if old is not None and old in app.screen_stack:
        return fresh  # the kept one is showing (a form over a form): this one is not kept
    if old is not None:
        del kept[key]
        if old.is_attached and old.take_over(fresh):
            kept[key] = old  # the most recently shown last
            return old
        _drop(app, old)
    for other in [k for k, s in kept.items() if s not in app.screen_stack][:max(0, len(kept) + 1 - KEEP)]:
        _drop(app, kept.pop(other))  # the least recently shown first
    kept[key] = fresh
    app.install_screen(fresh, name=f"form-{id(fresh)}")
    return fresh


def _drop(app: Any, screen: FormScreen) -> None:
    """Forget a kept form that is not showing: Textual may remove it."""
    app.uninstall_screen(screen)
    if screen.is_attached:
        screen.remove()
