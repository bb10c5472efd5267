"""Where settings come from besides the user config: the project config found by walking up from
the current folder (as ruff finds ``ruff.toml`` and Harlequin ``.harlequin.toml``), and one
``OUTSOURCE_<TABLE>_<KEY>`` environment variable per scalar setting (as uv has ``UV_…``).

The environment goes through the same validation as a config file (it is turned into the same
TOML-shaped table), so a bad value is one error naming the variable."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Mapping

from advisor.errors import ConfigError

#: File names a folder may hold, first found wins; ``pyproject.toml`` only if it has ``[tool.outsource]``.
PROJECT_FILES = ("outsource.toml", ".outsource.toml", "pyproject.toml")
#: A pyproject.toml larger than this is not looked into for ``[tool.outsource]``.
MAX_PYPROJECT_BYTES = 1024 * 1024
#: Folders walked up at most (a path deeper than this is not a real project layout).
MAX_DEPTH = 256

_BOOL = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def current_folder() -> Path:
    """The current folder, or ``.`` when it was removed under us."""
    try:
        return Path.cwd()
    except OSError:
        return Path(".")


def find_project_config(start: Path) -> Path | None:
    """The nearest project config at or above ``start``, else None. Stops at the filesystem root;
    the user's home folder is searched too (a ``~/outsource.toml`` is a project config)."""
    try:
        folder = start.resolve()
    except OSError:
        return None
    for _ in range(MAX_DEPTH):
        for name in PROJECT_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
        if folder.parent == folder:
            return None
        folder = folder.parent
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a ``[tool.outsource]`` table (or subtable); read as text, so
    a broken pyproject.toml of another tool does not stop outsource."""
    try:
        if path.stat().st_size > MAX_PYPROJECT_BYTES:
            return False
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        s = line.strip().replace(" ", "")
        if s.startswith(("[tool.outsource]", "[tool.outsource.", "[[tool.outsource.")):
            return True
    return False


def _text(raw: str) -> str:
    return raw


def _number(raw: str) -> float | int:
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("must be a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    return value


def _bool(raw: str) -> bool:
    try:
        return _BOOL[raw.strip().lower()]
    except KeyError:
        raise ValueError("must be true or false (1/0, yes/no, on/off)") from None


def _list(raw: str) -> list[str]:
    return [x.strip() for x in raw.split(",") if x.strip()]


def _paths(raw: str) -> list[str]:
    return [x for x in raw.split(os.pathsep) if x]


#: variable -> (table path, key, parser). Short aliases kept from before come first and are
#: overridden by their long names when both are set.
ENV_VARS: dict[str, tuple[tuple[str, ...], str, Callable[[str], Any]]] = {
    "OUTSOURCE_DB": (("workspace",), "db", _text),
    "OUTSOURCE_WORKSPACE_DB": (("workspace",), "db", _text),
    "OUTSOURCE_WORKSPACE_LOCALE": (("workspace",), "locale", _text),
    "OUTSOURCE_THEME": (("ui",), "theme", _text),
    "OUTSOURCE_UI_THEME": (("ui",), "theme", _text),
    "OUTSOURCE_UI_MOUSE": (("ui",), "mouse", _bool),
    "OUTSOURCE_ADVISOR_RULE_DIRS": (("advisor",), "rule_dirs", _paths),
    "OUTSOURCE_ADVISOR_SELECT": (("advisor",), "select", _list),
    "OUTSOURCE_ADVISOR_IGNORE": (("advisor",), "ignore", _list),
    "OUTSOURCE_ADVISOR_ENGINE_TIMEOUT": (("advisor",), "engine_timeout", _number),
    "OUTSOURCE_ADVISOR_ENGINE_UPDATE_TIMEOUT": (("advisor",), "engine_update_timeout", _number),
}
#: ``OUTSOURCE_ADVISOR_SETTINGS_<NAME>`` sets ``[advisor.settings] <name>`` (lower case).
SETTINGS_PREFIX = "OUTSOURCE_ADVISOR_SETTINGS_"


def env_var_names(settings: Mapping[str, Any]) -> list[str]:
    """Every variable that sets something, for the docs and ``outsource config``."""
    return list(ENV_VARS) + [SETTINGS_PREFIX + k.upper() for k in settings]


def _setting_parser(name: str, defaults: Mapping[str, Any]) -> Callable[[str], Any]:
    default = defaults.get(name)
    if isinstance(default, bool):
        return _bool
    if isinstance(default, (int, float)):
        return _number
    if isinstance(default, str):
        return _text

    def guess(raw: str) -> Any:  # a user's own setting: a number if it reads as one, else text
        try:
            return _number(raw)
        except ValueError:
            return raw

    return guess


def apply_env(s: Any, env: Mapping[str, str], apply_doc: Callable[[Any, dict, Path], Any],
              defaults: Mapping[str, Any]) -> Any:
    """``s`` with the environment's settings applied (and ``NO_COLOR``); records the variables used.
    ``apply_doc`` validates as for a config file; ``defaults``: the built-in rule settings, whose
    types say how ``OUTSOURCE_ADVISOR_SETTINGS_<NAME>`` is read."""
    used: list[str] = []
    for var in list(ENV_VARS) + sorted(k for k in env if k.startswith(SETTINGS_PREFIX)):
        raw = env.get(var)
        if not raw:
            continue
        if var in ENV_VARS:
            tables, key, parse = ENV_VARS[var]
        else:
            name = var[len(SETTINGS_PREFIX):].lower()
            tables, key, parse = ("advisor", "settings"), name, _setting_parser(name, defaults)
        if "\x00" in raw or len(raw) > 4096:
            raise ConfigError("is too long or holds a NUL character", field=f"${var}")
        try:
            value = parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{exc}, not {raw[:40]!r}", field=f"${var}") from None
        doc: dict[str, Any] = {}
        inner = doc
        for t in tables:
            inner = inner.setdefault(t, {})
        inner[key] = value
        try:
            # relative paths in the environment are relative to the current folder
            s = apply_doc(s, doc, current_folder() / "(environment)")
        except ConfigError as exc:
            raise ConfigError(exc.message, field=f"${var}", hint=exc.hint) from None
        used.append(var)
    if env.get("NO_COLOR"):
        s = replace(s, ui=replace(s.ui, no_color=True))
        used.append("NO_COLOR")
    return replace(s, env_used=tuple(used))
