"""Every action of the app as data: one record per action id, written once.

The screens' ``BINDINGS`` (:func:`bindings`), the ``?`` keys screen and the palette
(:func:`describe`, :func:`group_title`) and the ``[keys]`` check (:func:`ids`) are all built
from :data:`ACTIONS`, so an id, its default key and its wording live in one place. A record's
``scope`` names the ``BINDINGS`` list it belongs to (one class, or a family such as every list);
the id's prefix names the group it is listed under on the keys screen. This module is a leaf
(it imports only Textual's ``Binding``), so any screen or widget can import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    """One action: its ``[keys]`` id, default key(s), the method it runs and how it is shown."""

    id: str
    key: str  #: default key(s), comma-separated, as Textual writes them
    action: str  #: the ``action_*`` method (without the prefix) that runs
    label: str  #: the footer's short label
    scope: str  #: which ``BINDINGS`` list holds it (see :func:`bindings`)
    long: str = ""  #: longer wording for the keys screen and the palette ("" = the label)
    show: bool = True  #: listed in the footer
    priority: bool = False  #: checked before the focused widget's keys
    table_action: str = ""  #: on a DataTable, the table's own action for the same key ("" = ``action``)

    @property
    def description(self) -> str:
        return self.long or self.label

    def binding(self, *, table: bool = False) -> Binding:
        action = self.table_action if table and self.table_action else self.action
        return Binding(self.key, action, self.label, show=self.show, priority=self.priority, id=self.id)


def _a(scope: str, *rows: tuple) -> list[Action]:
    """Records of one scope, each row (id, key, action, label) plus keyword options in a dict."""
    out = []
    for row in rows:
        ident, key, action, label, *opts = row
        out.append(Action(ident, key, action, label, scope, **(opts[0] if opts else {})))
    return out


HIDE = {"show": False}

#: Every action, grouped by scope, in the order the footer and the keys screen list them.
ACTIONS: tuple[Action, ...] = tuple([
    *_a("app",
        ("app.quit", "q", "quit_app", "Quit", HIDE),
        ("app.quit_now", "ctrl+q", "quit_app", "Quit", {"show": False, "priority": True}),
        ("app.keys", "question_mark", "show_keys", "Keys"),
        ("app.guide", "f1", "show_guide", "Guide", {"show": False, "long": "The user guide (the topics of "
                                                    "outsource help), inside the app"}),
        ("app.command_palette", "ctrl+p", "command_palette", "Commands", {"show": False, "priority": True})),
    *_a("main",
        ("main.new_task", "t", "new_task", "Task", {"long": "Add a task"}),
        ("main.new_candidate", "c", "new_candidate", "Candidate", {"long": "Add a candidate to the selected task"}),
        ("main.edit", "e", "edit", "Edit", {"show": False, "long": "Edit the selected task or candidate; in the "
                                             "advice pane, the record the highlighted finding is about"}),
        ("main.delete", "d,delete", "delete", "Delete",
         {"show": False, "long": "Delete the selected task or candidate"}),
        ("main.shortlist", "s", "shortlist", "Shortlist",
         {"long": "Shortlist the selected candidate (again: un-shortlist)"}),
        ("main.reject", "x", "reject", "Reject", {"long": "Reject the selected candidate, with a reason"}),
        ("main.interview", "i", "interview", "Interview", {"long": "Record an interview scorecard"}),
        ("main.hire", "h", "hire", "Hire", {"long": "Hire the selected candidate (lists the open advice first)"}),
        ("main.unhire", "u", "unhire", "Un-hire",
         {"show": False, "long": "Un-hire the selected candidate (asks, with a reason; the task hires again)"}),
        ("main.post", "p", "post", "Post task",
         {"show": False, "long": "Post the selected draft task (it needs a marketplace)"}),
        ("main.mark_done", "D", "mark_done", "Mark task done", {"show": False, "long": "Mark the selected task done"}),
        ("main.cancel_task", "X", "cancel_task", "Cancel task",
         {"show": False, "long": "Cancel the selected task (asks first)"}),
        ("main.undo", "ctrl+z", "undo", "Undo",
         {"show": False, "long": "Undo this session's last change (again: the one before)"}),
        ("main.history", "H", "history", "History",
         {"show": False, "long": "History: who changed what and when, with the advice open then"}),
        ("main.new_rate", "r", "new_rate", "Add going rate", {"show": False, "long": "Add a going-rate observation"}),
        ("main.rates", "a", "rates", "Going rates", {"show": False, "long": "Going rates: list, add, edit, delete"}),
        ("main.business", "B", "business", "Business",
         {"show": False, "long": "Your business: name, currency, jobs outsourced before"}),
        ("main.filter", "slash", "filter", "Filter", {"show": False, "long": "Filter the candidates"}),
        ("main.zoom_advice", "z", "zoom_advice", "Enlarge advice",
         {"show": False, "long": "Enlarge the advice pane to the whole screen: every finding's text, Next and "
                                 "fix whole (again: back)"}),
        ("main.show_acknowledged", "A", "toggle_acknowledged", "Show acknowledged",
         {"show": False, "long": "Show or hide acknowledged advice"}),
        ("main.sort", "o", "sort", "Sort by next column",
         {"show": False, "long": "Sort the candidates by the next column"}),
        ("main.sort_reverse", "O", "sort_reverse", "Reverse sort",
         {"show": False, "long": "Reverse the candidates' sort order"}),
        ("main.clear_filter", "escape", "clear_filter", "Clear filter", HIDE),
        ("main.compare", "C", "compare", "Compare shortlist",
         {"show": False, "long": "Compare the shortlisted candidates side by side"}),
        ("main.marketplaces", "m", "marketplaces", "Marketplaces",
         {"show": False, "long": "Marketplaces: fees, proposals, prices, notes"}),
        ("main.rules", "R", "rules", "Rules", {"show": False, "long": "Rules: list, switch on/off, edit, reload"}),
        ("main.import", "I", "import", "Import", {"show": False, "long": "Import candidates (CSV) or a plan (TOML)"}),
        ("main.export", "E", "export", "Export",
         {"show": False, "long": "Export the plan or a Markdown advice report"}),
        ("main.reload", "ctrl+r,f5", "reload", "Reload", {"show": False, "long": "Reload the workspace and the rules"})),
    # j/k/g/G in every list; a DataTable scrolls to its first and last row with its own actions
    *_a("list",
        ("list.down", "j", "cursor_down", "Down", HIDE),
        ("list.up", "k", "cursor_up", "Up", HIDE),
        ("list.first", "g", "first", "First", {"show": False, "table_action": "scroll_top"}),
        ("list.last", "G", "last", "Last", {"show": False, "table_action": "scroll_bottom"})),
    *_a("screen", ("screen.back", "escape", "back", "Back")),
    *_a("history",
        ("history.back", "escape", "back", "Back"),
        ("history.toggle_all", "f", "toggle_all", "This task / all"),
        ("history.undo", "ctrl+z", "undo", "Undo")),
    *_a("compare",
        ("compare.back", "escape", "back", "Back"),
        ("compare.toggle_all", "a", "all", "All/shortlist"),
        ("compare.shortlist", "s", "shortlist", "Shortlist"),
        ("compare.reject", "x", "reject", "Reject"),
        ("compare.interview", "i", "interview", "Interview"),
        ("compare.hire", "h", "hire", "Hire")),
    *_a("rates",
        ("rates.back", "escape", "back", "Back"),
        ("rates.add", "a", "add", "Add"),
        ("rates.edit", "e", "edit", "Edit"),
        ("rates.delete", "d,delete", "delete", "Delete"),
        ("rates.toggle_all", "f", "toggle_all", "This task / all")),
    *_a("markets",
        ("markets.back", "escape", "back", "Back"),
        ("markets.notes", "n", "notes", "Notes"),
        ("markets.add", "a", "add", "Add"),
        ("markets.edit", "e", "edit", "Edit fees"),
        ("markets.delete", "d,delete", "delete", "Delete")),
    *_a("rules",
        ("rules.back", "escape", "back", "Back"),
        ("rules.toggle", "space", "toggle", "On/off"),
        ("rules.edit", "e", "edit", "Edit file"),
        ("rules.reload", "ctrl+r,f5", "reload", "Reload")),
    *_a("finding",
        ("finding.edit", "e", "edit", "Edit record",
         {"long": "Open the record the finding is about (its candidate, task or the business)"}),
        ("finding.acknowledge", "a", "acknowledge", "Acknowledge"),
        ("finding.unacknowledge", "u", "unacknowledge", "Un-acknowledge"),
        ("finding.close", "escape", "close", "Back")),
    *_a("import", ("transfer.cancel", "escape", "cancel", "Cancel")),
    *_a("export", ("transfer.cancel_export", "escape", "cancel", "Cancel")),
    *_a("form",
        ("form.save", "ctrl+s", "save", "Save"),
        ("form.cancel", "escape", "cancel", "Cancel"),
        ("form.reload", "ctrl+r", "reload", "Reload stored", HIDE)),
    *_a("keys", ("keys.close", "escape,question_mark,q", "close", "Close")),
    *_a("guide", ("guide.back", "escape", "back", "Back")),
    *_a("topic",
        ("topic.back", "escape", "back", "Back"),
        ("topic.next", "n", "next_page", "Next", {"long": "The topic's next page (section, or part of a long one)"}),
        ("topic.previous", "p", "previous_page", "Previous", {"long": "The topic's previous page"}),
        ("topic.contents", "c", "contents", "Contents", {"long": "Back to the topic's contents (its first page)"}),
        ("topic.links", "l", "links", "Links",
         {"long": "List this page's links to other sections and topics (Enter follows one)"})),
    *_a("links", ("links.close", "escape", "close", "Back")),
    *_a("confirm",
        ("dialog.yes", "y", "yes", "Yes"),
        ("dialog.no", "n,escape", "no", "No")),
    *_a("input", ("dialog.cancel", "escape", "cancel", "Cancel")),
])

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}
assert len(BY_ID) == len(ACTIONS), "an action id is listed twice"

#: Keys-screen group titles by id prefix (other prefixes are listed under their class name).
GROUP_TITLES = {"app": "Everywhere", "list": "In lists", "main": "Main screen", "form": "Forms",
                "dialog": "Dialogs", "finding": "Finding", "rules": "Rules", "compare": "Compare",
                "markets": "Marketplaces", "transfer": "Import / export", "rates": "Going rates",
                "guide": "User guide", "topic": "User guide", "links": "User guide"}


def bindings(scope: str, *, table: bool = False) -> list[Binding]:
    """The ``BINDINGS`` of one scope, in registry order (``table``: a DataTable's own actions)."""
    out = [a.binding(table=table) for a in ACTIONS if a.scope == scope]
    if not out:
        raise KeyError(f"no actions in scope {scope!r}")
    return out


def ids() -> set[str]:
    """Every action id (what a ``[keys]`` table may name)."""
    return set(BY_ID)


def key_for(ident: str, keymap: Mapping[str, str] | None = None) -> str | None:
    """The key shown for an action: its first key in ``keymap`` (the ``[keys]`` remapping in
    effect) else its default; None for an id the app has no action for. The core names action
    ids, never keys (``advisor.plan.lifecycle``): this is where they become keys."""
    action = BY_ID.get(ident)
    if action is None:
        return None
    keys = (keymap or {}).get(ident) or action.key
    return keys.split(",")[0].strip()


def describe(ident: str | None, fallback: str = "") -> str:
    """The long wording of an action (the keys screen, the palette)."""
    action = BY_ID.get(ident or "")
    return action.description if action else fallback


def group_title(ident: str) -> str | None:
    return GROUP_TITLES.get(ident.split(".")[0])
