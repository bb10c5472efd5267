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

from advisor.engine.check import CPPFLAGS, build_tools, install_command, problem, unavailable

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


# --- the engine's child process cannot import durable-rules (the parent can) ---------------
# Where durable-rules failed to build, or sits where the child (``python -I``: no PYTHONPATH, no
# user site-packages) does not look. The host's test hook makes the child's ``import durable``
# raise a real ImportError; it can only disable the engine.

def test_child_without_the_engine_gives_one_line_naming_the_build_tools(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), ADVISOR_ENGINE_TEST_NO_ENGINE="1")
    proc = subprocess.run([sys.executable, "-m", "tui.launch", "--db", str(tmp_path / "w.db"), "check",
                           "--plan", str(ROOT / "examples" / "bakery.toml")],
                          capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("error: the rules engine (durable-rules==2.0.28, a C extension) is not installed "
                           "or failed to build"), line
    assert "a C compiler and the Python headers" in line and build_tools() in line
    assert f"{sys.executable} -m pip install --force-reinstall --no-cache-dir durable-rules==2.0.28" in line
    assert "Traceback" not in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("platform, os_release, expected", [
    ("linux", 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n', "`sudo apt install build-essential python3-dev`"),
    ("linux", 'ID=debian\n', "`sudo apt install build-essential python3-dev`"),
    ("linux", 'ID="fedora"\n', "`sudo dnf install gcc python3-devel`"),
    ("linux", 'ID="rocky"\nID_LIKE="rhel centos fedora"\n', "`sudo dnf install gcc python3-devel`"),
    ("linux", "ID=alpine\n", "`sudo apt install build-essential python3-dev` (Debian, Ubuntu) or "
                             "`sudo dnf install gcc python3-devel` (Fedora)"),
    ("darwin", None, "`xcode-select --install`"),
    ("win32", None, 'the Microsoft C++ Build Tools (Visual Studio Installer, "Desktop development with C++")'),
])
def test_the_build_tools_named_per_system(platform, os_release, expected):
    assert build_tools(platform, os_release) == expected


def test_the_fix_for_a_missing_engine_names_the_python_that_runs():
    err = unavailable("No module named 'durable_rules_engine'")
    assert err.exit_code == 3 and err.hint is None  # one line
    assert "(No module named 'durable_rules_engine')" in err.message
    assert err.message.endswith(f"then run `{install_command()}`")
    assert install_command().endswith(f"{sys.executable} -m pip install --force-reinstall --no-cache-dir "
                                      "durable-rules==2.0.28")
    assert ("CPPFLAGS=" in install_command()) == (sys.version_info >= (3, 13) and sys.platform != "win32")


async def test_the_app_shows_the_missing_engine_in_the_advice_pane(tmp_path, monkeypatch):
    pytest.importorskip("textual")
    from tui_helpers import make_app, screen_text, settle

    from tui.widgets.panes import AdvicePane

    monkeypatch.setenv("ADVISOR_ENGINE_TEST_NO_ENGINE", "1")  # inherited by the engine process
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert type(app.advice_error).__name__ == "EngineUnavailable"
        assert app.screen.query_one(AdvicePane).has_class("-failed")
        text = " ".join(screen_text(app).split())
        assert "is not installed or failed to build" in text and "C compiler" in text, text
        assert "Traceback" not in text, text
