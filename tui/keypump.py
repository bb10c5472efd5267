"""The key pump: typed keys delivered one at a time, each once the app has settled.

Mixed into :class:`tui.app.OutsourceApp`. A key waits while a save holds the keys
(:meth:`KeyPump.hold_keys`) and while the advice of a newer revision than the one on screen is
being worked out (:meth:`KeyPump.advice_pending`, the app's), so a burst of keys acts exactly as
the same keys typed slowly.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen

from . import textual_hacks


class KeyPump(App[int]):
    """Typed keys, in order, each delivered once the keys before it have had their effects."""

    _exiting = False  #: exit() was called: keys typed after it are dropped
    _key_holds = 0
    _pump: asyncio.Task | None = None

    def __init__(self) -> None:
        super().__init__()
        #: keys typed and not yet delivered, in order (:meth:`_pump_keys`)
        self._typed: deque[events.Key] = deque()

    def keys_pending(self) -> bool:
        """Keys typed and not yet delivered, or the pump still delivering them (tests and the
        benches wait for this before reading the screen: a loaded machine only makes it later)."""
        return bool(self._typed) or (self._pump is not None and not self._pump.done())

    def advice_pending(self) -> bool:  # pragma: no cover - the app's
        """A plan change is saved and its advice not yet on screen (keys wait)."""
        return False

    async def on_event(self, event: Any) -> None:
        """Every typed key goes through the key pump (:meth:`_pump_keys`), which delivers it once
        the keys before it have had all their effects: typed in a burst, keys act as if typed
        slowly. The app's priority keys (ctrl+q) act at once, as anywhere else."""
        if isinstance(event, events.Key) and self._exiting:
            # "q" then more keys at machine speed (a paste): keys after a quit are dropped
            return
        if isinstance(event, events.Key) and not event.is_forwarded:
            if getattr(event, "pumped", False):
                if self.screen_stack:  # none left while the app shuts down: nowhere to go
                    await super().on_event(event)
                return
            if await self._check_bindings(event.key, priority=True):
                return
            self._typed.append(event)
            if self._pump is None or self._pump.done():
                self._pump = asyncio.create_task(self._pump_keys(), name="key pump")
            return
        await super().on_event(event)

    async def _pump_keys(self) -> None:
        """Deliver the typed keys one at a time, in order: each once the app has settled after
        the one before (its screen opened and focused, its save written, its dialog shown), so
        a key goes where it would have gone had it been typed slowly. One rule instead of
        special cases per screen: nothing acts on a half-open form or on the plan as it was
        before the key's save."""
        while self._typed:
            await self._until_settled()
            if self._exiting:
                self._typed.clear()
                return
            if not self._typed:
                return
            batch = [self._typed.popleft()]
            if batch[0].is_printable and self._typing_into_text():
                # text for a text field: the field takes each character in order and none of
                # them moves the focus, so a run of them is delivered before settling once
                while self._typed and self._typed[0].is_printable:
                    batch.append(self._typed.popleft())
            for typed in batch:
                key = events.Key(typed.key, typed.character)
                key.pumped = True
                self.post_message(key)
            await asyncio.sleep(0)

    def _typing_into_text(self) -> bool:
        from textual.widgets import Input

        try:
            focused = self.screen.focused
        except Exception:
            return False
        return isinstance(focused, Input) and not focused.disabled

    def _pumps(self) -> list[Any]:
        """Where a key's effects run: the app, its screens, and the focused widget with its
        ancestors (a key goes to the focused widget and bubbles up; an action that opens a
        screen or moves the focus changes this list, which starts another round)."""
        pumps: list[Any] = [self, *self.screen_stack]
        try:
            node = self.screen.focused
        except Exception:  # no screen yet
            return pumps
        while node is not None and not isinstance(node, (Screen, App)):
            pumps.append(node)
            node = node.parent
        return pumps

    async def _until_settled(self) -> None:
        """Wait until the app has settled: no save holding keys, and two rounds in a row in
        which every pump (:meth:`_pumps`) handled a marker callback and then had nothing left
        to do. A marker runs only after the message being handled before it, so a handler still
        awaiting something (a screen mounting its widgets) keeps the round open; the second
        round catches messages that a finishing handler posted to a pump already counted."""
        quiet = 0
        while quiet < 2 and not self._exiting:
            if self._key_holds or self.advice_pending():
                # a save being written, or saved and not yet on screen (the screens redraw the
                # plan with its advice): a key must meet the plan it would meet typed slowly
                quiet = 0
                await asyncio.sleep(0.002)
                continue
            pumps = self._pumps()
            done = asyncio.Event()
            waiting = 0

            def marker() -> None:
                nonlocal waiting
                waiting -= 1
                if waiting == 0:
                    done.set()

            for pump in pumps:
                if pump.call_later(marker):
                    waiting += 1
            if waiting:
                # A pump closed meanwhile (a screen dismissed) never runs its marker: look again
                # every 50 ms, and start a new round once the pumps are not the ones asked.
                waiter = asyncio.ensure_future(done.wait())
                while not waiter.done():
                    await asyncio.wait({waiter}, timeout=0.05)
                    if not waiter.done() and (self._exiting or self._pumps() != pumps):
                        waiter.cancel()
                        break
            else:
                await asyncio.sleep(0)
            settled = not (self._key_holds or self.advice_pending()) and self._pumps() == pumps and \
                not any(textual_hacks.pump_has_work(p) for p in pumps)
            quiet = quiet + 1 if settled else 0

    def hold_keys(self) -> None:
        """Hold typed keys: the key pump delivers none until every :meth:`hold_keys` has had its
        :meth:`release_keys`. A save holds them while it is written, so keys typed after ctrl+s
        reach the screen that comes next, and act on the plan as saved."""
        self._key_holds += 1

    def release_keys(self) -> None:
        self._key_holds = max(0, self._key_holds - 1)
