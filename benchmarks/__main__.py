"""``python -m benchmarks`` (``make bench``): measure, print a table, write docs/performance.md.

    python -m benchmarks                      # 100, 1,000, 10,000 and 50,000 candidates
    python -m benchmarks --sizes 100,1000     # some sizes only
    python -m benchmarks --quick --sizes 100 --out /tmp/perf.md   # one run of everything (the test)
    python -m benchmarks --skip-app           # the core only (no terminal, no Pilot)
    python -m benchmarks --skip-hostile       # without the largest-input figures (benchmarks/hostile.py)

Each figure is the median of several runs (fewer at the big sizes); ratios are taken within one
run. The results go between the markers of the output file, so the notes around them survive.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from . import report

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000, 10_000, 50_000)


def runs_for(n: int, quick: bool) -> int:
    if quick:
        return 1
    if n <= 1_000:
        return 7
    if n <= 10_000:
        return 5
    return 3


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default=",".join(str(s) for s in SIZES),
                   help="candidate counts, comma-separated (default: %(default)s)")
    p.add_argument("--quick", action="store_true", help="one run of each figure, few edits (a smoke test)")
    p.add_argument("--edits", type=int, default=None, help="single edits for the incremental figures (200)")
    p.add_argument("--presses", type=int, default=None, help="keystrokes for the keystroke figure (15)")
    p.add_argument("--skip-app", action="store_true", help="leave out the app figures")
    p.add_argument("--skip-hostile", action="store_true",
                   help="leave out the largest-input figures (CSV import at the row limit, check at the "
                        "candidate limit: benchmarks/hostile.py)")
    p.add_argument("--hostile-rows", default=None,
                   help="CSV rows for the import figures, comma-separated (default: 10000,50000,100000; "
                        "--quick: 1000)")
    p.add_argument("--hostile-plan", type=int, default=None,
                   help="candidates in the plan `check` reads (default: 100000, the limit; --quick: 1000)")
    p.add_argument("--out", default=str(ROOT / "docs" / "performance.md"),
                   help="markdown file to write the results into (default: docs/performance.md)")
    p.add_argument("--json", default=None, help="also write the raw figures as JSON here")
    args = p.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    edits = args.edits if args.edits is not None else (20 if args.quick else 200)
    presses = args.presses if args.presses is not None else (3 if args.quick else 15)

    from . import core

    started = time.perf_counter()
    results: dict = {"sizes": {}, "edits": edits, "presses": presses, "quick": args.quick}
    print("compiling the shipped rule packs…", file=sys.stderr, flush=True)
    results["compile"] = vars(core.measure_compile(3 if args.quick else 15))
    with tempfile.TemporaryDirectory(prefix="oa-bench-") as tmp:
        for n in sizes:
            runs = runs_for(n, args.quick)
            row: dict = {"runs": runs}
            results["sizes"][n] = row
            print(f"{n:,} candidates: workspace…", file=sys.stderr, flush=True)
            ws = core.build_workspace(n, Path(tmp) / f"ws{n}.db", runs)
            row.update(tasks=ws.tasks, candidates=ws.candidates, ws_write=ws.write, ws_load=ws.load)
            print(f"{n:,} candidates: full evaluation and reference…", file=sys.stderr, flush=True)
            row["full"] = vars(core.measure_full(ws.plan, runs))
            print(f"{n:,} candidates: {edits} single edits…", file=sys.stderr, flush=True)
            row["incremental"] = vars(core.measure_incremental(ws.plan, edits, hint=True))
            row["incremental_nohint"] = vars(core.measure_incremental(ws.plan, edits, hint=False))
            if not args.skip_app:
                from . import app

                print(f"{n:,} candidates: the app…", file=sys.stderr, flush=True)
                try:
                    row["start"] = vars(app.measure_start(ws.path, ws.plan.tasks[0].title, runs))
                except Exception as exc:  # report it in the table; the core figures still count
                    row["start"] = {"error": f"{type(exc).__name__}: {exc}"}
                try:
                    row["keys"] = vars(app.measure_keystroke(ws.path, presses))
                except Exception as exc:
                    row["keys"] = {"error": f"{type(exc).__name__}: {exc}"}
                try:
                    row["form"] = vars(app.measure_form_open(ws.path, 3 if args.quick else 15))
                except Exception as exc:
                    row["form"] = {"error": f"{type(exc).__name__}: {exc}"}
                try:
                    row["guide"] = vars(app.measure_guide(ws.path, 1 if args.quick else 3))
                except Exception as exc:
                    row["guide"] = {"error": f"{type(exc).__name__}: {exc}"}
            del ws
    if not args.skip_hostile:
        from dataclasses import asdict

        from . import hostile

        rows = args.hostile_rows or ("1000" if args.quick else ",".join(str(n) for n in hostile.ROWS))
        plan = args.hostile_plan if args.hostile_plan is not None else (1_000 if args.quick else hostile.PLAN)
        print(f"largest inputs: check of {plan:,} candidates, CSV import of {rows} rows…", file=sys.stderr, flush=True)
        results["hostile"] = [asdict(r) for r in hostile.measure([int(x) for x in rows.split(",") if x.strip()], plan)]
    results["seconds"] = time.perf_counter() - started
    results["machine"] = report.machine()
    text = report.render(results)
    print(text)
    report.write(Path(args.out), text)
    print(f"wrote {args.out} ({results['seconds']:.0f} s)", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
