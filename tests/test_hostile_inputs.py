"""Special files and oversized inputs (issue 13, items 7, 9, 19): every file a user names (plan,
CSV, ``--config``, rule pack, the app's import) is read with a size bound, and only if it is a
regular file; a FIFO, a device (or a link to one) or a folder is refused by kind at once. Each
call runs in a subprocess with a timeout, so a read that hangs or eats memory fails the test
instead of the machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess:
    # 1 GiB of address space: reading /dev/zero whole would die here, not fill the machine
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
            "from advisor.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.fixture
def specials(tmp_path) -> dict[str, tuple[Path, str]]:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    return {"fifo": (fifo, "is a FIFO (named pipe)"), "device": (Path("/dev/zero"), "is a device"),
            "link": (link, "is a device"), "folder": (folder, "is a folder")}


@pytest.fixture
def db(tmp_path, bakery_path) -> Path:
    path = tmp_path / "ws.db"
    assert cli("--db", str(path), "import", str(bakery_path)).returncode == 0
    return path


@pytest.mark.parametrize("kind", ["fifo", "device", "link", "folder"])
def test_special_files_are_refused_by_kind_at_once(kind, specials, db, tmp_path):
    path, words = specials[kind]
    import_words = f"{specials['link'][0]}: is a device" if kind == "device" else f"{path}: {words}"
    runs = {
        "plan": cli("--db", str(tmp_path / "new.db"), "import", str(path if kind != "device" else specials["link"][0])),
        "check --plan": cli("--db", str(db), "check", "--plan", str(path)),
        "config": cli("--config", str(path), "--db", str(db), "summary"),
        "rule pack": cli("--db", str(db), "rules", "validate", str(path)),
    }
    for what, out in runs.items():
        assert out.returncode == 2, (what, out.stdout, out.stderr)
        expect = import_words if what == "plan" else f"{path}: {words}"
        assert expect in (out.stderr + out.stdout), (what, out.stderr)
        assert "Traceback" not in out.stderr


def test_a_csv_fifo_or_link_to_a_device_is_refused_too(db, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    for path, words in ((fifo, "is a FIFO (named pipe), not a CSV file"), (link, "is a device, not a CSV file")):
        out = cli("--db", str(db), "import", str(path), "--task", "logo")
        assert out.returncode == 2 and f"{path}: {words}" in out.stderr, out.stderr


def test_the_apps_import_reads_a_sparse_csv_only_up_to_the_limit(tmp_path):
    """A 700 MiB sparse file is refused from its size, before reading (the app's import)."""
    from advisor.errors import PlanError
    from tui.screens.transfer import read_csv_with_progress

    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:
        fh.truncate(700 * 1024 * 1024)
    with pytest.raises(PlanError, match="may be at most 50 MiB"):
        read_csv_with_progress(big, "logo", [], lambda done, total: None)
    fifo = tmp_path / "p.csv"
    os.mkfifo(fifo)
    with pytest.raises(PlanError, match="is a FIFO"):
        read_csv_with_progress(fifo, "logo", [], lambda done, total: None)


# ----------------------------------------------------------------------------- limits (items 8, 9, 19)

def test_a_plan_over_the_candidate_limit_is_refused_before_parsing(tmp_path):
    from advisor.errors import PlanError
    from advisor.storage.planfile import loads_plan

    one = "[[tasks.candidates]]\nid = 'c{}'\nname = 'x'\n"
    text = "format = 1\n[[tasks]]\nid = 't'\ntitle = 't'\n" + "".join(one.format(i) for i in range(100_001))
    with pytest.raises(PlanError, match="more than 100,000 candidates; a plan may hold at most 100,000"):
        loads_plan(text)


def test_a_plan_over_the_candidate_limit_in_any_layout_is_refused():
    from advisor.errors import PlanError
    from advisor.plan.model import Candidate, Plan, Task

    task = Task(id="t", title="t", candidates=[Candidate(id=f"c{i}", name="x", task="t") for i in range(100_001)])
    with pytest.raises(PlanError, match="has 100,001 candidates; a plan may hold at most 100,000"):
        Plan(tasks=[task]).validate()


def test_a_csv_import_cannot_take_the_workspace_over_the_limit(tmp_path, monkeypatch):
    import advisor.storage.workspace as wsmod
    from advisor.errors import PlanError
    from advisor.plan.model import Candidate, Plan, Task
    from advisor.storage.workspace import Workspace

    monkeypatch.setattr(wsmod, "MAX_CANDIDATES", 5)
    with Workspace.open(tmp_path / "ws.db") as ws:
        ws.replace_plan(Plan(tasks=[Task(id="t", title="t", candidates=[
            Candidate(id=f"c{i}", name="x", task="t") for i in range(3)])]))
        with pytest.raises(PlanError, match="would make 6 candidates; a plan may hold at most 5"):
            ws.add_candidates("t", [Candidate(id=f"n{i}", name="x") for i in range(3)])
        assert len(ws.load_plan().tasks[0].candidates) == 3


def test_a_one_line_array_of_millions_is_refused_unparsed(tmp_path):
    from advisor.errors import PlanError
    from advisor.storage.planfile import loads_plan

    text = "format = 1\n[[tasks]]\nid = 't'\ntitle = 't'\nskills = [" + ",".join(["'a'"] * 1_000_000) + "]\n"
    with pytest.raises(PlanError, match="has a line longer than 1 MiB") as err:
        loads_plan(text)
    assert err.value.line == 5


def test_generated_ids_for_repeated_names_continue_after_the_taken_ones():
    from advisor.storage.csvimport import parse_candidates_csv

    raw = ("Name\n" + "Ana P.\n" * 5).encode()
    cands = parse_candidates_csv(raw, "t", existing_ids={"ana-p", "ana-p-2", "ana-p-4"})
    assert [c.id for c in cands] == ["ana-p-3", "ana-p-5", "ana-p-6", "ana-p-7", "ana-p-8"]
