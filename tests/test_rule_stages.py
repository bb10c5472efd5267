"""The stage policy of the shipped rules (issue 12) and its table in docs/rules.md: nothing on a
cancelled task, only leave-a-review on a done one, every rule with a source, and the docs
saying exactly what the packs do."""

from __future__ import annotations

from pathlib import Path

from advisor.plan.model import TASK_STATUSES
from advisor.rules.rulepack import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES, PROBLEMS = load_rules()
HISTORY_RULES = {"leave-a-review"}


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


def test_the_docs_table_and_sources_match_the_packs():
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    section = doc[doc.index("## When each rule speaks"):]
    for r in RULES:
        cells = ["—"] * len(TASK_STATUSES) if r.about == "business" else \
            ["✓" if s in r.stages else "" for s in TASK_STATUSES]
        assert f"| `{r.id}` | {r.pack} | {r.severity} | " + " | ".join(cells) + " |" in section, r.id
        assert r.source in section and r.fix in section, r.id
