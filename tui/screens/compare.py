"""The shortlisted candidates of one task side by side: one column per candidate."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from advisor.model import SHORTLIST_STATUSES

from ..app import PlanChanged
from ..widgets.panes import VIM_KEYS
from ..widgets.text import STATUS_RICH, lit, money, num, rich_lit, utc
from .base import SubScreen


class CompareTable(DataTable):
    BINDINGS = VIM_KEYS[:2]


class CompareScreen(SubScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="compare.back"),
        Binding("a", "all", "Shortlist / all", id="compare.toggle_all"),
    ]

    def __init__(self, task_id: str) -> None:
        super().__init__()
        self.task_id = task_id
        self.show_all = False

    def compose(self) -> ComposeResult:
        yield Static("", classes="screen-title", id="compare-title")
        yield CompareTable(id="compare-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.fill()
        self.query_one(CompareTable).focus()

    def on_plan_changed(self, message: PlanChanged) -> None:
        self.fill()

    def advice_changed(self) -> None:
        self.fill()

    def action_all(self) -> None:
        self.show_all = not self.show_all
        self.fill()

    def fill(self) -> None:
        plan = self.app.ctl.plan
        try:
            task = plan.task(self.task_id)
        except Exception:
            self.dismiss(None)
            return
        cands = [c for c in task.candidates if self.show_all or c.status in SHORTLIST_STATUSES]
        what = "all candidates" if self.show_all else "shortlist"
        self.query_one("#compare-title", Static).update(Content.assemble(
            "Compare · ", lit(task.title), f" · {what} ({len(cands)})"))
        table = self.query_one(CompareTable)
        table.clear(columns=True)
        if not cands:
            table.add_column("")
            table.add_row(Text("Nobody on the shortlist yet: press a to see every candidate, "
                               "or shortlist with s on the main screen."))
            return
        table.add_column("", key="_label")
        for c in cands:
            table.add_column(rich_lit(c.name, "bold"), key=c.id)
        cur = plan.business.currency
        findings = self.app.findings
        criteria: list[str] = []
        for c in cands:
            if c.interview:
                for k in c.interview.scores:
                    if k not in criteria:
                        criteria.append(k)

        def row(label: str, cells: list[Any]) -> None:
            table.add_row(Text(label, style="bold"), *cells)

        prices = [c.price(task) for c in cands]
        best = min((p for p in prices if p is not None), default=None)
        row("Price", [Text(money(p, cur) + (" ←lowest" if p is not None and p == best and len(cands) > 1 else ""))
                      for p in prices])
        row("Marketplace", [rich_lit(c.marketplace or "—") for c in cands])
        row("Rating", [Text(f"{num(c.rating, '.1f')} ({num(c.reviews)} reviews)") for c in cands])
        row("Jobs", [Text(num(c.jobs)) for c in cands])
        row("Job success", [Text(f"{c.job_success:g}%" if c.job_success is not None else "—") for c in cands])
        row("Where", [rich_lit(" ".join(x for x in (c.country or "", utc(c.utc_offset)) if x) or "—")
                      for c in cands])
        row("Status", [Text(c.status, style=STATUS_RICH.get(c.status, "")) for c in cands])
        row("Interview", [Text(f"{c.interview.average:.1f} avg" if c.interview and c.interview.average
                               else "—") for c in cands])
        for k in criteria:
            row(f"  {k}"[:18], [Text(str(c.interview.scores.get(k, "—")) if c.interview else "—") for c in cands])
        if findings is not None:
            cells = []
            for c in cands:
                items = [f for f in findings.for_candidate(c.id) if not f.suppressed]
                cells.append(Text(", ".join(f.severity for f in items) or "none",
                                  style="bold red" if any(f.severity == "risk" for f in items) else ""))
            row("Open advice", cells)
        row("Notes", [rich_lit((c.notes or c.reject_reason or "")[:40]) for c in cands])
