"""Rule packs: TOML files of rules, loaded, validated, selected and re-levelled (the rule and
ruleset types are in :mod:`advisor.rules.ruleset`, text templates in :mod:`advisor.rules.templates`;
both re-exported here).

A pack (format in ``docs/rules.md``)::

    pack = "core"
    [[rules]]
    id = "shortlist-size"      # kebab-case
    title = "..."
    severity = "warning"       # info | warning | risk
    about = "task"             # business | task | candidate
    stages = ["hiring"]        # optional: task statuses in which it may fire (enforced)
    when = "task.shortlisted < 3 and ..."
    message = "{task.title}: {task.shortlisted} shortlisted ..."
    why = "..."
    fix = "..."
    source = "..."             # optional: the tip or marketplace guidance it follows
    ask = ["..."]              # optional: questions for the interview (templated like message)
    [[rules.examples]]
    fires = true
    task = { status = "hiring", shortlisted = 7 }

Unknown keys are errors. Every error is a :class:`RuleError` naming the file, the rule and the
line (and, for ``when``, the column inside the expression). A user pack with any error is
reported and skipped as a whole; the other packs still load.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any, Iterable, Mapping

from advisor.rules import expr as exprmod
from advisor.errors import RuleError
from advisor.rules.factschema import SCHEMA
from advisor.plan.model import TASK_STATUSES
from advisor.settings import DEFAULT_RULE_SETTINGS, SEVERITIES
# the rule types and the text templates live beside this module; their names are re-exported here
from advisor.rules.ruleset import Example, Rule, Ruleset, redirect_note  # noqa: F401
from advisor.rules.templates import (  # noqa: F401
    MAX_RENDERED, MAX_TEXT, MAX_VALUE, check_template, render, template_parts)

ABOUTS = ("business", "task", "candidate")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PACK_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
MAX_PACK_BYTES = 2 * 1024 * 1024
MAX_RULES_PER_PACK = 500
MAX_EXAMPLES = 50

_TOP_KEYS = {"pack", "rules"}
_RULE_KEYS = {"id", "title", "severity", "about", "stages", "when", "message", "why", "fix", "source",
              "examples", "formerly", "ask"}
#: At most this many former ids per rule.
MAX_FORMERLY = 16
#: At most this many interview questions per rule, each at most ``MAX_ASK_TEXT`` characters.
MAX_ASKS = 8
MAX_ASK_TEXT = 500
_EXAMPLE_KEYS = {"fires", "name", "business", "task", "candidate"}


# --------------------------------------------------------------------------- loading

_ID_LINE = re.compile(r"id\s*+=\s*+[\"']([^\"'\n]*)[\"']")


class PackLines:
    """Where each rule and key of a pack's text starts, from one pass over its lines.

    Looking each rule up with its own ``^\\s*id`` search (``re.M``) cost the whole text per rule,
    and ``\\s*`` at every line start made each search quadratic on blank lines (issue 18: 15 s on
    80 KB, at every start). ``scanned`` counts the lines looked at (a test reads it)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.rule_at: dict[str, int] = {}   # rule id -> line of its `id =`
        self.heads: list[int] = []           # lines of `[[rules]]` headers, in order
        for n, line in enumerate(self.lines, start=1):
            s = line.strip()
            if s.startswith("id"):
                m = _ID_LINE.match(s)
                if m:
                    self.rule_at.setdefault(m.group(1), n)
            elif s.startswith("[[") and "".join(s.split()) == "[[rules]]":
                self.heads.append(n)
        self.scanned = len(self.lines)

    def rule(self, rule_id: str) -> int | None:
        return self.rule_at.get(rule_id)

    def key(self, start_line: int | None, key: str) -> int | None:
        """The line of ``key = `` in the rule starting at ``start_line`` (that line if none)."""
        if start_line is None:
            return None
        import bisect

        nxt = bisect.bisect_right(self.heads, start_line)
        end = self.heads[nxt] - 1 if nxt < len(self.heads) else len(self.lines)
        for n in range(start_line - 1, end):
            self.scanned += 1
            s = self.lines[n].lstrip()
            if s.startswith(key) and s[len(key):].lstrip().startswith("="):
                return n + 1
        return start_line


def parse_pack(text: str, source: str, settings: Mapping[str, Any] | None = None, *,
               builtin: bool = False) -> tuple[str, list[Rule], list[RuleError]]:
    """Parse one pack's text: (pack name, valid rules, problems)."""
    settings = dict(DEFAULT_RULE_SETTINGS) if settings is None else settings
    problems: list[RuleError] = []
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from advisor.files import split_toml_error

        msg, line, col = split_toml_error(str(exc))
        return "", [], [RuleError(f"is not valid TOML: {msg}", file=source, line=line, column=col)]
    except RecursionError:
        return "", [], [RuleError("is nested too deeply", file=source)]
    except ValueError as exc:  # tomllib: an integer of more than 4300 digits
        from advisor.files import toml_value_error

        return "", [], [RuleError(f"is not valid TOML: {toml_value_error(exc)}", file=source)]
    for key in doc:
        if key not in _TOP_KEYS:
            problems.append(RuleError(f"unknown key {key!r}; allowed: pack, rules", file=source, field=key))
    pack = doc.get("pack")
    if not isinstance(pack, str) or not PACK_RE.match(pack):
        problems.append(RuleError("`pack = \"name\"` is required (lower-case letters, digits, - or _)",
                                  file=source, field="pack", line=1))
        pack = Path(source).stem if isinstance(source, str) else "pack"
    raw_rules = doc.get("rules", [])
    if not isinstance(raw_rules, list) or not all(isinstance(r, dict) for r in raw_rules):
        problems.append(RuleError("must be an array of tables: [[rules]]", file=source, field="rules"))
        return pack, [], problems
    if len(raw_rules) > MAX_RULES_PER_PACK:
        problems.append(RuleError(f"has {len(raw_rules)} rules; the limit is {MAX_RULES_PER_PACK}", file=source))
        return pack, [], problems
    rules: list[Rule] = []
    seen: set[str] = set()
    pack_lines = PackLines(text)
    for i, raw in enumerate(raw_rules):
        rid = raw.get("id")
        rid_s = rid if isinstance(rid, str) else None
        line = pack_lines.rule(rid_s) if rid_s else None
        try:
            rule = _parse_rule(raw, i, pack, source, settings, pack_lines, line, builtin)
        except RuleError as exc:
            exc.rule = exc.rule or rid_s or f"rules[{i}]"
            exc.located(file=source, line=line)
            problems.append(exc)
            continue
        if rule.id in seen:
            problems.append(RuleError(f"duplicate rule id {rule.id!r} in this pack", rule=rule.id,
                                      file=source, line=line))
            continue
        seen.add(rule.id)
        rules.append(rule)
    return pack, rules, problems


def _text(raw: Mapping[str, Any], key: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    v = raw.get(key)
    if v is None and not required:
        return ""
    if not isinstance(v, str) or (required and not v.strip()):
        raise RuleError("is required (text)" if v is None else "must be non-empty text", field=key)
    if len(v) > limit:
        raise RuleError(f"is {len(v)} characters long; the limit is {limit}", field=key)
    return v


def _parse_rule(raw: Mapping[str, Any], i: int, pack: str, source: str, settings: Mapping[str, Any],
                text: PackLines, line: int | None, builtin: bool) -> Rule:
    for key in raw:
        if key not in _RULE_KEYS:
            close = difflib.get_close_matches(key, sorted(_RULE_KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise RuleError(f"unknown key {key!r}{hint}; allowed: {', '.join(sorted(_RULE_KEYS))}", field=key,
                            line=text.key(line, key))
    rid = raw.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid) or len(rid) > 64:
        raise RuleError(f"rule id {rid!r} must be kebab-case: lower-case words joined by '-' "
                        "(e.g. shortlist-size)", field="id")
    title = _text(raw, "title")
    severity = raw.get("severity")
    if severity not in SEVERITIES:
        raise RuleError(f"must be one of {', '.join(SEVERITIES)}, not {severity!r}", field="severity",
                        line=text.key(line, "severity"))
    about = raw.get("about")
    if about not in ABOUTS:
        raise RuleError(f"must be one of {', '.join(ABOUTS)}, not {about!r}", field="about",
                        line=text.key(line, "about"))
    stages = _stages(raw.get("stages"), about, text, line)
    when = _text(raw, "when", limit=exprmod.MAX_TEXT)  # the expression's own limit, as documented
    when_line = text.key(line, "when")
    from advisor.rules.compiler import compile_rule, compiled_rule

    guard = f"task.status in {list(stages)!r} and (" if stages else ""
    try:
        parsed = exprmod.parse(when, settings, schema=SCHEMA, allowed=exprmod.allowed_namespaces(about))
        # refuse what cannot be compiled now, with its location (kept: the advisor reuses it)
        (compile_rule if stages else compiled_rule)(rid, about, parsed)
        if stages:  # the stage guard is part of the condition the engine runs
            parsed = exprmod.parse(f"{guard}{when})", settings, schema=SCHEMA,
                                   allowed=exprmod.allowed_namespaces(about))
            compiled_rule(rid, about, parsed)
    except RuleError as exc:
        if exc.line is None:  # the whole condition (e.g. too complex for the engine): no position
            raise RuleError(exc.message, rule=rid, field="when", file=source, line=when_line,
                            hint=exc.hint) from None
        wl, wc = exc.line or 1, exc.column or 1
        if guard and wl == 1 and wc > len(guard):
            wc -= len(guard)
        file_line = (when_line or 1) + (wl - 1) if when_line else None
        err = RuleError(f"{exc.message} (at line {wl}, column {wc} of `when`)", rule=rid, field="when",
                        file=source, line=file_line, column=wc, hint=exc.hint)
        err.when_line, err.when_column = wl, wc  # type: ignore[attr-defined]
        raise err from None
    for key in ("message", "why", "fix"):
        value = _text(raw, key)
        try:
            check_template(value, about, settings, what=key)
        except RuleError as exc:
            exc.located(line=text.key(line, key))
            raise
    cite = _text(raw, "source", required=False)
    ask = _asks(raw.get("ask", []), about, settings, text.key(line, "ask") if "ask" in raw else line)
    formerly = _formerly(raw.get("formerly", []), rid, text, line)
    examples = _examples(raw.get("examples", []), about, text, line)
    return Rule(id=rid, pack=pack, title=title, severity=severity, about=about, when=when, expr=parsed,
                message=raw["message"], why=raw["why"], fix=raw["fix"], examples=examples,
                stages=stages, source=cite, file=str(source), line=line, builtin=builtin, formerly=formerly,
                ask=ask)


def _asks(raw: Any, about: str, settings: Mapping[str, Any], where: int | None) -> tuple[str, ...]:
    """The ``ask`` list: the questions a buyer asks in the interview when the rule fires, each a
    template like ``message`` (same fields, same checks), at most ``MAX_ASKS`` of them."""
    if not isinstance(raw, list) or not all(isinstance(q, str) for q in raw):
        raise RuleError("must be a list of questions (text), e.g. ask = [\"What is included at this price?\"]",
                        field="ask", line=where)
    if len(raw) > MAX_ASKS:
        raise RuleError(f"has {len(raw)} questions; the limit is {MAX_ASKS}", field="ask", line=where)
    out: list[str] = []
    for n, q in enumerate(raw):
        if not q.strip():
            raise RuleError("must be non-empty text", field=f"ask[{n}]", line=where)
        if len(q) > MAX_ASK_TEXT:
            raise RuleError(f"is {len(q)} characters long; the limit is {MAX_ASK_TEXT}", field=f"ask[{n}]",
                            line=where)
        try:
            check_template(q, about, settings, what=f"ask[{n}]")
        except RuleError as exc:
            exc.located(line=where)
            raise
        if q not in out:
            out.append(q)
    return tuple(out)


def _formerly(raw: Any, rid: str, text: PackLines, line: int | None) -> tuple[str, ...]:
    where = text.key(line, "formerly")
    if not isinstance(raw, list) or len(raw) > MAX_FORMERLY or not all(
            isinstance(x, str) and ID_RE.match(x) and len(x) <= 64 for x in raw):
        raise RuleError(f"must be a list of at most {MAX_FORMERLY} kebab-case rule ids", field="formerly",
                        line=where)
    if rid in raw:
        raise RuleError("names the rule's own id (list only ids it had before)", field="formerly", line=where)
    return tuple(dict.fromkeys(raw))


def _stages(raw: Any, about: str, text: PackLines, line: int | None) -> tuple[str, ...]:
    """The ``stages`` list: task statuses, each once; only for rules about a task or candidate."""
    if raw is None:
        return ()
    where = text.key(line, "stages")
    if about == "business":
        raise RuleError("a rule about the business has no task stage; remove `stages`", field="stages",
                        line=where)
    if not isinstance(raw, list) or not raw or not all(isinstance(s, str) for s in raw):
        raise RuleError(f"must be a non-empty list of task statuses ({', '.join(TASK_STATUSES)})",
                        field="stages", line=where)
    for s in raw:
        if s not in TASK_STATUSES:
            close = difflib.get_close_matches(s, TASK_STATUSES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise RuleError(f"{s!r} is not a task stage{hint}; stages are {', '.join(TASK_STATUSES)}",
                            field="stages", line=where)
    if len(set(raw)) != len(raw):
        raise RuleError("lists a stage twice", field="stages", line=where)
    return tuple(s for s in TASK_STATUSES if s in raw)


def _examples(raw: Any, about: str, text: PackLines, line: int | None) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise RuleError("must be an array of tables: [[rules.examples]]", field="examples")
    if len(raw) > MAX_EXAMPLES:
        raise RuleError(f"has {len(raw)} examples; the limit is {MAX_EXAMPLES}", field="examples")
    out = []
    for j, ex in enumerate(raw):
        where = f"examples[{j}]"
        for key in ex:
            if key not in _EXAMPLE_KEYS:
                raise RuleError(f"unknown key {key!r}; allowed: {', '.join(sorted(_EXAMPLE_KEYS))}",
                                field=f"{where}.{key}")
        if not isinstance(ex.get("fires"), bool):
            raise RuleError("`fires = true` or `fires = false` is required", field=f"{where}.fires")
        tables = {}
        for ns in ("business", "task", "candidate"):
            if ns not in ex:
                continue
            table = ex[ns]
            if not isinstance(table, dict):
                raise RuleError("must be a table of field = value", field=f"{where}.{ns}")
            if ns == "candidate" and about != "candidate":
                raise RuleError(f"a rule about a {about} has no candidate", field=f"{where}.{ns}")
            if ns == "task" and about == "business":
                raise RuleError("a rule about the business has no task", field=f"{where}.{ns}")
            for k, v in table.items():
                want = SCHEMA[ns].get(k)
                if want is None:
                    close = difflib.get_close_matches(k, list(SCHEMA[ns]), n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    raise RuleError(f"{ns} has no field {k!r}{hint}", field=f"{where}.{ns}.{k}")
                ok = (want == "bool" and isinstance(v, bool)) or (want == "string" and isinstance(v, str)) or \
                    (want == "number" and isinstance(v, (int, float)) and not isinstance(v, bool))
                if not ok:
                    raise RuleError(f"must be {exprmod._a(want)}", field=f"{where}.{ns}.{k}")
            tables[ns] = dict(table)
        name = ex.get("name", "")
        if not isinstance(name, str):
            raise RuleError("must be text", field=f"{where}.name")
        out.append(Example(fires=ex["fires"], name=name, **tables))
    return tuple(out)


def load_pack(path: str | Path, settings: Mapping[str, Any] | None = None, *,
              builtin: bool = False) -> tuple[str, list[Rule], list[RuleError]]:
    path = Path(path)
    from advisor.files import read_input

    try:
        data = read_input(path, "rule pack", MAX_PACK_BYTES, error=RuleError)
    except RuleError as exc:
        return "", [], [exc]
    from advisor.rules import packcache

    settings = dict(DEFAULT_RULE_SETTINGS) if settings is None else settings
    key = packcache.cache_key(data, settings)
    cached = packcache.load(key, str(path), builtin)
    if cached is not None:
        return cached[0], cached[1], []
    try:
        text = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        return "", [], [RuleError("is not valid UTF-8", file=path)]
    pack, rules, problems = parse_pack(text, str(path), settings, builtin=builtin)
    if not problems:
        packcache.store(key, pack, rules)
    return pack, rules, problems


def pack_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in Path(folder).glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_rules(adv: Any = None, *, builtin: bool = True,
               extra_files: Iterable[str | Path] = ()) -> tuple[Ruleset, list[RuleError]]:
    """The rules in effect for ``AdvisorSettings`` ``adv``: built-in packs, then every pack in
    ``adv.rule_dirs`` (a user rule with a built-in id replaces it), then ``select``/``ignore``
    and ``severity`` overrides. Returns (ruleset, problems); an invalid user pack is skipped."""
    from advisor.resources import builtin_rules_dir
    from advisor.settings import AdvisorSettings

    adv = adv if adv is not None else AdvisorSettings()
    settings = dict(DEFAULT_RULE_SETTINGS)
    settings.update(adv.settings or {})
    problems: list[RuleError] = []
    by_id: dict[str, Rule] = {}
    order: list[str] = []

    def add_file(path: Path, is_builtin: bool) -> None:
        pack, rules, errs = load_pack(path, settings, builtin=is_builtin)
        if errs:
            problems.extend(errs)
            if not is_builtin:
                problems.append(RuleError(f"rule pack skipped: {len(errs)} problem(s)", file=path))
                return
        for r in rules:
            if r.id in by_id:
                prev = by_id[r.id]
                if not (prev.builtin and not is_builtin):
                    problems.append(RuleError(f"rule id {r.id!r} is also defined in {prev.file}; this one "
                                              "replaces it", rule=r.id, file=path, line=r.line))
            else:
                order.append(r.id)
            by_id[r.id] = r

    if builtin:
        for p in pack_files(builtin_rules_dir()):
            add_file(p, True)
    for folder in adv.rule_dirs or ():
        folder = Path(folder)
        if not folder.is_dir():
            problems.append(RuleError("rule folder does not exist", file=folder, field="advisor.rule_dirs"))
            continue
        for p in pack_files(folder):
            add_file(p, False)
    for p in extra_files:
        add_file(Path(p), False)

    rules = [by_id[i] for i in order]
    packs = {r.pack for r in rules}
    ids = {r.id for r in rules} | {old for r in rules for old in r.formerly}  # a former id still works
    every = Ruleset(rules, settings)
    for key in ("select", "ignore"):
        for name in getattr(adv, key, ()) or ():
            if name not in ids and name not in packs:
                problems.append(RuleError(f"names no rule or pack {name!r}", field=f"advisor.{key}"))
            elif (note := redirect_note(name, every, f"advisor.{key}")) is not None:
                problems.append(RuleError(f"note: {note}", field=f"advisor.{key}"))
    if adv.select:
        chosen = set(adv.select)
        rules = [r for r in rules if r.id in chosen or r.pack in chosen or not chosen.isdisjoint(r.formerly)]
    if adv.ignore:
        dropped = set(adv.ignore)
        rules = [r for r in rules if r.id not in dropped and r.pack not in dropped and dropped.isdisjoint(r.formerly)]
    overrides = dict(adv.severity or {})
    out = []
    for r in rules:
        level = overrides.get(r.id)
        for old in r.formerly:  # an override written for the rule's former id still applies
            level = overrides.get(old) if level is None else level
        level = overrides.get(r.pack) if level is None else level
        if level is not None:
            if level not in SEVERITIES:
                problems.append(RuleError(f"severity must be one of {', '.join(SEVERITIES)}",
                                          field=f"advisor.severity.{r.id}"))
            else:
                from dataclasses import replace

                r = replace(r, severity=level)
        out.append(r)
    for name in overrides:
        if name not in ids and name not in packs:
            problems.append(RuleError(f"names no rule or pack {name!r}", field=f"advisor.severity.{name}"))
    return Ruleset(out, settings), problems
