"""Going-rate observations: the selected task's skills first (or all), add, edit, delete."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from ..messages import AdviceChanged
from ..widgets.panes import TABLE_KEYS
from ..widgets.text import lit, money, rich_lit
from .base import SubScreen


class RatesTable(DataTable):
    BINDINGS = TABLE_KEYS


class RatesScreen(SubScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="rates.back"),
        Binding("a", "add", "Add", id="rates.add"),
        Binding("e", "edit", "Edit", id="rates.edit"),
        Binding("d,delete", "delete", "Delete", id="rates.delete"),
        Binding("f", "toggle_all", "This task / all", id="rates.toggle_all"),
    ]

    def __init__(self, skills: list[str]) -> None:
        super().__init__()
        self.skills = list(skills)
        self.show_all = not self.skills

    def compose(self) -> ComposeResult:
        yield Static("", classes="screen-title", id="rates-title")
        yield RatesTable(id="rates-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(RatesTable)
        for key, label in (("skill", "Skill"), ("hourly", "Hourly"), ("market", "Marketplace"),
                           ("date", "Date"), ("note", "Note")):
            table.add_column(label, key=key)
        self.fill()
        table.focus()

    def on_advice_changed(self, message: AdviceChanged) -> None:
        if message.plan_changed:
            self.fill()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all or not self.skills
        self.fill()

    def fill(self) -> None:
        plan = self.app.ctl.plan
        rates = plan.rates if self.show_all else plan.rates_for(self.skills)
        self.rates = sorted(rates, key=lambda r: (r.skill.lower(), r.hourly))
        what = "all skills" if self.show_all else ", ".join(self.skills)
        self.query_one("#rates-title", Static).update(Content.assemble(
            "Going rates · ", lit(what), f" · {len(self.rates)} observation(s)"))
        table = self.query_one(RatesTable)
        keep = table.cursor_row
        table.clear()
        cur = plan.business.currency
        for i, r in enumerate(self.rates):
            table.add_row(rich_lit(r.skill), Text(money(r.hourly, cur) + "/h", justify="right"),
                          rich_lit(r.marketplace or "—"), Text(r.date.isoformat() if r.date else "—"),
                          rich_lit(r.note), key=str(i))
        if self.rates:
            table.move_cursor(row=min(keep, len(self.rates) - 1))

    def selected(self):
        table = self.query_one(RatesTable)
        if not getattr(self, "rates", None) or table.row_count == 0:
            return None
        return self.rates[min(table.cursor_row, len(self.rates) - 1)]

    def action_add(self) -> None:
        from .forms import RateForm

        self.app.push_screen(RateForm(self.skills[0] if self.skills else ""))

    def action_edit(self) -> None:
        from .forms import RateForm

        r = self.selected()
        if r is not None:
            self.app.push_screen(RateForm(r.skill, r))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        from .dialogs import ConfirmScreen

        r = self.selected()
        if r is None or r.id is None:
            return

        def go(ok: bool | None) -> None:
            if ok:
                self.app.save(lambda: self.app.ctl.delete_rate(r.id, version=r.version))

        self.app.push_screen(ConfirmScreen("Delete this rate observation?", Content.assemble(
            lit(r.skill), f" at {r.hourly:g}/h"), yes="Delete"), go)
