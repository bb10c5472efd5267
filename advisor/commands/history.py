"""``outsource history``: the decision log, newest first (the app's ``H`` screen shows the same)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    from advisor.commands import add_common

    p = sub.add_parser("history", help="list who changed what and when, newest first",
                       description="The workspace's decision log, newest first: when, who, what changed "
                                   "and the advice that was open on that task at that moment.")
    add_common(p)
    p.add_argument("--task", metavar="ID", help="only the changes about this task")
    p.add_argument("--limit", type=int, default=200, metavar="N", help="at most N changes (default: 200)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from advisor.commands import settings_from
    from advisor.decisions import entry_json, entry_lines
    from advisor.planfile import escape_c1
    from advisor.workspace import Workspace

    with Workspace.open_for_reading(settings_from(args).db_path) as ws:
        entries = ws.history(max(1, args.limit), task=args.task)
    if args.format == "json":
        sys.stdout.write(escape_c1(json.dumps([entry_json(e) for e in entries], indent=2,
                                              ensure_ascii=False)) + "\n")
        return 0
    if not entries:
        sys.stdout.write("No changes recorded" + (f" for task {args.task}" if args.task else "") + ".\n")
    for e in entries:
        sys.stdout.write("\n".join(entry_lines(e)) + "\n")
    return 0
