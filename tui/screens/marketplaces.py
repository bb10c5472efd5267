"""Per marketplace: tasks posted, proposals, median price and rating, hires, fees and the owner's
notes, so the owner can see which one suits them (try several with small jobs first)."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from ..messages import AdviceChanged
from ..data import marketplace_stats
from ..widgets.panes import TABLE_KEYS
from ..widgets.text import lit, lit_block, money, num, rich_lit
from .base import SubScreen


class MarketTable(DataTable):
    BINDINGS = TABLE_KEYS


class MarketplacesScreen(SubScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="markets.back"),
        Binding("n", "notes", "Notes", id="markets.notes"),
        Binding("a", "add", "Add", id="markets.add"),
        Binding("e", "edit", "Edit fees", id="markets.edit"),
        Binding("d,delete", "delete", "Delete", id="markets.delete"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Marketplaces · try several with small jobs first", classes="screen-title")
        yield MarketTable(id="markets-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="market-notes")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(MarketTable)
        for key, label in (("name", "Marketplace"), ("posted", "Posted"), ("props", "Proposals"),
                           ("price", "Median price"), ("rating", "Median ★"), ("hires", "Hires"),
                           ("fees", "Fees")):
            table.add_column(label, key=key)
        self.fill()
        table.focus()

    def on_advice_changed(self, message: AdviceChanged) -> None:
        if message.plan_changed:
            self.fill()

    def fill(self) -> None:
        table = self.query_one(MarketTable)
        keep = table.cursor_row
        table.clear()
        cur = self.app.ctl.plan.business.currency
        self.stats = marketplace_stats(self.app.ctl.plan)
        for s in self.stats:
            fees = s.fees_text(lambda x: money(x, cur))
            table.add_row(rich_lit(s.name), Text(str(s.tasks_posted), justify="right"),
                          Text(str(s.proposals), justify="right"),
                          Text(money(s.median_price, cur), justify="right"),
                          Text(num(s.median_rating, ".1f"), justify="right"),
                          Text(str(s.hires), justify="right"), Text(fees), key=s.name)
        if self.stats:
            table.move_cursor(row=min(keep, len(self.stats) - 1))
        self.show_notes()

    def selected(self):
        table = self.query_one(MarketTable)
        if not getattr(self, "stats", None) or table.row_count == 0:
            return None
        return self.stats[min(table.cursor_row, len(self.stats) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_notes()

    def show_notes(self) -> None:
        s = self.selected()
        box = self.query_one("#market-notes", Static)
        if s is None:
            box.update("No marketplaces yet.")
            return
        box.update(Content.assemble(("Notes · ", "bold"), lit(s.name, "bold"), "\n",
                                    lit_block(s.notes) if s.notes else ("none yet (press n)", "$text-muted")))

    def action_notes(self) -> None:
        from .dialogs import ReasonScreen

        s = self.selected()
        if s is None:
            return
        plan = self.app.ctl.plan
        market = plan.marketplace(s.name)

        def done(text: str | None) -> None:
            if text is None:
                return
            from advisor.model import Marketplace

            m = replace(market, notes=text) if market else Marketplace(s.name, notes=text)
            self.app.save(lambda: self.app.ctl.save_marketplace(m, old_name=s.name if market else None))

        self.app.push_screen(ReasonScreen(Content.assemble("Notes on ", lit(s.name)),
                                          "What you learned about this marketplace", s.notes), done)

    def action_add(self) -> None:
        from .forms import MarketplaceForm

        self.app.push_screen(MarketplaceForm(None))

    def action_edit(self) -> None:
        from .forms import MarketplaceForm

        s = self.selected()
        if s is None:
            return
        market = self.app.ctl.plan.marketplace(s.name)
        if market is None:  # named by a task or candidate but not set up yet: create it
            from advisor.model import Marketplace

            self.app.push_screen(MarketplaceForm(None))
            return
        self.app.push_screen(MarketplaceForm(market))

    def action_delete(self) -> None:
        from .dialogs import ConfirmScreen

        s = self.selected()
        market = self.app.ctl.plan.marketplace(s.name) if s is not None else None
        if market is None:
            return

        def go(ok: bool | None) -> None:
            if ok:
                self.app.save(lambda: self.app.ctl.delete_marketplace(s.name, version=market.version))

        self.app.push_screen(ConfirmScreen(Content.assemble("Delete marketplace ", lit(s.name), "?"),
                                           "Tasks, rates and candidates keep its name as text.",
                                           yes="Delete"), go)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()
