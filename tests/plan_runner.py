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

    from tests.plan_runner import HEAD, head, run
    got = run(tmp_path, HEAD.format(jobs=3) + TASK)     # got.plan, got.found, got.steps, got.rules
    got = run(tmp_path, head(currency="EUR", rates=(40.0,)) + TASK)  # a header of its own
    lines, steps = got.arranged()                       # the Next steps as objects (.line, .action)

A plan's tasks and candidates are written from keyword arguments by :func:`task` and
:func:`candidate`, each the TOML text of one record, to be added after the header in order (a
candidate belongs to the task before it)::

    text = HEAD.format(jobs=3) + task("t", "Build the shop", pricing="fixed", budget=900.0,
                                      deadline="2027-01-20") + candidate(
        "ana", "Ana", bid=850.0, notes='Says "done" in 3 days', interview={
            "date": "2026-12-03", "scores": {"design": 5, "communication": 4}})

A value is written as its TOML kind: a ``str`` as a string (escaped: a quote or a backslash in a
note cannot break the file), an ``int`` or ``float`` as itself (``900.0`` stays a float, ``3`` an
integer), a ``bool`` as ``true``/``false``, a ``date`` as a date, a list as an array and a dict
as an inline table. A date field of the plan format (:data:`DATE_FIELDS`: ``deadline``,
``available_from``, an interview's ``date``) also takes the day as text (``"2026-12-20"``),
written as a TOML date. A field given as ``None`` is left out. ``task`` writes ``skills =
["work"]`` unless told otherwise (the skill :func:`head`'s rates are for); ``candidate`` writes
``marketplace = "Upwork"`` and ``interview={...}`` as the ``[tasks.candidates.interview]``
table.
"""

from __future__ import annotations

import atexit
import re
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

#: The day the advice rounds' plans are judged on (a fixed day: no test depends on the clock).
TODAY = date(2026, 12, 7)

def head(*, jobs: int | str = 3, currency: str = "USD", name: str = "Test business",
         timezone: str | None = None, fee_fixed: float | None = None, feedback: bool = True,
         rates: tuple = (), rate_date: str = "2026-11-30") -> str:
    """A plan header: the business, Upwork (5% fee, escrow) and the rates of the skill "work" on
    Upwork, each an hourly figure (dated ``rate_date``) or ``(hourly, date)``. The advice files
    differ only in these; each wrote out its own header before."""
    text = f'format = 1\n[business]\nname = "{name}"\ncurrency = "{currency}"\ncompleted_jobs = {jobs}\n'
    if timezone:
        text += f'timezone = "{timezone}"\n'
    text += '\n[[marketplaces]]\nname = "Upwork"\nfee_percent = 5.0\n'
    if fee_fixed is not None:
        text += f"fee_fixed = {fee_fixed}\n"
    text += "escrow = true\n" + ("feedback = true\n" if feedback else "")
    for rate in rates:
        hourly, day = rate if isinstance(rate, tuple) else (rate, rate_date)
        text += f'\n[[rates]]\nskill = "work"\nmarketplace = "Upwork"\nhourly = {hourly}\ndate = {day}\n'
    return text


#: The advice rounds' usual header: the business (``{jobs}`` completed jobs), Upwork with escrow
#: and feedback, and three rates of the skill "work" (30, 35, 32 an hour). Fill it with
#: ``HEAD.format(jobs=3)``.
HEAD = head(jobs="{jobs}", timezone="America/Denver",
            rates=((30.0, "2026-11-20"), (35.0, "2026-11-20"), (32.0, "2026-11-21")))

#: The fields of a task, a candidate or an interview that are dates in the plan format.
DATE_FIELDS = frozenset({"deadline", "available_from", "date"})
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_value(value: Any, key: str = "") -> str:
    """``value`` as a TOML value (``key``: the field it is written to, for :data:`DATE_FIELDS`)."""
    import tomli_w

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if key in DATE_FIELDS and _DAY.fullmatch(value):
            return date.fromisoformat(value).isoformat()
        return tomli_w.dumps({"v": value})[len("v = "):-1]  # tomli_w's escaping of a basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {toml_value(v, k)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML value for {key or 'a field'}: {value!r}")


def _key(name: str) -> str:
    if not _BARE_KEY.fullmatch(name):
        raise ValueError(f"not a bare TOML key: {name!r}")
    return name


def _table(header: str, fields: dict[str, Any]) -> str:
    return f"\n{header}\n" + "".join(f"{_key(k)} = {toml_value(v, k)}\n" for k, v in fields.items() if v is not None)


def task(id: str, title: str, **fields: Any) -> str:
    """A ``[[tasks]]`` record: ``id``, ``title``, ``skills = ["work"]`` (unless given) and the
    other ``fields`` in order (``None`` leaves a field out)."""
    return _table("[[tasks]]", {"id": id, "title": title, "skills": ["work"]} | fields)


def candidate(id: str, name: str, *, interview: dict[str, Any] | None = None, **fields: Any) -> str:
    """A ``[[tasks.candidates]]`` record of the task before it: ``id``, ``name``, ``marketplace =
    "Upwork"`` (unless given) and the other ``fields``; ``interview`` (``date``, ``scores`` and
    the like) as its ``[tasks.candidates.interview]`` table."""
    text = _table("[[tasks.candidates]]", {"id": id, "name": name, "marketplace": "Upwork"} | fields)
    return text + (_table("[tasks.candidates.interview]", interview) if interview is not None else "")


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

    def arranged(self, today: date = TODAY) -> tuple[list, list]:
        """(the advice lines in ``check``'s order, the Next steps as objects: ``.action``, ``.line``)
        on ``today`` (the day the plan was judged on)."""
        return arranged(self.plan, self.found, today)

    def below(self, today: date = TODAY) -> list:
        """The lines listed below the Next steps (those no step says again)."""
        from advisor.advice.steps import not_restated

        return not_restated(*self.arranged(today))[0]


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


def arranged(plan: Any, found: list, today: date = TODAY) -> tuple[list, list]:
    """(the advice lines in order, the Next steps as objects), as ``check`` arranges them."""
    from advisor.advice.steps import PlanIndex, arrange, next_steps

    index = PlanIndex.of(plan, rules=ruleset(), today=today)
    lines = arrange(list(found), index)
    return lines, next_steps(lines, index)


def steps_of(plan: Any, found: list, today: date = TODAY) -> list[str]:
    """The Next steps' actions, in order, as ``check`` prints them for these findings."""
    return [s.action for s in arranged(plan, found, today)[1]]


def run_plan(plan: Any, today: date = TODAY) -> Run:
    """The advice on a loaded plan."""
    found = evaluate(plan, today)
    return Run(plan, found, steps_of(plan, found, today))


def run(tmp_path: Path, text: str, today: date = TODAY) -> Run:
    """The advice on the plan ``text`` (TOML), written under ``tmp_path``."""
    return run_plan(write_plan(tmp_path, text), today)
