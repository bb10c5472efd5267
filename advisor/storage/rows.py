"""Rows and records: the workspace's SQL for each record, generated from the field table.

Every column of a record's table is named as its field (:mod:`advisor.plan.fields`), so the
SELECT, INSERT and UPDATE column lists and the row builders follow from the table: a new field
needs only its migration. Loading is plain SQL straight into the model's dataclasses, without
validating again (every row was validated on the way in; :mod:`advisor.storage.dbcheck` checks
rows another program wrote).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any, Callable, Iterable, Iterator

from advisor.plan import fields
from advisor.plan.model import (Business, Candidate, Interview, Marketplace, Plan, RateObservation, Suppression,
                                Task)

_VERSIONED = ("business", "marketplaces", "rates", "tasks", "candidates")
#: kind -> (table, key column), for :meth:`Workspace.check_versions`
_VERSION_OF = {"business": ("business", "id"), "marketplace": ("marketplaces", "name"), "rate": ("rates", "id"),
               "task": ("tasks", "id"), "candidate": ("candidates", "id")}


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _cols(specs: tuple[fields.Spec, ...], skip: tuple[str, ...] = ()) -> list[fields.Spec]:
    return [s for s in fields.columns(specs) if s.name not in skip]


_BUSINESS = _cols(fields.BUSINESS)
_MARKET = _cols(fields.MARKETPLACE)
_RATE = _cols(fields.RATE)
_TASK = _cols(fields.TASK)
_CAND = _cols(fields.CANDIDATE, skip=("task",))  # the task column is the candidate's task id
_INTERVIEW = _cols(fields.INTERVIEW)  # keyed by the candidate column, the candidate's id
_SUPPRESSION = _cols(fields.SUPPRESSION)


def _values(record: Any, cols: list[fields.Spec]) -> list[Any]:
    return [s.to_sql(getattr(record, s.name)) for s in cols]


BUSINESS_UPSERT = (f"INSERT OR REPLACE INTO business (id, {', '.join(s.name for s in _BUSINESS)}, version) "
                   f"VALUES (1, {_marks(len(_BUSINESS) + 1)})")
MARKET_INSERT = (f"INSERT INTO marketplaces ({', '.join(s.name for s in _MARKET)}, position, version) "
                 f"VALUES ({_marks(len(_MARKET) + 2)})")
RATE_INSERT = (f"INSERT INTO rates (id, {', '.join(s.name for s in _RATE)}, version) "
               f"VALUES ({_marks(len(_RATE) + 2)})")
RATE_UPDATE = (f"UPDATE rates SET {', '.join(f'{s.name} = ?' for s in _RATE)}, version = version + 1 "
               "WHERE id = ? AND version = ?")
TASK_INSERT = (f"INSERT INTO tasks ({', '.join(s.name for s in _TASK)}, position, version) "
               f"VALUES ({_marks(len(_TASK) + 2)})")
TASK_UPDATE = (f"UPDATE tasks SET {', '.join(f'{s.name} = ?' for s in _TASK if s.name != 'id')}, "
               "version = version + 1 WHERE id = ? AND version = ?")
CAND_INSERT = (f"INSERT INTO candidates ({', '.join(s.name for s in _CAND)}, task, position, version) "
               f"VALUES ({_marks(len(_CAND) + 3)})")
CAND_UPDATE = (f"UPDATE candidates SET {', '.join(f'{s.name} = ?' for s in _CAND if s.name != 'id')}, "
               "task = ?, position = ?, version = version + 1 WHERE id = ?")
INTERVIEW_INSERT = (f"INSERT INTO interviews (candidate, {', '.join(s.name for s in _INTERVIEW)}) "
                    f"VALUES ({_marks(len(_INTERVIEW) + 1)})")
SUPPRESSION_INSERT = (f"INSERT INTO suppressions ({', '.join(s.name for s in _SUPPRESSION)}) "
                      f"VALUES ({_marks(len(_SUPPRESSION))})")


def business_row(b: Business, version: int) -> tuple:
    return (*_values(b, _BUSINESS), version)


def market_row(m: Marketplace, position: int, version: int) -> tuple:
    return (*_values(m, _MARKET), position, version)


def rate_row(r: RateObservation, rate_id: int | None, version: int) -> tuple:
    return (rate_id, *_values(r, _RATE), version)


def rate_update(r: RateObservation) -> tuple:
    return (*_values(r, _RATE), r.id, r.version)


def task_row(t: Task, position: int, version: int) -> tuple:
    return (*_values(t, _TASK), position, version)


def task_update(t: Task) -> tuple:
    return (*_values(t, _TASK[1:]), t.id, t.version)


def cand_row(c: Candidate, task_id: str, position: int, version: int) -> tuple:
    return (*_values(c, _CAND), task_id, position, version)


def cand_update(c: Candidate, task_id: str, position: int) -> tuple:
    return (*_values(c, _CAND[1:]), task_id, position, c.id)


def interview_row(c: Candidate) -> tuple:
    return (c.id, *_values(c.interview, _INTERVIEW))


def suppression_row(s: Suppression) -> tuple:
    return tuple(_values(s, _SUPPRESSION))


assert _TASK[0].name == "id" and _CAND[0].name == "id"


# --------------------------------------------------------------------------- reading

def rows(conn: sqlite3.Connection, sql: str, *params: Any) -> Iterator[dict[str, Any]]:
    """A query's rows as {column name: value}, so records are built by field name (the columns
    are named as the model's fields), never by position."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    for row in cur:
        yield dict(zip(names, row))


def _select(cols: list[fields.Spec], prefix: str = "") -> str:
    return ", ".join(prefix + s.name for s in cols)


def _converted(cols: list[fields.Spec]) -> list[tuple[str, Any]]:
    """(column, conversion) of the columns read back through one (booleans, lists, dates):
    ``fields.FROM_SQL``, what ``Spec.from_sql`` does."""
    return [(s.name, fields.FROM_SQL[s.kind]) for s in cols if s.kind in fields.FROM_SQL]


_SELECT_BUSINESS = f"SELECT {_select(_BUSINESS)}, version FROM business WHERE id = 1"
_SELECT_MARKETS = f"SELECT {_select(_MARKET)}, version FROM marketplaces ORDER BY position"
_SELECT_RATES = f"SELECT id, {_select(_RATE)}, version FROM rates ORDER BY id"
_SELECT_TASKS = f"SELECT {_select(_TASK)}, version FROM tasks ORDER BY position"
_SELECT_INTERVIEWS = f"SELECT candidate, {_select(_INTERVIEW)} FROM interviews"
_SELECT_SUPPRESSIONS = f"SELECT {_select(_SUPPRESSION)} FROM suppressions ORDER BY id"
_SELECT_CANDS = (f"SELECT {_select(_CAND, 'c.')}, c.task, c.version FROM candidates c JOIN tasks t ON t.id = c.task "
                 "ORDER BY t.position, c.position")


def _record(cls: type, r: dict[str, Any], conv: list[tuple[str, Any]], **extra: Any) -> Any:
    for name, convert in conv:
        r[name] = convert(r[name])
    return cls(**r, **extra)


def _maker(cls: type, columns: Iterable[str], conv: list[tuple[str, Any]],
           extra: Iterable[str] = ()) -> Callable[..., Any]:
    """``maker(row, **extra)``: the record of ``cls`` a row (a dict of ``columns``) holds, like
    :func:`_record`. When the columns and ``extra`` are exactly the dataclass's fields, all set by
    its ``__init__`` (which then only assigns them: no ``__post_init__``, no slots), the row dict
    becomes the record's ``__dict__`` instead (the same record; reading 10,000 candidates,
    ~28 fields each, through keyword arguments was most of ``load_plan``)."""
    names = set(columns) | set(extra)
    fs = dataclasses.fields(cls)
    if (hasattr(cls, "__post_init__") or hasattr(cls, "__slots__") or any(not f.init for f in fs)
            or names != {f.name for f in fs}):
        return lambda r, **more: _record(cls, r, conv, **more)
    new = object.__new__

    def make(r: dict[str, Any], **more: Any) -> Any:
        for name, convert in conv:
            r[name] = convert(r[name])
        if more:
            r.update(more)
        obj = new(cls)
        obj.__dict__ = r
        return obj
    return make


_TASK_MAKER = _maker(Task, [s.name for s in _TASK] + ["version"], _converted(_TASK), ["candidates"])
_CAND_MAKER = _maker(Candidate, [s.name for s in _CAND] + ["task", "version"], _converted(_CAND), ["interview"])


def read_plan(conn: sqlite3.Connection) -> Plan:
    """The whole plan as stored (the caller holds one snapshot across the selects)."""
    row = next(rows(conn, _SELECT_BUSINESS), None)
    plan = Plan(business=_record(Business, row, _converted(_BUSINESS)) if row else Business())
    conv = _converted(_MARKET)
    plan.marketplaces = [_record(Marketplace, r, conv) for r in rows(conn, _SELECT_MARKETS)]
    conv = _converted(_RATE)
    plan.rates = [_record(RateObservation, r, conv) for r in rows(conn, _SELECT_RATES)]
    tasks: dict[str, Task] = {}
    make = _TASK_MAKER
    for r in rows(conn, _SELECT_TASKS):
        tasks[r["id"]] = make(r, candidates=[])
    interviews = {}
    conv = _converted(_INTERVIEW)
    for r in rows(conn, _SELECT_INTERVIEWS):
        cid = r.pop("candidate")
        interviews[cid] = _record(Interview, r, conv)
    get = interviews.get
    make = _CAND_MAKER
    for r in rows(conn, _SELECT_CANDS):
        tasks[r["task"]].candidates.append(make(r, interview=get(r["id"])))
    plan.tasks = list(tasks.values())
    conv = _converted(_SUPPRESSION)
    plan.suppressions = [_record(Suppression, r, conv) for r in rows(conn, _SELECT_SUPPRESSIONS)]
    return plan


def fresh_version(conn: sqlite3.Connection) -> int:
    """The version of a newly inserted business, marketplace or rate row: the id of the history
    row this change is about to write. Every version ever stored is at most the history id of the
    change that stored it (inserts take that id, updates add 1 per change, an import takes 1 +
    the highest), so a new row never has a version an older session saw. Without this, a rate
    added right after the highest one was deleted (SQLite reuses that id) would be version 1
    again, and a stale edit of the deleted rate would silently overwrite the new one."""
    return conn.execute("SELECT coalesce(max(id), 0) + 1 FROM history").fetchone()[0]


def existing(conn: sqlite3.Connection, table: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
    return found
