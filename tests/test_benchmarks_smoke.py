"""The benchmark harness runs (once, at the smallest size, quick mode) and writes its table.
No timing is asserted anywhere: benchmarks are not tests (see benchmarks/ and docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_harness_runs_and_writes_the_table(tmp_path):
    out = tmp_path / "performance.md"
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--sizes", "100", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "<!-- benchmarks:start" in text and "<!-- benchmarks:end -->" in text
    assert "| figure | 100 |" in text
    assert "full evaluation" in text and "keystroke" in text and "peak RSS" in text


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
