"""A live security hole in the owner's own systems that a candidate reports in their proposal
("your Firestore rules are open to the public", "your S3 bucket is public"): the owner's step to
close it now, whoever they hire (``reported-exposure``), never a red flag against the candidate
who reported it (grading v20, cafe: an honest report was passed over and the hole left open)."""

from __future__ import annotations

from advisor.plan.model import Task
from advisor.rules.factcontext import Context


def reported_exposure(task: Task, ctx: Context) -> tuple[str, str]:
    """(who reported it, their words quoted) for the first of ``task``'s candidates whose notes or
    interview notes report a hole in the owner's systems (the ``exposure`` phrases); ("", "") for
    none. Any status counts: a rejected candidate's report is as true as a hired one's."""
    from advisor.rules.judgements import said_by

    for c in task.candidates:
        found = said_by(c, ctx, task)
        if "exposure" in found.categories:
            quotes = (found.quotes or {}).get("exposure", ())
            return c.name or c.id, ", ".join(f'"{q}"' for q in quotes[:2])
    return "", ""
