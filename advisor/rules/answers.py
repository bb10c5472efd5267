"""A task's red-flag words and "ruled out?" answers kept from one evaluation to the next.

:func:`advisor.rules.judgements.said_by` and :func:`advisor.rules.exclusion.ruled_out_in` memoise their answers for one
evaluation in ``Context.memo`` (keys ``("said", id(candidate))`` and ``("ruled", id(candidate),
id(task), human_work)``, the records kept beside the answers). An edit of one candidate of a
300-candidate task asked the other 299 again: :class:`advisor.engine.diff.PlanFacts` collects a
task's answers after its facts (:func:`memo_answers`) and gives them to the next edit's memo for
the candidates unchanged since (:func:`seed_answers`, :func:`merge_answers`).
"""

from __future__ import annotations

from typing import Iterable

from advisor.phrases import Found
from advisor.plan.model import Candidate, Task
from advisor.rules.factcontext import Context


def memo_answers(task: Task, ctx: Context) -> tuple[tuple, dict[str, tuple[Found, dict[bool, str]]]]:
    """What ``ctx.memo`` holds for ``task``'s candidates, to keep past this evaluation: (the
    context's inputs of the answers, per candidate id (its red-flag words, its "ruled out?"
    answers by ``human_work``)). :func:`seed_answers` gives them to a later evaluation."""
    memo, tid, out = ctx.memo, id(task), {}
    for c in task.candidates:
        said = memo.get(("said", id(c)))
        if said is None or said[0] is not c:
            continue
        ruled = {}
        for hw in (False, True):
            hit = memo.get(("ruled", id(c), tid, hw))
            if hit is not None and hit[0] is c and hit[1] is task:
                ruled[hw] = hit[2]
        out[c.id] = (said[1], ruled)
    return (ctx.phrases, ctx.no_escrow, ctx.key_criterion_low, ctx.escrow), out


def seed_answers(task: Task, ctx: Context, kept: tuple, same: Iterable[Candidate]) -> list[str]:
    """Put the answers :func:`memo_answers` kept into ``ctx.memo`` for the candidates ``same``
    (the caller's promise: each is, field for field, the candidate they were worked out for, in
    a task whose own fields are as they were). Nothing when the context's phrases, escrow (or
    escrow-less) marketplaces or key-criterion threshold differ. Returns the ids of the candidates seeded."""
    inputs, answers = kept
    if inputs[1] != ctx.no_escrow or inputs[2] != ctx.key_criterion_low or inputs[3] != ctx.escrow \
            or not (inputs[0] is ctx.phrases or inputs[0] == ctx.phrases):
        return []
    memo, tid, seeded = ctx.memo, id(task), []
    for c in same:
        got = answers.get(c.id)
        if got is None:
            continue
        memo[("said", id(c))] = (c, got[0])
        for hw, why in got[1].items():
            memo[("ruled", id(c), tid, hw)] = (c, task, why)
        seeded.append(c.id)
    return seeded


def merge_answers(now: tuple, kept: tuple, seeded: Iterable[str]) -> tuple:
    """``now`` (:func:`memo_answers` after an evaluation) with the answers ``kept`` for the
    ``seeded`` candidates that this evaluation did not ask (a candidate fact kept as it was asks
    nothing): still true of them, so kept for the next edit too."""
    old, new = kept[1], now[1]
    for cid in seeded:
        o = old.get(cid)
        if o is not None:
            n = new.get(cid)
            new[cid] = o if n is None else (n[0], {**o[1], **n[1]})
    return now
