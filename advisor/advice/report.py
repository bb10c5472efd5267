"""The advice report, as Markdown or HTML: the same report from the app's export and from
``outsource report``.

Everything in it that came from a user (business, task and candidate names, messages that quote
them, reasons) is escaped for the format, so a name like
``<img src=x onerror=alert(1)>[click](http://evil.example)`` comes out as text: HTML is
entity-escaped, Markdown punctuation backslash-escaped, and bare web addresses are defanged
(``http[:]//``, ``www[.]``) because GitHub-style renderers turn them into links on their own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from advisor.advice.basis import Basis
from advisor.advice.findings import WORST_FIRST
from advisor.advice.steps import PlanIndex, arrange, next_steps
from advisor.text import plain

FORMATS = ("md", "html")
LEVELS = WORST_FIRST


@dataclass(frozen=True)
class Item:
    """One finding as the report shows it (user text not yet escaped)."""

    severity: str
    title: str
    candidate: str | None
    message: str
    fix: str


@dataclass
class Section:
    """The business or one task, with its open and its acknowledged findings."""

    heading: str
    task_id: str | None
    items: list[Item] = field(default_factory=list)
    acknowledged: list[tuple[str, str]] = field(default_factory=list)  # (title, reason)
    #: The live candidates, best first: (rank, name, status, price, all in, vs median, reason),
    #: money already written with its currency.
    candidates: list[tuple[str, ...]] = field(default_factory=list)
    #: The interview kit of each shortlisted or interviewed candidate, in the ranking's order:
    #: (name, questions) (:mod:`advisor.advice.kit`).
    kits: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Report:
    business: str
    finished: bool
    counts: dict[str, int]
    sections: list[Section]
    #: The actions to take first, as ``check`` and the app show them.
    next_steps: list[str] = field(default_factory=list)


def candidate_rows(plan: Any, task: Any, basis: Any = None, values: Any = None) -> list[tuple[str, ...]]:
    """The task's live candidates as the report's table shows them, best first; the ones the
    advice rules out last, unranked, with why. ``values``: the task's ranking if the caller has
    it (:func:`advisor.advice.value.values_with` ``basis``; worked out here otherwise)."""
    from advisor.advice.value import values_with
    from advisor.plan.money import format_money

    cur, loc = plan.business.currency, plan.business.locale
    status = {c.id: c.status for c in task.candidates}
    per = "/h" if task.pricing == "hourly" else ""
    rows = []
    for v in values_with(plan, task, basis) if values is None else values:
        price = "—" if v.price is None else format_money(v.price, cur, loc) + per
        all_in = "—" if v.all_in_cost is None else format_money(v.all_in_cost, cur, loc)
        vs = "—" if v.vs_median is None else f"{v.vs_median * 100:+.0f}%"
        if v.excluded:  # ruled out by the advice: listed after the ranked ones, never ranked
            rows.append(("—", v.name, status.get(v.candidate, ""), price, all_in, vs, f"excluded: {v.excluded}"))
        else:
            rows.append((str(v.rank), v.name, status.get(v.candidate, ""), price, all_in, vs, v.reason))
    return rows


def _kits(task: Any, kits: Any, values: Any) -> list[tuple[str, list[str]]]:
    """The interview kits of the task's shortlisted and interviewed candidates, best first
    (``kits``: :func:`advisor.advice.kit.by_subject` of the findings; ``values``: the task's
    ranking, the one its candidates table shows)."""
    from advisor.advice.kit import KIT_STATUSES, kit_of

    status = {c.id: c.status for c in task.candidates}
    return [(v.name, [q.text for q in kit_of(kits, task.id, v.candidate)])
            for v in values if status.get(v.candidate) in KIT_STATUSES]


CANDIDATE_HEADERS = ("Rank", "Candidate", "Status", "Price", "All in", "vs median", "Why")


def build(plan: Any, findings: Any, rules: Any = (), weights: Any = None) -> Report:
    """The report's content: the next steps, then per task its live candidates ranked
    (:mod:`advisor.advice.value`), the interview questions of each shortlisted or interviewed one
    (:mod:`advisor.advice.kit`) and its open advice in the order and folding of
    :mod:`advisor.advice.steps` (as ``check`` and the app), then what was acknowledged."""
    if findings is None:
        return Report(plan.business.name, False, {}, [])
    basis = Basis.of_rules(rules, weights) if not isinstance(weights, Basis) else weights
    index = PlanIndex.of(plan, rules=rules, basis=basis)
    lines = arrange(findings, index)
    steps = [f"{index.titles.get(s.line.task, plan.business.name)}: {s.action}"
             for s in next_steps(lines, index)]
    from advisor.advice.kit import by_subject
    from advisor.advice.value import rates_by_skill, values_with

    kits = by_subject(findings)
    by_skill = rates_by_skill(plan)
    of_task: dict[str | None, list] = {}  # one pass over the lines, not one per task
    for ln in lines:
        of_task.setdefault(ln.task, []).append(ln)
    sections = []
    for task, tid, title in [(t, t.id, t.title) for t in plan.tasks] + [(None, None, "The business")]:
        mine = of_task.get(tid, [])
        values = values_with(plan, task, basis, by_skill) if task is not None else []  # once per task
        ranked = candidate_rows(plan, task, basis, values) if task is not None else []
        if not mine and not ranked:
            continue
        sec = Section(title, tid, candidates=ranked, kits=_kits(task, kits, values) if task else [])
        for ln in mine:
            if ln.suppressed:
                sec.acknowledged.append((ln.title, ln.reason))
            else:
                sec.items.append(Item(ln.severity, ln.title, ln.who or None, ln.message, ln.fix))
        sections.append(sec)
    return Report(plan.business.name, True, findings.counts(), sections, steps)


#: What can start Markdown syntax inside a line: emphasis, code, links and images, raw HTML,
#: entities, tables, strikethrough (line-start syntax cannot occur: user text never starts a line).
_MD_PUNCT = re.compile(r"([\\`*_\[\]<>!|~&#])")
#: What a renderer may turn into a link on its own: ``scheme://`` (any colon a renderer may fold
#: to ``:``, such as the full-width ``：``), the schemes that need no ``//`` (``mailto:``), ``www.``,
#: a protocol-relative ``//host`` and an e-mail address's ``@``. The scheme is at most 32
#: characters, so the search stays linear on a long run of ``a.a.a...``.
_COLON = ":\uff1a\ufe55\ufe13\u2236"
_URL = re.compile(rf"(?i)\b([a-z][a-z0-9+.\-]{{0,31}})[{_COLON}](?=[/\\\uff0f]{{2}})"
                  rf"|\b(mailto|xmpp|tel|sms|callto|javascript|vbscript|data|file)[{_COLON}]"
                  r"|\b(www)\.|(?<=\w)(@)(?=\w)|(?<![^\s(\"'<])[/\\\uff0f]{2}(?=[^\s/])")


def _defang(m: re.Match[str]) -> str:
    if m.group(1) or m.group(2):
        return f"{m.group(1) or m.group(2)}[:]"
    if m.group(3):
        return f"{m.group(3)}[.]"
    if m.group(4):
        return "[@]"
    return "[//]"  # a protocol-relative //host


def md_text(text: str) -> str:
    """User text as inert Markdown: one line, the characters that start inline syntax
    backslash-escaped (no emphasis, link, image, HTML or table survives) and bare addresses
    defanged (``http[:]//``, ``mailto[:]``, ``www[.]``, ``ana[@]example.com``)."""
    s = plain(str(text), newlines=False)
    s = _URL.sub(_defang, s)
    return _MD_PUNCT.sub(r"\\\1", s)


def html_text(text: str) -> str:
    return html.escape(plain(str(text), newlines=False), quote=True)


def markdown(report: Report) -> str:
    lines = [f"# Advice report: {md_text(report.business)}", ""]
    if not report.finished:
        return "\n".join(lines + ["The advisor has not finished; no advice to report."]) + "\n"
    lines += ["Open advice: " + ", ".join(f"{report.counts.get(s, 0)} {s}" for s in LEVELS), ""]
    if report.next_steps:
        lines += ["## Next steps", ""]
        lines += [f"{n}. {md_text(step)}" for n, step in enumerate(report.next_steps, start=1)]
        lines.append("")
    for sec in report.sections:
        lines += [f"## {md_text(sec.heading)}" + (f" ({md_text(sec.task_id)})" if sec.task_id else ""), ""]
        if sec.candidates:
            lines += ["| " + " | ".join(CANDIDATE_HEADERS) + " |", "|" + "---|" * len(CANDIDATE_HEADERS)]
            lines += ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in sec.candidates]
            lines.append("")
        for name, questions in sec.kits:
            lines += [f"### Interview questions for {md_text(name)}", ""]
            lines += [f"- {md_text(q)}" for q in questions] or ["- No open advice calls for a question."]
            lines.append("")
        for it in sec.items:
            who = f" — candidate {md_text(it.candidate)}" if it.candidate else ""
            lines.append(f"- **{it.severity.upper()}** {md_text(it.title)}{who}: {md_text(it.message)}")
            if it.fix:
                lines.append(f"  - Fix: {md_text(it.fix)}")
        if sec.acknowledged:
            lines += ["", "Acknowledged:"]
            lines += [f"- {md_text(title)}: {md_text(reason)}" for title, reason in sec.acknowledged]
        lines.append("")
    return "\n".join(lines) + "\n"


def html_page(report: Report) -> str:
    title = f"Advice report: {html_text(report.business)}"
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           # nothing in the page may load or run anything, whatever a name contains
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
           f"<title>{title}</title>",
           "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
           ".risk{color:#b00020}.warning{color:#8a6100}.info{color:#00639b}"
           "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style>",
           "</head>", "<body>", f"<h1>{title}</h1>"]
    if not report.finished:
        out.append("<p>The advisor has not finished; no advice to report.</p>")
    else:
        out.append("<p>Open advice: " + ", ".join(f"{report.counts.get(s, 0)} {s}" for s in LEVELS) + "</p>")
        if report.next_steps:
            out += ["<h2>Next steps</h2>", "<ol>"]
            out += [f"<li>{html_text(step)}</li>" for step in report.next_steps]
            out.append("</ol>")
        for sec in report.sections:
            tid = f" ({html_text(sec.task_id)})" if sec.task_id else ""
            out.append(f"<h2>{html_text(sec.heading)}{tid}</h2>")
            if sec.candidates:
                out.append("<table><tr>" + "".join(f"<th>{h}</th>" for h in CANDIDATE_HEADERS) + "</tr>")
                out += ["<tr>" + "".join(f"<td>{html_text(cell)}</td>" for cell in row) + "</tr>"
                        for row in sec.candidates]
                out.append("</table>")
            for name, questions in sec.kits:
                out.append(f"<h3>Interview questions for {html_text(name)}</h3>")
                out += ["<ul>"] + [f"<li>{html_text(q)}</li>" for q in questions] + ["</ul>"] if questions else \
                    ["<p>No open advice calls for a question.</p>"]
            if sec.items:
                out.append("<ul>")
                for it in sec.items:
                    who = f" — candidate {html_text(it.candidate)}" if it.candidate else ""
                    fix = f"<br>Fix: {html_text(it.fix)}" if it.fix else ""
                    out.append(f'<li><strong class="{html_text(it.severity)}">{html_text(it.severity.upper())}'
                               f"</strong> {html_text(it.title)}{who}: {html_text(it.message)}{fix}</li>")
                out.append("</ul>")
            if sec.acknowledged:
                out.append("<p>Acknowledged:</p><ul>")
                out += [f"<li>{html_text(t)}: {html_text(r)}</li>" for t, r in sec.acknowledged]
                out.append("</ul>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(plan: Any, findings: Any, fmt: str = "md", *, rules: Any = (), weights: Any = None) -> str:
    """The report in ``fmt`` (``md`` or ``html``); ``rules``: the ruleset, for the order;
    ``weights``: the ``[value]`` weights of the candidate ranking (None: the defaults), or the
    whole :class:`advisor.advice.basis.Basis` the advice was computed with."""
    report = build(plan, findings, rules, weights)
    return html_page(report) if fmt == "html" else markdown(report)
