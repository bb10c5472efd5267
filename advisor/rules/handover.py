"""How a finished job is handed over, by what the work is: code lives in the owner's repository;
a set-up or configuration job (a channel manager, a CRM, an ads account) has no code, so its way
back is the accounts in the owner's name and the settings written down (grading v18, hotel).
One place for the wording the facts (``continuity_fix``) and the Next steps both use."""

from __future__ import annotations

#: the work is code (``code_work`` in the task's own words)
CODE_HANDOVER = ("agree that the code lives in your own repository from day one, with setup and "
                 "deploy notes, and name who could take over")
#: a set-up or configuration job
SETUP_HANDOVER = ("agree that every account is in your name from day one and the settings are "
                  "written down as they are made, and name who could take over")


def handover_fix(code: bool) -> str:
    """The handover to agree before the offer, for code or for a set-up job."""
    return CODE_HANDOVER if code else SETUP_HANDOVER
