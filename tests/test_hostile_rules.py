"""Rule packs that used to pass validation and then break the engine (issue 13, items 6, 17, 20):
an `in` over 14+ values or an `or` of 14+ tests on one fact (durable-rules refused the whole
ruleset, "error code 113"), a lone surrogate, full-width letters, a long `when`."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.cli import main

PACKS = Path(__file__).parent / "data" / "hostile" / "packs"


def _pack(tmp_path: Path, when: str, rule_id: str = "mine-x") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "mine.toml").write_text(
        f'pack = "mine"\n[[rules]]\nid = "{rule_id}"\ntitle = "t"\nseverity = "risk"\nabout = "task"\n'
        f"when = '''{when}'''\n"  # a literal string: the text exactly as written
        + 'message = "hit {task.id}"\nwhy = "w"\nfix = "f"\n', encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[advisor]\nrule_dirs = ["{folder}"]\nselect = ["mine"]\n')
    return config


def _values(n: int, last: str) -> str:
    return ", ".join([repr(f"v{i}") for i in range(n - 1)] + [repr(last)])


@pytest.mark.parametrize("when", [
    "task.title in [{values}]",
    "task.title in [{values}] or task.status == 'cancelled'",
    " or ".join("task.title == 'v{i}'".replace("{i}", str(i)) for i in range(20))
    + " or task.title == 'Design a new logo'",
], ids=["in-40", "in-40-or", "or-21"])
def test_a_long_in_or_or_on_one_fact_runs_and_fires_once(tmp_path, bakery_path, when, capsys):
    config = _pack(tmp_path, when.replace("{values}", _values(40, "Design a new logo")))
    assert main(["--config", str(config), "rules", "validate"]) == 0
    capsys.readouterr()
    code = main(["--config", str(config), "check", "--plan", str(bakery_path)])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert out.count("hit logo") == 1 and "engine" not in err, (out, err)


def test_a_lone_surrogate_is_refused_at_validate(tmp_path, capsys):
    config = _pack(tmp_path, "task.title == '\\ud800'")
    assert main(["--config", str(config), "rules", "validate"]) == 2
    out = capsys.readouterr().out
    assert "lone surrogate (\\ud800)" in out and "Traceback" not in out


def test_full_width_letters_are_not_read_as_field_names(tmp_path, capsys):
    config = _pack(tmp_path, "ｔａｓｋ.budget > 1")
    assert main(["--config", str(config), "rules", "validate"]) == 2
    out = capsys.readouterr().out
    assert "U+FF54" in out


def test_a_when_up_to_the_documented_4000_characters_is_accepted(tmp_path, capsys):
    when = " and ".join(f"task.title != '{c * 900}'" for c in "abcd")  # 3,676 characters
    assert 2000 < len(when) <= 4000
    config = _pack(tmp_path, when)
    assert main(["--config", str(config), "rules", "validate"]) == 0, capsys.readouterr().out


def test_rules_test_keeps_an_examples_id(capsys):
    """`rules test` used to overwrite an example's id, so a rule on task.id always failed."""
    assert main(["rules", "test", str(PACKS / "rule_on_id.toml")]) == 0
    assert "2 example(s) passed, 0 failed" in capsys.readouterr().out


def test_a_rule_left_out_by_the_compiler_is_reported_once(tmp_path, bakery_path):
    """Issue 13 item 20: each "left out" warning printed twice (the engine's log and check)."""
    import subprocess
    import sys

    values = ", ".join(repr(f"v{i}") for i in range(100))  # 8 engine rules each
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "big.toml").write_text('pack = "big"\n' + "".join(
        f'[[rules]]\nid = "big-{n}"\ntitle = "t"\nseverity = "info"\nabout = "task"\n'
        f"when = '''task.title in [{values}]'''\nmessage = \"m\"\nwhy = \"w\"\nfix = \"f\"\n" for n in range(10)))
    config = tmp_path / "config.toml"
    config.write_text(f'[advisor]\nrule_dirs = ["{folder}"]\n')
    out = subprocess.run([sys.executable, "-c", "import sys; from advisor.cli import main; sys.exit(main(sys.argv[1:]))",
                          "--config", str(config), "check", "--plan", str(bakery_path)],
                         capture_output=True, text=True, timeout=120)
    left_out = [line for line in out.stderr.splitlines() if "left out" in line]
    assert left_out, out.stderr
    assert len(left_out) == len({line.split("rule ", 1)[1].split(":")[0] for line in left_out}), out.stderr
