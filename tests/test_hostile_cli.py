"""The command line under hostile conditions (issue 13, items 13, 15, 16, 21, 22): a typo in
--db, a broken user rule pack in CI, stdout closed or full, umask 000, invisible characters."""

from __future__ import annotations

import json
import tomllib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main

ROOT = Path(__file__).resolve().parent.parent
NAMES = json.loads((Path(__file__).parent / "data" / "hostile" / "names.json").read_text())


def run(*argv: str, umask: int | None = None, **kw) -> subprocess.CompletedProcess:
    pre = f"import os; os.umask({umask}); " if umask is not None else ""
    code = pre + "import sys; from advisor.cli import main; sys.exit(main(sys.argv[1:]))"
    kw.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-c", code, *argv], stderr=subprocess.PIPE, text=True, timeout=60,
                          cwd=ROOT, **kw)


@pytest.fixture
def db(tmp_path, bakery_path) -> Path:
    path = tmp_path / "ws.db"
    assert main(["--db", str(path), "import", str(bakery_path)]) == 0
    return path


@pytest.mark.parametrize("command", [["check"], ["summary"], ["export", "-"], ["backup"],
                                     ["restore", "b.db"]])
def test_a_workspace_that_does_not_exist_is_refused_not_created(tmp_path, command, capsys):
    typo = tmp_path / "typo.db"
    code = main(["--db", str(typo), *command])
    err = capsys.readouterr().err
    assert code == 2 and f"{typo}: no workspace here yet" in err, err
    assert not typo.exists()


def test_a_broken_user_pack_fails_check_unless_allowed(db, tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text((ROOT / "tests" / "data" / "hostile" / "packs" / "one_bad_rule.toml")
                                     .read_text())
    config = tmp_path / "config.toml"
    config.write_text(f'[advisor]\nrule_dirs = ["{rules}"]\n')
    code = main(["--config", str(config), "--db", str(db), "check"])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert f"rules: skipped {rules / 'mine.toml'}" in err and "rules: loaded " in err
    assert "--allow-broken-packs" in err and "No findings." not in out
    code = main(["--config", str(config), "--db", str(db), "check", "--allow-broken-packs"])
    out, err = capsys.readouterr()
    assert code in (0, 1) and f"rules: skipped {rules / 'mine.toml'}" in err
    assert "finding(s)" in out or "No findings." in out


def test_output_that_cannot_be_written_is_one_line_and_exit_2(db):
    with open("/dev/full", "w") as full:
        out = run("--db", str(db), "summary", stdout=full)
    assert out.returncode == 2 and out.stderr == "error: cannot write the output: No space left on device\n"
    closed = subprocess.run([sys.executable, "-c", "import sys; from advisor.cli import main; "
                             "sys.exit(main(sys.argv[1:]))", "--db", str(db), "summary"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2 and closed.stderr == "error: standard output is closed\n"


def test_files_and_folders_are_private_under_umask_000(tmp_path):
    home = tmp_path / "home"
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "cfg"), XDG_DATA_HOME=str(home / "data"))
    config = home / "cfg" / "deep" / "config.toml"
    assert run("--config", str(config), "init", umask=0, env=env).returncode == 0
    db = home / "data" / "deep" / "ws.db"
    assert run("--db", str(db), "import", str(ROOT / "examples" / "bakery.toml"), umask=0, env=env).returncode == 0
    for path, want in ((config, 0o600), (config.parent, 0o700), (config.parent.parent, 0o700), (db, 0o600),
                       (db.parent, 0o700), (db.parent.parent, 0o700)):
        assert stat.S_IMODE(path.stat().st_mode) == want, path


def test_invisible_and_bidi_characters_are_escaped_on_the_command_line(tmp_path, capsys):
    from advisor.plan.model import Business, Plan
    from advisor.storage.planfile import dumps_plan

    name = NAMES["marks"] + NAMES["bidi_override"] + NAMES["hangul_fillers"] + NAMES["tag_characters"]
    plan = Plan(business=Business(name=name))
    path = tmp_path / "p.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    db = tmp_path / "ws.db"
    assert main(["--db", str(db), "import", str(path)]) == 0
    capsys.readouterr()
    for command in (["summary"], ["export", "-"], ["check", "--format", "json"]):
        main(["--db", str(db), *command])
        out = capsys.readouterr().out
        for ch in "\u200e\u200f\u061c\u200b\u2028\u2029\u202e\u3164\uffa0\u1160\U000e0001\U000e0041\U000e007f":
            assert ch not in out, (command, hex(ord(ch)))
        if command[0] == "export":  # the escapes read back as the exact name
            assert tomllib.loads(out)["business"]["name"] == name
