"""The cost of the engine's process boundary: bakery full evaluation, a 10,000-candidate full
evaluation, and the median incremental update over 100 single candidate edits (``touched=``).

    python -m benchmarks.engine_ipc [--runs N]

Prints one line per measurement (seconds). Run it before and after a change to ``advisor/engine/``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--edits", type=int, default=100)
    args = ap.parse_args(argv)

    from advisor.engine import Advisor
    from advisor.storage.planfile import load_plan
    from advisor.rules.rulepack import load_rules

    from .generate import make_plan

    ruleset, _ = load_rules()
    bakery = load_plan(ROOT / "examples" / "bakery.toml")
    with Advisor(ruleset, today=TODAY) as adv:
        t0 = time.perf_counter()
        adv.evaluate(bakery)
        first = time.perf_counter() - t0
        times = []
        for _ in range(args.runs * 4):
            t0 = time.perf_counter()
            adv.evaluate(bakery)
            times.append(time.perf_counter() - t0)
    print(f"bakery first evaluate (incl. engine start): {first * 1000:.1f} ms")
    print(f"bakery full evaluate median: {statistics.median(times) * 1000:.2f} ms")

    plan = make_plan(10_000)
    n_cands = sum(len(t.candidates) for t in plan.tasks)
    with Advisor(ruleset, today=TODAY) as adv:
        adv.evaluate(plan)  # warm
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            adv.evaluate(plan)
            times.append(time.perf_counter() - t0)
        print(f"10k plan ({n_cands} candidates) full evaluate median: {statistics.median(times) * 1000:.0f} ms")
        rng = random.Random(3)
        cands = [(t, c) for t in plan.tasks for c in t.candidates]
        times = []
        for _ in range(args.edits):
            t, c = rng.choice(cands)
            c.status = rng.choice(["applied", "shortlisted", "interviewed", "rejected"])
            c.bid = rng.choice([None, 80.0, 150.0, 300.0, 900.0])
            t0 = time.perf_counter()
            adv.update(plan, touched={t.id})
            times.append(time.perf_counter() - t0)
        times.sort()
        print(f"incremental update (1 candidate edit, touched=) median: {statistics.median(times) * 1000:.2f} ms, "
              f"p95: {times[int(0.95 * (len(times) - 1))] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
