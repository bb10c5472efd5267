"""An engine process started early (``process.prestart``, issue 24: it starts while a command or
the app reads its inputs) is the one the next advisor uses, gives the same advice, and is never
used when the environment changed after it started (its hooks and settings come from there)."""

from __future__ import annotations

import copy
from datetime import date

from advisor.engine import Advisor
from advisor.engine import process
from advisor.rules.rulepack import load_rules

RULES, _ = load_rules()
TODAY = date(2026, 11, 25)


def keys(found):
    return sorted((f.rule, f.task, f.candidate, f.severity, f.message) for f in found)


def test_the_advisor_takes_the_process_started_early_and_advises_the_same(bakery):
    with Advisor(RULES, today=TODAY) as a:
        expected = keys(a.evaluate(copy.deepcopy(bakery)))
    process.prestart()
    spare = process._spare
    assert spare is not None and spare.proc.poll() is None
    with Advisor(RULES, today=TODAY) as a:
        assert keys(a.evaluate(copy.deepcopy(bakery))) == expected
        assert a._process is spare.proc  # no second process was started
    assert process._spare is None


def test_a_process_started_under_another_environment_is_not_used(bakery, monkeypatch):
    process.prestart()
    spare = process._spare
    monkeypatch.setenv("ADVISOR_ENGINE_TEST_CRASH", "never-a-request-name")
    with Advisor(RULES, today=TODAY) as a:
        a.evaluate(copy.deepcopy(bakery))
        assert a._process is not spare.proc
    assert spare.proc.poll() is not None  # stopped, not left running
    process.prestart()
    first = process._spare
    process.prestart()  # one waits at most
    assert process._spare is first
    monkeypatch.delenv("ADVISOR_ENGINE_TEST_CRASH")
    process.prestart()  # the environment changed again: replaced
    assert process._spare is not first and first.proc.poll() is not None
    process.take().stop(graceful=False)
