"""A client's transaction history from a marketplace (Upwork's "Transaction History" CSV, or
the same columns from another site) turned into what the advice needs: how many jobs the
business finished, whom it already paid for how many jobs, and what it really spent.

The formats, what was confirmed and from where: ``docs/history-import.md`` (``outsource help
history``). Reading is all or nothing: an unknown column, transaction type or amount is an error
naming the line and column, and nothing is derived.

How the rows are read (why): Upwork writes a fixed-price milestone as a "Fixed Price" debit into
escrow, a "Payment" credit back from escrow and a "Fixed Price" debit to the freelancer, so the
rows that name a freelancer are summed *with their signs* (escrow in and out cancel; refunds
reduce the spend). Fees are totalled apart. The export has no contract id, so a job is a
distinct contract title (the description without "Invoice for", "Milestone 2:" and the like) per
freelancer whose net payment is above zero: a fully refunded contract is not a finished job.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .csvimport import _norm
from .currency import Rates, convert, is_currency, parse_amount
from .errors import PlanError
from .model import MAX_MONEY, fold, person_key
from .planfile import read_input

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000

#: column meaning -> accepted header spellings (compared after csvimport._norm)
HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("date", "transaction date", "created", "created at", "date time", "datetime"),
    "type": ("type", "transaction type", "kind"),
    "description": ("description", "details", "memo", "item", "service"),
    "freelancer": ("freelancer", "freelancer name", "contractor", "seller", "payee"),
    "agency": ("agency", "agency name"),
    "amount": ("amount", "amount usd", "total", "amount paid", "net amount"),
    "local_amount": ("amount in local currency", "local amount", "amount local currency"),
    "currency": ("currency", "local currency", "currency code"),
    "marketplace": ("marketplace", "platform", "site"),
    # read and ignored: bookkeeping that says nothing about whom the business paid
    "ignored": ("ref id", "reference", "reference id", "transaction id", "id", "team", "account name",
                "po", "po number", "balance", "exchange rate", "exchangerate", "order number", "order id",
                "invoice number", "status"),
}
_LOOKUP = {_norm(h): f for f, names in HEADERS.items() for h in names}
# A unit after a header: "Amount (USD)". It starts with a literal "(" (a leading ``\\s*`` made the
# search quadratic on a header of spaces); the spaces and a bare "$" are dropped by _norm anyway.
_UNIT = re.compile(r"\((usd|eur|gbp|\$|€|£)\)\s*$", re.I)

#: Transaction types (normalised) and what they are. "pay": money to a freelancer for work;
#: "refund": money back from one; "escrow": moves in and out of escrow or the balance (summed
#: with their sign when a freelancer is named, else ignored); "fee": the marketplace's fees.
KINDS: dict[str, str] = {}
for _kind, _names in {
    "pay": ("fixed price", "fixed-price", "hourly", "bonus", "expense", "misc", "miscellaneous", "milestone",
            "salary", "order", "tip", "payment to freelancer", "project payment", "milestone payment"),
    "refund": ("refund", "credit", "cancellation", "credit invoice", "order cancellation", "chargeback"),
    "escrow": ("payment", "deposit", "escrow", "withdrawal", "journal", "adjustment", "transfer",
               "funds added", "add funds", "balance adjustment"),
    "fee": ("service fee", "processing fee", "payment processing fee", "marketplace fee", "fee",
            "client fee", "project fee", "membership", "membership fee", "vat", "tax", "connects",
            "contract initiation fee", "administration fee", "marketplace and processing fee"),
}.items():
    for _n in _names:
        KINDS[_norm(_n)] = _kind

# What a description says besides its contract's title. Each pattern is linear: the prefixes are
# anchored with possessive spaces, the suffixes start at a literal "-" or "(" and are looked for on
# the last line only (one regex with a leading ``\\s*`` and ``.*$`` tried at every position took
# 81 s on a 40 KB description, issue 18).
_PREFIX = re.compile(r"(?i)\s*+(?:(?:invoice|payment|funding|funds|refund|bonus|expense)\s++(?:for|to|from)\s++"
                     r"|(?:escrow\s++)?(?:fund(?:ing)?\s++)?milestone\s*+\d*+\s*+(?:of\s*+\d++)?\s*+[:\-–]?)")
_DASH_SUFFIX = re.compile(r"(?i)[-–]\s*+(?:(?:week|period)\s++of\s|\d{1,2}/\d{1,2}/\d{2,4})")
_DATE_IN_PARENS = re.compile(r"\((?:\d{1,2}/\d{1,2}/\d{2,4}|\w{3}\s++\d{1,2})")


def contract_title(description: str) -> str:
    """The contract a row is about: "Invoice for Logo design (Jan 1-Jan 7)" -> "logo design"."""
    text = description
    for _ in range(3):
        m = _PREFIX.match(text)
        if m and m.end():
            text = text[m.end():]
        text = _cut_date_suffix(text)
    return fold(text) or "(no description)"


def _cut_date_suffix(text: str) -> str:
    """``text`` up to the first of " - week of ...", " - 1/2/24 ...", " (Jan 1 ...)" on its last line."""
    text = text.rstrip()
    line_start = text.rfind("\n") + 1
    cut = len(text)
    m = _DASH_SUFFIX.search(text, line_start)
    if m:
        cut = m.start()
    if text.endswith(")"):
        p = _DATE_IN_PARENS.search(text, line_start, cut)
        if p:
            cut = p.start()
    return text[:cut].rstrip()


@dataclass
class FreelancerHistory:
    """One freelancer as this history shows them."""

    name: str
    marketplace: str
    jobs: int = 0
    spend: float = 0.0      # net paid for work (refunds and escrow returns subtracted)
    fees: float = 0.0       # fees on rows that name them
    contracts: dict[str, float] = field(default_factory=dict)  # contract title -> net paid


@dataclass
class History:
    """What a transaction history says, before anything is saved."""

    source: str
    marketplace: str
    currency: str
    rows: int = 0
    freelancers: list[FreelancerHistory] = field(default_factory=list)
    fees: float = 0.0          # every fee row, named or not
    unassigned_rows: int = 0   # deposits, balance moves and fees that name no freelancer

    @property
    def completed_jobs(self) -> int:
        return sum(f.jobs for f in self.freelancers)

    @property
    def spend(self) -> float:
        return round(sum(f.spend for f in self.freelancers), 2)

    def by_person(self) -> dict[str, FreelancerHistory]:
        return {person_key(f.name, f.marketplace): f for f in self.freelancers}


def read_history_csv(path: str | Path, *, currency: str, rates: Rates,
                     marketplace: str | None = None) -> History:
    """Read a transaction-history CSV; amounts end up in ``currency`` (the workspace's)."""
    path = Path(path)
    raw = read_input(path, "CSV file", MAX_FILE_BYTES)
    return parse_history_csv(raw, currency=currency, rates=rates, marketplace=marketplace, source=str(path))


def parse_history_csv(raw: bytes, *, currency: str, rates: Rates, marketplace: str | None = None,
                      source: str = "<csv>") -> History:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanError(f"is not valid UTF-8 (byte {exc.start})", file=source,
                        line=raw[: exc.start].count(b"\n") + 1, hint="export or save the file as UTF-8 CSV") from None
    if "\x00" in text:
        raise PlanError("contains a NUL byte: this is not a text CSV file", file=source,
                        line=text[: text.index("\x00")].count("\n") + 1)
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return _read(reader, currency, rates, marketplace, source)
    except csv.Error as exc:
        raise PlanError(f"is not valid CSV: {exc}", file=source, line=reader.line_num or None) from None


def _columns(header: list[str], source: str) -> dict[str, tuple[int, str]]:
    cols: dict[str, tuple[int, str]] = {}
    for i, h in enumerate(header):
        name = h.strip()
        if not name:
            continue
        meaning = _LOOKUP.get(_norm(_UNIT.sub("", name)))
        if meaning is None:
            raise PlanError(f"unknown column {name[:60]!r}", file=source, line=1,
                            hint="a transaction history needs Date, Type, Description, Freelancer and Amount "
                                 "columns; `outsource help history` lists every accepted column")
        if meaning == "ignored":
            continue
        if meaning in cols:
            raise PlanError(f"columns {cols[meaning][1]!r} and {name!r} both mean {meaning}; keep one",
                            file=source, line=1, field=meaning)
        cols[meaning] = (i, name)
    missing = [m for m in ("type", "amount") if m not in cols]
    if "freelancer" not in cols and "agency" not in cols:
        missing.append("freelancer")
    if missing:
        raise PlanError(f"has no {' or '.join(missing)} column: is this a transaction history?", file=source,
                        line=1, hint="`outsource help history` shows the accepted formats")
    return cols


def _read(reader, currency: str, rates: Rates, marketplace: str | None, source: str) -> History:
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise PlanError("is empty: expected a header row such as `Date,Type,Description,Freelancer,Amount`",
                        file=source, line=1)
    cols = _columns(header, source)
    upwork = {"refid", "freelancer", "team"} <= {_norm(h) for h in header}
    default_market = marketplace or ("Upwork" if upwork else None)
    if default_market is None and "marketplace" not in cols:
        raise PlanError("does not say which marketplace it comes from", file=source, line=1,
                        hint="add --marketplace NAME (e.g. --marketplace Upwork)")
    hist = History(source=source, marketplace=default_market or "", currency=currency)
    parsed: list[tuple[str, str, str, str, float]] = []  # kind, name, marketplace, description, amount
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if hist.rows >= MAX_ROWS:
            raise PlanError(f"has more than {MAX_ROWS} transactions; split the file", file=source, line=start)
        if len(row) > len(header):
            raise PlanError(f"has {len(row)} values but the header has {len(header)} columns", file=source,
                            line=start, hint="check for an unquoted comma in a value")
        hist.rows += 1

        def cell(meaning: str) -> str:
            col = cols.get(meaning)
            return row[col[0]].strip() if col and col[0] < len(row) else ""

        type_text = cell("type")
        kind = KINDS.get(_norm(type_text))
        if kind is None:
            raise PlanError(f"unknown transaction type {type_text[:40]!r} in column {cols['type'][1]!r}",
                            file=source, line=start, field="type",
                            hint="`outsource help history` lists the types it knows (payments, refunds, fees)")
        amount = _money(row, cols, currency, rates, source, start)
        parsed.append((kind, cell("freelancer") or cell("agency"), cell("marketplace") or default_market or "",
                       cell("description"), amount))
    if not parsed:
        raise PlanError("has a header but no transactions", file=source, line=line - 1)
    _aggregate(hist, parsed)
    return hist


def _aggregate(hist: History, parsed: list[tuple[str, str, str, str, float]]) -> None:
    """Sum the rows per freelancer. Upwork signs amounts (a debit, money out of the client's
    account, is negative); an export that writes every payment as a positive number is read
    by the type alone (payments add, refunds subtract)."""
    signed = any(kind == "pay" and amount < 0 for kind, _, _, _, amount in parsed)
    people: dict[str, FreelancerHistory] = {}
    spellings: dict[str, Counter] = {}
    for kind, name, market, description, amount in parsed:
        if kind == "fee":
            fee = -amount if signed else abs(amount)
            hist.fees = round(hist.fees + fee, 2)
        if not name:
            hist.unassigned_rows += 1
            continue
        key = person_key(name, market)
        person = people.get(key)
        if person is None:
            person = people[key] = FreelancerHistory(name=" ".join(name.split()), marketplace=market)
        spellings.setdefault(key, Counter())[" ".join(name.split())] += 1
        if kind == "fee":
            person.fees = round(person.fees + fee, 2)
            continue
        if signed:
            paid = -amount
        elif kind == "escrow":
            continue  # without signs, escrow moves cannot be told apart
        else:
            paid = abs(amount) if kind == "pay" else -abs(amount)
        person.spend = round(person.spend + paid, 2)
        title = contract_title(description)
        person.contracts[title] = round(person.contracts.get(title, 0.0) + paid, 2)
    for key, person in people.items():
        person.jobs = sum(1 for net in person.contracts.values() if net > 0)
        person.name = spellings[key].most_common(1)[0][0]  # the spelling used most (first on a tie)
    hist.freelancers = sorted(people.values(), key=lambda f: (-f.spend, fold(f.name)))


def _money(row: list[str], cols: dict[str, tuple[int, str]], currency: str, rates: Rates, source: str,
           line: int) -> float:
    """The row's amount in the workspace's currency. Upwork's "Amount" is in US dollars and its
    "Currency" column names the *local* amount's currency; elsewhere "Currency" is the amount's."""
    def get(meaning: str) -> str:
        col = cols.get(meaning)
        return row[col[0]].strip() if col and col[0] < len(row) else ""

    code = get("currency").upper()
    if code and not is_currency(code):
        raise PlanError(f"{code[:12]!r} in column {cols['currency'][1]!r} is not an ISO 4217 currency code",
                        file=source, line=line, field="currency")
    use_local = "local_amount" in cols and code == currency and get("local_amount")
    meaning = "local_amount" if use_local else "amount"
    default = code if (use_local or "local_amount" not in cols) else "USD"
    text = get(meaning)
    header = cols[meaning][1]
    if not text:
        raise PlanError(f"has no amount in column {header!r}", file=source, line=line, field="amount")
    try:
        amount = parse_amount(text)
        value = convert(amount, rates, default=default or None)
    except ValueError as exc:
        reason = str(exc)
        if reason.startswith("is in "):
            raise PlanError(f"{text[:40]!r} in column {header!r} {reason}", file=source, line=line,
                            field="amount") from None
        raise PlanError(f"{text[:40]!r} in column {header!r} is not an amount such as -45.00, $1,200 or "
                        f"(30.00) ({reason})", file=source, line=line, field="amount") from None
    if not math.isfinite(value) or abs(value) > MAX_MONEY:  # 400 digits became inf, then NaN
        raise PlanError(f"{text[:40]!r} in column {header!r} is larger than {MAX_MONEY:,.0f}", file=source,
                        line=line, field="amount", hint="is the column an amount of money?")
    return value
