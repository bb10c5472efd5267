"""One way for the advice tests to run a plan written in TOML through the built-in rules, as
``check`` does: the findings and the Next steps, in order.

Each advice round's test file had its own plan header and ``run`` helper (each loading the rules
and starting an engine process per test: ~0.1 s apiece). Here the rules are loaded once and one
:class:`Advisor` per day is kept per test process: an evaluation is a fresh engine session with
every fact of the plan (``Advisor.evaluate``), so sharing it changes no result
(tests/test_plan_runner.py checks this against a fresh advisor). The advisor keeps each task's
facts while the task and what they depend on (``task_signature``) are unchanged; plans that
differ only in the business's currency were once told the first one's text
(tests/test_advisor_home_change.py).

    from tests.plan_runner import HEAD, run
    got = run(tmp_path, HEAD + TASK)          # got.plan, got.found, got.steps, got.rules
"""

from __future__ import annotations

import atexit
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

#: The day the advice rounds' plans are judged on (a fixed day: no test depends on the clock).
TODAY = date(2026, 12, 7)

#: A plan header: the business (``{jobs}`` completed jobs), Upwork with escrow and feedback, and
#: three rates of the skill "work" (30, 35, 32 an hour). Fill it with ``HEAD.format(jobs=3)``.
HEAD = """format = 1
[business]
name = "Test business"
currency = "USD"
completed_jobs = {jobs}
timezone = "America/Denver"

[[marketplaces]]
name = "Upwork"
fee_percent = 5.0
escrow = true
feedback = true

[[rates]]
skill = "work"
marketplace = "Upwork"
hourly = 30.0
date = 2026-11-20

[[rates]]
skill = "work"
marketplace = "Upwork"
hourly = 35.0
date = 2026-11-20

[[rates]]
skill = "work"
marketplace = "Upwork"
hourly = 32.0
date = 2026-11-21
"""

_advisors: dict[date, Any] = {}
_ruleset: Any = None


class Run(NamedTuple):
    """A plan's advice: the loaded plan, its findings and the Next steps' actions in order."""
    plan: Any
    found: list
    steps: list[str]

    @property
    def rules(self) -> set[str]:
        """The ids of the rules that fired."""
        return {f.rule for f in self.found}

    def by_rule(self) -> dict[str, Any]:
        """The findings by rule id (the last one of a rule that fired twice)."""
        return {f.rule: f for f in self.found}


def ruleset():
    """The built-in rules (loaded once per test process; a problem in them fails the test)."""
    global _ruleset
    if _ruleset is None:
        from advisor.rules.rulepack import load_rules

        rules, problems = load_rules(None)
        assert not problems, problems
        _ruleset = rules
    return _ruleset


def advisor(today: date = TODAY):
    """The shared advisor with the built-in rules judging on ``today`` (one engine process per
    day per test process, stopped when the process ends)."""
    a = _advisors.get(today)
    if a is None:
        from advisor.engine import Advisor

        a = _advisors[today] = Advisor(ruleset(), None, today=today)
    return a


@atexit.register
def _close() -> None:
    for a in _advisors.values():
        a.close()
    _advisors.clear()


def write_plan(tmp_path: Path, text: str, name: str = "plan.toml"):
    """``text`` written to ``tmp_path/name`` and loaded as the app loads it."""
    from advisor.storage.planfile import load_plan

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def evaluate(plan: Any, today: date = TODAY) -> list:
    """The findings of ``plan`` with the built-in rules on ``today``."""
    found = advisor(today).evaluate(plan)
    assert not found.failures(), found.failures()
    return list(found)


def steps_of(plan: Any, found: list, today: date = TODAY) -> list[str]:
    """The Next steps' actions, in order, as ``check`` prints them for these findings."""
    from advisor.advice.steps import PlanIndex, arrange, next_steps

    index = PlanIndex.of(plan, rules=ruleset(), today=today)
    return [s.action for s in next_steps(arrange(list(found), index), index)]


def run_plan(plan: Any, today: date = TODAY) -> Run:
    """The advice on a loaded plan."""
    found = evaluate(plan, today)
    return Run(plan, found, steps_of(plan, found, today))


def run(tmp_path: Path, text: str, today: date = TODAY) -> Run:
    """The advice on the plan ``text`` (TOML), written under ``tmp_path``."""
    return run_plan(write_plan(tmp_path, text), today)
