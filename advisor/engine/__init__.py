"""The advisor's rules engine, one module per job:

- :mod:`.advisor`: ``Advisor``, full and incremental evaluation: the calls, the lock, the engine
  process's requests and crash recovery;
- :mod:`.convert`: plan facts to engine facts (ids, fields, numbers), a task's snapshot/signature;
- :mod:`.diff`: what changed between two evaluations (facts redone per task, the before-facts,
  the engine facts to retract and assert);
- :mod:`.render`: matches to findings, with the rendering cache;
- :mod:`.process`: supervising the engine process (start, pipes with a deadline, stop);
- :mod:`.protocol`: the requests and replies on its pipes, as named types;
- :mod:`advisor.engine.host`: the process itself, the only importer of durable_rules.

``from advisor.engine import Advisor, EngineCrashed`` keeps working. The names are loaded on
first use, so the engine process, which imports :mod:`.protocol`, does not load the rest.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:  # the engine process imports this package first: ``typing`` is ~15 ms of its start
    from typing import Any

_EXPORTS = {"Advisor": ".advisor", "ENGINE_RULE": ".advisor", "fnv1a32": ".convert",
            "EngineCrashed": "advisor.errors"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
