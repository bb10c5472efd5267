"""``outsource export FILE``: the workspace as a plan file (``-`` writes to standard output).

The file is written atomically (a reader sees the old file or the new one, never half) with
mode 0600, since it holds the same personal data about candidates as the workspace.
"""

from __future__ import annotations

import argparse


def register(sub) -> None:
    from advisor.commands import add_common

    p = sub.add_parser("export", help="write the workspace as a plan file (.toml)",
                       description="Write the whole workspace as a plan file in the documented format "
                                   "(`outsource help plan-format`). Use - for standard output.")
    p.add_argument("file", metavar="FILE", help="where to write the plan, or - for standard output")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_common(p)
    p.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from advisor.commands import settings_from
    from advisor.errors import AdvisorError
    from advisor.storage.planfile import dumps_plan
    from advisor.files import write_atomic
    from advisor.storage.workspace import Workspace

    db_path = settings_from(args).db_path
    if args.file != "-":
        dest = Path(args.file)
        if dest.is_dir():
            raise AdvisorError("is a folder; give a file name such as plan.toml", file=dest)
        if dest.exists() and not args.force:
            raise AdvisorError("already exists; not overwriting it", file=dest, hint="add --force to overwrite")
    with Workspace.open_for_reading(db_path) as ws:
        plan = ws.load_plan()
    text = dumps_plan(plan)
    if args.file == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    # The check above gives the hint; overwrite=False also refuses a file that appeared since.
    write_atomic(dest, text.encode("utf-8"), mode=0o600, overwrite=args.force)
    n = sum(len(t.candidates) for t in plan.tasks)
    print(f"exported {len(plan.tasks)} task(s), {n} candidate(s) to {dest}")
    return 0
