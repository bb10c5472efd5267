"""Plan files in and out for the app: candidates from a CSV with progress, a plan file read or
written. The app's import and export screens use these (screens never reach into storage; the
import contract in pyproject.toml says so), and they read files exactly as the command line does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from advisor.errors import AdvisorError
from advisor.plan.model import Plan

CHUNK_ROWS = 1000


def read_csv_with_progress(path: Path, task_id: str, taken: list[str],
                           progress: Callable[[int, int], None], currency: str = "USD",
                           locale: str | None = None) -> list[Any]:
    """Candidates from a CSV export, parsed in chunks so a big file shows progress
    (``progress(rows_done, rows_total)``). Any problem is reported by parsing the whole file in one
    go, so the message names the exact line, as on the command line. ``locale``: the business's
    (amounts read as it writes them)."""
    import csv
    import io

    from advisor.storage import csvimport

    def whole() -> list[Any]:
        return csvimport.read_candidates_csv(path, task_id, taken, currency=currency, locale=locale)

    from advisor.files import read_input

    raw = read_input(path, "CSV file", csvimport.MAX_FILE_BYTES)  # bounded, regular files only
    try:
        text, _encoding = csvimport.decode_csv(raw, str(path))
    except AdvisorError:
        return whole()
    if len(raw) > csvimport.MAX_FILE_BYTES:
        return whole()
    delimiter = csvimport.detect_delimiter(text, csvimport.field_for)  # as the command line reads it
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return whole()
    if len(rows) < 2 * CHUNK_ROWS or len(rows) > csvimport.MAX_ROWS:
        progress(0, max(0, len(rows) - 1))
        out = whole()
        progress(len(out), len(out))
        return out
    header, body = rows[0], rows[1:]
    out: list[Any] = []
    ids = list(taken)
    for start in range(0, len(body), CHUNK_ROWS):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body[start:start + CHUNK_ROWS])
        try:
            chunk = csvimport.parse_candidates_csv(buf.getvalue().encode("utf-8"), task_id, ids, source=str(path),
                                                   currency=currency, locale=locale)
        except AdvisorError:
            return whole()  # raises the same problem with its real line number
        out.extend(chunk)
        ids.extend(c.id for c in chunk)
        progress(min(start + CHUNK_ROWS, len(body)), len(body))
    return out


def read_plan(path: Path) -> Plan:
    """A whole plan from a plan file (TOML), validated as ``outsource import`` reads it."""
    from advisor.storage.planfile import load_plan

    return load_plan(path)


def plan_text(plan: Plan) -> str:
    """The plan as plan-file text (TOML), as ``outsource export`` writes it."""
    from advisor.storage.planfile import dumps_plan

    return dumps_plan(plan)
