"""The rule expression tree: its nodes, limits and types, walking it and writing it back as text.

:mod:`advisor.rules.expr` builds these trees from a ``when`` text (and re-exports every name
here); the compiler and the rule reference read them. Split from the parser so each reads alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, Union

from advisor.errors import RuleError

NAMESPACES = ("business", "task", "candidate")
SETTINGS_NS = "settings"
#: Fact namespaces in join order (the order of patterns in a compiled rule).
ORDER = {"business": 0, "task": 1, "candidate": 2}

MAX_TEXT = 4000
MAX_STRING = 1000
MAX_NUMBER = 1e15
MIN_NUMBER = 1e-4
MAX_DEPTH = 24
MAX_NODES = 400
MAX_LIST = 100

NUMBER, STRING, BOOL = "number", "string", "bool"

_STRING = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
_IDENT = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class ExprError(RuleError):
    """A ``when`` expression is invalid. ``line``/``column`` are positions inside the ``when``
    text (1-based) until a rule pack relocates them into its file."""


# --------------------------------------------------------------------------- the tree

@dataclass(frozen=True)
class Node:
    line: int
    col: int


@dataclass(frozen=True)
class Lit(Node):
    value: Any  # float | str | bool | None (None only as the right side of == / !=)

    @property
    def type(self) -> str:
        return _type_of(self.value)


@dataclass(frozen=True)
class Field(Node):
    ns: str
    name: str
    type: str

    @property
    def path(self) -> str:
        return f"{self.ns}.{self.name}"


@dataclass(frozen=True)
class Arith(Node):
    op: str  # + - * /
    left: "Value"
    right: "Value"
    type: str = NUMBER


@dataclass(frozen=True)
class Cmp(Node):
    op: str  # == != < <= > >=
    left: "Value"
    right: "Value"


@dataclass(frozen=True)
class In(Node):
    left: "Value"
    values: tuple  # of python literals, same type as left
    negated: bool


@dataclass(frozen=True)
class Missing(Node):
    """``field == None`` (negated=False): the field is absent; ``!= None``: it is present."""
    field: Field
    negated: bool


@dataclass(frozen=True)
class BoolOp(Node):
    op: str  # and | or
    items: tuple


@dataclass(frozen=True)
class Not(Node):
    item: "Expr"


@dataclass(frozen=True)
class Const(Node):
    value: bool


Value = Union[Lit, Field, Arith]
Expr = Union[Cmp, In, Missing, BoolOp, Not, Const]

FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
INVERT = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, (int, float)):
        return NUMBER
    if isinstance(value, str):
        return STRING
    return "none"


def walk(node: Any) -> Iterator[Any]:
    """Every node of an expression tree, depth first."""
    yield node
    if isinstance(node, (Arith, Cmp)):
        yield from walk(node.left)
        yield from walk(node.right)
    elif isinstance(node, In):
        yield from walk(node.left)
    elif isinstance(node, Missing):
        yield node.field
    elif isinstance(node, BoolOp):
        for item in node.items:
            yield from walk(item)
    elif isinstance(node, Not):
        yield from walk(node.item)


def fields(node: Any) -> list[Field]:
    return [n for n in walk(node) if isinstance(n, Field)]


def namespaces(node: Any) -> set[str]:
    return {f.ns for f in fields(node)}


def to_text(node: Any) -> str:
    """The expression written back in the rule language (for ``rules show`` and errors)."""
    if isinstance(node, Lit):
        return _lit_text(node.value)
    if isinstance(node, Field):
        return node.path
    if isinstance(node, Arith):
        return f"({to_text(node.left)} {node.op} {to_text(node.right)})"
    if isinstance(node, Cmp):
        return f"{to_text(node.left)} {node.op} {to_text(node.right)}"
    if isinstance(node, In):
        vals = ", ".join(_lit_text(v) for v in node.values)
        return f"{to_text(node.left)} {'not in' if node.negated else 'in'} [{vals}]"
    if isinstance(node, Missing):
        return f"{node.field.path} {'!=' if node.negated else '=='} None"
    if isinstance(node, BoolOp):
        return "(" + f" {node.op} ".join(to_text(i) for i in node.items) + ")"
    if isinstance(node, Not):
        return f"not {to_text(node.item)}"
    if isinstance(node, Const):
        return "True" if node.value else "False"
    raise TypeError(node)


def _lit_text(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "None"
    return format_number(value)


def format_number(x: float | int) -> str:
    """A number as plain decimal text, never with an exponent (the engine rejects exponents)."""
    if isinstance(x, bool):
        raise TypeError("not a number")
    if float(x).is_integer():
        return str(int(x))
    text = f"{float(x):.10f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"
