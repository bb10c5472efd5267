"""Subcommands of ``outsource``; each module has ``register(subparsers)``.

The options every command shares live here, below the command modules and ``advisor.cli`` (which
imports them), so a command never imports ``advisor.cli`` back."""

from __future__ import annotations

import argparse


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every command accepts (before or after the subcommand)."""
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="workspace file (default: $OUTSOURCE_DB or the user data dir)")
    parser.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                        help="config file (default: $OUTSOURCE_CONFIG or the user config dir)")


def settings_from(args: argparse.Namespace):
    """The layered settings for this invocation (defaults, config file, environment, flags)."""
    from advisor.settings import load_settings

    return load_settings(getattr(args, "config", None), db=getattr(args, "db", None))
