"""Measurements of the core (no terminal): rule compile time, full evaluation against the
reference evaluator, incremental evaluation after single edits.

Every function returns plain numbers (seconds) so ``benchmarks.report`` can print them. The plan
evaluated is the one read back from a SQLite workspace, as the app sees it.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

TODAY = date(2026, 11, 25)


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: list[float]) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(0.95 * (len(s) - 1))))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _rules():
    """The shipped packs with default settings (no user config, no user packs)."""
    from advisor.rules.rulepack import load_rules
    from advisor.settings import AdvisorSettings

    return load_rules(AdvisorSettings())


def rule_settings() -> dict:
    from advisor.settings import DEFAULT_RULE_SETTINGS

    return dict(DEFAULT_RULE_SETTINGS)


# --------------------------------------------------------------------------- (1) compile

@dataclass
class CompileResult:
    rules: int
    branches: int
    load: float       # read + parse + validate the TOML packs
    compile: float    # expressions to durable-rules JSON
    register: float   # Advisor(...): durable-rules host + register_rulesets
    problems: int


def measure_compile(runs: int) -> CompileResult:
    from advisor.rules.compiler import compile_rules
    from advisor.engine import Advisor
    from advisor.settings import AdvisorSettings

    loads, compiles, registers = [], [], []
    ruleset = compiled = None
    problems = []
    for _ in range(runs):
        t, (ruleset, problems) = timed(_rules)
        loads.append(t)
        t, compiled = timed(lambda: compile_rules(ruleset))
        compiles.append(t)
        t, adv = timed(lambda: Advisor(ruleset, AdvisorSettings(), today=TODAY))
        # Advisor() compiles again before registering: count only the rest
        registers.append(max(0.0, t - compiles[-1]))
        adv.close()
    return CompileResult(rules=len(list(ruleset)), branches=sum(len(r.branches) for r in compiled.rules),
                         load=median(loads), compile=median(compiles), register=median(registers),
                         problems=len(problems) + len(compiled.problems))


# --------------------------------------------------------------------------- workspace

@dataclass
class Workspace:
    path: Any
    plan: Any            # as read back from the workspace
    candidates: int
    tasks: int
    write: float         # replace_plan of the generated plan
    load: float          # median load_plan


def build_workspace(n: int, path, runs: int, seed: int = 1) -> Workspace:
    from advisor.storage.workspace import Workspace as WS

    from .generate import make_plan

    plan = make_plan(n, seed=seed)
    with WS.open(path) as ws:
        t_write, _ = timed(lambda: ws.replace_plan(plan))
        loads = []
        loaded = None
        for _ in range(max(1, runs)):
            t, loaded = timed(ws.load_plan)
            loads.append(t)
    return Workspace(path, loaded, sum(len(t.candidates) for t in loaded.tasks), len(loaded.tasks),
                     t_write, median(loads))


# --------------------------------------------------------------------------- (2) full vs reference

@dataclass
class FullResult:
    full: float                     # Advisor.evaluate(plan): facts + engine + findings
    phases: dict[str, float]        # the same split into its parts (where the engine allows)
    reference: float                # plan_facts + reference.matches
    reference_facts: float
    reference_match: float
    ratio: float                    # median of per-run full / reference
    findings: int
    agree: bool                     # the engine's findings == the reference's
    started: float = float("nan")   # the same on a fresh advisor whose engine process is running


def _phase_wrappers(adv: Any, acc: dict[str, float]) -> None:
    """Time the advisor's private phases by wrapping them on the instance (best effort: if the
    engine's internals change, the split is simply left out)."""
    # a full evaluation computes the facts inside ``_full`` (streamed), so they are one phase
    names = {"_full": "engine", "_findings": "findings"}
    for attr, label in names.items():
        fn = getattr(adv, attr, None)
        if fn is None:
            continue

        def wrap(fn=fn, label=label):
            def inner(*a, **k):
                start = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    acc[label] = acc.get(label, 0.0) + time.perf_counter() - start
            return inner

        setattr(adv, attr, wrap())


def measure_full(plan: Any, runs: int) -> FullResult:
    from advisor.rules import reference
    from advisor.engine import Advisor
    from advisor.rules.facts import plan_facts
    from advisor.settings import AdvisorSettings

    ruleset, _ = _rules()
    settings = rule_settings()
    fulls, refs, ref_facts, ref_match, ratios, starteds = [], [], [], [], [], []
    phases: list[dict[str, float]] = []
    findings = None
    want = None
    for _ in range(runs):
        adv = Advisor(ruleset, AdvisorSettings(), today=TODAY)
        acc: dict[str, float] = {}
        _phase_wrappers(adv, acc)  # three extra calls: no measurable cost
        gc.collect()
        t_full, findings = timed(lambda: adv.evaluate(plan))
        adv.close()
        # the same without the engine process's start (~45 ms, a fixed cost): how the work grows
        adv = Advisor(ruleset, AdvisorSettings(), today=TODAY)
        adv._call(adv._engine)
        gc.collect()
        t_started, _ = timed(lambda: adv.evaluate(plan))
        starteds.append(t_started)
        adv.close()
        del adv
        gc.collect()
        t_facts, facts = timed(lambda: plan_facts(plan, settings, TODAY))
        t_match, want = timed(lambda: reference.matches(ruleset, facts))
        del facts
        fulls.append(t_full)
        refs.append(t_facts + t_match)
        ref_facts.append(t_facts)
        ref_match.append(t_match)
        ratios.append(t_full / (t_facts + t_match))
        if acc:
            phases.append(acc)
    got = {f.key for f in findings.items if f.kind != "failure"}
    split = {k: median([p.get(k, 0.0) for p in phases]) for k in ("engine", "findings")} if phases else {}
    return FullResult(median(fulls), split, median(refs), median(ref_facts), median(ref_match), median(ratios),
                      len(findings.items), got == want and not findings.failures(), median(starteds))


# --------------------------------------------------------------------------- (3) incremental

@dataclass
class IncrementalResult:
    edits: int
    median: float
    p95: float
    by_kind: dict[str, float] = field(default_factory=dict)   # median per edit kind
    by_kind_p95: dict[str, float] = field(default_factory=dict)  # p95 per edit kind
    agree: bool = True          # after the edits, == a fresh full evaluation


def measure_incremental(plan: Any, edits: int, *, hint: bool = True, seed: int = 7) -> IncrementalResult:
    """``edits`` random single edits, each followed by ``Advisor.update`` (with the ``touched``
    hint, as the core API offers, or without it, as a caller that does not know what changed)."""
    from advisor.engine import Advisor
    from advisor.settings import AdvisorSettings

    from .generate import random_edit

    ruleset, _ = _rules()
    rng = random.Random(seed)
    times: list[float] = []
    kinds: dict[str, list[float]] = {}
    with Advisor(ruleset, AdvisorSettings(), today=TODAY) as adv:
        adv.evaluate(plan)
        gc.collect()
        for _ in range(edits):
            plan, touched, kind = random_edit(plan, rng)
            if hint:
                t, got = timed(lambda: adv.update(plan, touched=touched))
            else:
                t, got = timed(lambda: adv.update(plan))
            times.append(t)
            kinds.setdefault(kind, []).append(t)
    with Advisor(ruleset, AdvisorSettings(), today=TODAY) as fresh:
        want = fresh.evaluate(plan)
    agree = got.keys() == want.keys() and not got.failures()
    return IncrementalResult(edits, median(times), p95(times), {k: median(v) for k, v in kinds.items()},
                             {k: p95(v) for k, v in kinds.items()}, agree)
