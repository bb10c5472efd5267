"""Supervising the engine process: start it, talk to it over its pipes within a deadline, stop it.

durable-rules is C that can crash or hang, so it runs in a child (:mod:`advisor.engine.host`)
started with ``sys.executable -I -c`` (no ``fork``: the app has threads). Every exchange has a
deadline; a closed pipe, an unreadable answer or the deadline raises :class:`EngineDied`, and
the caller (``Advisor``) kills the child and reports ``EngineCrashed``.

The pipes are non-blocking and multiplexed with :mod:`selectors`: ``poll`` where the platform
has it, else ``select`` (Windows has no ``select.poll``).
"""

from __future__ import annotations

import os
import pickle
import select
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path

from advisor.engine.protocol import HEADER, Reply, Request, Shutdown

#: the folder holding the ``advisor`` package, put first on the child's sys.path
_ROOT = str(Path(__file__).resolve().parent.parent.parent)


class EngineDied(Exception):
    """The engine process stopped answering: closed pipe, bad answer, or the deadline passed."""

    def __init__(self, why: str, timed_out: bool = False) -> None:
        super().__init__(why)
        self.timed_out = timed_out


def kill(proc: subprocess.Popen) -> None:
    """Kill ``proc`` if it still runs, and reap it."""
    if proc.poll() is None:
        try:
            proc.kill()
        except OSError:
            pass
    try:
        proc.wait(timeout=5)
    except Exception:
        pass


def pipe_selector() -> selectors.BaseSelector:
    """``poll`` (no limit on descriptor numbers) where the platform has it, else ``select``."""
    if hasattr(select, "poll"):
        return selectors.PollSelector()
    return selectors.SelectSelector()


class EngineProcess:
    """One engine process and its pipes; used under the advisor's lock."""

    def __init__(self) -> None:
        code = f"import sys; sys.path.insert(0, {_ROOT!r}); from advisor.engine.host import main; main()"
        self.err = tempfile.TemporaryFile(prefix="advisor-engine-")
        # -I: neither the working directory nor PYTHON* variables can change what the child imports
        self.proc = subprocess.Popen([sys.executable, "-I", "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.err, close_fds=True, bufsize=0)
        self.wfd = self.proc.stdin.fileno()
        self.rfd = self.proc.stdout.fileno()
        os.set_blocking(self.wfd, False)
        os.set_blocking(self.rfd, False)
        #: the child's counters from its last reply (``protocol.Loaded.info``)
        self.info: dict = {}
        self._finalizer = weakref.finalize(self, kill, self.proc)

    def send(self, msg: Request, timeout: float) -> None:
        """Write a request that has no reply (``Stage``)."""
        self._exchange(msg, timeout, reply=False)

    def request(self, msg: Request, timeout: float) -> Reply | None:
        """Write a request and read its reply (None: the empty answer to ``Shutdown``)."""
        return self._exchange(msg, timeout, reply=True)

    def _exchange(self, msg: Request, timeout: float, *, reply: bool) -> Reply | None:
        """Write ``msg`` and, if ``reply``, read the answer, all within ``timeout``. Writing and
        reading interleave, so a large request never deadlocks against a child that is already
        answering; a closed pipe or the deadline raises ``EngineDied``."""
        data = pickle.dumps(msg, protocol=pickle.HIGHEST_PROTOCOL)
        out = memoryview(HEADER.pack(len(data)) + data)
        deadline = time.monotonic() + timeout
        with pipe_selector() as sel:
            sel.register(self.wfd, selectors.EVENT_WRITE)
            if reply:
                sel.register(self.rfd, selectors.EVENT_READ)
            buf = bytearray()
            need = -1
            while True:
                time_left = deadline - time.monotonic()
                if time_left <= 0:
                    raise EngineDied(f"no answer within {timeout:g} s", timed_out=True)
                for key, _events in sel.select(time_left):
                    if key.fd == self.wfd:
                        try:
                            n = os.write(self.wfd, out[:1 << 20])
                        except BlockingIOError:
                            continue
                        except OSError:
                            raise EngineDied("its input closed") from None
                        out = out[n:]
                        if not out:
                            if not reply:
                                return None
                            sel.unregister(self.wfd)
                        continue
                    try:
                        part = os.read(self.rfd, max(1 << 16, need + HEADER.size - len(buf)))
                    except BlockingIOError:
                        continue
                    if not part:
                        raise EngineDied("its output closed")
                    buf += part
                    if need < 0 and len(buf) >= HEADER.size:
                        need = HEADER.unpack_from(buf)[0]
                    if need >= 0 and len(buf) >= HEADER.size + need:
                        if need == 0:
                            return None
                        try:
                            return pickle.loads(memoryview(buf)[HEADER.size:HEADER.size + need])
                        except Exception as exc:
                            raise EngineDied(f"an unreadable answer ({type(exc).__name__})") from None

    def stderr_tail(self, limit: int = 2000) -> str:
        """The end of what the child wrote to stderr (a crash's traceback, for the log)."""
        try:
            self.err.seek(0, os.SEEK_END)
            size = self.err.tell()
            self.err.seek(max(0, size - limit))
            return self.err.read().decode("utf-8", "replace").strip()
        except Exception:
            return ""

    def exit_reason(self) -> str:
        """"signal SIGSEGV", "exit status 1", or "" while it still runs."""
        try:
            rc = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return ""
        if rc < 0:
            try:
                return f"signal {signal.Signals(-rc).name}"
            except ValueError:
                return f"signal {-rc}"
        return f"exit status {rc}"

    def stop(self, graceful: bool = True) -> None:
        """Ask the child to exit (briefly), then kill it; close the pipes."""
        if graceful and self.proc.poll() is None:
            try:
                self.request(Shutdown(), 1.0)
                self.proc.wait(timeout=1.0)
            except Exception:
                pass
        self._finalizer()  # kills if still alive, reaps
        for f in (self.proc.stdin, self.proc.stdout, self.err):
            try:
                f.close()
            except Exception:
                pass


_spare: EngineProcess | None = None
_spare_env: dict[str, str] = {}
_spare_lock = threading.Lock()


def prestart() -> None:
    """Start an engine process now, for the next :class:`~advisor.engine.Advisor` to take.

    A command or the app calls this before its own imports and reads, so the child's interpreter
    start and imports (~0.1 s wall here) run beside them instead of after them. At most one
    waits; one nobody takes is killed at exit (its finalizer) and exits by itself when this
    process does (its stdin closes)."""
    global _spare, _spare_env
    with _spare_lock:
        if _spare is not None and _spare.proc.poll() is None and _spare_env == dict(os.environ):
            return
        if _spare is not None:
            _spare.stop(graceful=False)
        try:
            _spare_env = dict(os.environ)
            _spare = EngineProcess()
        except OSError:
            _spare = None  # started again, and reported, when an advisor needs it


def take() -> EngineProcess:
    """The process :func:`prestart` started if it still runs and was started with the
    environment a new one would inherit now, else a new one."""
    global _spare
    with _spare_lock:
        child, _spare = _spare, None
    if child is not None:
        if child.proc.poll() is None and _spare_env == dict(os.environ):
            return child
        child.stop(graceful=False)
    return EngineProcess()
