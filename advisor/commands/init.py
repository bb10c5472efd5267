"""``outsource init``: write the user config file from the documented example.

Never over an existing file: a config holds choices someone made, and losing them silently is
worse than asking them to delete it first.
"""

from __future__ import annotations

import argparse


def register(sub) -> None:
    from advisor.commands import add_command

    p = add_command(sub, "init", help="write the user config file (never over an existing one)",
                      description="Write a commented config file with every setting and its default. "
                                  "With --config PATH, write it there instead of the user config folder.")
    p.set_defaults(func=run_init)


def run_init(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from advisor.errors import ConfigError
    from advisor.files import private_dir, write_atomic
    from advisor.resources import config_example_path
    from advisor.settings import user_config_path

    dest = Path(getattr(args, "config", None) or os.environ.get("OUTSOURCE_CONFIG") or user_config_path()).expanduser()
    if dest.exists():
        raise ConfigError("already exists; not overwriting it", file=dest,
                          hint="edit it, or move it away and run `outsource init` again")
    try:
        text = config_example_path().read_bytes()
    except OSError as exc:
        raise ConfigError(f"the example config is missing: {exc.strerror or exc}",
                          file=config_example_path(), hint="reinstall outsource-advisor") from None
    try:
        private_dir(dest.parent)
    except OSError as exc:
        raise ConfigError(f"cannot create the folder: {exc.strerror or exc}", file=dest.parent) from None
    write_atomic(dest, text, mode=0o600, overwrite=False)  # the README promises 0600
    print(f"wrote {dest}")
    return 0
