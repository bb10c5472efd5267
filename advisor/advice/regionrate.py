"""The going rate of a candidate's own market, when the owner noted rates per region (grading v30,
3D print: a Singapore developer at S$70 an hour called "12% over the going rate", the median of
"Singapore/Malaysia" S$75 and "China/Vietnam agencies" S$50; against Singapore's rate he is 7%
under). Only when some of the task's rates name countries and the candidate's country is among
them, and another rate names another country (rates by region; a rate naming none is the owner's
own market, as the pooled going rate is)."""

from __future__ import annotations

from typing import Any

from advisor.medians import median as median_of
from advisor.plan.regions import country_name


def regional_references(task: Any, by_skill: Any) -> dict[str, tuple[float, str]]:
    """Country code -> (the price a candidate from there is compared with, before fees, in the
    task's pricing; "the going rate for Singapore"). ``by_skill``: the plan's rates as
    :func:`advisor.advice.value.rates_by_skill` read them (its ``regions``). Empty when no rate of
    the task's skills names a country (most plans)."""
    rates = [x for k in dict.fromkeys(task.skills or ()) for x in by_skill.regions.get(k, ())]
    named = {code for _, codes in rates for code in codes}
    if not named or (task.pricing != "hourly" and not task.hours):
        return {}
    out = {}
    for code in named:
        mine = [h for h, codes in rates if code in codes]
        if not any(codes and code not in codes for _, codes in rates):
            continue  # no rate of another country noted: the pooled going rate is theirs already
        rate = median_of(mine)
        if task.pricing != "hourly":
            rate = rate * task.hours / max(1, task.openings)
        out[code] = (rate, f"the going rate for {country_name(code)}")
    return out
