"""`outsource completion`: `--task` completes the workspace's task ids (the one `--db` names),
never file names, and never hands the shell anything it would expand (an id another tool wrote
as `$(...)` is left out)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.plan.model import Plan, Task
from advisor.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


def _complete(script: str, words: list[str], cwd: Path) -> list[str]:
    """Bash completion of ``words`` (the cursor in the last one), with ``outsource`` this
    checkout's command line."""
    quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
    driver = (f'outsource() {{ "{sys.executable}" -m advisor.cli "$@"; }}\n' + script
              + f"\nCOMP_WORDS=({quoted})\nCOMP_CWORD={len(words) - 1}\n"
              "_outsource\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("OUTSOURCE_DB", None)
    proc = subprocess.run(["bash", "-c", driver], capture_output=True, text=True, timeout=120, cwd=cwd, env=env)
    assert proc.returncode == 0, proc.stderr
    return [ln for ln in proc.stdout.splitlines() if ln]


@pytest.fixture
def script(capsys):
    assert main(["completion", "bash"]) == 0
    return capsys.readouterr().out


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ws.db"
    with Workspace.open(path) as ws:
        ws.replace_plan(Plan(tasks=[Task("logo", "Logo"), Task("site", "Site"), Task("logo-v2", "Logo 2")]))
    return path


def test_task_completes_task_ids_from_the_workspace_not_file_names(script, db, tmp_path):
    (tmp_path / "logo-notes.txt").write_text("x")
    assert _complete(script, ["outsource", "--db", str(db), "history", "--task", ""], tmp_path) == [
        "logo", "site", "logo-v2"]
    assert _complete(script, ["outsource", "--db", str(db), "import", "x.csv", "--task", "lo"], tmp_path) == [
        "logo", "logo-v2"]
    # without a workspace there is nothing to offer (and none is created)
    assert _complete(script, ["outsource", "--db", str(tmp_path / "none.db"), "history", "--task", ""],
                     tmp_path) == []
    assert not (tmp_path / "none.db").exists()


def test_an_id_a_shell_would_expand_is_never_offered(script, db, tmp_path):
    evil = "$(touch pwned)"
    with sqlite3.connect(db) as conn:  # another tool wrote an id the model would refuse
        conn.execute("UPDATE tasks SET id = ? WHERE id = 'site'", (evil,))
        conn.execute("UPDATE tasks SET id = '*' WHERE id = 'logo-v2'")
    got = _complete(script, ["outsource", "--db", str(db), "history", "--task", ""], tmp_path)
    assert got == ["logo"]
    assert not (tmp_path / "pwned").exists()


def test_the_hidden_helper_is_not_offered_as_a_command(script, tmp_path, capsys):
    assert "_task-ids" not in _complete(script, ["outsource", ""], tmp_path)
    assert main(["completion", "fish"]) == 0
    fish = capsys.readouterr().out
    assert "-l task -r -f -a '(outsource _task-ids 2>/dev/null)'" in fish
    assert "-n __fish_use_subcommand -a _task-ids" not in fish
