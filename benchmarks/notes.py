"""``python -m benchmarks.notes``: what reading candidates' notes costs, per note.

The workspaces the other benchmarks build hold no notes, so the readers of notes (the phrase matcher
with its context, the sentence reader of substitutes) cost nothing there. This reads the real notes
of the review plans (``tests/data/plans``: hundreds of notes in two dozen languages, written by the
blind reviewers) with each reader, uncached, and prints the median microseconds per note of
several passes. Compare two commits in the same minutes, as for every figure here.

    python -m benchmarks.notes            # 5 passes
    python -m benchmarks.notes --passes 1 # one (the smoke test)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "tests" / "data" / "plans"


def review_notes(root: Path = PLANS) -> list[str]:
    """The distinct candidate notes of every plan under ``root``, in a stable order."""
    seen: dict[str, None] = {}
    for path in sorted(root.rglob("*.toml")):
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for task in doc.get("tasks", []) if isinstance(doc.get("tasks"), list) else []:
            for c in task.get("candidates", []) if isinstance(task, dict) else []:
                notes = c.get("notes") if isinstance(c, dict) else None
                if isinstance(notes, str) and notes.strip():
                    seen.setdefault(notes, None)
    return list(seen)


def per_note(read: Callable[[str], object], notes: list[str], passes: int) -> float:
    """Median over ``passes`` of the microseconds per note ``read`` takes over all ``notes``."""
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        for n in notes:
            read(n)
        times.append((time.perf_counter() - start) / len(notes) * 1e6)
    return statistics.median(times)


def readers() -> dict[str, Callable[[str], object]]:
    """Each reader, uncached (its per-text cache bypassed), already loaded (lists read once)."""
    from advisor import substitution
    from advisor.phrasecontext import in_context
    from advisor.phrases import matcher

    m = matcher()
    m._find("warm")  # the trie built
    substitution.substitutes.__wrapped__("warm", False)  # the word lists loaded
    return {
        "phrase matcher": m._find,
        "phrases in context": lambda n: in_context(m._find(n), n, "Upwork"),
        "substitution reader": lambda n: substitution.substitutes.__wrapped__(n, False),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.notes", description=__doc__.splitlines()[0])
    p.add_argument("--passes", type=int, default=5, help="passes over the notes (default: %(default)s)")
    args = p.parse_args(argv)
    notes = review_notes()
    if not notes:
        print("no notes found under tests/data/plans", file=sys.stderr)
        return 2
    print(f"{len(notes)} distinct notes, {sum(map(len, notes)) // len(notes)} characters on average; "
          f"median of {max(1, args.passes)} passes, microseconds per note, uncached")
    for name, read in readers().items():
        print(f"  {name:22} {per_note(read, notes, max(1, args.passes)):8.1f} µs")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
