"""The interview kit above an interview form's scores: the questions the open advice on this
candidate and their task calls for (:func:`advisor.advice.kit.interview_kit`), read-only, so the
owner has them in front of them while scoring. It scrolls with the form's fields (80x24 fits), and
follows the advice while the form is open (an edit elsewhere, another session's change)."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from advisor.advice.kit import Question, interview_kit

from .formgrid import SpanRow
from .text import lit


class InterviewKit(SpanRow):
    """The questions as a numbered list, each with the rule it comes from (dimmed)."""

    DEFAULT_CSS = """
    InterviewKit { padding: 0 0 1 0; }  /* the blank line under it: padding, which the grid's row counts */
    """

    def __init__(self, questions: list[Question], **kw: Any) -> None:
        self.questions = list(questions)
        super().__init__(self._content(), **kw)

    def _content(self) -> Content:
        parts: list[Any] = [("Ask in the interview", "bold")]
        for n, q in enumerate(self.questions, start=1):
            parts += [f"\n{n}. ", lit(q.text), (f"  ({q.rule})", "$text-muted")]
        return Content.assemble(*parts)


def show_kit(screen: Any, ctl: Any, cand: Any) -> None:
    """Show the kit of ``cand`` at the top of ``screen``'s fields (``#form-fields``), as the open
    advice asks now: mounted the first time it has a question, redrawn when the questions change
    (new advice while the form is open), removed when none is left. The fields are not touched:
    what was typed and the focus stay."""
    findings = getattr(ctl.advice, "findings", None)
    questions = interview_kit(ctl.plan, findings, cand.task, cand.id)
    kits = screen.query(InterviewKit)
    kit = kits.first() if kits else None
    if kit is None:
        if questions:
            screen.query_one("#form-fields").mount(InterviewKit(questions, id="interview-kit"), before=0)
    elif not questions:
        kit.remove()
    elif questions != kit.questions:
        kit.questions = list(questions)
        kit.update(kit._content())
