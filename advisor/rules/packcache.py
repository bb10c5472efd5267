"""Parsed and compiled rule packs cached on disk, so a start does not parse and compile every
shipped rule again (issue 24: reading, checking and compiling ~60 rules was a third of
``outsource check`` at 1,000 candidates).

One JSON file per pack in the user cache dir (``platformdirs``), named by a key that hashes the
pack file's bytes, the rule settings the pack was parsed with, and the code that parses and
compiles it (the program's version and these modules' source). Nothing else is trusted: the
file is plain JSON data (never pickle, never code) that is checked on load: its own key and a
checksum of its body, then every rule, expression node and compiled engine rule against the
shapes the parser and compiler produce. Any mismatch, corruption or error, and the pack is parsed
in full as if there were no cache. Packs with problems are never cached (their messages come
from a full parse every time). Writing is best effort (a temporary file, then ``os.replace``).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import fields as dc_fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from advisor.rules import exprtree as T
from advisor.rules.ruleset import Example, Rule
from advisor.settings import SEVERITIES

FORMAT = 1
MAX_CACHE_BYTES = 4 << 20
MAX_ENTRIES = 64
#: Modules whose code decides what a pack parses and compiles to.
_CODE = ("advisor.rules.rulepack", "advisor.rules.expr", "advisor.rules.exprtree", "advisor.rules.compiler",
         "advisor.rules.templates", "advisor.rules.ruleset", "advisor.rules.factschema", "advisor.rules.packcache",
         "advisor.settings")

_NODES = {cls.__name__: cls for cls in (T.Lit, T.Field, T.Arith, T.Cmp, T.In, T.Missing, T.BoolOp, T.Not,
                                         T.Const)}
_OPS = {"Arith": {"+", "-", "*", "/"}, "Cmp": {"==", "!=", "<", "<=", ">", ">="}, "BoolOp": {"and", "or"}}
_ABOUTS = ("business", "task", "candidate")


class _Bad(Exception):
    """The cache file is not what this code writes: ignore it."""


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("outsource-advisor", appauthor=False) / "rulepacks"


@lru_cache(maxsize=1)
def code_version() -> str:
    """The program's version plus a hash of the modules that parse and compile packs."""
    import sys

    from advisor import __version__
    from advisor.rules import compiler, expr, factschema, templates  # noqa: F401  (in _CODE; rulepack is the caller)

    h = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for name in _CODE:
        origin = getattr(sys.modules.get(name), "__file__", None)
        try:
            h.update(Path(origin).read_bytes() if origin else name.encode())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()


def cache_key(data: bytes, settings: Mapping[str, Any]) -> str:
    h = hashlib.sha256(code_version().encode())
    h.update(json.dumps(settings, sort_keys=True, default=repr).encode())
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


# --------------------------------------------------------------------------- writing

def _node(n: Any) -> Any:
    if isinstance(n, T.Node):
        out: dict[str, Any] = {"k": type(n).__name__}
        for f in dc_fields(n):
            out[f.name] = _node(getattr(n, f.name))
        return out
    if isinstance(n, tuple):
        return [_node(x) for x in n]
    return n


def _rule(r: Rule, compiled: Any) -> dict:
    return {"id": r.id, "pack": r.pack, "title": r.title, "severity": r.severity, "about": r.about,
            "when": r.when, "expr": _node(r.expr), "message": r.message, "why": r.why, "fix": r.fix,
            "examples": [{"fires": e.fires, "name": e.name, "business": e.business, "task": e.task,
                          "candidate": e.candidate} for e in r.examples],
            "stages": list(r.stages), "source": r.source, "line": r.line, "formerly": list(r.formerly),
            "ask": list(r.ask),
            "compiled": {"namespaces": list(compiled.namespaces), "branches": compiled.branches,
                         "fields": {ns: sorted(v) for ns, v in compiled.fields.items()}}}


def store(key: str, pack: str, rules: list[Rule]) -> None:
    """Write the cache entry for a pack that parsed without problems (best effort)."""
    from advisor.rules.compiler import compiled_rule

    try:
        body = json.dumps({"pack": pack, "rules": [_rule(r, compiled_rule(r.id, r.about, r.expr)) for r in rules]},
                          ensure_ascii=False, sort_keys=True)
        doc = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body.encode()).hexdigest(),
                          "body": body}, ensure_ascii=False)
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_text(doc, encoding="utf-8")
        os.replace(tmp, folder / f"{key}.json")
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError, TypeError, RecursionError):
        pass  # Rule errors (compile) cannot happen: the pack parsed without problems


# --------------------------------------------------------------------------- reading

def load(key: str, source: str, builtin: bool) -> tuple[str, list[Rule]] | None:
    """The pack's name and rules from a valid cache entry for ``key``; None when there is none or
    it is not exactly what :func:`store` writes."""
    try:
        path = cache_dir() / f"{key}.json"
        with open(path, "rb") as fh:
            raw = fh.read(MAX_CACHE_BYTES + 1)
        if len(raw) > MAX_CACHE_BYTES:
            return None
        doc = json.loads(raw.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("key") != key:
            return None
        body = doc.get("body")
        if not isinstance(body, str) or hashlib.sha256(body.encode()).hexdigest() != doc.get("sha256"):
            return None
        data = json.loads(body)
        return _decode(data, source, builtin)
    except (OSError, ValueError, TypeError, KeyError, RecursionError, _Bad, UnicodeError):
        return None


def _need(ok: bool) -> None:
    if not ok:
        raise _Bad


def _str(v: Any) -> str:
    _need(isinstance(v, str))
    return v


def _strs(v: Any) -> tuple[str, ...]:
    _need(isinstance(v, list) and all(isinstance(x, str) for x in v))
    return tuple(v)


def _lit(v: Any) -> bool:
    return v is None or isinstance(v, (str, bool, int, float))


_KEYS = {name: frozenset({"k", *(f.name for f in dc_fields(cls))}) for name, cls in _NODES.items()}


def _expr(d: Any, depth: int = 0) -> Any:
    _need(isinstance(d, dict) and depth <= T.MAX_DEPTH * 4)
    kind = d.get("k")
    cls = _NODES.get(kind)
    _need(cls is not None and d.keys() == _KEYS[kind])
    _need(type(d["line"]) is int and type(d["col"]) is int)
    args: dict[str, Any] = {"line": d["line"], "col": d["col"]}
    if kind == "Lit":
        _need(_lit(d["value"]))
        args["value"] = d["value"]
    elif kind == "Field":
        ns, name, typ = _str(d["ns"]), _str(d["name"]), _str(d["type"])
        _need(ns in _ABOUTS and _schema().get(ns, {}).get(name) == typ)
        args.update(ns=ns, name=name, type=typ)
    elif kind in ("Arith", "Cmp"):
        _need(d["op"] in _OPS[kind])
        args.update(op=d["op"], left=_expr(d["left"], depth + 1), right=_expr(d["right"], depth + 1))
        _need(all(isinstance(args[s], (T.Lit, T.Field, T.Arith)) for s in ("left", "right")))
        if kind == "Arith":
            _need(d["type"] == T.NUMBER)
    elif kind == "In":
        vals = d["values"]
        _need(isinstance(vals, list) and len(vals) <= T.MAX_LIST and all(_lit(v) for v in vals)
              and type(d["negated"]) is bool)
        args.update(left=_expr(d["left"], depth + 1), values=tuple(vals), negated=d["negated"])
    elif kind == "Missing":
        f = _expr(d["field"], depth + 1)
        _need(isinstance(f, T.Field) and type(d["negated"]) is bool)
        args.update(field=f, negated=d["negated"])
    elif kind == "BoolOp":
        _need(d["op"] in _OPS[kind] and isinstance(d["items"], list) and len(d["items"]) >= 2)
        args.update(op=d["op"], items=tuple(_expr(i, depth + 1) for i in d["items"]))
    elif kind == "Not":
        args["item"] = _expr(d["item"], depth + 1)
    else:  # Const
        _need(type(d["value"]) is bool)
        args["value"] = d["value"]
    return cls(**args)


def _schema() -> dict:
    from advisor.rules.factschema import SCHEMA

    return SCHEMA


def _branches(v: Any) -> list[dict]:
    from advisor.rules.compiler import ALIAS, RULE_CAP, _has_exponent

    _need(isinstance(v, list) and 0 < len(v))
    aliases = set(ALIAS.values())
    for b in v:
        _need(isinstance(b, dict) and set(b) == {"all", "cap"} and b["cap"] == RULE_CAP)
        _need(isinstance(b["all"], list) and 0 < len(b["all"]) <= 3)
        for p in b["all"]:
            _need(isinstance(p, dict) and len(p) == 1 and next(iter(p)) in aliases
                  and isinstance(next(iter(p.values())), dict))
    text = json.dumps(v, ensure_ascii=False)
    text.encode("utf-8")  # a lone surrogate raises UnicodeError: ignore the cache
    _need(not _has_exponent(text))
    return v


def _decode(data: Any, source: str, builtin: bool) -> tuple[str, list[Rule]]:
    from advisor.rules.compiler import CompiledRule, prime, rule_namespaces
    from advisor.rules.factschema import SCHEMA

    _need(isinstance(data, dict) and set(data) == {"pack", "rules"} and isinstance(data["rules"], list))
    pack = _str(data["pack"])
    rules: list[Rule] = []
    primes = []
    for d in data["rules"]:
        _need(isinstance(d, dict))
        about, severity = _str(d["about"]), _str(d["severity"])
        _need(about in _ABOUTS and severity in SEVERITIES and d["pack"] == pack)
        expr = _expr(d["expr"])
        examples = []
        for e in d["examples"]:
            _need(isinstance(e, dict) and type(e["fires"]) is bool)
            tables = {}
            for ns in _ABOUTS:
                t = e[ns]
                _need(t is None or (isinstance(t, dict) and all(k in SCHEMA[ns] and _lit(x) for k, x in t.items())))
                tables[ns] = t
            examples.append(Example(fires=e["fires"], name=_str(e["name"]), **tables))
        line = d["line"]
        _need(line is None or type(line) is int)
        r = Rule(id=_str(d["id"]), pack=pack, title=_str(d["title"]), severity=severity, about=about,
                 when=_str(d["when"]), expr=expr, message=_str(d["message"]), why=_str(d["why"]),
                 fix=_str(d["fix"]), examples=tuple(examples), stages=_strs(d["stages"]),
                 source=_str(d["source"]), file=source, line=line, builtin=builtin,
                 formerly=_strs(d["formerly"]), ask=_strs(d["ask"]))
        c = d["compiled"]
        _need(isinstance(c, dict) and set(c) == {"namespaces", "branches", "fields"})
        nss = _strs(c["namespaces"])
        _need(nss == tuple(rule_namespaces(about, expr)))
        fl = c["fields"]
        _need(isinstance(fl, dict) and all(isinstance(ns, str) for ns in fl))
        primes.append(CompiledRule(r.id, about, nss, _branches(c["branches"]),
                                   {ns: set(_strs(v)) for ns, v in fl.items()}))
        rules.append(r)
    _need(len({r.id for r in rules}) == len(rules))
    for r, cr in zip(rules, primes):
        prime(r.expr, cr)
    return pack, rules
