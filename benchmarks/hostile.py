"""The cost of the largest inputs the limits allow (issue 13); part of ``make bench``, or alone:

    python -m benchmarks.hostile                    # CSV import 10k/50k/100k rows, largest plan check
    python -m benchmarks.hostile --rows 1000 --plan 0   # a quick run (the smoke test)

Figures: CSV import of N rows with one name repeated (the id generator's worst case) through the
CLI, wall and CPU seconds, and the CPU seconds per 10,000 rows (constant when linear; the
quadratic importer took 1.1 s at 5k, 15.9 s at 20k); ``check`` of a plan at the candidate limit,
with its peak memory, and again with ``--format json`` (each finding located in the file). Each command runs in its own child process, started from a fresh small
one (:func:`run` says why); CPU is that child's and its engine child's (``wait4``); peak memory is
the larger of the child's ``ru_maxrss`` and the sum of the child and its engine child sampled
from /proc every 20 ms (they run side by side).
Targets: the import of 100,000 rows in under 10 s, linear; ``check`` of 100,000 candidates
under 2 GB. Nothing is asserted (benchmarks are not tests): the table says whether each is met.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT_TARGET_S = 10.0      # CSV import of IMPORT_TARGET_ROWS rows, wall
IMPORT_TARGET_ROWS = 100_000
CHECK_TARGET_MB = 2048.0    # peak memory of `check` on the largest allowed plan
ROWS = (10_000, 50_000, 100_000)
PLAN = 100_000


@dataclass
class Run:
    """One ``outsource`` command: what it cost."""

    label: str
    wall: float
    cpu: float
    peak_mb: float
    exit: int
    rows: int = 0  # CSV rows imported (0: not an import)


def write_csv(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Name,Hourly Rate,JSS,Country\n")
        for i in range(rows):
            fh.write(f"Ana P.,${20 + i % 50}.00/hr,{80 + i % 20}%,Spain\n")


def run(label: str, *argv: str, rows: int = 0, log: Path | None = None) -> Run:
    """Run ``outsource ARGV`` and measure it. It is started from a fresh, small process
    (:func:`measured`): Linux counts in a child's ``ru_maxrss`` the memory of the process that
    forked it, so started from this one (a 100,000-candidate plan in memory; in ``make bench``
    the workspaces too) every command would show at least this process's size."""
    proc = subprocess.run([sys.executable, "-c", "import sys; from benchmarks.hostile import measured; "
                           "measured(sys.argv[1:])", str(log or os.devnull), *argv],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    m = json.loads(proc.stdout)
    return Run(label, m["wall"], m["cpu"], m["peak_kb"] / 1024, m["exit"], rows)


def measured(argv: list[str]) -> None:
    """In the small process: run ``outsource ARGV[1:]`` (output to the file ``ARGV[0]``),
    sample the memory of it and its engine child, and print the figures as JSON."""
    from .app import _tree_rss_kb  # here: this process stays as small as it can

    with open(argv[0], "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", "import sys; from advisor.cli import main; "
                                 "sys.exit(main(sys.argv[1:]))", *argv[1:]], stdout=out, stderr=out, cwd=ROOT)
        peak_kb = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak_kb = max(peak_kb, _tree_rss_kb(proc.pid))
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                      "peak_kb": max(usage.ru_maxrss, peak_kb), "exit": proc.returncode}))


def measure(rows: list[int], plan: int) -> list[Run]:
    """The check of a ``plan``-candidate plan (0: skipped), then a CSV import of each of ``rows``."""
    results: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="oa-hostile-") as tmp:
        folder = logs = Path(tmp)
        if plan:
            from advisor.storage.planfile import dumps_plan

            from .generate import make_plan

            plan_path = folder / "big.toml"
            plan_path.write_text(dumps_plan(make_plan(plan)), encoding="utf-8")
            results.append(run(f"check --plan, {plan:,} candidates", "check", "--plan", str(plan_path),
                               "--fail-on", "risk", log=logs / "check.log"))
            # every finding looks its record's line up (issue 18: quadratic before, 20 s at 16,000)
            results.append(run(f"check --plan --format json, {plan:,} candidates", "check", "--plan",
                               str(plan_path), "--format", "json", "--fail-on", "risk", log=logs / "check-json.log"))
        for n in rows:
            db, csv_path = folder / f"ws{n}.db", folder / f"c{n}.csv"
            one_task = folder / "one-task.toml"  # no candidates yet: the whole plan limit is the CSV's
            one_task.write_text('format = 1\n[[tasks]]\nid = "logo"\ntitle = "Logo"\n', encoding="utf-8")
            run("import plan", "--db", str(db), "import", str(one_task))
            write_csv(csv_path, n)
            results.append(run(f"CSV import, {n:,} rows", "--db", str(db), "import", str(csv_path),
                               "--task", "logo", rows=n, log=logs / f"import{n}.log"))
    return results


def _verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def render(runs: list[dict]) -> str:
    """The markdown table (``runs``: :class:`Run` as dicts, as the JSON results hold them)."""
    out = ["| figure | wall | CPU | peak memory | CPU per 10,000 rows | target | met | exit |",
           "|---|---|---|---|---|---|---|---|"]
    imports = [r for r in runs if r["rows"]]
    for r in runs:
        per, target, met = "", "", ""
        if r["rows"]:
            per = f"{r['cpu'] / r['rows'] * 10_000:.2f} s"
            if r["rows"] == IMPORT_TARGET_ROWS:
                target, met = f"≤ {IMPORT_TARGET_S:g} s", _verdict(r["wall"] <= IMPORT_TARGET_S and r["exit"] == 0)
        else:
            target, met = f"≤ {CHECK_TARGET_MB / 1024:g} GB", _verdict(r["peak_mb"] <= CHECK_TARGET_MB)
        out.append(f"| {r['label']} | {r['wall']:.2f} s | {r['cpu']:.2f} s | {r['peak_mb']:.0f} MB | {per} | "
                   f"{target} | {met} | {r['exit']} |")
    if len(imports) > 1:
        lo, hi = imports[0], imports[-1]
        ratio = (hi["cpu"] / hi["rows"]) / (lo["cpu"] / lo["rows"]) if lo["cpu"] else float("nan")
        out.append("")
        out.append(f"CSV import, CPU per row at {hi['rows']:,} rows / at {lo['rows']:,}: {ratio:.2f} "
                   f"(linear: about 1; the quadratic importer's was 10 for 4x the rows); "
                   f"linear: {_verdict(ratio <= 1.5)}.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.hostile", description=__doc__.splitlines()[0])
    p.add_argument("--rows", default=",".join(str(n) for n in ROWS), help="CSV rows, comma-separated")
    p.add_argument("--plan", type=int, default=PLAN, help="candidates in the plan to check (0: skip)")
    args = p.parse_args(argv)
    runs = measure([int(x) for x in args.rows.split(",") if x.strip()], args.plan)
    print(render([asdict(r) for r in runs]), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
