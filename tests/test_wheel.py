"""The wheel a user installs: built from this checkout, installed into a fresh venv, and run from
outside the repository, so a missing package, data file or entry point shows up here rather than
on a user's machine."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.mark.deep
def test_wheel_installs_and_runs_outside_the_repo(tmp_path):
    dist = tmp_path / "dist"
    # hatchling is in the test venv, so no isolated build env has to be downloaded.
    _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)])
    wheel = next(dist.glob("outsource_advisor-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.name for p in (ROOT / "rules").glob("*.toml"))
    assert shipped, "rules/ has no rule packs to ship"
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("advisor/builtin_rules/")) == shipped
    assert "advisor/builtin_examples/bakery.toml" in names and "advisor/config.example.toml" in names
    assert "tui/web/index.html" in names  # the page `outsource serve` sends
    licence = [n for n in names if n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE")]
    assert len(licence) == 1, names
    text = zipfile.ZipFile(wheel).read(licence[0]).decode()
    assert text.startswith("MIT License") and "Copyright (c) 2026 Outsource Advisor developers" in text

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    env = dict(os.environ)
    # The real user's pip cache (tests run with a temporary HOME): durable-rules is compiled once.
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR") or str(Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "pip")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    from advisor.engine.check import CPPFLAGS

    env["CPPFLAGS"] = CPPFLAGS  # as the README's install lines: needed on 3.13, harmless before
    if sys.version_info >= (3, 13):  # a cached wheel built without the define would be reused
        env["PIP_NO_CACHE_DIR"] = "1"
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], env=env)

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    exe = str(venv / "bin" / "outsource")
    env.pop("PYTHONPATH", None)
    version = _run([exe, "--version"], cwd=outside, env=env).stdout.strip()
    from advisor import __version__

    assert version == f"outsource-advisor {__version__}"
    # the README's commands from an empty folder: the user guide and the example plan are in the wheel
    assert "plan-format" in _run([exe, "help"], cwd=outside, env=env).stdout
    assert "## A rule pack" in _run([exe, "help", "rules"], cwd=outside, env=env).stdout
    _run([exe, "example", "bakery"], cwd=outside, env=env)
    db = outside / "w.db"
    _run([exe, "--db", str(db), "import", "bakery.toml"], cwd=outside, env=env)
    _run([exe, "--db", str(db), "export", "out.toml"], cwd=outside, env=env)
    assert (outside / "out.toml").read_text(encoding="utf-8").startswith("format = 1\n")

    probe = ("import advisor, advisor.resources as r; from pathlib import Path; "
             "print(advisor.__file__); print(sorted(p.name for p in r.builtin_rules_dir().glob('*.toml'))); "
             "print(r.demo_plan_path().is_file(), r.config_example_path().is_file())")
    lines = _run([str(venv / "bin" / "python"), "-c", probe], cwd=outside, env=env).stdout.splitlines()
    assert str(venv) in lines[0], "imported the checkout instead of the installed wheel"
    assert lines[1] == repr(shipped)
    assert lines[2] == "True True"
