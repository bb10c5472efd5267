"""Every reach into Textual's private API, in one place, each with why.

Textual is accepted over a range (pyproject: ``textual>=8.2.8,<9``); these uses were tested with
the versions in ``TESTED_TEXTUAL``. Each use checks, when it runs, that the private attributes it
needs exist (:data:`PRIVATE`, :func:`reach`); where one is missing (a Textual that renamed it) the
use takes the public path or does without the optimisation, and logs that once, instead of
crashing the app. On a version not in ``TESTED_TEXTUAL`` the app starts with a warning
(:func:`untested_warning`): a private cache's key shape could have changed without a name
changing. To add a version: run ``tests/test_tui_*.py`` on it (docs/development.md), then add it.

Public seams are used where Textual has one: ``App.get_line_filters`` (the no-colour filter),
``App.set_keymap``, ``replace_option_prompt_at_index``, ``DataTable.update_cell`` (the slow
paths here fall back to them).

The private uses:

1. ``App._keymap``: the keys in effect after ``[keys]`` remapping, for the keys screen and the
   footer hints (``set_keymap`` has no getter).
2. ``DOMNode._bindings``: a node's bindings as its class declared them, with ids (the public
   ``active_bindings`` only covers the focused chain).
3. ``App._fatal_error`` (overridden by the app), ``App._exit_renderables`` and
   ``App._close_messages_no_wait``: an unexpected exception prints one line and the log file's
   path instead of Rich's traceback (``App.exit(message=...)`` posts a message, which a failing
   app may never process).
4. DataTable's render caches (``_cell_render_cache``, ``_row_render_cache``,
   ``_row_renderable_cache``, ``_line_cache``), ``_row_locations``, ``_column_locations``,
   ``_data``, ``_get_row_region``: ``RowUpdateTable.update_cell`` redraws one row, not the table.
5. OptionList's ``_update_lines`` (overridden), ``_line_cache``, ``_option_render_cache``,
   ``_clear_caches``, ``_get_left_gutter_width``, ``_get_visual``, ``Option._divider`` and
   ``Option._set_prompt``: ``QuickOptionList`` redraws one option, and lays out only when the
   scrollbar appears or goes.
6. A message pump's ``_message_queue`` and ``_next_callbacks``: :func:`pump_has_work`, how the
   app's key pump knows the previous key has been handled everywhere before it delivers the
   next (keys typed in a burst act as if typed slowly).
8. ``Screen._on_screen_resume``: a form shown for the first time keeps the styles its widgets
   were given when mounted a moment before, and a kept form shown again keeps its styles while
   ``App._css_update_count`` (Textual's CSS generation: a theme change bumps it) is the same
   (:func:`first_showing`); Textual restyles the whole screen on every resume, a third of a
   form's opening. ``App._background_screens``: a form's
   first ``Resize`` (its own first layout posts it) need not lay out again the screens under it
   (:func:`resize_already_laid_out`).
9. ``App.update_styles`` (overridden; undocumented, called by Textual whenever a node's classes
   or pseudo-classes change): a node not yet in the DOM is not styled (:class:`StylesWhenMounted`).
10. ``Input._watch_value`` (overridden by :class:`TextInput`): Textual's Input sets its
   ``virtual_size`` on every keystroke, a reactive that lays out the whole screen and so redraws
   it in full, a modal's dimmed background included (33 ms a character in the import dialog, the
   same in every form). A field whose size does not follow its text needs no layout for that: it
   is repainted. Renamed in a later Textual, the override is never called and typing takes
   Textual's own (slower) path.
11. ``Screen._compositor_refresh`` and ``Screen._repaint_required`` (wrapped once,
    :func:`install`): a screen under a dialog or form that repaints any part of itself marks
    itself for a *whole* repaint on its next update, and that update marks it again, so from
    then on every message it handles (the key pump's markers, one per typed key) redraws the
    top screen in full, its dimmed copy of the screen below included. The screen below
    repaints in full anyway when it is shown again (Textual lays it out and refreshes it on
    resume), so the mark is dropped while it is under another screen.
12. ``Screen._on_timer_update``, ``_on_screen_suspend`` and ``_layout_required`` (wrapped
    once, :func:`install`), with the marks of use 11: a screen shown again (a kept form) is
    drawn in one frame, not three. An update that lays the screen out draws a frame and, when
    the whole screen is marked too, at once a second, whole one: the first is skipped. And
    ``push_screen`` marks the screen going under for a whole repaint, which redrew the screen
    on top in full (its dimmed copy of the one under included) right after its first frame;
    that first frame is whole and draws the screen under as it is, so the mark is dropped when
    the screen is suspended (its later changes still show through, widget by widget).
7. textual-serve's ``AppService._process``: ``outsource serve`` kills an app that has not quit
   5 s after it was asked (a hung app must not outlive the server); textual-serve has no public
   handle on the process (checked: textual-serve 1.1).
"""

from __future__ import annotations

import logging
import re
from importlib.metadata import version as _version
from typing import Any

log = logging.getLogger("tui.textual_hacks")

#: Textual versions these private uses were tested with (tests/test_tui_table.py compares the
#: widgets' frames with Textual's own; tests/test_tui_keys_and_safety.py covers keys and crashes).
TESTED_TEXTUAL = ("8.2.8",)
#: The range pyproject accepts: [lowest, below).
TEXTUAL_RANGE = ((8, 2, 8), (9,))

#: The private attributes each use needs, looked up on the object it is used on (most are set in
#: ``__init__``, so they cannot be checked on the class at import).
PRIVATE: dict[str, tuple[str, ...]] = {
    "keymap": ("_keymap",),
    "bindings": ("_bindings",),
    "fatal": ("_exit_renderables", "_close_messages_no_wait"),
    "table": ("_cell_render_cache", "_row_render_cache", "_row_renderable_cache", "_line_cache",
              "_row_locations", "_column_locations", "_data", "_get_row_region"),
    "options": ("_line_cache", "_option_render_cache", "_clear_caches", "_get_left_gutter_width",
                "_get_visual"),
    "option": ("_divider", "_set_prompt"),
    "pump": ("_message_queue", "_next_callbacks"),
    "screens": ("_background_screens",),
    "repaint": ("_compositor_refresh", "_repaint_required", "_layout_required"),
    "css": ("_css_update_count",),
}
_told: set[str] = set()


def reach(obj: Any, use: str) -> bool:
    """Has ``obj`` every private attribute ``use`` needs? False (logged once per use): the caller
    takes the public path or skips the optimisation."""
    missing = [name for name in PRIVATE[use] if not hasattr(obj, name)]
    if not missing:
        return True
    if use not in _told:
        _told.add(use)
        log.warning("Textual %s has no %s.%s: %r falls back to the public path", TEXTUAL_VERSION,
                    type(obj).__name__, missing[0], use)
    return False


def _parse(v: str) -> tuple[int, ...]:
    m = re.match(r"(\d{1,6})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?", v)
    return tuple(int(g) for g in m.groups() if g is not None) if m else ()


def untested_warning(installed: str | None = None) -> str | None:
    """One line for the app to show at start when the installed Textual is not one these uses
    were tested with (None when it is)."""
    installed = installed or TEXTUAL_VERSION
    if installed in TESTED_TEXTUAL:
        return None
    low, below = TEXTUAL_RANGE
    inside = low <= _parse(installed) < below
    where = ("not yet tested" if inside else
             f"outside the supported range (>={'.'.join(map(str, low))},<{'.'.join(map(str, below))})")
    return (f"Textual {installed} is {where}: the app was tested with {', '.join(TESTED_TEXTUAL)} "
            f"and may draw or redraw wrongly; to be safe: pip install textual=={TESTED_TEXTUAL[-1]}")


TEXTUAL_VERSION = _version("textual")


# 1, 2: keys -------------------------------------------------------------------------------

def keymap(app: Any) -> dict[str, str]:
    """The app's ``[keys]`` remapping in effect: binding id -> keys (without the private reach:
    none, so hints show the default keys)."""
    if not reach(app, "keymap"):
        return {}
    return dict(app._keymap or {})


def declared_bindings(node: Any) -> list[Any]:
    """The ``Binding`` objects a node's class declares (one per key it lists)."""
    if reach(node, "bindings"):
        bindings_map = node._bindings
    else:  # what Textual's DOMNode._merge_bindings does, from the public BINDINGS
        from textual.binding import BindingsMap

        keys: dict[str, Any] = {}
        for base in reversed(type(node).__mro__):
            if "BINDINGS" in base.__dict__:
                keys.update(BindingsMap(base.__dict__["BINDINGS"]).key_to_bindings)
        bindings_map = [(k, b) for k, bs in keys.items() for b in bs]
    return [binding for _key, binding in bindings_map]


# 3: crashes -------------------------------------------------------------------------------

def exit_with_message(app: Any, renderable: Any) -> None:
    """From ``_fatal_error``: print ``renderable`` when the app has exited, and exit now."""
    if not reach(app, "fatal"):
        app.exit(return_code=1, message=renderable)  # public, but a posted message
        return
    app._exit_renderables.append(renderable)
    app._close_messages_no_wait()


# 4: DataTable -----------------------------------------------------------------------------

def table_cell_in_place(table: Any, row_key: Any, column_key: Any, value: object) -> bool:
    """Store a cell's new value without DataTable's table-wide refresh, when the column exists
    (False: the caller takes DataTable's own path)."""
    if not reach(table, "table") or column_key not in table._column_locations:
        return False
    table._data[row_key][column_key] = value
    return True


def forget_table_row(table: Any, row_key: Any) -> bool:
    """Drop the cached renderings of one row (cells, the row's lines, the screen lines it covers)
    and repaint its region; the other rows' caches stay valid. False: no such row (or a Textual
    without these caches: the caller refreshes the table)."""
    if not reach(table, "table"):
        return False
    index = table._row_locations.get(row_key)
    if index is None:
        return False
    # Cell and row caches start with the row key: the very object DataTable stores in
    # _row_locations and Row.key (compared by identity: StringKey.__eq__ is a Python call per
    # entry); row renderables are (count, index).
    key = table._row_locations.get_key(index)
    for cache in (table._cell_render_cache, table._row_render_cache):
        for k in [k for k in cache.keys() if k[0] is key]:
            cache.discard(k)
    for k in [k for k in table._row_renderable_cache.keys() if k[1] == index]:
        table._row_renderable_cache.discard(k)
    # Line caches start with the line's y in the whole table (header included).
    region = table._get_row_region(index)
    ys = range(region.y, region.y + region.height)
    for k in [k for k in table._line_cache.keys() if k[0] in ys]:
        table._line_cache.discard(k)
    table.refresh_row(index)
    return True


# 5: OptionList ----------------------------------------------------------------------------

def replace_one_prompt(option_list: Any, index: int, prompt: Any) -> bool:
    """Replace option ``index``'s prompt and redraw only it, when the new prompt has as many
    lines as the old one. False: the caller uses ``replace_option_prompt_at_index``."""
    option = option_list.get_option_at_index(index)
    if not (reach(option_list, "options") and reach(option, "option")):
        return False
    lines = option_list._line_cache
    height = lines.heights.get(index)
    region = option_list.scrollable_content_region
    if height is None or not region or option._divider:
        return False
    padding = option_list.get_component_styles("option-list--option").padding
    width = region.width - option_list._get_left_gutter_width()
    option._set_prompt(prompt)
    if option_list._get_visual(option).get_height(option_list.styles, width - padding.width) != height:
        option_list._clear_caches()  # what replace_option_prompt_at_index does
        return True
    cache = option_list._option_render_cache
    for key in [k for k in cache.keys() if k[0] is option]:
        cache.discard(key)
    y = lines.index_to_line[index] - option_list.scroll_offset.y
    option_list.refresh(type(region)(0, y, region.width, height))
    return True


# 6: message pumps --------------------------------------------------------------------------

def pump_has_work(pump: Any) -> bool:
    """Has ``pump`` (the app, a screen, a widget) a message waiting in its queue, or a
    ``call_next`` callback? Textual has no public "settled" test outside Pilot (which waits on
    wall-clock idleness); the app's key pump reads this after a round of ``call_later`` markers
    (see ``OutsourceApp._until_settled``). Without the private reach: False (keys are then
    delivered after the markers' round alone)."""
    if not reach(pump, "pump"):
        return False
    return bool(pump._message_queue.qsize() or pump._next_callbacks)


# 7: textual-serve --------------------------------------------------------------------------

def served_app_process(app_service: Any) -> Any:
    """The child process of one ``outsource serve`` session (None when not started)."""
    return getattr(app_service, "_process", None)


# 8: screens --------------------------------------------------------------------------------

def first_showing(screen: Any, event: Any) -> None:
    """Called from a screen's ``_on_screen_resume`` override before Textual's own: a resume
    restyles every node only when the app's CSS changed (a theme) since the screen was last
    styled. The first resume of a screen just mounted (its nodes were styled when mounted) and
    the next showing of a kept form (tui.screens.formcache) skip it; a class or focus change
    made while it was hidden restyled its own node then. Without the private counter: the
    first resume only."""
    if not hasattr(event, "refresh_styles"):  # a Textual without it: restyle as it does
        return
    app = screen.app
    stamp = app._css_update_count if reach(app, "css") else None
    if not getattr(screen, "_resumed_once", False):
        screen._resumed_once = True
        event.refresh_styles = False
    elif stamp is not None and getattr(screen, "_styled_at", None) == stamp:
        event.refresh_styles = False
    screen._styled_at = stamp


def resize_already_laid_out(screen: Any, event: Any) -> bool:
    """True for the ``Resize`` a screen's own first layout posts (its size from nothing to the
    terminal's) when every screen under it has that size too: Textual's ``Screen._on_resize``
    would lay out the screen again and every screen under it (the main screen behind a form),
    though no size changed. The caller then stops Textual's handler (``prevent_default``). A
    real terminal resize comes with a new size and goes the usual way; so does a screen with
    breakpoints (its classes are set there)."""
    app = screen.app
    if not reach(app, "screens"):
        return False
    if app.HORIZONTAL_BREAKPOINTS or app.VERTICAL_BREAKPOINTS or screen.HORIZONTAL_BREAKPOINTS \
            or screen.VERTICAL_BREAKPOINTS:
        return False
    return screen.outer_size == event.size and all(
        s.outer_size == event.size for s in app._background_screens)


def _input_class() -> Any:
    from textual.widgets import Input

    class TextInput(Input):
        """Textual's Input, repainted rather than laid out as it is typed into (use 10 above)."""

        _typing = False

        def _watch_value(self, value: str) -> None:
            self._typing = True
            try:
                super()._watch_value(value)
            finally:
                self._typing = False

        def refresh(self, *regions: Any, repaint: bool = True, layout: bool = False,
                    recompose: bool = False) -> Any:
            if layout and self._typing and not self.styles.auto_dimensions:
                layout = False  # the text's width moved, the field's own size did not
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    return TextInput


#: The app's one-line text field (forms, dialogs, the filter box): see use 10.
TextInput = _input_class()


def install() -> None:
    """Textual changes the app needs whatever screen is shown (uses 11 and 12); idempotent."""
    from textual.screen import Screen

    refresh = Screen.__dict__.get("_compositor_refresh")
    timer = Screen.__dict__.get("_on_timer_update")
    suspend = Screen.__dict__.get("_on_screen_suspend")
    if refresh is None or getattr(refresh, "_outsource", False):
        return

    def _compositor_refresh(self: Any) -> None:
        app = self.app
        if getattr(self, "_outsource_updating", False) and self is app.screen and not app.is_inline \
                and reach(self, "repaint") and self._layout_required and self._repaint_required:
            return  # the same update repaints the whole screen next: one frame, not two (use 12)
        refresh(self)
        if self is not app.screen and not app.is_inline and reach(self, "repaint") \
                and reach(app, "screens") and self in app._background_screens:
            self._repaint_required = False  # repainted in full when shown again (use 11)

    _compositor_refresh._outsource = True  # type: ignore[attr-defined]
    Screen._compositor_refresh = _compositor_refresh  # type: ignore[method-assign]

    if timer is not None:
        def _on_timer_update(self: Any) -> None:
            self._outsource_updating = True
            try:
                timer(self)
            finally:
                self._outsource_updating = False

        Screen._on_timer_update = _on_timer_update  # type: ignore[method-assign]

    if suspend is not None:
        def _on_screen_suspend(self: Any) -> None:
            suspend(self)
            if not self.app.is_inline and reach(self, "repaint"):
                self._repaint_required = False  # drawn in full under the screen shown (use 12)

        Screen._on_screen_suspend = _on_screen_suspend  # type: ignore[method-assign]


# 9: styling ---------------------------------------------------------------------------------

class StylesWhenMounted:
    """Mixed into the app before ``App``: Textual restyles a node (and all under it) whenever its
    classes change, even before it is mounted: a widget built with ``compact=True`` or a value
    restyled itself two or three times before mounting styled it once more (35 of a form's ~320
    stylesheet applications). A node not yet in the DOM is skipped: mounting applies the
    stylesheet to it anyway."""

    def update_styles(self, node: Any, animate: bool = True) -> None:
        if node is not self and not node.is_attached:
            return
        super().update_styles(node, animate)  # type: ignore[misc]
