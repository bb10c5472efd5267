"""Per marketplace: tasks posted, proposals, median price and rating, hires, fees and the owner's
notes, so the owner can see which one suits them (try several with small jobs first)."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from ..actions_registry import bindings
from ..data import marketplace_stats
from ..widgets.panes import TABLE_KEYS
from ..widgets.text import lit, lit_block, money, num, rich_lit
from .base import ListScreen


class MarketTable(DataTable):
    BINDINGS = TABLE_KEYS


class MarketplacesScreen(ListScreen):
    BINDINGS = bindings("markets")
    LIST = MarketTable
    LIST_ID = "markets-table"
    TITLE = "Marketplaces · try several with small jobs first"
    COLUMNS = (("name", "Marketplace"), ("posted", "Posted"), ("props", "Proposals"), ("price", "Median price"),
               ("rating", "Median ★"), ("hires", "Hires"), ("fees", "Fees"))

    def compose_below(self) -> ComposeResult:
        yield Static("", id="market-notes")

    def fill(self) -> None:
        cur = self.ctl.plan.business.currency
        self.show_rows(marketplace_stats(self.ctl.plan), lambda s: (
            rich_lit(s.name), Text(str(s.tasks_posted), justify="right"), Text(str(s.proposals), justify="right"),
            Text(money(s.median_price, cur), justify="right"), Text(num(s.median_rating, ".1f"), justify="right"),
            Text(str(s.hires), justify="right"), Text(s.fees_text(lambda x, code=cur: money(x, code)))),
            lambda _i, s: s.name)
        self.show_notes()

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
        market = self.ctl.plan.marketplace(s.name)

        def done(text: str | None) -> None:
            if text is None:
                return
            from advisor.plan.model import Marketplace

            m = replace(market, notes=text) if market else Marketplace(s.name, notes=text)
            self.app.save(lambda: self.ctl.save_marketplace(m, old_name=s.name if market else None))

        self.app.push_screen(ReasonScreen(Content.assemble("Notes on ", lit(s.name)),
                                          "What you learned about this marketplace", s.notes), done)

    def action_add(self) -> None:
        from .forms import MarketplaceForm

        self.app.push_screen(MarketplaceForm(self.ctl, None))

    def action_edit(self) -> None:
        from .forms import MarketplaceForm

        s = self.selected()
        if s is None:
            return
        market = self.ctl.plan.marketplace(s.name)
        if market is None:  # named by a task or candidate but not set up yet: create it

            self.app.push_screen(MarketplaceForm(self.ctl, None))
            return
        self.app.push_screen(MarketplaceForm(self.ctl, market))

    def action_delete(self) -> None:
        from .dialogs import ConfirmScreen

        s = self.selected()
        market = self.ctl.plan.marketplace(s.name) if s is not None else None
        if market is None:
            return

        def go(ok: bool | None) -> None:
            if ok:
                self.app.save(lambda: self.ctl.delete_marketplace(s.name, version=market.version))

        self.app.push_screen(ConfirmScreen(Content.assemble("Delete marketplace ", lit(s.name), "?"),
                                           "Tasks, rates and candidates keep its name as text.",
                                           yes="Delete"), go)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()
