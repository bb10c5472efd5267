"""`outsource check` output conventions (ruff's): --output-format github|sarif|junit (--format
still accepted), -o/--output-file, -q/-v and --color with NO_COLOR / FORCE_COLOR."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from advisor.cli import main
from advisor.commands.formats import colour_wanted, gh_data, gh_property

HOSTILE_TITLE = 'Logo %0A::error::pwned, a:b\\r\\n\\u001b[31mred'


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile_plan(tmp_path, bakery_path):
    """The bakery with a task title (and so messages) full of what GitHub and terminals act on."""
    p = tmp_path / "plan, with: comma%.toml"
    p.write_text(bakery_path.read_text().replace('title = "Design a new logo"', f'title = "{HOSTILE_TITLE}"'))
    return p


def test_format_is_an_alias_of_output_format(capsys, bakery_path):
    a = run(capsys, "check", "--plan", str(bakery_path), "--format", "json")
    b = run(capsys, "check", "--plan", str(bakery_path), "--output-format", "json")
    assert a == b and json.loads(a[1])["findings"]


def test_bad_option_values_give_one_line_and_exit_2(capsys, bakery_path):
    for argv in (("--output-format", "xml"), ("--color", "sometimes"), ("--format", "")):
        with pytest.raises(SystemExit) as exc:
            main(["check", "--plan", str(bakery_path), *argv])
        assert exc.value.code == 2
        _, err = capsys.readouterr()
        assert err.count("\n") == 2 and "error: argument" in err and err.startswith("outsource check")


def test_github_annotations_point_at_file_and_line(capsys, bakery_path):
    code, out, _ = run(capsys, "check", "--plan", str(bakery_path), "--output-format", "github")
    lines = out.splitlines()
    assert lines and all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines)
    low = next(ln for ln in lines if "title=low-job-success" in ln)
    assert low.startswith(f"::warning file={bakery_path},line=")
    line_no = int(low.split("line=")[1].split(",")[0])
    assert "[[tasks.candidates]]" in bakery_path.read_text().splitlines()[line_no - 1]
    assert "75%25" in low  # '%' escaped, as GitHub's escapeData does
    # the same findings as json (acknowledged ones left out), same exit code
    code2, js, _ = run(capsys, "check", "--plan", str(bakery_path), "--format", "json")
    assert code == code2 and len(lines) == sum(1 for f in json.loads(js)["findings"] if not f["suppressed"])


def test_github_escapes_hostile_text(capsys, hostile_plan):
    _, out, _ = run(capsys, "check", "--plan", str(hostile_plan), "--output-format", "github")
    lines = out.split("\n")[:-1]
    assert lines and all(ln.startswith("::") for ln in lines)  # no line injected by a newline
    assert "\r" not in out and "\x1b" not in out
    for ln in lines:
        head, sep, message = ln[2:].partition("::")
        assert sep and "::" not in head  # the properties end at the first '::'
        props = head.split(" ", 1)[1]
        assert props.startswith("file=plan%2C with%3A comma%25.toml") or "plan%2C with%3A comma%25.toml" in props
        assert props.count(",") == props.count("=") - 1  # every ',' separates properties
    # (the plan reader keeps a CR LF as LF) the title's own "%0A" is escaped as "%250A", so GitHub does not turn it into a new line
    assert any("Logo %250A::error::pwned, a:b%0A\\x1b[31mred" in ln for ln in lines)
    assert not any(ln.startswith("::error::") for ln in lines)


def test_github_escape_functions_follow_githubs_rules():
    assert gh_data("100%\r\nnext") == "100%25\\x0d%0Anext"
    assert gh_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert gh_data("\x1b[31m") == "\\x1b[31m"


def test_github_without_a_plan_file_has_no_file(capsys, tmp_path, bakery_path):
    db = tmp_path / "ws.db"
    assert run(capsys, "--db", str(db), "import", str(bakery_path))[0] == 0
    _, out, _ = run(capsys, "--db", str(db), "check", "--output-format", "github")
    assert out and "file=" not in out and all(ln.startswith("::") for ln in out.splitlines())


def test_sarif_is_a_minimal_valid_2_1_0_log(capsys, hostile_plan):
    code, out, _ = run(capsys, "check", "--plan", str(hostile_plan), "--output-format", "sarif")
    assert "\x1b" not in out
    doc = json.loads(out)
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    (run_,) = doc["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "outsource-advisor" and driver["rules"]
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert any("help" in r and r["help"]["text"] for r in driver["rules"])
    assert run_["results"]
    for res in run_["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note") and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith("plan%2C%20with%3A%20comma%25.toml")
        # about a task or candidate: its line in the plan (too-many-first-hires is about the
        # business, though it names the tasks to run and park)
        if "[" in res["message"]["text"] and res["ruleId"] != "too-many-first-hires":
            assert loc["region"]["startLine"] >= 1
    # JSON carries the text exactly (escaped as JSON: no raw ESC in the output, checked above)
    assert any("Logo %0A::error::pwned, a:b\n\x1b[31mred" in res["message"]["text"] for res in run_["results"])
    assert code == 0


def test_junit_parses_one_testcase_per_rule_failing_at_fail_on(capsys, hostile_plan):
    code, out, _ = run(capsys, "check", "--plan", str(hostile_plan), "--output-format", "junit",
                       "--fail-on", "warning")
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    names = [c.get("name") for c in cases]
    assert len(names) == len(set(names)) == int(suite.get("tests"))
    failed = [c for c in cases if c.find("failure") is not None]
    assert failed and int(suite.get("failures")) == len(failed) and code == 1
    assert "low-job-success" in [c.get("name") for c in failed]
    assert "\x1b" not in out
    # at the default --fail-on risk the bakery's warnings are not failures (exit 0 too)
    code, out, _ = run(capsys, "check", "--plan", str(hostile_plan), "--output-format", "junit")
    assert code == 0 and ET.fromstring(out.encode()).find("testsuite").get("failures") == "0"


def test_output_file_written_whole_and_never_over_the_plan(capsys, tmp_path, bakery_path):
    out_file = tmp_path / "report.sarif"
    code, out, _ = run(capsys, "check", "--plan", str(bakery_path), "--output-format", "sarif", "-o", str(out_file))
    assert out == "" and json.loads(out_file.read_text())["version"] == "2.1.0"
    plan = tmp_path / "plan.toml"
    plan.write_bytes(bakery_path.read_bytes())
    code, out, err = run(capsys, "check", "--plan", str(plan), "--output-file", str(plan))
    assert code == 2 and plan.read_bytes() == bakery_path.read_bytes()
    assert err.splitlines()[0].startswith(f"error: {plan}") and "plan being checked" in err
    link = tmp_path / "link.toml"
    link.symlink_to(plan)
    assert run(capsys, "check", "--plan", str(plan), "-o", str(link))[0] == 2
    assert plan.read_bytes() == bakery_path.read_bytes()


def test_text_into_a_file_is_never_coloured(capsys, tmp_path, bakery_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    out_file = tmp_path / "report.txt"
    run(capsys, "check", "--plan", str(bakery_path), "-o", str(out_file))
    assert "\x1b" not in out_file.read_text() and "finding(s)" in out_file.read_text()
    run(capsys, "check", "--plan", str(bakery_path), "-o", str(out_file), "--color", "always")
    assert "\x1b[" in out_file.read_text()


def test_quiet_prints_only_findings_and_keeps_the_exit_code(capsys, bakery_path):
    code, full, _ = run(capsys, "check", "--plan", str(bakery_path), "--fail-on", "warning")
    qcode, quiet, _ = run(capsys, "check", "--plan", str(bakery_path), "--fail-on", "warning", "-q")
    assert code == qcode == 1
    assert "Next steps" in full and "Next steps" not in quiet and "finding(s)" not in quiet
    # every finding, those the Next steps say among them (the full output lists them once)
    listed = [ln for ln in full.split("\n\n")[-2].splitlines()]
    assert quiet and set(listed) < set(quiet.splitlines())
    assert all(ln.startswith(("risk", "warning", "info", " " * 9)) for ln in quiet.splitlines())


def test_verbose_says_what_was_used_on_stderr(capsys, tmp_path, bakery_path):
    code, out, err = run(capsys, "check", "--plan", str(bakery_path), "-v")
    _, plain_out, _ = run(capsys, "check", "--plan", str(bakery_path))
    assert out == plain_out
    assert "config files: none" in err and f"plan: {bakery_path}" in err and " run" in err


def test_colour_choice_and_environment(monkeypatch):
    class Tty:
        def __init__(self, tty):
            self.tty = tty

        def isatty(self):
            return self.tty

    assert colour_wanted("auto", False, Tty(True), {}) is True
    assert colour_wanted("auto", False, Tty(False), {}) is False
    assert colour_wanted("auto", False, Tty(False), {"FORCE_COLOR": "1"}) is True
    assert colour_wanted("auto", False, Tty(False), {"FORCE_COLOR": "0"}) is False
    assert colour_wanted("auto", False, Tty(True), {"NO_COLOR": "1"}) is False
    assert colour_wanted("auto", False, Tty(True), {"NO_COLOR": "1", "FORCE_COLOR": "1"}) is False
    assert colour_wanted("always", False, Tty(False), {"NO_COLOR": "1"}) is True
    assert colour_wanted("never", False, Tty(True), {"FORCE_COLOR": "1"}) is False
    assert colour_wanted("auto", True, Tty(True), {"FORCE_COLOR": "1"}) is False


def test_force_color_colours_a_pipe_but_never_user_text(capsys, monkeypatch, tmp_path, bakery_path):
    p = tmp_path / "plan.toml"
    p.write_text(bakery_path.read_text().replace('title = "Design a new logo"', 'title = "Logo\\u001b[32m"'))
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run(capsys, "check", "--plan", str(p))
    assert "\x1b[1;31m" in out or "\x1b[33m" in out
    assert "\x1b[32m" not in out and "\\x1b[32m" in out
    _, out, _ = run(capsys, "check", "--plan", str(p), "--color", "never")
    assert "\x1b" not in out
