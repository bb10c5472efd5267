"""``outsource backup [PATH]`` and ``outsource restore PATH``.

Backups use SQLite's online backup, so they are consistent even while the app is open. A
restore checks the file first (integrity and that it is a workspace) and keeps the current
workspace as ``<name>.bak``, so a wrong restore can itself be undone.
"""

from __future__ import annotations

import argparse


def register(sub) -> None:
    from advisor.commands import add_common

    p = sub.add_parser("backup", help="copy the workspace to a backup file",
                       description="Copy the workspace, safely even while it is in use. Without PATH the "
                                   "copy goes next to the workspace, named with the date and time.")
    p.add_argument("path", metavar="PATH", nargs="?", help="backup file or folder (default: next to the workspace)")
    add_common(p)
    p.set_defaults(func=run_backup)

    r = sub.add_parser("restore", help="replace the workspace with a backup (keeps the old one as .bak)",
                       description="Check a backup (integrity, and that it is an Outsource Advisor workspace) "
                                   "and make it the workspace. The current workspace is kept as <name>.bak.")
    r.add_argument("path", metavar="PATH", help="the backup file")
    add_common(r)
    r.set_defaults(func=run_restore)


def default_name(db_path) -> str:
    from datetime import datetime

    return f"{db_path.stem}-backup-{datetime.now():%Y%m%d-%H%M%S}{db_path.suffix or '.db'}"


def run_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from advisor.commands import settings_from
    from advisor.storage.workspace import Workspace

    db_path = settings_from(args).db_path
    if args.path is None:
        dest = db_path.with_name(default_name(db_path))
    else:
        dest = Path(args.path).expanduser()
        if dest.is_dir():
            dest = dest / default_name(db_path)
    with Workspace.open_for_reading(db_path) as ws:
        ws.backup(dest)
    print(f"backed up {db_path} to {dest}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from advisor.commands import settings_from
    from advisor.errors import WorkspaceError
    from advisor.storage.workspace import Workspace

    db_path = settings_from(args).db_path
    source = Path(args.path).expanduser()
    if source.exists() and db_path.exists() and source.resolve() == db_path.resolve():
        raise WorkspaceError("is the workspace itself; pick a backup file", file=source)
    with Workspace.open(db_path, create=False) as ws:  # restore_from checks the backup first
        bak = ws.restore_from(source)
    print(f"restored {db_path} from {source}; the previous workspace is kept in {bak}")
    return 0
