"""A client's transaction history from a marketplace (Upwork's "Transaction History" CSV, or
the same columns from another site) turned into what the advice needs: how many jobs the
business finished, whom it already paid for how many jobs, and what it really spent.

The formats, what was confirmed and from where: ``docs/history-import.md`` (``outsource help
history``). Reading is all or nothing: an unknown column or amount is an error naming the line
and column, and nothing is derived. A transaction type it does not know (marketplaces add new
ones) is counted, left out of the sums and reported in the summary, never guessed at.

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

from advisor.storage.csvimport import _norm, decode_csv, detect_delimiter
from advisor.plan.currency import Rates, convert, is_currency, parse_amount
from advisor.errors import PlanError
from advisor.plan.model import MAX_MONEY, fold, person_key
from advisor.files import read_input

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000

#: column meaning -> accepted header spellings (compared after csvimport._norm)
HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("date", "transaction date", "created", "created at", "date time", "datetime"),
    "type": ("type", "transaction type", "kind"),
    # Upwork's layout since 2024 puts the contract in "Transaction summary" and adds "Description 1-3"
    "description": ("description", "details", "memo", "item", "service", "transaction summary"),
    "description_more": ("description 1",),
    "freelancer": ("freelancer", "freelancer name", "contractor", "seller", "payee"),
    "agency": ("agency", "agency name", "agency team"),
    "amount": ("amount", "amount usd", "total", "amount paid", "net amount"),
    "local_amount": ("amount in local currency", "local amount", "amount local currency"),
    "currency": ("currency", "local currency", "currency code"),
    "marketplace": ("marketplace", "platform", "site"),
    # read and ignored: bookkeeping that says nothing about whom the business paid
    "ignored": ("ref id", "reference", "reference id", "transaction id", "id", "team", "account name",
                "po", "po number", "balance", "exchange rate", "exchangerate", "order number", "order id",
                "invoice number", "status", "client team", "transaction summary details", "description 2",
                "description 3", "current balance", "payment method"),
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
    "refund": ("refund", "credit", "cancellation", "credit invoice", "order cancellation", "chargeback",
               "refund to client"),
    "escrow": ("payment", "deposit", "escrow", "withdrawal", "journal", "adjustment", "transfer",
               "funds added", "add funds", "balance adjustment"),
    "fee": ("service fee", "processing fee", "payment processing fee", "marketplace fee", "fee",
            "client fee", "project fee", "membership", "membership fee", "vat", "tax", "connects",
            "contract initiation fee", "administration fee", "marketplace and processing fee", "gst",
            "subscription", "wht", "withholding tax", "service fee refund", "project fee", "site fee"),
}.items():
    for _n in _names:
        KINDS[_norm(_n)] = _kind

#: Columns that tell Upwork's export from any other (normalised): its layouts since 2019 have most
#: of them, a generic "Date,Type,Description,Freelancer,Amount" file at most two. Detection needs
#: several, so one column named "Team" (or its absence) decides nothing.
UPWORK_FINGERPRINT = frozenset({"refid", "transactionid", "transactionsummary", "transactionsummarydetails",
                                "agency", "agencyteam", "freelancer", "team", "clientteam", "accountname", "po",
                                "amountinlocalcurrency", "exchangerate", "currentbalance", "paymentmethod",
                                "description1"})
UPWORK_MIN_COLUMNS = 5
#: The freelancer-side "Earnings" report (Date, Contract, Hours, Amount, Payment type): what a
#: freelancer earned per contract, with no freelancer column: nothing in it says whom a client paid.
EARNINGS_FINGERPRINT = frozenset({"contract", "hours", "paymenttype"})

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
    unnamed_spend: float = 0.0  # payments and refunds on rows that name no freelancer
    unknown_types: dict[str, int] = field(default_factory=dict)  # type as written -> rows left out
    names_freelancers: bool = True  # False: the file has no freelancer column (Freelancer.com's)
    typed_by_description: bool = False  # True: no type column; each row's type read from its description

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
    text, _encoding = decode_csv(raw, source)
    delimiter = detect_delimiter(text, lambda h: _LOOKUP.get(_norm(_UNIT.sub("", h))))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return _read(reader, currency, rates, marketplace, source)
    except csv.Error as exc:
        raise PlanError(f"is not valid CSV: {exc}", file=source, line=reader.line_num or None) from None


def is_upwork(header: list[str]) -> bool:
    """Whether a header is Upwork's transaction export, by :data:`UPWORK_FINGERPRINT`."""
    return len({_norm(h) for h in header} & UPWORK_FINGERPRINT) >= UPWORK_MIN_COLUMNS


def kind_from_description(description: str) -> str | None:
    """A row's kind from the first words of its description, for a file without a type column
    (Freelancer.com's history: "Milestone Payment for project ...", "Project Fee ..."): the
    longest of its first four words that is a known type, else None. Linear: four look-ups."""
    words = description.split(None, 4)[:4]
    for n in range(len(words), 0, -1):
        kind = KINDS.get(_norm(" ".join(words[:n])))
        if kind is not None:
            return kind
    return None


def _columns(header: list[str], source: str) -> dict[str, tuple[int, str]]:
    cols: dict[str, tuple[int, str]] = {}
    for i, h in enumerate(header):
        name = h.strip()
        if not name:
            continue
        meaning = _LOOKUP.get(_norm(_UNIT.sub("", name)))
        if meaning is None and EARNINGS_FINGERPRINT <= {_norm(h) for h in header}:
            raise PlanError("is a freelancer's earnings report (Date, Contract, Hours, Amount, Payment type): it "
                            "lists what a freelancer earned, not whom you paid", file=source, line=1,
                            hint="download the client's Reports > Transaction History instead")
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
    if "amount" not in cols or ("type" not in cols and "description" not in cols):
        missing = "amount" if "amount" not in cols else "type or description"
        raise PlanError(f"has no {missing} column: is this a transaction history?", file=source,
                        line=1, hint="`outsource help history` shows the accepted formats")
    return cols


def _read(reader, currency: str, rates: Rates, marketplace: str | None, source: str) -> History:
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise PlanError("is empty: expected a header row such as `Date,Type,Description,Freelancer,Amount`",
                        file=source, line=1)
    cols = _columns(header, source)
    default_market = marketplace or ("Upwork" if is_upwork(header) else None)
    if default_market is None and "marketplace" not in cols:
        raise PlanError("does not say which marketplace it comes from", file=source, line=1,
                        hint="add --marketplace NAME (e.g. --marketplace Upwork)")
    hist = History(source=source, marketplace=default_market or "", currency=currency,
                   names_freelancers="freelancer" in cols or "agency" in cols, typed_by_description="type" not in cols)
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

        description = cell("description") or cell("description_more")
        if "type" in cols:
            type_text = cell("type")
            kind = KINDS.get(_norm(type_text))
        else:
            type_text = " ".join(description.split()[:3])
            kind = kind_from_description(description)
        amount = _money(row, cols, currency, rates, source, start)
        if kind is None:  # counted and reported, never guessed at
            shown = " ".join(type_text.split())[:40] or "(blank)"
            if shown in hist.unknown_types or len(hist.unknown_types) < 20:
                hist.unknown_types[shown] = hist.unknown_types.get(shown, 0) + 1
            else:
                hist.unknown_types["(other types)"] = hist.unknown_types.get("(other types)", 0) + 1
            continue
        parsed.append((kind, cell("freelancer") or cell("agency"), cell("marketplace") or default_market or "",
                       description, amount))
    if not parsed and not hist.unknown_types:
        raise PlanError("has a header but no transactions", file=source, line=line - 1)
    _aggregate(hist, parsed)
    return hist


def _name_words(name: str) -> list[str]:
    """A name's words as compared: folded, dots and commas dropped ("Ana P." -> ["ana", "p"])."""
    return fold(name.replace(".", " ").replace(",", " ")).split()


def name_match(candidate: str, freelancer: str) -> int:
    """How well a candidate's name matches a freelancer's in a history: 2 for the same name (case,
    accents, spaces and dots ignored), 1 when the same but for surnames abbreviated to their
    initial on either side ("Ana P." and "Ana Pérez", "A. Pérez" and "Ana Pérez"), 0 otherwise.
    A one-word name matches only itself: "Ana" alone could be anyone."""
    a, b = _name_words(candidate), _name_words(freelancer)
    if not a or not b:
        return 0
    if a == b:
        return 2
    if len(a) != len(b) or len(a) < 2:
        return 0
    for x, y in zip(a, b):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            continue
        return 0
    return 1


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
            if kind in ("pay", "refund"):
                paid = -amount if signed else (abs(amount) if kind == "pay" else -abs(amount))
                hist.unnamed_spend = round(hist.unnamed_spend + paid, 2)
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
