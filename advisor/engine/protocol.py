"""The pipe protocol between the advisor and its engine process (:mod:`advisor.engine.host`).

Each message is a length-prefixed pickle (``HEADER``: 8-byte big-endian length, then the pickle)
of one of the dataclasses below; one reply per request, in order, except :class:`Stage`, which
has none. Both processes import this module, so it imports nothing of the project: the child
stays small. A ``Shutdown`` is answered by an empty message (length 0).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

HEADER = struct.Struct("!Q")

#: A match as the engine reports it: (rule id, ((fact type, key), ...)), the facts in pattern order.
Match = tuple

# The messages are ``eq=False``: nothing compares or hashes them, and CPython 3.11 builds each
# generated ``__eq__`` and ``__hash__`` with ``exec`` at import, in both processes (~1.3 ms of the
# module's ~8.5 ms; a frozen, slotted record otherwise).


# ---------------------------------------------------------------- requests


@dataclass(frozen=True, slots=True, eq=False)
class Load:
    """Register the ruleset: ``definition`` is the durable-rules ruleset without actions;
    ``rule_of[name]`` the rule id a durable-rules rule reports (None: a catch-all without
    action); ``namespaces[rule_id]`` the fact types of its match, in pattern order.
    Reply: :class:`Loaded`."""
    name: str
    definition: dict
    rule_of: dict
    namespaces: dict


@dataclass(frozen=True, slots=True, eq=False)
class Stage:
    """Part of a full evaluation sent ahead and asserted at once (``first`` starts a new session
    of ``shards`` shards). No reply: the :class:`Full` that ends the evaluation answers for all."""
    efacts: list
    first: bool
    shards: int | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Full:
    """A new session with every fact (``staged``: after the :class:`Stage` parts, these are the
    last ones). Reply: :class:`Evaluated`."""
    efacts: list
    staged: bool = False
    shards: int | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Update:
    """Retract the facts with these engine ids, then assert ``efacts`` in the current session.
    Reply: :class:`Updated`, or :class:`UpdateRefused` (the session is abandoned)."""
    retract_ids: list
    efacts: list


@dataclass(frozen=True, slots=True, eq=False)
class Stats:
    """The child's counters. Reply: :class:`Loaded` (its ``info``)."""


@dataclass(frozen=True, slots=True, eq=False)
class Shutdown:
    """Exit. Reply: an empty message."""


Request = Load | Stage | Full | Update | Stats | Shutdown


# ---------------------------------------------------------------- replies


@dataclass(frozen=True, slots=True, eq=False)
class Loaded:
    """The child's counters (``EngineHost.info``: facts, sessions, abandoned sessions, pid)."""
    info: dict


@dataclass(frozen=True, slots=True, eq=False)
class Evaluated:
    """A full evaluation: every match that fired, the actions that failed (rule id, message),
    the facts the engine refused (index in the request's facts -> error; staged facts count
    first), an error that stopped the evaluation, and the counters."""
    matches: list[Match]
    failures: list[tuple[str, str]]
    refused: dict[int, str]
    engine_error: str | None
    info: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False)
class Updated:
    """An update: only the matches that fired now, the failed actions, and the counters."""
    matches: list[Match]
    failures: list[tuple[str, str]]
    info: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False)
class UpdateRefused:
    """The engine refused the update's retract or assert: the caller evaluates fully."""
    message: str


@dataclass(frozen=True, slots=True, eq=False)
class Failed:
    """The request raised in the child (an internal error): its text and traceback.
    ``unavailable``: durable-rules could not be imported there (the import error's text)."""
    error: str
    traceback: str = ""
    unavailable: str = ""


Reply = Loaded | Evaluated | Updated | UpdateRefused | Failed
