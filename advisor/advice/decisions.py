"""The decision log as people read it: one history row in words, with the advice that was open.

Shared by ``outsource history`` and the app's history screen, so both say the same. Every value
comes from the workspace (names, notes, rule messages typed by others): :func:`entry_lines`
returns plain text made safe for a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.plan.changes import MAX_CHANGES, change_text
from advisor.text import plain
from advisor.storage.workspace import HistoryEntry


@dataclass(frozen=True)
class OpenAdvice:
    """A finding that was open on the task when the change was made."""

    rule: str
    severity: str
    message: str


def what(e: HistoryEntry) -> str:
    """The change in a few words: the session's own label, else the stored action and its ids."""
    d = e.detail
    label = d.get("change")
    if isinstance(label, str) and label:
        return label
    ids = [f"{k} {d[k]}" for k in ("candidate", "task", "name", "skill", "rule", "source") if d.get(k)]
    return e.action + (f" ({', '.join(map(str, ids))})" if ids else "")


def advice(e: HistoryEntry) -> list[OpenAdvice]:
    out = []
    for a in e.detail.get("advice") or []:
        if isinstance(a, dict):
            out.append(OpenAdvice(str(a.get("rule", "")), str(a.get("severity", "")), str(a.get("message", ""))))
    return out


def changes(e: HistoryEntry) -> list[str]:
    """``budget: 300 → 400`` for each field the change set, but what the label already says
    (rows written before changes were recorded have none)."""
    got = e.detail.get("changes")
    if not isinstance(got, list):
        return []
    label = what(e)
    out = []
    for c in got[:MAX_CHANGES]:
        text = change_text(c)
        if text.partition(": ")[2] not in label:  # a move's label already says "hiring → hired"
            out.append(text)
    return out


def task_suffix(e: HistoryEntry) -> str:
    """Which task, when the label does not already say: its title (rows from before titles were
    kept: its id)."""
    title, task = e.detail.get("task_title"), e.detail.get("task")
    if isinstance(title, str) and title:
        name = f"'{title}'"
        return "" if name in what(e) else f"  · {name}"
    return f"  [task {task}]" if task else ""


def entry_lines(e: HistoryEntry) -> list[str]:
    """``2026-11-30 20:30  ana  hire محمد علي for 'New logo'``, what it changed and the open
    advice under it."""
    when = e.at.replace("T", " ")[:16]
    lines = [plain(f"{when}  {e.user}  {what(e)}{task_suffix(e)}", newlines=False)]
    lines += [plain(f"    {c}", newlines=False) for c in changes(e)]
    for a in advice(e):
        lines.append(plain(f"    advice open: {a.severity} {a.message} ({a.rule})", newlines=False))
    return lines


def entry_json(e: HistoryEntry) -> dict[str, Any]:
    """Names in ``change``, ids in ``task``/``candidate`` and ``detail`` (for scripts)."""
    return {"at": e.at, "user": e.user, "action": e.action, "change": what(e),
            "task": e.detail.get("task"), "candidate": e.detail.get("candidate"),
            "changes": e.detail.get("changes") or [], "advice": [a.__dict__ for a in advice(e)],
            "detail": e.detail}
