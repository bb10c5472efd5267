"""Candidates from a marketplace CSV export (proposals copied out of Upwork, Freelancer.com, ...).

Exports and listings name their columns differently ("Hourly Rate", "Bid", "JSS", "Total
Votes") and format values for people ("$30.00/hr", "96%", "1k+", "From US$80"), so headers are
matched loosely and values parsed leniently, but never silently: a column the importer does not
know is left out and named in one summary line, and every lenient reading ("From US$80 -> 80, a
starting price", a "Price" of "$51/hr" stored as an hourly rate) is shown in the summary
(:class:`ImportReport`). A value that cannot be read is an error naming the file, line and
field, and then nothing is imported.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from advisor.storage.csvread import ImportReport, decode_csv, detect_delimiter
from advisor.plan.currency import SYMBOLS, Rates, convert, parse_amount
from advisor.errors import PlanError
from advisor.plan import fields
from advisor.plan.model import Candidate
from advisor.storage.csvcells import MAX_LIST_CHARS, MAX_VALUE_CHARS, PARSERS, count_rule, parse_count, read_price
from advisor.files import read_input

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000

#: Candidate field -> the header spellings accepted for it (compared after :func:`_norm`): the
#: field table's ``csv`` (:mod:`advisor.plan.fields`).
HEADERS: dict[str, tuple[str, ...]] = {s.name: s.csv for s in fields.CANDIDATE if s.csv}


def _norm(header: str) -> str:
    """Case, space and punctuation do not matter: "Job Success Score (%)" == "jobsuccessscore"."""
    return re.sub(r"[^a-z0-9]", "", header.lower())


_LOOKUP = {_norm(h): fld for fld, names in HEADERS.items() for h in names}
# Units in parentheses are allowed after a known header: "Hourly Rate (USD)", "JSS (%)".
_UNIT = re.compile(r"\((usd|eur|gbp|\$|€|£|%|hr|hour|h)\)\s*$", re.I)


def field_for(header: str) -> str | None:
    """The candidate field a CSV header means, or None. A form's "(optional)" or ", optional"
    after a known header does not hide it ("Notes, optional" is the notes)."""
    key = _norm(_UNIT.sub("", header))
    return _LOOKUP.get(key) or _LOOKUP.get(key.removesuffix("optional")) if key else None


# --------------------------------------------------------------------------- ids

def slug(name: str, fallback: str = "candidate") -> str:
    """A readable id from a name in any script: "Ana P." -> "ana-p", "Иван Петров" -> "ivan-petrov",
    "王伟" -> "wang-wei", "Ørsted" -> "orsted", "Straße" -> "strasse" (transliterated with
    ``anyascii``; ``fallback`` when nothing readable is left)."""
    from anyascii import anyascii

    # Han and Hangul characters are one syllable each: keep them apart ("wang-wei", not "wangwei").
    spaced = "".join(f" {ch} " if _syllabic(ch) else ch for ch in name)
    s = re.sub(r"[^a-z0-9]+", "-", anyascii(spaced).lower()).strip("-")[:56].strip("-")
    return s or fallback


def _syllabic(ch: str) -> bool:
    return ord(ch) > 0x2E7F and unicodedata.name(ch, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEO",
                                                                     "HANGUL SYLLABLE"))


def unique_id(base: str, taken: set[str], counters: dict[str, int] | None = None) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken. ``counters`` remembers the
    next number per base across calls, so 100,000 rows named "Ana" stay linear."""
    if base not in taken:
        return base
    n = counters.get(base, 2) if counters is not None else 2
    while f"{base}-{n}" in taken:
        n += 1
    if counters is not None:
        counters[base] = n + 1
    return f"{base}-{n}"


# --------------------------------------------------------------------------- reading

def read_candidates_csv(path: str | Path, task_id: str, existing_ids: Iterable[str] = (), *,
                        currency: str = "USD", rates: Rates | None = None,
                        report: ImportReport | None = None, locale: str | None = None) -> list[Candidate]:
    """Read every row of a CSV export as a validated candidate for ``task_id``; raise
    :class:`PlanError` (file, line, field) on the first problem. Amounts end up in ``currency``
    (the workspace's): one written in another currency needs its rate in ``rates``. ``report``,
    when given, is filled with what the summary should say. ``locale``: how the business writes
    amounts ("250.000" is 250000 in de_DE; None: en_US)."""
    path = Path(path)
    raw = read_input(path, "CSV file", MAX_FILE_BYTES)
    return parse_candidates_csv(raw, task_id, existing_ids, source=str(path), currency=currency, rates=rates,
                                report=report, locale=locale)


def parse_candidates_csv(raw: bytes, task_id: str, existing_ids: Iterable[str] = (),
                         source: str = "<csv>", *, currency: str = "USD",
                         rates: Rates | None = None, report: ImportReport | None = None,
                         locale: str | None = None) -> list[Candidate]:
    text, encoding = decode_csv(raw, source)
    delimiter = detect_delimiter(text, field_for)
    report = report if report is not None else ImportReport()
    report.encoding, report.delimiter = encoding, delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    money = _Money(rates if rates is not None else Rates(currency), {}, locale)
    try:
        return _rows(reader, task_id, set(existing_ids), source, money, report)
    except csv.Error as exc:
        raise PlanError(f"is not valid CSV: {exc}", file=source, line=reader.line_num or None) from None


@dataclass(frozen=True)
class _Money:
    """How amounts are read: the workspace's rates, and the currency a header names (e.g.
    "Hourly Rate (EUR)") per header."""

    rates: Rates
    column_currency: dict[str, str]
    #: the business's locale ("250.000" is a whole amount in de_DE)
    locale: str | None = None


def _rows(reader: Any, task_id: str, taken: set[str], source: str, money: _Money,
          report: ImportReport) -> list[Candidate]:
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise PlanError("is empty: expected a header row such as `Name,Hourly Rate,Bid`", file=source, line=1)
    columns = _columns(header, source, report)
    for h in header:
        unit = _UNIT.search(h.strip())
        code = unit and (unit.group(1).upper() if unit.group(1).isalpha() else SYMBOLS.get(unit.group(1)))
        if code and code not in ("HR", "HOUR", "H"):
            money.column_currency[h.strip()] = code
    out: list[Candidate] = []
    in_file: set[str] = set()
    used = set(taken)  # taken | in_file, kept up to date (a union per row was quadratic)
    counters: dict[str, int] = {}
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(out) >= MAX_ROWS:
            raise PlanError(f"has more than {MAX_ROWS} candidates; split the file", file=source, line=start)
        if len(row) > len(header):
            raise PlanError(f"has {len(row)} values but the header has {len(header)} columns",
                            file=source, line=start, hint="check for an unquoted comma in a value")
        cand = _candidate(row, columns, task_id, source, start, money, report)
        if cand.id is None:
            cand.id = unique_id(slug(cand.name), used, counters)
        elif cand.id in in_file:
            raise PlanError(f"duplicate candidate id {cand.id!r} (used on an earlier line)",
                            file=source, line=start, field="id")
        elif cand.id in taken:
            raise PlanError(f"candidate id {cand.id!r} is already in the workspace", file=source,
                            line=start, field="id", hint="use other ids or leave the id column out")
        in_file.add(cand.id)
        used.add(cand.id)
        out.append(cand)
    if not out:
        raise PlanError("has a header but no candidates", file=source, line=line - 1)
    return out


def _columns(header: list[str], source: str, report: ImportReport) -> list[tuple[str | None, str]]:
    """Each column's candidate field (None: an empty or unknown column, left out) and its header."""
    columns: list[tuple[str | None, str]] = []
    seen: dict[str, str] = {}
    for h in header:
        name = h.strip()
        if not name:
            columns.append((None, h))
            continue
        fld = field_for(name)
        if fld is None:
            report.ignored.append(name)
            columns.append(("", name))  # known to be unknown: its cells are left out
            continue
        if fld in seen:
            raise PlanError(f"columns {seen[fld]!r} and {name!r} both mean {fld}; keep one", file=source,
                            line=1, field=fld)
        seen[fld] = name
        columns.append((fld, name))
    if "name" not in seen:
        if "id" not in seen:
            raise PlanError("has no name column (e.g. `Name` or `Freelancer`)", file=source, line=1, field="name",
                            hint="columns found: " + ", ".join(repr(h.strip()[:30]) for h in header[:8]))
        report.named_by_id = seen["id"]
    return columns


def _check_length(cell: str, header: str, fld: str, source: str, line: int) -> None:
    """Refuse a number, count or choice longer than any real one before parsing it."""
    limit = MAX_LIST_CHARS if fld == "agreements" else MAX_VALUE_CHARS
    if len(cell) > limit:
        raise PlanError(f"{cell[:40]!r}... in column {header!r} is {len(cell)} characters long; "
                        f"{PARSERS[fld][1]} is at most {limit}", file=source, line=line, field=fld)


def _amount(cell: str, header: str, fld: str, money: _Money, source: str, line: int, *,
            shown: str | None = None) -> float:
    """A money cell in the workspace's currency; another currency only with its explicit rate.
    ``shown``: the cell as written, for the message (``cell`` may be what is left of it)."""
    shown = cell if shown is None else shown
    try:
        amount = parse_amount(cell, money.locale)
    except ValueError:
        raise PlanError(f"{shown[:40]!r} in column {header!r} is not {PARSERS[fld][1]}", file=source,
                        line=line, field=fld) from None
    try:
        return convert(amount, money.rates, default=money.column_currency.get(header.strip()))
    except ValueError as exc:
        raise PlanError(f"{shown[:40]!r} in column {header!r} {exc}", file=source, line=line, field=fld) from None


def _plain_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"


def _candidate(row: list[str], columns: list[tuple[str | None, str]], task_id: str, source: str,
               line: int, money: _Money, report: ImportReport) -> Candidate:
    values: dict[str, Any] = {}
    price_hourly: tuple[str, float] | None = None  # a bid column whose cell says "per hour"
    for (fld, header), cell in zip(columns, row):
        cell = cell.strip()
        if fld == "":
            continue  # an unknown column, named once in the summary
        if fld is None:
            if cell:
                raise PlanError(f"has a value {cell[:40]!r} in a column without a header", file=source,
                                line=line, hint="give the column a header or delete it")
            continue
        if not cell:
            continue
        if fld in PARSERS:
            _check_length(cell, header, fld, source, line)
        if fld in ("hourly", "bid"):
            text, hourly, rule = read_price(cell)
            value = _amount(text, header, fld, money, source, line, shown=cell)
            if rule:
                report.note(header, rule, cell, _plain_number(value))
            if hourly and fld == "bid":
                report.note(header, "an hourly rate (it says per hour)", cell, _plain_number(value))
                price_hourly = (header, value)
                continue
            values[fld] = value
            continue
        parser = PARSERS.get(fld)
        if parser is None:
            values[fld] = cell
            continue
        fn, expected = parser
        try:
            value = fn(cell)
        except (ValueError, OverflowError):
            raise PlanError(f"{cell[:40]!r} in column {header!r} is not {expected}", file=source,
                            line=line, field=fld) from None
        if fld == "utc_offset" and isinstance(value, str):
            fld = "timezone"  # a zone name in an offset column: kept as the zone, never fixed
        if fld == "timezone" and values.get(fld, value) != value:
            raise PlanError(f"column {header!r} names another time zone than an earlier column ({values[fld]}); "
                            "keep one", file=source, line=line, field=fld)
        values[fld] = value
        if fn is parse_count and (rule := count_rule(cell)):
            report.note(header, rule, cell, values[fld])
    if price_hourly is not None:
        if "hourly" in values and values["hourly"] != price_hourly[1]:
            raise PlanError(f"column {price_hourly[0]!r} gives an hourly rate of {_plain_number(price_hourly[1])} "
                            f"and the hourly column {_plain_number(values['hourly'])}; keep one",
                            file=source, line=line, field="hourly")
        values["hourly"] = price_hourly[1]
    if "name" not in values and report.named_by_id and values.get("id"):
        values["name"] = values["id"]
    cand = Candidate(id=values.pop("id", None), name=values.pop("name", ""), task=task_id, **values)
    try:
        if cand.id is None:
            cand.id = "x"  # validated below once generated; check everything else now
            cand.validate("candidate")
            cand.id = None
        else:
            cand.validate("candidate")
    except PlanError as exc:
        fld = (exc.field or "").removeprefix("candidate.")
        header = next((h for f, h in columns if f == fld), None)
        where = f" (column {header!r})" if header else ""
        raise PlanError(f"{exc.message}{where}", file=source, line=line, field=fld or None) from None
    return cand
