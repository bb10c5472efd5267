"""Checking a workspace file that someone else may have written: a backup to restore, or a
workspace changed by another tool (``sqlite3``, a script).

A backup is a SQLite file, and SQLite files can hold code: a trigger runs on every insert, a view
can stand in for a table. So a backup is never trusted: it is copied into memory, and there it
must pass ``integrity_check``, carry no trigger or view, and after the migrations its schema must
be exactly the one the migrations create in an empty database (computed, not written down, so a
migration added later is covered without touching this file); then every row must pass the
model's validation. Only then does anything replace the workspace.

Rows are checked by their declared column types (``typeof``) and the JSON and date columns by
content, with SQL: cheap enough to run on every load, so a value another tool stored (rating
``'abc'``, skills ``'not json'``) is reported by table, id and field instead of crashing later.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from advisor.errors import PlanError, WorkspaceError
from advisor.plan import fields

_RECORDS = {"tasks": fields.TASK, "candidates": fields.CANDIDATE, "rates": fields.RATE,
            "interviews": fields.INTERVIEW, "suppressions": fields.SUPPRESSION}
_JSON = {"list": "array", "scores": "object"}
#: Columns holding JSON text, and the JSON type each holds (the rest is checked by declared type);
#: the records' list and score fields come from the field table.
JSON_COLUMNS = {**{t: {s.name: _JSON[s.kind] for s in fields.columns(specs) if s.kind in _JSON}
                   for t, specs in _RECORDS.items()},
                "history": {"detail": "object"}}
#: Columns holding an ISO date (``YYYY-MM-DD``) or NULL (the records' date fields from the table).
DATE_COLUMNS = {t: tuple(s.name for s in fields.columns(specs) if s.kind == "date") for t, specs in _RECORDS.items()}
#: The column naming a row in messages, per table (rowid when not listed).
KEY_COLUMNS = {"business": "id", "marketplaces": "name", "tasks": "id", "candidates": "id",
               "interviews": "candidate", "rule_switches": "rule"}

_TYPES = {"INTEGER": ("integer",), "REAL": ("real", "integer"), "TEXT": ("text",)}


@dataclass(frozen=True)
class BadRow:
    """One stored value that the app would not have written."""

    table: str
    key: object
    field: str
    problem: str

    def __str__(self) -> str:
        return f"table {self.table}, {KEY_COLUMNS.get(self.table, 'row')} {self.key!r}, field {self.field}: {self.problem}"


def schema(conn: sqlite3.Connection) -> set[tuple]:
    """Every table, index, trigger and view with its SQL (whitespace-normalised)."""
    return {(kind, name, tbl, " ".join((sql or "").split())) for kind, name, tbl, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master")}


def check_no_code(conn: sqlite3.Connection, path: object) -> None:
    """Refuse triggers and views: the app makes none, and they would run or mislead on use."""
    found = conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') "
                         "ORDER BY type, name LIMIT 3").fetchall()
    if found:
        names = ", ".join(f"{kind} {name!r}" for kind, name in found)
        raise WorkspaceError(f"holds {names}, which Outsource Advisor never makes; refusing it", file=path,
                             hint="pick a file made with `outsource backup`")


def check_schema(conn: sqlite3.Connection, path: object, want: set[tuple]) -> None:
    """The schema (after migrating) must be exactly what the migrations create."""
    check_no_code(conn, path)
    have = schema(conn)
    if have != want:
        extra = sorted(f"{k} {n}" for k, n, _t, _s in have - want)
        missing = sorted(f"{k} {n}" for k, n, _t, _s in want - have)
        parts = []
        if extra:
            parts.append("unexpected or changed: " + ", ".join(extra[:4]))
        if missing:
            parts.append("missing or changed: " + ", ".join(missing[:4]))
        raise WorkspaceError(f"does not have the workspace schema ({'; '.join(parts)})", file=path,
                             hint="pick a file made with `outsource backup`")


def bad_rows(conn: sqlite3.Connection, limit: int = 1) -> list[BadRow]:
    """Stored values of the wrong type, JSON that does not parse, dates that are not dates."""
    found: list[BadRow] = []
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name")]
    for table in tables:
        key = KEY_COLUMNS.get(table, "rowid")
        tests = list(_column_tests(conn, table))
        # one scan per table; the column-by-column queries run only when something is wrong
        if not tests or not conn.execute(
                f'SELECT 1 FROM "{table}" WHERE ' + " OR ".join(f"({w})" for _c, w, _p in tests) + " LIMIT 1"
        ).fetchone():
            continue
        for col, where, problem in tests:
            for rid, value in conn.execute(f'SELECT {key}, "{col}" FROM "{table}" WHERE {where} LIMIT ?',
                                           (limit,)):
                found.append(BadRow(table, rid, col, f"{problem}, not {str(value)[:40]!r}"))
                if len(found) >= limit:
                    return found
    return found


def _column_tests(conn: sqlite3.Connection, table: str):
    """(column, SQL condition true for a bad value, problem) for each check of ``table``."""
    for _cid, col, decl, notnull, _default, _pk in conn.execute(f'PRAGMA table_info("{table}")'):
        allowed = _TYPES.get((decl or "").upper())
        if allowed:
            kinds = ", ".join(f"'{k}'" for k in allowed + (() if notnull else ("null",)))
            yield col, f'typeof("{col}") NOT IN ({kinds})', f"must be {decl.lower()}"
        shape = JSON_COLUMNS.get(table, {}).get(col)
        if shape:
            yield (col, f'"{col}" IS NOT NULL AND (NOT json_valid("{col}") OR json_type("{col}") != \'{shape}\')',
                   f"is not a JSON {shape}")
        if col in DATE_COLUMNS.get(table, ()):
            yield col, f'"{col}" IS NOT NULL AND date("{col}") IS NOT "{col}"', "is not a date (YYYY-MM-DD)"


def check_rows(conn: sqlite3.Connection, path: object) -> None:
    """Raise for the first stored value the app could not have written."""
    rows = bad_rows(conn)
    if rows:
        raise WorkspaceError(f"holds a value the app did not write: {rows[0]}", file=path,
                             hint="fix it with `sqlite3`, or `outsource restore` a backup")


def read_checked(read, path: object):
    """``read()``, with a stored value that does not fit the model (JSON of the wrong shape)
    reported as a :class:`WorkspaceError` instead of a crash."""
    try:
        return read()
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise WorkspaceError(f"holds a value the app did not write ({type(exc).__name__}: {str(exc)[:80]})",
                             file=path, hint="fix it with `sqlite3`, or `outsource restore` a backup") from None


def check_model(plan_reader, conn: sqlite3.Connection, path: object) -> None:
    """Every record must pass the model's validation (ranges, choices, links)."""
    plan = read_checked(lambda: plan_reader(conn), path)
    try:
        plan.validate()
    except PlanError as exc:
        raise WorkspaceError(f"holds a record the app would refuse: {exc}", file=path,
                             hint="pick a file made with `outsource backup`") from None
