"""What a task's choice turns on, and how a candidate's interview scored it: one reading for the
Ranking's exclusions (:func:`advisor.rules.exclusion.key_low`), the "qualified" test
(:func:`advisor.rules.inplay.qualified`) and the facts ``low-key-criterion`` reads.

The owner's own ``key_criteria`` come first. Without them, a language the task's skills or title
name is one: a Thai member desk turns on Thai, and an interview score of 2/5 in Thai is a no
however well the rest went (grading v30, coworking: the 2/5 Thai speaker ranked first).
"""

from __future__ import annotations

import re
from functools import lru_cache

from advisor.languages import named
from advisor.plan.model import Candidate, Task, fold


@lru_cache(maxsize=4096)
def _languages(skills: tuple[str, ...], title: str) -> tuple[str, ...]:
    return tuple(named(" ; ".join((*skills, title))))


def key_criteria(task: Task) -> tuple[str, ...]:
    """The task's key criteria: the owner's list, else the languages its skills or title name."""
    if task.key_criteria:
        return tuple(str(k) for k in task.key_criteria)
    return _languages(tuple(task.skills or ()), task.title or "")


def _words(key: str) -> set[str]:
    return set(re.split(r"[\s_\-/]+", fold(key)))


def key_scores(c: Candidate, task: Task) -> list[tuple[str, float]]:
    """(criterion as the interview named it, score) for each key criterion the interview scored.
    A language matches a score named by it ("thai", "Thai fluency"); an owner's criterion, only
    the same name."""
    if c.interview is None or not c.interview.scores:
        return []
    crit = key_criteria(task)
    if not crit:
        return []
    if not task.key_criteria:  # languages: "thai", "Thai fluency", "thai_level"
        langs = {fold(k) for k in crit}
        return [(k, v) for k, v in c.interview.scores.items() if _words(k) & langs]
    scores = {fold(k): (k, v) for k, v in c.interview.scores.items()}
    return [scores[fold(k)] for k in crit if fold(k) in scores]
