"""``outsource rules``: list, show, validate and test rule packs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from advisor.commands import add_command, add_common


def register(sub: Any) -> None:
    p = add_command(sub, "rules", help="list, show, validate and test the advisor's rules",
                      description="Work with rule packs: the built-in ones and those in [advisor] rule_dirs.")
    rsub = p.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=type(p))
    lp = rsub.add_parser("list", help="list the rules in effect")
    add_common(lp)
    lp.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    lp.set_defaults(func=run_list)
    sp = rsub.add_parser("show", help="show what a rule checks, why, how to fix it, and its examples")
    add_common(sp)
    sp.add_argument("rule_id", metavar="ID")
    sp.set_defaults(func=run_show)
    vp = rsub.add_parser("validate", help="check rule pack files (default: every pack in effect)")
    add_common(vp)
    vp.add_argument("files", nargs="*", metavar="FILE")
    vp.set_defaults(func=run_validate)
    tp = rsub.add_parser("test", help="run every rule's examples through the engine")
    add_common(tp)
    tp.add_argument("files", nargs="*", metavar="FILE")
    tp.set_defaults(func=run_test)
    p.set_defaults(func=run_list)


def _settings(args: argparse.Namespace):
    from advisor.commands import settings_from

    return settings_from(args)


def run_list(args: argparse.Namespace) -> int:
    from advisor.rules.rulepack import load_rules
    from advisor.text import plain

    settings = _settings(args)
    ruleset, problems = load_rules(settings.advisor)
    for p in problems:
        sys.stderr.write(f"warning: {plain(str(p))}\n")
    off = _switched_off(settings)
    if getattr(args, "format", "text") == "json":
        import json

        from advisor.files import escape_c1

        rows = [{"id": r.id, "title": r.title, "severity": r.severity, "about": r.about, "pack": r.pack,
                 "stages": list(r.stages), "source": r.source, "ask": list(r.ask), "file": r.file, "line": r.line,
                 "builtin": r.builtin, "enabled": r.id not in off} for r in ruleset]
        sys.stdout.write(escape_c1(json.dumps({"rules": rows}, indent=2, ensure_ascii=False), json=True) + "\n")
        return 0
    if not ruleset.rules:
        print("No rules in effect.")
        return 0
    width = max(len(r.id) for r in ruleset)
    for r in ruleset:
        mark = "  off (workspace)" if r.id in off else ""
        print(f"{r.id:<{width}}  {r.severity:<7}  {r.about:<9}  {plain(r.pack, newlines=False):<10}  "
              f"{plain(r.title, newlines=False)}{mark}")
    n_off = sum(1 for r in ruleset if r.id in off)
    note = f" {n_off} switched off in the workspace (the app's rules screen turns them on)." if n_off else ""
    print(f"\n{len(ruleset)} rule(s).{note} `outsource rules show ID` explains one.")
    return 0


def _switched_off(settings: Any) -> set[str]:
    """The rules switched off in the workspace, if there is one (never creates it; a workspace
    that cannot be read only loses the marker)."""
    from advisor.errors import AdvisorError
    from advisor.storage.workspace import Workspace

    path = Path(settings.db_path).expanduser()
    if not path.is_file():
        return set()
    try:
        with Workspace.open_for_reading(path) as ws:
            return {rule for rule, on in ws.rule_switches().items() if not on}
    except AdvisorError as exc:
        from advisor.text import plain

        sys.stderr.write(f"warning: cannot read the workspace's rule switches: {plain(str(exc))}\n")
        return set()


def run_show(args: argparse.Namespace) -> int:
    from advisor.errors import RuleError
    from advisor.rules.rulepack import load_rules
    from advisor.text import plain

    ruleset, _ = load_rules(_settings(args).advisor)
    rule = ruleset.get(args.rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(args.rule_id, ruleset.ids, n=1)
        raise RuleError(f"there is no rule {args.rule_id!r} in effect",
                        hint=f"did you mean {close[0]}?" if close else "run `outsource rules list`")
    where = f"{rule.file}:{rule.line}" if rule.line else str(rule.file)
    print(f"{rule.id}: {plain(rule.title)}")
    print(f"  severity  {rule.severity}")
    print(f"  about     {rule.about}")
    print(f"  pack      {plain(rule.pack)}  ({plain(where)})")
    print(f"  stages    {', '.join(rule.stages) if rule.stages else 'any'}")
    print(f"  when      {plain(rule.when)}")
    print(f"  source    {plain(rule.source) if rule.source else '(none given)'}")
    print(f"\nWhy: {plain(rule.why)}")
    print(f"Fix: {plain(rule.fix)}")
    print(f"Message: {plain(rule.message)}")
    for q in rule.ask:  # the interview kit's questions (docs/rules.md `ask`)
        print(f"Ask: {plain(q)}")
    shown = _rendered_example(rule, ruleset.settings)
    if shown is not None:
        name, message, fix = shown
        print(f"\nFor example{' (' + plain(name) + ')' if name else ''}:")
        print(f"  {plain(message)}")
        print(f"  fix: {plain(fix)}")
    if rule.examples:
        print("\nExamples:")
        for ex in rule.examples:
            tables = "; ".join(f"{ns} = {{{_table(getattr(ex, ns))}}}"
                               for ns in ("business", "task", "candidate") if getattr(ex, ns))
            name = f" ({plain(ex.name)})" if ex.name else ""
            print(f"  {'fires' if ex.fires else 'quiet'}{name}: {plain(tables) or 'neutral facts'}")
    return 0


def _rendered_example(rule: Any, settings: Any) -> tuple[str, str, str] | None:
    """(name, message, fix) of the rule's first example that fires, its placeholders filled
    from the example's facts; None when no example fires."""
    from advisor.rules.factschema import BUSINESS_KEY
    from advisor.rules.rulepack import render

    ex = next((e for e in rule.examples if e.fires), None)
    if ex is None:
        return None
    facts = example_facts(rule, ex)
    by_ns = {key[0]: fact for key, fact in facts.items()}
    by_ns["business"] = facts[BUSINESS_KEY]
    return ex.name, render(rule.message, by_ns, settings), render(rule.fix, by_ns, settings)


def _table(t: Any) -> str:
    parts = []
    for k, v in t.items():
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif isinstance(v, str):
            v = '"' + v + '"'
        parts.append(f"{k} = {v}")
    return ", ".join(parts)


def _packs(args: argparse.Namespace) -> tuple[list[Path], Any]:
    from advisor.resources import builtin_rules_dir
    from advisor.rules.rulepack import pack_files

    settings = _settings(args)
    if args.files:
        return [Path(f) for f in args.files], settings
    files = pack_files(builtin_rules_dir())
    for d in settings.advisor.rule_dirs:
        files.extend(pack_files(Path(d)))
    return files, settings


def run_validate(args: argparse.Namespace) -> int:
    from advisor.rules.compiler import compile_rules
    from advisor.rules.rulepack import load_pack
    from advisor.settings import DEFAULT_RULE_SETTINGS
    from advisor.text import plain

    files, settings = _packs(args)
    rule_settings = dict(DEFAULT_RULE_SETTINGS)
    rule_settings.update(settings.advisor.settings or {})
    bad = 0
    for path in files:
        pack, rules, problems = load_pack(path, rule_settings)
        problems = list(problems) + compile_rules(rules).problems
        if problems:
            bad += 1
            for p in problems:
                print(f"error: {plain(str(p))}")
                if p.hint:
                    print(f"  hint: {plain(p.hint)}")
        else:
            print(f"ok: {plain(str(path))}: pack {plain(pack)}, {len(rules)} rule(s)")
    if not files:
        print("No rule packs to validate.")
    return 2 if bad else 0  # bad input, like every other command


def run_test(args: argparse.Namespace) -> int:
    from advisor.rules.rulepack import load_pack
    from advisor.settings import DEFAULT_RULE_SETTINGS
    from advisor.text import plain

    files, settings = _packs(args)
    rule_settings = dict(DEFAULT_RULE_SETTINGS)
    rule_settings.update(settings.advisor.settings or {})
    failed = passed = 0
    for path in files:
        pack, rules, problems = load_pack(path, rule_settings)
        for p in problems:
            print(f"error: {plain(str(p))}")
            failed += 1
        results = run_examples(rules, settings.advisor)
        for rule, i, example, fired, error in results:
            label = f"{rule.id} example {i + 1}" + (f" ({example.name})" if example.name else "")
            if error:
                failed += 1
                print(f"FAIL {plain(label)}: {plain(error)}")
            elif fired != example.fires:
                failed += 1
                want = "fire" if example.fires else "stay quiet"
                got = "fired" if fired else "stayed quiet"
                print(f"FAIL {plain(label)}: expected the rule to {want}, it {got}  [{plain(str(path))}]")
            else:
                passed += 1
        untested = [r.id for r in rules if not r.examples]
        for rid in untested:
            print(f"note: {rid} has no examples")
    print(f"{passed} example(s) passed, {failed} failed")
    return 1 if failed else 0


def run_examples(rules: list, adv_settings: Any) -> list[tuple]:
    """Run every example of ``rules`` through the real engine:
    (rule, index, example, fired, error-or-None) per example."""
    from advisor.engine import Advisor
    from advisor.rules.rulepack import Ruleset

    out = []
    if not rules:
        return out
    advisor = Advisor(Ruleset(list(rules), dict(adv_settings.settings or {})), adv_settings)
    try:
        refused = {p.rule for p in advisor.problems}
        for rule in rules:
            for i, ex in enumerate(rule.examples):
                if rule.id in refused:
                    out.append((rule, i, ex, False, "the rule was left out by the compiler"))
                    continue
                facts = example_facts(rule, ex)
                try:
                    found = advisor.evaluate_facts(facts)
                except Exception as exc:  # reported as a failed example
                    out.append((rule, i, ex, False, f"{type(exc).__name__}: {exc}"))
                    continue
                failures = [f for f in found if f.kind == "failure"]
                if failures:
                    out.append((rule, i, ex, False, failures[0].message))
                    continue
                fired = any(f.rule == rule.id and f.kind == "advice" for f in found)
                out.append((rule, i, ex, fired, None))
    finally:
        advisor.close()
    return out


def example_facts(rule: Any, ex: Any) -> dict:
    """The facts an example describes: neutral facts of the kinds the rule reads, with the
    example's values on top (what `rules test` runs and `rules show` renders)."""
    from advisor.rules.candidatefacts import far_below_fields, one_pattern_fields
    from advisor.settings import DEFAULT_RULE_SETTINGS
    from advisor.rules.factschema import BUSINESS_KEY, neutral

    b = neutral("business")
    b.update(ex.business or {})
    b["id"] = "business"
    facts = {BUSINESS_KEY: b}
    if rule.about in ("task", "candidate"):
        t = neutral("task", task="example-task")
        t.update(ex.task or {})
        t["id"] = (ex.task or {}).get("id", "example-task")  # a rule may test task.id
        facts[("task", "example-task")] = t
    if rule.about == "candidate":
        c = neutral("candidate", key="example-candidate", task="example-task")
        c.update(ex.candidate or {})
        # fields the real facts work out from the task and the candidate: worked out the same way
        # from the example's values, unless the example sets them itself
        given = ex.candidate or {}
        derived = dict(c)
        one_pattern_fields(derived, t.get("status"), t.get("size"), t.get("openings"), t.get("price_median"),
                           t.get("proven_candidates"))
        far_below_fields(derived, t.get("pricing"), t.get("bids"), t.get("price_median"), t.get("rate_median"),
                         t.get("hours"), float(DEFAULT_RULE_SETTINGS["low_bid_ratio"]))
        derived["in_play"] = c.get("status") == "hired" or (
            c.get("status") in ("applied", "shortlisted", "interviewed") and not t.get("hired"))
        crit, held = b.get("critical_open_tasks"), c.get("person_critical_hires")
        derived["person_all_critical"] = crit is not None and held is not None and crit >= 2 and held == crit
        c.update({k: v for k, v in derived.items() if k not in given})
        c["id"] = (ex.candidate or {}).get("id", "example-candidate")
        c["task"] = "example-task"
        facts[("candidate", "example-candidate")] = c
    return facts
