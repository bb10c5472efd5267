"""The four panes of the main screen: tasks, budget, candidates and advice.

Panes only display what they are given and post messages; the main screen decides what to show.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import Any, Callable

from rich.cells import cell_len
from rich.text import Text
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from advisor import clock
from advisor.advice.steps import ordered
from advisor.plan.zones import offset_on
from advisor.plan.model import CANDIDATE_STATUSES, Candidate, Plan, Task
from advisor.text import search_matches

from ..actions_registry import bindings
from ..data import costs_with_fees, going_rate
from ..textual_hacks import TextInput
from .lists import QuickOptionList
from .table import RowUpdateTable
from .text import (SEVERITY_STYLE, SEVERITY_WORD, STATUS_RICH, STATUS_STYLE, badge, lit, money, num,
                   rate_chart, rich_lit, where as where_text)

VIM_KEYS = bindings("list")

#: The same keys on a DataTable (its own actions for first and last row).
TABLE_KEYS = bindings("list", table=True)


# --------------------------------------------------------------------------- tasks

class TaskList(QuickOptionList):
    BINDINGS = VIM_KEYS

    class TaskHighlighted(Message):
        def __init__(self, task_id: str | None) -> None:
            super().__init__()
            self.task_id = task_id

    def show(self, plan: Plan, counts: Callable[[str], dict[str, int] | None], selected: str | None) -> None:
        """Show the tasks; only rows whose text changed are rebuilt (a workspace may have hundreds)."""
        self._last = (plan, counts, selected)
        width = max(24, self.scrollable_content_region.width or 36)
        memo: dict[tuple, Content] = {}  # most tasks share a handful of badges
        badges = {}
        for t in plan.tasks:
            c = counts(t.id)
            k = None if c is None else (c.get("risk", 0), c.get("warning", 0), c.get("info", 0))
            b = memo.get(k)
            if b is None:
                b = memo[k] = badge(c)
            badges[t.id] = b
        bw = max((b.cell_length for b in badges.values()), default=2)
        sw = max((len(t.status) for t in plan.tasks), default=5)
        bw = (bw, sw)
        sigs = [(t.id, t.title, t.size, t.status, t.critical, badges[t.id].plain, width, bw)
                for t in plan.tasks]
        old_sigs = getattr(self, "_sigs", None)
        if old_sigs is not None and [x[0] for x in old_sigs] == [x[0] for x in sigs]:
            for i, (new, old) in enumerate(zip(sigs, old_sigs)):
                if new != old:
                    self.replace_prompt(i, self._prompt(plan.tasks[i], badges, width, bw))
        else:
            old = self.highlighted
            self.set_options([Option(self._prompt(t, badges, width, bw), id=t.id) for t in plan.tasks])
            if plan.tasks and selected is None:
                self.highlighted = min(old or 0, len(plan.tasks) - 1)
        self._sigs = sigs
        if not plan.tasks:
            self.set_options([Option(Content.styled("No tasks yet: press t to add one, or I to import a plan.",
                                                    "$text-muted"), disabled=True)])
            self._sigs = None
            return
        index = next((i for i, t in enumerate(plan.tasks) if t.id == selected), None)
        if index is not None and index != self.highlighted:
            self.highlighted = index

    @staticmethod
    def _prompt(t: Task, badges: dict[str, Content], width: int, widths: tuple[int, int]) -> Content:
        b = badges[t.id]
        bw, sw = widths
        title_w = max(4, width - 8 - sw - bw)
        crit = ("!", "bold $error") if t.critical else " "
        return Content.assemble(
            crit, lit(t.title).truncate(title_w, ellipsis=True, pad=True), " ",
            (f"{t.size[:3]:<3}", "$text-muted"), " ",
            (f"{t.status:<{sw}}", STATUS_STYLE.get(t.status, "")), " ", b,
        )

    def on_resize(self) -> None:
        last = getattr(self, "_last", None)
        if last:
            self.show(*last)

    @property
    def selected_id(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        option = self.get_option_at_index(self.highlighted)
        return None if option.disabled else option.id

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.TaskHighlighted(event.option.id))


# --------------------------------------------------------------------------- budget

class BudgetPane(Static):
    """Budget, hours, effective rate, cost with fees and the going rate as a picture."""

    def show(self, plan: Plan, task: Task | None) -> None:
        self._last = (plan, task)
        content = self.render_budget(plan, task, max(24, self.content_region.width or 38))
        key = (content.plain, tuple(content.spans))
        if key != getattr(self, "_shown", None):  # the pane's size is fixed: no layout needed
            self._shown = key
            self.update(content, layout=False)

    def on_resize(self) -> None:
        last = getattr(self, "_last", None)
        if last:
            self.show(*last)

    @staticmethod
    def render_budget(plan: Plan, task: Task | None, width: int) -> Content:
        if task is None:
            return Content("No task selected. Press t to add one.")
        cur = plan.business.currency
        lines: list[Content] = []

        def row(label: str, value: Content | str) -> None:
            lines.append(Content.assemble((f"{label:<8}", "$text-muted"), value))

        unit = "fixed price" if task.pricing == "fixed" else "per hour"
        row("Budget", f"{money(task.budget, cur)} {unit}" + (f" · {num(task.hours)} h" if task.hours else ""))
        rate = task.effective_rate
        row("Rate", f"{money(rate, cur)}/h effective" if rate is not None else "— (needs budget and hours)")
        fees = costs_with_fees(plan, task)
        if fees:
            row("Cost", Content(" · ".join(f"{money(f.total, cur) if f.total is not None else 'fees unknown'} "
                                         f"{f.marketplace}" for f in fees[:3])).truncate(width - 8))
        else:
            row("Cost", "—")
        g = going_rate(plan, task)
        if g.samples == 0:
            row("Going", f"no rates recorded for {', '.join(task.skills) or 'its skills'} (press r)")
            return Content("\n").join(lines)
        row("Going", Content.assemble(
            ("P25 ", "$text-muted"), money(int(g.p25 + 0.5), cur), (" med ", "$text-muted"),
            money(int(g.median + 0.5), cur), (" P75 ", "$text-muted"), money(int(g.p75 + 0.5), cur),
            (f" n={g.samples}", "$text-muted")))
        lo_s, hi_s = money(g.low, cur), money(g.high, cur)
        if rate is not None:
            lo_s, hi_s = money(min(g.low, rate), cur), money(max(g.high, rate), cur)
        chart_w = max(10, width - len(lo_s) - len(hi_s) - 2)
        chart, marker = rate_chart(chart_w, g.low, g.p25, g.median, g.p75, g.high, rate)
        if rate is None:
            style = "$primary"
        elif rate < g.p25:
            style = "$error"
        elif rate > g.p75:
            style = "$warning"
        else:
            style = "$success"
        lines.append(Content.assemble((lo_s + " ", "$text-muted"), (chart, "$primary"),
                                      (" " + hi_s, "$text-muted")))
        if rate is not None:
            pos = marker.index("▲")
            label = f"▲ budget {money(rate, cur)}/h"
            pad = len(lo_s) + 1 + pos
            if pad + len(label) > width:  # flip the label to the left of the marker
                label = f"budget {money(rate, cur)}/h ▲"
                pad = max(0, pad - len(label) + 1)
            lines.append(Content.assemble(" " * pad, (label, style)))
        return Content("\n").join(lines)


# --------------------------------------------------------------------------- candidates

COLUMNS = [
    ("name", "Name"), ("market", "Market"), ("price", "Price"), ("rating", "★"), ("reviews", "Rev"),
    ("jobs", "Jobs"), ("jss", "JSS"), ("where", "Where"), ("status", "Status"), ("score", "Score"),
]
COLUMN_KEYS = [k for k, _ in COLUMNS]


#: the lifecycle order of a candidate's status (the model defines the statuses)
_STATUS_ORDER = {s: i for i, s in enumerate(CANDIDATE_STATUSES)}

def _offset_now(c: Candidate) -> float:
    """The candidate's offset today (a zone's follows daylight saving); 99 (last) when unknown."""
    try:
        off = offset_on(c.timezone, c.utc_offset, clock.today())
    except ValueError:
        off = None
    return 99.0 if off is None else off


_SORT_FIELDS: dict[str, Callable[[Candidate, Task], Any]] = {
    "name": lambda c, t: c.name.lower(),
    "market": lambda c, t: (c.marketplace or "").lower(),
    "price": lambda c, t: c.price(t),
    "rating": lambda c, t: c.rating,
    "reviews": lambda c, t: c.reviews,
    "jobs": lambda c, t: c.jobs,
    "jss": lambda c, t: c.job_success,
    "where": lambda c, t: ((c.country or "").lower(), _offset_now(c)),
    "status": lambda c, t: _STATUS_ORDER.get(c.status),
    "score": lambda c, t: c.interview.average if c.interview else None,
}


def _sort_value(c: Candidate, task: Task, key: str) -> Any:
    v = _SORT_FIELDS[key](c, task)
    return (v is None, v if v is not None else 0)


def sort_candidates(cands: list[Candidate], task: Task, key: str, reverse: bool) -> list[Candidate]:
    """Sorted by ``key``, blanks last in their given order; each candidate's value is computed
    once (a task's candidates are sorted again on every keystroke)."""
    keyed = [(_sort_value(c, task, key), c) for c in cands]
    present = [vc for vc in keyed if vc[0][0] is False]
    present.sort(key=itemgetter(0), reverse=reverse)
    return [c for _, c in present] + [c for v, c in keyed if v[0] is True]  # blanks always last


def matches(c: Candidate, needle: str) -> bool:
    if not needle:
        return True
    hay = " ".join(x for x in (c.name, c.marketplace or "", c.country or "", c.status, c.notes, c.id) if x)
    return search_matches(needle, hay)


#: cells a name keeps however narrow the table
NAME_MIN = 8


class CandidateTable(RowUpdateTable):
    """The candidates of a task, one row each. A long name is cut (with …) where the other
    columns leave room, so Status and Score stay on screen at 80 columns; the form and the
    advice pane show it whole."""

    BINDINGS = TABLE_KEYS

    #: cells for a name (None: not laid out yet, names whole); the last :meth:`show` call's
    #: arguments, to show them again when a resize changes the room
    _name_room: int | None = None
    _last: tuple | None = None
    #: the day zones' offsets are shown for (None: the system's today)
    _day: date | None = None

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = False
        for key, label in COLUMNS:
            self.add_column(label, key=key)

    #: (task id, candidate ids in row order, each row's cell texts) of what the table shows
    _shown: tuple[str, list[str], dict[str, tuple[str, ...]]] | None = None

    @staticmethod
    def _values(c: Candidate, task: Task, currency: str, day: date) -> tuple[str, ...]:
        """The text of each column's cell (the cells are made from these alone); ``day``: the
        day a time zone's offset is shown for (the app's today)."""
        price = c.price(task)
        price_s = money(price, currency) + ("/h" if task.pricing == "hourly" and price is not None else "")
        iv = c.interview.average if c.interview else None
        where = where_text(c, day)
        return (c.name, c.marketplace or "—", price_s, num(c.rating, ".1f"), num(c.reviews), num(c.jobs),
                f"{c.job_success:g}%" if c.job_success is not None else "—", where, c.status,
                f"{iv:.1f}" if iv is not None else "—")

    #: the task fields and currency the cell texts were made with; per candidate id, the
    #: candidate and its cell texts
    _made: tuple[tuple, dict[str, tuple[Candidate, tuple[str, ...]]]] = ((), {})

    def _rows(self, task: Task, cands: list[Candidate], currency: str) -> dict[str, tuple[str, ...]]:
        """Each candidate's cell texts. A candidate that is the very object shown last time
        keeps its texts when the task's pricing and hours and the currency are the same: records
        are replaced on an edit, never changed in place (see ``Controller.snapshot``), and
        making the texts of 300 candidates was ~1 ms of every keystroke."""
        day = self._day or clock.today()
        context = (task.pricing, task.hours, currency, day)
        before = self._made[1] if self._made[0] == context else {}
        made: dict[str, tuple[Candidate, tuple[str, ...]]] = {}
        for c in cands:
            hit = before.get(c.id)
            made[c.id] = hit if hit is not None and hit[0] is c else (c, self._values(c, task, currency, day))
        self._made = (context, made)
        return {cid: values for cid, (_, values) in made.items()}

    def _room_for_names(self, rows: dict[str, tuple[str, ...]]) -> int | None:
        """Cells left for the name column once every other column is as wide as its widest
        cell or its header."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return None
        widths = []
        for key, label in COLUMNS:
            col = self.columns.get(key)  # type: ignore[arg-type]
            widths.append(col.label.cell_len if col is not None else cell_len(label) + 1)
        for values in rows.values():
            for i in range(1, len(values)):
                n = cell_len(values[i])
                if n > widths[i]:
                    widths[i] = n
        others = sum(widths[1:]) + 2 * self.cell_padding * len(COLUMNS)
        return max(NAME_MIN, width - others)

    def on_resize(self) -> None:
        if self._last is not None and self._shown is not None:
            if self._room_for_names(self._shown[2]) != self._name_room:
                self._shown = None  # rebuild with the names cut to the new room
                self.show(*self._last)

    def _cell(self, key: str, value: str) -> Text:
        if key == "name":
            text = rich_lit(value)
            if self._name_room is not None and text.cell_len > self._name_room:
                text.truncate(self._name_room, overflow="ellipsis")
            return text
        if key in ("market", "where"):
            return rich_lit(value)
        if key == "status":
            return Text(value, style=STATUS_RICH.get(value, ""))
        return Text(value, justify="right")

    def show(self, task: Task | None, cands: list[Candidate], sort_key: str, reverse: bool,
             selected: str | None, currency: str, day: date | None = None) -> None:
        """Show ``cands`` (already filtered and sorted); ``day``: the day a zone's offset is
        shown for (the advice's today). When the task and the row order are the
        ones on screen, only the cells whose text changed are updated (an edit changes one row of
        up to hundreds); otherwise the rows are rebuilt."""
        labels = {key: label + (("▼" if reverse else "▲") if key == sort_key else "") for key, label in COLUMNS}
        relabelled = False
        for key, label in labels.items():
            col = self.columns.get(key)  # type: ignore[arg-type]
            if col is not None and col.label.plain != label:
                col.label = Text(label)
                relabelled = True  # the header is cached until the table is cleared
        self._last = (task, cands, sort_key, reverse, selected, currency, day)
        self._day = day
        if task is None:
            self.clear()
            self._shown = None
            return
        rows = self._rows(task, cands, currency)
        order = [c.id for c in cands]
        shown = self._shown
        if (not relabelled and shown is not None and shown[0] == task.id and shown[1] == order
                and self.row_count == len(order)):
            old = shown[2]
            for cid, values in rows.items():
                before = old.get(cid)
                if before == values:
                    continue
                for i, (key, _) in enumerate(COLUMNS):
                    if before is None or before[i] != values[i]:
                        cell = self._cell(key, values[i])
                        # widen the column when needed; never narrow it (a rebuild does not
                        # either), which would measure the whole column and lay the screen out
                        col = self.columns.get(key)  # type: ignore[arg-type]
                        wider = col is None or cell.cell_len > col.content_width
                        self.update_cell(cid, key, cell, update_width=wider)
        else:
            room = self._room_for_names(rows)
            if room != self._name_room and self.columns:
                # columns only ever widen; new room for names: start them again at their headers
                self.clear(columns=True)
                for key, label in labels.items():
                    self.add_column(Text(label), key=key)
            else:
                self.clear()
            self._name_room = room
            for cid, values in rows.items():
                self.add_row(*(self._cell(key, v) for (key, _), v in zip(COLUMNS, values)), key=cid)
        self._shown = (task.id, order, rows)
        if selected is not None and self.selected_id != selected:
            try:
                self.move_cursor(row=self.get_row_index(selected), animate=False)
            except Exception:
                pass

    @property
    def selected_id(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return key.value


class CandidatesPane(Vertical):
    def compose(self):
        box = TextInput(placeholder="filter: name, market, country, status…  (Enter: to the table, Esc: clear)",
                    id="cand-filter", compact=True, classes="-hidden")
        yield box
        yield CandidateTable(id="cand-table")


# --------------------------------------------------------------------------- advice

class AdviceList(QuickOptionList):
    """The advice for the selection, one option per line of :func:`advisor.advice.steps.arrange`
    (repeats folded): severity, title and whom it is about, and under a warning or a risk its
    fix, so what to do is read without opening it."""

    BINDINGS = VIM_KEYS

    #: enlarged (``z`` on the main screen): each line's message and fix whole, wrapped
    full = False

    def show(self, lines: list[Any], empty: str = "") -> None:
        width = max(20, (self.size.width or 60) - 2)
        old = self.highlighted
        if not lines and empty:
            sigs: list[tuple] = [("empty", empty)]
            if getattr(self, "_sigs", None) != sigs:
                self.set_options([Option(Content.styled(empty, "$text-muted"), disabled=True)])
                self._sigs = sigs
            return
        rows = []
        for ln in lines:
            if ln.folded:
                who = ln.who
            elif ln.candidate:
                who = ln.names[0] if ln.names else ln.candidate
            else:
                who = ln.task or "the business"
            if self.full:
                rows.append((ln.severity, ln.suppressed, ln.title, who, ln.fix, 0, ln.message))
            else:
                rows.append((ln.severity, ln.suppressed, ln.title, who, ln.fix_shown, width))
        # Only what changed is redrawn: the same lines keep the layout as it is.
        before = getattr(self, "_sigs", None)
        if rows == before:
            return
        same_shape = (before is not None and len(before) == len(rows) and self.option_count == len(rows)
                      and all(isinstance(b, tuple) and len(b) == 6 and bool(b[4]) == bool(r[4])
                              for b, r in zip(before, rows)))
        if same_shape:
            for i, (new, was) in enumerate(zip(rows, before)):
                if new != was:
                    self.replace_prompt(i, self._prompt(*new))
        else:
            self.set_options([Option(self._prompt(*row), id=f"f{i}") for i, row in enumerate(rows)])
            if rows:
                self.highlighted = min(old or 0, len(rows) - 1)
        self._sigs = rows

    @staticmethod
    def _prompt(severity: str, suppressed: bool, title: str, who: str, fix: str, width: int,
                message: str | None = None) -> Content:
        """One line's option: severity, title, whom (cut to ``width``) and the fix under it;
        with ``message`` (the enlarged pane, ``width`` 0) nothing is cut: the option wraps."""
        word = f"{SEVERITY_WORD.get(severity, severity.upper()):<4}"
        head = Content.assemble(
            (word, "$text-muted strike") if suppressed else (word, SEVERITY_STYLE.get(severity, "")),
            " ", lit(title, "$text-muted" if suppressed else ""),
            ("  ✓ acknowledged" if suppressed else "", "$text-muted"), "  ", lit(who, "$text-muted"),
        )
        parts = [head.truncate(width, ellipsis=True) if width else head]
        if message:
            parts.append(Content.assemble("     ", lit(message)))
        if fix:
            line = Content.assemble(("     fix ", "$success"), lit(fix, "$text-muted"))
            parts.append(line.truncate(width, ellipsis=True) if width else line)
        return Content("\n").join(parts) if len(parts) > 1 else parts[0]


def sort_findings(items: list[Any]) -> list[Any]:
    """Findings in the advice order (:func:`advisor.advice.steps.ordered`)."""
    return ordered(items)


class AdvicePane(Vertical):
    def compose(self):
        yield Static("", id="advice-status", classes="-hidden")
        yield Static("", id="advice-next", classes="-hidden")
        yield AdviceList(id="advice-list")
