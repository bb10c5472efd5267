"""Subcommands of ``outsource``; each module has ``register(subparsers)``.

The options every command shares live here, below the command modules and ``advisor.cli`` (which
imports them), so a command never imports ``advisor.cli`` back."""

from __future__ import annotations

import argparse
from typing import Any


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every command accepts (before or after the subcommand)."""
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="workspace file (default: $OUTSOURCE_DB or the user data dir)")
    parser.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                        help="read only this config file (default: $OUTSOURCE_CONFIG, else the user config "
                             "and the nearest outsource.toml, .outsource.toml or pyproject.toml "
                             "[tool.outsource] above the current folder)")
    parser.add_argument("--no-config", action="store_true", default=argparse.SUPPRESS,
                        help="read no config file (defaults, environment and flags only)")


def add_command(sub: Any, name: str, help: str, description: str) -> argparse.ArgumentParser:
    """A subcommand's parser with the options every command accepts (:func:`add_common`)."""
    parser = sub.add_parser(name, help=help, description=description)
    add_common(parser)
    return parser


def settings_from(args: argparse.Namespace):
    """The layered settings for this invocation (defaults, config files, environment, flags)."""
    from advisor.plan.money import set_default_locale
    from advisor.settings import load_settings

    s = load_settings(getattr(args, "config", None), db=getattr(args, "db", None),
                      no_config=getattr(args, "no_config", False))
    set_default_locale(s.locale)
    return s
