"""Text from files is printed literally by every command that shows it.

Names, notes and rule messages come from files other people wrote (a marketplace CSV, a shared
plan or rule pack). Whatever they hold -- Rich/Textual markup such as ``[@click=app.quit]``,
terminal control sequences (ESC/CSI, OSC 52 which sets the clipboard, BEL, the 8-bit CSI U+009B,
DCS) -- the command line never writes a raw control byte: each command runs in a real process
and its stdout and stderr are checked byte by byte. Markup is not interpreted on the command
line, so it must appear as the same literal text. ``export -`` and ``check --format json`` keep
the text recoverable: their escapes decode back to the original strings.

The app's side (an imported name on screen cannot run an action or write to the terminal) is
tested in tests/test_tui_keys_and_safety.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from advisor.storage.planfile import dumps_plan, load_plan, loads_plan

OUTSOURCE = str(Path(sys.executable).with_name("outsource"))

MARKUP = "[bold]B[/bold] [@click=app.quit]x[/]"
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
CONTROLS = "\x1b[2J\x1b[H" + OSC52 + "\x07\x9b31m\x1bP1$qm\x1b\\\x7f\x08"
EVIL = MARKUP + " " + CONTROLS

#: Bytes that must never reach a terminal from user text: C0 controls except tab/newline, DEL,
#: and C1 (encoded in UTF-8 as C2 80..C2 9F).
FORBIDDEN = [bytes([b]) for b in range(0x20) if b not in (0x09, 0x0A)] + [b"\x7f"] + \
    [bytes([0xC2, b]) for b in range(0x80, 0xA0)]


def assert_clean(data: bytes, what: str) -> None:
    for bad in FORBIDDEN:
        assert bad not in data, f"{what} contains raw {bad!r}: {data[:300]!r}"


def cli(*argv: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, **(env_extra or {}))
    proc = subprocess.run([OUTSOURCE, *argv], capture_output=True, timeout=120, env=env)
    assert_clean(proc.stdout, f"stdout of {argv}")
    assert_clean(proc.stderr, f"stderr of {argv}")
    assert b"Traceback" not in proc.stderr
    return proc


def evil_plan(bakery):
    from advisor.plan.model import Interview, Suppression

    p = bakery
    p.business.name = "Shop " + CONTROLS[:60]
    p.marketplaces[0].notes = EVIL
    t = p.task("logo")
    t.title = MARKUP + OSC52
    t.description = EVIL
    t.acceptance = EVIL
    t.skills = ["design", "x" + OSC52]
    c = t.candidates[0]
    c.name = "Ana " + MARKUP + OSC52 + "\x9b31m"
    c.notes = EVIL
    c.country = "PT\x1b[31m"
    c.interview = Interview(scores={"quality": 4, "c\x1b[1m": 3}, notes=EVIL)
    t.candidates[1].status, t.candidates[1].reject_reason = "rejected", EVIL
    p.suppressions.append(Suppression(rule="start-small", reason="ok " + EVIL, task="logo"))
    p.validate()
    return p


#: The workspace the CLI imported from the evil plan file, once per test process (the import is
#: the same every time; each test gets its own copy of the file, which it may change)
_IMPORTED: dict[str, tuple[bytes, int]] = {}


@pytest.fixture
def evil(tmp_path, bakery):
    plan = evil_plan(bakery)
    path = tmp_path / "evil.toml"
    Path(path).write_text(dumps_plan(plan), encoding="utf-8")
    db = tmp_path / "ws.db"
    text = path.read_text(encoding="utf-8")
    if text in _IMPORTED:
        db.write_bytes(_IMPORTED[text][0])
        os.chmod(db, _IMPORTED[text][1])
    else:
        proc = cli("--db", str(db), "import", str(path))
        assert proc.returncode == 0, proc.stderr
        assert sorted(os.listdir(tmp_path)) == ["evil.toml", "ws.db"]  # the workspace is the one file
        _IMPORTED[text] = (db.read_bytes(), os.stat(db).st_mode & 0o777)
    return db, plan, path


def test_plan_file_with_controls_round_trips_and_is_printable(evil):
    _, plan, path = evil
    raw = path.read_bytes()
    assert_clean(raw.replace(b"\n", b""), "the plan file")  # safe to `cat`
    assert load_plan(path) == plan


def test_summary_prints_names_literally(evil):
    db, plan, _ = evil
    proc = cli("--db", str(db), "summary")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "[bold]B[/bold] [@click=app.quit]x[/]" in out  # markup is text
    assert "\\x1b]52;c;aGVsbG8=\\x07" in out  # controls are visible escapes
    assert "Shop \\x1b[2J\\x1b[H" in out


@pytest.mark.parametrize("colour", [False, True])
def test_check_text_prints_messages_and_names_literally(evil, colour):
    db, _, _ = evil
    env = {} if colour else {"NO_COLOR": "1"}
    proc = cli("--db", str(db), "check", "--fail-on", "risk", env_extra=env)
    out = proc.stdout.decode()
    assert proc.returncode in (0, 1)
    assert "[@click=app.quit]x[/]" in out
    assert "\\x1b]52;c;aGVsbG8=\\x07" in out or "\\x1b" in out


def test_check_json_escapes_every_control_and_decodes_back(evil):
    db, plan, _ = evil
    proc = cli("--db", str(db), "check", "--format", "json")
    data = json.loads(proc.stdout)["findings"]
    messages = " ".join(f["message"] for f in data)
    assert "\x9b31m" in messages or OSC52 in messages or MARKUP in messages, messages[:500]
    assert any(plan.business.name in f["message"] or plan.task("logo").title in f["message"] for f in data)


def test_export_to_stdout_is_toml_escaped_and_exact(evil):
    db, plan, _ = evil
    proc = cli("--db", str(db), "export", "-")
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert "\\u001b]52;c;aGVsbG8=\\u0007" in text and "\\u009b31m" in text
    tomllib.loads(text)
    assert loads_plan(text) == plan


def test_csv_names_with_controls_are_listed_literally(evil, tmp_path):
    db, _, _ = evil
    csv = tmp_path / "evil.csv"
    csv.write_text('Name,Bid,Notes\n"' + "Zed " + MARKUP + OSC52 + '",200,"' + CONTROLS + '"\n', encoding="utf-8")
    proc = cli("--db", str(db), "import", str(csv), "--task", "site")
    assert proc.returncode == 0, proc.stderr
    assert b"added 1 candidate(s) to task site" in proc.stdout
    out = cli("--db", str(db), "summary").stdout.decode()
    assert "1 candidate(s)" in out


def test_errors_quoting_hostile_values_are_escaped(evil, tmp_path):
    db, _, _ = evil
    # an unknown hostile column is left out (issue 23) and named escaped in the summary
    col = tmp_path / "col.csv"
    col.write_text("Name," + OSC52 + "\nZed,1\n", encoding="utf-8")
    proc = cli("--db", str(db), "import", str(col), "--task", "site", "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert b"\x1b" not in proc.stdout and b"\x07" not in proc.stdout
    assert b"note: ignored 1 column(s) the importer does not know: " in proc.stdout
    cases = {
        "status.csv": ("Name,Status\nZed," + OSC52 + "\n", "--task", "site"),
        "plan.toml": ('format = 1\n[business]\nname = "x"\ncurrency = "' + "\\u001b]52;c;aGk=\\u0007" + '"\n',
                      "--replace"),
        "key.toml": ('format = 1\n"\\u001b[2J" = 1\n', "--replace"),
    }
    for name, (body, *extra) in cases.items():
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        proc = cli("--db", str(db), "import", str(path), *extra)
        assert proc.returncode == 2, (name, proc.stderr)
        assert proc.stderr.startswith(f"error: {path}".encode()), proc.stderr
    # a hostile file *name* is shown escaped too
    weird = tmp_path / ("plan" + "\x1b[31m" + ".toml")
    weird.write_text("format = 2\n", encoding="utf-8")
    proc = cli("--db", str(db), "import", str(weird), "--replace")
    assert proc.returncode == 2 and b"plan\\x1b[31m.toml" in proc.stderr


def _evil_pack(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    esc = "\\u001b]52;c;aGVsbG8=\\u0007\\u009b31m"
    (folder / "evil.toml").write_text(f'''pack = "evil"
[[rules]]
id = "evil-rule"
title = "Evil [@click=app.quit]x[/] {esc}"
severity = "risk"
about = "candidate"
when = "candidate.bid > 0"
message = "{{candidate.name}} says [bold]hi[/bold] {esc}"
why = "Why {esc}"
fix = "Fix {esc}"

[[rules.examples]]
name = "ex {esc}"
fires = true
candidate = {{ bid = 10.0, name = "n{esc}" }}
''', encoding="utf-8")
    return folder


def test_rule_texts_are_printed_literally_by_rules_commands_and_check(evil, tmp_path):
    db, _, _ = evil
    rules_dir = _evil_pack(tmp_path / "rules")
    config = tmp_path / "config.toml"
    config.write_text(f'[advisor]\nrule_dirs = ["{rules_dir}"]\n', encoding="utf-8")
    common = ["--db", str(db), "--config", str(config)]
    show = cli(*common, "rules", "show", "evil-rule")
    assert show.returncode == 0, show.stderr
    out = show.stdout.decode()
    assert "Evil [@click=app.quit]x[/] \\x1b]52;c;aGVsbG8=\\x07\\x9b31m" in out
    assert "{candidate.name} says [bold]hi[/bold]" in out
    assert cli(*common, "rules", "list").returncode == 0
    assert cli(*common, "rules", "validate").returncode == 0
    cli(*common, "rules", "test")
    check = cli(*common, "check")
    # its one-sentence fix is Next step 1 here (the line folds into the step); -q lists it in full
    assert b": Fix \\x1b]52;c;aGVsbG8=\\x07\\x9b31m" in check.stdout
    assert b"\x1b" not in check.stdout and b"\x07" not in check.stdout
    listed = cli(*common, "check", "-q").stdout
    # the rule fires for every candidate of a task: one folded line, its title and fix escaped
    assert b"Evil [@click=app.quit]x[/] \\x1b]52;c;aGVsbG8=\\x07\\x9b31m: " in listed
    assert b"fix: Fix \\x1b]52;c;aGVsbG8=\\x07\\x9b31m" in listed
    assert b"\x1b" not in listed and b"\x07" not in listed
    js = cli(*common, "check", "--format", "json")
    found = [f for f in json.loads(js.stdout)["findings"] if f["rule"] == "evil-rule"]
    assert found and all("\x1b]52;c;aGVsbG8=\x07\x9b31m" in f["message"] for f in found)


def test_a_broken_hostile_rule_pack_is_reported_escaped(evil, tmp_path):
    db, _, _ = evil
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "bad.toml").write_text('pack = "bad"\n"\\u001b]52;c;aGk=\\u0007" = 1\n[[rules]]\nid = "x\\u001b"\n',
                                     encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(f'[advisor]\nrule_dirs = ["{folder}"]\n', encoding="utf-8")
    for argv in (["rules", "list"], ["rules", "validate"], ["check"]):
        proc = cli("--db", str(db), "--config", str(config), *argv)
        assert b"\\x1b]52" in proc.stdout + proc.stderr or b"\\\\x1b" in proc.stdout + proc.stderr or \
            b"x1b" in proc.stdout + proc.stderr, argv


def test_the_app_test_covers_an_imported_name():
    """The app's safety test exists and imports a hostile name from a CSV."""
    text = (Path(__file__).parent / "test_tui_keys_and_safety.py").read_text(encoding="utf-8")
    assert "def test_imported_name_is_shown_literally_and_cannot_run_an_action" in text
    assert "read_candidates_csv" in text and "@click=app.quit" in text and "52;c;" in text


def test_an_internal_error_message_is_escaped_too(monkeypatch, capsys, tmp_path):
    """Regression: the last-resort "internal error" line printed the exception text raw."""
    import advisor.commands.app as app_cmd
    from advisor.cli import main

    def boom(args):
        raise RuntimeError("bad name " + OSC52)

    monkeypatch.setattr(app_cmd, "run_summary", boom)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert main(["--db", str(tmp_path / "w.db"), "summary"]) == 70
    err = capsys.readouterr().err
    assert "bad name \\x1b]52;c;aGVsbG8=\\x07" in err
    assert_clean(err.encode(), "stderr")
