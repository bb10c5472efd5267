"""Can the rules engine load on this interpreter? Checked before any command or the app starts.

durable-rules is a C extension. Built on CPython 3.13+ without the define that maps the removed
``PyEval_CallObject`` it installs fine but fails to import (``undefined symbol``); the engine runs
in a child process, so without this check the failure would surface late, as a crashed advisor
with every task looking fine. Importing the extension here costs a few milliseconds and tells the
user at once, in one line, what to run.

The engine's child process (``python -I``: no ``PYTHONPATH``, no user site-packages) may still
fail to import it where this process could; it answers ``Load`` with the import error and the
advisor raises the same one line (:func:`unavailable`, from :mod:`advisor.engine.link`).
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


def build_tools(platform: str = sys.platform, os_release: str | None = None) -> str:
    """The command (or installer) that adds a C compiler and the Python headers on this system."""
    if platform == "darwin":
        return "`xcode-select --install`"
    if platform.startswith(("win", "cygwin", "msys")):
        return 'the Microsoft C++ Build Tools (Visual Studio Installer, "Desktop development with C++")'
    apt = "`sudo apt install build-essential python3-dev`"
    dnf = "`sudo dnf install gcc python3-devel`"
    if os_release is None:
        try:
            with open("/etc/os-release", encoding="utf-8", errors="replace") as f:
                os_release = f.read(4096)
        except OSError:
            os_release = ""
    ids = set()
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            ids.update(value.strip().strip("\"'").lower().split())
    if ids & {"debian", "ubuntu"}:
        return apt
    if ids & {"fedora", "rhel", "centos"}:
        return dnf
    return f"{apt} (Debian, Ubuntu) or {dnf} (Fedora)"


def install_command(python: str = sys.executable) -> str:
    """The command that builds and installs durable-rules again for ``python`` (with the define
    on CPython 3.13+, where a POSIX shell takes it)."""
    define = f"CPPFLAGS='{CPPFLAGS}' " if sys.version_info >= (3, 13) and sys.platform != "win32" else ""
    return f"{define}{python} -m pip install --force-reinstall --no-cache-dir {DURABLE}"


def unavailable(why: str) -> EngineUnavailable:
    """The one-line error for an engine that cannot be imported (``why``: the import error's
    text, from this process or from the engine's child process)."""
    version = ".".join(map(str, sys.version_info[:3]))
    if "PyEval_CallObject" in why:
        return EngineUnavailable(f"the rules engine (durable-rules) cannot load on Python {version} "
                                 f"(undefined symbol: PyEval_CallObject); rebuild it with the Python 3.13 "
                                 f"define: {fix_command()}")
    short = (why.splitlines() or [""])[0][:200]
    return EngineUnavailable(
        f"the rules engine ({DURABLE}, a C extension) is not installed or failed to build on Python "
        f"{version} ({short}); it needs a C compiler and the Python headers: install them with "
        f"{build_tools()}, then run `{install_command()}`")


def require_engine(module: str = "durable_rules_engine") -> None:
    """Raise :class:`EngineUnavailable` with one line saying what to do if the engine cannot load."""
    why = problem(module)
    if why is not None:
        raise unavailable(why)
