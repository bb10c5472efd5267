"""Quotes that are not for the whole job at their price (grading v23 fixes 2 and 5): the one
judgement the Ranking, the Next steps and the rule facts read (:func:`partial_quote`), what makes
a quote partial, quoted (:func:`left_out_words`), and the question for a part of the work a
machine drafts and a person checks (:func:`machine_ask`)."""

from __future__ import annotations

from advisor.phrases import Found
from advisor.plan.model import Candidate, Task


#: The :attr:`Found.unsure` key of a part of the work a machine drafts and a person then checks
#: (:func:`advisor.rules.deliverables.machine_checked`): a question for the Ranking and the step
#: that picks them (:func:`machine_ask`), not a red flag, so no rule reads it.
MACHINE_PART = "machine_part"


def machine_ask(found: Found) -> str:
    """What to ask a candidate a machine drafts part of the work for ("" for none): a native
    reviewer's sample of that part, or the all-human bid instead (grading v23 fix 5, kindergarten:
    "베트남어는 파파고로 초벌 번역 후 검수합니다" ranked #1 without a word)."""
    part = (found.unsure or {}).get(MACHINE_PART)
    if not part:
        return ""
    from advisor.plan.scope import clip

    return f'for a native reviewer\'s sample of the part a machine drafts ("{clip(part[0], 70)}"), or prefer an all-human bid'


def partial_quote(found: Found, c: Candidate | None = None, task: Task | None = None) -> bool:
    """A quote that is not for the whole job at its price: part of the scope left out or priced
    on top (``extras``: "order history not included", "韓国語は対応しておりません"), or pay partly
    as a share of the outcome (``success_fee``). The live-bid median and the Ranking's #1 leave it
    out until it is re-quoted whole (``partial-scope``, ``success-fee``). With the candidate and
    the task: only a part the task's own words ask for, left unpriced (:func:`scope_left_out`)."""
    if "success_fee" in found.categories:
        return True
    if "extras" not in found.categories:
        return False
    return c is None or task is None or bool(scope_left_out(found, c, task))


def scope_left_out(found: Found, c: Candidate, task: Task) -> tuple[str, ...]:
    """The clauses of ``c``'s words where a part ``task`` asks for is left out of the quote, unpriced
    (:func:`advisor.plan.scope.scope_gaps`): "travel not included" for an optional visit is no
    gap, nor "quoted later at £90" (added to the price: :meth:`Candidate.price`); () for none."""
    quotes = (found.quotes or {}).get("extras", ())
    if not quotes:
        return ()
    from advisor.plan.scope import scope_gaps

    text = c.notes or ""
    if c.interview is not None and c.interview.notes:
        text = f"{text}\n{c.interview.notes}"
    return tuple(scope_gaps(text, quotes, task, c.bid))


def left_out_words(found: Found, c: Candidate, task: Task) -> str:
    """What ``c`` said that makes the quote partial, quoted (the gaps, or the success fee); ""
    for a whole quote: the Ranking's ``partial`` and the rule fact ``said_extras`` read it."""
    if "success_fee" in found.categories and "extras" not in found.categories:
        return found.quote("success_fee") or ""
    gaps = scope_left_out(found, c, task) if "extras" in found.categories else ()
    if gaps:
        from advisor.plan.scope import clip

        return ", ".join(f'"{clip(g)}"' for g in gaps[:3])
    return found.quote("success_fee") or ""
