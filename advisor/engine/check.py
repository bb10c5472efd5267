"""Can the rules engine load on this interpreter? Checked before any command or the app starts.

durable-rules is a C extension. Built on CPython 3.13+ without the define that maps the removed
``PyEval_CallObject`` it installs fine but fails to import (``undefined symbol``); the engine runs
in a child process, so without this check the failure would surface late, as a crashed advisor
with every task looking fine. Importing the extension here costs a few milliseconds and tells the
user at once, in one line, what to run.
"""

from __future__ import annotations

import sys

from advisor.errors import AdvisorError

#: The define that makes durable-rules 2.0.28 build correctly on CPython 3.13+ (see the Makefile).
CPPFLAGS = "-DPyEval_CallObject(f,a)=PyObject_CallObject(f,a)"
DURABLE = "durable-rules==2.0.28"


class EngineUnavailable(AdvisorError):
    """The rules engine cannot be loaded: an installation problem, not a user input mistake."""

    exit_code = 3


def fix_command(python: str = sys.executable) -> str:
    """The command that rebuilds durable-rules correctly for ``python``."""
    return (f"CPPFLAGS='{CPPFLAGS}' {python} -m pip install --force-reinstall --no-cache-dir "
            f"--no-deps {DURABLE}")


def problem(module: str = "durable_rules_engine") -> str | None:
    """Why the engine's C extension cannot be imported here, or None when it can."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError as exc:  # includes an undefined symbol at load time
        return str(exc) or type(exc).__name__
    except OSError as exc:
        return str(exc) or type(exc).__name__
    return None


def require_engine(module: str = "durable_rules_engine") -> None:
    """Raise :class:`EngineUnavailable` with one line saying what to do if the engine cannot load."""
    why = problem(module)
    if why is None:
        return
    version = ".".join(map(str, sys.version_info[:3]))
    short = "undefined symbol: PyEval_CallObject" if "PyEval_CallObject" in why else why.splitlines()[0][:200]
    if "PyEval_CallObject" in why:
        todo = f"rebuild it with the Python 3.13 define: {fix_command()}"
    elif "No module named" in why:
        todo = f"install it: CPPFLAGS='{CPPFLAGS}' {sys.executable} -m pip install {DURABLE}"
    else:
        todo = f"reinstall it: {fix_command()}"
    raise EngineUnavailable(f"the rules engine (durable-rules) cannot load on Python {version} "
                            f"({short}); {todo}")
