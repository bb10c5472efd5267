"""Which open tasks wait: a first-timer's parked tasks (run one first, park the rest) and the
tasks whose own words say they cannot start before other work is done. Plan-wide judgements the
per-run context carries (:func:`advisor.rules.facts.facts_context`)."""

from __future__ import annotations

import re
from typing import Any

from advisor.plan.model import CLOSED_STATUSES, Plan, Task, fold
from advisor.rules.judgements import run_first, task_words
from advisor.text import name_list


def parked_tasks(plan: Plan, today: Any, verdicts: Any = None) -> frozenset[str]:
    """The ids of the tasks a first-timer parks while the first one runs (none for a business
    that has finished a job: too-many-first-hires is a first-timer's rule)."""
    if plan.experience() != 0:
        return frozenset()
    order = run_first(plan.tasks, today, *((verdicts.clear, verdicts.hire) if verdicts is not None else ()))
    return frozenset(t.id for t in order[2]) if order is not None else frozenset()


#: Task texts whose answer each phrase matcher keeps (then it starts again).
SAID_WAITS_MAX = 4096


def says_it_waits(task: Task, phrases: Any) -> bool:
    """The task's own words say it cannot start before other work is done (the ``waits_on``
    phrases), read once per text and phrase lists (every evaluation asks for every open task):
    kept on the matcher itself (``phrases.memo``), so another config's lists never answer."""
    memo = getattr(phrases, "memo", None)
    if memo is None:
        return "waits_on" in task_words(task, phrases).categories
    said_waits = memo.setdefault("says_it_waits", {})
    key = (task.title, task.description, task.acceptance, tuple(task.skills))
    said = said_waits.get(key)
    if said is None:
        said = "waits_on" in task_words(task, phrases).categories
        if len(said_waits) >= SAID_WAITS_MAX:
            said_waits.clear()
        said_waits[key] = said
    return said


def waiting_tasks(plan: Plan, phrases: Any) -> dict[str, str]:
    """Task id -> the unfinished task(s) it waits for, for each open task nobody is hired for
    whose words say it cannot start yet while another task is unfinished: the ones its text
    names (by id or title), else the only other one, else "the work it waits for"."""
    unfinished = [t for t in plan.tasks if t.status not in CLOSED_STATUSES]
    if len(unfinished) < 2:
        return {}
    out: dict[str, str] = {}
    for t in unfinished:
        if any(c.status == "hired" for c in t.candidates) or not says_it_waits(t, phrases):
            continue
        text = fold(f"{t.title}\n{t.description or ''}")
        words = set(re.findall(r"\w+", text))
        others = [o for o in unfinished if o is not t]
        named = [o for o in others if fold(o.id) in words or fold(o.title) in text]
        pick = named or (others if len(others) == 1 else [])
        out[t.id] = name_list([o.title for o in pick]) if pick else "the work it waits for"
    return out
