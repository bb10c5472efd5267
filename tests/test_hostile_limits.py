"""Limits on everything a user's file can grow, and the low items of issue 18 (items 5 and 6):
tasks per plan, rendered rule texts, the advice a history row keeps, history pages, backup size,
engine crashes without app keys, huge amounts, planted temporary names, Markdown autolinks,
subnormal numbers, the name in a failed backup's error and argparse's echo. The hostile files
are in ``tests/data/hostile/limits/``; big ones are generated here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "hostile" / "limits"


def cli(*argv: str, env: dict | None = None, pre: str = "", timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command in a child with 1 GiB of address space (a whole-file read of a huge
    input dies there instead of filling the machine); ``pre``: more set-up code."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); " + pre +
            "from advisor.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env={**os.environ, **(env or {})})


def one_error(proc: subprocess.CompletedProcess) -> str:
    """The run failed with exit 2 and one `error:` line (plus a hint); returns the error line."""
    lines = proc.stderr.splitlines()
    assert proc.returncode == 2, proc.stderr
    assert lines and lines[0].startswith("error: ") and len(lines) <= 2, proc.stderr
    assert all(line.startswith(("error: ", "hint: ")) for line in lines) and "Traceback" not in proc.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path, bakery_path) -> Path:
    path = tmp_path / "ws.db"
    assert main(["--db", str(path), "import", str(bakery_path)]) == 0
    return path


# ----------------------------------------------------------------------------- tasks per plan

def _tasks_plan(n: int) -> str:
    one = "[[tasks]]\nid = 't{}'\ntitle = 'Task {}'\n"
    return "format = 1\n" + "".join(one.format(i, i) for i in range(n))


def test_a_plan_over_the_task_limit_is_refused_before_parsing(tmp_path, capsys):
    from advisor.plan.model import MAX_TASKS

    path = tmp_path / "many.toml"
    path.write_text(_tasks_plan(MAX_TASKS + 1), encoding="utf-8")
    code = main(["check", "--plan", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    # the first header over the limit: 3 lines per task after the `format` line
    assert err.splitlines()[0] == (f"error: {path}:{3 * MAX_TASKS + 2}: tasks: has more than 10,000 tasks; "
                                   "a plan may hold at most 10,000")


def test_a_plan_at_the_task_limit_loads():
    from advisor.plan.model import MAX_TASKS
    from advisor.storage.planfile import loads_plan

    assert len(loads_plan(_tasks_plan(MAX_TASKS)).tasks) == MAX_TASKS


def test_a_plan_over_the_task_limit_in_any_layout_is_refused():
    from advisor.errors import PlanError
    from advisor.plan.model import MAX_TASKS, Plan, Task
    from advisor.storage.planfile import loads_plan

    with pytest.raises(PlanError, match="has 10,001 tasks; a plan may hold at most 10,000"):
        Plan(tasks=[Task(id=f"t{i}", title="t") for i in range(MAX_TASKS + 1)]).validate()
    inline = "format = 1\ntasks = [\n" + "".join(f"{{id = 't{i}', title = 't'}},\n" for i in range(MAX_TASKS + 1)) + "]\n"
    with pytest.raises(PlanError, match="has 10,001 tasks"):
        loads_plan(inline)  # no [[tasks]] header to count before parsing: the model refuses it


def test_a_new_task_cannot_take_the_workspace_over_the_limit(tmp_path, monkeypatch):
    import advisor.storage.workspace as wsmod
    from advisor.errors import PlanError
    from advisor.plan.model import Plan, Task
    from advisor.storage.workspace import Workspace

    monkeypatch.setattr(wsmod, "MAX_TASKS", 3)
    with Workspace.open(tmp_path / "ws.db") as ws:
        ws.replace_plan(Plan(tasks=[Task(id=f"t{i}", title="t") for i in range(3)]))
        before = len(ws.history(100))
        with pytest.raises(PlanError, match="would make 4 tasks; a plan may hold at most 3"):
            ws.save_task(Task(id="t3", title="t"))
        assert [t.id for t in ws.load_plan().tasks] == ["t0", "t1", "t2"]
        assert len(ws.history(100)) == before  # nothing written


# ----------------------------------------------------------------------------- rendered texts

NOTE = ("x" * 99 + " ") * 100  # 10,000 characters, the limit of a note


def _notes_setup(tmp_path: Path, bakery_path: Path) -> tuple[Path, Path]:
    from advisor.storage.planfile import dumps_plan, load_plan

    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "notes.toml").write_bytes((CORPUS / "notes_x117.toml").read_bytes())
    config = tmp_path / "config.toml"
    config.write_text(f'[advisor]\nrule_dirs = ["{folder}"]\n', encoding="utf-8")
    plan = load_plan(bakery_path)
    for cand in plan.candidates():
        cand.notes = NOTE
        cand.rating = 4.5
    path = tmp_path / "plan.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    return config, path


def test_a_message_repeating_a_long_note_is_cut(tmp_path, bakery_path):
    from advisor.rules.rulepack import MAX_RENDERED, MAX_VALUE

    config, plan = _notes_setup(tmp_path, bakery_path)
    proc = cli("--config", str(config), "check", "--plan", str(plan), "--format", "json")
    assert proc.returncode in (0, 1) and not proc.stderr, proc.stderr  # 1: --fail-on's level was met
    mine = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "notes-echo"]
    assert len(mine) == 4  # every candidate
    for f in mine:
        for text in (f["message"], f["why"], f["fix"]):
            assert len(text) == MAX_RENDERED and text.endswith("…")
            # each inserted note is cut to MAX_VALUE characters, with its own …
            assert text.split("…")[0] == NOTE[:MAX_VALUE - 1]
    # before: 1.2 MB per text; now the whole output of 4 such findings and the bakery's own
    assert len(proc.stdout) < 100_000


def test_rendering_keeps_short_values_whole():
    from advisor.rules.rulepack import render

    assert render("{candidate.name} bids {candidate.bid:money} ({task.id})",
                  {"candidate": {"name": "Ana", "bid": 250.0}, "task": {"id": "logo"},
                   "business": {"currency": "USD"}}, {}) == "Ana bids $250 (logo)"


def test_the_history_keeps_a_bounded_advice_per_change(tmp_path, bakery_path):
    from advisor.storage.planfile import load_plan
    from advisor.session import MAX_HISTORY_ADVICE, MAX_HISTORY_MESSAGE, Session
    from advisor.storage.workspace import Workspace

    from advisor.advice.findings import Finding, Findings

    advice = Findings([Finding(f"r{i}", "info", "task", "logo", None, f"r{i}", "m" * 10_000) for i in range(50)])
    with Workspace.open(tmp_path / "ws.db") as ws:
        ws.replace_plan(load_plan(bakery_path))
        session = Session(ws)
        session.reload()
        session.advice = advice  # the advice last evaluated: what a history row keeps
        task = session.plan.task("logo")
        task.title = "A new logo"
        session.save_task(task)
        row = ws.history(1)[0]
    kept = row.detail["advice"]
    assert len(kept) == MAX_HISTORY_ADVICE == 20
    assert all(len(a["message"]) == MAX_HISTORY_MESSAGE and a["message"].endswith("…") for a in kept)
    assert [a["rule"] for a in kept] == [f"r{i}" for i in range(20)]


# ----------------------------------------------------------------------------- history pages

def test_history_pages_are_bounded(db, capsys):
    from advisor.storage.workspace import MAX_HISTORY_PAGE, Workspace

    with Workspace.open(db) as ws:
        for i in range(5):
            ws.save_business(ws.load_plan().business.__class__(name=f"B{i}"), force=True)
    for bad, words in (("1001", "must be between 1 and 1,000, not 1,001"), ("0", "must be between 1 and 1,000, not 0")):
        assert main(["--db", str(db), "history", "--limit", bad, "--format", "json"]) == 2
        out, err = capsys.readouterr()
        assert err.splitlines()[0] == f"error: --limit: {words}" and out == ""
    assert MAX_HISTORY_PAGE == 1000
    assert main(["--db", str(db), "history", "--format", "json", "--limit", "1000"]) == 0
    everything = json.loads(capsys.readouterr().out)
    pages = []
    for skip in range(0, len(everything), 2):
        assert main(["--db", str(db), "history", "--format", "json", "--limit", "2", "--skip", str(skip)]) == 0
        pages += json.loads(capsys.readouterr().out)
    assert pages == everything and len(everything) >= 6


# ----------------------------------------------------------------------------- backups

def test_restore_checks_the_size_before_reading(db, tmp_path):
    from advisor.storage.planfile import dumps_plan
    from advisor.storage.workspace import Workspace

    with Workspace.open(db) as ws:
        before = dumps_plan(ws.load_plan())
    huge = tmp_path / "huge.db"
    with open(huge, "wb") as fh:
        fh.truncate(8 << 30)  # 8 GiB, sparse: reading it whole would take 8 GiB of memory
    proc = cli("--db", str(db), "restore", str(huge), timeout=60)
    assert one_error(proc) == f"error: {huge}: is 8,192 MiB; a backup may be at most 1,024 MiB"
    with Workspace.open(db) as ws:
        assert dumps_plan(ws.load_plan()) == before
    assert not list(tmp_path.glob("ws.db.bak*"))


def test_a_failed_backup_names_the_copy_not_the_workspace(db, tmp_path):
    # the copy may grow to 64 KiB only (the workspace is larger): writing it fails, reading ours does not
    assert db.stat().st_size > 64 * 1024
    dest = tmp_path / "copy.db"
    pre = ("import signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
           "resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024)); ")
    err = one_error(cli("--db", str(db), "backup", str(dest), pre=pre))
    assert err.startswith(f"error: {dest}: ") and str(db) not in err, err
    assert not dest.exists() and not list(tmp_path.glob(".copy.db.*"))


# ----------------------------------------------------------------------------- engine crashes

def test_an_engine_crash_on_the_command_line_names_no_app_key(db):
    proc = cli("--db", str(db), "check", env={"ADVISOR_ENGINE_TEST_CRASH": "full"})
    err = one_error(proc)
    assert "the rules engine stopped" in err
    assert "ctrl" not in proc.stderr.lower() and "press" not in proc.stderr.lower()


# ----------------------------------------------------------------------------- item 6

def test_a_400_digit_amount_is_a_clear_error(db):
    proc = cli("--db", str(db), "import", str(CORPUS / "huge_amount.csv"), "--history", "--yes")
    # refused by its length before it is read as a number (cells are parsed in linear time)
    assert one_error(proc) == (f"error: {CORPUS / 'huge_amount.csv'}:3: amount: '-$" + "9" * 38 + "' in column "
                               "'Amount' is not an amount such as -45.00, $1,200 or (30.00) (is 402 characters "
                               "long; an amount is at most 64)")


def test_a_huge_amount_within_the_length_limit_is_a_clear_error(db, tmp_path):
    csv_file = tmp_path / "big.csv"
    text = (CORPUS / "huge_amount.csv").read_text(encoding="utf-8")
    csv_file.write_text(text.replace("9" * 400, "9" * 40), encoding="utf-8")
    proc = cli("--db", str(db), "import", str(csv_file), "--history", "--yes")
    assert one_error(proc) == (f"error: {csv_file}:3: amount: '-$" + "9" * 38 + "' in column "
                               "'Amount' is larger than 1,000,000,000")


@pytest.mark.parametrize("digits", ["99999999999999999999", "0", "4194305", "00000000001"])
def test_a_planted_temporary_name_never_crashes_a_write(db, tmp_path, digits):
    planted = [tmp_path / f".report.md.{digits}.x.tmp", tmp_path / f".plan.toml.{digits}.x.tmp"]
    for p in planted:
        p.write_text("planted")
    report, plan = tmp_path / "report.md", tmp_path / "plan.toml"
    for argv in (["report", "-o", str(report)], ["export", str(plan)]):
        proc = cli("--db", str(db), *argv)
        assert proc.returncode == 0, proc.stderr
    assert report.read_text().startswith("# Advice report") and plan.read_text().startswith("format = 1")
    # no process can have that id: the file is stale and removed like a killed run's
    assert not any(p.exists() for p in planted)


def test_a_temporary_name_of_a_live_process_is_left_alone(tmp_path):
    from advisor.files import write_atomic

    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mine = tmp_path / f".plan.toml.{parent.pid}.abcd.tmp"
        mine.write_text("being written")
        write_atomic(tmp_path / "plan.toml", b"x")
        assert mine.exists()
    finally:
        parent.kill()
        parent.wait()


def test_markdown_report_leaves_no_address_linkable():
    from advisor.advice.report import md_text

    cases = {
        "//evil.example/path": r"\[//\]evil.example/path",
        "see (//evil.example)": r"see (\[//\]evil.example)",
        "mailto:eve@evil.example": r"mailto\[:\]eve\[@\]evil.example",
        "https\uff1a//evil.example": r"https\[:\]//evil.example",
        "HTTPS://evil.example": r"HTTPS\[:\]//evil.example",
        "www.evil.example": r"www\[.\]evil.example",
        "javascript:alert(1)": r"javascript\[:\]alert(1)",
        "eve@evil.example": r"eve\[@\]evil.example",
    }
    for text, want in cases.items():
        assert md_text(text) == want, text
    # ordinary text stays as it was
    assert md_text("Note: meet at 10:30, a/b // c, @ana") == "Note: meet at 10:30, a/b // c, @ana"


def test_markdown_report_of_hostile_names_end_to_end(tmp_path, bakery_path):
    from advisor.storage.planfile import dumps_plan, load_plan

    plan = load_plan(bakery_path)
    plan.tasks[0].title = "//evil.example/x mailto:eve@evil.example https\uff1a//evil.example"
    path = tmp_path / "plan.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    db = tmp_path / "ws.db"
    assert main(["--db", str(db), "import", str(path)]) == 0
    out = tmp_path / "r.md"
    assert main(["--db", str(db), "report", "-o", str(out)]) == 0
    text = out.read_text()
    assert r"\[//\]evil.example/x mailto\[:\]eve\[@\]evil.example https\[:\]//evil.example" in text
    for live in (" //evil", "mailto:", "\uff1a", "@evil"):
        assert live not in text, live


def test_subnormal_and_tiny_numbers_are_refused_with_the_field():
    from advisor.errors import PlanError
    from advisor.plan.model import Candidate, Task

    with pytest.raises(PlanError, match=r"must be 0 or at least 0.01 in size, not 4.94066e-324") as err:
        Task(id="t", title="t", hours=5e-324).validate()
    assert err.value.field == "task.hours"
    with pytest.raises(PlanError, match="must be 0 or at least 0.0001 in size") as err:
        Candidate(id="c", name="c", bid=1e-300).validate()
    assert err.value.field == "candidate.bid"
    for hours in (0, 0.01, 1.5):  # what people write stays valid
        assert Task(id="t", title="t", hours=hours).validate().hours == hours


def test_a_subnormal_hours_no_longer_breaks_the_tasks_advice(tmp_path, bakery_path):
    bad = (ROOT / "tests" / "data" / "bad" / "hours-subnormal.toml")
    proc = cli("check", "--plan", str(bad))
    assert one_error(proc).endswith("hours-subnormal.toml:24: tasks[logo].hours: must be 0 or at least 0.01 in "
                                    "size, not 4.94066e-324")


def test_unrecognized_arguments_are_echoed_escaped(db):
    proc = cli("--db", str(db), "summary", "\x1b]52;c;ZXZpbA==\x07\x1b[2J")
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert proc.stderr.splitlines()[0] == r"outsource: error: unrecognized arguments: \x1b]52;c;ZXZpbA==\x07\x1b[2J"
