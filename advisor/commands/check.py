"""``outsource check``: run the advisor over a plan file or the workspace, like a linter."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from ..cli import add_common

LEVELS = ("info", "warning", "risk")
_COLOURS = {"risk": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_DIM, _BOLD, _RESET = "\x1b[2m", "\x1b[1m", "\x1b[0m"


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="check a plan and report risky choices (exit 1 at or above --fail-on, default risk)",
                       description="Run the advisor's rules over a plan file (--plan) or the workspace "
                                   "and report the findings. Exit 0 when nothing at or above --fail-on "
                                   "is found, 1 when something is, 2 on bad input.")
    add_common(p)
    p.add_argument("--plan", metavar="FILE", help="a plan file (TOML, format 1) instead of the workspace")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--fail-on", choices=LEVELS, default="risk",
                   help="exit 1 when an unsuppressed finding is at least this severe (default: risk)")
    p.set_defaults(func=run)


def _load_plan(args: argparse.Namespace, settings: Any):
    """(plan, ids of the rules switched off in the workspace): a plan file has no switches."""
    if getattr(args, "plan", None):
        from ..planfile import load_plan

        return load_plan(args.plan), set()
    from ..workspace import Workspace

    ws = Workspace.open(settings.db_path)
    try:
        return ws.load_plan(), {rule for rule, on in ws.rule_switches().items() if not on}
    finally:
        ws.close()


def run(args: argparse.Namespace) -> int:
    from ..cli import settings_from
    from ..engine import Advisor
    from ..findings import severity_rank
    from ..rulepack import load_rules

    settings = settings_from(args)
    plan, switched_off = _load_plan(args, settings)
    ruleset, problems = load_rules(settings.advisor)
    if switched_off:  # switched off in the workspace (the app's rules screen): not run
        ruleset = ruleset.without(switched_off)
        from ..text import plain

        sys.stderr.write(f"note: switched off in this workspace, not run: "
                         f"{plain(', '.join(sorted(switched_off)), newlines=False)}\n")
    for p in problems:
        from ..text import plain

        sys.stderr.write(f"warning: {plain(str(p))}\n")
    advisor = Advisor(ruleset, settings.advisor)
    try:
        findings = advisor.evaluate(plan)
        for p in advisor.problems:
            from ..text import plain

            sys.stderr.write(f"warning: {plain(str(p))}\n")
    finally:
        advisor.close()
    if args.format == "json":
        from ..planfile import escape_c1

        # json escapes C0 controls but not DEL or C1 (the 8-bit CSI): escape those too
        sys.stdout.write(escape_c1(json.dumps(findings.to_json(), indent=2, ensure_ascii=False)) + "\n")
    else:
        _text(findings, plan, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    threshold = severity_rank(args.fail_on)
    failing = [f for f in findings if not f.suppressed and severity_rank(f.severity) >= threshold]
    return 1 if failing else 0


def _text(findings: Any, plan: Any, *, colour: bool) -> None:
    from ..text import plain

    def c(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    out = sys.stdout
    titles = {t.id: t.title for t in plan.tasks}
    names = {cand.id: cand.name for cand in plan.candidates()}
    groups: dict[str | None, list] = {}
    for f in findings:
        groups.setdefault(f.task, []).append(f)
    order = [None] + [t.id for t in plan.tasks] + [k for k in groups if k is not None and k not in titles]
    first = True
    for key in order:
        items = groups.get(key)
        if not items:
            continue
        if not first:
            out.write("\n")
        first = False
        header = plain(plan.business.name, newlines=False) if key is None else \
            f"{plain(titles.get(key, key), newlines=False)} ({plain(key, newlines=False)})"
        out.write(c(_BOLD, header) + "\n")
        for f in items:
            level = f"{f.severity:<7}"
            who = f" [{plain(names.get(f.candidate, f.candidate), newlines=False)}]" if f.candidate else ""
            line = f"  {c(_COLOURS.get(f.severity, ''), level)} {plain(f.message, newlines=False)}{who}  " \
                   f"{c(_DIM, f.rule)}"
            if f.suppressed:
                line += c(_DIM, f"  (acknowledged: {plain(f.reason, newlines=False)})")
            out.write(line + "\n")
    for s in findings.stale_suppressions:
        where = "/".join(x for x in (s.task, s.candidate) if x)
        out.write(c(_DIM, f"note: suppression of {plain(s.rule)}{' for ' + plain(where) if where else ''} "
                          "matches no finding any more; remove it") + "\n")
    counts = findings.counts()
    suppressed = sum(1 for f in findings if f.suppressed)
    total = sum(counts.values())
    summary = f"{total} finding(s): {counts['risk']} risk, {counts['warning']} warning, {counts['info']} info"
    if suppressed:
        summary += f"; {suppressed} acknowledged"
    if not findings.items:
        summary = "No findings."
    out.write(("\n" if findings.items else "") + summary + "\n")
