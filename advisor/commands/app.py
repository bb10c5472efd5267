"""``outsource`` (the app, through the launcher the top level passes) and ``outsource summary`` (the workspace as plain text).

The summary keeps the core usable without the terminal app: scripts, or a quick look over ssh.
"""

from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    from advisor.commands import add_command

    p = add_command(sub, "summary", help="print a plain-text summary of the workspace",
                      description="Print the business, marketplaces and every task with its status "
                                  "and candidate counts.")
    p.set_defaults(func=run_summary)


def run_app(args: argparse.Namespace) -> int:
    """Open the terminal app on the workspace these settings name."""
    from advisor.commands import settings_from

    return launch(args, with_flags(settings_from(args), args))


def with_flags(settings, args: argparse.Namespace):
    """App-only flags on top of the layered settings."""
    from dataclasses import replace

    if getattr(args, "no_mouse", False):
        settings = replace(settings, ui=replace(settings.ui, mouse=False))
    theme = getattr(args, "theme", None)
    if theme:
        import os

        # this run's explicit choice, over the theme last picked in the app; the environment
        # also carries it to `outsource serve`'s app processes
        os.environ["OUTSOURCE_THEME"] = theme[:64]
        settings = replace(settings, ui=replace(settings.ui, theme=theme[:64]))
    return settings


def launch(args: argparse.Namespace, settings) -> int:
    """Run the terminal app through the launcher the top level handed ``advisor.cli.main``
    (``args.launch_app``): the core never imports the app."""
    from advisor.errors import AdvisorError

    launch_app = getattr(args, "launch_app", None)
    if launch_app is None:
        raise AdvisorError("the terminal app is not available from this entry point",
                           hint="run the installed `outsource` command, or a subcommand (see --help)")
    return int(launch_app(settings) or 0)


def run_summary(args: argparse.Namespace) -> int:
    from advisor.commands import settings_from

    return print_summary(settings_from(args).db_path)


def print_summary(db_path) -> int:
    from advisor.storage.workspace import Workspace

    with Workspace.open_for_reading(db_path) as ws:
        plan = ws.load_plan()
    sys.stdout.write(summary_text(plan, str(db_path)))
    return 0


def summary_text(plan, where: str) -> str:
    """The plan in a few lines: what a reader needs to pick the next thing to do."""
    from advisor.advice.insights import experience_text
    from advisor.plan.model import SHORTLIST_STATUSES
    from advisor.plan.money import format_money
    from advisor.text import plain

    b = plan.business
    lines = [f"Workspace: {plain(where, newlines=False)}",
             f"Business:  {plain(b.name, newlines=False)} ({b.currency}), "
             f"{experience_text(plan)}"]
    if plan.marketplaces:
        markets = ", ".join(f"{plain(m.name, newlines=False)} ({m.fee_percent or 0:g}% + "
                            f"{format_money(m.fee_fixed or 0, m.fee_currency or b.currency, b.locale)})"
                            if m.fees_known else f"{plain(m.name, newlines=False)} (fees unknown)"
                            for m in plan.marketplaces)
        lines.append(f"Marketplaces: {markets}")
    skills = {r.skill for r in plan.rates}
    lines.append(f"Rate research: {len(plan.rates)} observation(s) for {len(skills)} skill(s)")
    if not plan.tasks:
        lines.append("No tasks yet. Import a plan: outsource import plan.toml")
        return "\n".join(lines) + "\n"
    lines.append(f"Tasks ({len(plan.tasks)}):")
    width = max(len(t.id) for t in plan.tasks)
    for t in plan.tasks:
        n = len(t.candidates)
        short = sum(c.status in SHORTLIST_STATUSES for c in t.candidates)
        hired = sum(c.status == "hired" for c in t.candidates)
        budget = "no budget" if t.budget is None else (
            f"budget {format_money(t.budget, b.currency, b.locale)}" + ("/h" if t.pricing == "hourly" else " fixed"))
        extra = f", {hired} hired" if hired else ""
        flag = " [critical]" if t.critical else ""
        lines.append(f"  {t.id:<{width}}  {t.status:<9} {plain(t.title, newlines=False)}{flag}")
        lines.append(f"  {'':<{width}}  {'':<9} {n} candidate(s), {short} shortlisted{extra}; {budget}")
    return "\n".join(lines) + "\n"
