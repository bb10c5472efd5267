"""Round 16 part B (grading v15 fixes 1, 3, 4, 5, 6, 10): advice that reads what is recorded."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from advisor.advice.steps import PlanIndex, arrange, next_steps
from advisor.engine import Advisor
from advisor.plan.model import AGREEMENTS
from advisor.rules.rulepack import load_rules
from advisor.storage.planfile import load_plan

PLANS = Path(__file__).resolve().parent / "data" / "plans"
TODAY = date(2026, 12, 7)


def run(path: Path, today: date = TODAY):
    """(plan, findings, next-step actions) of a plan file with the built-in rules."""
    ruleset, problems = load_rules(None)
    assert not problems
    plan = load_plan(path)
    with Advisor(ruleset, None, today=today) as a:
        found = list(a.evaluate(plan))
    index = PlanIndex.of(plan, rules=ruleset, today=today)
    return plan, found, [s.action for s in next_steps(arrange(found, index), index)]


#: What a fix tells the owner to write down: record "X" in (their|the ...) agreements.
_RECORD = re.compile(r'record \\?"([^"\\]+)\\?" in (?:the |their )[^.;]*?agreements')


def _told_to_record() -> set[str]:
    ruleset, problems = load_rules(None)
    assert not problems
    return {m for r in ruleset for m in _RECORD.findall(r.fix + " " + r.message)}


def test_every_agreement_the_advice_tells_an_owner_to_record_is_one_the_plan_format_accepts(tmp_path):
    told = _told_to_record()
    assert {"nda", "ip-assignment", "usage-licence"} <= told  # the scan sees the fixes that say it
    text = (PLANS / "instruments.toml").read_text(encoding="utf-8")
    assert 'id = "amara"' in text
    for kind in sorted(told):
        assert kind in AGREEMENTS
        path = tmp_path / f"{kind}.toml"
        path.write_text(text.replace('id = "amara"', f'id = "amara"\nagreements = ["{kind}"]', 1), encoding="utf-8")
        plan, found, _ = run(path)
        amara = next(c for t in plan.tasks for c in t.candidates if c.id == "amara")
        assert amara.agreements == [kind]
        if kind == "usage-licence":  # recorded as told: the advice that asked for it stops
            assert not [f for f in found if f.rule == "offer-usage-licence" and "Amara" in f.message]
