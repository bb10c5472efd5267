"""``outsource history``: the decision log, newest first (the app's ``H`` screen shows the same)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    from advisor.commands import add_command

    p = add_command(sub, "history", help="list who changed what and when, newest first",
                      description="The workspace's decision log, newest first: when, who, what changed "
                                  "and the advice that was open on that task at that moment.")
    p.add_argument("--task", metavar="ID", help="only the changes about this task")
    p.add_argument("--limit", type=int, default=200, metavar="N",
                   help="at most N changes (default: 200, at most 1,000)")
    p.add_argument("--skip", type=int, default=0, metavar="N",
                   help="leave out the N newest changes (the next page: --skip 200)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from advisor.commands import settings_from
    from advisor.advice.decisions import entry_json, entry_lines
    from advisor.files import escape_c1
    from advisor.errors import AdvisorError
    from advisor.storage.workspace import MAX_HISTORY_PAGE, Workspace

    if not 1 <= args.limit <= MAX_HISTORY_PAGE:  # every row is held and written at once
        raise AdvisorError(f"must be between 1 and {MAX_HISTORY_PAGE:,}, not {args.limit:,}", field="--limit",
                           hint="page through older changes with --skip")
    if args.skip < 0:
        raise AdvisorError(f"must be 0 or more, not {args.skip:,}", field="--skip")
    with Workspace.open_for_reading(settings_from(args).db_path) as ws:
        entries = ws.history(args.limit, task=args.task, skip=args.skip)
    if args.format == "json":
        sys.stdout.write(escape_c1(json.dumps([entry_json(e) for e in entries], indent=2,
                                              ensure_ascii=False), json=True) + "\n")
        return 0
    if not entries:
        sys.stdout.write("No changes recorded" + (f" for task {args.task}" if args.task else "") + ".\n")
    for e in entries:
        sys.stdout.write("\n".join(entry_lines(e)) + "\n")
    return 0
