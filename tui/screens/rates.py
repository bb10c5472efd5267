"""Going-rate observations: the selected task's skills first (or all), add, edit, delete."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, Static

from ..actions_registry import bindings
from ..data import Controller
from ..widgets.panes import TABLE_KEYS
from ..widgets.text import lit, money, rich_lit
from .base import ListScreen


class RatesTable(DataTable):
    BINDINGS = TABLE_KEYS


class RatesScreen(ListScreen):
    BINDINGS = bindings("rates")
    LIST = RatesTable
    LIST_ID = "rates-table"
    TITLE_ID = "rates-title"
    COLUMNS = (("skill", "Skill"), ("hourly", "Hourly"), ("market", "Marketplace"), ("date", "Date"),
               ("note", "Note"))

    def __init__(self, ctl: Controller, skills: list[str]) -> None:
        super().__init__(ctl)
        self.skills = list(skills)
        self.show_all = not self.skills

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all or not self.skills
        self.fill()

    def fill(self) -> None:
        plan = self.ctl.plan
        rates = plan.rates if self.show_all else plan.rates_for(self.skills)
        rates = sorted(rates, key=lambda r: (r.skill.lower(), r.hourly))
        what = "all skills" if self.show_all else ", ".join(self.skills)
        self.query_one("#rates-title", Static).update(Content.assemble(
            "Going rates · ", lit(what), f" · {len(rates)} observation(s)"))
        cur = plan.business.currency
        self.show_rows(rates, lambda r: (
            rich_lit(r.skill), Text(money(r.hourly, cur) + "/h", justify="right"), rich_lit(r.marketplace or "—"),
            Text(r.date.isoformat() if r.date else "—"), rich_lit(r.note)), lambda i, _r: str(i))

    def action_add(self) -> None:
        from .forms import RateForm

        self.app.push_screen(RateForm(self.ctl, self.skills[0] if self.skills else ""))

    def action_edit(self) -> None:
        from .forms import RateForm

        r = self.selected()
        if r is not None:
            self.app.push_screen(RateForm(self.ctl, r.skill, r))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        from .dialogs import ConfirmScreen

        r = self.selected()
        if r is None or r.id is None:
            return

        def go(ok: bool | None) -> None:
            if ok:
                self.app.save(lambda: self.ctl.delete_rate(r.id, version=r.version))

        self.app.push_screen(ConfirmScreen("Delete this rate observation?", Content.assemble(
            lit(r.skill), f" at {r.hourly:g}/h"), yes="Delete"), go)
