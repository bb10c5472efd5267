"""Today's date for the advice: the system's, or ``OUTSOURCE_TODAY`` (``YYYY-MM-DD``) to see the
advice as it stands on another day: a review that must be reproducible, a report dated for a
meeting, the day a deadline will be close. Every "today" in the core and the app comes from here.
"""

from __future__ import annotations

import os
import re
from datetime import date

from advisor.errors import ConfigError

VARIABLE = "OUTSOURCE_TODAY"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def today() -> date:
    """The system's date, or the one ``OUTSOURCE_TODAY`` names (refused in one line if it is not
    a real date written as 2026-12-07)."""
    raw = os.environ.get(VARIABLE, "").strip()
    if not raw:
        return date.today()
    try:
        if _ISO.match(raw):
            return date.fromisoformat(raw)
    except ValueError:
        pass
    shown = raw[:40].encode("ascii", "backslashreplace").decode()
    raise ConfigError(f"${VARIABLE} is {shown!r}, not a date such as 2026-12-07",
                      hint=f"unset {VARIABLE} to use the system's date")
