"""RowUpdateTable (tui/widgets/table.py): a cell update redraws one row. What reaches the screen
must be exactly what Textual's own DataTable draws after the same operations, and the rows that
did not change must not be rendered again."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from textual.app import App  # noqa: E402
from textual.widgets import DataTable  # noqa: E402

from tui.widgets.table import RowUpdateTable  # noqa: E402
from tui_helpers import screen_text  # noqa: E402

ROWS = 60  # the table shows ~10 of them: some updates are off screen


def screen_cells(app) -> list[list[tuple[str, str]]]:
    """Every line of the screen as (text, style without meta) segments."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return [[(s.text, str(s.style.clear_meta_and_links()) if s.style else "") for strip in line for s in strip]
            for line in update.strips]


class TableApp(App):
    def __init__(self, table_class: type[DataTable]) -> None:
        super().__init__()
        self.table_class = table_class

    def compose(self):
        yield self.table_class(id="t")

    def on_mount(self) -> None:
        table = self.query_one("#t", DataTable)
        table.cursor_type = "row"
        for key in ("a", "b", "c"):
            table.add_column(key.upper(), key=key)
        for i in range(ROWS):
            table.add_row(f"a{i}", f"b{i}", f"c{i}", key=f"r{i}")


async def run_steps(table_class: type[DataTable]) -> tuple[list, list[str]]:
    """The same edits on a table of ``table_class``; the screen (segments and text) after each."""
    app = TableApp(table_class)
    screens, texts = [], []
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one("#t", DataTable)
        table.focus()
        await pilot.pause()

        async def shot() -> None:
            await pilot.pause()
            screens.append(screen_cells(app))
            texts.append(screen_text(app))

        await shot()
        table.update_cell("r3", "b", "N03")          # a visible row
        await shot()
        table.update_cell("r0", "a", "Z0a")          # the cursor's row
        table.update_cell("r0", "c", "Z0c")         # twice in one row before a frame
        await shot()
        table.update_cell("r40", "a", "F40")        # off screen ...
        await shot()
        table.move_cursor(row=40)                     # ... then scrolled to
        await shot()
        table.update_cell("r41", "b", "b41")          # the same text again
        table.update_cell("r39", "c", "a much wider cell", update_width=True)  # every row moves
        await shot()
        table.move_cursor(row=2)
        table.update_cell("r2", "a", "K02")
        await shot()
    return screens, texts


async def test_cell_updates_draw_what_datatable_draws():
    ours, texts = await run_steps(RowUpdateTable)
    reference, _ = await run_steps(DataTable)
    assert "N03" in texts[1] and "b4 " in texts[1] and "a2 " in texts[1]
    assert "Z0a" in texts[2] and "Z0c" in texts[2] and "N03" in texts[2]
    assert "F40" not in texts[3] and "F40" in texts[4]
    assert "a much wider cell" in texts[5] and "F40" in texts[5]
    assert "K02" in texts[6] and "N03" in texts[6]
    for step, (mine, theirs) in enumerate(zip(ours, reference)):
        assert mine == theirs, f"step {step}: the screen differs from DataTable's"


async def test_a_cell_update_renders_only_its_row():
    app = TableApp(RowUpdateTable)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one("#t", RowUpdateTable)
        await pilot.pause()
        rendered: list[int] = []
        compute = table._compute_row_renderables  # called once per row DataTable renders afresh

        def counting(row_index: int):
            rendered.append(row_index)
            return compute(row_index)

        table._compute_row_renderables = counting
        table.update_cell("r4", "b", "X04")
        await pilot.pause()
        assert rendered == [4]
        assert "X04" in screen_text(app)
