"""Run a command without the power to write files its mode forbids, even when the tests run
as root (as on the project's test machine), so read-only files are really read-only.

Root writes a file whatever its mode through three capabilities (CAP_DAC_OVERRIDE,
CAP_DAC_READ_SEARCH, CAP_FOWNER). The child drops them from its bounding set before it execs,
so the program it runs has them in no set: it is still uid 0 (the interpreter under /root stays
reachable, which user ``nobody`` could not run here) but the kernel checks file modes as for
any user. A non-root test run needs nothing: the command runs as the current user.
"""

from __future__ import annotations

import ctypes
import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_PR_CAPBSET_DROP = 24
_FILE_MODE_CAPS = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def _drop_file_mode_caps() -> None:  # runs in the child, between fork and exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _FILE_MODE_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@functools.cache
def _can_drop() -> bool:
    try:
        subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_file_mode_caps, check=True)
    except (subprocess.SubprocessError, OSError):
        return False
    return True


def run(argv: list[str], **kw) -> subprocess.CompletedProcess:
    """``subprocess.run(argv)`` bound by file modes, output captured as text. As root where the
    capabilities cannot be dropped (no CAP_SETPCAP), the test is skipped: it would prove nothing."""
    if os.geteuid() == 0:
        if not _can_drop():
            pytest.skip("root without CAP_SETPCAP: cannot run a child bound by file modes")
        kw["preexec_fn"] = _drop_file_mode_caps
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 120)
    kw.setdefault("cwd", ROOT)
    return subprocess.run(argv, **kw)


def outsource(*argv: str, **kw) -> subprocess.CompletedProcess:
    """The CLI (``outsource ARGV``) as an unprivileged user would run it."""
    return run([sys.executable, "-m", "advisor.cli", *argv], **kw)


def python(code: str, *argv: str, **kw) -> subprocess.CompletedProcess:
    return run([sys.executable, "-c", code, *argv], **kw)


def can_write(path: Path) -> bool:
    """Whether an unprivileged child may append to ``path`` (the premise every test here needs:
    False for a 0444 file, as root too)."""
    proc = python("import sys; open(sys.argv[1], 'ab').close()", str(path))
    return proc.returncode == 0
