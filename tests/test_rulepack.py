"""Rule packs: format, errors with locations, user packs, select/ignore/severity, templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import RuleError
from advisor.rules.rulepack import check_template, load_rules, parse_pack, render
from advisor.settings import DEFAULT_RULE_SETTINGS, AdvisorSettings

S = dict(DEFAULT_RULE_SETTINGS)

GOOD = '''pack = "mine"

[[rules]]
id = "big-budget"
title = "Big budget"
severity = "info"
about = "task"
when = "task.budget > 1000"
message = "{task.title}: budget {task.budget:.0f}"
why = "Because."
fix = "Split it."

[[rules.examples]]
fires = true
task = { budget = 2000 }
'''


def write(tmp_path: Path, name: str, text: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    p = d / name
    p.write_text(text, encoding="utf-8")
    return d


def test_good_pack_parses():
    pack, rules, problems = parse_pack(GOOD, "mine.toml", S)
    assert pack == "mine" and not problems
    r = rules[0]
    assert (r.id, r.severity, r.about, r.line) == ("big-budget", "info", "task", 4)
    assert r.examples[0].fires and r.examples[0].task == {"budget": 2000}


@pytest.mark.parametrize("change, words", [
    (('id = "big-budget"', 'id = "Big_Budget"'), "kebab-case"),
    (('severity = "info"', 'severity = "fatal"'), "info, warning, risk"),
    (('about = "task"', 'about = "plan"'), "business, task, candidate"),
    (('why = "Because."', 'why = "Because."\nwhy_not = 1'), "unknown key 'why_not'"),
    (('fires = true', 'fires = true\nnote = "x"'), "unknown key 'note'"),
    (('task = { budget = 2000 }', 'task = { budgt = 2000 }'), "did you mean 'budget'"),
    (('task = { budget = 2000 }', 'task = { budget = "x" }'), "must be a number"),
    (('message = "{task.title}: budget {task.budget:.0f}"', 'message = "{task.title.__class__}"'), "not allowed"),
    (('message = "{task.title}: budget {task.budget:.0f}"', 'message = "{task[0]}"'), "not allowed"),
    (('message = "{task.title}: budget {task.budget:.0f}"', 'message = "{candidate.name}"'), "cannot name candidate"),
    (('message = "{task.title}: budget {task.budget:.0f}"', 'message = "{task.title!r}"'), "conversions"),
    (('message = "{task.title}: budget {task.budget:.0f}"', 'message = "{task.budget:{task.hours}}"'), "nested"),
    (('message = "{task.title}: budget {task.budget:.0f}"', 'message = "{settings.nope}"'), "unknown setting"),
    (('message = "{task.title}: budget {task.budget:.0f}"', 'message = "{}"'), "empty {}"),
    (('message = "{task.title}: budget {task.budget:.0f}"', 'message = "{task.title:.0f}"'), "Unknown format"),
])
def test_pack_errors_name_rule_and_file(change, words):
    _, rules, problems = parse_pack(GOOD.replace(*change), "mine.toml", S)
    assert not rules and problems
    text = str(problems[0])
    assert words in text and "mine.toml" in text, text


def test_when_error_names_file_rule_line_and_column():
    bad = GOOD.replace('when = "task.budget > 1000"', 'when = "task.budget > len(task.title)"')
    _, _, problems = parse_pack(bad, "mine.toml", S)
    e = problems[0]
    assert isinstance(e, RuleError) and e.rule == "big-budget" and e.file == "mine.toml"
    assert e.line == 8 and e.column == 15 and e.when_line == 1
    assert "calls are not allowed" in str(e) and "column 15 of `when`" in str(e)


def test_invalid_toml_reported_with_line():
    _, _, problems = parse_pack("pack = \n", "x.toml", S)
    assert problems[0].line == 1 and "not valid TOML" in str(problems[0])


def test_templates_allow_fields_settings_and_format_specs():
    check_template("{task.budget:.0f} {task.title:>10} {settings.shortlist_min} {{literal}}", "task", S)
    assert render("{task.budget:.0f} {task.hours} {{x}}", {"task": {"budget": 12.6}}, S) == "13 n/a {x}"


def test_user_pack_replaces_builtin_and_invalid_pack_is_skipped(tmp_path):
    d = write(tmp_path, "a.toml", GOOD.replace("big-budget", "shortlist-size"))
    write(tmp_path, "b.toml", GOOD.replace("big-budget", "other").replace("task.budget > 1000", "task.budget >"))
    ruleset, problems = load_rules(AdvisorSettings(rule_dirs=(d,)))
    assert ruleset.get("shortlist-size").pack == "mine"
    assert ruleset.get("other") is None
    assert any("b.toml" in str(p) and "syntax error" in str(p) for p in problems)
    assert any("skipped" in str(p) for p in problems)
    assert ruleset.get("interview-before-hire") is not None  # the rest still load


def test_select_ignore_and_severity():
    rs, problems = load_rules(AdvisorSettings(select=("core",), ignore=("start-small",),
                                              severity={"shortlist-size": "risk"}))
    assert not problems
    assert "start-small" not in rs.ids and rs.get("shortlist-size").severity == "risk"
    rs, problems = load_rules(AdvisorSettings(select=("start-small",)))
    assert rs.ids == ["start-small"]
    rs, problems = load_rules(AdvisorSettings(ignore=("nope",)))
    assert "nope" in str(problems[0])


def test_settings_reach_the_rules():
    adv = AdvisorSettings(settings=dict(S, shortlist_max=8))
    rs, _ = load_rules(adv)
    assert "8" in str(rs.get("shortlist-size").expr)


def test_shipped_packs_are_valid():
    rs, problems = load_rules()
    assert not problems and len(rs) >= 7


def _staged(stages: str, about: str = "task") -> str:
    return GOOD.replace('about = "task"', f'about = "{about}"\nstages = {stages}\nsource = "Upwork: pay by milestone"')


def test_stages_guard_the_condition_and_source_is_kept():
    from advisor.rules.factschema import BUSINESS_KEY, neutral
    from advisor.rules.reference import matches

    _, rules, problems = parse_pack(_staged('["hiring", "posted"]'), "p.toml", S)
    assert not problems
    rule = rules[0]
    assert rule.stages == ("posted", "hiring")  # in lifecycle order
    assert rule.source == "Upwork: pay by milestone" and rule.file == "p.toml"
    assert rule.when == "task.budget > 1000"  # shown as written; the guard is separate

    def fires(**task) -> bool:
        t = neutral("task", task="t")
        t.update(task)
        return bool(matches([rule], {BUSINESS_KEY: neutral("business"), ("task", "t"): t}))

    assert fires(budget=2000, status="hiring") and fires(budget=2000, status="posted")
    assert not fires(budget=2000, status="done") and not fires(budget=2000, status="draft")
    assert not fires(budget=900, status="hiring")


@pytest.mark.parametrize("stages, words", [
    ('["hird"]', "did you mean 'hired'"),
    ("[]", "non-empty list"),
    ('["draft", "draft"]', "twice"),
    ('"hiring"', "non-empty list"),
])
def test_bad_stages_are_refused_with_the_line(stages, words):
    _, rules, problems = parse_pack(_staged(stages), "p.toml", S)
    assert not rules and len(problems) == 1
    assert words in str(problems[0]) and problems[0].line == 8 and problems[0].field == "stages"


def test_business_rules_have_no_stage():
    text = _staged('["hiring"]', about="business").replace("task.budget > 1000", "business.tasks > 1")
    text = text.replace("{task.title}: budget {task.budget:.0f}", "{business.name}").replace(
        "task = { budget = 2000 }", "business = { tasks = 2 }")
    _, rules, problems = parse_pack(text, "p.toml", S)
    assert not rules and "no task stage" in str(problems[0])


def test_money_spec_uses_the_business_currency():
    check_template("{task.budget:money}", "task", S)
    with pytest.raises(RuleError, match="only number fields"):
        check_template("{task.title:money}", "task", S)
    assert render("{task.budget:money}", {"business": {"currency": "INR"}, "task": {"budget": 5000}}, S) == "5,000 INR"
    assert render("{task.budget:money}", {"business": {"currency": "EUR"}, "task": {"budget": 45.5}}, S) == "€45.50"
