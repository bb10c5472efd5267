"""The rule expression language: small, typed, and never evaluated as Python.

A ``when`` expression is parsed with Python's :mod:`ast` (``mode="eval"``) and then *translated*
node by node into the small tree of :mod:`advisor.rules.exprtree`, through an allow-list: anything that is not on the list
(calls, attribute chains, subscripts, lambdas, comprehensions, f-strings, walrus, starred names,
dunder names...) is refused with a :class:`ExprError` that names the line and column inside the
``when`` text. Nothing is ever passed to ``eval``/``exec``/``compile``-to-code.

The language::

    expr    := expr 'or' expr | expr 'and' expr | 'not' expr | '(' expr ')'
             | value cmp value [cmp value ...]      # == != < <= > >=, chains are and-ed
             | value ['not'] 'in' '[' literal, ... ']'
             | value '==' None | value '!=' None     # "is missing" / "is present"
             | field                                  # a true/false field
             | True | False
    value   := number | 'string' | True | False | field | settings.name
             | value ('+' | '-' | '*' | '/') value | '-' value | '(' value ')'
    field   := business.name | task.name | candidate.name

``settings.x`` is replaced by its value when the rule is parsed, so the expression the compiler
sees holds only literals and fact fields. Literal arithmetic is folded.

Missing values: a fact field can be absent (a candidate without a rating). Any comparison that
involves an absent value is **false** (``candidate.rating < 4`` and ``candidate.rating >= 4`` are
both false), arithmetic with an absent value is absent, and division by zero is absent.
``not`` is plain logical negation of the result, so ``not (candidate.rating >= 4)`` is true for a
candidate without a rating. ``x == None`` tests that ``x`` is absent.
"""

from __future__ import annotations

import ast
import difflib
import math
from typing import Any, Mapping

# the tree (nodes, limits, walking, writing back) lives in exprtree; its names are re-exported here
from advisor.rules.exprtree import (  # noqa: F401
    BOOL, NUMBER, STRING, Arith, BoolOp, Cmp, Const, Expr, ExprError, FLIP, Field, INVERT, In, Lit, MAX_DEPTH, MAX_LIST,
    MAX_NODES, MAX_NUMBER, MAX_STRING, MAX_TEXT, MIN_NUMBER, Missing, NAMESPACES, Node, Not, ORDER,
    SETTINGS_NS, Value, _IDENT, _STRING, _lit_text, fields, format_number, namespaces, to_text, walk)


# --------------------------------------------------------------------------- parsing

_FORBIDDEN = {
    ast.Call: "calls are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.Subscript: "subscripts (x[...]) are not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "generator expressions are not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.NamedExpr: "assignment (:=) is not allowed",
    ast.Starred: "* is not allowed",
    ast.IfExp: "conditional expressions (x if c else y) are not allowed; use and/or",
    ast.Dict: "tables ({...}) are not allowed",
    ast.Set: "sets ({...}) are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
    ast.Slice: "slices are not allowed",
}

_CMP_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_ARITH_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class _Parser:
    def __init__(self, text: str, settings: Mapping[str, Any], schema: Mapping[str, Mapping[str, str]] | None,
                 allowed: set[str] | None) -> None:
        self.text = text
        self.settings = settings
        self.schema = schema
        self.allowed = allowed
        self.count = 0

    def error(self, node: Any, message: str, hint: str | None = None) -> ExprError:
        line = max(1, (getattr(node, "lineno", None) or 2) - 1)
        col = (getattr(node, "col_offset", None) or 0) + 1
        if isinstance(node, Node):
            line, col = node.line, node.col
        return ExprError(message, line=line, column=col, field="when", hint=hint)

    def pos(self, node: ast.AST) -> tuple[int, int]:
        return max(1, (getattr(node, "lineno", 2) or 2) - 1), (getattr(node, "col_offset", 0) or 0) + 1

    # -- entry
    def parse(self) -> Expr:
        if not isinstance(self.text, str):
            raise ExprError("must be text", line=1, column=1, field="when")
        if not self.text.strip():
            raise ExprError("is empty", line=1, column=1, field="when")
        if len(self.text) > MAX_TEXT:
            raise ExprError(f"is {len(self.text)} characters long; the limit is {MAX_TEXT}",
                            line=1, column=1, field="when")
        self._precheck_depth()
        self._precheck_ascii()
        try:
            # Wrapped in parentheses on their own lines, so a `when` may span lines; positions
            # are shifted back by the extra first line.
            tree = ast.parse("(\n" + self.text + "\n)", mode="eval")
        except SyntaxError as exc:
            msg = (exc.msg or "invalid syntax").replace("invalid syntax. Perhaps you forgot a comma?",
                                                         "invalid syntax")
            line = max(1, (exc.lineno or 2) - 1)
            lines = self.text.split("\n")
            col = exc.offset or 1
            if line > len(lines):  # the error is at the end of the text
                line, col = len(lines), len(lines[-1]) + 1
            raise ExprError(f"syntax error: {msg}", line=line, column=col, field="when") from None
        except (RecursionError, MemoryError, ValueError):
            raise ExprError("is nested too deeply", line=1, column=1, field="when") from None
        self._check_tree(tree.body, 0)
        return self.boolean(tree.body)

    def _precheck_ascii(self) -> None:
        """Outside quotes only ASCII: Python would read full-width ``ｔａｓｋ`` as ``task``
        (NFKC), so a rule could look like one thing and test another."""
        outside = _STRING.sub(lambda m: " " * len(m.group(0)), self.text)
        for i, ch in enumerate(outside):
            if ord(ch) > 127:
                line = self.text.count("\n", 0, i) + 1
                col = i - (self.text.rfind("\n", 0, i) + 1) + 1
                raise ExprError(f"{ch!r} (U+{ord(ch):04X}) outside quotes: names and operators are "
                                "plain ASCII", line=line, column=col, field="when")

    def _precheck_depth(self) -> None:
        depth = best = 0
        for ch in self.text:
            if ch in "([":
                depth += 1
                best = max(best, depth)
            elif ch in ")]":
                depth -= 1
        if best > MAX_DEPTH:
            raise ExprError(f"is nested {best} levels deep; the limit is {MAX_DEPTH}", line=1, column=1,
                            field="when")

    def _check_tree(self, node: ast.AST, depth: int) -> None:
        """Refuse forbidden node kinds anywhere, before anything is interpreted."""
        if depth > MAX_DEPTH * 3:
            raise self.error(node, f"is nested too deeply (limit {MAX_DEPTH})")
        self.count += 1
        if self.count > MAX_NODES:
            raise self.error(node, f"is too long: more than {MAX_NODES} parts")
        for kind, message in _FORBIDDEN.items():
            if isinstance(node, kind):
                raise self.error(node, message,
                                 hint="a rule can only compare fields, settings and literals")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise self.error(node, f"names starting with '_' are not allowed ({node.id!r})")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            raise self.error(node, f"names starting with '_' are not allowed ({node.attr!r})")
        for child in ast.iter_child_nodes(node):
            self._check_tree(child, depth + 1)

    # -- boolean level
    def boolean(self, node: ast.AST) -> Expr:
        line, col = self.pos(node)
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            return BoolOp(line, col, op, tuple(self.boolean(v) for v in node.values))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = self.boolean(node.operand)
            if isinstance(inner, Const):
                return Const(line, col, not inner.value)
            return Not(line, col, inner)
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return Const(line, col, node.value)
        if isinstance(node, (ast.Attribute, ast.Name)):
            value = self.value(node)
            if isinstance(value, Lit):
                if value.type != BOOL:
                    raise self.error(node, f"{_lit_text(value.value)} is not true or false; compare it "
                                           "with something")
                return Const(line, col, value.value)
            if value.type != BOOL:
                raise self.error(node, f"{value.path} is {_a(value.type)}, not true/false; compare it "
                                       "with something (e.g. `> 0`)")
            return Cmp(line, col, "==", value, Lit(line, col, True))
        if isinstance(node, (ast.BinOp, ast.Constant, ast.UnaryOp)):
            raise self.error(node, "this is a value, not a condition; compare it with something")
        if isinstance(node, (ast.List, ast.Tuple)):
            raise self.error(node, "a list can only follow `in` or `not in`")
        raise self.error(node, f"{type(node).__name__} is not allowed here")

    def compare(self, node: ast.Compare) -> Expr:
        parts: list[Expr] = []
        left_node = node.left
        for op, right_node in zip(node.ops, node.comparators):
            parts.append(self.one_compare(node, left_node, op, right_node))
            left_node = right_node
        line, col = self.pos(node)
        if len(parts) == 1:
            return parts[0]
        return BoolOp(line, col, "and", tuple(parts))

    def one_compare(self, node: ast.Compare, left_node: ast.AST, op: ast.cmpop, right_node: ast.AST) -> Expr:
        line, col = self.pos(left_node)
        if isinstance(op, (ast.In, ast.NotIn)):
            left = self.value(left_node)
            if not isinstance(right_node, (ast.List, ast.Tuple)):
                raise self.error(right_node, "`in` needs a literal list such as ['a', 'b']")
            if len(right_node.elts) > MAX_LIST:
                raise self.error(right_node, f"the list has {len(right_node.elts)} items; the limit is "
                                             f"{MAX_LIST}")
            values = []
            for elt in right_node.elts:
                v = self.value(elt)
                if not isinstance(v, Lit) or v.value is None:
                    raise self.error(elt, "a list after `in` may hold literals (and settings) only")
                if v.type != left.type:
                    raise self.error(elt, f"{_lit_text(v.value)} is {_a(v.type)} but "
                                          f"{_describe(left)} is {_a(left.type)}")
                self._check_choice(left, v, elt)
                if v.value not in values:
                    values.append(v.value)
            negated = isinstance(op, ast.NotIn)
            if isinstance(left, Lit):
                return Const(line, col, (left.value in values) != negated)
            return In(line, col, left, tuple(values), negated)
        if isinstance(op, (ast.Is, ast.IsNot)):
            raise self.error(node, "`is` is not allowed; use == or !=")
        sym = _CMP_OPS[type(op)]
        left = self.value(left_node)
        right = self.value(right_node)
        # None: "is missing" tests.
        if isinstance(right, Lit) and right.value is None or isinstance(left, Lit) and left.value is None:
            if sym not in ("==", "!="):
                raise self.error(node, "None can only be compared with == or !=")
            other = left if isinstance(right, Lit) and right.value is None else right
            if not isinstance(other, Field):
                raise self.error(node, "only a field can be compared with None")
            return Missing(line, col, other, negated=(sym == "!="))
        if left.type != right.type:
            raise self.error(right_node, f"cannot compare {_describe(left)} ({left.type}) with "
                                         f"{_describe(right)} ({right.type})")
        if sym not in ("==", "!=") and left.type != NUMBER:
            raise self.error(node, f"{sym} compares numbers only; {_describe(left)} is {_a(left.type)}")
        if isinstance(left, Lit) and isinstance(right, Lit):
            return Const(line, col, _fold_cmp(sym, left.value, right.value))
        self._check_choice(left, right, right_node)
        self._check_choice(right, left, left_node)
        return Cmp(line, col, sym, left, right)

    def _check_choice(self, fld: Any, lit: Any, node: ast.AST) -> None:
        """A field that only takes a fixed set of values (``facts.ENUMS``) compared with a value
        outside it can never be true: a typo such as ``candidate.status == 'hird'``."""
        if not (isinstance(fld, Field) and isinstance(lit, Lit) and isinstance(lit.value, str)):
            return
        from advisor.rules.factschema import ENUMS

        allowed = ENUMS.get((fld.ns, fld.name))
        if allowed is not None and lit.value not in allowed:
            close = difflib.get_close_matches(lit.value, allowed, n=1)
            raise self.error(node, f"{fld.path} is never {lit.value!r}; it is one of {', '.join(allowed)}",
                             hint=f"did you mean {close[0]!r}?" if close else None)

    # -- value level
    def value(self, node: ast.AST) -> Value:
        line, col = self.pos(node)
        if isinstance(node, ast.Constant):
            return Lit(line, col, self.literal(node, node.value))
        if isinstance(node, ast.Attribute):
            return self.attribute(node)
        if isinstance(node, ast.Name):
            if node.id in NAMESPACES or node.id == SETTINGS_NS:
                raise self.error(node, f"name a field: {node.id}.something")
            close = difflib.get_close_matches(node.id, list(NAMESPACES) + [SETTINGS_NS, "and", "or", "not"], n=1)
            hint = f"did you mean {close[0]!r}?" if close else "use business.x, task.x, candidate.x or settings.x"
            raise self.error(node, f"unknown name {node.id!r}", hint=hint)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, (ast.USub, ast.UAdd)):
                inner = self.value(node.operand)
                if inner.type != NUMBER:
                    raise self.error(node, "- and + apply to numbers only")
                if isinstance(node.op, ast.UAdd):
                    return inner
                if isinstance(inner, Lit):
                    return Lit(line, col, self.number(node, -inner.value))
                return Arith(line, col, "-", Lit(line, col, 0.0), inner)
            if isinstance(node.op, ast.Not):
                raise self.error(node, "`not` applies to conditions, not values")
            raise self.error(node, f"operator {type(node.op).__name__} is not allowed")
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _ARITH_OPS:
                raise self.error(node, f"operator {type(node.op).__name__} is not allowed; use + - * /")
            sym = _ARITH_OPS[type(node.op)]
            left = self.value(node.left)
            right = self.value(node.right)
            for side, n in ((left, node.left), (right, node.right)):
                if side.type != NUMBER:
                    raise self.error(n, f"{sym} applies to numbers only; {_describe(side)} is {_a(side.type)}")
            if isinstance(right, Lit) and sym == "/" and right.value == 0:
                raise self.error(node.right, "division by zero")
            if isinstance(left, Lit) and isinstance(right, Lit):
                return Lit(line, col, self.number(node, _fold_arith(sym, left.value, right.value)))
            return Arith(line, col, sym, left, right)
        if isinstance(node, ast.Compare) or isinstance(node, ast.BoolOp):
            raise self.error(node, "a condition cannot be used as a value here")
        if isinstance(node, (ast.List, ast.Tuple)):
            raise self.error(node, "a list can only follow `in` or `not in`")
        raise self.error(node, f"{type(node).__name__} is not allowed")

    def literal(self, node: ast.AST, value: Any) -> Any:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, complex):
            return self.number(node, value)
        if isinstance(value, str):
            if len(value) > MAX_STRING:
                raise self.error(node, f"a text literal of {len(value)} characters; the limit is {MAX_STRING}")
            return value
        raise self.error(node, f"literal of kind {type(value).__name__} is not allowed")

    def number(self, node: ast.AST, value: Any) -> float:
        try:
            x = float(value)
        except (OverflowError, ValueError):
            raise self.error(node, "the number is too large") from None
        if math.isnan(x) or math.isinf(x) or abs(x) > MAX_NUMBER:
            raise self.error(node, f"numbers may be at most {format_number(MAX_NUMBER)} in size")
        if x != 0 and abs(x) < MIN_NUMBER:
            raise self.error(node, f"numbers closer to zero than {format_number(MIN_NUMBER)} are not allowed")
        if x == 0:
            x = 0.0  # no negative zero
        return x

    def attribute(self, node: ast.Attribute) -> Value:
        line, col = self.pos(node)
        base = node.value
        if not isinstance(base, ast.Name):
            raise self.error(node, "only `namespace.field` is allowed (no attribute chains)")
        ns, name = base.id, node.attr
        if not _IDENT.match(name):
            raise self.error(node, f"{name!r} is not a valid field name")
        if ns == SETTINGS_NS:
            if name not in self.settings:
                close = difflib.get_close_matches(name, list(self.settings), n=1)
                hint = f"did you mean settings.{close[0]}?" if close else \
                    "add it under [advisor.settings] in the config file"
                raise self.error(node, f"unknown setting {name!r}", hint=hint)
            value = self.settings[name]
            if isinstance(value, bool) or isinstance(value, str):
                if isinstance(value, str) and len(value) > MAX_STRING:
                    raise self.error(node, f"setting {name} is too long")
                return Lit(line, col, value)
            if isinstance(value, (int, float)):
                return Lit(line, col, self.number(node, value))
            raise self.error(node, f"setting {name} is not a number, text or true/false")
        if ns not in NAMESPACES:
            close = difflib.get_close_matches(ns, list(NAMESPACES) + [SETTINGS_NS], n=1)
            hint = f"did you mean {close[0]!r}?" if close else None
            raise self.error(node, f"unknown namespace {ns!r}; use business, task, candidate or settings",
                             hint=hint)
        if self.allowed is not None and ns not in self.allowed:
            raise self.error(node, f"this rule cannot name {ns} fields",
                             hint="a business rule names business fields only; a task rule task and "
                                  "business fields; a candidate rule any")
        ftype = NUMBER
        if self.schema is not None:
            known = self.schema.get(ns, {})
            if name not in known:
                close = difflib.get_close_matches(name, list(known), n=1)
                hint = f"did you mean {ns}.{close[0]}?" if close else "`outsource help rules` lists the fields"
                raise self.error(node, f"{ns} has no field {name!r}", hint=hint)
            ftype = known[name]
        return Field(line, col, ns, name, ftype)


def _a(kind: str) -> str:
    return {"number": "a number", "string": "text", "bool": "true/false"}.get(kind, kind)


def _describe(v: Any) -> str:
    if isinstance(v, Field):
        return v.path
    if isinstance(v, Lit):
        return _lit_text(v.value)
    return "the arithmetic"


def _fold_cmp(op: str, a: Any, b: Any) -> bool:
    return {"==": a == b, "!=": a != b}.get(op) if op in ("==", "!=") else {
        "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _fold_arith(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a / b


def parse(text: str, settings: Mapping[str, Any] | None = None, *,
          schema: Mapping[str, Mapping[str, str]] | None = None,
          allowed: set[str] | None = None) -> Expr:
    """Parse a ``when`` expression.

    ``settings``: the values ``settings.x`` may name (substituted now). ``schema``: fact fields by
    namespace with their types (``facts.SCHEMA``); without it any field name passes and is taken
    to be a number. ``allowed``: the namespaces this rule may name. Raises :class:`ExprError`.
    """
    if schema is None:
        from advisor.rules.factschema import SCHEMA as schema  # noqa: N811
    return _Parser(text, settings or {}, schema, allowed).parse()


def allowed_namespaces(about: str) -> set[str]:
    return {"business": {"business"}, "task": {"business", "task"},
            "candidate": {"business", "task", "candidate"}}[about]
