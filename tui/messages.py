"""Messages the screens listen for. They live below the app and the screens (both import this
module), so a screen never imports the app back."""

from __future__ import annotations

from textual.message import Message


class PlanChanged(Message):
    """The in-memory plan changed (an edit was saved, or the plan was reloaded).
    ``advice_follows``: the screens' ``advice_changed`` is called right after, in the same turn
    (``OutsourceApp._flush_plan_changed(now=True)``), so what only shows advice can wait for it."""

    def __init__(self, advice_follows: bool = False) -> None:
        super().__init__()
        self.advice_follows = advice_follows
