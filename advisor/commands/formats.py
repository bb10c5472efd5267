"""``outsource check``'s machine formats for CI (GitHub annotations, SARIF 2.1.0, JUnit XML), its
output options (``--output-format``, ``-o``, ``-q``/``-v``, ``--color``) and where the output
goes: the formats ruff offers, so a plan check fits the pipelines people already run.

Every finding's text comes from a plan file or a rule pack, so it is hostile: each format escapes
it for its reader (GitHub's workflow-command escapes, JSON escapes, XML with control characters
shown as ``\\xNN``), and none lets a raw terminal escape through."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterator, Mapping

FORMATS = ("text", "json", "github", "sarif", "junit")
COLOR_CHOICES = ("auto", "always", "never")
#: Severity -> GitHub workflow command / SARIF level.
GITHUB_LEVEL = {"risk": "error", "warning": "warning", "info": "notice"}
SARIF_LEVEL = {"risk": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_URI = "https://github.com/outsource-advisor/outsource-advisor"


def add_output_options(p: argparse.ArgumentParser) -> None:
    """The output options of ``check`` (``--format`` stays as an alias of ``--output-format``)."""
    p.add_argument("--output-format", "--format", dest="format", choices=FORMATS, default="text",
                   help="text, json, github (workflow annotations), sarif (2.1.0) or junit (XML); default: text")
    p.add_argument("-o", "--output-file", metavar="PATH",
                   help="write the report to PATH (replaced whole, never half-written) instead of standard output")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print only the findings (no next steps, notes or summary); the exit code says the rest")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also say on standard error which config files, rules and plan were used")
    p.add_argument("--color", "--colour", dest="color", choices=COLOR_CHOICES, default="auto",
                   help="colour severities in text output: auto (a terminal, unless NO_COLOR; "
                        "FORCE_COLOR forces it), always or never")


def colour_wanted(choice: str, to_file: bool, stream: Any = None, env: Mapping[str, str] | None = None) -> bool:
    """Whether text output is coloured: ``--color`` wins; for ``auto``, never into a file, then
    ``NO_COLOR`` (any value) turns it off, ``FORCE_COLOR`` (any value but 0/false) on, else only
    on a terminal (no-color.org, force-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or to_file:
        return False
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force is not None and force.strip().lower() not in ("0", "false", "no", "off"):
        return True
    stream = sys.stdout if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@contextlib.contextmanager
def output_to(path: str | None, plan_file: str | None) -> Iterator[None]:
    """Standard output as it is, or (``-o PATH``) collected and written to PATH atomically once
    the report is whole; refuses to overwrite the plan file being checked."""
    if not path:
        yield
        return
    from advisor.errors import AdvisorError
    from advisor.files import write_atomic

    target = Path(path).expanduser()
    if plan_file and _same(target, Path(plan_file)):
        raise AdvisorError("is the plan being checked; not overwriting it with the report", file=target,
                           field="--output-file", hint="choose another file name")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        yield
    write_atomic(target, buf.getvalue().encode("utf-8"))


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _locations(findings: Any, plan: Any, plan_file: str | None) -> list[int | None]:
    """The plan-file line of each finding (its candidate, else its task), None without one."""
    if not plan_file:
        return [None] * len(findings.items)
    from advisor.storage.planfile import record_lines

    lines = record_lines(plan_file, plan)
    return [(lines.get((f.task, f.candidate)) or lines.get((f.task, None))) if f.task else None
            for f in findings]


def _where(f: Any) -> str:
    return "/".join(x for x in (f.task, f.candidate) if x)


# --- GitHub workflow commands ---------------------------------------------------------------

def gh_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped (GitHub's ``escapeData``), other
    control characters shown as ``\\xNN`` so no terminal escape reaches the log."""
    from advisor.text import plain

    return plain(str(text)).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,`` (GitHub's ``escapeProperty``)."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: Any, plan: Any, plan_file: str | None) -> str:
    """One ``::error|warning|notice`` command per open finding; with a plan file, its file and line."""
    out = []
    for f, line in zip(findings, _locations(findings, plan, plan_file)):
        if f.suppressed:
            continue
        props = []
        if plan_file:
            props.append(f"file={gh_property(plan_file)}")
            if line:
                props.append(f"line={line}")
        props.append(f"title={gh_property(f'{f.rule}: {f.title}')}")
        where = _where(f)
        message = f"{f.message} [{where}]" if where else f.message
        if f.fix:
            message += f"\nfix: {f.fix}"
        out.append(f"::{GITHUB_LEVEL.get(f.severity, 'warning')} {','.join(props)}::{gh_data(message)}\n")
    return "".join(out)


# --- SARIF 2.1.0 ----------------------------------------------------------------------------

def _uri(path: str) -> str:
    from urllib.parse import quote

    p = Path(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix())
    return quote(p.as_posix())


def sarif(findings: Any, ruleset: Any, plan: Any, plan_file: str | None) -> dict[str, Any]:
    """A minimal valid SARIF 2.1.0 log: the rules that ran (id, title, why as help, fix) and one
    result per finding; acknowledged ones carry a suppression with the recorded reason."""
    from advisor import __version__

    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}

    def descriptor(rule_id: str, title: str, level: str, why: str = "", fix: str = "") -> None:
        if rule_id in index:
            return
        index[rule_id] = len(rules)
        d: dict[str, Any] = {"id": rule_id, "shortDescription": {"text": title or rule_id},
                             "defaultConfiguration": {"level": SARIF_LEVEL.get(level, "warning")}}
        if why:
            d["fullDescription"] = {"text": why}
        if why or fix:
            d["help"] = {"text": "\n\n".join(x for x in (why, f"Fix: {fix}" if fix else "") if x)}
        rules.append(d)

    for rule in ruleset:
        descriptor(rule.id, rule.title, rule.severity, rule.why, rule.fix)
    results = []
    for f, line in zip(findings, _locations(findings, plan, plan_file)):
        descriptor(f.rule, f.title, f.severity)
        where = _where(f)
        r: dict[str, Any] = {"ruleId": f.rule, "ruleIndex": index[f.rule],
                             "level": SARIF_LEVEL.get(f.severity, "warning"),
                             "message": {"text": f"{f.message} [{where}]" if where else f.message}}
        if plan_file:
            loc: dict[str, Any] = {"artifactLocation": {"uri": _uri(plan_file)}}
            if line:
                loc["region"] = {"startLine": line}
            r["locations"] = [{"physicalLocation": loc}]
        if f.suppressed:
            r["suppressions"] = [{"kind": "external", "justification": f.reason or "acknowledged"}]
        results.append(r)
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "outsource-advisor", "version": __version__,
                                          "informationUri": TOOL_URI, "rules": rules}},
                      "results": results}]}


# --- JUnit XML ------------------------------------------------------------------------------

_XML_ILLEGAL = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _x(text: str) -> str:
    """Text XML 1.0 can hold and a terminal shows literally (controls as ``\\xNN``)."""
    from advisor.text import plain

    return _XML_ILLEGAL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", plain(str(text)))


def junit(findings: Any, ruleset: Any, plan: Any, fail_on: str) -> bytes:
    """One testsuite, one testcase per rule that ran: it fails when the rule has an open finding
    at or above ``fail_on`` (as the exit code does); other findings go to its system-out."""
    import xml.etree.ElementTree as ET

    from advisor.advice.findings import severity_rank

    threshold = severity_rank(fail_on)
    by_rule: dict[str, list[Any]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    order = [(r.id, getattr(r, "pack", "")) for r in ruleset]
    seen = {rid for rid, _ in order}
    order += [(rid, "") for rid in by_rule if rid not in seen]
    name = getattr(getattr(plan, "business", None), "name", "") or "plan"
    suite = ET.Element("testsuite", name=_x(f"outsource check: {name}"))
    failures = 0
    for rid, pack in order:
        case = ET.SubElement(suite, "testcase", name=_x(rid), classname=_x(f"outsource.{pack or 'rules'}"))
        items = by_rule.get(rid, [])
        failing = [f for f in items if not f.suppressed and severity_rank(f.severity) >= threshold]
        if failing:
            failures += 1
            el = ET.SubElement(case, "failure", type=failing[0].severity,
                               message=_x(f"{len(failing)} finding(s): {failing[0].title}"))
            el.text = "\n".join(_x(_line(f)) for f in failing)
        rest = [f for f in items if f not in failing]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_x(_line(f)) for f in rest)
    suite.set("tests", str(len(order)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites = ET.Element("testsuites", name="outsource-advisor", tests=str(len(order)), failures=str(failures))
    suites.append(suite)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True) + b"\n"


def _line(f: Any) -> str:
    where = _where(f)
    text = f"{f.severity}: {f.message}" + (f" [{where}]" if where else "")
    if f.suppressed:
        text += f" (acknowledged: {f.reason})"
    if f.fix and not f.suppressed:
        text += f"\n  fix: {f.fix}"
    return text


def write_format(fmt: str, findings: Any, ruleset: Any, plan: Any, plan_file: str | None, fail_on: str) -> None:
    """Write ``findings`` in one of the machine formats (github, sarif, junit) to standard output."""
    from advisor.files import escape_c1

    if fmt == "github":
        sys.stdout.write(github(findings, plan, plan_file))
    elif fmt == "sarif":
        doc = sarif(findings, ruleset, plan, plan_file)
        sys.stdout.write(escape_c1(json.dumps(doc, indent=2, ensure_ascii=False), json=True) + "\n")
    elif fmt == "junit":
        sys.stdout.write(junit(findings, ruleset, plan, fail_on).decode("utf-8"))
    else:  # pragma: no cover - argparse restricts the choices
        raise ValueError(fmt)


def verbose_lines(settings: Any, ruleset: Any, plan_file: str | None) -> list[str]:
    """What ``-v`` reports on standard error: config files, environment, rules and plan used."""
    from advisor.text import plain

    files = ", ".join(plain(str(p), newlines=False) for p in settings.config_files) or "none"
    lines = [f"config files: {files}",
             f"environment: {', '.join(settings.env_used) or 'none'}",
             f"rules: {sum(1 for _ in ruleset)} run"]
    lines.append(f"plan: {plain(plan_file, newlines=False)}" if plan_file
                 else f"plan: workspace {plain(str(settings.db_path), newlines=False)}")
    return lines
