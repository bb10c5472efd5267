"""The interview kit above an interview form's scores: the questions the open advice on this
candidate and their task calls for (:func:`advisor.advice.kit.interview_kit`), read-only, so the
owner has them in front of them while scoring. It scrolls with the form's fields (80x24 fits)."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from advisor.advice.kit import Question, interview_kit

from .text import lit


class InterviewKit(Static):
    """The questions as a numbered list, each with the rule it comes from (dimmed)."""

    DEFAULT_CSS = """
    InterviewKit { height: auto; width: 1fr; margin: 0 0 1 0; column-span: 2; }  /* across the form's label and field columns */
    """

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        # in the form's grid a row spanning both columns is measured at the first column's
        # width (16 cells): a dozen blank lines under the questions; measure at the row's width
        parent = self.parent
        full = parent.content_region.width - 8 if parent is not None and parent.content_region.width else width
        return super().get_content_height(container, viewport, max(width, full))

    def __init__(self, questions: list[Question], **kw: Any) -> None:
        self.questions = list(questions)
        super().__init__(self._content(), **kw)

    def _content(self) -> Content:
        parts: list[Any] = [("Ask in the interview", "bold")]
        for n, q in enumerate(self.questions, start=1):
            parts += [f"\n{n}. ", lit(q.text), (f"  ({q.rule})", "$text-muted")]
        return Content.assemble(*parts)


def mount_kit(screen: Any, ctl: Any, cand: Any) -> None:
    """Mount the kit of ``cand`` at the top of ``screen``'s fields (``#form-fields``); nothing
    when no open advice calls for a question, or before the first evaluation."""
    findings = getattr(ctl.advice, "findings", None)
    questions = interview_kit(ctl.plan, findings, cand.task, cand.id)
    if questions:
        fields = screen.query_one("#form-fields")
        fields.mount(InterviewKit(questions, id="interview-kit"), before=0)
