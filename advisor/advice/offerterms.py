"""An offer's terms that the task alone calls for (rights in the work, a usage licence, a weekly
cap, a handover), said as one step rather than a line per term (grading v20 fix 4, cafe: an IP
assignment, a weekly cap and a handover were three findings)."""

from __future__ import annotations

import re

from advisor.advice.lines import AdviceLine
from advisor.text import name_list

#: Terms of the offer a task alone calls for: said in one step (grading v20 fix 4, cafe: an IP
#: assignment, a weekly cap and a handover were three lines).
OFFER_TERMS = frozenset({"offer-ip-assignment", "offer-usage-licence", "offer-weekly-cap", "offer-handover"})
#: "Put <term> in the offer[ to <whom>][: <the figures behind it>]" (the weekly cap says its pace).
_PUT = re.compile(r"Put (.+?) in the offer( to [^:;]+)?(: .*)?")


def offer_terms(ranked: list[AdviceLine], i: int, ln: AdviceLine, used: set[int]) -> list[int]:
    """The other :data:`OFFER_TERMS` lines of ``ln``'s task not yet a step (none unless ``ln`` is one)."""
    if ln.rule not in OFFER_TERMS or ln.task is None:
        return []
    return [j for j, o in enumerate(ranked) if j != i and j not in used and o.rule in OFFER_TERMS
            and o.task == ln.task and not o.suppressed]


def offer_checklist(texts: list[str]) -> str:
    """Steps on one offer's terms as one: "Put an IP assignment and a weekly hour cap in the
    offer: ...", then any term said otherwise ("before the offer, agree ...") after a semicolon."""
    put = [m for t in texts if (m := _PUT.fullmatch(t))]
    other = [t for t in texts if not _PUT.fullmatch(t)]
    parts = []
    if put:
        whom = next((m.group(2) for m in put if m.group(2)), "")
        why = "".join(dict.fromkeys(m.group(3) for m in put if m.group(3)))
        parts.append(f"Put {name_list([m.group(1) for m in put], shown=len(put))} in the offer{whom}{why}")
    parts += other
    return "; ".join(p if k == 0 else p[:1].lower() + p[1:] for k, p in enumerate(parts))
