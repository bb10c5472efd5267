"""``outsource import FILE``: a plan file (.toml) becomes the workspace, or a marketplace CSV
export (.csv) adds candidates to one task.

Importing a plan replaces everything, so it is refused over existing work unless ``--replace``
says so. Either import is all or nothing: a bad value anywhere imports nothing.
"""

from __future__ import annotations

import argparse


def register(sub) -> None:
    from advisor.commands import add_common

    p = sub.add_parser("import", help="import a plan (.toml), candidates (.csv) or a transaction history (--history)",
                       description="Import a plan file (.toml), which replaces the whole workspace, or a "
                                   "marketplace CSV export (.csv), which adds candidates to the task named "
                                   "by --task. Nothing is imported if any value is invalid.")
    p.add_argument("file", metavar="FILE", help="plan file (.toml) or candidates (.csv)")
    p.add_argument("--task", metavar="ID", help="the task the CSV's candidates applied for (CSV only)")
    p.add_argument("--replace", action="store_true",
                   help="replace a workspace that already has tasks or rates (plan files only)")
    p.add_argument("--history", action="store_true",
                   help="the CSV is a marketplace's transaction history (e.g. Upwork's): derive your completed "
                        "jobs, past jobs with each freelancer and spend; shows a preview first")
    p.add_argument("--marketplace", metavar="NAME",
                   help="the marketplace a --history file comes from (Upwork's is recognised by its columns)")
    p.add_argument("--rate", metavar="CUR=RATE", action="append",
                   help="convert amounts in currency CUR at RATE (one CUR in the workspace's currency), "
                        "e.g. --rate EUR=1.08; without it, amounts in another currency are refused")
    p.add_argument("--yes", action="store_true", help="save a --history import without asking")
    p.add_argument("--dry-run", action="store_true",
                   help="read and check a candidates CSV and show what would be stored, without storing it")
    add_common(p)
    p.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from advisor.commands import settings_from
    from advisor.errors import AdvisorError

    path = Path(args.file)
    kind = path.suffix.lower()
    if kind not in (".toml", ".csv"):
        raise AdvisorError("is neither a plan file (.toml) nor a CSV file (.csv)", file=path,
                           hint="name plan files *.toml and candidate exports *.csv")
    settings = settings_from(args)
    if args.history:
        if kind != ".csv" or args.task or args.replace:
            raise AdvisorError("--history reads a transaction-history CSV; it takes neither --task nor --replace",
                               file=path, hint="outsource import history.csv --history")
        from advisor.commands.transactions_import import import_history

        return import_history(path, settings.db_path, args)
    if kind == ".toml":
        return _import_plan(path, settings.db_path, args)
    return _import_csv(path, settings.db_path, args)


def _import_plan(path, db_path, args) -> int:
    from advisor.errors import AdvisorError
    from advisor.plan.lifecycle import out_of_step
    from advisor.storage.planfile import load_plan
    from advisor.session import Session
    from advisor.text import plain

    if args.task:
        raise AdvisorError("--task is for CSV files; a plan file holds its own tasks", file=path,
                           hint="drop --task")
    plan = load_plan(path)  # before opening: a bad file must not even create a workspace
    with Session.open(db_path) as session:
        if not session.ws.is_empty() and not args.replace:
            raise AdvisorError("already holds a plan; importing a plan file replaces all of it", file=db_path,
                               hint="add --replace to replace it (`outsource backup` first keeps a copy)")
        session.replace_plan(plan, source=str(path))
    n = sum(len(t.candidates) for t in plan.tasks)
    print(f"imported {len(plan.tasks)} task(s), {n} candidate(s), {len(plan.rates)} rate(s) "
          f"from {path} into {db_path}")
    for o in out_of_step(plan):  # imported as written: the owner decides
        print(f"note: task {plain(o.task, newlines=False)} is {o.status} but {o.why}; "
              f"the lifecycle would make it {o.expected}")
    return 0


def _import_csv(path, db_path, args) -> int:
    from advisor.storage.csvimport import ImportReport, read_candidates_csv
    from advisor.plan.currency import parse_rates
    from advisor.plan.money import locale_of
    from advisor.errors import AdvisorError, PlanError
    from advisor.session import Session
    from advisor.text import plain

    if args.replace:
        raise AdvisorError("--replace is for plan files; a CSV only adds candidates", file=path,
                           hint="drop --replace")
    if not args.task:
        raise AdvisorError("--task is required for a CSV file: which task did these candidates apply for?",
                           file=path, hint=f"outsource import {path} --task ID (`outsource summary` lists ids)")
    with Session.open(db_path, create=False) as session:
        plan = session.plan
        ids = [t.id for t in plan.tasks]
        if args.task not in ids:
            raise PlanError(f"there is no task {args.task!r} in the workspace", file=db_path, field="--task",
                            hint=f"task ids: {', '.join(ids)}" if ids else "import or create a task first")
        currency = plan.business.currency
        report = ImportReport()
        cands = read_candidates_csv(path, args.task, (c.id for c in plan.candidates()), currency=currency,
                                    rates=parse_rates(args.rate, currency), report=report,
                                    locale=locale_of(plan.business))
        for line in report.lines():
            print(f"note: {line}")
        if getattr(args, "dry_run", False):
            _print_dry_run(cands, currency)
            return 0
        before = plan.task(args.task).status
        session.add_candidates(args.task, cands, source=str(path))
        after = session.plan.task(args.task).status
    shown = ", ".join(c.id for c in cands[:10]) + (", ..." if len(cands) > 10 else "")
    print(f"added {len(cands)} candidate(s) to task {args.task}: {plain(shown, newlines=False)}")
    if after != before:
        print(f"task {args.task}: {before} -> {after}")
    return 0


def _print_dry_run(cands, currency: str) -> None:
    """One line per candidate that would be stored, then the total; every cell escaped."""
    from advisor.plan.money import format_money
    from advisor.text import plain

    for c in cands:
        parts = [f"{plain(c.id, newlines=False)}: {plain(c.name, newlines=False)}"]
        if c.marketplace:
            parts.append(plain(c.marketplace, newlines=False))
        if c.hourly is not None:
            parts.append(f"hourly {format_money(c.hourly, currency)}")
        if c.bid is not None:
            parts.append(f"bid {format_money(c.bid, currency)}")
        for label, value in (("rating", c.rating), ("reviews", c.reviews), ("jobs", c.jobs),
                             ("job success", c.job_success), ("country", c.country)):
            if value is not None and value != "":
                parts.append(f"{label} {plain(str(value), newlines=False)}")
        print("would add " + ", ".join(parts))
    print(f"dry run: {len(cands)} candidate(s) read, nothing stored")
