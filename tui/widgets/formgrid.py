"""The rows of a form's grid (label | field) that are not a label and a field: they span both
columns (a field's error line, the interview kit)."""

from __future__ import annotations

from textual.widgets import Static


class ErrorLine(Static):
    """A field's error, spanning both columns of the form's grid. Its height is its text wrapped
    at the grid's whole width (the grid measures an auto row by the first column's width)."""

    def get_content_height(self, container, viewport, width: int) -> int:
        grid = self.parent
        whole = grid.scrollable_content_region.width if grid is not None else 0
        return super().get_content_height(container, viewport, max(width, whole))

