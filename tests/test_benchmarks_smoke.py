"""The benchmark harness runs (once, at the smallest size, quick mode) and writes its table.
No timing is asserted anywhere: benchmarks are not tests (see benchmarks/ and docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.deep
def test_benchmark_harness_runs_and_writes_the_table(tmp_path):
    out = tmp_path / "performance.md"
    raw = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--sizes", "100", "--out", str(out),
                           "--hostile-rows", "200,400", "--hostile-plan", "150", "--json", str(raw)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "<!-- benchmarks:start" in text and "<!-- benchmarks:end -->" in text
    assert "| figure | 100 |" in text
    assert "full evaluation" in text and "keystroke" in text and "peak RSS" in text
    # benchmarks/hostile.py is part of the run: its table is in the same block, from real runs
    block = text.split("<!-- benchmarks:start", 1)[1].split("<!-- benchmarks:end -->", 1)[0]
    assert "**The largest inputs the limits allow** (`benchmarks/hostile.py`" in block
    assert "| check --plan, 150 candidates |" in block and "| ≤ 2 GB |" in block
    assert "| CSV import, 200 rows |" in block and "| CSV import, 400 rows |" in block
    assert "CSV import, CPU per row at 400 rows / at 200:" in block
    hostile = {r["label"]: r for r in json.loads(raw.read_text(encoding="utf-8"))["hostile"]}
    assert hostile["CSV import, 400 rows"]["exit"] == 0 and hostile["CSV import, 400 rows"]["rows"] == 400
    assert hostile["check --plan, 150 candidates"]["exit"] in (0, 1)  # ran (1: a finding at risk)
    assert all(r["cpu"] > 0 and r["peak_mb"] > 10 for r in hostile.values())
    # the user guide figure: the heaviest section of the rules topic, page by page
    guide = json.loads(raw.read_text(encoding="utf-8"))["sizes"]["100"]["guide"]
    assert "error" not in guide, guide
    assert guide["pages"] > 1 and 0 < guide["widgets_worst"] and "user guide: its heaviest section opens" in block


def test_benchmark_results_replace_only_their_block(tmp_path):
    from benchmarks import report

    out = tmp_path / "perf.md"
    out.write_text("# Notes\n\nkept\n", encoding="utf-8")
    report.write(out, "first table\n")
    report.write(out, "second table\n")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Notes\n\nkept\n")
    assert "second table" in text and "first table" not in text
    assert text.count("benchmarks:start") == 1


def test_hostile_input_benchmark_runs():
    """``python -m benchmarks.hostile`` (CSV import at the row limit, check at the candidate
    limit) runs; here at a tiny size, and no timing is asserted."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.hostile", "--rows", "300", "--plan", "200"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "| CSV import, 300 rows |" in proc.stdout and "| check --plan, 200 candidates |" in proc.stdout
    rows = {line.split("|")[1].strip(): line.split("|")[-2].strip() for line in proc.stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| figure")}
    assert rows["CSV import, 300 rows"] == "0"  # the import succeeded
    assert rows["check --plan, 200 candidates"] in ("0", "1")  # ran (1: a finding at risk)


def test_the_notes_benchmark_reads_the_review_plans_notes_with_every_reader(capsys):
    """benchmarks/notes.py: the workspaces of the other figures hold no notes; this one reads the
    review plans' real notes (no timing asserted, only that every reader ran over them)."""
    from benchmarks import notes

    found = notes.review_notes()
    assert len(found) >= 300 and len(set(found)) == len(found)
    assert notes.main(["--passes", "1"]) == 0
    out = capsys.readouterr().out
    for name in ("phrase matcher", "phrases in context", "substitution reader"):
        assert name in out
