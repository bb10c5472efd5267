"""Helpers for the app's Pilot tests: a workspace made from the bakery demo, a deterministic app."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 25)


_demo_workspace: bytes | None = None


def _log_stamp() -> tuple:
    """Who and when the workspace's decision log records (tests fix both to draw the History)."""
    import advisor.storage.handle as handle

    return handle.now, handle.os_user


_REAL_STAMP = _log_stamp()


def make_workspace(path: Path, plan=None) -> Path:
    """A workspace at ``path`` holding ``plan`` (by default the bakery demo). The demo one is
    made once per test process and copied (a closed workspace is one self-contained file):
    ~0.15 s of CPU each, for the ~100 tests that start the app on it. A test that fixes the
    log's clock or user gets its own, made with them."""
    global _demo_workspace
    shared = plan is None and _log_stamp() == _REAL_STAMP
    if shared and _demo_workspace is not None:
        import os

        from advisor.files import private_dir

        private_dir(path.parent)  # the folder 0700 and the file 0600, as Workspace.open makes them
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(_demo_workspace)
        return path
    from advisor.storage.planfile import load_plan
    from advisor.resources import demo_plan_path
    from advisor.storage.workspace import Workspace

    plan = plan if plan is not None else load_plan(demo_plan_path())
    with Workspace.open(path) as ws:
        ws.replace_plan(plan)
    if shared and not any(Path(f"{path}{end}").exists() for end in ("-wal", "-shm", "-journal")):
        _demo_workspace = path.read_bytes()
    return path


def _share_css_parses() -> None:
    """Parse each piece of Textual CSS once per test process, not once per app: a Stylesheet
    keeps its parses for its own app only, and every app start parsed the app's CSS and every
    widget's DEFAULT_CSS again (~0.1 s of CPU each, ~250 starts a run). A parse is a pure function
    of the text, where it came from, its options and the CSS variables (the theme), all of which
    are the key here; the rules are read, never changed, by the apps that share them (each app
    already shares them between its own screens and widgets)."""
    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    if getattr(parse, "shared", False):
        return
    parsed: dict[tuple, list] = {}

    def _parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        rules = parsed.get(key)
        if rules is None:
            rules = parsed[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    _parse_rules.shared = True
    Stylesheet._parse_rules = _parse_rules


_share_css_parses()


def _shorter_idle_waits() -> None:
    """Pilot's idle test in 5 ms windows, not 20: ``pilot.press`` waits for the process to go
    idle twice after every key (Textual's ``wait_for_idle``: it sleeps in windows of
    ``SLEEP_GRANULARITY`` until one passes with under a twentieth of it in CPU), and so does
    every ``pilot.pause()``: at least 40 ms of sleep per key, ~half the wall time of the app's
    tests (forms_fit + form_reuse: 47-52 s -> 32-39 s, the same CPU). These tests never rely on
    that heuristic for correctness: :func:`settle` waits for the conditions (workers, queued
    keys and messages, the awaited advice), then for one idle window as before."""
    import textual._wait as wait

    wait.SLEEP_GRANULARITY = 0.005
    wait.SLEEP_IDLE = wait.SLEEP_GRANULARITY / 20


_shorter_idle_waits()


SNAPSHOT_RULES = Path(__file__).resolve().parent / "tui_rules"


def make_app(tmp_path: Path, plan=None, *, keys=None, rule_dirs=(), select=(), theme="textual-dark", **kw):
    from advisor.settings import Settings
    from tui.app import OutsourceApp

    db = make_workspace(tmp_path / "ws.db", plan)
    settings = Settings(db=db)
    settings = replace(settings, ui=replace(settings.ui, theme=theme),
                       advisor=replace(settings.advisor, rule_dirs=tuple(rule_dirs), select=tuple(select)))
    if keys:
        settings = replace(settings, keys=dict(keys))
    return OutsourceApp(settings, today=TODAY, blink=False, watch_seconds=0, **kw)


async def settle(pilot, timeout: float = 120.0) -> None:
    """Let queued keys, saves, the advice worker and whatever they start finish, and the screen refresh:
    returns once no worker has been running, no key is queued, no advice is awaited and no
    message or callback is waiting in the app, a screen or a widget, for three rounds in a row,
    then once more after the process has gone idle (a busy machine only makes this slower, never
    wrong: past ``timeout`` it fails rather than let a test compare a screen that is still changing).

    A round is ``pilot.pause(0)``: every widget of the screen handles what was queued before it,
    then the screen's pending refresh is done. The rounds wait for the conditions, not the clock
    (each ``pilot.pause()`` also slept at least 20 ms until the process was idle): only the last
    pause waits for idleness, for what no condition names."""
    import time

    from textual.worker import WorkerCancelled

    from tui.textual_hacks import pump_has_work

    app = pilot.app
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 3 and time.monotonic() < deadline:
        await pilot.pause(0)
        if any(not w.is_finished for w in app.workers):
            try:
                await app.workers.wait_for_complete()
            except WorkerCancelled:  # an older advice run replaced by a newer one: expected
                pass
            quiet = 0
        elif getattr(app, "keys_pending", lambda: False)():
            quiet = 0  # typed keys still queued behind a settle: not done yet
            await asyncio.sleep(0.002)
        elif getattr(app, "advice_pending", lambda: False)():
            quiet = 0  # the advice of the latest revision is on its way
            await asyncio.sleep(0.002)
        elif any(pump_has_work(p) for p in _pumps(app)):
            quiet = 0  # a message posted after the round's markers: another round
        else:
            quiet += 1
    if quiet < 3:
        # say what was still going on: a failure on a loaded machine is then a lead, not a guess
        state = {"running workers": [w.description for w in app.workers if not w.is_finished],
                 "keys pending": getattr(app, "keys_pending", lambda: None)(),
                 "advice pending": getattr(app, "advice_pending", lambda: None)(),
                 "screens": [type(s).__name__ for s in app.screen_stack]}
        raise AssertionError(f"the app did not settle within {timeout:.0f} s: {state}")
    await pilot.pause()


def _pumps(app) -> list:
    """The app, its screens and every widget of the screen on top."""
    try:
        return [app, *app.screen_stack, *app.screen.walk_children()]
    except Exception:  # no screen (the app closing)
        return [app]


async def focus_candidate(pilot, name: str) -> None:
    """Tab to the candidates table and move the cursor to ``name``."""
    from tui.widgets.panes import CandidateTable

    app = pilot.app
    table = app.screen.query_one(CandidateTable)
    table.focus()
    await pilot.pause()
    cid = next(c.id for c in app.screen.task.candidates if c.name == name)
    table.move_cursor(row=table.get_row_index(cid))
    await pilot.pause()


async def open_form(pilot, *keys: str, pane=None, kind=None):
    """The form that ``keys`` open once the app has settled (``pane``, a widget class of the main
    screen, focused first: which record ``e`` edits), as it stands after the form has settled;
    ``kind``: the form's class name, checked."""
    app = pilot.app
    await settle(pilot)
    if pane is not None:
        app.screen.query_one(pane).focus()
        await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)
    form = app.screen
    if kind is not None:
        assert type(form).__name__ == kind, [type(s).__name__ for s in app.screen_stack]
    return form


def stored_plan(app):
    from advisor.storage.workspace import Workspace

    with Workspace.open(app.settings.db_path) as ws:
        return ws.load_plan()


def screen_text(app) -> str:
    """The visible screen (with any screens under a modal) as plain text: what a user reads."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    lines = []
    for line in update.strips:
        lines.append("".join(segment.text for segment in line).rstrip())
    return "\n".join(lines)


_KEY_NAMES = {"\x13": "ctrl+s", "\t": "tab", "\r": "enter", " ": "space"}


def burst(app, text: str) -> None:
    """Post every key of ``text`` to the app in one go, as a terminal delivers a paste or a burst
    over SSH (``Pilot.press`` waits for the app to go idle after each key: ~0.1 s a key).
    ``\\x13`` is ctrl+s, ``\\t`` tab, ``\\r`` enter."""
    import unicodedata

    from textual import events
    from textual.keys import KEY_NAME_REPLACEMENTS  # Textual's names: hyphen_minus -> minus, ...

    for ch in text:
        if ch in _KEY_NAMES:
            key = _KEY_NAMES[ch]
            app.post_message(events.Key(key, None if key.startswith("ctrl+") else ch))
            continue
        key = ch if ch.isalnum() else unicodedata.name(ch).lower().replace("-", "_").replace(" ", "_")
        app.post_message(events.Key(KEY_NAME_REPLACEMENTS.get(key, key), ch))


async def type_text(pilot, text: str) -> None:
    """Type ``text`` at machine speed (:func:`burst`), then wait until the app has settled."""
    burst(pilot.app, text)
    await settle(pilot)
