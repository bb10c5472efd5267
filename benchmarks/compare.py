"""Whole-process figures of several source trees, run alternately in the same minutes.

    python -m benchmarks.compare base=/path/to/worktree-at-011329b new=. --rounds 5

On a shared machine a figure moves 2-3x between minutes, so two commits are compared only when
their runs alternate (each tree once per round, the order reversed every other round), after one
warming run each, as medians. Each tree gets its own workspace files built with its own code
(``make_plan(n, seed=1)``), its own HOME and a user cache kept between its runs (the rule-pack
cache warm, as for a user's every start but the first). Printed: wall medians (range), the CPU
of the command and the engine child it reaps (``RUSAGE_CHILDREN``: far steadier under load; for
the app, its ``wait4`` figure from start to ctrl+q after the advice), and each tree's ratio to
the first. Figures: ``check`` over 1,000 and 10,000 candidates, ``check
--plan FILE --format json`` at 10,000, the app's start to advice on screen at 1,000 and 10,000.
``make bench-compare BASE=<commit>`` exports that commit's tree (``git archive``) and runs this
with it as the base and the working tree as ``new``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_BUILD = """
import sys
from pathlib import Path
from benchmarks import core
from benchmarks.generate import make_plan
try:
    from advisor.storage.planfile import dumps_plan
except ImportError:
    from advisor.planfile import dumps_plan
out = Path(sys.argv[1])
for n in (1000, 10000):
    core.build_workspace(n, out / f"ws{n}.db", 1)
(out / "plan10000.toml").write_text(dumps_plan(make_plan(10000)), encoding="utf-8")
"""

FIGURES = ("check1000", "check10000", "json10000", "app1000", "app10000")


class Tree:
    def __init__(self, name: str, root: str, work: Path) -> None:
        self.name, self.root = name, str(Path(root).resolve())
        self.dir = work / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.cpu: dict[str, list[float]] = {}

    def env(self) -> dict[str, str]:
        e = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        home = self.dir / "home"
        e.update(PYTHONPATH=self.root, HOME=str(home), XDG_CACHE_HOME=str(self.dir / "cache"),
                 XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
        return e

    def build(self) -> None:
        subprocess.run([sys.executable, "-m", "compileall", "-q", "advisor", "tui"], cwd=self.root,
                       env=self.env(), stdout=subprocess.DEVNULL, check=False)
        subprocess.run([sys.executable, "-c", _BUILD, str(self.dir)], cwd=self.root, env=self.env(), check=True)

    def cli(self, figure: str, *args: str) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "advisor.cli", *args], cwd=self.root, env=self.env(),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode not in (0, 1):
            raise SystemExit(f"{self.name}: {' '.join(args)}: exit {p.returncode}: {p.stderr[-400:]!r}")
        self.cpu.setdefault(figure, []).append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return wall

    def run(self, figure: str) -> float:
        if figure == "check1000":
            return self.cli(figure, "--db", str(self.dir / "ws1000.db"), "check")
        if figure == "check10000":
            return self.cli(figure, "--db", str(self.dir / "ws10000.db"), "check")
        if figure == "json10000":
            return self.cli(figure, "check", "--plan", str(self.dir / "plan10000.toml"), "--format", "json")
        from .app import start_once
        from .generate import make_plan

        n = 10000 if figure == "app10000" else 1000
        title = make_plan(n, seed=1).tasks[0].title
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(self.env())  # the app child inherits it (start_once sets its own HOME)
        try:
            result = start_once(self.dir / f"ws{n}.db", title, cache=str(self.dir / "cache"))
            self.cpu.setdefault(figure, []).append(result.cpu)
            return result.advice
        finally:
            os.environ.clear()
            os.environ.update(saved)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.compare", description=__doc__.splitlines()[0])
    p.add_argument("trees", nargs="+", help="NAME=PATH of a source tree (a git worktree); the first is the base")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--figures", default=",".join(FIGURES), help="comma-separated, of: %(default)s")
    p.add_argument("--work", default=None, help="folder for the workspaces (default: a temporary one)")
    args = p.parse_args(argv)
    figures = [f for f in args.figures.split(",") if f]
    for f in figures:
        if f not in FIGURES:
            p.error(f"unknown figure {f!r}; figures: {', '.join(FIGURES)}")
    with tempfile.TemporaryDirectory(prefix="oa-compare-") as tmp:
        work = Path(args.work or tmp)
        trees = []
        for spec in args.trees:
            name, sep, root = spec.partition("=")
            if not sep or not Path(root, "advisor").is_dir():
                p.error(f"{spec!r}: give NAME=PATH of a source tree (with advisor/ in it)")
            trees.append(Tree(name, root, work))
        for t in trees:
            t.build()
        walls: dict[str, dict[str, list[float]]] = {f: {t.name: [] for t in trees} for f in figures}
        for f in figures:  # warming runs: bytecode, the rule-pack cache
            for t in trees:
                t.run(f)
                t.cpu.get(f, [None]).pop()
        started = time.time()
        for r in range(args.rounds):
            order = trees if r % 2 == 0 else trees[::-1]
            for f in figures:
                for t in order:
                    walls[f][t.name].append(t.run(f))
        load = os.getloadavg()
        print(f"{args.rounds} rounds in {(time.time() - started) / 60:.1f} min; load average at the end "
              f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores")
        base = trees[0].name
        for f in figures:
            row = walls[f]
            med = {n: statistics.median(v) for n, v in row.items()}
            print(f"{f}: wall " + "; ".join(f"{n} {med[n]:.3f} s ({min(v):.3f}-{max(v):.3f}), x{med[n] / med[base]:.2f}"
                                             for n, v in row.items()))
            cpu = {t.name: statistics.median(t.cpu[f]) for t in trees if t.cpu.get(f)}
            if cpu:
                print(f"{f}: CPU  " + "; ".join(f"{n} {c:.3f} s, x{c / cpu[base]:.2f}" for n, c in cpu.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
