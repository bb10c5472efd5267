"""The interview before a hire that matters: a critical (or sensitive-data) task with key criteria
and nobody in the running heard yet.

The owner wrote down what the choice turns on (``key_criteria``); on a job where a wrong hire costs
a recall, a leak or a client, the interview is on those criteria, with a paid sample where a trial
fits, and it comes before milestones or acceptance wording: they only shape the contract with
whoever the interview picks (grading v23 fix 3, law-firm OCR: nobody asked about accuracy and
confidentiality before a ₹1 lakh hire; the step was pushed out by the step cap).
"""

from __future__ import annotations

from typing import Any

from advisor.text import name_list

#: The rules whose step is a paid first piece of the job (the sample the interview step carries).
SAMPLE_RULES = frozenset({"start-small", "paid-trial-first"})
#: The rule whose step is the interview.
INTERVIEW_RULE = "interview-the-shortlist"


def unheard_stakes(task: Any) -> bool:
    """``task`` is critical or handles sensitive data, names key criteria, has nobody hired and
    nobody interviewed among those not rejected: the hire would be made on proposals alone."""
    if task is None or not getattr(task, "key_criteria", None):
        return False
    if not (getattr(task, "critical", False) or getattr(task, "sensitive_data", False)):
        return False
    cands = [c for c in getattr(task, "candidates", ()) if c.status != "rejected"]
    return not any(c.status == "hired" or c.interview is not None for c in cands)


def on_criteria(task: Any, names: list[str], who: str) -> str:
    """The interview step: whom (the Ranking's first two not yet heard, of ``names`` in its
    order: a paid piece each for more is more than the choice needs) and on what."""
    crit = name_list([str(k) for k in task.key_criteria][:4], shown=4)
    return f"Interview {name_list(names[:2]) or who} on {crit} before you hire"


def with_sample(text: str, piece: str) -> str:
    """The interview step carrying the paid first piece (``piece``, as the trial step words it):
    one step for how the choice is made."""
    tail = " before you hire"
    if not text.endswith(tail) or not piece:
        return text
    return f"{text[:-len(tail)]}, plus {piece} each,{tail}"
