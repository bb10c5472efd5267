"""Messages between the app and its screens. They live below the app and the screens (both
import this module), so a screen never imports the app back: the app tells the screens the
advice changed (:class:`AdviceChanged`); a screen asks the app to read the workspace or the rules
again (:class:`ReloadRequested`); the advice worker reports to the app (:class:`AdviceReady`). Edits and imports are not messages but calls to the app's save
queue (``app.save``), which must hold the keys typed after them at once."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class AdviceChanged(Message):
    """An evaluation finished (or failed): the controller's ``advice`` (findings, error) is new.

    The app posts one to every screen on the stack. ``plan_changed``: the plan changed since the
    last one (an edit saved, a reload, an import), so what shows the plan is redrawn too, in the
    same turn as the advice (one frame for the edit and its advice). Repeats coalesce: an older
    one still queued is dropped for the newer, which takes over its ``plan_changed``."""

    def __init__(self, plan_changed: bool = False) -> None:
        super().__init__()
        self.plan_changed = plan_changed

    def can_replace(self, message: Message) -> bool:
        """``message`` (queued after this one) supersedes it; it says so if the plan changed."""
        if isinstance(message, AdviceChanged):
            message.plan_changed = message.plan_changed or self.plan_changed
            return True
        return False


class ReloadRequested(Message):
    """A screen asks the app to read the workspace and the rules again (``rules_only``: the rule
    files only, after an edit in $EDITOR), then evaluate fully. Posted on the screen, it bubbles
    up to the app."""

    def __init__(self, *, rules_only: bool = False) -> None:
        super().__init__()
        self.rules_only = rules_only


class AdviceReady(Message):
    """The advisor finished (``findings``) or failed (``error``)."""

    def __init__(self, findings: Any, error: BaseException | None, revision: int, elapsed: float) -> None:
        super().__init__()
        self.findings = findings  #: None with no error: a newer revision exists
        self.error = error
        self.revision = revision
        self.elapsed = elapsed
