"""Who is still in the running on one task: the one exclusion set every Next step reads.

The decision (whom to drop), the talk-to and shortlist steps, the part-bid split, the milestone
basis and the Ranking's #1 all ask who is out. Each used to work it out again (``plan_exclusions``
per step, the Ranking with or without the owner's lists), so a step could name someone another
line of the same output dropped (grading v22 fix 7, dive: "Talk to ธนพล..." beside his drop).
:class:`Running` is built once per task (:func:`running_of`) and passed down: the ids ruled out
(:func:`advisor.rules.exclusion.ruled_out`, the Ranking's ``excluded``), plus those the decision
drops on a risk found about them; and, read lazily, the Ranking's rows and the viable ones.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Iterable, Mapping

#: Statuses of someone still to be chosen (not hired, not rejected).
CHOOSING_STATUSES = ("applied", "shortlisted", "interviewed")


@dataclass(frozen=True)
class Running:
    """One task's field: ``ruled`` (id -> why, the judgement's), ``dropped`` (ids the decision
    drops besides, on a risk about them). Compared by identity: one per task per output."""

    plan: Any
    task: Any
    basis: Any
    ruled: Mapping[str, str]
    dropped: frozenset[str] = frozenset()
    #: The candidates' words as the Ranking read them (id -> :class:`Found`), with ``ruled``.
    words: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    __hash__ = object.__hash__
    __eq__ = object.__eq__

    @cached_property
    def out(self) -> frozenset[str]:
        """Every id this output excludes: ruled out or dropped."""
        return frozenset(self.ruled) | self.dropped

    @cached_property
    def values(self) -> tuple[Any, ...]:
        """The Ranking's rows (:func:`advisor.advice.value.values_with`, with the basis the advice used)."""
        from advisor.advice.value import values_with

        return tuple(values_with(self.plan, self.task, self.basis))

    @cached_property
    def viable_ids(self) -> frozenset[str]:
        """Those still to be chosen who are a real option: not excluded or dropped, not asking to
        leave the marketplace, quoting the whole job (:func:`partial_quote`, as the Ranking's
        ``partial``); read from the candidates, without ranking them."""
        from advisor.advice.basis import basis_or_builtin
        from advisor.rules.judgements import candidate_words, partial_quote

        phrases = basis_or_builtin(self.basis).phrases
        words = self.words
        return frozenset(c.id for c in self.task.candidates if c.status in CHOOSING_STATUSES and c.id not in self.out
                         and not c.off_platform
                         and not partial_quote(words[c.id] if c.id in words else candidate_words(c, phrases, self.task), c, self.task))

    @cached_property
    def viable(self) -> tuple[Any, ...]:
        """The Ranking's rows of :attr:`viable_ids`, best first."""
        return tuple(v for v in self.values if v.candidate in self.viable_ids and not v.excluded and not v.partial)

    def is_out(self, candidate: str | None) -> bool:
        return candidate is not None and candidate in self.out

    def with_drops(self, ids: Iterable[str]) -> "Running":
        """This field with the decision's drops added (a new one: its lazy figures not yet read)."""
        extra = frozenset(ids) - frozenset(self.ruled)
        return replace(self, dropped=self.dropped | extra) if extra - self.dropped else self


def running_of(plan: Any, task: Any, basis: Any = None) -> Running:
    """The field of ``task`` (``basis``: what the advice was computed with; None: the built-in one),
    read from the app's kept Ranking rows where there are some
    (:func:`advisor.advice.rankmemo.ruled_out_with`: no candidate's notes read again)."""
    from advisor.advice.rankmemo import ruled_out_with

    ruled, words = ruled_out_with(plan, task, basis)
    return Running(plan, task, basis, ruled, words=words)


def one_left(s: Any) -> str | None:
    """The step when a single real option is left on a task still choosing (``s``: a
    :class:`advisor.advice.situation.Situation`): nobody to compare or score them against. A
    proven one or a small job: hire them after a word; else talk to them and invite one or two
    more before choosing (grading v22 fix 7, houseboat: "talk to Nimmi and score everyone" with
    Amit dropped). "" (moot) once they are interviewed: the decision on them is the step (v18,
    chiro: screened, not short). None with none or several left."""
    from advisor.rules.judgements import is_proven

    field = s.running
    if field is None or s.task is None or len(field.viable_ids) != 1:
        return None
    c = next(c for c in s.task.candidates if c.id in field.viable_ids)
    if is_proven(c):
        return f"Offer {c.name} the job: the one left in the running, and they have done good work for you"
    if c.interview is not None:
        return ""
    if getattr(s.task, "size", "") == "minor":
        return f"Talk to {c.name}, then hire them if the call goes well: on a small job one good bid is enough"
    choosing = [o for o in s.task.candidates if o.status in CHOOSING_STATUSES and o.id not in field.out and not o.off_platform]
    parts = len(choosing) > 1  # the others in play quote a part of the job only
    return (f"Talk to {c.name}, and invite 1-2 more before you choose: "
            + ("nobody else quotes the whole job" if parts else "nobody else is left in the running"))
