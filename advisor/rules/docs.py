"""The per-rule table and list of the rules page of the docs, rendered from the shipped packs.

The packs are the one place a rule's stages, severity, source and fix are written; the page's
table and list between ``<!-- generated: rules begin -->`` and ``<!-- generated: rules end -->``
are made from them (``make docs``, i.e. ``python -m advisor.rules.docs docs/rules.md``), and a
test fails when the page is stale. Text outside the markers is the page's own and never touched.

``python -m advisor.rules.docs --check FILE`` exits 1, naming the file, when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from advisor.errors import AdvisorError
from advisor.plan.model import TASK_STATUSES
from advisor.rules.ruleset import Rule

BEGIN = "<!-- generated: rules begin -->"
END = "<!-- generated: rules end -->"
STALE_HINT = "run make docs"


def _cell(text: str) -> str:
    """One line of pack text as Markdown table or list text: newlines folded, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _stages(r: Rule) -> str:
    return "any (about the business)" if not r.stages else ", ".join(s for s in TASK_STATUSES if s in r.stages)


def _formerly(r: Rule, ids: set[str]) -> str:
    old = [f for f in r.formerly if f != r.id]
    if not old:
        return ""
    split = [f"`{f}`" for f in old if f in ids]
    renamed = [f"`{f}`" for f in old if f not in ids]
    parts = ([f"Formerly part of {', '.join(split)}."] if split else []) + \
        ([f"Formerly {', '.join(renamed)}."] if renamed else [])
    return " " + " ".join(parts)


def _asks(r: Rule) -> str:
    """The rule's interview questions (``ask``), as they read before their fields are filled."""
    return f" Asks: {' / '.join(_cell(q) for q in r.ask)}" if r.ask else ""


def render(rules: Iterable[Rule]) -> str:
    """The generated block (without its markers): the stage table, then one line per rule with
    what it says, its source and its fix."""
    rules = list(rules)
    ids = {r.id for r in rules}
    head = ["rule", "pack", "severity", "about", *TASK_STATUSES]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rules:
        cells = ["—"] * len(TASK_STATUSES) if not r.stages else \
            ["✓" if s in r.stages else "" for s in TASK_STATUSES]
        out.append(f"| `{_cell(r.id)}` | {_cell(r.pack)} | {r.severity} | {r.about} | " + " | ".join(cells) + " |")
    out += ["", "Each rule in one line: what it says (its title), its source (the practice or marketplace",
            "guidance it follows), the fix it suggests and the interview questions it asks, if any; `outsource rules show ID` prints the rest",
            "(the message, why, the condition and the examples).", ""]
    for r in rules:
        title = _cell(r.title)
        title += "" if title.endswith((".", "?", "!")) else "."
        out.append(f"- **`{_cell(r.id)}`** ({r.severity}; {_stages(r)}): {title} "
                   f"Source: {_cell(r.source)} Fix: {_cell(r.fix)}{_asks(r)}{_formerly(r, ids)}")
    return "\n".join(out) + "\n"


def shipped_rules() -> list[Rule]:
    """The rules of the shipped packs only (never a user's rule folder), in load order."""
    from advisor.rules.rulepack import load_rules

    ruleset, problems = load_rules()
    if problems:
        raise AdvisorError(f"a shipped rule pack does not load: {problems[0]}")
    return list(ruleset)


def update(text: str, rules: Iterable[Rule], *, where: str = "the rules page") -> str:
    """``text`` with the block between the markers replaced by :func:`render`; everything else
    kept byte for byte. A page without exactly one pair of markers, in order, is refused."""
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise AdvisorError(f"needs exactly one {BEGIN} … {END} block, in that order", file=where)
    before, rest = text.split(BEGIN, 1)
    _, after = rest.split(END, 1)
    return f"{before}{BEGIN}\n{render(rules)}{END}{after}"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    files = [a for a in args if a != "--check"]
    if len(files) != 1:
        sys.stderr.write("usage: python -m advisor.rules.docs [--check] FILE (the rules page of the docs)\n")
        return 2
    path = Path(files[0])
    try:
        text = path.read_text(encoding="utf-8")
        new = update(text, shipped_rules(), where=str(path))
    except OSError as exc:
        sys.stderr.write(f"error: {path}: {exc.strerror or exc}\n")
        return 2
    except AdvisorError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    if new == text:
        return 0
    if check:
        sys.stderr.write(f"{path} is stale (its rule tables differ from the packs): {STALE_HINT}\n")
        return 1
    path.write_text(new, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
