"""``outsource report [--format md|html] [-o FILE]``: the advice report of the app's export, from
the command line (the same :mod:`advisor.advice.report`)."""

from __future__ import annotations

import argparse


def register(sub) -> None:
    from advisor.commands import add_command

    p = add_command(sub, "report", help="write the advice report (Markdown or HTML)",
                      description="Run the advisor over the workspace (or --plan FILE) and write the advice "
                                  "report the app exports: per task, open advice with its fix, then what "
                                  "was acknowledged. Names and notes are escaped, so they stay text.")
    p.add_argument("--plan", metavar="FILE", help="a plan file (TOML) instead of the workspace")
    p.add_argument("--format", choices=("md", "html"), default=None,
                   help="md (Markdown) or html; default: from -o's extension, else md")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from advisor.commands import settings_from
    from advisor.commands.check import _load_plan
    from advisor.errors import AdvisorError
    from advisor.advice.report import render

    fmt = args.format or ("html" if args.output and args.output.lower().endswith((".html", ".htm")) else "md")
    dest = Path(args.output) if args.output and args.output != "-" else None
    if dest is not None:
        if dest.is_dir():
            raise AdvisorError("is a folder; give a file name such as advice.md", file=dest)
        if dest.exists() and not args.force:
            raise AdvisorError("already exists; not overwriting it", file=dest, hint="add --force to overwrite")
    settings = settings_from(args)
    plan, switched_off = _load_plan(args, settings)
    findings, ruleset = evaluate(plan, settings, switched_off)
    text = render(plan, findings, fmt, rules=ruleset, weights=settings.value)
    if dest is None:
        sys.stdout.write(text)
        return 0
    from advisor.files import write_atomic

    write_atomic(dest, text.encode("utf-8"), mode=0o600)
    print(f"wrote {dest}")
    return 0


def evaluate(plan, settings, switched_off=frozenset()):
    """(findings, the ruleset that made them) for the plan with the configured rules (less those
    switched off); rule problems are warnings on stderr, as in ``check``."""
    import sys

    from advisor.engine import Advisor
    from advisor.rules.rulepack import load_rules
    from advisor.text import plain

    ruleset, problems = load_rules(settings.advisor)
    if switched_off:
        ruleset = ruleset.without(switched_off)
    advisor = Advisor(ruleset, settings.advisor)
    try:
        findings = advisor.evaluate(plan)
        problems = [*problems, *advisor.problems]
    finally:
        advisor.close()
    for p in problems:
        sys.stderr.write(f"warning: {plain(str(p))}\n")
    return findings, ruleset
