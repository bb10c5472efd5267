"""The shortlisted candidates of one task side by side: one column per candidate."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from advisor import clock
from advisor.advice.findings import WORST_FIRST
from advisor.plan.model import SHORTLIST_STATUSES

from ..widgets.footer import KeysFooter
from ..actions_registry import bindings
from ..data import Controller
from . import actions
from ..messages import AdviceChanged
from ..widgets.text import STATUS_RICH, lit, money, num, rich_lit, where
from .base import SubScreen


#: Candidates shown side by side before the table scrolls sideways; the label column's width.
VISIBLE = 5
LABEL_WIDTH = 15
#: Statuses in at most 9 cells, for narrow columns (whole words, not "interviewe").
STATUS_SHORT = {"shortlisted": "shortlist", "interviewed": "interview"}


class CompareTable(DataTable):
    """One column per candidate: the column cursor (left / right) picks the candidate; h is hire,
    as on the main screen."""

    BINDINGS: list = []  # DataTable's own keys (the arrows) are inherited


class CompareScreen(SubScreen):
    """Rank and all-in cost on top (:mod:`advisor.advice.value`), the record under them; the
    ranking's reason for the candidate under the column cursor in the line below the table."""

    BINDINGS = bindings("compare")
    DEFAULT_CSS = "#compare-why { height: auto; padding: 0 1; }"

    def __init__(self, ctl: Controller, task_id: str) -> None:
        super().__init__(ctl)
        self.task_id = task_id
        self.show_all = False

    def compose(self) -> ComposeResult:
        yield Static("", classes="screen-title", id="compare-title")
        yield CompareTable(id="compare-table", cursor_type="column", zebra_stripes=True)
        yield Static("", id="compare-why")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.fill()
        self.query_one(CompareTable).focus()

    def on_advice_changed(self, message: AdviceChanged) -> None:
        self.fill()

    def column_width(self, n: int) -> int | None:
        """Up to :data:`VISIBLE` candidates share the width (longer cells end in …); more scroll
        sideways. None: few enough that every cell fits at its own width."""
        free = max(self.size.width, 80) - LABEL_WIDTH - 2
        if n <= 2:
            return None
        return max(10, free // min(n, VISIBLE) - 2)

    def action_all(self) -> None:
        self.show_all = not self.show_all
        self.fill()

    def fill(self) -> None:
        plan = self.ctl.plan
        try:
            task = plan.task(self.task_id)
        except Exception:
            self.dismiss(None)
            return
        cands = [c for c in task.candidates if self.show_all or c.status in SHORTLIST_STATUSES]
        keep = self.selected().id if self.selected() is not None else None
        self.cands = cands
        what = "all candidates" if self.show_all else "shortlist"
        self.query_one("#compare-title", Static).update(Content.assemble(
            "Compare · ", lit(task.title), f" · {what} ({len(cands)})"))
        table = self.query_one(CompareTable)
        table.clear(columns=True)
        if not cands:
            table.add_column("")
            table.add_row(Text("Nobody on the shortlist yet: press a to see every candidate, "
                               "or shortlist with s on the main screen."))
            self.show_why()
            return
        table.add_column("", key="_label", width=LABEL_WIDTH)
        self._keep = keep
        width = self.column_width(len(cands))
        for c in cands:
            name = rich_lit(c.name, "bold")
            if width is not None:
                name.truncate(width, overflow="ellipsis")
            table.add_column(name, key=c.id, width=width)
        cur = plan.business.currency
        findings = self.ctl.advice.findings
        criteria: list[str] = []
        for c in cands:
            if c.interview:
                for k in c.interview.scores:
                    if k not in criteria:
                        criteria.append(k)

        def row(label: str, cells: list[Any]) -> None:
            if width is not None:  # a cut cell ends in … so nobody reads "interviewe" as a word
                for cell in cells:
                    cell.truncate(width, overflow="ellipsis")
            table.add_row(Text(label, style="bold"), *cells)

        self.values = self.ctl.ranks(plan, task)  # as the main table and `check` rank them
        live = sum(1 for v in self.values.values() if not v.excluded)
        row("Rank", [Text(("excluded" if v.excluded else f"#{v.rank} of {live}") if (v := self.values.get(c.id)) else "—",
                          style="bold" if v and v.rank == 1 else "") for c in cands])
        # a fixed fee no exchange rate converts is shown beside the total in its own currency
        row("All in", [Text(money(v.all_in_cost, cur) + (f" + {v.fee_left_out}" if v.fee_left_out else "")
                            if v and v.all_in_cost is not None
                            else "fees unknown" if v and v.total is not None else "—")
                       for c in cands for v in [self.values.get(c.id)]])
        row("vs median", [Text(f"{v.vs_median * 100:+.0f}%" if v and v.vs_median is not None else "—")
                              for c in cands for v in [self.values.get(c.id)]])
        prices = [c.price(task) for c in cands]
        best = min((p for p in prices if p is not None), default=None)
        row("Price", [Text(money(p, cur) + ((" ←lowest" if width is None or width >= 14 else " ←low") if p is not None and p == best and len(cands) > 1 else ""))
                      for p in prices])
        row("Marketplace", [rich_lit(c.marketplace or "—") for c in cands])
        reviews = " reviews" if width is None or width >= 16 else ""
        row("Rating", [Text(f"{num(c.rating, '.1f')} ({num(c.reviews)}{reviews})") for c in cands])
        row("Jobs", [Text(num(c.jobs)) for c in cands])
        row("Job success", [Text(f"{c.job_success:g}%" if c.job_success is not None else "—") for c in cands])
        day = self.ctl.today or clock.today()  # a zone's offset on the advice's day
        row("Where", [rich_lit(where(c, day) or "—") for c in cands])
        short = width is not None and width < 11
        row("Status", [Text(STATUS_SHORT.get(c.status, c.status) if short else c.status,
                            style=STATUS_RICH.get(c.status, "")) for c in cands])
        row("Interview", [Text(f"{c.interview.average:.1f} avg" if c.interview and c.interview.average
                               else "—") for c in cands])
        for k in criteria:
            row(f"  {k}"[:LABEL_WIDTH], [Text(str(c.interview.scores.get(k, "—")) if c.interview else "—") for c in cands])
        if findings is not None:
            cells = []
            for c in cands:
                items = [f for f in findings.for_candidate(c.id) if not f.suppressed]
                counts = {s: sum(f.severity == s for f in items) for s in WORST_FIRST}
                label = " ".join(f"{n} {s}" for s, n in counts.items() if n) or "none"
                cells.append(Text(label, style="bold red" if counts["risk"] else ""))
            row("Open advice", cells)
        row("Notes", [rich_lit((c.notes or c.reject_reason or "")[:40]) for c in cands])
        self._restore_cursor(self._keep)
        self.show_why()

    def show_why(self) -> None:
        """``#1 Ana P.: interview (4.5/5), 14% under the median`` for the selected candidate."""
        c = self.selected()
        v = getattr(self, "values", {}).get(c.id) if c is not None else None
        why = self.query_one("#compare-why", Static)
        if v is None:
            why.update("" if c is None else Content.assemble(lit(c.name, "bold"), ": not in the ranking (rejected)"))
            return
        if v.excluded:  # ruled out by the advice: not ranked
            why.update(Content.assemble(lit(c.name, "bold"), ": excluded, ", lit(v.excluded)))
            return
        why.update(Content.assemble((f"#{v.rank} ", "bold"), lit(c.name, "bold"), ": ", lit(v.reason)))

    # -- decisions on the candidate under the column cursor
    def selected(self):
        table = self.query_one(CompareTable)
        cands = getattr(self, "cands", [])
        col = table.cursor_column - 1  # column 0 holds the labels
        if not cands or not 0 <= col < len(cands):
            return None
        return cands[col]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("shortlist", "reject", "interview", "hire"):
            return True if self.selected() is not None else None
        return True

    def _the_task(self):
        return self.ctl.plan.task(self.task_id)

    def action_shortlist(self) -> None:
        if (c := self.selected()) is not None:
            actions.shortlist(self.app, self.ctl, c)

    def action_reject(self) -> None:
        if (c := self.selected()) is not None:
            actions.reject(self.app, self.ctl, c)

    def action_interview(self) -> None:
        if (c := self.selected()) is not None:
            actions.interview(self.app, self.ctl, c)

    def action_hire(self) -> None:
        if (c := self.selected()) is not None:
            actions.hire(self.app, self.ctl, self._the_task(), c)

    def _restore_cursor(self, keep: str | None) -> None:
        table = self.query_one(CompareTable)
        ids = [c.id for c in getattr(self, "cands", [])]
        col = ids.index(keep) + 1 if keep in ids else (1 if ids else 0)
        table.move_cursor(column=col, animate=False)
        self.refresh_bindings()

    def on_data_table_column_highlighted(self, event: DataTable.ColumnHighlighted) -> None:
        if event.data_table.cursor_column == 0 and getattr(self, "cands", None):  # the labels
            event.data_table.move_cursor(column=1, animate=False)
        self.refresh_bindings()
        self.show_why()
