"""Fuzzing every reader of user files with hypothesis: the rule expression parser and rule packs,
plan files, candidate CSVs and the config file.

The contract (DEVELOPERS.md, "Rules of the house"): whatever the bytes, the only exception that
escapes is the project's own :class:`~advisor.errors.AdvisorError` kind for that reader, and its
text names the file (and the line or field where one is known). ``max_examples`` is kept small for
``make test``; ``make stress`` (the deep Hypothesis profile, tests/profiles.py) runs 2,000 each.
"""

from __future__ import annotations

import csv
import io
import random
import string
import tempfile
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings as hsettings, strategies as st
from profiles import examples

from advisor.rules import expr as exprmod
from advisor.errors import ConfigError, PlanError, RuleError
from advisor.rules.factschema import SCHEMA
from advisor.settings import DEFAULT_RULE_SETTINGS

N = examples(2000, fast=100)
pytestmark = pytest.mark.slow  # `make stress` runs these too, at twenty times the examples
FUZZ = hsettings(max_examples=N, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                        HealthCheck.data_too_large, HealthCheck.large_base_example,
                                        HealthCheck.function_scoped_fixture])

ROOT = Path(__file__).resolve().parent.parent
BAKERY_TEXT = (ROOT / "examples" / "bakery.toml").read_text(encoding="utf-8")
CORE_RULES = (ROOT / "rules" / "core.toml").read_text(encoding="utf-8")


def names_source(err: Exception, source: str) -> None:
    text = str(err)
    assert text.startswith(f"{source}:"), text
    assert "Traceback" not in text


# --------------------------------------------------------------------------- TOML-ish values

toml_keys = st.one_of(st.sampled_from(["format", "business", "name", "tasks", "candidates", "id", "title",
                                       "rating", "budget", "rules", "when", "message", "advisor", "settings",
                                       "include", "__class__", "marketplaces", "rates", "interview"]),
                      st.text(min_size=1, max_size=12))
toml_scalars = st.one_of(
    st.booleans(), st.integers(min_value=-(2 ** 63), max_value=2 ** 63 - 1), st.integers(),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), st.dates(),
    st.datetimes(), st.times(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(toml_keys, inner, max_size=4)),
    max_leaves=30,
)
toml_docs = st.dictionaries(toml_keys, toml_values, max_size=6)


def dump(doc: dict) -> str | None:
    try:
        return tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- rule expressions

FIELDS = [f"{ns}.{f}" for ns in ("business", "task", "candidate") for f in SCHEMA[ns]][:60]
ATOMS = st.one_of(
    st.sampled_from(FIELDS), st.sampled_from([f"settings.{k}" for k in DEFAULT_RULE_SETTINGS]),
    st.integers(-10 ** 20, 10 ** 20).map(str), st.floats(allow_nan=False).map(repr),
    st.sampled_from(["True", "False", "None", "'hiring'", '"x"', "nan", "inf", "1e999", "0x10", "1_000",
                     "__import__", "open", "eval", "exec", "getattr", "lambda: 0", "task.__class__",
                     "().__class__.__bases__[0]", "{'a': 1}", "{1}", "b'x'", "f'{task}'", "...",
                     "task.title.upper()", "(yield)", "await x", "x := 1", "*task", "task[0]"]),
)
BINOPS = ["+", "-", "*", "/", "//", "%", "**", "<<", "&", "|", "^", "@"]
CMPOPS = ["<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not"]


def _ast_text():
    return st.recursive(
        ATOMS,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(BINOPS), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, st.sampled_from(CMPOPS), inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
            st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]}) {t[1]} ({t[2]})"),
            inner.map(lambda t: f"not ({t})"),
            inner.map(lambda t: f"-({t})"),
            st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
            st.tuples(st.sampled_from(["len", "__import__", "open", "max", "task.title.format", "print"]),
                      inner).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(inner, st.sampled_from(["if", "for"]), inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        ),
        max_leaves=12,
    )


def check_expression(text: str, about: str) -> None:
    try:
        exprmod.parse(text, DEFAULT_RULE_SETTINGS, schema=SCHEMA, allowed=exprmod.allowed_namespaces(about))
    except RuleError as exc:
        assert exc.field == "when" and exc.line is not None and exc.column is not None, repr(exc)
        assert exc.message


@FUZZ
@given(text=st.text(max_size=200), about=st.sampled_from(["business", "task", "candidate"]))
def test_fuzz_expression_random_text(text, about):
    check_expression(text, about)


@FUZZ
@given(text=_ast_text(), about=st.sampled_from(["business", "task", "candidate"]))
def test_fuzz_expression_random_trees(text, about):
    check_expression(text, about)


def _pack(when: str, message: str, about: str = "task") -> str:
    return tomli_w.dumps({"pack": "fuzz", "rules": [{
        "id": "fuzz-rule", "title": "Fuzz", "severity": "warning", "about": about, "when": when,
        "message": message, "why": "why", "fix": "fix"}]})


templates = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.text(alphabet=string.ascii_letters + " ", max_size=8),
                       st.sampled_from(["{task.title}", "{task.budget:,.0f}", "{0}", "{}", "{task.__class__}",
                                        "{task.title!r}", "{settings.few_reviews}", "{task[0]}",
                                        "{0.__globals__}", "{task.title:{task.budget}}", "{{", "}}", "{",
                                        "{business.name:>999999999}", "{task.budget:.99999f}"])),
             max_size=6).map("".join),
)


@FUZZ
@given(when=st.one_of(_ast_text(), st.text(max_size=80)), message=templates,
       about=st.sampled_from(["business", "task", "candidate"]))
def test_fuzz_rule_pack_never_raises(when, message, about):
    """A pack with any ``when`` and ``message`` loads or reports problems; nothing is raised."""
    from advisor.rules.compiler import compile_rules
    from advisor.rules.rulepack import Ruleset, parse_pack

    pack, rules, problems = parse_pack(_pack(when, message, about), "fuzz.toml")
    for p in problems:
        assert isinstance(p, RuleError)
        names_source(p, "fuzz.toml")
    if rules:
        compiled = compile_rules(Ruleset(rules, dict(DEFAULT_RULE_SETTINGS)))
        for p in compiled.problems:
            assert isinstance(p, RuleError)


@FUZZ
@given(data=st.binary(max_size=400))
def test_fuzz_rule_pack_random_bytes(data):
    from advisor.rules.rulepack import load_pack

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "pack.toml"
        path.write_bytes(data)
        _, _, problems = load_pack(path)
    for p in problems:
        assert isinstance(p, RuleError)
        names_source(p, str(path))


@FUZZ
@given(doc=toml_docs)
def test_fuzz_rule_pack_random_documents(doc):
    from advisor.rules.rulepack import parse_pack

    text = dump(doc)
    assume(text is not None)
    _, _, problems = parse_pack(text, "doc.toml")
    for p in problems:
        assert isinstance(p, RuleError)
        names_source(p, "doc.toml")


@FUZZ
@given(seed=st.integers(0, 2 ** 32 - 1))
def test_fuzz_core_rule_pack_mutated(seed):
    from advisor.rules.rulepack import parse_pack

    _, _, problems = parse_pack(_mutate_text(CORE_RULES, seed), "core.toml")
    for p in problems:
        assert isinstance(p, RuleError)
        names_source(p, "core.toml")


# --------------------------------------------------------------------------- plan files

def check_plan(data: str | bytes, source: str = "fuzz.toml") -> None:
    from advisor.storage.planfile import loads_plan

    try:
        loads_plan(data, source=source)
    except PlanError as exc:
        names_source(exc, source)
        assert exc.message


def _mutate_text(text: str, seed: int) -> str:
    """A few random edits of a valid file: delete, duplicate or replace a span, change a value."""
    rnd = random.Random(seed)
    out = text
    nasty = ["", "\x00", "\ufeff", "\r\n", "\x1b]52;c;aGk=\x07", "[[tasks]]", "nan", "-inf", "1e309",
             "9" * 30, '"', "'''", "{", "}", "=", "[", "]", "\\", "\udcff"[:0] + "\u2028", "true", "[]",
             "{ a = 1 }", "1979-05-27", "format = 2", "id = \"logo\"", "\n[business]\n"]
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(out) + 1)
        j = min(len(out), i + rnd.randint(0, 40))
        op = rnd.randrange(4)
        if op == 0:
            out = out[:i] + out[j:]
        elif op == 1:
            out = out[:i] + out[i:j] * 2 + out[j:]
        elif op == 2:
            out = out[:i] + rnd.choice(nasty) + out[j:]
        else:
            lines = out.split("\n")
            k = rnd.randrange(len(lines))
            if "=" in lines[k]:
                key = lines[k].split("=", 1)[0]
                lines[k] = key + "= " + rnd.choice(['"x"', "-1", "1e400", "nan", "inf", "true", "[1, 2]",
                                                   "{ x = 1 }", "2026-02-30", "9" * 25, '""', "0.0",
                                                   '"\\u001b[2J"', "1979-05-27T07:32:00Z"])
            out = "\n".join(lines)
    return out


@FUZZ
@given(data=st.binary(max_size=600))
def test_fuzz_plan_random_bytes(data):
    check_plan(data)


@FUZZ
@given(doc=toml_docs)
def test_fuzz_plan_random_documents(doc):
    text = dump(doc)
    assume(text is not None)
    check_plan(text)
    check_plan(tomli_w.dumps({"format": 1, **doc}) if dump({"format": 1, **doc}) else text)


@FUZZ
@given(seed=st.integers(0, 2 ** 32 - 1))
def test_fuzz_plan_mutated_valid_plan(seed):
    text = _mutate_text(BAKERY_TEXT, seed)
    check_plan(text)
    check_plan(text.encode("utf-8", "surrogatepass"))


def _paths(doc, prefix=()):
    """Every (path, container) to a value in a parsed plan."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


@FUZZ
@given(data=st.data())
def test_fuzz_plan_structural_mutations(data):
    """Replace one value anywhere in a valid plan with a value of another type or range."""
    import tomllib

    doc = tomllib.loads(BAKERY_TEXT)
    paths = list(_paths(doc))
    path = data.draw(st.sampled_from(paths))
    value = data.draw(st.one_of(toml_values, st.sampled_from([float("nan"), float("inf"), -1, 10 ** 30,
                                                             2 ** 63 - 1, "", "x" * 5000, [], {}])))
    target = doc
    for p in path[:-1]:
        target = target[p]
    if data.draw(st.booleans()) or not isinstance(target, dict):
        target[path[-1]] = value
    else:
        target[data.draw(toml_keys)] = value
    text = dump(doc)
    assume(text is not None)
    check_plan(text)


def test_huge_integers_in_a_plan_are_plan_errors():
    """Regression: an integer too big for a float (or for Python's int parsing) used to escape as
    OverflowError / ValueError instead of a PlanError naming the file and field."""
    for value in ("1" + "0" * 400, "9" * 5000):
        text = BAKERY_TEXT.replace("budget = 300.0", f"budget = {value}", 1)
        assert text != BAKERY_TEXT
        with pytest.raises(PlanError) as exc:
            from advisor.storage.planfile import loads_plan

            loads_plan(text, source="big.toml")
        assert str(exc.value).startswith("big.toml:")


# --------------------------------------------------------------------------- CSV

def check_csv(raw: bytes, source: str = "fuzz.csv") -> None:
    from advisor.storage.csvimport import parse_candidates_csv

    try:
        cands = parse_candidates_csv(raw, "logo", ["ana"], source=source)
    except PlanError as exc:
        names_source(exc, source)
        assert exc.line is not None, repr(exc)
        return
    ids = [c.id for c in cands]
    assert len(set(ids)) == len(ids) and "ana" not in ids
    for c in cands:
        c.validate()


HEADER_WORDS = ["Name", "Freelancer", "Hourly Rate", "Bid", "Fixed Price", "Rating", "Reviews", "Jobs", "JSS",
                "Country", "UTC Offset", "Status", "Notes", "id", "Reject Reason", "Platform", "", "Favourite"]
cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["$30/hr", "1,200", "96%", "4.9/5", "nan", "inf", "-1", "1e309", "9" * 400, "UTC+5:30",
                     "Europe/Lisbon", "Mars/Olympus", "hired", "ana", "zoe q", "\x1b]52;c;aGk=\x07",
                     "[@click=app.quit]x[/]", "=cmd|' /C calc'!A0", "\ufeffName", "\r\n", '"', "\x00"]),
)


@FUZZ
@given(data=st.binary(max_size=600))
def test_fuzz_csv_random_bytes(data):
    check_csv(data)


@FUZZ
@given(header=st.lists(st.sampled_from(HEADER_WORDS), min_size=1, max_size=6),
       rows=st.lists(st.lists(cells, max_size=7), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]), bom=st.booleans(), crlf=st.booleans())
def test_fuzz_csv_random_rows(header, rows, delimiter, bom, crlf):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow(r)
    raw = buf.getvalue().encode("utf-8", "surrogatepass")
    check_csv((b"\xef\xbb\xbf" if bom else b"") + raw)


# --------------------------------------------------------------------------- config

CONFIG_EXAMPLE = (ROOT / "config.example.toml").read_text(encoding="utf-8")


def check_config(data: bytes) -> None:
    from advisor.settings import load_settings

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "config.toml"
        path.write_bytes(data)
        try:
            load_settings(path, env={})
        except ConfigError as exc:
            names_source(exc, str(path))
            assert exc.message


@FUZZ
@given(data=st.binary(max_size=400))
def test_fuzz_config_random_bytes(data):
    check_config(data)


config_docs = st.dictionaries(
    st.sampled_from(["workspace", "advisor", "ui", "keys", "marketplaces", "other"]),
    st.one_of(toml_values, st.dictionaries(
        st.sampled_from(["db", "rule_dirs", "select", "ignore", "severity", "settings", "theme", "mouse", "name",
                         "fee_percent", "main.shortlist", "x"]), toml_values, max_size=4)),
    max_size=5)


@FUZZ
@given(doc=config_docs)
def test_fuzz_config_random_documents(doc):
    text = dump(doc)
    assume(text is not None)
    check_config(text.encode("utf-8"))


@FUZZ
@given(seed=st.integers(0, 2 ** 32 - 1))
def test_fuzz_config_mutated_example(seed):
    check_config(_mutate_text(CONFIG_EXAMPLE, seed).encode("utf-8", "surrogatepass"))


def test_huge_numbers_in_config_are_config_errors(tmp_path):
    """Regression: huge integers escaped the config loader as ValueError, or were accepted as rule
    settings that no rule could use."""
    from advisor.settings import load_settings

    for body in ("[advisor.settings]\nshortlist_min = " + "9" * 5000,
                 "[advisor.settings]\nshortlist_min = 1" + "0" * 400,
                 "[advisor.settings]\nmy_limit = 1" + "0" * 30,
                 "[[marketplaces]]\nname = \"X\"\nfee_fixed = 1" + "0" * 400):
        path = tmp_path / "c.toml"
        path.write_text(body, encoding="utf-8")
        with pytest.raises(ConfigError) as exc:
            load_settings(path, env={})
        assert str(exc.value).startswith(f"{path}:"), str(exc.value)


def test_huge_integer_in_a_rule_pack_is_a_problem_not_a_crash():
    """Regression: tomllib's ValueError for a 5000-digit integer escaped parse_pack."""
    from advisor.rules.rulepack import parse_pack

    _, rules, problems = parse_pack('pack = "p"\nx = ' + "9" * 5000, "p.toml")
    assert rules == [] and [str(p) for p in problems] == ["p.toml: is not valid TOML: a number has more than "
                                                          "4300 digits"]
