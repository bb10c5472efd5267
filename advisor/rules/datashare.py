"""What of the owner's data the work needs, so that "share less" fits the job (grading v22 fix
4): one template ("a report export or a read-only user", "a pseudonymised extract") told a
booking chatbot's builder to work from an export (optician) and a shop migration to move
pseudonyms (beekeeper). The task's own words say the kind of access:

- a migration needs the real records: moved under the agreement from the old system's export
  straight into the new one, kept nowhere else, deleted at the end;
- a system that writes into the owner's software (a bot that books, a sync that updates) needs an
  API user scoped to what it writes, on a staging calendar or test account with made-up records
  until launch, never an admin login;
- one that only reads needs a key that reads the fields the job needs;
- documents about people (a newsletter to translate, letters to lay out: the kind of work from
  advisor/work_kinds.toml) go with initials instead of names and no photos of them; scans to key in
  go as the files the job covers;
- an analysis works from an export of only the fields it needs, an ID number instead of names;
- work done in the owner's own systems (accounts listed) gets those accounts (the access clause);
  anything else (a clean-up, a site publishing entries) gets a pseudonymised extract of only the
  fields it needs (grading v23 fix 6: "NDA and DPA" said nothing of what to send).

Personal data is handled when the plan says ``sensitive_data`` or the task's own words name it
(:func:`holds_personal_data`: "dates of birth for the junior section" with the flag unset).

Linear: one split of the task's words (:func:`advisor.phrases.words`), read against word sets.
"""

from __future__ import annotations

import re

from advisor.text import fold

#: Words of a system built on the owner's software (a bot, an integration, an app).
_SYSTEM = frozenset(fold(w) for w in (
    "api", "apis", "integration", "integrations", "integrate", "webhook", "webhooks", "bot", "chatbot",
    "plugin", "sync", "synchronise", "synchronize", "automation", "automations", "app", "zapier",
    "schnittstelle", "integración", "intégration", "integração", "integrazione", "integracja"))
#: Words of it writing there (booking, creating, updating).
_WRITES = frozenset(fold(w) for w in (
    "book", "books", "booking", "bookings", "write", "writes", "writing", "create", "creates", "update",
    "updates", "sync", "syncs", "post", "posts", "push", "pushes", "submit", "submits", "schedule",
    "schedules", "add", "adds", "insert", "inserts", "buchen", "bucht", "eintragen", "reservar", "agendar",
    "réserver", "prenotare", "rezerwować"))
#: Words of a calendar it books into (then the test copy is a staging calendar).
_CALENDAR = frozenset(fold(w) for w in (
    "book", "books", "booking", "bookings", "appointment", "appointments", "calendar", "schedule",
    "reservation", "reservations", "termin", "termine", "cita", "citas", "rendez"))
#: Words of moving records from one system into another, besides words holding "migr" ("Datenmigration";
#: not "immigration", a lawyer's work).
_MOVE = frozenset(fold(w) for w in ("umzug", "replatform", "replatforming", "przeniesienie", "taşıma"))


def data_need(text: str) -> str:
    """"migration", "writes", "reads" or "" (an export will do) for a task's ``text``."""
    from advisor.phrases import words

    ws = {w for w, *_ in words((text or "")[:4000])}
    if _MOVE & ws or any("migr" in w and "immigr" not in w and "emigr" not in w for w in ws):
        return "migration"
    if _SYSTEM & ws:
        return "writes" if _WRITES & ws else "reads"
    return ""


#: Words of an analysis of records (then: an export of the fields it needs, ID numbers).
_ANALYSIS = frozenset(fold(w) for w in (
    "analysis", "analyse", "analyze", "analytics", "dashboard", "dashboards", "statistics", "churn",
    "forecast", "forecasting", "segmentation", "cohort", "cohorts", "regression", "survey", "análisis", "analyse"))


def holds_personal_data(task: object) -> bool:
    """The work handles people's personal data: the plan says ``sensitive_data``, or the task's own
    words name a set of it (the built-in ``personal_records`` phrases: "dates of birth", "members' records").
    The task facts' ``sensitive_data`` and the Ranking's data-tool exclusion read this one judgement."""
    if getattr(task, "sensitive_data", False):
        return True
    from advisor.phrases import matcher

    text = "\n".join((getattr(task, "title", "") or "", (getattr(task, "description", "") or "")[:4000],
                      (getattr(task, "acceptance", "") or "")[:2000], ", ".join(getattr(task, "skills", ()) or ())))
    return "personal_records" in matcher().find(text).categories


def _test_copy(text: str) -> str:
    from advisor.phrases import words

    return "a staging calendar" if _CALENDAR & {w for w, *_ in words((text or "")[:4000])} else "a test copy"


def health_need(text: str) -> str:
    """What to share of health data (after "share less:"); "" when an export will do."""
    need = data_need(text)
    if need == "migration":
        return ("only the records the move needs, from the old system's export straight into the new one, "
                "kept nowhere else and never through your own login")
    if need == "writes":
        return (f"an API user scoped to what it writes, on {_test_copy(text)} with made-up patients until "
                "launch, never an admin login or real patients' data")
    if need == "reads":
        return "an API key that reads only the fields the job needs, never your own login"
    return ""


#: Kinds of work (advisor/work_kinds.toml) done on documents about people: initials, no photos.
DOCUMENT_KINDS = frozenset({"translation", "writing", "design", "labels"})


def personal_need(text: str, kind: str = "", in_systems: bool = False) -> str:
    """The NDA step's clause on personal data, by what the work needs: ``kind`` is the work's kind
    (:func:`advisor.rules.workkinds.work_words`); ``in_systems``, the task lists the accounts the
    work is done in (the access clause says those): no extract to send then."""
    from advisor.phrases import words

    need = data_need(text)
    if need == "migration":
        return ("the move needs the real records: have them go from the old system's export straight into "
                "the new one, kept nowhere else, and every copy deleted at the end")
    if need == "writes":
        return (f"give them an API user scoped to what it writes, on {_test_copy(text)} with made-up customers "
                "until launch, never an admin login or real customers' data")
    if need == "reads":
        return "give them an API key that reads only the fields the job needs, and have copies deleted at the end"
    ws = {w for w, *_ in words((text or "")[:4000])}
    if kind in DOCUMENT_KINDS:
        return ("send the documents with initials instead of people's names and no photos of them, and have "
                "every copy deleted at the end")
    if _ANALYSIS & ws:
        return ("send an export of only the fields the analysis needs, with an ID number instead of names and "
                "no phones, emails or photos, and have every copy deleted at the end")
    if kind == "digitisation":
        return "send only the files the job covers, keep the originals with you, and have every copy deleted at the end"
    if in_systems:
        return ""
    return ("share a pseudonymised extract of only the fields the job needs (initials or ID numbers instead of "
            "names where the work allows, no photos), not a login, and have every copy deleted at the end")


def local_copy_clause(who: str, said: str, systems: bool) -> str:
    """The data step's clause when ``who``'s notes plan to copy the files to their own device
    (``said``: the ``local_copy`` words quoted): no local copies, the work done inside the owner's
    systems (``systems``: the task lists the accounts it is done in) with the files view-only,
    nothing downloaded (grading v26, insurance: "אוריד את כל התיקים... למחשב הנייד שלי" accepted on
    1,400 clients' ID numbers). A copy on a laptop is outside every agreement's control."""
    where = "inside your systems" if systems else "only in accounts you own, online"
    return (f"no local copies: {who}'s notes plan to take the files to their own device ({said}); have them work "
            f"{where}, the files view-only, nothing downloaded, and put it in the contract")


#: Codes that open the customers' or the owner's premises named in a task's own words ("garage/gate
#: codes", "alarm codes", "key safe"): no remote worker needs them to do the work (grading v31,
#: snowplow dispatch: 340 homes' garage and gate codes in the dispatcher's sheet).
_PREMISES = re.compile(r"\b(?:garage|gate|door|alarm|entry|lockbox|key ?safe|keybox|building|intercom)"
                       r"(?:\s*(?:/|and|or|&)\s*(?:garage|gate|door|alarm|entry|intercom|lockbox|key ?safe))?\s+(?:codes?|pins?)\b"
                       r"|\bkey ?safes?\b|\blockbox(?:es)?\b|код\w* (?:домофона|ворот|от ворот|сигнализации)"
                       r"|c[oó]digos? (?:del? )?(?:port[oó]n|portão|alarma|alarme|acceso|acesso)|Torcode\w*|codes? d'accès",
                       re.IGNORECASE)


def premises_codes(text: str) -> str:
    """The words naming codes to people's premises in ``text`` ("garage/gate codes"), "" for none."""
    m = _PREMISES.search((text or "")[:20_000])
    return m.group(0) if m else ""
