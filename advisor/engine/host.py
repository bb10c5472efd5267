"""The durable-rules host, run in a child process of the :class:`advisor.engine.Advisor`.

durable-rules 2.0.28 is a C engine that can crash the process (segfault, glibc abort) or hang
while holding the GIL on input we have not yet learnt to refuse. So it lives here, in a process
the advisor starts (``python -I -c "...; from advisor.engine.host import main; main()"``) and can
kill. Importing this module has no side effects; only :func:`main` touches file descriptors.

Protocol (:mod:`advisor.engine.protocol`, which names every request and reply): length-prefixed
pickles over the child's stdin (requests) and stdout (replies); one reply per request, in order.
The real fd 1 is moved aside first and fd 1 is pointed at stderr, so nothing the C core or
Python prints can corrupt the protocol. ``Load`` registers the ruleset; ``Full`` starts a new
session with every fact (after the ``Stage`` parts sent ahead, which have no reply) and answers
``Evaluated`` (if the engine refuses the batch, the facts are asserted one by one in fresh
sessions to find the ones it refuses); ``Update`` retracts facts by engine id (the child keeps
every asserted fact, so only ids travel) and asserts the changed ones, answering ``Updated``
with only the matches that fired now, or ``UpdateRefused`` (the session is abandoned and the
caller evaluates fully); ``Stats``; ``Shutdown``.
Sessions: every full evaluation uses a new session, split into shards by task (one durable-rules
``sid`` per shard; see :meth:`EngineHost._groups` for why and why the matches are the same). A session whose assert or retract the engine
refused is *abandoned*, never passed to ``delete_state``: measured, ``delete_state`` after a
refused assert corrupts the heap (``munmap_chunk(): invalid pointer``, abort) with the core and
practice packs loaded. A healthy session is deleted when the next one starts. ``info`` reports
the abandoned sessions and their facts so the advisor can replace the whole process when they
hold too much memory.

Test hooks (read only here, only from this process's environment):
``ADVISOR_ENGINE_TEST_HANG=full|update|any`` makes such a request hang forever;
``ADVISOR_ENGINE_TEST_CRASH=full|update|any`` makes it die with SIGSEGV;
``ADVISOR_ENGINE_TEST_NO_ENGINE=1`` makes ``import durable_rules_engine`` fail here (as where durable-rules
failed to build: a real ``ImportError`` from the import statement), which can only disable the engine.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import threading
import time
import zlib

from advisor.engine.protocol import (HEADER, Evaluated, Failed, Full, Load, Loaded, Reply, Request, Shutdown,
                                     Stage, Stats, Update, Updated, UpdateRefused)

CHUNK = 5000
KEY_FIELD = "key"  # advisor.rules.compiler.KEY_FIELD (not imported: the child imports as little as it can)
ALIAS = {"business": "b", "task": "t", "candidate": "c"}  # advisor.rules.compiler.ALIAS
JOIN_TASK = "task_j"  # advisor.rules.compiler.JOIN_TASK: a task's second engine fact (not a plan fact)
JOIN_FIELD = "task"  # advisor.rules.compiler.JOIN_FIELD: a candidate's task key

TYPE_CHECKING = False
if TYPE_CHECKING:  # not imported at run time: ``typing`` is ~15 ms of the child's start
    from typing import Any


NO_REPLY = object()  # what `stage` answers: nothing


class Refused(Exception):
    """The engine refused an assert or retract; the session must be abandoned."""


def describe(exc: BaseException) -> str:
    """A short text for an engine error (durable-rules puts the whole batch in its exceptions)."""
    name = type(exc).__name__
    if name == "MessageObservedException":
        msg = exc.args[0] if exc.args else None
        fid = msg.get("id") if isinstance(msg, dict) else None
        return "the engine already holds a fact with the same identity" + (f" ({fid})" if fid else "")
    if name == "MessageNotHandledException":
        return "no rule of the engine accepted it"
    text = str(exc)
    if len(text) > 300:
        text = text[:300] + "..."
    return f"{name}: {text}" if text else name


class EngineHost:
    """One durable-rules host with one live session (see the module docstring)."""

    def __init__(self) -> None:
        self.dre: Any = None  # the durable_rules_engine module, once a ruleset is loaded
        self.rs_handle = 0  # the C core's handle of the ruleset
        self.name = ""
        self.sid: str | None = None  # the current session; shard i's durable-rules sid is f"{sid}.{i}"
        self.counter = 0
        self.shards = 1            # shards of the current session (see _groups)
        self.shard_of: dict[Any, int] = {}  # task key -> shard, for the current session
        self.live: set[int] = set()  # shards that hold state in the current session
        self.healthy = True        # the current session may be passed to delete_state
        self.facts: dict[str, dict] = {}  # engine id -> fact, for the current session
        self.copies = 0  # how many of them are JOIN_TASK copies
        self.matches: dict[tuple, None] = {}
        self.failures: dict[str, str] = {}
        self.abandoned_sessions = 0
        self.abandoned_facts = 0
        self.staged: list[dict] = []  # the facts of a full evaluation sent in parts
        self.stage_refused = False
        self.stage_error: tuple | None = None

    # -------------------------------------------------------------- set-up

    def load(self, name: str, definition: dict, rule_of: dict, namespaces: dict) -> dict:
        """Register the ruleset with durable-rules' C core (``create_ruleset``, what
        ``durable.engine.Ruleset`` does with a definition whose actions it has taken out), and
        note which rule id and fact aliases each engine rule's match reports.

        Not through ``durable.engine.Host``: its Python layer was used only to register the
        ruleset and to delete sessions (asserts, retracts and the actions already go to the C
        core here, :meth:`_call`), and importing it (``logging``, ``random``, ``datetime``,
        ``inspect``, ``copy``) was ~28 ms of CPU at every start of this process."""
        import durable_rules_engine

        if self.dre is not None:
            raise RuntimeError("a ruleset is already loaded; start a new engine process")
        handle = durable_rules_engine.create_ruleset(name, json.dumps(definition, ensure_ascii=False))
        self.dre, self.rs_handle, self.name = durable_rules_engine, handle, name
        # engine rule name -> (rule id, aliases) for _dispatch; None: a catch-all (no action)
        self.dispatch = {rname: None if rule_of.get(rname) is None else
                         (rule_of[rname], tuple(ALIAS[ns] for ns in namespaces.get(rule_of[rname], ())))
                         for rname in definition}
        return self.info()

    # -------------------------------------------------------------- sessions

    def _new_session(self, shards: int | None = None) -> None:
        """Drop the current session (every shard of it) and start the next one, with ``shards``
        shards (``None``: as many as the current one)."""
        if self.sid is not None and self.live:
            if self.healthy:
                for i in sorted(self.live):
                    try:
                        self.dre.delete_state(self.rs_handle, f"{self.sid}.{i}")
                    except Exception:  # an unknown sid raises
                        pass
            else:  # never delete_state a session the engine refused something in
                self.abandoned_sessions += 1
                self.abandoned_facts += max(1, len(self.facts))
        self.counter += 1
        self.sid = str(self.counter)
        if shards is not None:
            self.shards = max(1, int(shards))
        self.shard_of = {}
        self.live = set()
        self.healthy = True
        self.facts = {}
        self.copies = 0
        self._begin()

    def _groups(self, efacts: list[dict]) -> dict[int, list[dict]]:
        """The facts by shard, each given its shard's ``sid``.

        Why shards: durable-rules keeps a session's facts in a hash index of 512 buckets
        (``MAX_MESSAGE_INDEX_LENGTH``) and its join memories in 512 more, so the cost per fact
        grows with the session: measured, 39 us per fact at 54,671 facts in one session against
        20 us in 40 sessions of ~1,400 (the same matches). A match names at most one business,
        one task and one candidate, joined on the candidate's task, so a session per group of
        tasks (a task, its join copy and its candidates) plus a copy of the business fact in
        every shard finds exactly the matches of one big session; a business match found in
        several shards is one match (``self.matches`` is keyed by the facts)."""
        sid, n = self.sid, self.shards
        if n == 1:
            tag = f"{sid}.0"
            for ef in efacts:
                ef["sid"] = tag
            return {0: efacts}
        groups: dict[int, list[dict]] = {}
        every: list[dict] = []
        cache = self.shard_of
        for ef in efacts:
            t = ef.get("_t")
            if t == "business":
                every.append(ef)
                continue
            k = ef.get(JOIN_FIELD, "") if t == "candidate" else ef.get(KEY_FIELD, "")
            s = cache.get(k)
            if s is None:
                s = cache[k] = zlib.crc32(str(k).encode("utf-8", "surrogatepass")) % n
            groups.setdefault(s, []).append(ef)
        out: dict[int, list[dict]] = {}
        for i in (range(n) if every else sorted(groups)):
            tag = f"{sid}.{i}"
            part = [dict(ef, sid=tag) for ef in every]
            for ef in groups.get(i, ()):
                ef["sid"] = tag
                part.append(ef)
            out[i] = part
        return out

    def _begin(self) -> None:
        self.matches.clear()
        self.failures.clear()

    def _call(self, fn: Any, efacts: list[dict]) -> None:
        """``fn`` (the C core's ``assert_facts`` or ``retract_facts``) on a batch, then every
        action it made ready: what ``durable.engine.Host.assert_facts`` does, without its Python
        layer. Measured at 10,000 candidates: that layer decoded (``json.loads``) every action's
        message, including the catch-all rules' messages, which carry every fact asserted
        (~0.1 s of a 0.25 s full evaluation); here a catch-all's message is recognised by its
        rule name and never decoded. Raises :class:`Refused` on any engine error."""
        dre, handle = self.dre, self.rs_handle
        try:
            result = fn(handle, json.dumps(efacts, ensure_ascii=False))
        except Exception as exc:
            raise Refused(describe(exc)) from None
        code = result[0]
        if code == 1:
            raise Refused("no rule of the engine accepted it")
        if code == 2:
            raise Refused("the engine already holds a fact with the same identity")
        state_handle = 0 if code == 3 else result[1]
        try:
            ready = dre.start_action_for_state(handle, state_handle)
            if not ready:
                return
            state_text, message = ready
            while message:
                self._dispatch(message)
                dre.update_state(handle, state_text)  # the actions never change the state
                message = dre.complete_and_start_action(handle, state_handle)
        except Refused:
            raise
        except Exception as exc:
            raise Refused(describe(exc)) from None

    def _dispatch(self, message: str) -> None:
        """One action's message, ``{"<engine rule>":[{alias: fact, ...}, ...]}``."""
        end = message.find('"', 2)
        name = message[2:end] if message.startswith('{"') and end > 2 else None
        if name not in self.dispatch:  # not a name we gave (cannot happen): decode to find it
            name = next(iter(json.loads(message)), None)
            if name not in self.dispatch:
                raise Refused(f"an action for an unknown rule {name!r}")
        act = self.dispatch[name]
        if act is None:  # a catch-all: nothing to record
            return
        rule_id, aliases = act
        matches = self.matches
        try:
            found = json.loads(message)[name]
            if isinstance(found, dict):
                found = [found]
            for m in found:
                if "m" in m and len(m) == 1:
                    m = m["m"]
                matches[(rule_id, tuple((m[a]["_t"], m[a][KEY_FIELD]) for a in aliases))] = None
        except Exception as exc:  # one rule's bookkeeping must not lose the others
            self.failures[rule_id] = f"{type(exc).__name__}: {exc}"

    def _assert(self, efacts: list[dict]) -> None:
        if not efacts:
            return
        for shard, part in self._groups(efacts).items():
            self.live.add(shard)
            for i in range(0, len(part), CHUNK):
                try:
                    self._call(self.dre.assert_facts, part[i:i + CHUNK])
                except Refused:
                    self.healthy = False
                    raise
        for ef in efacts:
            self.facts[ef["id"]] = ef
            if ef["_t"] == JOIN_TASK:
                self.copies += 1

    def _retract(self, ids: list[str]) -> None:
        if not ids:
            return
        try:
            efacts = [self.facts.pop(i) for i in ids]
        except KeyError as exc:
            self.healthy = False
            raise Refused(f"no such fact in the engine: {exc}") from None
        self.copies -= sum(1 for ef in efacts if ef["_t"] == JOIN_TASK)
        try:
            for part in self._groups(efacts).values():
                self._call(self.dre.retract_facts, part)
        except Refused:
            self.healthy = False
            raise

    # -------------------------------------------------------------- requests

    def info(self) -> dict:
        return {"abandoned_sessions": self.abandoned_sessions, "abandoned_facts": self.abandoned_facts,
                # plan facts held; a task's JOIN_TASK copy is counted in engine_facts only
                "facts": len(self.facts) - self.copies, "engine_facts": len(self.facts), "pid": os.getpid(),
                "shards": self.shards, "sessions": len(self.live),
                "rulesets": 0 if self.dre is None else 1}

    def stage(self, efacts: list[dict], first: bool, shards: int | None = None) -> object:
        """Part of a full evaluation sent ahead (no reply): asserted now, while the parent
        converts the next part. After a refusal the rest is only kept; ``full`` then isolates."""
        try:
            if first:
                self._new_session(shards)
                self.staged, self.stage_refused, self.stage_error = [], False, None
            self.staged.extend(efacts)
            if not self.stage_refused and self.stage_error is None:
                try:
                    self._assert(efacts)
                except Refused:
                    self.stage_refused = True
        except Exception as exc:  # reported by the `full` that ends the evaluation
            import traceback

            self.stage_error = (f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=8))
        return NO_REPLY

    def full(self, efacts: list[dict], staged: bool = False, shards: int | None = None) -> Evaluated | Failed:
        if staged:
            self.stage(efacts, False)
            every, refused_any, error = self.staged, self.stage_refused, self.stage_error
            self.staged, self.stage_refused, self.stage_error = [], False, None
            if error is not None:
                return Failed(*error)
        else:
            self._new_session(shards)
            every, refused_any = efacts, False
            try:
                self._assert(efacts)
            except Refused:
                refused_any = True
        refused: dict[int, str] = {}
        engine_error = None
        if refused_any:
            refused, engine_error = self._isolate(every)
        return Evaluated(list(self.matches), list(self.failures.items()), refused, engine_error, self.info())

    def _isolate(self, efacts: list[dict]) -> tuple[dict[int, str], str | None]:
        """Assert fact by fact, each refusal abandoning the session and starting a fresh one with
        the facts kept so far, so the current session ends up holding exactly the kept facts."""
        refused: dict[int, str] = {}
        kept: list[dict] = []
        self._new_session()
        for i, ef in enumerate(efacts):
            try:
                self._assert([ef])
                kept.append(ef)
            except Refused as exc:
                refused[i] = str(exc)
                self._new_session()
                try:
                    self._assert(kept)
                except Refused as again:  # should not happen: each of them went in on its own
                    return refused, f"the engine failed after isolating the facts it refused: {again}"
        return refused, None

    def update(self, retract_ids: list[str], efacts: list[dict]) -> Updated | UpdateRefused:
        if self.sid is None:
            self._new_session()
        self._begin()
        try:
            self._retract(retract_ids)
            self._assert(efacts)
        except Refused as exc:
            return UpdateRefused(str(exc))
        return Updated(list(self.matches), list(self.failures.items()), self.info())

    def handle(self, request: Request) -> Reply | object | None:
        """The reply to one request; NO_REPLY for a Stage, None for a Shutdown."""
        _test_hooks("full" if isinstance(request, Stage) else type(request).__name__.lower())
        if isinstance(request, Update):
            return self.update(request.retract_ids, request.efacts)
        if isinstance(request, Stage):
            return self.stage(request.efacts, request.first, request.shards)
        if isinstance(request, Full):
            return self.full(request.efacts, request.staged, request.shards)
        if isinstance(request, Load):
            try:
                import durable_rules_engine  # noqa: F401
            except (ImportError, OSError) as exc:  # not installed, failed to build, undefined symbol
                return Failed(f"{type(exc).__name__}: {exc}", unavailable=str(exc) or type(exc).__name__)
            return Loaded(self.load(request.name, request.definition, request.rule_of, request.namespaces))
        if isinstance(request, Stats):
            return Loaded(self.info())
        if isinstance(request, Shutdown):
            return None
        raise ValueError(f"unknown request {request!r}")


def _test_hooks(op: str) -> None:
    hang = os.environ.get("ADVISOR_ENGINE_TEST_HANG")
    if hang and hang in (op, "any"):
        while True:
            time.sleep(3600)
    crash = os.environ.get("ADVISOR_ENGINE_TEST_CRASH")
    if crash and crash in (op, "any"):
        import signal

        os.kill(os.getpid(), signal.SIGSEGV)


# ------------------------------------------------------------------ process main

def _read_exact(fd: int, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        part = os.read(fd, min(n - len(buf), 1 << 20))
        if not part:
            return None
        buf += part
    return bytes(buf)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _watch_parent(ppid: int) -> None:
    while True:
        time.sleep(2)
        if os.getppid() != ppid:
            os._exit(3)


def main() -> None:
    # The protocol uses private copies of fd 0 and 1; fd 1 now goes to stderr, fd 0 to /dev/null.
    rfd, wfd = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        import faulthandler

        faulthandler.enable(sys.stderr)  # a crash leaves a Python traceback in the parent's log
    except Exception:
        pass
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    if os.environ.get("ADVISOR_ENGINE_TEST_NO_ENGINE") == "1":
        sys.modules["durable"] = sys.modules["durable_rules_engine"] = None  # type: ignore[assignment]
    try:  # what ``Load`` needs, imported while the parent is still busy (``process.prestart``)
        import durable_rules_engine  # noqa: F401
    except Exception:
        pass  # ``Load`` imports them again and reports the failure
    engine = EngineHost()
    while True:
        head = _read_exact(rfd, HEADER.size)
        if head is None:
            break
        body = _read_exact(rfd, HEADER.unpack(head)[0])
        if body is None:
            break
        try:
            reply = engine.handle(pickle.loads(body))
        except Exception as exc:
            import traceback

            reply = Failed(f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=8))
        if reply is NO_REPLY:
            continue
        if reply is None:
            _write_all(wfd, HEADER.pack(0))
            break
        data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        _write_all(wfd, HEADER.pack(len(data)) + data)
    os._exit(0)  # skip interpreter teardown: the C core's globals are not worth freeing


if __name__ == "__main__":
    main()
