"""``python -m benchmarks.hostile``: the cost of the largest inputs the limits allow (issue 13).

    python -m benchmarks.hostile                    # CSV import 10k/50k/100k rows, largest plan check
    python -m benchmarks.hostile --rows 1000 --plan 0   # a quick run (the smoke test)

Figures: CSV import of N rows with one name repeated (the id generator's worst case) through the
CLI, wall and CPU seconds, and the ratio per 10,000 rows (constant when linear; the quadratic
importer took 1.1 s at 5k, 15.9 s at 20k); ``check`` of a plan at the candidate limit, with its
peak RSS. Each run is a subprocess; the check runs first, so the peak RSS is its own. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_csv(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Name,Hourly Rate,JSS,Country\n")
        for i in range(rows):
            fh.write(f"Ana P.,${20 + i % 50}.00/hr,{80 + i % 20}%,Spain\n")


def run(*argv: str) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak RSS MiB, exit code) of one ``outsource`` command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", "import sys; from advisor.cli import main; "
                           "sys.exit(main(sys.argv[1:]))", *argv], capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024, proc.returncode


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.hostile", description=__doc__.splitlines()[0])
    p.add_argument("--rows", default="10000,50000,100000", help="CSV rows, comma-separated")
    p.add_argument("--plan", type=int, default=100_000, help="candidates in the plan to check (0: skip)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="oa-hostile-") as tmp:
        folder = Path(tmp)
        print("| figure | wall s | CPU s | per 10k rows (CPU s) | exit |")
        print("|---|---|---|---|---|")
        if args.plan:  # first: peak RSS is the largest of the children so far
            from advisor.planfile import dumps_plan

            from .generate import make_plan

            plan_path = folder / "big.toml"
            plan_path.write_text(dumps_plan(make_plan(args.plan)), encoding="utf-8")
            wall, cpu, rss, code = run("check", "--plan", str(plan_path), "--fail-on", "risk")
            print(f"| check --plan, {args.plan:,} candidates | {wall:.2f} | {cpu:.2f} | peak RSS {rss:.0f} MiB | {code} |")
        for n in (int(x) for x in args.rows.split(",") if x.strip()):
            db, csv_path = folder / f"ws{n}.db", folder / f"c{n}.csv"
            plan = folder / "one-task.toml"  # no candidates yet: the whole plan limit is the CSV's
            plan.write_text('format = 1\n[[tasks]]\nid = "logo"\ntitle = "Logo"\n', encoding="utf-8")
            run("--db", str(db), "import", str(plan))
            write_csv(csv_path, n)
            wall, cpu, _rss, code = run("--db", str(db), "import", str(csv_path), "--task", "logo")
            print(f"| CSV import, {n:,} rows | {wall:.2f} | {cpu:.2f} | {cpu / n * 10_000:.2f} | {code} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
