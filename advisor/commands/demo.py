"""``outsource demo``: the app on a fresh copy of the demo workspace (Bramble Bakery).

The demo has its own file in the user data folder, recreated each time, so trying things out
never touches the real workspace (``--db`` is ignored on purpose).
"""

from __future__ import annotations

import argparse


def register(sub) -> None:
    p = sub.add_parser("demo", help="open the app on a fresh demo workspace",
                       description="Recreate the demo workspace (a bakery's first outsourcing round) "
                                   "and open the app on it. Your own workspace is not touched.")
    p.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                   help="config file (default: $OUTSOURCE_CONFIG or the user config dir)")
    p.add_argument("--no-mouse", action="store_true", default=argparse.SUPPRESS, help="the app ignores the mouse")
    p.set_defaults(func=run_demo)


def demo_db_path():
    from advisor.settings import user_data_path

    return user_data_path() / "demo.db"


def make_demo(path) -> None:
    """Replace ``path`` with a new workspace holding the demo plan."""
    from advisor.errors import WorkspaceError
    from advisor.storage.planfile import load_plan
    from advisor.resources import demo_plan_path
    from advisor.storage.workspace import Workspace

    plan = load_plan(demo_plan_path())
    for suffix in ("", "-wal", "-shm"):
        try:
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"cannot replace the demo workspace: {exc.strerror or exc}", file=path) from None
    with Workspace.open(path) as ws:
        ws.replace_plan(plan, source="demo")


def run_demo(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from advisor.commands import settings_from
    from advisor.commands.app import launch, with_flags

    path = demo_db_path()
    make_demo(path)
    return launch(args, replace(with_flags(settings_from(args), args), db=path))
