"""The workspace's schema: the migrations that create and upgrade it, and the checks that a
SQLite file is a workspace of this version (ours, not newer, not older when read-only).

The schema is created and upgraded with ``sqlite_utils.migrations.Migrations``; the tables are
meant to be readable with the ``sqlite3`` command-line tool. A migration that has shipped never
changes: a new field gets a new migration adding its column (``ALTER TABLE ... ADD COLUMN``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from advisor.errors import WorkspaceError
from advisor.storage import dbcheck

if TYPE_CHECKING:
    import sqlite_utils

#: Identifies our files in the SQLite header (``PRAGMA application_id``): "OutA".
APPLICATION_ID = 0x4F757441
MIGRATION_SET = "outsource-advisor"

#: The migration functions in order. sqlite-utils' ``Migrations`` is built from them on first
#: use (:func:`migration_set`): importing ``sqlite_utils`` loads its command-line stack (click,
#: pluggy, dateutil: ~80 ms), which opening an up-to-date workspace does not need (issue 24).
_STEPS: list[Callable[[Any], None]] = []
_SET: Any = None


def _step(fn: Callable[[Any], None]) -> Callable[[Any], None]:
    _STEPS.append(fn)
    return fn


def names() -> list[str]:
    """The migrations' names, in order."""
    return [fn.__name__ for fn in _STEPS]


def migration_set() -> Any:
    """The ``sqlite_utils.migrations.Migrations`` of this schema (imports sqlite-utils)."""
    global _SET
    if _SET is None:
        from sqlite_utils.migrations import Migrations

        ms = Migrations(MIGRATION_SET)
        for fn in _STEPS:
            ms()(fn)
        _SET = ms
    return _SET


def __getattr__(name: str) -> Any:
    if name == "migrations":  # the old module attribute, built on first use
        return migration_set()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def pending(conn: sqlite3.Connection) -> list[str]:
    """The migrations not yet applied to ``conn`` (plain SQL, no sqlite-utils)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
                        ).fetchone():
        return names()
    applied = {r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,))}
    return [n for n in names() if n not in applied]


def expected_schema() -> set[tuple]:
    """The schema the migrations create in an empty database (what ``dbcheck.check_schema``
    compares a restored file with; here, so dbcheck never imports the workspace back)."""
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    migration_set().apply(db)
    try:
        return dbcheck.schema(db.conn)
    finally:
        db.conn.close()


@_step
def m001_initial(db: sqlite_utils.Database) -> None:
    """The first schema. Raw SQL because sqlite-utils cannot declare ON DELETE CASCADE."""
    for sql in _SCHEMA_1:
        db.execute(sql)


@_step
def m002_versions(db: sqlite_utils.Database) -> None:
    """Optimistic concurrency for the business, marketplaces and rates too (rows that exist get
    version 1, like every record of a fresh import)."""
    for table in ("business", "marketplaces", "rates"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


@_step
def m003_rule_switches(db: sqlite_utils.Database) -> None:
    """Rules switched off in this workspace (the app's rules screen). A row per rule switched
    off (``enabled`` 0); switching a rule back on deletes its row, so a rule without a row is
    on. ``enabled`` is kept as a column so a later version can also force a rule on."""
    db.execute("""CREATE TABLE rule_switches (
        rule TEXT PRIMARY KEY,
        enabled INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        user TEXT NOT NULL)""")


@_step
def m004_advice_fields(db: sqlite_utils.Database) -> None:
    """The plan fields the advice needs (plan format 1, additive): the owner's time zone, what a
    task exposes and owns, and what is known about each candidate. Existing rows get the
    defaults a plan file without the keys reads as."""
    for sql in _ADVICE_COLUMNS:
        db.execute(sql)


_ADVICE_COLUMNS = (
    "ALTER TABLE business ADD COLUMN utc_offset REAL",
    "ALTER TABLE tasks ADD COLUMN sensitive_data INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN creates_ip INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN milestones INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN weekly_cap REAL",
    "ALTER TABLE tasks ADD COLUMN openings INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE candidates ADD COLUMN past_jobs_with_us INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE candidates ADD COLUMN agreements TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE candidates ADD COLUMN trial TEXT NOT NULL DEFAULT 'none'",
    "ALTER TABLE candidates ADD COLUMN off_platform INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE candidates ADD COLUMN review_left INTEGER NOT NULL DEFAULT 0",
)


@_step
def m005_unknown_fees(db: sqlite_utils.Database) -> None:
    """A marketplace's fees may be unknown (NULL): one named by a task or candidate before the
    owner entered its fees. SQLite cannot drop NOT NULL in place, so the table is rebuilt."""
    db.execute("""CREATE TABLE marketplaces_new (
        name TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        fee_percent REAL,
        fee_fixed REAL,
        notes TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1)""")
    db.execute("INSERT INTO marketplaces_new (name, position, fee_percent, fee_fixed, notes, version) "
               "SELECT name, position, fee_percent, fee_fixed, notes, version FROM marketplaces")
    db.execute("DROP TABLE marketplaces")
    db.execute("ALTER TABLE marketplaces_new RENAME TO marketplaces")


@_step
def m006_how_work_is_done(db: sqlite_utils.Database) -> None:
    """How the work is done (issue 21): the business's and each candidate's working hours, and
    each task's collaboration (async, overlap, live) with the hours a day it needs. Existing rows
    read as a plan file without the keys: no hours stated (09:00-17:00), async work."""
    for sql in _WORK_COLUMNS:
        db.execute(sql)


_WORK_COLUMNS = (
    "ALTER TABLE business ADD COLUMN working_hours TEXT",
    "ALTER TABLE tasks ADD COLUMN collaboration TEXT NOT NULL DEFAULT 'async'",
    "ALTER TABLE tasks ADD COLUMN overlap_hours REAL",
    "ALTER TABLE candidates ADD COLUMN working_hours TEXT",
)


@_step
def m007_candidate_kind(db: sqlite_utils.Database) -> None:
    """Who a proposal is from (issue 20): a freelancer or an agency. Existing rows read as a
    plan file without the key: a freelancer."""
    db.execute("ALTER TABLE candidates ADD COLUMN kind TEXT NOT NULL DEFAULT 'freelancer'")


@_step
def m008_buyer_checks(db: sqlite_utils.Database) -> None:
    """The buyer's checks (issue 22): a marketplace's escrow and feedback (NULL: not known), a
    task's key interview criteria and the systems it gives access to, a candidate's named people,
    deposit asked and first day available. Existing rows read as a plan file without the keys."""
    for sql in _BUYER_COLUMNS:
        db.execute(sql)


@_step
def m009_time_zones(db: sqlite_utils.Database) -> None:
    """Time zones kept as zones (issue 23): the business's and each candidate's IANA name beside
    their fixed ``utc_offset``. Existing rows have none: their offset stays fixed, as before."""
    db.execute("ALTER TABLE business ADD COLUMN timezone TEXT")
    db.execute("ALTER TABLE candidates ADD COLUMN timezone TEXT")


@_step
def m010_money_locale(db: sqlite_utils.Database) -> None:
    """Money as the owner's locale writes it (issue 23): the business's locale (NULL: the
    setting's or the environment's), and the currency of a marketplace's fixed fee (NULL: the
    business's, as before)."""
    db.execute("ALTER TABLE business ADD COLUMN locale TEXT")
    db.execute("ALTER TABLE marketplaces ADD COLUMN fee_currency TEXT")


@_step
def m011_continuity_and_assets(db: sqlite_utils.Database) -> None:
    """A task's handover plan (who carries on if the one freelancer stops) and a candidate's list
    of third-party material with its licences (issue 22). Existing rows: none recorded ('')."""
    db.execute("ALTER TABLE tasks ADD COLUMN handover TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE candidates ADD COLUMN third_party TEXT NOT NULL DEFAULT ''")


@_step
def m012_exchange_rates(db: sqlite_utils.Database) -> None:
    """The business's exchange rates (issue 23), which convert a marketplace's fixed fee in
    another currency (Fiverr's $2.50 in an INR workspace). NULL: none known; such a fee is left
    out of totals, as the workspace shows it."""
    db.execute("ALTER TABLE business ADD COLUMN exchange_rates TEXT")


@_step
def m013_working_people(db: sqlite_utils.Database) -> None:
    """Who is actually doing a hired candidate's work (issue 21: an agency quietly replacing the
    person its proposal named). Existing rows: nobody recorded ('[]')."""
    db.execute("ALTER TABLE candidates ADD COLUMN working_people TEXT NOT NULL DEFAULT '[]'")


@_step
def m014_hours_last_week(db: sqlite_utils.Database) -> None:
    """The hours a hired hourly candidate billed last week (issue 21: 34 h billed against a 20 h
    weekly cap had nowhere to be written). Existing rows: not recorded (NULL)."""
    db.execute("ALTER TABLE candidates ADD COLUMN hours_last_week REAL")


_BUYER_COLUMNS = (
    "ALTER TABLE marketplaces ADD COLUMN escrow INTEGER",
    "ALTER TABLE marketplaces ADD COLUMN feedback INTEGER",
    "ALTER TABLE tasks ADD COLUMN key_criteria TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE tasks ADD COLUMN access TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE candidates ADD COLUMN named_people TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE candidates ADD COLUMN upfront_percent REAL",
    "ALTER TABLE candidates ADD COLUMN available_from TEXT",
)


_SCHEMA_1 = (
    """CREATE TABLE business (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        currency TEXT NOT NULL,
        completed_jobs INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE marketplaces (
        name TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        fee_percent REAL NOT NULL DEFAULT 0,
        fee_fixed REAL NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE rates (
        id INTEGER PRIMARY KEY,
        skill TEXT NOT NULL,
        marketplace TEXT,
        hourly REAL NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        date TEXT)""",
    """CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        size TEXT NOT NULL,
        critical INTEGER NOT NULL DEFAULT 0,
        skills TEXT NOT NULL DEFAULT '[]',
        pricing TEXT NOT NULL,
        budget REAL,
        hours REAL,
        status TEXT NOT NULL,
        marketplaces TEXT NOT NULL DEFAULT '[]',
        deadline TEXT,
        acceptance TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1)""",
    """CREATE TABLE candidates (
        id TEXT PRIMARY KEY,
        task TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        marketplace TEXT,
        hourly REAL,
        bid REAL,
        rating REAL,
        reviews INTEGER,
        jobs INTEGER,
        job_success REAL,
        country TEXT,
        utc_offset REAL,
        status TEXT NOT NULL,
        reject_reason TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL DEFAULT 1)""",
    "CREATE INDEX candidates_task ON candidates(task, position)",
    """CREATE TABLE interviews (
        candidate TEXT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE ON UPDATE CASCADE,
        date TEXT,
        scores TEXT NOT NULL DEFAULT '{}',
        notes TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE suppressions (
        id INTEGER PRIMARY KEY,
        rule TEXT NOT NULL,
        task TEXT REFERENCES tasks(id) ON DELETE CASCADE ON UPDATE CASCADE,
        candidate TEXT REFERENCES candidates(id) ON DELETE CASCADE ON UPDATE CASCADE,
        reason TEXT NOT NULL,
        until TEXT)""",
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}')""",
    f"PRAGMA application_id = {APPLICATION_ID}",
)


def check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a SQLite file that some other program made, or a newer version of this one."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return
    if "_sqlite_migrations" not in tables or not conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,)).fetchone():
        raise WorkspaceError("is a SQLite database but not an Outsource Advisor workspace", file=path,
                             hint="pick another file with --db")
    known = set(names())
    applied = {r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,))}
    if applied - known:
        raise WorkspaceError("was written by a newer version of Outsource Advisor", file=path,
                             hint="upgrade with `pip install -U outsource-advisor`")


def check_current(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a workspace opened read-only that the migrations would change: it cannot be
    upgraded in place, and this version reads only the current schema."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone():
        raise WorkspaceError("is read-only and empty, not an Outsource Advisor workspace yet", file=path)
    applied = {r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,))}
    missing = [n for n in names() if n not in applied]
    if missing:
        raise WorkspaceError(
            f"is read-only and at an older schema version (without {', '.join(missing)}); "
            "it needs a writable copy to be upgraded",
            file=path, hint="copy it to a file you may write and pass the copy with --db")
