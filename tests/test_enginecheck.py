"""An interpreter where the engine cannot load (durable-rules built on CPython 3.13 without the
define) stops every command and the app at once with one line saying what to run, exit 3, no
traceback and no workspace touched. The broken extension is simulated by a module of the same name
that raises the import error CPython 3.13 gives, placed first on the path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.engine.check import CPPFLAGS, problem

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ("raise ImportError('/venv/lib/python3.13/site-packages/durable_rules_engine.cpython-313-"
          "x86_64-linux-gnu.so: undefined symbol: PyEval_CallObject')\n")


def test_the_real_engine_loads_here():
    assert problem() is None


@pytest.mark.parametrize("argv", [
    ["check", "--plan", str(ROOT / "examples" / "bakery.toml")],
    ["rules", "test"],
    ["summary"],
    [],  # the app
])
def test_broken_engine_stops_with_one_line(tmp_path, argv):
    (tmp_path / "durable_rules_engine.py").write_text(BROKEN)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    db = tmp_path / "w.db"
    proc = subprocess.run([sys.executable, "-m", "tui.launch", "--db", str(db), *argv],
                          capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: the rules engine (durable-rules) cannot load on Python ")
    assert "undefined symbol: PyEval_CallObject" in lines[0]
    assert f"CPPFLAGS='{CPPFLAGS}'" in lines[0] and "--force-reinstall" in lines[0]
    assert proc.stdout == ""
    assert not db.exists()


def test_help_needs_no_engine(tmp_path):
    (tmp_path / "durable_rules_engine.py").write_text(BROKEN)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    proc = subprocess.run([sys.executable, "-m", "advisor.cli", "--help"], capture_output=True, text=True,
                          env=env, timeout=60, cwd=tmp_path)
    assert proc.returncode == 0 and "usage: outsource" in proc.stdout
