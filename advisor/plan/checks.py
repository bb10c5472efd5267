"""Field checks: the plan's limits and choices, and one check per kind of value.

Each check raises :class:`~advisor.errors.PlanError` naming the field; the record table
(:mod:`advisor.plan.fields`) names the check of every field, and the model's ``validate`` runs
them. Apart from the records so that the field table can use them without importing the model.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import Any

from advisor.errors import PlanError

SIZES = ("minor", "moderate", "major")
PRICINGS = ("fixed", "hourly")
TASK_STATUSES = ("draft", "posted", "hiring", "hired", "done", "cancelled")
CANDIDATE_STATUSES = ("applied", "shortlisted", "interviewed", "hired", "rejected")
#: Task statuses in which the task has been put in front of freelancers.
POSTED_STATUSES = ("posted", "hiring", "hired", "done")
#: Candidate statuses that count as "on the shortlist".
SHORTLIST_STATUSES = ("shortlisted", "interviewed", "hired")
#: Task statuses that are over: no more advice about choices still to make.
CLOSED_STATUSES = ("done", "cancelled")
#: What a candidate may have signed (``agreements``): an NDA, an IP assignment (you own the work), or
#: a usage licence (creators' content: you may use it where, how long and how exclusively agreed).
AGREEMENTS = ("nda", "ip-assignment", "usage-licence")
#: A paid trial task's state (``trial``).
TRIALS = ("none", "planned", "passed", "failed")
#: How the work is done (``collaboration``): on its own and delivered (``async``), with some
#: shared hours a day for calls and questions (``overlap``), or during the business's own hours
#: (``live``: answering calls, moderating, reception).
COLLABORATIONS = ("async", "overlap", "live")
#: Working hours when none are given: 09:00-17:00 local time.
DEFAULT_HOURS = "09:00-17:00"
HOURS_RE = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])$")

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
MAX_TEXT = 10_000
_NEWLINES = re.compile(r"\r\n?")
MAX_NAME = 200
MAX_MONEY = 1e9
MAX_COUNT = 10_000_000
#: Candidates in one plan (all tasks): what `check` handles within its memory budget.
MAX_CANDIDATES = 100_000
#: Tasks in one plan: each is a fact joined by every task rule (measured: `check` of 20,000 tasks
#: took 16 s and 550 MB; 300,000 grew past 5.8 GB until the engine crashed).
MAX_TASKS = 10_000
#: The smallest non-zero number a field takes: a subnormal (``5e-324``) divided into a budget is
#: infinite, which the engine refuses (the whole task's advice was lost).
SMALLEST = 1e-4
#: The smallest non-zero estimate of hours (36 seconds): budget / hours stays far below 1e15.
MIN_HOURS = 0.01


# --------------------------------------------------------------------------- field checks

def check_text(value: Any, fld: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise PlanError(f"must be text, not {_kind(value)}", field=fld)
    if "\r" in value:  # one newline convention, so text survives every file format unchanged
        value = _NEWLINES.sub("\n", value)
    if required and not value.strip():
        raise PlanError("must not be empty", field=fld)
    if len(value) > limit:
        raise PlanError(f"is {len(value)} characters long; the limit is {limit}", field=fld)
    return value


def check_id(value: Any, fld: str) -> str:
    if not isinstance(value, str):
        raise PlanError(f"must be text, not {_kind(value)}", field=fld)
    if not ID_RE.match(value):
        raise PlanError(
            f"{value[:70]!r} is not a valid id: use 1-64 letters, digits, '-', '_' or '.', "
            "starting with a letter or digit",
            field=fld,
        )
    return value


def check_number(value: Any, fld: str, *, low: float | None = 0.0, high: float | None = None,
                 optional: bool = True, smallest: float = SMALLEST) -> float | None:
    """A finite number in ``[low, high]``, and 0 or at least ``smallest`` in size."""
    if value is None:
        if optional:
            return None
        raise PlanError("is required", field=fld)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PlanError(f"must be a number, not {_kind(value)}", field=fld)
    try:
        value = float(value) + 0.0  # -0.0 becomes 0.0: SQLite and people do not tell them apart
    except OverflowError:  # an integer too big for a float (TOML allows any length)
        limit = _fmt(high) if high is not None else "1e+308"
        raise PlanError(f"must be at most {limit}, not a number with hundreds of digits", field=fld) from None
    if math.isnan(value) or math.isinf(value):
        raise PlanError("must be a finite number", field=fld)
    if low is not None and value < low:
        raise PlanError(f"must be at least {_fmt(low)}, not {_fmt(value)}", field=fld)
    if high is not None and value > high:
        raise PlanError(f"must be at most {_fmt(high)}, not {_fmt(value)}", field=fld)
    if value and abs(value) < smallest:
        raise PlanError(f"must be 0 or at least {_fmt(smallest)} in size, not {_fmt(value)}", field=fld)
    return value


def check_int(value: Any, fld: str, *, low: int | None = 0, high: int | None = MAX_COUNT,
              optional: bool = True) -> int | None:
    if value is None:
        if optional:
            return None
        raise PlanError("is required", field=fld)
    if isinstance(value, float) and value.is_integer() and not isinstance(value, bool):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        shown = f"{value:g}" if isinstance(value, float) and not isinstance(value, bool) else _kind(value)
        raise PlanError(f"must be a whole number, not {shown}", field=fld)
    if low is not None and value < low:
        raise PlanError(f"must be at least {low}, not {value}", field=fld)
    if high is not None and value > high:
        raise PlanError(f"must be at most {high}, not {value}", field=fld)
    return value


def check_bool(value: Any, fld: str) -> bool:
    if not isinstance(value, bool):
        raise PlanError(f"must be true or false, not {_kind(value)}", field=fld)
    return value


def check_choice(value: Any, fld: str, choices: tuple[str, ...]) -> str:
    if value not in choices or not isinstance(value, str):
        raise PlanError(f"must be one of {', '.join(choices)}; got {_short(value)}", field=fld)
    return value


def check_hours(value: Any, fld: str) -> str | None:
    """Working hours ``HH:MM-HH:MM`` in local time (``22:00-06:00`` crosses midnight); None:
    not stated. The two ends differ; a whole day is ``00:00-24:00``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PlanError(f"must be working hours like \"09:00-17:00\", not {_kind(value)}", field=fld)
    text = value.strip().replace(" ", "")
    m = HOURS_RE.match(text)
    if not m or int(m.group(1)) * 60 + int(m.group(2)) > 1440 or int(m.group(3)) * 60 + int(m.group(4)) > 1440:
        raise PlanError(f"must be working hours like \"09:00-17:00\" (24-hour clock), not {_short(value)}",
                        field=fld)
    start, end = hours_window(text)
    if start % 1440 == end % 1440 and not (start == 0 and end == 1440):
        raise PlanError(f"starts and ends at the same time ({_short(value)}); a whole day is \"00:00-24:00\"",
                        field=fld)
    return text


def hours_window(text: str) -> tuple[int, int]:
    """``HH:MM-HH:MM`` (checked by :func:`check_hours`) as (start, end) minutes after local
    midnight, end > start (``22:00-06:00`` is (1320, 1800))."""
    m = HOURS_RE.match(text)
    assert m is not None
    start = int(m.group(1)) * 60 + int(m.group(2))
    end = int(m.group(3)) * 60 + int(m.group(4))
    if end <= start:
        end += 1440
    return start, end


def check_date(value: Any, fld: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PlanError(f"must be a date like 2026-12-31, not {_short(value)}", field=fld) from None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    raise PlanError(f"must be a date like 2026-12-31, not {_kind(value)}", field=fld)


def check_str_list(value: Any, fld: str, *, limit: int = 100) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise PlanError(f"must be a list of text, not {_kind(value)}", field=fld)
    if len(value) > limit:
        raise PlanError(f"has {len(value)} entries; the limit is {limit}", field=fld)
    out: list[str] = []
    for i, item in enumerate(value):
        item = check_text(item, f"{fld}[{i}]", required=True, limit=MAX_NAME)
        if item in out:
            raise PlanError(f"lists {item!r} twice", field=fld)
        out.append(item)
    return out


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, time):
        return "a time of day"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fmt(x: float) -> str:
    return f"{x:g}"
