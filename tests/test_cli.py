"""The command line: every command end to end, and the bad-input corpus in tests/data/bad/.

Each bad file must fail with exit 2, exactly the expected one-line message (file, line, field),
no traceback, and leave the workspace exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.storage.planfile import dumps_plan, load_plan
from advisor.storage.workspace import Workspace

BAD = Path(__file__).parent / "data" / "bad"

#: Every file in tests/data/bad and the first line it must produce on stderr (after "error: ").
EXPECTED = {
    "bad-date.toml": "bad-date.toml:26: tasks[logo].deadline: must be a date like 2026-12-31, not 'next week'",
    "bad-id.csv": "bad-id.csv:2: id: 'zoe q' is not a valid id: use 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit (column 'id')",
    "bad-id.toml": "bad-id.toml:18: tasks[my logo].id: 'my logo' is not a valid id: use 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit",
    "bad-offset.csv": "bad-offset.csv:2: utc_offset: 'Mars/Olympus' in column 'UTC Offset' is not a UTC offset such as +1, UTC-5 or +05:30, or a zone like Europe/Lisbon",
    "bad-rate.csv": "bad-rate.csv:3: hourly: 'thirty' in column 'Hourly Rate' is not an amount such as 30 or $30.00/hr",
    "bad-status.csv": "bad-status.csv:3: status: 'maybe' in column 'Status' is not one of applied, shortlisted, interviewed, hired, rejected",
    "bad-toml-syntax.toml": "bad-toml-syntax.toml:30:15: is not valid TOML: Illegal character '\\n'",
    "bom-bad-currency.toml": "bom-bad-currency.toml:5: business.currency: must be a 3-letter ISO currency code such as USD or EUR, not 'usd'",
    "bom-crlf-bad-rating.csv": "bom-crlf-bad-rating.csv:3: rating: must be at most 5, not 5.5 (column 'Rating')",
    "critical-string.toml": 'critical-string.toml:21: tasks[logo].critical: must be true or false, not text',
    "crlf-rating.toml": 'crlf-rating.toml:32: tasks[logo].candidates[ana].rating: must be at most 5, not 9.5',
    "currency-bad.toml": "currency-bad.toml:5: business.currency: must be a 3-letter ISO currency code such as USD or EUR, not 'dollars'",
    "deep-nesting.toml": 'deep-nesting.toml: is nested too deeply to be a plan file',
    "duplicate-candidate-id.toml": "duplicate-candidate-id.toml:48: tasks[site].candidates[ana].id: duplicate candidate id 'ana' (candidate ids are unique in a plan)",
    "duplicate-columns.csv": "duplicate-columns.csv:1: notes: columns 'Notes' and 'Cover Letter' both mean notes; keep one",
    "duplicate-id.csv": "duplicate-id.csv:3: id: duplicate candidate id 'zq' (used on an earlier line)",
    "duplicate-key.toml": 'duplicate-key.toml:33:13: is not valid TOML: Cannot overwrite a value',
    "duplicate-marketplace.toml": "duplicate-marketplace.toml:13: marketplaces[1].name: duplicate marketplace 'Upwork'",
    "duplicate-task-id.toml": "duplicate-task-id.toml:43: tasks[logo].id: duplicate task id 'logo'",
    "empty-title.toml": 'empty-title.toml:19: tasks[logo].title: must not be empty',
    "empty.csv": 'empty.csv:1: is empty: expected a header row such as `Name,Hourly Rate,Bid`',
    "empty.toml": 'empty.toml: format: is missing: put `format = 1` at the top of the file',
    "existing-id.csv": "existing-id.csv:2: id: candidate id 'ana' is already in the workspace",
    "fee-percent-150.toml": 'fee-percent-150.toml:10: marketplaces[0].fee_percent: must be at most 100, not 150',
    "format-2.toml": 'format-2.toml:1: format: must be 1; this version reads plan format 1 only',
    "fractional-reviews.csv": "fractional-reviews.csv:2: reviews: '5.5' in column 'Reviews' is not a whole number such as 56 or 1k+",
    "header-only.csv": 'header-only.csv:1: has a header but no candidates',
    "hours-too-many.toml": 'hours-too-many.toml:24: tasks[logo].hours: must be at most 100000, not 1e+09',
    "hours-subnormal.toml": 'hours-subnormal.toml:24: tasks[logo].hours: must be 0 or at least 0.01 in size, not 4.94066e-324',
    "inf-bid.csv": "inf-bid.csv:2: bid: 'inf' in column 'Fixed Price' is not an amount such as 280, $1,200 or From US$80",
    "inf-hourly.toml": 'inf-hourly.toml:31: tasks[logo].candidates[ana].hourly: must be a finite number',
    "interview-score-9.toml": 'interview-score-9.toml:40: tasks[logo].candidates[ana].interview.scores.communication: must be at most 5, not 9',
    "invalid-utf8.csv": 'invalid-utf8.csv:3: is neither UTF-8 nor Windows-1252 (byte 142)',
    "invalid-utf8.toml": 'invalid-utf8.toml:30: is not valid UTF-8 (byte 410)',
    "job-success-150.toml": 'job-success-150.toml:34: tasks[logo].candidates[ana].job_success: must be at most 100, not 150',
    "jss-150.csv": "jss-150.csv:2: job_success: must be at most 100, not 150 (column 'JSS')",
    "long-name.csv": "long-name.csv:2: name: is 300 characters long; the limit is 200 (column 'Name')",
    "long-title.toml": 'long-title.toml:19: tasks[logo].title: is 300 characters long; the limit is 200',
    "missing-candidate-name.toml": 'missing-candidate-name.toml:28: tasks[logo].candidates[ana].name: is required',
    "missing-format.toml": 'missing-format.toml: format: is missing: put `format = 1` at the top of the file',
    "nan-budget.toml": 'nan-budget.toml:23: tasks[logo].budget: must be a finite number',
    "nan-rate.csv": "nan-rate.csv:2: hourly: 'nan' in column 'Hourly Rate' is not an amount such as 30 or $30.00/hr",
    "negative-bid.csv": "negative-bid.csv:2: bid: must be at least 0, not -50 (column 'Fixed Price')",
    "negative-completed-jobs.toml": 'negative-completed-jobs.toml:6: business.completed_jobs: must be at least 0, not -1',
    "negative-rate.toml": 'negative-rate.toml:15: rates[0].hourly: must be at least 0, not -5',
    "no-name-column.csv": 'no-name-column.csv:1: name: has no name column (e.g. `Name` or `Freelancer`)',
    "not-a-plan.txt": 'not-a-plan.txt: is neither a plan file (.toml) nor a CSV file (.csv)',
    "nul-byte.csv": 'nul-byte.csv:3: contains a NUL byte: this is not a text CSV file',
    "rating-7.csv": "rating-7.csv:2: rating: must be at most 5, not 7 (column 'Rating')",
    "rating-7.toml": 'rating-7.toml:32: tasks[logo].candidates[ana].rating: must be at most 5, not 7',
    "reviews-fraction.toml": 'reviews-fraction.toml:33: tasks[logo].candidates[ana].reviews: must be a whole number, not 3.5',
    "scores-not-table.toml": 'scores-not-table.toml:40: tasks[logo].candidates[ana].interview.scores: must be a table of criterion = score, not text',
    "skills-not-list.toml": 'skills-not-list.toml:21: tasks[logo].skills: must be a list of text, not text',
    "suppression-unknown-task.toml": "suppression-unknown-task.toml:44: suppressions[0].task: names task 'nope', which does not exist",
    "tasks-not-array.toml": 'tasks-not-array.toml:2: tasks: must be an array of tables ([[tasks]])',
    "too-many-values.csv": 'too-many-values.csv:2: has 11 values but the header has 10 columns',
    "unclosed-quote.csv": 'unclosed-quote.csv:3: is not valid CSV: unexpected end of data',
    "unknown-candidate-key.toml": "unknown-candidate-key.toml:32: tasks[logo].candidates[ana].rateing: unknown key 'rateing' (did you mean 'rating'?); allowed: agreements, available_from, bid, country, hourly, hours_last_week, id, interview, job_success, jobs, kind, marketplace, name, named_people, notes, off_platform, past_jobs_with_us, rating, reject_reason, review_left, reviews, status, third_party, timezone, trial, upfront_percent, utc_offset, working_hours, working_people",
    "unknown-candidate-status.toml": "unknown-candidate-status.toml:36: tasks[logo].candidates[ana].status: must be one of applied, shortlisted, interviewed, hired, rejected; got 'maybe'",
    "unknown-size.toml": "unknown-size.toml:20: tasks[logo].size: must be one of minor, moderate, major; got 'huge'",
    "unknown-task-status.toml": "unknown-task-status.toml:25: tasks[logo].status: must be one of draft, posted, hiring, hired, done, cancelled; got 'finished'",
    "unknown-top-key.toml": "unknown-top-key.toml:3: buisness: unknown key 'buisness' (did you mean 'business'?); allowed: business, format, marketplaces, rates, suppressions, tasks",
    "utc-offset-20.toml": 'utc-offset-20.toml:35: tasks[logo].candidates[ana].utc_offset: must be at most 14, not 20',
    "unknown-zone.toml": "unknown-zone.toml:35: tasks[logo].candidates[ana].timezone: 'Europe/Dubln' is not a time zone; use an IANA name such as \"Europe/Dublin\", \"America/New_York\" or \"Asia/Manila\" (or leave it out and give utc_offset)",
    "value-in-unnamed-column.csv": "value-in-unnamed-column.csv:2: has a value 'oops' in a column without a header",
    "wrong-type-budget.toml": 'wrong-type-budget.toml:23: tasks[logo].budget: must be a number, not text',
    # added with the reliability work (issue 6): every kind the issue names
    'bom-crlf-unknown-task-key.toml': "bom-crlf-unknown-task-key.toml:74: tasks[logo].price: unknown key 'price'; allowed: acceptance, access, budget, candidates, collaboration, creates_ip, critical, deadline, description, handover, hours, id, key_criteria, marketplaces, milestones, openings, overlap_hours, pricing, sensitive_data, size, skills, status, title, weekly_cap",
    'candidates-not-array.toml': 'candidates-not-array.toml:155: tasks[site].candidates: must be an array of tables ([[tasks.candidates]])',
    'control-chars-in-status.toml': "control-chars-in-status.toml:76: tasks[logo].status: must be one of draft, posted, hiring, hired, done, cancelled; got '\\x1b]52;c;aGk=\\x07hiring'",
    'crlf-semicolon-bad-jss.csv': "crlf-semicolon-bad-jss.csv:3: job_success: 'lots' in column 'JSS' is not a percentage such as 96%",
    'datetime-deadline.toml': 'datetime-deadline.toml:78: tasks[logo].deadline: must be a date like 2026-12-31, not a date and time',
    'deep-inline-tables.toml': 'deep-inline-tables.toml: is nested too deeply to be a plan file',
    'exponent-rate.csv': "exponent-rate.csv:2: hourly: '1e309' in column 'Hourly Rate' is not an amount such as 30 or $30.00/hr",
    'huge-count.csv': "huge-count.csv:2: reviews: must be at most 10000000, not 100000000000000000000 (column 'Reviews')",
    'huge-integer-budget.toml': 'huge-integer-budget.toml:74: tasks[logo].budget: must be at most 1e+09, not a number with hundreds of digits',
    'impossible-date.toml': 'impossible-date.toml:78:12: is not valid TOML: Invalid date or datetime',
    'include-key.toml': "include-key.toml:5: include: unknown key 'include'; allowed: business, format, marketplaces, rates, suppressions, tasks",
    'integer-too-long.toml': 'integer-too-long.toml:74: is not valid TOML: a number has more than 4300 digits',
    'long-notes.csv': "long-notes.csv:2: notes: is 10001 characters long; the limit is 10000 (column 'Notes')",
    'long-notes.toml': 'long-notes.toml:94: tasks[logo].candidates[ana].notes: is 10001 characters long; the limit is 10000',
    'minus-inf-budget.toml': 'minus-inf-budget.toml:74: tasks[logo].budget: must be a finite number',
    'string-rating.toml': 'string-rating.toml:87: tasks[logo].candidates[ana].rating: must be a number, not text',
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path, bakery_path, capsys) -> Path:
    path = tmp_path / "ws.db"
    assert run(capsys, "--db", str(path), "import", str(bakery_path))[0] == 0
    return path


def snapshot(db: Path) -> tuple[str, int]:
    with Workspace.open(db) as ws:
        return dumps_plan(ws.load_plan()), len(ws.history(10_000))


# --------------------------------------------------------------------------- bad inputs

def test_corpus_is_complete():
    files = sorted(p.name for p in BAD.iterdir())
    assert files == sorted(EXPECTED), "every bad file needs an expected message, and vice versa"
    assert len(files) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_refused(name, db, capsys, monkeypatch):
    before = snapshot(db)
    monkeypatch.chdir(BAD)
    extra = ["--task", "logo"] if name.endswith(".csv") else ["--replace"]
    code, out, err = run(capsys, "--db", str(db), "import", name, *extra)
    assert code == 2
    assert err.splitlines()[0] == "error: " + EXPECTED[name]
    assert len(err.splitlines()) <= 2 and all(l.startswith(("error: ", "hint: ")) for l in err.splitlines())
    assert "Traceback" not in err and out == ""
    assert snapshot(db) == before


def test_bad_inputs_in_a_real_process(db):
    """The same boundary as installed: a subprocess, so nothing but our lines reaches stderr."""
    for name in ("rating-7.toml", "invalid-utf8.csv", "deep-nesting.toml"):
        extra = ["--task", "logo"] if name.endswith(".csv") else ["--replace"]
        proc = subprocess.run([sys.executable, "-m", "advisor.cli", "--db", str(db), "import", name, *extra],
                              cwd=BAD, capture_output=True, text=True)
        assert proc.returncode == 2
        assert proc.stderr.splitlines()[0] == "error: " + EXPECTED[name]
        assert "Traceback" not in proc.stderr


def test_huge_files_are_refused_before_reading(db, tmp_path, capsys):
    before = snapshot(db)
    for name, extra in (("huge.toml", ["--replace"]), ("huge.csv", ["--task", "logo"])):
        path = tmp_path / name
        with open(path, "wb") as fh:
            fh.truncate(51 * 1024 * 1024)  # sparse: generated here, never committed
        code, _, err = run(capsys, "--db", str(db), "import", str(path), *extra)
        assert code == 2
        assert err.splitlines()[0] == f"error: {path}: is 51 MiB; a {'plan' if name.endswith('toml') else 'CSV'} " \
                                      "file may be at most 50 MiB"
    assert snapshot(db) == before


def test_very_long_csv_field(db, tmp_path, capsys):
    path = tmp_path / "long.csv"
    path.write_text("Name,Notes\nZoe," + "x" * 200_000 + "\n", encoding="utf-8")
    before = snapshot(db)
    code, _, err = run(capsys, "--db", str(db), "import", str(path), "--task", "logo")
    assert code == 2
    assert err.startswith(f"error: {path}:2: is not valid CSV: field larger than field limit")
    assert snapshot(db) == before


def test_missing_and_directory_inputs(db, tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(db), "import", str(tmp_path / "nope.toml"))
    assert (code, err.splitlines()[0]) == (2, f"error: {tmp_path / 'nope.toml'}: no such file")
    (tmp_path / "dir.toml").mkdir()
    code, _, err = run(capsys, "--db", str(db), "import", str(tmp_path / "dir.toml"), "--replace")
    assert (code, err.splitlines()[0]) == (2, f"error: {tmp_path / 'dir.toml'}: is a folder, not a plan file")


# --------------------------------------------------------------------------- import / export

def test_import_refuses_to_replace_work_without_flag(db, bakery_path, capsys):
    code, _, err = run(capsys, "--db", str(db), "import", str(bakery_path))
    assert code == 2
    assert err == (f"error: {db}: already holds a plan; importing a plan file replaces all of it\n"
                   "hint: add --replace to replace it (`outsource backup` first keeps a copy)\n")
    code, out, _ = run(capsys, "--db", str(db), "import", str(bakery_path), "--replace")
    assert code == 0 and out.startswith("imported 3 task(s), 4 candidate(s), 6 rate(s)")


def test_export_import_round_trip(db, bakery, tmp_path, capsys):
    out = tmp_path / "out.toml"
    assert run(capsys, "--db", str(db), "export", str(out))[0] == 0
    assert load_plan(out) == bakery
    assert os.stat(out).st_mode & 0o777 == 0o600
    code, _, err = run(capsys, "--db", str(db), "export", str(out))
    assert code == 2 and "already exists" in err and "--force" in err
    assert run(capsys, "--db", str(db), "export", str(out), "--force")[0] == 0
    code, text, _ = run(capsys, "--db", str(db), "export", "-")
    assert code == 0 and text == out.read_text(encoding="utf-8")
    db2 = tmp_path / "two.db"
    assert run(capsys, "--db", str(db2), "import", str(out))[0] == 0
    assert run(capsys, "--db", str(db2), "export", "-")[1] == text


def test_export_of_missing_workspace(tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "export", "-")
    assert code == 2 and "no workspace here yet" in err
    assert not (tmp_path / "none.db").exists()


def test_csv_import_adds_candidates(db, tmp_path, capsys):
    csv = tmp_path / "c.csv"
    csv.write_text("Freelancer,Hourly Rate,JSS\nAna P.,$30/hr,96%\nZoe Q.,25,88%\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(db), "import", str(csv), "--task", "site")
    assert code == 0
    assert out == "added 2 candidate(s) to task site: ana-p, zoe-q\ntask site: draft -> hiring\n"
    with Workspace.open(db) as ws:
        site = ws.load_plan().task("site")
        assert [(c.id, c.hourly, c.job_success) for c in site.candidates] == [("ana-p", 30.0, 96.0),
                                                                            ("zoe-q", 25.0, 88.0)]
        assert site.status == "hiring"  # the first candidates move a draft task along
        assert [h.action for h in ws.history(2)] == ["save task", "add candidates"]


def test_csv_import_needs_a_known_task(db, tmp_path, capsys):
    csv = tmp_path / "c.csv"
    csv.write_text("Name\nZoe\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "import", str(csv))
    assert code == 2 and "--task is required" in err
    code, _, err = run(capsys, "--db", str(db), "import", str(csv), "--task", "nope")
    assert code == 2
    assert err == (f"error: {db}: --task: there is no task 'nope' in the workspace\n"
                   "hint: task ids: logo, site, menu-copy\n")


# --------------------------------------------------------------------------- other commands

def test_summary(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "summary")
    assert code == 0
    assert "Business:  Bramble Bakery (USD)" in out
    assert "  logo       hiring    Design a new logo" in out
    assert "4 candidate(s), 2 shortlisted; budget $300 fixed" in out  # money.format_money


def test_summary_shows_control_characters_literally(tmp_path, capsys):
    with Workspace.open(tmp_path / "w.db") as ws:
        from advisor.plan.model import Business

        ws.save_business(Business(name="Evil\x1b]52;c;aGk=\x07 Shop"))
    out = run(capsys, "--db", str(tmp_path / "w.db"), "summary")[1]
    assert "\x1b" not in out and "\\x1b]52" in out


def test_init_never_overwrites(tmp_path, capsys):
    cfg = tmp_path / "cfg" / "config.toml"
    code, out, _ = run(capsys, "--config", str(cfg), "init")
    assert code == 0 and out == f"wrote {cfg}\n"
    from advisor.resources import config_example_path

    assert cfg.read_bytes() == config_example_path().read_bytes()
    cfg.write_text("# mine\n")
    code, _, err = run(capsys, "init", "--config", str(cfg))
    assert code == 2 and err.startswith(f"error: {cfg}: already exists; not overwriting it")
    assert cfg.read_text() == "# mine\n"


def test_init_default_location(isolated_env, capsys):
    from advisor.settings import user_config_path

    assert run(capsys, "init")[0] == 0
    assert user_config_path().is_file()
    assert str(user_config_path()).startswith(str(isolated_env))


def test_backup_and_restore(db, tmp_path, capsys, bakery_path):
    code, out, _ = run(capsys, "--db", str(db), "backup")
    assert code == 0
    backup = Path(out.split(" to ")[1].strip())
    assert backup.parent == db.parent and backup.name.startswith("ws-backup-")
    assert os.stat(backup).st_mode & 0o777 == 0o600
    before = snapshot(db)[0]
    with Workspace.open(db) as ws:
        ws.delete_task("logo")
    code, out, _ = run(capsys, "--db", str(db), "restore", str(backup))
    assert code == 0 and out.endswith(f"kept in {db}.bak\n")
    assert snapshot(db)[0] == before
    with Workspace.open(Path(f"{db}.bak")) as ws:
        assert [t.id for t in ws.load_plan().tasks] == ["site", "menu-copy"]
    with Workspace.open(db) as ws:
        assert ws.history(1)[0].action == "restore"


def test_restore_refuses_bad_files(db, tmp_path, capsys, bakery_path):
    before = snapshot(db)
    code, _, err = run(capsys, "--db", str(db), "restore", str(bakery_path))
    assert code == 2 and "not a usable Outsource Advisor workspace" in err
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    code, _, err = run(capsys, "--db", str(db), "restore", str(other))
    assert code == 2 and err.startswith(f"error: {other}: is a SQLite database but not an Outsource Advisor")
    code, _, err = run(capsys, "--db", str(db), "restore", str(db))
    assert code == 2 and "is the workspace itself" in err
    assert snapshot(db) == before


def test_foreign_sqlite_file_is_not_used_as_workspace(tmp_path, capsys, bakery_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    code, _, err = run(capsys, "--db", str(other), "import", str(bakery_path))
    assert code == 2 and "is a SQLite database but not an Outsource Advisor workspace" in err


def test_demo_makes_a_fresh_workspace(capsys):
    from advisor.commands.demo import demo_db_path

    seen = []
    launch_app = lambda settings: seen.append(settings.db) or 0  # noqa: E731
    assert main(["demo"], launch_app=launch_app) == 0
    assert seen == [demo_db_path()]
    with Workspace.open(demo_db_path()) as ws:
        ws.delete_task("logo")
    assert main(["--db", "/nonexistent/elsewhere.db", "demo"], launch_app=launch_app) == 0
    assert seen == [demo_db_path()] * 2
    with Workspace.open(demo_db_path()) as ws:
        assert [t.id for t in ws.load_plan().tasks] == ["logo", "site", "menu-copy"]
        assert len(ws.history()) == 1


def test_the_core_command_line_without_the_app_says_so(tmp_path, capsys):
    """``advisor.cli`` alone (no launcher from the top level) cannot open the app: one clear line,
    exit 2; the installed command passes tui's launcher."""
    code, _, err = run(capsys, "--db", str(tmp_path / "w.db"))
    assert code == 2 and "the terminal app is not available" in err
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "outsource"]
    assert script.value == "tui.launch:main"


def test_no_subcommand_runs_the_app(monkeypatch, tmp_path, capsys):
    import types

    calls = []
    fake = types.ModuleType("tui.app")
    fake.run = lambda settings, **kw: calls.append((settings.db, settings.ui.mouse)) or 0
    monkeypatch.setitem(sys.modules, "tui.app", fake)
    from tui.launch import main as outsource  # the installed command: the core's CLI + the app

    assert outsource(["--db", str(tmp_path / "w.db")]) == 0
    assert outsource(["--no-mouse", "--db", str(tmp_path / "w.db")]) == 0
    assert calls == [(tmp_path / "w.db", True), (tmp_path / "w.db", False)]
    import gc

    assert gc.isenabled()  # paused for the app's start only (the app resumes it with its advice)


@pytest.mark.parametrize("argv", [[], ["summary"], ["demo"], ["init"], ["import"], ["export"], ["backup"],
                                  ["restore"]])
def test_help_everywhere(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--help"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("usage: outsource")


def test_usage_error_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["import"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("outsource import: error:") and "Traceback" not in err


def test_version():
    proc = subprocess.run([sys.executable, "-m", "advisor.cli", "--version"], capture_output=True, text=True)
    from advisor import __version__

    assert proc.returncode == 0 and proc.stdout.strip() == f"outsource-advisor {__version__}"
