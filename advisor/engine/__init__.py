"""The advisor's rules engine, one module per job:

- :mod:`.advisor`: ``Advisor``, full and incremental evaluation (fact conversion, diffing and
  rendering of the findings still live in it: the next split);
- :mod:`.process`: supervising the engine process (start, pipes with a deadline, stop);
- :mod:`.protocol`: the requests and replies on its pipes, as named types;
- :mod:`advisor.engine_host`: the process itself, the only importer of durable_rules.

``from advisor.engine import Advisor, EngineCrashed`` keeps working. The names are loaded on
first use, so the engine process, which imports :mod:`.protocol`, does not load the rest.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {"Advisor": ".advisor", "ENGINE_RULE": ".advisor", "fnv1a32": ".convert",
            "EngineCrashed": "advisor.errors"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
