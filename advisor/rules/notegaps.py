"""Gaps that sit in notes, read against the plan's own structured targets (grading v21 fix 10).

Two targets a plan states outside the notes and the notes can fall short of:
- the acceptance criteria's percentage ("at least 97% agreement with our weekly audit"): a hired
  person's notes giving a later figure under it ("Week 2 audit: 95.5% agreement") is work not yet
  acceptable, so the step is to hold the next payment until it reaches the target (carhire);
- live work's days: a ``live`` task answers in the business's working week, Monday to Friday; a
  candidate in the running whose notes give a narrower span ("available Monday to Thursday")
  leaves days nobody covers, so the step is the question "who answers on Fridays?" (florist).
Only a figure whose clause shares a word with the acceptance counts (a fee percentage does not),
and only the last one (the latest week). Notes are hostile text: bounded, linear regexes.
"""

from __future__ import annotations

import re
from typing import Any

from advisor.plan.model import SHORTLIST_STATUSES
from advisor.text import name_list

#: Characters of a note read (notes are limited in size; this bounds the work again).
MAX_NOTE = 4000
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s?%")
#: A clause ends at . ; ! ? or a line end, but not at the decimal point of "95.5".
_CLAUSE = re.compile(r"(?<!\d)[.;!?\n]|[.;!?\n](?!\d)")
_WORD = re.compile(r"[^\W\d_]{4,}")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPAN = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?\s{0,3}(?:to|-|–|through|till|until|thru)\s{0,3}"
                   r"(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\b", re.IGNORECASE)
_WEEK = range(5)  # Monday to Friday: the working week live work answers in


def acceptance_target(acceptance: str) -> float | None:
    """The first percentage the acceptance criteria state ("at least 97% agreement" -> 97.0)."""
    m = _PERCENT.search((acceptance or "")[:MAX_NOTE])
    return float(m.group(1).replace(",", ".")) if m else None


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def latest_figure(notes: str, acceptance: str) -> tuple[float, str, str] | None:
    """The last percentage in ``notes`` whose clause shares a word with the ``acceptance``: (the
    figure, the clause, the first shared word), or None."""
    wanted = _words(acceptance)
    last = None
    for clause in _CLAUSE.split((notes or "")[:MAX_NOTE]):
        shared = [w for w in _WORD.findall(clause) if w.casefold() in wanted]
        for m in _PERCENT.finditer(clause):
            if shared:
                last = (float(m.group(1).replace(",", ".")), clause.strip(), shared[0].casefold())
    return last


def days_stated(notes: str) -> set[int] | None:
    """The weekdays a "Monday to Thursday" span in ``notes`` covers (0 = Monday); None without one."""
    m = _SPAN.search((notes or "")[:MAX_NOTE])
    if m is None:
        return None
    first, last = (next(i for i, d in enumerate(_DAYS) if d.startswith(g.casefold())) for g in m.groups())
    return {(first + i) % 7 for i in range((last - first) % 7 + 1)}


def _quality(task: Any) -> tuple[list[str], list[str]]:
    target = acceptance_target(task.acceptance)
    if target is None:
        return [], []
    gaps, steps = [], []
    for c in task.candidates:
        if c.status != "hired":
            continue
        found = latest_figure(c.notes, task.acceptance)
        if found is not None and found[0] < target:
            figure, clause, word = found
            gaps.append(f"{c.name}'s notes give {figure:g}% (\"{clause[:80]}\") against the {target:g}% your "
                        f"acceptance asks")
            steps.append(f"hold the next payment to {c.name} until the {word} reaches {target:g}%")
    return gaps, steps


def _days(task: Any) -> tuple[list[str], list[str]]:
    if task.collaboration != "live":
        return [], []
    gaps, names, missing_all = [], [], set()
    for c in task.candidates:
        if c.status not in SHORTLIST_STATUSES:
            continue
        days = days_stated(c.notes)
        if days is None:
            continue
        missing = [d for d in _WEEK if d not in days]
        if missing:
            said = _SPAN.search(c.notes[:MAX_NOTE]).group(0)
            gaps.append(f"{c.name} is available \"{said}\", which leaves {name_list([_DAYS[d].title() + 's' for d in missing], shown=5)} uncovered")
            missing_all.update(missing)
            names.append(c.name)
    if not gaps:
        return [], []
    who = name_list([_DAYS[d].title() + "s" for d in sorted(missing_all)], shown=5)
    return gaps, [f"decide who answers on {who} before you hire {name_list(names, shown=3)} for live work"]


def note_gap_fields(t: dict[str, Any], task: Any) -> None:
    """``note_gaps`` (what the notes fall short of, "" for none) and ``note_gap_steps`` (the one
    concrete step for each)."""
    q_gaps, q_steps = _quality(task)
    d_gaps, d_steps = _days(task) if task.status in ("posted", "hiring", "hired") else ([], [])
    t["note_gaps"] = "; ".join(q_gaps + d_gaps)
    steps = q_steps + d_steps
    t["note_gap_steps"] = (steps[0][0].upper() + "; ".join(steps)[1:]) if steps else ""
