"""A kept Advisor (the app's, the tests' shared one) that judged a plan in one currency judges
the same tasks in another as a new Advisor does: the business's home is part of what a task's
kept facts depend on (advisor/engine/convert.py ``task_signature``). Before, the INR plan was
told the GDPR agreement of the EUR plan judged before it."""

from __future__ import annotations

from datetime import date

from advisor.engine import Advisor
from advisor.rules.rulepack import load_rules
from advisor.storage.planfile import load_plan

TODAY = date(2026, 11, 25)


def _pharmacy(bakery_path, currency: str):
    plan = load_plan(bakery_path)
    plan.business.currency = currency
    logo = plan.task("logo")
    logo.sensitive_data = False
    logo.description = "Forecast stock from our prescriptions history. I will share my ERP login."
    return plan


def _said(found) -> list[tuple]:
    return sorted((f.rule, f.task, f.candidate, f.message, f.fix) for f in found)


def test_a_new_currency_is_judged_as_a_new_advisor_judges_it_by_evaluate_and_by_update(bakery_path):
    rules, problems = load_rules()
    assert not problems
    with Advisor(rules, today=TODAY) as fresh:
        want = _said(fresh.evaluate(_pharmacy(bakery_path, "INR")))
    assert any(r == "health-data-agreement" and "DPDP Act" in fix for r, _, _, _, fix in want)
    with Advisor(rules, today=TODAY) as kept:
        kept.evaluate(_pharmacy(bakery_path, "EUR"))
        assert _said(kept.evaluate(_pharmacy(bakery_path, "INR"))) == want
        kept.evaluate(_pharmacy(bakery_path, "EUR"))
        assert _said(kept.update(_pharmacy(bakery_path, "INR"))) == want
