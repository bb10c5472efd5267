"""User themes: TOML files in the data folder's ``themes/`` (as Posting loads its own), beside
Textual's built-in themes.

A theme file is hostile input: it holds colours only, never code or CSS. Each file is at most
16 KiB, at most 64 files are read, every key is one of :data:`KEYS`, every colour is one Textual's
``Color.parse`` accepts (``#rrggbb``, ``rgb(…)``, a named colour). A bad file gives one message
naming the file, the line and the key, and is skipped: the app starts with the other themes.

::

    name = "harbour"          # the name for --theme and [ui] theme
    dark = true
    primary = "#0178D4"       # required
    background = "#0b1620"    # optional: secondary accent foreground background surface panel
                              # boost warning error success
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

MAX_THEME_BYTES = 16 * 1024
MAX_THEME_FILES = 64
COLOURS = ("primary", "secondary", "accent", "foreground", "background", "surface", "panel", "boost",
           "warning", "error", "success")
KEYS = ("name", "dark") + COLOURS
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def themes_folder() -> Path:
    from advisor.settings import user_data_path

    return user_data_path() / "themes"


def _line(text: str, key: str | None) -> int:
    if key:
        for i, line in enumerate(text.splitlines(), 1):
            if line.split("=", 1)[0].strip() == key:
                return i
    return 1


def read_theme(path: Path):
    """(a Textual ``Theme``, None) or (None, the problem as ``file:line: key: why``)."""
    from textual.color import Color, ColorParseError
    from textual.theme import Theme

    def bad(why: str, key: str | None = None, text: str = "") -> tuple[None, str]:
        from advisor.text import plain

        where = f"{path}:{_line(text, key)}" + (f": {key}" if key else "")
        return None, plain(f"{where}: {why}", newlines=False)

    try:
        raw = path.read_bytes()[: MAX_THEME_BYTES + 1]
    except OSError as exc:
        return bad(f"cannot be read ({exc.strerror})")
    if len(raw) > MAX_THEME_BYTES:
        return bad(f"is over {MAX_THEME_BYTES // 1024} KiB; a theme is a few colours")
    try:
        text = raw.decode("utf-8")
        doc = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        return None, f"{path}:{m[1] if m else 1}: is not TOML ({str(exc)[:80]})"
    for key in doc:
        if key not in KEYS:
            return bad(f"unknown key; a theme has {', '.join(KEYS)}", key[:40], text)
    name = doc.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        return bad("must be a name of lower-case letters, digits, - and _ (at most 40)", "name", text)
    if "dark" in doc and not isinstance(doc["dark"], bool):
        return bad("must be true or false", "dark", text)
    if "primary" not in doc:
        return bad("is required", "primary", text)
    colours = {}
    for key in COLOURS:
        if key in doc:
            value = doc[key]
            try:
                if not isinstance(value, str) or len(value) > 40:
                    raise ColorParseError("not a colour")
                Color.parse(value)
            except ColorParseError:
                return bad("must be a colour such as \"#0178D4\" or \"rgb(1, 120, 212)\"", key, text)
            colours[key] = value
    return Theme(name=name, dark=doc.get("dark", True), **colours), None


def load_user_themes(folder: Path | None = None) -> tuple[list, list[str]]:
    """(the valid themes, one message per bad file) from ``folder`` (default: the data folder's
    ``themes/``); a missing folder is no themes."""
    folder = themes_folder() if folder is None else folder
    try:
        paths = sorted(p for p in folder.glob("*.toml") if p.is_file())[:MAX_THEME_FILES]
    except OSError:
        return [], []
    themes, problems = [], []
    for p in paths:
        theme, problem = read_theme(p)
        if theme is not None:
            themes.append(theme)
        else:
            problems.append(problem)
    return themes, problems


def install_themes(app, configured: str | None) -> tuple[str, list[str]]:
    """Register the user themes with ``app`` and pick the theme to start with (``--theme``, the
    ``[ui] theme`` setting or the one last picked in the app): (theme name, problems to show, one
    per bad theme file or unknown name)."""
    from advisor.storage.uistate import theme_for

    from .keymap import resolve_theme

    user_themes, problems = load_user_themes()
    for theme in user_themes:
        app.register_theme(theme)
    name, problem = resolve_theme(theme_for(configured), tuple(t.name for t in user_themes))
    return name, problems + ([problem] if problem else [])
