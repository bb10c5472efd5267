"""The stage policy of the shipped rules (issue 12): nothing on a cancelled task, on a done one only
closing the job (the review, the access, and, while the review is still to leave, the rights and a
last payment asked off the platform: grading v33 review, hammock store), every rule with a source. (docs/rules.md's table is generated from
the packs; tests/test_docs_rules.py fails when it is stale.)"""

from __future__ import annotations

from advisor.rules.rulepack import load_rules

RULES, PROBLEMS = load_rules()
HISTORY_RULES = {"leave-a-review", "revoke-access", "ip-assignment", "off-platform-request"}


def test_every_shipped_rule_has_stages_and_a_source():
    assert not PROBLEMS
    for r in RULES:
        assert r.source.strip(), r.id
        assert bool(r.stages) == (r.about != "business"), r.id


def test_nothing_fires_on_cancelled_and_only_history_on_done():
    for r in RULES:
        assert "cancelled" not in r.stages, r.id
        assert ("done" in r.stages) == (r.id in HISTORY_RULES), r.id


def test_research_and_budget_rules_stop_once_hired():
    for rid in ("research-going-rate", "budget-below-market", "thin-going-rate", "fees-heavy",
                "budget-far-above-market", "paid-trial-first", "start-small", "fees-break-budget"):
        rule = next(r for r in RULES if r.id == rid)
        assert not {"hired", "done"} & set(rule.stages), rid
