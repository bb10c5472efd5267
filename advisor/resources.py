"""Where the shipped data lives, in a source checkout and in an installed wheel.

The wheel carries ``rules/`` as ``advisor/builtin_rules`` and ``examples/`` as
``advisor/builtin_examples`` and the user guide's topics as ``advisor/builtin_docs`` (see ``pyproject.toml``); an editable install reads them from the
repository's top-level folders.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def builtin_rules_dir() -> Path:
    """The folder of the rule packs shipped with the app (``*.toml``)."""
    return _first_existing(_HERE / "builtin_rules", _HERE.parent / "rules")


def examples_dir() -> Path:
    return _first_existing(_HERE / "builtin_examples", _HERE.parent / "examples")


def docs_dir() -> Path:
    """The user guide (``docs/*.md``; the wheel carries the user topics as ``advisor/builtin_docs``)."""
    return _first_existing(_HERE / "builtin_docs", _HERE.parent / "docs")


def demo_plan_path() -> Path:
    """The plan the demo workspace is made from."""
    return examples_dir() / "bakery.toml"


def config_example_path() -> Path:
    installed = _HERE / "config.example.toml"
    return installed if installed.exists() else _HERE.parent / "config.example.toml"
