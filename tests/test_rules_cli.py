"""`outsource rules list|show|validate|test`."""

from __future__ import annotations

from advisor.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list(capsys):
    code, out, _ = run(capsys, "rules", "list")
    assert code == 0 and "interview-before-hire" in out and "risk" in out


def test_show(capsys):
    code, out, _ = run(capsys, "rules", "show", "shortlist-size")
    assert code == 0
    for words in ("Shortlist at least 3", "Why:", "Fix:", "Examples:", "core.toml", "task.hired == 0"):
        assert words in out
    code, _, err = run(capsys, "rules", "show", "shortlist-sise")
    assert code == 2 and "did you mean shortlist-size" in err


def test_validate_and_test_shipped_packs(capsys):
    code, out, _ = run(capsys, "rules", "validate")
    assert code == 0 and "ok:" in out
    code, out, _ = run(capsys, "rules", "test")
    assert code == 0 and " 0 failed" in out


def test_test_reports_mismatch(capsys, tmp_path):
    p = tmp_path / "mine.toml"
    p.write_text('''pack = "mine"
[[rules]]
id = "big-budget"
title = "Big"
severity = "info"
about = "task"
when = "task.budget > 1000"
message = "m"
why = "w"
fix = "f"
[[rules.examples]]
name = "big"
fires = true
task = { budget = 2000 }
[[rules.examples]]
name = "wrong on purpose"
fires = true
task = { budget = 10 }
[[rules.examples]]
name = "no budget"
fires = false
''')
    code, out, _ = run(capsys, "rules", "test", str(p))
    assert code == 1
    assert "FAIL big-budget example 2 (wrong on purpose): expected the rule to fire, it stayed quiet" in out
    assert "2 example(s) passed, 1 failed" in out


def test_validate_reports_errors(capsys, tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('pack = "bad"\n[[rules]]\nid = "x"\ntitle = "t"\nseverity = "info"\nabout = "task"\n'
                 'when = "task.__class__ == 1"\nmessage = "m"\nwhy = "w"\nfix = "f"\n')
    code, out, _ = run(capsys, "rules", "validate", str(p))
    assert code == 2 and "bad.toml:7" in out and "rule x" in out and "'_'" in out


def test_validate_refuses_a_status_that_does_not_exist(capsys, tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('pack = "mine"\n[[rules]]\nid = "typo"\ntitle = "T"\nseverity = "info"\nabout = "candidate"\n'
                    "when = \"candidate.status == 'hird'\"\nmessage = \"m\"\nwhy = \"w\"\nfix = \"f\"\n")
    code, out, err = run(capsys, "rules", "validate", str(pack))
    assert code == 2  # like any invalid pack (see test above)
    assert "candidate.status is never 'hird'; it is one of applied, shortlisted, interviewed, hired, rejected" in out + err
    assert "mine.toml:7" in out + err and "did you mean 'hired'?" in out + err


# ------------------------------------------------------------------ show renders, list as JSON

SHOW_RULES = __import__("pathlib").Path(__file__).resolve().parent / "data" / "show_rules"


def show_config(tmp_path) -> str:
    p = tmp_path / "config.toml"
    p.write_text(f'[advisor]\nrule_dirs = ["{SHOW_RULES.as_posix()}"]\nselect = ["showtest"]\n')
    return str(p)


def test_show_renders_an_example_with_its_placeholders_filled_and_the_source_and_stages(capsys, tmp_path):
    code, out, _ = run(capsys, "--config", show_config(tmp_path), "rules", "show", "t-fees-break-budget")
    assert code == 0
    assert "  stages    posted, hiring\n" in out
    assert "  source    Upwork help: the client marketplace fee is added to every payment.\n" in out
    # the first example that fires, its facts filled in (money in the example's currency)
    assert ("For example (the fee tips it over):\n"
            "  Ana's price of €2,400 fits the €2,500 budget of Shop website, but not with the fee.\n"
            "  fix: Raise the budget or agree a lower price with Ana.\n") in out


def test_show_of_a_rule_without_stages_or_source(capsys):
    code, out, _ = run(capsys, "rules", "show", "shortlist-size")
    assert code == 0 and "  stages    " in out and "  source    " in out
    assert "For example" in out and "{" not in out.split("For example")[1].split("Examples:")[0]


def test_list_as_json(capsys, tmp_path):
    import json

    code, out, _ = run(capsys, "--config", show_config(tmp_path), "rules", "list", "--format", "json")
    assert code == 0
    rules = json.loads(out)["rules"]
    assert rules == [{"id": "t-fees-break-budget", "title": "Fees push the price over budget",
                      "severity": "warning", "about": "candidate", "pack": "showtest",
                      "stages": ["posted", "hiring"],
                      "source": "Upwork help: the client marketplace fee is added to every payment.",
                      "ask": [],
                      "file": str(SHOW_RULES / "show.toml"), "line": 5, "builtin": False, "enabled": True}]
    code, out, _ = run(capsys, "rules", "list", "--format", "json")
    shipped = json.loads(out)["rules"]
    assert {"shortlist-size", "interview-before-hire"} <= {r["id"] for r in shipped}
    assert all(r["builtin"] for r in shipped)
    by_id = {r["id"]: r for r in shipped}  # the interview questions, as written
    assert by_id["low-job-success"]["ask"] == [
        "What happened on the job that brought your score down, and what would you do differently now?"]


def test_the_readme_quotes_the_number_of_rule_examples_there_are():
    """The README's `rules test` line is real output: it names as many examples as the shipped
    packs hold (it said 111, then 209, while the packs grew)."""
    import re
    from pathlib import Path

    from advisor.rules.rulepack import load_rules

    ruleset, problems = load_rules()
    assert not problems
    total = sum(len(rule.examples) for rule in ruleset.rules)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    quoted = [int(n) for n in re.findall(r"`(\d+) example\(s\) passed, 0 failed`", readme)]
    assert quoted and all(n == total for n in quoted), (quoted, total)
