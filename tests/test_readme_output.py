"""The README's `check` sample is real output (it drifted twice while the advice grew: a user who
runs the quick start must see what the README shows)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The README's console samples of `check` (its lines after ``$ ``), each run as written.
COMMANDS = ["OUTSOURCE_TODAY=2026-12-07 outsource check --plan examples/bakery.toml",
            "OUTSOURCE_TODAY=2026-12-07 outsource check --plan examples/bakery.toml --statistics --select practice"]


def _readme_block(command: str) -> str:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").split("\n")
    start = lines.index(command) + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("```"))
    return "\n".join(lines[start:end]) + "\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_the_readme_check_sample_is_what_check_prints(tmp_path, command):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OUTSOURCE", "XDG_"))}
    # no owner's config (a fresh machine, as the quick start assumes), the README's day
    env.update(OUTSOURCE_TODAY="2026-12-07", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), NO_COLOR="1")
    args = command.split()[2:]  # after "OUTSOURCE_TODAY=... outsource"
    got = subprocess.run([sys.executable, "-m", "advisor.cli", *args],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert got.stderr == ""
    assert got.stdout == _readme_block("$ " + command)
