"""The one order of why a candidate is no option (or needs a question first), most serious first.

The drop step (its reasons and the quotes backing them, :mod:`advisor.advice.steps`), the
Ranking's "excluded" reasons (:func:`advisor.rules.exclusion.ruled_out`) and the Ranking's notes
on a candidate still ranked (``commands/check.py``) all sort by :func:`most_serious_first`, so the
reason a buyer reads first is the worst one wherever it is shown (grading v21: "then Ana Reyes"
shown without her Gmail-password request; Studio Kite "29% over budget" without the login it asked
for; a drop quoting the chat app and not the password).
"""

from __future__ import annotations

from typing import Iterable, TypeVar

T = TypeVar("T")

#: Kinds of reason, most serious first: your own logins, a move off the marketplace, money you
#: cannot get back, then an unsure red flag (a question to ask first), then what a score, a
#: trial or the calendar says, then what the work's ownership and price weigh (``keeps_rights``:
#: the copyright, accounts or code the candidate would keep, :mod:`advisor.rules.ownership`).
REASON_ORDER = ("credentials", "off_platform", "guarantee", "payment", "upfront", "confirm", "failed_trial",
                "key_low", "upfront_drop", "machine_work", "data_tool", "real_data", "late_start", "no_hours", "substitution",
                "success_fee", "keeps_rights", "names_nobody", "whole_job", "over_budget", "unset_marketplace")
_RANK = {k: n for n, k in enumerate(REASON_ORDER)}


def rank_of(kind: str) -> int:
    """The place of ``kind`` in :data:`REASON_ORDER` (an unknown kind goes last)."""
    return _RANK.get(kind, len(REASON_ORDER))


def most_serious_first(items: Iterable[tuple[str, T]]) -> list[T]:
    """The values of (kind, value) pairs in :data:`REASON_ORDER` order (stable among equals)."""
    return [v for _, v in sorted(items, key=lambda kv: rank_of(kv[0]))]
