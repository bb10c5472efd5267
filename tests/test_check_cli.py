"""`outsource check`."""

from __future__ import annotations

import json

from advisor.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_grouped_by_task(capsys, bakery_path):
    code, out, _ = run(capsys, "check", "--plan", str(bakery_path))
    assert code == 0  # no risk findings; default --fail-on risk
    assert "Design a new logo (logo)" in out and "shortlist-size" in out
    assert out.index("Bramble Bakery") < out.index("Design a new logo")
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "10 finding(s)" in out  # 5 from the core pack, 5 from the practice pack


def test_json_output_exact_shape(capsys, bakery_path):
    code, out, _ = run(capsys, "check", "--plan", str(bakery_path), "--format", "json")
    doc = json.loads(out)
    assert set(doc) == {"findings", "counts"}
    assert doc["counts"] == {"info": 2, "warning": 8, "risk": 0}
    keys = {"rule", "severity", "task", "candidate", "title", "message", "why", "fix", "suppressed"}
    assert all(set(f) == keys for f in doc["findings"])
    biz = [f for f in doc["findings"] if f["rule"] == "try-several-marketplaces"][0]
    assert biz["task"] is None and biz["candidate"] is None


def test_fail_on_levels(capsys, bakery_path):
    assert run(capsys, "check", "--plan", str(bakery_path), "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", "--plan", str(bakery_path), "--fail-on", "info")[0] == 1
    assert run(capsys, "check", "--plan", str(bakery_path), "--fail-on", "risk")[0] == 0


def test_suppressed_findings_do_not_fail(capsys, tmp_path, bakery_path):
    text = bakery_path.read_text() + '''
[[suppressions]]
rule = "shortlist-size"
task = "logo"
reason = "two is enough"

[[suppressions]]
rule = "start-small"
task = "site"
reason = "we know"

[[suppressions]]
rule = "research-going-rate"
reason = "all of them"

[[suppressions]]
rule = "interview-before-hire"
candidate = "ana"
reason = "stale"

[[suppressions]]
rule = "bid-far-below-median"
candidate = "ben"
reason = "he explained his price"

[[suppressions]]
rule = "low-job-success"
candidate = "ben"
reason = "two disputes, both explained"

[[suppressions]]
rule = "milestones-for-large-jobs"
task = "site"
reason = "three milestones planned"

[[suppressions]]
rule = "fixed-price-needs-acceptance"
task = "site"
reason = "writing them this week"
'''
    p = tmp_path / "plan.toml"
    p.write_text(text)
    code, out, _ = run(capsys, "check", "--plan", str(p), "--fail-on", "warning")
    assert code == 0
    assert "acknowledged: two is enough" in out and "matches no finding" in out
    doc = json.loads(run(capsys, "check", "--plan", str(p), "--format", "json")[1])
    assert doc["counts"] == {"info": 2, "warning": 0, "risk": 0}
    assert sum(f["suppressed"] for f in doc["findings"]) == 8


def test_risk_exits_1(capsys, tmp_path, bakery_path):
    p = tmp_path / "plan.toml"
    # Ben hired without an interview on the logo, made critical: interview-before-hire is a risk
    p.write_text(bakery_path.read_text().replace('status = "shortlisted"', 'status = "hired"')
                 .replace("critical = false", "critical = true", 1))
    code, out, _ = run(capsys, "check", "--plan", str(p))
    assert code == 1 and "risk" in out and "Ben K." in out


def test_bad_input_exits_2(capsys, tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("format = 1\n[[tasks]]\nid = 'x'\n")
    code, _, err = run(capsys, "check", "--plan", str(p))
    assert code == 2 and "title" in err
    assert run(capsys, "check", "--plan", str(tmp_path / "none.toml"))[0] == 2


def test_control_characters_in_user_text_are_shown_literally(capsys, tmp_path, bakery_path):
    p = tmp_path / "plan.toml"
    p.write_text(bakery_path.read_text().replace('title = "Design a new logo"', 'title = "Logo\\u001b[31m"'))
    _, out, _ = run(capsys, "check", "--plan", str(p))
    assert "\x1b[31m" not in out and "\\x1b[31m" in out


def test_colour_only_on_tty_and_no_color(capsys, bakery_path, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    _, out, _ = run(capsys, "check", "--plan", str(bakery_path))
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "check", "--plan", str(bakery_path))
    assert "\x1b[" not in out


def test_a_rule_switched_off_in_the_workspace_is_not_run(capsys, tmp_path, bakery):
    from advisor.workspace import Workspace

    db = tmp_path / "ws.db"
    with Workspace.open(db) as ws:
        ws.replace_plan(bakery)
    _, out, err = run(capsys, "check", "--db", str(db), "--format", "json")
    before = json.loads(out)["findings"]
    assert any(f["rule"] == "shortlist-size" for f in before) and "switched off" not in err
    with Workspace.open(db) as ws:
        ws.set_rule_enabled("shortlist-size", False, reason="two is enough")
    code, out, err = run(capsys, "check", "--db", str(db), "--format", "json")
    after = json.loads(out)["findings"]
    assert not any(f["rule"] == "shortlist-size" for f in after)
    assert len(after) == len(before) - sum(f["rule"] == "shortlist-size" for f in before)
    assert "switched off in this workspace, not run: shortlist-size" in err
    _, out, _ = run(capsys, "check", "--db", str(db))  # the text report too
    assert "shortlist-size" not in out
    # `rules list` on that workspace marks it; a plan file has no switches
    _, out, _ = run(capsys, "rules", "list", "--db", str(db))
    line = next(x for x in out.splitlines() if x.startswith("shortlist-size "))
    assert line.endswith("off (workspace)")
    assert "1 switched off in the workspace" in out
    assert not any(x.endswith("off (workspace)") for x in out.splitlines() if not x.startswith("shortlist-size "))
    with Workspace.open(db) as ws:  # back on: it runs again
        ws.set_rule_enabled("shortlist-size", True)
    _, out, err = run(capsys, "check", "--db", str(db), "--format", "json")
    assert json.loads(out)["findings"] == before and "switched off" not in err


def test_rules_list_without_a_workspace_does_not_create_one(capsys, tmp_path):
    db = tmp_path / "none.db"
    code, out, _ = run(capsys, "rules", "list", "--db", str(db))
    assert code == 0 and "off (workspace)" not in out and not db.exists()
