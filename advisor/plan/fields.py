"""Each record field defined once: the table every layer reads its fields from.

A :class:`Spec` says what a field is (kind, default, check), how the plan file writes it, how it
is stored (SQL column), which CSV headers mean it, the fact the rules see it as, its form widget
and its line in docs/plan-format.md. The model's ``validate`` runs the checks in table order;
the workspace's SQL, the plan file's keys and dicts, the CSV header map, the straight-through
facts, the extra form fields and the docs' key tables are generated from it
(``scripts/gen_field_docs.py``, kept fresh by ``tests/test_fields.py``). Adding a field is a line
on its dataclass in :mod:`advisor.plan.model`, a :class:`Spec` here, and a migration. The checks and
doc words the specs share are :mod:`advisor.plan.fieldchecks`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from advisor.plan.checks import (CANDIDATE_STATUSES, COLLABORATIONS, MAX_MONEY, MIN_HOURS, PRICINGS, SIZES, TASK_STATUSES,
                                 TRIALS, check_bool, check_date, check_hours, check_id, check_int, check_number,
                                 check_str_list, check_text)
from advisor.plan.fieldchecks import (MAX_HANDOVER, MAX_THIRD_PARTY, _COUNT, _HOURS_DOC, _MONEY, _NAME, _OFFSET, _TEXT,
                                      _ZONE_DOC, _agreements, _choice, _currency, _exchange_rates, _locale, _one_of,
                                      _opt_bool, _opt_currency, _opt_id, _opt_text, _scores)
from advisor.plan.zones import check_zone


@dataclass(frozen=True)
class Spec:
    name: str
    #: text | id | number | int | bool | choice | list | date | hours | scores (criterion -> 1-5) |
    #: table (a nested record)
    kind: str
    #: the model's check: (value, field path) -> the clean value; None: checked by the record
    check: Callable[[Any, str], Any] | None
    default: Any = None
    #: the docs' columns: type, range/meaning, default as written
    doc_type: str = ""
    doc: str = ""
    doc_default: str = ""
    #: the plan file: "drop" (left out when empty), "keep" (always written), "set" (written only
    #: when it differs from the default), "" (not a key of its own)
    plan: str = "drop"
    required: bool = False
    #: the SQL column's declaration (the column is named as the field); "" : not a column
    sql: str = ""
    #: the form: label, widget kind (text | number | int | list | date | select | bool), hint
    label: str = ""
    form: str = ""
    placeholder: str = ""
    choices: tuple[str, ...] = ()
    #: CSV header spellings that mean this field, and how a cell reads (csvimport's parsers)
    csv: tuple[str, ...] = ()
    csv_kind: str = ""
    #: the fact field the rules see, copied straight from the plan ("" : none, or computed)
    fact: str = ""

    def fresh_default(self) -> Any:
        """The default as a new value (a list or table is never shared between records)."""
        if self.kind == "list":
            return list(self.default)
        return dict(self.default) if self.kind == "scores" else self.default

    def to_sql(self, value: Any) -> Any:
        if self.kind == "bool":
            return None if value is None else int(value)
        if self.kind == "list":
            return _json_list(value, ascii=self.name == "agreements")
        if self.kind == "scores":
            return _json_list(value)
        if self.kind == "date":
            return value.isoformat() if value is not None else None
        return value

    def from_sql(self, value: Any) -> Any:
        convert = FROM_SQL.get(self.kind)
        return value if convert is None else convert(value)

    @property
    def fact_type(self) -> str:
        return {"number": "number", "int": "number", "bool": "bool"}.get(self.kind, "string")


def _bool_from_sql(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _json_from_sql(value: Any) -> Any:
    return [] if value == "[]" else json.loads(value)


def _date_from_sql(value: Any) -> Any:
    return date.fromisoformat(value) if value else None


#: A column's value as stored -> the model's, by field kind (other kinds are stored as they are);
#: a plain function per kind, so reading a whole plan (``advisor.storage.rows``) calls one per value.
FROM_SQL: dict[str, Callable[[Any], Any]] = {"bool": _bool_from_sql, "list": _json_from_sql,
                                             "scores": _json_from_sql, "date": _date_from_sql}


def _json_list(value: list | dict, ascii: bool = False) -> str:
    import json

    return json.dumps(value, ensure_ascii=ascii)


# --------------------------------------------------------------------------- the records

#: Who a proposal is from (``kind``): one person, or a company that staffs the work.
CANDIDATE_KINDS = ("freelancer", "agency")

BUSINESS: tuple[Spec, ...] = (
    Spec("name", "text", _NAME, "My business", "text", "required, 1–200 characters", '`"My business"`',
         plan="keep", sql="TEXT NOT NULL", label="Name"),
    Spec("currency", "text", _currency, "USD", "text",
         "an active ISO 4217 code in capitals (`USD`, `EUR`; checked against the `iso4217` package's list, "
         "so `XYZ` is refused)", '`"USD"`', plan="keep", sql="TEXT NOT NULL", label="Currency"),
    Spec("completed_jobs", "int", lambda v, f: check_int(v, f, optional=False), 0, "integer",
         "≥ 0: outsourced jobs finished before this workspace", "`0`", plan="keep",
         sql="INTEGER NOT NULL DEFAULT 0", fact="completed_jobs"),
    Spec("utc_offset", "number", _OFFSET, None, "number",
         "−12 to +14 hours: the owner's time zone (`-7` for Phoenix, `5.5` for India). When absent, the "
         "config's `owner_utc_offset` applies if set; else the time-zone advice stays silent", "none",
         sql="REAL", fact="utc_offset"),
    Spec("timezone", "text", check_zone, None, "text", "the owner's time zone as " + _ZONE_DOC, "none",
         plan="set", sql="TEXT", label="Time zone", form="text", placeholder="e.g. Europe/Dublin (or the offset)",
         fact="timezone"),
    Spec("working_hours", "hours", check_hours, None, "text",
         "the business's working hours in its local time, `" + _HOURS_DOC + "; the time-zone advice "
         "compares them with each candidate's", '`"09:00-17:00"`', sql="TEXT"),
    Spec("locale", "text", _locale, None, "text",
         "how amounts are written and read: a locale such as `\"de_DE\"` (1.234,50 €), `\"en_IN\"` "
         "(₹2,50,000), `\"de_CH\"` (CHF 1'234.50), `\"ja_JP\"` (¥5,000); absent: the `[workspace] locale` "
         "setting, else `LC_ALL`/`LC_MONETARY`/`LANG`, else `en_US`", "none",
         plan="set", sql="TEXT", fact="locale"),
    Spec("exchange_rates", "text", _exchange_rates, None, "text",
         "what one unit of another currency is worth in the business's currency, `\"USD=83.2, EUR=90.1\"` "
         "(in an INR workspace one US dollar is 83.2 rupees): a marketplace's fixed fee in another "
         "currency (`fee_currency`, Fiverr's $2.50) is converted with it; without its rate the fee is "
         "shown in its own currency and left out of totals", "none", plan="set", sql="TEXT"),
)

MARKETPLACE: tuple[Spec, ...] = (
    Spec("name", "text", _NAME, None, "text", "required, unique among marketplaces", "—", required=True,
         sql="TEXT PRIMARY KEY"),
    Spec("fee_percent", "number", lambda v, f: check_number(v, f, high=100.0), None, "number",
         "0–100: client-side fee in percent of each payment", "`0.0`", sql="REAL"),
    Spec("fee_fixed", "number", _MONEY, None, "number", "≥ 0: fixed client-side fee per payment", "`0.0`",
         sql="REAL"),
    Spec("notes", "text", _TEXT, "", "text", "", '`""`', sql="TEXT NOT NULL DEFAULT ''"),
    Spec("escrow", "bool", _opt_bool, None, "boolean",
         "`true`: the marketplace holds each payment (escrow, a funded milestone) until you release it; `false`: "
         "you pay the freelancer directly, unprotected; absent: not known", "not known", sql="INTEGER"),
    Spec("feedback", "bool", _opt_bool, None, "boolean",
         "`true`: the marketplace shows reviews from past clients; `false`: it does not; absent: not known",
         "not known", sql="INTEGER"),
    Spec("fee_currency", "text", _opt_currency, None, "text",
         "the currency of `fee_fixed` (`\"USD\"`: Fiverr's $2.50 stays US dollars in an INR workspace: "
         "shown as $2.50, never as 2.50 INR, and left out of totals in another currency)", "the business's",
         sql="TEXT"),
)

RATE: tuple[Spec, ...] = (
    Spec("skill", "text", _NAME, None, "text", "required", "—", required=True, sql="TEXT NOT NULL"),
    Spec("hourly", "number", lambda v, f: check_number(v, f, high=MAX_MONEY, optional=False), None, "number",
         "required, ≥ 0: the going hourly rate seen", "—", required=True, sql="REAL NOT NULL"),
    Spec("marketplace", "text", _opt_text(), None, "text", "where it was seen", "none", sql="TEXT"),
    Spec("note", "text", _TEXT, "", "text", "e.g. how many profiles were looked at", '`""`',
         sql="TEXT NOT NULL DEFAULT ''"),
    Spec("date", "date", check_date, None, "date", "when", "none", sql="TEXT"),
)
#: the order a rate's keys are written in a plan file (older than the table's order)
RATE_PLAN_ORDER = ("skill", "marketplace", "hourly", "note", "date")

TASK: tuple[Spec, ...] = (
    Spec("id", "id", check_id, None, "id", "required, unique", "—", required=True, sql="TEXT PRIMARY KEY"),
    Spec("title", "text", _NAME, None, "text", "required, ≤ 200 characters", "—", required=True,
         sql="TEXT NOT NULL", fact="title"),
    Spec("description", "text", _TEXT, "", "text", "", '`""`', sql="TEXT NOT NULL DEFAULT ''", fact="description"),
    Spec("size", "choice", _choice(SIZES), "minor", "text", _one_of(SIZES), '`"minor"`', sql="TEXT NOT NULL",
         choices=SIZES),
    Spec("critical", "bool", check_bool, False, "boolean", "would the business suffer if this went wrong?",
         "`false`", plan="keep", sql="INTEGER NOT NULL DEFAULT 0"),
    Spec("skills", "list", lambda v, f: check_str_list(v, f), (), "list of text", "no repeats, ≤ 100", "`[]`",
         plan="keep", sql="TEXT NOT NULL DEFAULT '[]'"),
    Spec("pricing", "choice", _choice(PRICINGS), "fixed", "text", _one_of(PRICINGS), '`"fixed"`',
         sql="TEXT NOT NULL", choices=PRICINGS),
    Spec("budget", "number", _MONEY, None, "number",
         "≥ 0. Fixed price: the total. Hourly: the highest hourly rate you will pay", "none", sql="REAL"),
    Spec("hours", "number", lambda v, f: check_number(v, f, high=100_000.0, smallest=MIN_HOURS), None, "number",
         "0–100,000: the estimated hours of work", "none", sql="REAL"),
    Spec("status", "choice", _choice(TASK_STATUSES), "draft", "text", _one_of(TASK_STATUSES), '`"draft"`',
         sql="TEXT NOT NULL", choices=TASK_STATUSES),
    Spec("marketplaces", "list", lambda v, f: check_str_list(v, f), (), "list of text", "where the task is posted",
         "`[]`", plan="keep", sql="TEXT NOT NULL DEFAULT '[]'"),
    Spec("deadline", "date", check_date, None, "date", "", "none", sql="TEXT"),
    Spec("acceptance", "text", _TEXT, "", "text", 'acceptance criteria: what "done" means', '`""`',
         sql="TEXT NOT NULL DEFAULT ''", fact="acceptance"),
    Spec("sensitive_data", "bool", check_bool, False, "boolean",
         "the freelancer will see client records, credentials, money or personal data (a task whose own words "
         "name a set of people's details, such as dates of birth or member records, counts as sensitive anyway)",
         "`false`", plan="set",
         sql="INTEGER NOT NULL DEFAULT 0", fact="sensitive_data"),
    Spec("creates_ip", "bool", check_bool, False, "boolean",
         "the work product (logo, code, text, design) must belong to the business", "`false`", plan="set",
         sql="INTEGER NOT NULL DEFAULT 0", fact="creates_ip"),
    Spec("milestones", "int", lambda v, f: check_int(v, f, high=1000, optional=False), 0, "integer",
         "≥ 0: payment milestones agreed", "`0`", plan="set", sql="INTEGER NOT NULL DEFAULT 0", fact="milestones"),
    Spec("weekly_cap", "number", lambda v, f: check_number(v, f, high=168.0), None, "number",
         "0–168: weekly hours limit on an hourly contract", "none", plan="set", sql="REAL", fact="weekly_cap"),
    Spec("openings", "int", lambda v, f: check_int(v, f, low=1, high=1000, optional=False), 1, "integer",
         "≥ 1: how many people this task hires", "`1`", plan="set", sql="INTEGER NOT NULL DEFAULT 1",
         fact="openings"),
    Spec("collaboration", "choice", _choice(COLLABORATIONS), "async", "text",
         "how the work is done: `async` (delivered and reviewed: a logo, a video edit, an SEO audit), `overlap` "
         "(needs some shared hours a day for calls and questions) or `live` (done during the business's working "
         "hours: answering calls, moderating, reception). Time-zone advice speaks only for `overlap` and `live`; "
         "a weekly cap below the business's week is a gap only when the task's words say it answers what comes "
         "in (calls, chats, visitors). "
         "The default is `async` because most marketplace work is a deliverable; say so when it is not",
         '`"async"`', plan="set", sql="TEXT NOT NULL DEFAULT 'async'", choices=COLLABORATIONS,
         fact="collaboration"),
    Spec("overlap_hours", "number", lambda v, f: check_number(v, f, high=24.0), None, "number",
         "0–24: hours a day the work needs together",
         "`overlap`: the config's `min_overlap_hours` (2); `live`: the whole of the business's working day",
         plan="set", sql="REAL"),
    Spec("key_criteria", "list", lambda v, f: check_str_list(v, f, limit=20), (), "list of text",
         "the interview criteria that matter most for this job, named as in the interview scores "
         "(`[\"security\"]`); a low score on one is not hidden by a good average", "`[]`", plan="set",
         sql="TEXT NOT NULL DEFAULT '[]'", label="Key criteria", form="list",
         placeholder="interview criteria that matter most"),
    Spec("access", "list", lambda v, f: check_str_list(v, f, limit=50), (), "list of text",
         "the systems the freelancer gets an account on (`\"shopify-staff\"`, `\"github\"`, `\"bank-view\"`): "
         "named, least-privilege accounts at hire, each revoked when the task is done", "`[]`", plan="set",
         sql="TEXT NOT NULL DEFAULT '[]'", label="Access", form="list",
         placeholder="systems they get an account on"),
    Spec("handover", "text", lambda v, f: check_text(v, f, limit=MAX_HANDOVER), "", "text",
         "how the work goes on if the one person doing it stops (ill, busy, gone): where the code, files and "
         "logins live (in the business's own accounts), what is documented, who could take over (`\"repo and "
         "hosting in our accounts, README with deploy steps; backup: Ana\"`); empty: no plan. Critical or major "
         "work given to one freelancer without one gets a warning where the gap is concrete (a deadline "
         "days away, live hours one person cannot cover, a system kept running), and critical, major work "
         "held by one hired agency always does, proven or not", '`""`', plan="set",
         sql="TEXT NOT NULL DEFAULT ''", label="Handover", form="text",
         placeholder="files/logins in your accounts; docs; backup person", fact="handover"),
    Spec("candidates", "table", None, (), "array of tables `[[tasks.candidates]]`", "proposals for this task",
         "`[]`", plan=""),
)

CANDIDATE: tuple[Spec, ...] = (
    Spec("id", "id", check_id, None, "id", "required, unique in the plan", "—", required=True,
         sql="TEXT PRIMARY KEY", csv=("id", "candidate id", "freelancer id", "proposal id")),
    Spec("name", "text", _NAME, None, "text", "required, ≤ 200 characters", "—", required=True,
         sql="TEXT NOT NULL", fact="name",
         csv=("name", "freelancer", "freelancer name", "candidate", "candidate name", "full name", "contractor",
              "seller", "seller name", "username")),
    Spec("task", "id", lambda v, f: check_id(v, f) if v else v, "", plan="", sql="TEXT NOT NULL"),
    Spec("marketplace", "text", _opt_text(), None, "text", "where the proposal came from", "none", sql="TEXT",
         fact="marketplace", csv=("marketplace", "platform", "site", "source")),
    Spec("hourly", "number", _MONEY, None, "number", "≥ 0: hourly rate", "none", sql="REAL", fact="hourly",
         csv=("hourly", "hourly rate", "rate", "rate per hour", "per hour", "hourly price", "hourly bid"),
         csv_kind="money"),
    Spec("bid", "number", _MONEY, None, "number", "≥ 0: fixed price offered", "none", sql="REAL", fact="bid",
         csv=("bid", "bid amount", "fixed price", "fixed bid", "proposal amount", "amount", "price", "quote",
              "total"), csv_kind="money"),
    Spec("rating", "number", lambda v, f: check_number(v, f, high=5.0), None, "number", "0–5", "none", sql="REAL",
         fact="rating", csv=("rating", "stars", "average rating", "feedback", "feedback score", "review score",
                             "client rating"), csv_kind="rating"),
    Spec("reviews", "int", _COUNT, None, "integer", "≥ 0", "none", sql="INTEGER", fact="reviews",
         csv=("reviews", "review count", "number of reviews", "num reviews", "ratings", "total votes", "votes"),
         csv_kind="count"),
    Spec("jobs", "int", _COUNT, None, "integer", "≥ 0: jobs done on the marketplace", "none", sql="INTEGER",
         fact="jobs", csv=("jobs", "total jobs", "jobs completed", "completed jobs", "projects",
                           "completed projects", "job completed"), csv_kind="count"),
    Spec("job_success", "number", lambda v, f: check_number(v, f, high=100.0), None, "number", "0–100 (percent)",
         "none", sql="REAL", fact="job_success",
         csv=("job success", "job success score", "jss", "success rate", "completion rate", "job success rate"),
         csv_kind="percent"),
    Spec("country", "text", _opt_text(), None, "text", "", "none", sql="TEXT", fact="country",
         csv=("country", "location", "nationality")),
    Spec("utc_offset", "number", _OFFSET, None, "number", "−12 to +14 hours (`5.5` for UTC+5:30)", "none",
         sql="REAL", fact="utc_offset", csv=("utc offset", "timezone", "time zone", "tz", "utc", "gmt offset"),
         csv_kind="offset"),
    Spec("timezone", "text", check_zone, None, "text", _ZONE_DOC + ". A CSV's time-zone column keeps a zone name "
         "here (an offset such as `+05:30` goes to `utc_offset`)", "none", plan="set", sql="TEXT",
         label="Time zone", form="text", placeholder="e.g. Asia/Manila (or the offset)", fact="timezone",
         csv=("iana time zone", "zone name", "tz name", "olson time zone"), csv_kind="zone"),
    Spec("status", "choice", _choice(CANDIDATE_STATUSES), "applied", "text", _one_of(CANDIDATE_STATUSES),
         '`"applied"`', sql="TEXT NOT NULL", choices=CANDIDATE_STATUSES, csv=("status", "stage"),
         csv_kind="choice"),
    Spec("reject_reason", "text", _TEXT, "", "text", "", '`""`', sql="TEXT NOT NULL DEFAULT ''",
         csv=("reject reason", "rejection reason", "why rejected")),
    Spec("notes", "text", _TEXT, "", "text", "", '`""`', sql="TEXT NOT NULL DEFAULT ''",
         csv=("notes", "note", "cover letter", "comments", "comment", "message", "description")),
    Spec("interview", "table", None, None, "table `[tasks.candidates.interview]`", "at most one per candidate",
         "none", plan=""),
    Spec("past_jobs_with_us", "int", lambda v, f: check_int(v, f, optional=False), 0, "integer",
         "≥ 0: jobs this person already finished for this business", "`0`", plan="set",
         sql="INTEGER NOT NULL DEFAULT 0", fact="past_jobs_with_us",
         csv=("past jobs with us", "jobs with us", "previous jobs with us", "hired before"), csv_kind="count"),
    Spec("agreements", "list", _agreements, (), "list of text",
         'what was signed: `"nda"`, `"ip-assignment"`, `"usage-licence"` (each once; written back in that order)',
         "`[]`",
         plan="set", sql="TEXT NOT NULL DEFAULT '[]'", csv=("agreements", "signed", "contracts signed"),
         csv_kind="agreements"),
    Spec("trial", "choice", _choice(TRIALS), "none", "text", "a paid trial task: " + _one_of(TRIALS), '`"none"`',
         plan="set", sql="TEXT NOT NULL DEFAULT 'none'", choices=TRIALS, fact="trial",
         csv=("trial", "paid trial", "trial task"), csv_kind="choice"),
    Spec("off_platform", "bool", check_bool, False, "boolean", "asked to talk or be paid outside the marketplace",
         "`false`", plan="set", sql="INTEGER NOT NULL DEFAULT 0", fact="off_platform",
         csv=("off platform", "off platform request", "asked off platform"), csv_kind="yes_no"),
    Spec("review_left", "bool", check_bool, False, "boolean", "the owner left a review after the job", "`false`",
         plan="set", sql="INTEGER NOT NULL DEFAULT 0", fact="review_left",
         csv=("review left", "reviewed", "left review"), csv_kind="yes_no"),
    Spec("working_hours", "hours", check_hours, None, "text",
         "the hours they work, in their local time, like the business's (`\"21:00-06:00\"` for someone who "
         "covers a US day from Manila); not stated, the time-zone advice counts a waking day, 06:00-22:00 their "
         "time (what anyone can be asked to work)", "not stated", plan="set", sql="TEXT",
         csv=("working hours", "work hours", "hours available", "available hours", "availability"),
         csv_kind="hours"),
    Spec("kind", "choice", _choice(CANDIDATE_KINDS), "freelancer", "text",
         "who the proposal is from: `freelancer` (one person) or `agency` (a company; who does the work may "
         "change)", '`"freelancer"`', plan="set", sql="TEXT NOT NULL DEFAULT 'freelancer'", label="Kind",
         form="select", choices=CANDIDATE_KINDS, csv=("kind", "freelancer or agency", "seller type",
                                                     "account type"), csv_kind="choice", fact="kind"),
    Spec("named_people", "list", lambda v, f: check_str_list(v, f, limit=20), (), "list of text",
         "an agency: the people who will do the work, by name (the contract names them)", "`[]`", plan="set",
         sql="TEXT NOT NULL DEFAULT '[]'", label="People", form="list",
         placeholder="agency: who will do the work"),
    Spec("working_people", "list", lambda v, f: check_str_list(v, f, limit=20), (), "list of text",
         "once hired: who is actually doing the work, as the commits, the work diary or the timesheets show "
         "it (someone not in `named_people` is a substitute). Recorded on a hired candidate, the work is under way: "
         "the interview-before-hire advice steps back and the in-flight checks (a substitute, the next payment "
         "held) speak", "`[]`", plan="set",
         sql="TEXT NOT NULL DEFAULT '[]'", label="Working", form="list",
         placeholder="hired: who actually does the work"),
    Spec("hours_last_week", "number", lambda v, f: check_number(v, f, high=168.0), None, "number",
         "0–168, once hired on an hourly task: the hours billed or logged in the work diary in the last full "
         "week; more than the task's `weekly_cap` is an overrun to settle before the week is paid", "none",
         plan="set", sql="REAL", label="Hours billed", form="number",
         placeholder="hired, hourly: hours billed last week", fact="hours_last_week",
         csv=("hours last week", "hours billed last week", "last week hours", "hours logged last week",
              "billed hours last week"), csv_kind="logged_hours"),
    Spec("upfront_percent", "number", lambda v, f: check_number(v, f, high=100.0), None, "number",
         "0–100: share of the price they ask to be paid before any work is delivered (a deposit)", "none",
         plan="set", sql="REAL", label="Upfront %", form="number", placeholder="deposit asked, % of the price",
         fact="upfront_percent"),
    Spec("available_from", "date", check_date, None, "date", "the first day they can start", "none",
         plan="set", sql="TEXT", label="Available", form="date", placeholder="first day they can start"),
    Spec("third_party", "text", lambda v, f: check_text(v, f, limit=MAX_THIRD_PARTY), "", "text",
         "the third-party or pre-existing material they will put in the work (fonts, stock photos, templates, "
         "themes, plugins, open-source code, AI-generated images), each with its licence, as they told you "
         "(`\"Inter font (OFL); 3 Unsplash photos; Tailwind (MIT)\"`, or `\"none\"`); empty: not asked yet",
         '`""`', plan="set", sql="TEXT NOT NULL DEFAULT ''", label="Third-party", form="text",
         placeholder="assets they reuse, with licences", fact="third_party"),
)


INTERVIEW: tuple[Spec, ...] = (
    Spec("date", "date", check_date, None, "date", "", "none", sql="TEXT"),
    Spec("scores", "scores", _scores, {}, "table of criterion = integer",
         "each 1–5, ≤ 50 criteria, e.g. `{ communication = 4, quality = 5 }`", "`{}`", plan="keep",
         sql="TEXT NOT NULL DEFAULT '{}'"),
    Spec("notes", "text", _TEXT, "", "text", "", '`""`', sql="TEXT NOT NULL DEFAULT ''"),
)

#: An acknowledged finding (a dismissal with a reason, optionally until a day).
SUPPRESSION: tuple[Spec, ...] = (
    Spec("rule", "text", _NAME, None, "text", "required: the rule id", "—", required=True, sql="TEXT NOT NULL"),
    Spec("reason", "text", lambda v, f: check_text(v, f, required=True), None, "text", "required: why it is fine",
         "—", required=True, sql="TEXT NOT NULL"),
    Spec("task", "id", _opt_id, None, "id", "must name a task in the plan", "whole plan", sql="TEXT"),
    Spec("candidate", "id", _opt_id, None, "id", "must name a candidate in the plan", "—", sql="TEXT"),
    Spec("until", "date", check_date, None, "date", "the acknowledgement lapses after this day", "forever",
         sql="TEXT"),
)
#: the order a suppression's keys are written in a plan file (older than the table's order)
SUPPRESSION_PLAN_ORDER = ("rule", "task", "candidate", "reason", "until")


def by_name(specs: tuple[Spec, ...]) -> dict[str, Spec]:
    return {s.name: s for s in specs}


def plan_keys(specs: tuple[Spec, ...], *extra: str) -> set[str]:
    """The keys a plan file's table of this record may hold."""
    return {s.name for s in specs if s.plan} | set(extra)


def columns(specs: tuple[Spec, ...]) -> list[Spec]:
    """The fields stored as columns of the record's table, in table order."""
    return [s for s in specs if s.sql]


def plan_order(specs: tuple[Spec, ...], order: tuple[str, ...]) -> tuple[Spec, ...]:
    """The specs in the order a plan file writes them (where that predates the table's order)."""
    return tuple(sorted(specs, key=lambda s: order.index(s.name)))


def validate(record: Any, specs: tuple[Spec, ...], where: str) -> None:
    """Run every field's check on ``record`` in table order, storing the clean value."""
    for s in specs:
        name = s.name
        if s.check is not None:
            setattr(record, name, s.check(getattr(record, name), f"{where}.{name}"))
        else:
            record.check_nested(name, f"{where}.{name}")


def facts_of(specs: tuple[Spec, ...]) -> tuple[tuple[str, str], ...]:
    """(field, fact) of the fields copied straight into the record's fact."""
    return tuple((s.name, s.fact) for s in specs if s.fact)


#: how each record's fields are seen in the rules: fact type -> {fact: type}
def fact_schema(specs: tuple[Spec, ...]) -> dict[str, str]:
    return {s.fact: s.fact_type for s in specs if s.fact}


def fact_enums(ns: str, specs: tuple[Spec, ...]) -> dict[tuple[str, str], tuple[str, ...]]:
    return {(ns, s.fact): s.choices for s in specs if s.fact and s.choices}
