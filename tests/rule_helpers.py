"""Firing one rule set on hand-made facts: a business, a task ``t`` and a candidate ``c``."""

from __future__ import annotations

from advisor.rules.factschema import BUSINESS_KEY, neutral


def facts(business=None, task=None, candidate=None) -> dict:
    """Neutral facts (a business, task ``t``, candidate ``c``) overridden by the given fields."""
    b = neutral("business")
    b.update(business or {})
    t = neutral("task", task="t")
    t.update(task or {})
    c = neutral("candidate", key="c", task="t")
    c.update(candidate or {})
    if "proven" not in (candidate or {}):  # as advisor.rules.facts derives it
        c["proven"] = c.get("past_jobs_with_us", 0) >= 1 or c.get("trial") == "passed"
    return {BUSINESS_KEY: b, ("task", "t"): t, ("candidate", "c"): c}


def fired(adv, business=None, task=None, candidate=None) -> set[str]:
    """The ids of the rules that fire on neutral facts overridden by the given fields."""
    found = adv.evaluate_facts(facts(business, task, candidate))
    assert not found.failures()
    return {f.rule for f in found}
