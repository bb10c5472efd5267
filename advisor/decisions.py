"""The decision log as people read it: one history row in words, with the advice that was open.

Shared by ``outsource history`` and the app's history screen, so both say the same. Every value
comes from the workspace (names, notes, rule messages typed by others): :func:`entry_lines`
returns plain text made safe for a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .text import plain
from .workspace import HistoryEntry


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


def entry_lines(e: HistoryEntry) -> list[str]:
    """``2026-11-30 20:30  ana  hire ana-p for logo  [task logo]`` and the open advice under it."""
    when = e.at.replace("T", " ")[:16]
    task = e.detail.get("task")
    head = f"{when}  {e.user}  {what(e)}" + (f"  [task {task}]" if task else "")
    lines = [plain(head, newlines=False)]
    for a in advice(e):
        lines.append(plain(f"    advice open: {a.severity} {a.message} ({a.rule})", newlines=False))
    return lines


def entry_json(e: HistoryEntry) -> dict[str, Any]:
    return {"at": e.at, "user": e.user, "action": e.action, "change": what(e),
            "task": e.detail.get("task"), "advice": [a.__dict__ for a in advice(e)], "detail": e.detail}
