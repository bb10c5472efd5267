"""Shipped rules are never edited in place: a copy in the user's rule folder overrides one.

The app's ``e`` on a built-in rule calls :func:`copy_to_user_folder`, then opens the copy. The
copy keeps the rule's id, so it replaces the shipped rule (see ``rulepack.load_rules``: a user
rule with a built-in id replaces it, silently); deleting the copy brings the shipped one back.
"""

from __future__ import annotations

import re
from pathlib import Path

from advisor.errors import AdvisorError

_RULES_HEADER = re.compile(r"^\s*\[\[\s*rules\s*\]\]\s*$")


def rule_block(text: str, rule_id: str) -> str:
    """The ``[[rules]]`` table of ``rule_id`` in a pack's text, with its ``[[rules.examples]]``,
    exactly as written (comments and layout kept)."""
    lines = text.splitlines(keepends=True)
    id_re = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(rule_id) + r"[\"']\s*(#.*)?$")
    at = next((i for i, ln in enumerate(lines) if id_re.match(ln)), None)
    if at is None:
        raise AdvisorError(f"rule {rule_id!r} is not in this pack")
    start = max((i for i in range(at + 1) if _RULES_HEADER.match(lines[i])), default=at)
    end = next((i for i in range(at + 1, len(lines)) if _RULES_HEADER.match(lines[i])), len(lines))
    return "".join(lines[start:end]).rstrip() + "\n"


def override_path(folder: Path, rule_id: str) -> Path:
    return Path(folder).expanduser() / f"override-{rule_id}.toml"


def copy_to_user_folder(rule_id: str, source: Path, folder: Path) -> Path:
    """Copy shipped rule ``rule_id`` from pack file ``source`` into ``folder`` (created if
    needed) as ``override-<id>.toml``; an existing copy is kept (it may hold the owner's edits).
    Returns the copy's path."""
    dest = override_path(folder, rule_id)
    if dest.exists():
        return dest
    try:
        text = Path(source).read_text(encoding="utf-8")
        block = rule_block(text, rule_id)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(f"# Your copy of the shipped rule {rule_id!r} (from {Path(source).name}): it replaces\n"
                        "# the shipped one while this file exists. Delete the file to go back.\n"
                        'pack = "overrides"\n\n' + block, encoding="utf-8")
    except OSError as exc:
        raise AdvisorError(f"cannot copy the rule: {exc.strerror or exc}", file=dest) from None
    return dest
