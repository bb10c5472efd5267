"""Subcommands of ``outsource``; each module has ``register(subparsers)``."""
