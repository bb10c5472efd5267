"""``outsource demo``: the app on a fresh copy of the demo workspace (Bramble Bakery).

The demo has its own file in the user data folder, recreated each time, so trying things out
never touches the real workspace (``--db`` is ignored on purpose).
"""

from __future__ import annotations

import argparse


def register(sub) -> None:
    from advisor.cli import add_common

    p = sub.add_parser("demo", help="open the app on a fresh demo workspace",
                       description="Recreate the demo workspace (a bakery's first outsourcing round) "
                                   "and open the app on it. Your own workspace is not touched.")
    add_common(p)
    p.set_defaults(func=run_demo)


def demo_db_path():
    from advisor.settings import user_data_path

    return user_data_path() / "demo.db"


def make_demo(path) -> None:
    """Replace ``path`` with a new workspace holding the demo plan."""
    from advisor.errors import WorkspaceError
    from advisor.planfile import load_plan
    from advisor.resources import demo_plan_path
    from advisor.workspace import Workspace

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

    from advisor.cli import settings_from
    from advisor.commands.app import launch

    path = demo_db_path()
    make_demo(path)
    return launch(replace(settings_from(args), db=path))
