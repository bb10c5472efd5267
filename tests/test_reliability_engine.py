"""Engine failures never lose advice from other rules, never lose typed data, and recover.

tests/test_engine.py already covers one evaluation with a rule that crashes while rendering, an
action that raises, a malformed fact and a fact the engine refuses. This file extends that to
what a user lives through: failures during *incremental* updates and their recovery once the
cause is gone, a failing rule seen through ``outsource check``, and an evaluation that hangs
while the workspace keeps saving edits.

What bounds a hanging evaluation: nothing inside the engine (``Advisor.evaluate`` has no
timeout; durable-rules runs on the advisor's single thread). The app runs evaluation in a thread
worker, so the screen stays responsive, and typed data goes to the workspace on another path;
see docs/reliability.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

from advisor.engine import Advisor
from advisor.engine import diff as diffmod
from advisor.engine import render as rendermod
from advisor.rules.expr import parse
from advisor.plan.model import Task
from advisor.rules.rulepack import Rule, Ruleset, load_rules
from advisor.settings import DEFAULT_RULE_SETTINGS, AdvisorSettings
from advisor.storage.workspace import Workspace

RULESET, _ = load_rules(AdvisorSettings(select=("core",)))
TODAY = date(2026, 11, 25)
S = dict(DEFAULT_RULE_SETTINGS)
OUTSOURCE = str(Path(sys.executable).with_name("outsource"))


def rule(rid, about, when, message="m"):
    return Rule(id=rid, pack="t", title=rid, severity="warning", about=about, when=when, expr=parse(when, S),
                message=message, why="w", fix="f")


def advice(found):
    return {f.key for f in found if f.kind == "advice"}


def test_failing_rule_during_updates_keeps_other_advice_and_recovers(bakery, monkeypatch):
    rules = Ruleset(list(RULESET) + [rule("boom", "task", "task.candidates >= 0", "{task.title}")], S)
    real = rendermod.render
    broken = {"on": False}

    def render(template, env, settings):
        if broken["on"] and template == "{task.title}":
            raise RuntimeError("kaput")
        return real(template, env, settings)

    monkeypatch.setattr(rendermod, "render", render)
    with Advisor(rules, today=TODAY) as a:
        healthy = a.evaluate(bakery)
        assert not healthy.failures()
        broken["on"] = True
        bakery.task("logo").budget = 310.0
        found = a.update(bakery)
        fails = found.failures()
        assert [f.rule for f in fails] == ["boom"] and fails[0].title == "rule boom failed"
        assert fails[0].message.startswith("rule boom failed: RuntimeError: kaput")
        others = {k for k in advice(healthy) if k[0] != "boom"}
        assert others <= advice(found), "the other rules' advice stays"
        broken["on"] = False
        bakery.task("logo").budget = 320.0
        again = a.update(bakery)
        assert not again.failures(), "the failure goes away once the rule works again"
        assert advice(again) >= others and any(k[0] == "boom" for k in advice(again))


def test_malformed_fact_on_update_is_isolated_and_recovers(bakery, monkeypatch):
    real = diffmod.task_fact_shared
    bad_task = {"id": None}

    def task_fact_shared(task, ctx):
        t, shared = real(task, ctx)
        if task.id == bad_task["id"]:
            t = dict(t, budget=float("nan"))
        return t, shared

    monkeypatch.setattr(diffmod, "task_fact_shared", task_fact_shared)
    with Advisor(RULESET, today=TODAY) as a:
        healthy = a.evaluate(bakery)
        bad_task["id"] = "site"
        bakery.task("site").title = "Build the site (changed)"
        found = a.update(bakery)
        fails = found.failures()
        assert len(fails) == 1 and fails[0].task == "site" and fails[0].severity == "risk"
        assert {k for k in advice(healthy) if k[1] == "logo"} <= advice(found)
        bad_task["id"] = None
        bakery.task("site").title = "Build the site"
        recovered = a.update(bakery)
        assert not recovered.failures()
        assert advice(recovered) == advice(healthy)


def test_check_shows_a_failed_rule_and_the_rest_of_the_advice(tmp_path, bakery_path, monkeypatch):
    """End to end through `outsource check`: a fact the engine cannot take (a task whose facts
    fail) becomes one `rule ... failed` line, the other findings are printed, exit 1."""
    script = tmp_path / "run.py"
    script.write_text(
        "import sys\n"
        "import advisor.engine.diff as e\n"
        "real = e.task_fact_shared\n"
        "def bad(task, ctx):\n"
        "    t, shared = real(task, ctx)\n"
        "    return (dict(t, budget='lots') if task.id == 'site' else t), shared\n"
        "e.task_fact_shared = bad\n"
        "from advisor.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n", encoding="utf-8")
    # on the tests' day (the bakery's logo deadline 25 days away): the advice does not move with the calendar
    env = dict(os.environ, OUTSOURCE_TODAY="2026-11-25")
    proc = subprocess.run([sys.executable, str(script), "check", "--plan", str(bakery_path)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1, proc.stderr
    failed = [line for line in proc.stdout.splitlines() if "failed" in line]
    assert len(failed) == 1 and "rule advisor-engine failed: the task 'site' could not be evaluated" in failed[0]
    # the rest of the advice: the other tasks' findings, listed or said by a Next step
    assert "Design a new logo: Hire Ana P." in proc.stdout and "[logo · Ben K.]" in proc.stdout
    assert "try-several-marketplaces" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_a_hanging_evaluation_does_not_stop_edits_from_being_saved(tmp_path, bakery, monkeypatch):
    """The engine thread is stuck inside an evaluation; the workspace still saves every edit, and
    once the evaluation returns the advisor is usable again."""
    release = threading.Event()
    entered = threading.Event()
    real = rendermod.render

    def stuck(template, env, settings):
        entered.set()
        release.wait(30)
        return real(template, env, settings)

    ws = Workspace.open(tmp_path / "ws.db")
    ws.replace_plan(bakery)
    a = Advisor(RULESET, today=TODAY)
    monkeypatch.setattr(rendermod, "render", stuck)
    result: list = []
    t = threading.Thread(target=lambda: result.append(a.evaluate(ws.load_plan())), daemon=True)
    t.start()
    try:
        assert entered.wait(30)
        for i in range(20):  # typing goes on while the advisor is stuck
            logo = ws.load_plan().task("logo")
            ws.save_task(replace(logo, budget=300.0 + i))
        ws.save_task(Task(id="flyer", title="Flyer"))
        assert t.is_alive(), "the evaluation is still stuck"
    finally:
        monkeypatch.setattr(rendermod, "render", real)
        release.set()
        t.join(30)
    assert result and not result[0].failures()
    plan = ws.load_plan()
    assert plan.task("logo").budget == 319.0 and plan.task("flyer").title == "Flyer"
    assert not a.update(plan).failures()
    a.close()
    ws.close()
