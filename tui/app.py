"""The Outsource Advisor app: one Workspace, one Advisor, a main screen and modal flows.

``run(settings)`` is what ``outsource`` calls. The app owns a :class:`~tui.data.Controller` (the
core's edit → advice pipeline): edits are queued and saved, in order, by ``io`` thread workers
(SQLite never runs on the event loop), each moving the plan to a new revision; the advice of the
latest revision is asked for in an exclusive thread worker (group ``advice``), so a keystroke
never waits for the engine. The app compares revision numbers only: the one on screen
(``ctl.advice.revision``), the one asked for, the plan's latest (``ctl.revision``).
"""

from __future__ import annotations

import gc
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any, Callable, Iterable

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from advisor.errors import AdvisorError, ConflictError
from advisor.plan.money import show_business_locale
from advisor import clock

from . import textual_hacks
from .data import Advice, Controller
from .keypump import KeyPump
from .actions_registry import bindings
from .keymap import all_bindings, describe
from .widgets.safety import TerminalSafeFilter

_TERMINAL_SAFE = TerminalSafeFilter()
from .messages import AdviceChanged, AdviceReady, ReloadRequested

#: when this module was imported: close to process start (the CLI imports it first thing)
T0 = time.perf_counter()


@dataclass
class EditOutcome:
    """One queued edit once run: its result, or the error the workspace (or a bug) raised."""

    after: Callable[[Any], Any] | None
    failed: Callable[[AdvisorError], Any] | None
    result: Any = None
    error: BaseException | None = None


class EditsSaved(Message):
    """The ``io`` worker ran these queued edits (in the order they were queued)."""

    def __init__(self, outcomes: list[EditOutcome]) -> None:
        super().__init__()
        self.outcomes = outcomes


class OutsourceApp(textual_hacks.StylesWhenMounted, KeyPump):
    #: the black-and-white line filter when the config sets no_color (see get_line_filters)
    _monochrome: Any = None
    CSS_PATH = ["app.tcss"]
    TITLE = "Outsource Advisor"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        *bindings("app"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, settings: Any, *, controller: Controller | None = None, today: date | None = None,
                 blink: bool = True, watch_seconds: float = 2.0, resume_gc: bool = False) -> None:
        super().__init__()
        #: the cyclic garbage collector was paused for the start (``tui.launch.launch_app``):
        #: enable it once the first advice (or its error) is on screen
        self._resume_gc = resume_gc
        self.settings = settings
        self.today = today or clock.today()
        self.ctl = controller or Controller(settings, today=self.today)
        self.blink = blink
        self.watch_seconds = watch_seconds
        #: forms kept between openings, refilled for the next record (tui.screens.formcache)
        self.kept_forms: dict[tuple, Any] = {}
        self._pending: deque[tuple[Callable[[], Any], Callable | None, Callable | None]] = deque()
        #: edits queued and not yet reported back on the event loop (keys wait while any is)
        self._in_flight = 0
        self._saves_hold = False
        #: held while an edit runs: edits are saved one at a time, in the order queued
        self._io_lock = threading.Lock()
        #: the latest revision whose advice was asked for (the one on screen: ``ctl.advice.revision``)
        self._asked_revision = 0
        self.first_data_frame: float | None = None
        self._edit_started: float | None = None
        #: seconds from the last edit (a keystroke's save) to its advice on screen (for benchmarks)
        self.edit_to_advice_seconds: float | None = None
        self.last_advice_seconds: float | None = None
        from .themes import install_themes

        textual_hacks.install()
        self.theme, self._theme_problems = install_themes(self, settings.ui.theme)
        self._saved_theme = self.theme
        if settings.ui.no_color and not self.no_color:
            from textual.filter import Monochrome

            self.no_color = True
            self._monochrome = Monochrome()

    # The advice lives in the controller the screens are given (``ctl.advice``); these read it
    # for the app's own use, tests and benchmarks.
    @property
    def findings(self) -> Any:
        return self.ctl.advice.findings

    @property
    def advice_error(self) -> BaseException | None:
        return self.ctl.advice.error

    @property
    def rule_problems(self) -> list[AdvisorError]:
        return self.ctl.rule_problems

    def get_line_filters(self):
        """Textual's filters plus the terminal-safety one, last, on every widget's every line."""
        mono = [self._monochrome] if self._monochrome is not None else []  # no_color in the config
        return [*super().get_line_filters(), *mono, _TERMINAL_SAFE]

    # ------------------------------------------------------------------ start-up

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette is remembered for the next start (advisor.storage.uistate)."""
        if theme != getattr(self, "_saved_theme", theme):
            from advisor.storage.uistate import save_theme

            self._saved_theme = self.theme
            save_theme(theme)

    def get_default_screen(self) -> Screen:
        """The main screen is the bottom of the stack, not pushed over Textual's default screen:
        a screen under the current one is a "background screen", and Textual repaints the whole
        current screen whenever that one has anything to refresh (once per keystroke here)."""
        from .screens.main import MainScreen

        if not self.ctl.opened:  # opened in a worker (`run` opens it before the loop starts)
            return Screen()
        return MainScreen(self.ctl)

    def on_mount(self) -> None:
        if self.settings.keys:
            from .keycheck import keymap_problems

            self.set_keymap(dict(self.settings.keys))
            for problem in keymap_problems(dict(self.settings.keys), type(self)):
                self.notify(problem, title="Config", severity="warning", timeout=10)
        for problem in self._theme_problems:
            self.notify(problem, title="Theme", severity="warning", markup=False, timeout=10)
        if untested := textual_hacks.untested_warning():  # accepted, but not what it was tested with
            self.notify(untested, title="Textual", severity="warning", markup=False, timeout=15)
        if self.watch_seconds:
            self.set_interval(self.watch_seconds, self._watch_changes)
        if self.ctl.opened:
            self._plan_shown()
        else:
            self.hold_keys()  # until the main screen shows the plan
            self._open_workspace()

    @work(thread=True, group="io", description="open the workspace")
    def _open_workspace(self) -> None:
        """A controller not opened yet (tests pass none; `run` opens it before the event loop
        starts): read the plan off the event loop, then show the main screen."""
        with self._io_lock:
            self.ctl.open()
        self.call_from_thread(self._show_plan)

    def _show_plan(self) -> None:
        from .screens.main import MainScreen

        # the bottom of its own stack (see get_default_screen): the default one holds the blank
        self.add_mode("plan", lambda: MainScreen(self.ctl))
        self.switch_mode("plan")
        self.release_keys()
        self._plan_shown()

    def _plan_shown(self) -> None:
        # the plan as opened is what the first frame draws (its advice follows)
        show_business_locale(self.ctl.plan.business.locale)
        self.ctl.advice = replace(self.ctl.advice, revision=self.ctl.revision)
        self._asked_revision = self.ctl.revision
        self.call_after_refresh(self._first_frame)
        # Evaluate after the first frame is drawn: the engine thread would otherwise compete for
        # the GIL with the first render and delay the moment the plan is on screen.
        import os

        if not os.environ.get("OUTSOURCE_EXIT_AFTER_FIRST_FRAME"):
            self.call_after_refresh(self.refresh_advice, full=True)

    def on_unmount(self) -> None:
        with self._io_lock:  # an edit being saved finishes first
            self.ctl.close()

    def _first_frame(self) -> None:
        self.first_data_frame = time.perf_counter()
        import os

        # For benchmarks (time to interactive): OUTSOURCE_EXIT_AFTER_FIRST_FRAME=1 quits as soon as
        # the first frame with the plan is drawn; the process's run time is then the figure.
        if os.environ.get("OUTSOURCE_EXIT_AFTER_FIRST_FRAME"):
            self.exit(0)

    # ------------------------------------------------------------------ saving

    def save(self, fn: Callable[[], Any], *, after: Callable[[Any], Any] | None = None,
             failed: Callable[[AdvisorError], Any] | None = None) -> None:
        """Queue an edit (a controller call); it runs in the ``io`` thread worker, then advice
        refreshes (once after a run of queued edits, see :meth:`_edits_done`). ``after(result)``
        runs on success, ``failed(error)`` when the workspace refuses it, both back on the event
        loop. Keys typed while an edit is being saved wait (in order,
        :meth:`hold_keys`) until it is, so a key never acts on the plan as it was before it."""
        if self._edit_started is None:
            self._edit_started = time.perf_counter()
        if not self._in_flight:
            self.hold_keys()
            self._saves_hold = True
        self._in_flight += 1
        self._pending.append((fn, after, failed))
        self._flush_edits()

    @work(thread=True, exclusive=False, group="io", description="save edits")
    def _flush_edits(self) -> None:
        """Off the event loop: SQLite writes never stall a frame. One worker per queued edit, each
        draining the queue under ``_io_lock``, so the edits are saved strictly in order; each
        result is posted under the lock too, so the callbacks run in that order."""
        while True:
            with self._io_lock:
                if not self._pending:
                    return
                fn, after, failed = self._pending.popleft()
                try:
                    outcome = EditOutcome(after=after, failed=failed, result=fn())
                except AdvisorError as exc:
                    if isinstance(exc, ConflictError):
                        # Someone else changed it: load their version so the next try works.
                        self.ctl.reload()
                    outcome = EditOutcome(after=after, failed=failed, error=exc)
                except Exception as exc:  # a bug or a broken database: say so, keep the app alive
                    outcome = EditOutcome(after=after, failed=failed, error=exc)
                self.post_message(EditsSaved([outcome]))

    def on_edits_saved(self, message: "EditsSaved") -> None:
        """Back on the event loop: tell each edit's screen how it went, then refresh the advice."""
        self._edits_done(message.outcomes)

    def _edits_done(self, outcomes: list[EditOutcome]) -> None:
        for out in outcomes:
            self._in_flight = max(0, self._in_flight - 1)
            exc = out.error
            if exc is None:
                if out.after is not None:
                    out.after(out.result)
            elif isinstance(exc, AdvisorError):
                if out.failed is not None:
                    out.failed(exc)
                else:
                    extra = "\nReloaded the latest version; try again." if isinstance(exc, ConflictError) \
                        else (f"\n{exc.hint}" if exc.hint else "")
                    self.notify(f"{exc.message}{extra}", title="Not saved", severity="error")
            else:
                self.notify(f"{type(exc).__name__}: {exc}", title="Not saved", severity="error")
                if out.failed is not None:
                    out.failed(AdvisorError(str(exc)))
        if self._saves_hold and not self._in_flight:
            self._saves_hold = False
            self.release_keys()
        # One evaluation after a run of queued saves, not one per save (all but the last would
        # be thrown away): the session keeps every revision's tasks until then.
        if not self._in_flight and self.ctl.revision > self._asked_revision:
            self.refresh_advice()

    def advice_pending(self) -> bool:
        """The advice of a newer revision than the one on screen was asked for and has not come
        back: the screens redraw the plan with its advice in one frame, so keys wait for it."""
        return self.ctl.advice.revision < self._asked_revision

    # ------------------------------------------------------------------ advice

    def refresh_advice(self, *, full: bool = False, rules: bool = False) -> None:
        """Ask for the advice of the plan's latest revision (``rules``: read the rule files again
        first; the evaluation is then full). The screens are told with the advice
        (:class:`~tui.messages.AdviceChanged` ``plan_changed``), so an edit and its advice are
        drawn in one frame."""
        self._asked_revision = revision = self.ctl.revision
        self._run_advice(revision, full or rules or self.advice_error is not None, rules)

    def reload_rules(self) -> None:
        """Read the rule files again (after an edit on disk or in $EDITOR) and evaluate fully."""
        self.refresh_advice(rules=True)

    # description= matters: without it Textual reprs the arguments per call.
    @work(thread=True, exclusive=True, group="advice", description="evaluate the advice")
    def _run_advice(self, revision: int, full: bool, rules: bool) -> None:
        worker = get_current_worker()
        start = time.perf_counter()
        try:
            if rules or self.ctl.advisor is None:
                problems = self.ctl.load_advisor()
                self.call_from_thread(self._set_problems, problems)
                full = True
            findings = self.ctl.advise(revision, full=full)
        except Exception as exc:
            # EngineCrashed: the engine process died, or hung and was killed. Edits are saved
            # apart from this, so nothing is lost: the last advice stays on screen marked out of
            # date, and the next evaluation (an edit, or the reload key) starts a fresh engine.
            if self.ctl.closed:
                return  # quitting: Controller.close killed the engine under this evaluation
            if not worker.is_cancelled:
                self.post_message(AdviceReady(None, exc, revision, time.perf_counter() - start))
            return
        if not worker.is_cancelled:
            self.post_message(AdviceReady(findings, None, revision, time.perf_counter() - start))

    def _set_problems(self, problems: list[AdvisorError]) -> None:
        if problems:
            self.notify(f"{len(problems)} rule problem(s): {problems[0]}", title="Rules",
                        severity="warning", timeout=8)

    def on_advice_ready(self, message: AdviceReady) -> None:
        if self._resume_gc:
            self._resume_gc = False
            self.call_after_refresh(gc.enable)  # after the frame that shows it
        if message.revision < self._asked_revision:
            return  # a newer revision's advice is on its way
        if message.findings is None and message.error is None:
            self.refresh_advice()  # a newer revision exists that nobody asked about (a reload)
            return
        self.last_advice_seconds = message.elapsed
        plan_changed = message.revision > self.ctl.advice.revision
        show_business_locale(self.ctl.plan.business.locale)  # money in the business's locale
        if message.error is not None:  # the last findings stay, shown as out of date
            self.ctl.advice = replace(self.ctl.advice, error=message.error, revision=message.revision)
        else:
            self.ctl.advice = Advice(message.findings, revision=message.revision)
        for screen in self.screen_stack:
            screen.post_message(AdviceChanged(plan_changed))
        if self._edit_started is not None and not self._in_flight:
            self.edit_to_advice_seconds = time.perf_counter() - self._edit_started
            self._edit_started = None

    def on_reload_requested(self, message: ReloadRequested) -> None:
        if message.rules_only:
            self.reload_rules()
        else:
            self.reload_all()

    def reload_all(self) -> None:
        """Re-read the plan from the workspace (in the ``io`` worker, in order with the edits) and
        the rules from disk, then evaluate fully."""
        self.save(self.ctl.reload, after=lambda _: self.reload_rules())

    def _watch_changes(self) -> None:
        if self.ctl.opened and not self._in_flight and not self._pending:
            self._watch()

    @work(thread=True, exclusive=True, group="watch", description="watch the workspace and rule files")
    def _watch(self) -> None:
        """Another session committed, or a rule file changed on disk: reload what changed."""
        with self._io_lock:
            reloaded = not self._pending and self.ctl.others_changed()
            if reloaded:
                self.ctl.reload()
        try:
            rules = self.ctl.advisor is not None and self.ctl.rules_changed_on_disk()
        except Exception:
            rules = False
        if reloaded or rules:
            self.call_from_thread(self._watched, reloaded, rules)

    def _watched(self, reloaded: bool, rules: bool) -> None:
        if reloaded:
            self.notify("The workspace changed in another session; reloaded.", timeout=4)
        if rules:
            self.notify("A rule file changed on disk; reloading the rules.", timeout=4)
        self.refresh_advice(full=True, rules=rules)

    # ------------------------------------------------------------------ keys, palette, quit

    def dirty_forms(self) -> list[Screen]:
        return [s for s in self.screen_stack if getattr(s, "dirty", False)]

    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None:
        self._exiting = True
        super().exit(result, return_code, message)

    def action_quit_app(self) -> None:
        if self._in_flight or self._pending:
            # an edit queued a moment ago is saved before leaving: in the io worker (never SQL on
            # the event loop), after which this no-op edit's callback asks again
            self.save(lambda: None, after=lambda _: self.action_quit_app())
            return
        if self.dirty_forms():
            from .screens.dialogs import ConfirmScreen

            def done(ok: bool | None) -> None:
                if ok:
                    self.exit(0)

            self.push_screen(ConfirmScreen("Quit without saving?",
                                           "A form has changes that are not saved.", yes="Quit"), done)
            return
        self.exit(0)

    def action_show_keys(self) -> None:
        from .screens.keys import KeysScreen

        if isinstance(self.screen, KeysScreen):
            self.screen.dismiss()
            return
        self.push_screen(KeysScreen(self.screen))

    def action_show_guide(self) -> None:
        from .screens.guide import GuideScreen, TopicScreen

        if not isinstance(self.screen, (GuideScreen, TopicScreen)):
            self.push_screen(GuideScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Only what fits the current screen: its own actions, then keys, theme and quit."""
        seen = set()
        for node, binding, key in all_bindings(self, screen, include_app=False):
            if not binding.description or not binding.id or binding.id in seen or binding.system:
                continue
            if binding.id and binding.id.startswith("list."):
                continue
            seen.add(binding.id)
            action = binding.action
            target = node
            if "." in action:
                ns, action = action.split(".", 1)
                target = {"app": self, "screen": screen}.get(ns, node)
            if not target.check_action(action, ()):
                continue
            yield SystemCommand(describe(binding), f"{binding.id} · key {self.get_key_display(binding)}",
                                partial(target.run_action, action))
        yield SystemCommand("Keys", "Show every key of this screen", self.action_show_keys)
        yield SystemCommand("User guide", "Read the user guide (F1)", self.action_show_guide)
        yield SystemCommand("Theme", "Change the colour theme", self.action_change_theme)
        yield SystemCommand("Quit", "Quit the app", self.action_quit_app)


    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: Any) -> None:
        """A key from [keys] is also another action's key here: say so once; the remap wins."""
        seen = getattr(self, "_clashes_told", set())
        for b in clashed_bindings:
            ident = b.id or b.action
            if ident in seen:
                continue
            seen.add(ident)
            self.notify(f"[keys]: the key {b.key!r} of {ident} is now used by another action; "
                        f"give {ident} a key of its own", title="Config", severity="warning", timeout=10)
        self._clashes_told = seen

    # ------------------------------------------------------------------ crashes

    def _fatal_error(self) -> None:
        """An unexpected exception: the traceback goes to a log file, the user gets one line
        (like the command line's error boundary), never a wall of Python. (Textual's private
        hook: see tui/textual_hacks.py.)"""
        import sys
        import traceback

        from rich.text import Text

        from advisor.cli import write_crash_log

        error = self._exception or sys.exc_info()[1]
        log = write_crash_log("".join(traceback.format_exception(error)) if error else "unknown error")
        self.bell()
        what = f"{type(error).__name__}: {error}" if error else "unknown error"
        textual_hacks.exit_with_message(self, Text(
            f"outsource: internal error: {what}\nhint: details were written to {log}; please report "
            "them. Your saved edits are in the workspace.", no_wrap=False))


def run(settings: Any, *, resume_gc: bool = False) -> int:
    """Open the app on ``settings.db_path``; the exit code for ``outsource``. The workspace is
    opened first, so a workspace that cannot be opened is reported like any command's error.
    ``resume_gc``: the caller paused the garbage collector for the start; the app enables it with
    its first advice."""
    ctl = Controller(settings)
    ctl.open()
    app = OutsourceApp(settings, controller=ctl, resume_gc=resume_gc)
    try:
        result = app.run(mouse=bool(settings.ui.mouse))
    finally:
        ctl.close()
    if app.return_code:
        return 70 if app.return_code == 1 else int(app.return_code)
    return int(result or 0)
