"""A form's fields: what a row of a record form is (:class:`Field`), built from the plan's one
field table (:mod:`advisor.plan.fields`) for the fields a form shows beyond its own, and how a
value is shown in a text field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.plan import fields


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text | number | int | list | date | select | bool
    options: tuple = ()
    placeholder: str = ""
    #: shown as text, not a field: Tab never stops on it (an edit form's Id, fixed once made)
    read_only: bool = False


def extra_fields(specs: tuple[fields.Spec, ...]) -> list[Field]:
    """The fields of a record's table that carry a form widget (``form``): new fields show in
    the record's form, after the hand-placed ones, with no code here."""
    return [Field(s.name, s.label, s.form, tuple((c, c) for c in s.choices), s.placeholder)
            for s in specs if s.form]


def extra_initial(record: Any, specs: tuple[fields.Spec, ...]) -> dict[str, Any]:
    return {s.name: getattr(record, s.name) for s in specs if s.form}


def extra_values(v: dict[str, Any], specs: tuple[fields.Spec, ...]) -> dict[str, Any]:
    """A form's values of the table's extra fields as the record's (blank: the default)."""
    out: dict[str, Any] = {}
    for s in specs:
        if not s.form:
            continue
        value = v.get(s.name)
        if s.form == "bool":
            out[s.name] = bool(value)
        elif value is None or (isinstance(value, str) and not value.strip()):
            out[s.name] = s.fresh_default()
        else:
            out[s.name] = value.strip() if isinstance(value, str) else value
    return out


def blank_or(value: Any, default: Any) -> Any:
    """A blank optional form field reads as the plan format's default."""
    return default if value is None else value


def _to_text(value: Any, kind: str) -> Any:
    if kind in ("select", "bool"):
        return value
    if value is None:
        return ""
    if kind == "list":
        return ", ".join(value)
    if kind == "number" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
