"""Write the key tables of docs/plan-format.md from the field table (advisor/plan/fields.py).

``python scripts/gen_field_docs.py`` rewrites the tables in place; ``--check`` exits 1 when the
docs are stale (run by tests/test_fields.py). Each table is the one after its heading, from its
``| key |`` (or ``| field |``) line to the first blank line.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.plan import fields  # noqa: E402

DOC = ROOT / "docs" / "plan-format.md"
TABLES = (("### `[business]`", fields.BUSINESS), ("### `[[marketplaces]]`", fields.MARKETPLACE),
          ("### `[[rates]]`", fields.RATE), ("### `[[tasks]]`", fields.TASK),
          ("### `[[tasks.candidates]]`", fields.CANDIDATE), ("### `[tasks.candidates.interview]`", fields.INTERVIEW),
          ("### `[[suppressions]]`", fields.SUPPRESSION))


def key_rows(specs: tuple[fields.Spec, ...]) -> list[str]:
    return ["| key | type | range | default |", "|---|---|---|---|"] + [
        f"| `{s.name}` | {s.doc_type} |{' ' + s.doc if s.doc else ''} | {s.doc_default} |" for s in specs if s.doc_type]


def csv_rows() -> list[str]:
    return ["| field | accepted headers |", "|---|---|"] + [
        f"| `{s.name}` | " + ", ".join(f"`{h}`" for h in s.csv) + " |" for s in fields.CANDIDATE if s.csv]


def _replace(lines: list[str], heading: str, table_start: str, rows: list[str]) -> list[str]:
    at = next(i for i, line in enumerate(lines) if line.startswith(heading))
    start = next(i for i in range(at, len(lines)) if lines[i].startswith(table_start))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return lines[:start] + rows + lines[end:]


def generate(text: str) -> str:
    lines = text.split("\n")
    for heading, specs in TABLES:
        lines = _replace(lines, heading, "| key |", key_rows(specs))
    lines = _replace(lines, "## Candidate CSV files", "| field | accepted headers |", csv_rows())
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    old = DOC.read_text(encoding="utf-8")
    new = generate(old)
    if "--check" in argv:
        if new != old:
            print("docs/plan-format.md is stale: run `python scripts/gen_field_docs.py`")
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
