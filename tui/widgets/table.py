"""A DataTable whose cell updates redraw one row, not the whole table."""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowKey

from .. import textual_hacks


class RowUpdateTable(DataTable):
    """``update_cell`` redraws only the row it changed.

    Textual's DataTable (8.2.8, pinned) keys every render cache (cells, rows, lines) by one
    table-wide update counter that ``update_cell`` increments, and refreshes the whole widget: one
    changed cell renders every visible cell again (~20 ms for a screen of 10 columns, most of a
    keystroke's frame). Here an update that keeps the column widths leaves the counter alone,
    drops only that row's cached renderings and refreshes only that row's region. Everything
    else (adding, removing and sorting rows, a cell that widens its column, resizes, styles) is
    DataTable's own path. The private caches are reached in ``tui/textual_hacks.py`` (behind its
    Textual version check); the Pilot tests in ``tests/test_tui_table.py`` check what reaches the
    screen.
    """

    def update_cell(self, row_key: RowKey | str, column_key: ColumnKey | str, value: object, *,
                    update_width: bool = False) -> None:
        if isinstance(row_key, str):
            row_key = RowKey(row_key)
        if isinstance(column_key, str):
            column_key = ColumnKey(column_key)
        row = self.rows.get(row_key)
        if (update_width or row is None or row.auto_height
                or not textual_hacks.table_cell_in_place(self, row_key, column_key, value)):
            # a width or height may change (every row moves), or the cell does not exist
            super().update_cell(row_key, column_key, value, update_width=update_width)
            return
        self._forget_row(row_key)

    def _forget_row(self, row_key: RowKey) -> None:
        """Drop the cached renderings of one row (cells, the row's lines, the screen lines it
        covers) and repaint its region; the other rows' caches stay valid."""
        if not textual_hacks.forget_table_row(self, row_key):
            raise CellDoesNotExist(f"No row exists for row_key={row_key!r}.")
