"""Runs tests/tmux_smoke.py: the installed `outsource` app in a real terminal (tmux)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_installed_app_in_tmux():
    exe = Path(sys.executable).parent / "outsource"
    if not exe.exists():
        pytest.fail(f"the app is not installed next to the test interpreter: {exe}")
    out = subprocess.run([sys.executable, str(HERE / "tmux_smoke.py"), str(exe)], capture_output=True,
                         text=True, timeout=180)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("ok:")
