"""Choices made inside the app that should outlive it (today: the theme picked in the command
palette), kept in a small TOML file in the user state folder, apart from the config file, which
is the user's own text and is never rewritten."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "outsource-advisor"


def state_path() -> Path:
    from platformdirs import user_state_path

    return user_state_path(APP_NAME) / "ui.toml"


def saved_theme() -> str | None:
    """The theme last picked in the app, or None (no file, unreadable, or not a theme name)."""
    import tomllib

    try:
        data = tomllib.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    theme = data.get("theme")
    return theme if isinstance(theme, str) and 0 < len(theme) <= 64 else None


def save_theme(name: str) -> None:
    """Remember ``name``; a state folder that cannot be written only loses the choice."""
    import tomli_w

    from advisor.files import write_atomic

    path = state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, tomli_w.dumps({"theme": name}).encode("utf-8"), mode=0o600)
    except Exception:  # never let a preference break the app
        pass


def theme_for(configured: str) -> str:
    """The theme to start with: ``OUTSOURCE_THEME`` when set (this run's explicit choice), else the
    one last picked in the app, else the configured one."""
    if os.environ.get("OUTSOURCE_THEME"):
        return configured
    return saved_theme() or configured
