"""What one save changed, in words a person reads: ``budget: 300 → 400``.

The session computes it from the record before and after a change, at the moment the change is
written, and stores it in that change's history row (``detail["changes"]``: a list of
``{"field", "old", "new"}`` with JSON values); :mod:`advisor.advice.decisions` shows it. Names, not ids,
are how records are called in the log (:func:`task_name`, :func:`cand_name`); ids stay in the
row's ``detail`` for ``--format json``.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from advisor.text import cut

#: A changed value is kept at most this long in the log (a description, notes): enough to tell
#: which edit it was, and every change stores it.
MAX_VALUE = 120
#: At most this many fields per row (a record has ~20; interview scores at most 50).
MAX_CHANGES = 60

_SKIP = {"version", "candidates", "id", "interview"}
#: How a field is called in the log, where its attribute name would not read well.
LABELS = {"job_success": "job success", "utc_offset": "UTC offset", "past_jobs_with_us": "jobs with us",
          "reject_reason": "reject reason", "sensitive_data": "private data", "creates_ip": "creates IP",
          "weekly_cap": "weekly cap", "off_platform": "off platform", "review_left": "review left",
          "fee_percent": "fee %", "fee_fixed": "fixed fee", "completed_jobs": "jobs done before"}


def task_name(task: Any) -> str:
    """A task as the log names it: its title, quoted (``'New logo for the bakery'``)."""
    return f"'{task.title}'"


def cand_name(cand: Any) -> str:
    return str(cand.name)


def _json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return cut(value, MAX_VALUE)
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    return value


def _flat(record: Any) -> dict[str, Any]:
    """The fields a person edits, with an interview as its own fields (date, each score, notes)."""
    out = {f.name: getattr(record, f.name) for f in fields(record) if f.name not in _SKIP}
    iv = getattr(record, "interview", None)
    if iv is not None:
        out["interview date"] = iv.date
        for name, score in iv.scores.items():
            out[f"interview score {name}"] = score
        out["interview notes"] = iv.notes
    return out


def diff(before: Any, after: Any) -> list[dict[str, Any]]:
    """The fields that differ between two versions of a record, in field order, JSON values. A
    new or deleted record (None on one side) lists nothing: its label says it."""
    if before is None or after is None:
        return []
    old, new = _flat(before), _flat(after)
    out = []
    for name in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        out.append({"field": LABELS.get(name, name), "old": _json(a), "new": _json(b)})
    return out[:MAX_CHANGES]


def interview_changed(before: Any, after: Any) -> bool:
    return before is not None and after is not None and before.interview != after.interview


def show(value: Any) -> str:
    """A stored value as text: ``—`` for none, lists joined, booleans yes/no."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    return str(value)


def change_text(c: Any) -> str:
    """``budget: 300 → 400`` from one stored change (a row another tool wrote may hold anything)."""
    if not isinstance(c, dict):
        return show(c)
    return f"{c.get('field', '?')}: {show(c.get('old'))} → {show(c.get('new'))}"
