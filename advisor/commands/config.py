"""``outsource config``: which config files and environment variables this run uses, and the
settings they add up to (like ``ruff --show-settings``), as TOML one can copy into a file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from advisor.commands import add_command


def register(sub: Any) -> None:
    p = add_command(sub, "config", help="show which config files and environment variables are used, and the settings",
                      description="Print the config files read (lowest precedence first), the "
                                  "environment variables that set something, and the resulting "
                                  "settings as TOML. Reads nothing else and changes nothing.")
    p.add_argument("--files", action="store_true", help="print only the config files read, one a line")
    p.set_defaults(func=run, needs_engine=False)


def _q(value: Any) -> str:
    """A TOML value; text quoted and escaped (a config file is hostile: no raw escapes reach the
    terminal)."""
    from advisor.files import escape_c1

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_q(v) for v in value) + "]"
    return escape_c1(json.dumps(str(value), ensure_ascii=False), json=True)


def _key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _q(key)


def run(args: argparse.Namespace) -> int:
    from advisor.commands import settings_from
    from advisor.configenv import current_folder
    from advisor.settings import user_config_path

    s = settings_from(args)
    out = sys.stdout
    if args.files:
        for path in s.config_files:
            out.write(_q(str(path))[1:-1] + "\n")
        return 0
    out.write("# config files read, lowest precedence first:\n")
    if getattr(args, "no_config", False):
        out.write("#   none (--no-config)\n")
    for path in s.config_files:
        out.write(f"#   {_q(str(path))[1:-1]}\n")
    if not s.config_files and not getattr(args, "no_config", False):
        out.write(f"#   none (no {_q(str(user_config_path()))[1:-1]}, and no outsource.toml, "
                  f".outsource.toml or pyproject.toml [tool.outsource] above "
                  f"{_q(str(current_folder()))[1:-1]})\n")
    out.write("# environment: " + (", ".join(s.env_used) if s.env_used else "none") + "\n")
    out.write("# flags: " + (", ".join(f for f in ("--db", "--config", "--no-config")
                                       if getattr(args, f[2:].replace("-", "_"), None))
                              or "none") + "\n\n")
    a = s.advisor
    out.write("[workspace]\n")
    out.write(f"db = {_q(str(s.db_path))}\n\n")
    out.write("[advisor]\n")
    out.write(f"rule_dirs = {_q([str(d) for d in a.rule_dirs])}\n")
    out.write(f"select = {_q(a.select)}\nignore = {_q(a.ignore)}\n")
    out.write(f"engine_timeout = {_q(a.engine_timeout)}\nengine_update_timeout = {_q(a.engine_update_timeout)}\n\n")
    out.write("[advisor.severity]\n")
    for rule, level in sorted(a.severity.items()):
        out.write(f"{_key(rule)} = {_q(level)}\n")
    from advisor.phrases import SETTING_PREFIX

    out.write("\n[advisor.settings]\n")
    for key, value in a.settings.items():
        if not key.startswith(SETTING_PREFIX):  # [advisor.phrases], kept among the settings
            out.write(f"{_key(key)} = {_q(value)}\n")
    phrases = {k[len(SETTING_PREFIX):]: v for k, v in a.settings.items() if k.startswith(SETTING_PREFIX)}
    if phrases:
        out.write("\n[advisor.phrases]\n")
        for category, lines in phrases.items():
            out.write(f"{_key(category)} = {_q(str(lines).split(chr(10)))}\n")
    out.write("\n[ui]\n")
    out.write(f"theme = {_q(s.ui.theme)}\nmouse = {_q(s.ui.mouse)}\n")
    out.write(f"# no_color = {_q(s.ui.no_color)} (from NO_COLOR)\n")
    if s.keys:
        out.write("\n[keys]\n")
        for action, key in sorted(s.keys.items()):
            out.write(f"{_key(action)} = {_q(key)}\n")
    for m in s.marketplaces:
        out.write(f"\n[[marketplaces]]\nname = {_q(m.name)}\nfee_percent = {_q(m.fee_percent)}\n"
                  f"fee_fixed = {_q(m.fee_fixed)}\n")
        if m.fee_currency:
            out.write(f"fee_currency = {_q(m.fee_currency)}\n")
        if m.notes:
            out.write(f"notes = {_q(m.notes)}\n")
    return 0
