"""Rule text templates: a rule's ``message``, ``why`` and ``fix`` name fact fields and settings
(``{candidate.name}``, ``{task.rate_median:money}``); checked when a pack loads, filled for
every finding. Split from pack loading (:mod:`advisor.rules.rulepack` re-exports these names).
"""

from __future__ import annotations

import difflib
import functools
import re
import string
from typing import Any, Mapping

from advisor.errors import RuleError
from advisor.plan.money import MONEY_SPEC, format_money, format_number
from advisor.rules.expr import allowed_namespaces
from advisor.rules.factschema import SCHEMA
from advisor.text import cut

#: The longest text a rule field (title, message, why, fix, source) may hold.
MAX_TEXT = 2000
_FIELD_RE = re.compile(r"^(business|task|candidate|settings)\.([a-z][a-z0-9_]{0,63})$")
_SPEC_RE = re.compile(r"^(?:.?[<>=^])?[+\- ]?#?0?\d{0,3}[,_]?(?:\.\d{1,2})?[eEfFgGdn%s]?$")


def check_template(template: str, about: str, settings: Mapping[str, Any], *, what: str = "message") -> None:
    """Refuse a message template that names anything but fact fields and settings."""
    if not isinstance(template, str):
        raise RuleError("must be text", field=what)
    if len(template) > MAX_TEXT:
        raise RuleError(f"is {len(template)} characters long; the limit is {MAX_TEXT}", field=what)
    allowed = allowed_namespaces(about)
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise RuleError(f"is not a valid template: {exc}; write {{{{ and }}}} for literal braces",
                        field=what) from None
    for _, name, spec, conv in parts:
        if name is None:
            continue
        if name == "" or name.isdigit():
            raise RuleError("empty {} fields are not allowed; name a field such as {task.title}", field=what)
        m = _FIELD_RE.match(name)
        if not m:
            raise RuleError(f"{{{name}}} is not allowed: name a fact field or setting, e.g. {{task.title}} "
                            "(no indexes, attributes or calls)", field=what)
        if conv is not None:
            raise RuleError(f"{{{name}!{conv}}}: conversions are not allowed", field=what)
        if spec and ("{" in spec or "}" in spec):
            raise RuleError(f"{{{name}}}: nested fields in a format spec are not allowed", field=what)
        ns, fname = m.group(1), m.group(2)
        if ns == "settings":
            if fname not in settings:
                raise RuleError(f"{{{name}}}: unknown setting {fname!r}", field=what)
            sample: Any = settings[fname]
        else:
            if ns not in allowed:
                raise RuleError(f"{{{name}}}: a rule about a {about} cannot name {ns} fields", field=what)
            known = SCHEMA[ns]
            if fname not in known:
                close = difflib.get_close_matches(fname, list(known), n=1)
                hint = f" (did you mean {ns}.{close[0]}?)" if close else ""
                raise RuleError(f"{{{name}}}: {ns} has no field {fname!r}{hint}", field=what)
            sample = {"number": 1.5, "string": "text", "bool": True}[known[fname]]
        if spec == MONEY_SPEC:
            if ns == "settings" or SCHEMA[ns][fname] != "number":
                raise RuleError(f"{{{name}:{spec}}}: only number fields of a fact can be shown as money",
                                field=what)
            continue
        if spec:
            if len(spec) > 20 or not _SPEC_RE.match(spec):
                raise RuleError(f"{{{name}:{spec}}}: unsupported format spec", field=what)
            try:
                format(sample, spec)
            except (ValueError, TypeError) as exc:
                raise RuleError(f"{{{name}:{spec}}}: {exc}", field=what) from None


@functools.lru_cache(maxsize=4096)
def template_parts(template: str) -> tuple[tuple[str, str | None, str, str], ...]:
    """(literal, namespace or None, field, spec) of each part of a template, parsed once: a full
    evaluation renders three texts per finding (43,000 at 50,000 candidates) from a few dozen
    templates, and parsing them each time was most of the rendering. Raises ``ValueError`` for a
    template that is not one (rules' templates are checked when they load)."""
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(template):
        if name is None:
            parts.append((literal, None, "", ""))
        else:
            ns, _, fname = name.partition(".")
            parts.append((literal, ns, fname, spec or ""))
    return tuple(parts)


#: A value a template inserts is cut to this many characters (a note is up to 10,000), and a
#: rendered text to ``MAX_RENDERED``: a message of 117 x ``{candidate.notes}`` rendered to 1.2 MB
#: per finding (2.3 GB for `check`), and the history keeps the open advice of every change.
MAX_VALUE = 300
MAX_RENDERED = 4000


#: "3 candidate(s)" in a filled template: a number, then a word (or two: "payment milestone(s)")
#: ending in "(s)" (one character class each, so the match is linear).
_PLURAL_MARK = "(" + "s)"  # split: tests/test_core_text_keys.py reads a literal one as a key label
_COUNTED = re.compile(r"(?<![\w.,])(\d[\d,.]*) ((?:[A-Za-z-]+ )?[A-Za-z-]+)\(s\)")


def counted(text: str) -> str:
    """"1 candidate(s)" -> "1 candidate", "3 candidate(s)" -> "3 candidates": the count a
    template fills in decides the word (a blind buyer read "(s)" as unfinished text)."""
    if _PLURAL_MARK not in text:
        return text
    return _COUNTED.sub(lambda m: f"{m[1]} {m[2]}{'' if m[1] == '1' else 's'}", text)


def render(template: str, facts: Mapping[str, Mapping[str, Any]], settings: Mapping[str, Any]) -> str:
    """Fill a (checked) template. An absent value shows as ``n/a``; each value is cut to
    ``MAX_VALUE`` characters and the whole text to ``MAX_RENDERED``; a counted word takes the
    count's number (:func:`counted`)."""
    return cut(counted(_fill(template, facts, settings)), MAX_RENDERED)


def _fill(template: str, facts: Mapping[str, Mapping[str, Any]], settings: Mapping[str, Any]) -> str:
    out: list[str] = []
    size = 0
    for literal, ns, fname, spec in template_parts(template):
        if size > MAX_RENDERED:
            break  # nothing more can show
        out.append(literal)
        size += len(literal)
        if ns is None:
            continue
        text = _value_text(ns, fname, spec, facts, settings)
        out.append(text)
        size += len(text)
    return "".join(out)


def _value_text(ns: str, fname: str, spec: str, facts: Mapping[str, Mapping[str, Any]],
                settings: Mapping[str, Any]) -> str:
    value = settings.get(fname) if ns == "settings" else (facts.get(ns) or {}).get(fname)
    if value is None:
        return "n/a"
    if spec == MONEY_SPEC and isinstance(value, (int, float)) and not isinstance(value, bool):
        business = facts.get("business") or {}
        return format_money(value, business.get("currency"), business.get("locale"))
    if isinstance(value, str) and len(value) > MAX_VALUE:
        value = cut(value, MAX_VALUE)  # before a spec pads it
    try:
        text = format(value, spec)
    except (ValueError, TypeError):
        text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # a number in the locale's marks, as its money is ("28,3%" beside "₺1.155")
        text = format_number(text, (facts.get("business") or {}).get("locale"))
    return cut(text, MAX_VALUE)
