"""A rule pack whose condition needs more of durable-rules' 31 expression steps per fact than
it has (issue 21): the engine refused the whole ruleset ("error code: 113") and `outsource
rules test` then waited 2 s per example for an engine process that was still alive, so a pack
of examples looked hung. The compiler now shrinks such a condition to an equal one that fits,
or refuses the rule at load naming the file, line and field; the engine link never waits for a
process that answered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor.engine import Advisor
from advisor.errors import EngineCrashed, RuleError
from advisor.rules import compiler, reference
from advisor.rules.compiler import compile_rule
from advisor.rules.expr import parse
from advisor.rules.factschema import BUSINESS_KEY
from advisor.rules.patternsize import MAX_STEPS, steps
from advisor.rules.rulepack import Rule, Ruleset
from advisor.settings import DEFAULT_RULE_SETTINGS

S = dict(DEFAULT_RULE_SETTINGS)
ROOT = Path(__file__).resolve().parents[1]

# paid-trial-first as the practice pack had it in round 18 (24 steps on the task) ...
PAID_TRIAL = (
    "task.status in ['draft', 'posted', 'hiring'] and task.waits_for == '' and task.milestones < 2 and "
    "(task.days_to_deadline == None or task.days_to_deadline > 14) and task.size_hours >= 20 and "
    "business.experience > 0 and task.hired == 0 and task.interviewed_live < 2 and not task.specialist_firm "
    "and (task.size == 'major' or (task.size == 'moderate' and task.critical)) and task.trials_passed == 0 "
    "and task.trials_planned == 0 and task.samples_offered == 0 and task.proven_candidates == 0 "
    "and task.trial_amount != None")
# ... and the natural additions that made the engine refuse it (34 and 40 steps before shrinking)
STEPPED_BACK = PAID_TRIAL + " and not (task.interview_score_max >= 4.5 and task.small_job)"
STEPPED_BACK_OR = PAID_TRIAL + " and not (task.interview_score_max >= 4.5 and (task.small_job or task.size == 'moderate'))"
# still too much after shrinking: 32 steps
TOO_MUCH = PAID_TRIAL + (" and not (task.interview_score_max >= 4.5 and task.size in ['minor', 'moderate'] "
                         "and task.proven_candidates == 0)")

BIG_TASK = {"_t": "task", "id": "t1", "status": "hiring", "waits_for": "", "milestones": 0, "size_hours": 40,
            "hired": 0, "interviewed_live": 0, "specialist_firm": False, "size": "moderate", "critical": True,
            "trials_passed": 0, "trials_planned": 0, "samples_offered": 0, "proven_candidates": 0,
            "trial_amount": 200, "small_job": False}


def _rule(when: str, about: str = "task") -> Rule:
    return Rule(id="r", pack="test", title="r", severity="info", about=about, when=when, expr=parse(when, S),
                message="m", why="w", fix="f")


def _facts(**task) -> dict:
    return {BUSINESS_KEY: {"_t": "business", "id": "business", "experience": 2},
            ("task", "t1"): {**BIG_TASK, **task}}


def _task_steps(when: str) -> int:
    cr = compile_rule("r", "task", parse(when, S))
    (branch,) = cr.branches
    return steps(next(p["t"] for p in branch["all"] if "t" in p))


@pytest.mark.parametrize("when", [STEPPED_BACK, STEPPED_BACK_OR], ids=["not-and", "not-and-or"])
@pytest.mark.parametrize("task, fires", [
    ({}, True),                                               # no interview yet
    ({"interview_score_max": 4.0, "small_job": True}, True),  # a weak interview
    ({"interview_score_max": 4.8, "small_job": True}, False),  # a strong one on a small job
    ({"interview_score_max": 4.8, "size": "major", "critical": False}, True),  # strong, but a major job
    ({"proven_candidates": 1}, False),
])
def test_the_shapes_that_hung_now_load_and_match_the_reference(when, task, fires):
    rule = _rule(when)
    facts = _facts(**task)
    with Advisor(Ruleset([rule], S)) as adv:
        found = adv.evaluate_facts(facts)
    assert not found.failures(), [f.message for f in found.failures()]
    got = {f.key for f in found if f.kind == "advice"}
    assert got == reference.matches([rule], facts)
    assert bool(got) == fires, got


def test_shrinking_fits_the_natural_shapes_and_moves_in_guards_out():
    assert _task_steps(PAID_TRIAL) == 16      # was 24: `status in [...]` was 3 guarded `$and`s
    assert _task_steps(STEPPED_BACK) == 22    # was 34
    assert _task_steps(STEPPED_BACK_OR) == 30  # was 40


def _refs(k: int) -> str:
    """A candidate rule with k comparisons against task fields: 2 ($and) + 1 (join) + k steps."""
    return " and ".join(f"candidate.price > task.budget + {i}" for i in range(1, k + 1))


def test_the_limit_is_the_engines_own_31_steps():
    """At the limit the engine loads the rule and it fires; one more is refused by the compiler
    (measured: durable-rules refuses the ruleset at the 32nd step)."""
    assert MAX_STEPS == 31
    at_limit = _rule(_refs(MAX_STEPS - 3), about="candidate")
    cr = compile_rule("r", "candidate", at_limit.expr)
    assert max(steps(p["c"]) for b in cr.branches for p in b["all"] if "c" in p) == MAX_STEPS
    facts = {BUSINESS_KEY: {"_t": "business", "id": "business"},
             ("task", "t1"): {"_t": "task", "id": "t1", "budget": 100},
             ("candidate", "c1"): {"_t": "candidate", "id": "c1", "task": "t1", "price": 500}}
    with Advisor(Ruleset([at_limit], S)) as adv:
        found = adv.evaluate_facts(facts)
    assert not found.failures(), [f.message for f in found.failures()]
    assert {f.key for f in found if f.kind == "advice"} == reference.matches([at_limit], facts) != set()
    with pytest.raises(RuleError, match="too complex for the rules engine: its candidate conditions need 32"):
        compile_rule("r", "candidate", parse(_refs(MAX_STEPS - 2), S))


def _pack(tmp_path: Path, when: str, examples: str = "") -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(
        'pack = "mine"\n\n[[rules]]\nid = "mine-trial"\ntitle = "t"\nseverity = "info"\nabout = "task"\n'
        f'when = "{when}"\nmessage = "m"\nwhy = "w"\nfix = "f"\n' + examples, encoding="utf-8")
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor.cli", "--no-config", *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


EXAMPLES = """
[[rules.examples]]
name = "no interview yet"
fires = true
business = { experience = 2 }
task = { size = "major", status = "hiring", size_hours = 40, trial_amount = 200 }

[[rules.examples]]
name = "a strong interview on a small job"
fires = false
business = { experience = 2 }
task = { size = "major", status = "hiring", size_hours = 40, trial_amount = 200, interview_score_max = 4.8, small_job = true }
"""


def test_rules_test_runs_the_pack_that_hung(tmp_path):
    out = _cli("rules", "test", str(_pack(tmp_path, STEPPED_BACK, EXAMPLES)))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 example(s) passed, 0 failed" in out.stdout


def test_a_condition_too_big_for_the_engine_is_refused_at_load(tmp_path):
    path = _pack(tmp_path, TOO_MUCH, EXAMPLES)
    out = _cli("rules", "validate", str(path))
    assert out.returncode == 2, out.stdout + out.stderr
    lines = [line for line in (out.stdout + out.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in out.stderr, lines
    assert f"{path}:8: rule mine-trial: when: is too complex for the rules engine: its task conditions need 32" \
        in lines[0]


def test_a_ruleset_the_engine_refuses_fails_at_once(monkeypatch):
    """Past the compiler (its limit lifted here), the engine's refusal is an EngineCrashed; the
    link does not wait for the process that answered to exit (it waited 2 s a request)."""
    from advisor.engine.process import EngineProcess

    monkeypatch.setattr(compiler, "MAX_STEPS", 1000)
    waits = []
    real = EngineProcess.exit_reason
    monkeypatch.setattr(EngineProcess, "exit_reason", lambda self: waits.append(1) or real(self))
    with Advisor(Ruleset([_rule(TOO_MUCH)], S)) as adv:
        with pytest.raises(EngineCrashed, match="error code: 113"):
            adv.evaluate_facts(_facts())
    assert waits == []


def test_interview_score_live_reads_only_candidates_still_in_play():
    """The fact paid-trial-first steps back on: a rejected candidate's strong interview is no
    reason to skip the trial (interview_score_max still counts it)."""
    from datetime import date

    from advisor.rules.facts import plan_facts
    from advisor.storage.planfile import loads_plan

    text = (ROOT / "examples" / "bakery.toml").read_text(encoding="utf-8")
    ana = 'status = "interviewed"\n\n[tasks.candidates.interview]\ndate = 2026-11-24'
    assert text.count(ana) == 1
    logo = plan_facts(loads_plan(text), today=date(2026, 12, 1))[("task", "logo")]
    assert logo["interview_score_live"] == logo["interview_score_max"] == 4.5
    gone = plan_facts(loads_plan(text.replace(ana, ana.replace("interviewed", "rejected", 1))),
                      today=date(2026, 12, 1))[("task", "logo")]
    assert "interview_score_live" not in gone and gone["interview_score_max"] == 4.5
