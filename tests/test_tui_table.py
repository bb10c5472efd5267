"""The panes' redraw shortcuts. RowUpdateTable (tui/widgets/table.py): a cell update redraws one
row; QuickOptionList (tui/widgets/lists.py, the task and advice lists): a new number of lines
without a screen layout, a replaced prompt redraws one option. What reaches the screen must be
exactly what Textual's own DataTable / OptionList draw after the same operations, and the work
skipped must really be skipped."""

from __future__ import annotations


import pytest

pytest.importorskip("textual")

from textual.app import App  # noqa: E402
from textual.widgets import DataTable, OptionList, Static  # noqa: E402

from advisor.advice.steps import AdviceLine  # noqa: E402
from advisor.advice.findings import Finding  # noqa: E402
from tui.widgets.panes import AdviceList  # noqa: E402
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


# --------------------------------------------------------------------------- the advice list

class PlainAdviceList(AdviceList):
    """AdviceList with OptionList's own line handling (a new length lays out the screen, a new
    prompt draws every option again)."""

    _update_lines = OptionList._update_lines
    refresh = OptionList.refresh

    def replace_prompt(self, index: int, prompt) -> None:
        self.replace_option_prompt_at_index(index, prompt)


def advice(n: int, word: str = "item") -> list[AdviceLine]:
    """Lines of one line each (no fix to show under them)."""
    return [AdviceLine((Finding(rule="r", severity=("risk", "warning", "info")[i % 3], about="task", task="t",
                                candidate=None, title=f"{word} {i}", message="", suppressed=i == 1),))
            for i in range(n)]


class AdviceApp(App):
    CSS = "AdviceList { height: 1fr; border: none; } #below { height: 3; }"

    def __init__(self, list_class: type[AdviceList]) -> None:
        super().__init__()
        self.list_class = list_class

    def compose(self):
        yield self.list_class(id="advice")
        yield Static("under the list", id="below")


async def advice_steps(list_class: type[AdviceList]) -> tuple[list, list[str], list[int]]:
    """Lists of several lengths (within the list's 9 lines, then past them and back); the screen
    and the number of screen layouts after each."""
    app = AdviceApp(list_class)
    screens, texts, layouts = [], [], []
    async with app.run_test(size=(50, 12)) as pilot:
        box = app.query_one(AdviceList)
        box.focus()
        await pilot.pause()
        count = [0]
        layout = app.screen._refresh_layout

        def counting(*a, **k):
            count[0] += 1
            return layout(*a, **k)

        app.screen._refresh_layout = counting
        for n, word in ((3, "first"), (5, "second"), (2, "third"), (2, "fourth"), (20, "many"),
                        (25, "more"), (4, "few"), (0, "none")):
            count[0] = 0
            box.show(advice(n, word), empty="No open advice here.")
            await pilot.pause()
            await pilot.pause()
            screens.append(screen_cells(app))
            texts.append(screen_text(app))
            layouts.append(count[0])
    return screens, texts, layouts


async def test_advice_list_of_a_new_length_draws_what_option_list_draws_without_a_layout():
    ours, texts, layouts = await advice_steps(AdviceList)
    reference, _, ref_layouts = await advice_steps(PlainAdviceList)
    assert "second 4" in texts[1] and "first" not in texts[1] and "under the list" in texts[1]
    assert "third 1" in texts[2] and "second" not in texts[2]
    assert "many 8" in texts[4] and "▇" in texts[4]  # the scrollbar
    assert "few 3" in texts[6] and "more" not in texts[6] and "▇" not in texts[6]
    assert "No open advice here." in texts[7]
    for step, (mine, theirs) in enumerate(zip(ours, reference)):
        assert mine == theirs, f"step {step}: the screen differs from OptionList's"
    # a new length within the list's height, past it with the scrollbar already there, or the
    # same length: no layout; the scrollbar appearing or going is one
    assert layouts[1] == layouts[2] == layouts[3] == layouts[5] == layouts[7] == 0, layouts
    assert layouts[4] >= 1 and layouts[6] >= 1, layouts
    assert ref_layouts[1] >= 1 and ref_layouts[2] >= 1, ref_layouts  # the test can tell


async def prompt_steps(list_class: type[AdviceList]) -> tuple[list, list[str], list[int]]:
    """Prompts replaced one at a time (visible, highlighted, off screen then scrolled to, one
    that needs two lines, back to one); the screen and how many options were drawn afresh."""
    app = AdviceApp(list_class)
    screens, texts, drawn = [], [], []
    async with app.run_test(size=(50, 12)) as pilot:
        box = app.query_one(AdviceList)
        box.set_options([f"option {i}" for i in range(30)])
        box.highlighted = 1
        box.focus()
        await pilot.pause()
        long = "a prompt far too long for one line of this list, so it wraps onto a second one"
        for step in ((3, "third, replaced"), (1, "the highlighted one"), (20, "far down"), (4, long),
                     (4, "short again"), (4, "short again!"), "scroll", (21, "scrolled, replaced")):
            misses = box._option_render_cache.misses
            if step == "scroll":
                box.highlighted = 22
            else:
                box.replace_prompt(*step)
            await pilot.pause()
            await pilot.pause()
            screens.append(screen_cells(app))
            texts.append(screen_text(app))
            drawn.append(box._option_render_cache.misses - misses)
    return screens, texts, drawn


async def test_a_replaced_prompt_draws_what_option_list_draws_and_only_its_option():
    ours, texts, drawn = await prompt_steps(AdviceList)
    reference, _, ref_drawn = await prompt_steps(PlainAdviceList)
    assert "third, replaced" in texts[0] and "option 2" in texts[0] and "option 4" in texts[0]
    assert "the highlighted one" in texts[1]
    assert "so it wraps" in texts[3] and "option 5" in texts[3]
    assert "short again" in texts[4] and "short again!" in texts[5] and "option 5" in texts[5]
    assert "far down" not in texts[5] and "far down" in texts[6]
    assert "scrolled, replaced" in texts[7] and "far down" in texts[7]
    for step, (mine, theirs) in enumerate(zip(ours, reference)):
        assert mine == theirs, f"step {step}: the screen differs from OptionList's"
    assert drawn[0] == drawn[1] == drawn[5] == drawn[7] == 1 and drawn[2] == 0, drawn  # the option itself
    assert ref_drawn[0] > 5, ref_drawn  # OptionList draws every visible option: the test can tell


# --------------------------------------------------------------------------- the candidates table

async def test_candidate_prices_follow_the_task_pricing_and_hours(tmp_path):
    """The table keeps each candidate's cell texts while the candidate is the same record; the
    price column also depends on the task's pricing and hours."""
    from dataclasses import replace

    from tui.widgets.panes import CandidateTable
    from tui_helpers import make_app, settle

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CandidateTable)

        def price(cid: str) -> str:
            return str(table.get_cell(cid, "price"))

        def edit_task(**changes) -> None:
            task = next(t for t in app.ctl.plan.tasks if t.id == "logo")
            app.save(lambda: app.ctl.save_task(replace(task, **changes)))

        assert (price("ana"), price("dora")) == ("$280", "$500")  # fixed price: the bids
        edit_task(pricing="hourly")
        await settle(pilot)
        assert (price("ana"), price("dora")) == ("$30/h", "$50/h")  # Dora: 500 bid / 10 hours
        edit_task(hours=20.0)
        await settle(pilot)
        assert (price("ana"), price("dora")) == ("$30/h", "$25/h")
        assert "$25/h" in screen_text(app)
        task = next(t for t in app.ctl.plan.tasks if t.id == "logo")
        cand = next(c for c in task.candidates if c.id == "ana")
        app.save(lambda: app.ctl.save_candidate(replace(cand, hourly=33.0)))
        await settle(pilot)
        assert price("ana") == "$33/h" and "$33/h" in screen_text(app)


async def test_a_long_name_is_cut_so_status_and_score_stay_on_screen(tmp_path):
    """At 80 columns a long candidate name is cut with … (the form and the advice pane show it
    whole) and Status and Score stay visible; a wider terminal shows more of it, at last whole."""
    from dataclasses import replace

    from advisor.storage.planfile import load_plan
    from advisor.resources import demo_plan_path
    from tui_helpers import make_app, settle

    long = "Ben K. Kowalczyk-Abernathy-Worthington of Manchester"
    plan = load_plan(demo_plan_path())
    logo = plan.task("logo")
    logo.candidates[:] = [replace(c, name=long) if c.id == "ben" else c for c in logo.candidates]
    app = make_app(tmp_path, plan)

    def row_of_ben() -> str:
        return next(line for line in screen_text(app).splitlines() if "Ben K." in line and "Upwork" in line)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = next(line for line in screen_text(app).splitlines() if "Name" in line and "Market" in line)
        assert header.rstrip(" │").endswith("Score")
        row = row_of_ben()
        assert "…" in row and long not in row
        assert row.rstrip(" │").endswith("shortlisted      —")  # Status and Score whole
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        wider = row_of_ben()
        assert "…" in wider and len(wider.split("…")[0]) > len(row.split("…")[0])
        assert wider.rstrip(" │").endswith("shortlisted      —")
        await pilot.resize_terminal(160, 30)
        await settle(pilot)
        assert long in row_of_ben() and "…" not in row_of_ben()
        await pilot.resize_terminal(80, 24)  # and back: the column narrows again
        await settle(pilot)
        assert row_of_ben() == row
