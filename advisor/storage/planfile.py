"""Plan files: the human-editable TOML interchange format (``format = 1``).

Reading is strict: an unknown key is an error (a typo never drops data silently), every value is
checked by the model, and every error names the file, the line and the field. Reading never runs
code: ``tomllib`` parses data only. Writing goes through a temporary file and an atomic rename,
so a crash never leaves half a plan behind.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any, Iterator

import tomli_w

from advisor.errors import PlanError
from advisor.files import escape_c1, parse_toml, read_input
from advisor.plan import fields
from advisor.plan.model import (Business, Candidate, Interview, Marketplace, Plan, RateObservation, Suppression,
                                Task)

FORMAT = 1

_TOP_KEYS = {"format", "business", "marketplaces", "rates", "tasks", "suppressions"}
_BUSINESS_KEYS = fields.plan_keys(fields.BUSINESS)
#: the keys of nested tables that are not fields of their own record
_NESTED = {"tasks": ("candidates",), "candidates": ("interview",)}


# --------------------------------------------------------------------------- reading

def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file; raise :class:`PlanError` naming file, line and field."""
    path = Path(path)
    return loads_plan(read_input(path, "plan file"), source=str(path))


def loads_plan(data: str | bytes, source: str = "<plan>") -> Plan:
    """Parse plan text (``bytes`` are decoded as UTF-8, a BOM is allowed)."""
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise PlanError(f"is not valid UTF-8 (byte {exc.start})", file=source, line=line,
                            hint="save the file as UTF-8") from None
    else:
        text = data.lstrip("\ufeff")
    _precheck(text, source)
    doc = parse_toml(text, source, PlanError, deep="is nested too deeply to be a plan file")
    try:
        plan = plan_from_dict(doc)
        plan.validate()
    except PlanError as exc:
        locator = _Locator(text)  # only to place an error: a scan of every line (~0.7 s at 10,000)
        exc.located(file=source, line=locator.line_of(exc.field))
        if exc.field:
            exc.field = locator.readable(exc.field, doc)
        raise
    return plan


#: Lines of a plan are far shorter (a 10,000-character note, every character escaped, is under
#: 100 KB): a line of 1-2 MiB or more is an inline array of millions of items, refused unparsed.
MAX_LINE_BYTES = 1024 * 1024
_CANDIDATE_HEADER = re.compile(r"\[\[[ \t]*tasks[ \t]*\.[ \t]*candidates[ \t]*\]\]")
_TASK_HEADER = re.compile(r"\[\[[ \t]*tasks[ \t]*\]\]")


def _precheck(text: str, source: str) -> None:
    """Refuse what the limits forbid before parsing (parsing millions of items takes minutes):
    a line over ``MAX_LINE_BYTES``, more ``[[tasks.candidates]]`` than ``MAX_CANDIDATES``, more
    ``[[tasks]]`` than ``MAX_TASKS``."""
    from advisor.plan.model import MAX_CANDIDATES, MAX_TASKS

    # a line longer than 2 windows always holds a whole window without a newline (a few
    # C-speed searches for a 50 MiB file; splitting it into lines took a second)
    for i in range(0, len(text) - MAX_LINE_BYTES + 1, MAX_LINE_BYTES):
        if "\n" not in text[i:i + MAX_LINE_BYTES]:
            raise PlanError(f"has a line longer than {MAX_LINE_BYTES // 1024 // 1024} MiB", file=source,
                            line=text.count("\n", 0, i) + 1, hint="is an array too long? (skills: at most 100 items)")
    # a cheap upper bound first; the header count only when it is over the limit
    if text.count("candidates") > MAX_CANDIDATES and sum(1 for _ in itertools.islice(
            _CANDIDATE_HEADER.finditer(text), MAX_CANDIDATES + 1)) > MAX_CANDIDATES:
        raise PlanError(f"has more than {MAX_CANDIDATES:,} candidates; a plan may hold at most "
                        f"{MAX_CANDIDATES:,}", file=source, hint="split the plan")
    if text.count("tasks") > MAX_TASKS:
        for n, m in enumerate(_TASK_HEADER.finditer(text), start=1):
            if n > MAX_TASKS:
                raise PlanError(f"has more than {MAX_TASKS:,} tasks; a plan may hold at most {MAX_TASKS:,}",
                                file=source, line=text.count("\n", 0, m.start()) + 1, field="tasks",
                                hint="split the plan, or delete finished tasks")


def plan_from_dict(doc: dict[str, Any]) -> Plan:
    """Build a plan from parsed TOML; checks structure and keys (values are checked by
    :meth:`Plan.validate`)."""
    _table(doc, "", "the file")
    _keys(doc, _TOP_KEYS, "")
    if "format" not in doc:
        raise PlanError("is missing: put `format = 1` at the top of the file", field="format")
    if doc["format"] != FORMAT or isinstance(doc["format"], bool):
        raise PlanError(f"must be {FORMAT}; this version reads plan format {FORMAT} only",
                        field="format")
    plan = Plan()
    if "business" in doc:
        b = _table(doc["business"], "business")
        _keys(b, _BUSINESS_KEYS, "business")
        plan.business = Business(**_values(b, fields.BUSINESS))
    plan.marketplaces = [Marketplace(**v) for _, _, v in _records(doc, "marketplaces", fields.MARKETPLACE)]
    plan.rates = [RateObservation(**v) for _, _, v in _records(doc, "rates", fields.RATE)]
    for where, t, values in _records(doc, "tasks", fields.TASK):
        task = Task(**values)
        for cwhere, c, cvalues in _records(t, "candidates", fields.CANDIDATE, where):
            interview = None
            if "interview" in c:
                iv = _table(c["interview"], f"{cwhere}.interview")
                _keys(iv, fields.plan_keys(fields.INTERVIEW), f"{cwhere}.interview")
                interview = Interview(**_values(iv, fields.INTERVIEW))
            task.candidates.append(Candidate(**cvalues, task=task.id if isinstance(t["id"], str) else "",
                                             interview=interview))
        plan.tasks.append(task)
    plan.suppressions = [Suppression(**v) for _, _, v in _records(doc, "suppressions", fields.SUPPRESSION)]
    return plan


def _records(doc: dict, key: str, specs: tuple[fields.Spec, ...],
             parent: str = "") -> Iterator[tuple[str, dict, dict[str, Any]]]:
    """Each table of the array ``doc[key]``: (where, the table, the record's field values), its
    keys checked against the field table and its required fields present."""
    at = f"{parent}.{key}" if parent else key
    allowed = fields.plan_keys(specs, *_NESTED.get(key, ()))
    required = [s.name for s in specs if s.required]
    for i, table in enumerate(_array(doc.get(key), at)):
        where = f"{at}[{i}]"
        _keys(table, allowed, where)
        for name in required:
            _required(table, name, where)
        yield where, table, _values(table, specs)


def _values(table: dict, specs: tuple[fields.Spec, ...]) -> dict[str, Any]:
    """The record's fields from a plan-file table: each key given, else its default."""
    return {s.name: table[s.name] if s.name in table else s.fresh_default() for s in specs if s.plan}


def _table(value: Any, where: str, what: str | None = None) -> dict:
    if not isinstance(value, dict):
        raise PlanError(f"must be a table, not {type(value).__name__}", field=where or what)
    return value


def _array(value: Any, where: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        header = re.sub(r"\[\d+\]", "", where)
        raise PlanError(f"must be an array of tables ([[{header}]])", field=where)
    for i, item in enumerate(value):
        _table(item, f"{where}[{i}]")
    return value


def _keys(table: dict, allowed: set[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            close = _closest(key, allowed)
            hint = f" (did you mean {close!r}?)" if close else ""
            raise PlanError(f"unknown key {key!r}{hint}; allowed: {', '.join(sorted(allowed))}",
                            field=f"{where}.{key}" if where else key)


def _required(table: dict, key: str, where: str) -> None:
    if key not in table:
        raise PlanError("is required", field=f"{where}.{key}")


def _closest(word: str, options: set[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.7)
    return found[0] if found else None


class _Locator:
    """Finds the line of a field path such as ``tasks[1].candidates[0].rating`` in TOML text.

    A light scan of table headers and ``key =`` lines: enough to point a user at the right line
    for every layout this format is written in (tables, arrays of tables, dotted sub-tables).
    Inline tables and multi-line values fall back to the line of the enclosing table.
    """

    # Possessive, and the name's class holds no "]": linear per line (the lazy name followed by
    # ``\\s*`` took 365 s on one 8,000-character line "[   ...x", issue 18).
    _HEADER = re.compile(r"^\s*+(\[\[?)([A-Za-z0-9_.\-\s\"']++)\]\]?\s*+(#.*)?$")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*(\.\s*[A-Za-z0-9_\-]+\s*)*=")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # Walk the file once, tracking the current table path with array indexes.
        self.entries: list[tuple[str, int]] = []  # (path, line)
        counters: dict[str, int] = {}
        current = ""
        in_multiline: str | None = None
        for n, line in enumerate(self.lines, start=1):
            if in_multiline:
                if in_multiline in line:
                    in_multiline = None
                continue
            m = self._HEADER.match(line)
            if m:
                is_array = m.group(1) == "[["
                parts = [p.strip().strip("\"'") for p in m.group(2).strip().split(".")]
                path = self._resolve(parts, counters, is_array)
                current = path
                self.entries.append((path, n))
                continue
            k = self._KEY.match(line)
            if k:
                key = k.group(1).strip('"')
                full = f"{current}.{key}" if current else key
                self.entries.append((full, n))
                for quote in ('"""', "'''"):
                    if line.count(quote) == 1:
                        in_multiline = quote
        # path -> its first line, built once: check --format json looks up every finding's
        # record (a scan of the entries per look-up was quadratic: 20 s at 16,000 candidates)
        self.index: dict[str, int] = {}
        for path, line in self.entries:
            self.index.setdefault(path, line)
        self.lookups = 0  # paths tried by line_of (a test counts them)

    def _resolve(self, parts: list[str], counters: dict[str, int], is_array: bool) -> str:
        path = ""
        for i, part in enumerate(parts):
            prefix = f"{path}.{part}" if path else part
            last = i == len(parts) - 1
            if last and is_array:
                idx = counters.get(prefix, -1) + 1
                counters[prefix] = idx
                # A new element resets the counters of arrays nested in it.
                for key in [k for k in counters if k.startswith(prefix + "[")]:
                    del counters[key]
                path = f"{prefix}[{idx}]"
            elif prefix in counters:
                path = f"{prefix}[{counters[prefix]}]"
            else:
                path = prefix
        return path

    def line_of(self, field_path: str | None) -> int | None:
        if not field_path:
            return None
        path = field_path
        while path:
            self.lookups += 1
            line = self.index.get(path)
            if line is not None:
                return line
            # Drop the last component: a key inside an inline table, or a missing key.
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                break
            path = path[:cut]
        return None

    def readable(self, field_path: str, doc: dict) -> str:
        """``tasks[0].candidates[1].rating`` -> ``tasks[logo].candidates[ana].rating`` when ids are known."""
        def repl_task(m: re.Match) -> str:
            i = int(m.group(1))
            try:
                tid = doc["tasks"][i]["id"]
            except (KeyError, IndexError, TypeError):
                return m.group(0)
            return f"tasks[{tid}]" if isinstance(tid, str) and tid else m.group(0)

        out = re.sub(r"tasks\[(\d+)\]", repl_task, field_path, count=1)
        m = re.match(r"tasks\[(\d+)\]\.candidates\[(\d+)\]", field_path)
        if m:
            try:
                cid = doc["tasks"][int(m.group(1))]["candidates"][int(m.group(2))]["id"]
                if isinstance(cid, str) and cid:
                    out = re.sub(r"candidates\[\d+\]", f"candidates[{cid}]", out, count=1)
            except (KeyError, IndexError, TypeError):
                pass
        return out


def record_lines(path: str | Path, plan: Plan) -> dict[tuple[str, str | None], int]:
    """Where each task and candidate of ``plan`` (read from ``path``) starts in the file:
    ``(task id, None)`` and ``(task id, candidate id)`` -> line. For locations in ``check``'s
    output; the same scan that locates errors, matched by position (the plan keeps file order)."""
    raw = read_input(Path(path), "plan file")
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    locator = _Locator(text)
    out: dict[tuple[str, str | None], int] = {}
    for i, task in enumerate(plan.tasks):
        line = locator.line_of(f"tasks[{i}]")
        if line is not None:
            out[(task.id, None)] = line
        for j, cand in enumerate(task.candidates):
            cline = locator.line_of(f"tasks[{i}].candidates[{j}]")
            if cline is not None:
                out[(task.id, cand.id)] = cline
    return out


# --------------------------------------------------------------------------- writing

def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as plain TOML-ready data; empty optional values are left out."""
    doc: dict[str, Any] = {"format": FORMAT}
    doc["business"] = _record_dict(plan.business, fields.BUSINESS)
    if plan.marketplaces:
        doc["marketplaces"] = [_record_dict(m, fields.MARKETPLACE) for m in plan.marketplaces]
    if plan.rates:
        doc["rates"] = [_record_dict(r, _RATE_WRITE) for r in plan.rates]
    if plan.tasks:
        doc["tasks"] = [_task_dict(t) for t in plan.tasks]
    if plan.suppressions:
        doc["suppressions"] = [_record_dict(s, _SUPPRESSION_WRITE) for s in plan.suppressions]
    return doc


_RATE_WRITE = fields.plan_order(fields.RATE, fields.RATE_PLAN_ORDER)
_SUPPRESSION_WRITE = fields.plan_order(fields.SUPPRESSION, fields.SUPPRESSION_PLAN_ORDER)


def _record_dict(record: Any, specs: tuple[fields.Spec, ...]) -> dict[str, Any]:
    """A record's keys in table order: "keep" fields always, "drop" ones unless empty, "set"
    ones (the advice fields) only when they differ from their default, so a plan that does not
    use them reads, and exports, exactly as before."""
    d: dict[str, Any] = {}
    for s in specs:
        if not s.plan:
            continue
        v = getattr(record, s.name)
        if s.plan == "keep" or (s.plan == "drop" and not (v is None or v == "")) or (
                s.plan == "set" and v != s.fresh_default()):
            d[s.name] = list(v) if s.kind == "list" else dict(v) if s.kind == "scores" else v
    return d


def _task_dict(t: Task) -> dict[str, Any]:
    d = _record_dict(t, fields.TASK)
    if t.candidates:
        d["candidates"] = [_candidate_dict(c) for c in t.candidates]
    return d


def _candidate_dict(c: Candidate) -> dict[str, Any]:
    d = _record_dict(c, fields.CANDIDATE)
    if c.interview is not None:
        d["interview"] = _record_dict(c.interview, fields.INTERVIEW)
    return d


def dumps_plan(plan: Plan) -> str:
    """The plan as TOML text in the documented format. Control characters are escaped, C1 ones
    (U+0080-U+009F, e.g. the 8-bit CSI) too, which TOML would allow raw: the text is safe to print
    to a terminal (``outsource export -``, ``cat``) and reads back to the same strings."""
    return escape_c1(tomli_w.dumps(plan_to_dict(plan), multiline_strings=True))


#: Above any process id a kernel hands out (Linux's PID_MAX_LIMIT is 2**22).


