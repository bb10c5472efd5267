"""The advisor's side of the engine process (mixed into :class:`advisor.engine.advisor.Advisor`):
starting it and registering the rules on first use, one request at a time with a deadline, and
what happens when it crashes, hangs or reports an internal error: the child is killed, the
advisor forgets its session and matches (``_reset_memory``) and :class:`EngineCrashed` is raised;
the next call starts a fresh process and evaluates fully.

The advisor provides ``_compiled``, ``_load_request``, ``_primed``, ``_call`` and
``_reset_memory``; this class keeps ``_child`` (the :class:`EngineProcess`) and ``_process``
(its ``Popen``, which tests look at).
"""

from __future__ import annotations

import logging
import subprocess

from advisor.engine.check import unavailable
from advisor.engine.process import EngineDied, EngineProcess, kill, take
from advisor.engine.protocol import Failed, Load, Reply, Request, Stats, UpdateRefused
from advisor.errors import EngineCrashed
from advisor.rules.factschema import Key

log = logging.getLogger("advisor.engine")

#: A full evaluation's timeout grows with the plan beyond this many facts.
FULL_TIMEOUT_FACTS = 2000
#: Seconds to start the engine process and register the rules (at least).
START_TIMEOUT = 30.0


class EngineLink:
    """Starting, asking and stopping the engine process; see the module docstring."""

    _child: EngineProcess | None = None
    _process: subprocess.Popen | None = None  # the latest engine process (tests look)
    _timeout_full: float = 10.0

    def _stop_engine(self, graceful: bool = True) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.stop(graceful)
            self._primed = False  # its session is gone: the next update evaluates fully

    def _engine(self) -> EngineProcess:
        """The engine process, started (and the rules registered) on first use."""
        if self._child is not None and self._child.proc.poll() is None:
            return self._child
        if self._child is not None:  # it died between requests
            self._crashed(self._child, EngineDied("it exited"), "waiting for a request")
        try:
            child = take()  # the one started early (``process.prestart``), if any
        except OSError as exc:
            log.error("cannot start the rules engine process: %s", exc)
            self._reset_memory()
            raise EngineCrashed(f"the rules engine could not start ({exc})",
                                reason=str(exc), doing="starting") from None
        self._child, self._process = child, child.proc
        n = len(self._compiled.rules)
        self._request(self._load_request, max(START_TIMEOUT, self._timeout_full),
                      f"loading {n} rule{'s' if n != 1 else ''}")
        return child

    def _request(self, msg: Request, timeout: float, doing: str) -> Reply:
        """Send one request to the engine process (started first, unless this is its ``Load``);
        keep the counters the reply carries. A crash, hang or internal error raises
        EngineCrashed."""
        child = self._child if isinstance(msg, Load) else self._engine()
        try:
            reply = child.request(msg, timeout)
        except EngineDied as exc:
            self._crashed(child, exc, doing)
        if isinstance(reply, Failed) and reply.unavailable:  # durable-rules cannot be imported there
            log.error("the rules engine process cannot import durable-rules: %s", reply.unavailable)
            if self._child is child:
                self._child = None
            child.stop(graceful=False)
            self._reset_memory()
            raise unavailable(reply.unavailable)
        if reply is None or isinstance(reply, Failed):
            detail = "no answer" if reply is None else reply.error
            if reply is not None:
                log.error("engine process error while %s: %s\n%s", doing, reply.error, reply.traceback)
            # the child answered, so it still runs: waiting for it to exit would wait in vain
            # (2 s per request, measured: 20 examples of a refused ruleset took 43 s)
            self._crashed(child, EngineDied(f"an internal error: {detail}"), doing, answered=reply is not None)
        if not isinstance(reply, UpdateRefused):
            child.info = reply.info
        return reply

    def _crashed(self, child: EngineProcess, exc: EngineDied, doing: str, *, answered: bool = False) -> None:
        """Kill the child, forget the session, raise :class:`EngineCrashed`. ``answered``: the
        child replied (an internal error), so it is not exiting by itself."""
        if exc.timed_out or answered:
            kill(child.proc)
            reason = str(exc)
        else:
            reason = child.exit_reason() or str(exc)
            kill(child.proc)
        tail = child.stderr_tail()
        log.error("the rules engine process (pid %s) stopped (%s) while %s%s", child.proc.pid, reason, doing,
                  f"; its last output:\n{tail}" if tail else "")
        if self._child is child:
            self._child = None
        child.stop(graceful=False)
        self._reset_memory()
        raise EngineCrashed(f"the rules engine stopped ({reason}) while {doing}",
                            reason=reason, timed_out=exc.timed_out, doing=doing)

    def _describe(self, keys: list[Key], verb: str) -> str:
        if not keys:
            return f"{verb} nothing"
        shown = ", ".join(f"{ns} {k!r}" for ns, k in keys[:3])
        more = f" and {len(keys) - 3} more" if len(keys) > 3 else ""
        return f"{verb} {len(keys)} fact{'s' if len(keys) != 1 else ''} ({shown}{more})"

    def _full_timeout(self, n: int) -> float:
        return self._timeout_full * max(1.0, n / FULL_TIMEOUT_FACTS)

    def _engine_stats(self) -> dict:
        """The engine process's own counters (tests): rulesets, facts, abandoned sessions, pid."""
        return self._call(lambda: self._request(Stats(), 5.0, "reporting").info)
