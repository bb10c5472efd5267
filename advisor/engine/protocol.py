"""The pipe protocol between the advisor and its engine process (:mod:`advisor.engine.host`).

Each message is a length-prefixed pickle (``HEADER``: 8-byte big-endian length, then the pickle)
of one of the records below; one reply per request, in order, except :class:`Stage`, which
has none. Both processes import this module, so it imports nothing of the project: the child
stays small. A ``Shutdown`` is answered by an empty message (length 0).

The records are plain classes with slots, read-only once made, not dataclasses: the engine
process imports this module before anything else it does, and ``dataclasses`` (with ``inspect``,
``ast``, ``dis``) and the classes' generated methods were ~20 ms of its ~75 ms of CPU to start
(measured, CPython 3.11). Nothing compares or hashes them.
"""

from __future__ import annotations

import struct

HEADER = struct.Struct("!Q")

#: A match as the engine reports it: (rule id, ((fact type, key), ...)), the facts in pattern order.
Match = tuple


class _Message:
    """A read-only record: its fields are its ``__slots__``, set once by ``__init__``; it pickles
    as its class and its fields' values (``cls(*values)``)."""

    __slots__ = ()

    def _set(self, *values: object) -> None:
        for name, value in zip(self.__slots__, values):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __reduce__(self) -> tuple:
        return type(self), tuple(getattr(self, n) for n in self.__slots__)

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({fields})"


# ---------------------------------------------------------------- requests


class Load(_Message):
    """Register the ruleset: ``definition`` is the durable-rules ruleset without actions;
    ``rule_of[name]`` the rule id a durable-rules rule reports (None: a catch-all without
    action); ``namespaces[rule_id]`` the fact types of its match, in pattern order.
    Reply: :class:`Loaded`."""

    __slots__ = ("name", "definition", "rule_of", "namespaces")
    name: str
    definition: dict
    rule_of: dict
    namespaces: dict

    def __init__(self, name: str, definition: dict, rule_of: dict, namespaces: dict) -> None:
        self._set(name, definition, rule_of, namespaces)


class Stage(_Message):
    """Part of a full evaluation sent ahead and asserted at once (``first`` starts a new session
    of ``shards`` shards). No reply: the :class:`Full` that ends the evaluation answers for all."""

    __slots__ = ("efacts", "first", "shards")
    efacts: list
    first: bool
    shards: int | None

    def __init__(self, efacts: list, first: bool, shards: int | None = None) -> None:
        self._set(efacts, first, shards)


class Full(_Message):
    """A new session with every fact (``staged``: after the :class:`Stage` parts, these are the
    last ones). Reply: :class:`Evaluated`."""

    __slots__ = ("efacts", "staged", "shards")
    efacts: list
    staged: bool
    shards: int | None

    def __init__(self, efacts: list, staged: bool = False, shards: int | None = None) -> None:
        self._set(efacts, staged, shards)


class Update(_Message):
    """Retract the facts with these engine ids, then assert ``efacts`` in the current session.
    Reply: :class:`Updated`, or :class:`UpdateRefused` (the session is abandoned)."""

    __slots__ = ("retract_ids", "efacts")
    retract_ids: list
    efacts: list

    def __init__(self, retract_ids: list, efacts: list) -> None:
        self._set(retract_ids, efacts)


class Stats(_Message):
    """The child's counters. Reply: :class:`Loaded` (its ``info``)."""

    __slots__ = ()


class Shutdown(_Message):
    """Exit. Reply: an empty message."""

    __slots__ = ()


Request = Load | Stage | Full | Update | Stats | Shutdown


# ---------------------------------------------------------------- replies


class Loaded(_Message):
    """The child's counters (``EngineHost.info``: facts, sessions, abandoned sessions, pid)."""

    __slots__ = ("info",)
    info: dict

    def __init__(self, info: dict) -> None:
        self._set(info)


class Evaluated(_Message):
    """A full evaluation: every match that fired, the actions that failed (rule id, message),
    the facts the engine refused (index in the request's facts -> error; staged facts count
    first), an error that stopped the evaluation, and the counters."""

    __slots__ = ("matches", "failures", "refused", "engine_error", "info")
    matches: list[Match]
    failures: list[tuple[str, str]]
    refused: dict[int, str]
    engine_error: str | None
    info: dict

    def __init__(self, matches: list[Match], failures: list[tuple[str, str]], refused: dict[int, str],
                 engine_error: str | None, info: dict | None = None) -> None:
        self._set(matches, failures, refused, engine_error, {} if info is None else info)


class Updated(_Message):
    """An update: only the matches that fired now, the failed actions, and the counters."""

    __slots__ = ("matches", "failures", "info")
    matches: list[Match]
    failures: list[tuple[str, str]]
    info: dict

    def __init__(self, matches: list[Match], failures: list[tuple[str, str]], info: dict | None = None) -> None:
        self._set(matches, failures, {} if info is None else info)


class UpdateRefused(_Message):
    """The engine refused the update's retract or assert: the caller evaluates fully."""

    __slots__ = ("message",)
    message: str

    def __init__(self, message: str) -> None:
        self._set(message)


class Failed(_Message):
    """The request raised in the child (an internal error): its text and traceback.
    ``unavailable``: durable-rules could not be imported there (the import error's text)."""

    __slots__ = ("error", "traceback", "unavailable")
    error: str
    traceback: str
    unavailable: str

    def __init__(self, error: str, traceback: str = "", unavailable: str = "") -> None:
        self._set(error, traceback, unavailable)


Reply = Loaded | Evaluated | Updated | UpdateRefused | Failed
