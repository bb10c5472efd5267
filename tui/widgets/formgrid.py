"""The rows of a form's grid (label | field) that are not a label and a field: they span both
columns (a field's error line, the interview kit).

Textual's grid measures an auto-height row by the widget in its first column at that column's
width, even when the widget spans more columns: text wrapped at the label column (16 cells or more) leaves
blank lines under it (and rows under it unpainted until the next key). :class:`SpanRow` measures
itself at the grid's whole width instead."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static


class SpanRow(Static):
    """A row across both columns of the form's grid, as high as its text wrapped at the grid's
    whole width (less its own margin, border and padding)."""

    DEFAULT_CSS = """
    SpanRow { column-span: 2; width: 1fr; height: auto; }
    """

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        # ``container`` is the grid's content size (what its columns share); ``width`` is the
        # first column's (the grid passes the column the row starts in)
        styles = self.styles
        whole = container.width - styles.gutter.width - styles.margin.width
        return super().get_content_height(container, viewport, max(width, whole))


class ErrorLine(SpanRow):
    """A field's error, in the grid row under the field."""
