"""A DataTable whose cell updates redraw one row, not the whole table."""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowKey


class RowUpdateTable(DataTable):
    """``update_cell`` redraws only the row it changed.

    Textual's DataTable (8.2.8, pinned) keys every render cache (cells, rows, lines) by one
    table-wide update counter that ``update_cell`` increments, and refreshes the whole widget: one
    changed cell renders every visible cell again (~20 ms for a screen of 10 columns, most of a
    keystroke's frame). Here an update that keeps the column widths leaves the counter alone,
    drops only that row's cached renderings and refreshes only that row's region. Everything
    else (adding, removing and sorting rows, a cell that widens its column, resizes, styles) is
    DataTable's own path. This reaches into DataTable's private caches; the Pilot tests in
    ``tests/test_tui_table.py`` check what reaches the screen, so a Textual upgrade that changes
    them fails there.
    """

    def update_cell(self, row_key: RowKey | str, column_key: ColumnKey | str, value: object, *,
                    update_width: bool = False) -> None:
        if isinstance(row_key, str):
            row_key = RowKey(row_key)
        if isinstance(column_key, str):
            column_key = ColumnKey(column_key)
        row = self.rows.get(row_key)
        if update_width or row is None or row.auto_height or column_key not in self._column_locations:
            # a width or height may change (every row moves), or the cell does not exist
            super().update_cell(row_key, column_key, value, update_width=update_width)
            return
        self._data[row_key][column_key] = value
        self._forget_row(row_key)

    def _forget_row(self, row_key: RowKey) -> None:
        """Drop the cached renderings of one row (cells, the row's lines, the screen lines it
        covers) and repaint its region; the other rows' caches stay valid."""
        index = self._row_locations.get(row_key)
        if index is None:
            raise CellDoesNotExist(f"No row exists for row_key={row_key!r}.")
        # Cell and row caches start with the row key: the very object DataTable stores in
        # _row_locations and Row.key (compared by identity: StringKey.__eq__ is a Python call
        # per entry); row renderables are (count, index).
        key = self._row_locations.get_key(index)
        for cache in (self._cell_render_cache, self._row_render_cache):
            for k in [k for k in cache.keys() if k[0] is key]:
                cache.discard(k)
        for k in [k for k in self._row_renderable_cache.keys() if k[1] == index]:
            self._row_renderable_cache.discard(k)
        # Line caches start with the line's y in the whole table (header included).
        region = self._get_row_region(index)
        ys = range(region.y, region.y + region.height)
        for k in [k for k in self._line_cache.keys() if k[0] in ys]:
            self._line_cache.discard(k)
        self.refresh_row(index)
