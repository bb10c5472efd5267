"""The interview kit: rules' questions (``ask``), their validation, the kit of a candidate, and
where it shows (``check --format json``, the report)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from advisor.advice.findings import Finding
from advisor.advice.kit import MAX_QUESTIONS, interview_kit, plan_kits
from advisor.rules.rulepack import parse_pack
from advisor.settings import DEFAULT_RULE_SETTINGS

S = dict(DEFAULT_RULE_SETTINGS)

PACK = '''pack = "mine"

[[rules]]
id = "low-bid"
title = "Low bid"
severity = "warning"
about = "candidate"
when = "candidate.price < 100"
message = "{candidate.name} bids low."
why = "Because."
fix = "Ask."
ask = ["What is included at {candidate.price:money}?", "How many revisions?"]

[[rules.examples]]
fires = true
candidate = { price = 50 }
'''


def test_ask_is_parsed_and_rendered_like_the_message():
    from advisor.rules.rulepack import render

    _, rules, problems = parse_pack(PACK, "mine.toml", S)
    assert not problems
    assert rules[0].ask == ("What is included at {candidate.price:money}?", "How many revisions?")
    facts = {"business": {"currency": "USD"}, "candidate": {"price": 50.0}}
    assert render(rules[0].ask[0], facts, S) == "What is included at $50?"


@pytest.mark.parametrize("ask, field, words", [
    ('ask = "What is included?"', "ask", "must be a list of questions"),
    ('ask = ["ok?", 3]', "ask", "must be a list of questions"),
    ('ask = ["ok?", " "]', "ask[1]", "must be non-empty text"),
    ('ask = ["ok?", "' + "x" * 501 + '"]', "ask[1]", "the limit is 500"),
    ('ask = [' + ", ".join('"q%d?"' % i for i in range(9)) + ']', "ask", "9 questions; the limit is 8"),
    ('ask = ["{task.nope}?"]', "ask[0]", "task has no field 'nope'"),
    ('ask = ["{business.name.__class__}"]', "ask[0]", "not allowed"),
    ('ask = ["{settings.nope}"]', "ask[0]", "unknown setting"),
    ('asks = ["q?"]', "asks", "did you mean 'ask'"),
])
def test_ask_errors_name_file_line_and_field(ask, field, words):
    bad = PACK.replace('ask = ["What is included at {candidate.price:money}?", "How many revisions?"]', ask)
    _, rules, problems = parse_pack(bad, "mine.toml", S)
    assert not rules and len(problems) == 1
    e = problems[0]
    assert (e.file, e.line, e.field, e.rule) == ("mine.toml", 12, field, "low-bid"), str(e)
    assert words in str(e), str(e)


def _f(rule, severity, candidate, ask, *, task="logo", suppressed=False, kind="advice"):
    return Finding(rule=rule, severity=severity, about="candidate" if candidate else "task", task=task,
                   candidate=candidate, title=rule, message=rule, suppressed=suppressed, kind=kind,
                   ask=tuple(ask))


def test_kit_selects_orders_and_deduplicates(bakery):
    findings = [
        _f("task-info", "info", None, ["Info about the task?"]),
        _f("task-warn", "warning", None, ["Which hours, in our time zone, can you be reachable?"]),
        _f("cand-warn", "warning", "ben", ["What exactly is included at $150?",
                                           "which hours, in our  time zone, can you be REACHABLE?"]),
        _f("cand-risk", "risk", "ben", ["Why off the marketplace?"]),
        _f("other-cand", "risk", "ana", ["Asked of Ana only?"]),
        _f("other-task", "risk", None, ["About another task?"], task="site"),
        _f("acknowledged", "risk", "ben", ["Acknowledged?"], suppressed=True),
        _f("no-questions", "risk", "ben", []),
    ]
    kit = interview_kit(bakery, findings, "logo", "ben")
    assert [(q.rule, q.text) for q in kit] == [
        ("cand-risk", "Why off the marketplace?"),                     # most severe first
        ("cand-warn", "What exactly is included at $150?"),            # the candidate's own, then
        ("cand-warn", "which hours, in our  time zone, can you be REACHABLE?"),
        ("task-info", "Info about the task?"),                         # the task's (same question once)
    ]
    assert [q.severity for q in kit] == ["risk", "warning", "warning", "info"]
    assert interview_kit(bakery, None, "logo", "ben") == []


def test_kit_holds_at_most_eight_questions(bakery):
    findings = [_f(f"r{i}", "warning", "ben", [f"Question {i}?", f"Follow-up {i}?"]) for i in range(10)]
    kit = interview_kit(bakery, findings, "logo", "ben")
    assert len(kit) == MAX_QUESTIONS == 8
    assert [q.text for q in kit[:3]] == ["Question 0?", "Follow-up 0?", "Question 1?"]


def _evaluate(plan):
    from tests.plan_runner import advisor as shared_advisor

    # the process's shared advisor for the day (tests/plan_runner.py): a fresh engine session
    return shared_advisor(date(2026, 11, 25)).evaluate(plan)


def test_shipped_rules_ask_about_a_low_bid_and_a_low_score_but_not_of_a_proven_rehire(bakery):
    logo = bakery.task("logo")  # Dora back in play: a 4th live bid, so Ben's is far below a median
    bakery = replace(bakery, tasks=[replace(logo, candidates=[
        replace(c, status="applied") if c.status == "rejected" else c for c in logo.candidates])
        if t.id == "logo" else t for t in bakery.tasks])
    kit = interview_kit(bakery, _evaluate(bakery), "logo", "ben")
    rules = [q.rule for q in kit]
    assert "low-job-success" in rules and "bid-far-below-median" in rules
    assert any("brought your score down" in q.text for q in kit)
    assert any(q.text == "What exactly is included at $150; how many revisions?" for q in kit)

    logo = bakery.task("logo")
    proven = replace(bakery, tasks=[replace(logo, candidates=[
        replace(c, past_jobs_with_us=2) if c.id == "ben" else c for c in logo.candidates])
        if t.id == "logo" else t for t in bakery.tasks])
    kit = interview_kit(proven, _evaluate(proven), "logo", "ben")
    assert not any("brought your score down" in q.text for q in kit)
    assert "low-job-success" not in {q.rule for q in kit}
    assert "rehire-proven" in {q.rule for q in kit}  # asked what changed since the last job instead


def test_shipped_rules_ask_about_data_and_rights_when_the_task_has_them(bakery):
    logo = bakery.task("logo")
    risky = replace(bakery, tasks=[replace(logo, sensitive_data=True, creates_ip=True)
                                   if t.id == "logo" else t for t in bakery.tasks])
    texts = [q.text for q in interview_kit(risky, _evaluate(risky), "logo", "ben")]
    assert "How will you store, and delete, our customer data when the job ends?" in texts
    assert "Will you use any third-party or pre-existing code or assets, and under which licences?" in texts
    assert texts.index("How will you store, and delete, our customer data when the job ends?") == 0  # a risk


def test_check_json_gives_questions_per_candidate(tmp_path, bakery, capsys):
    from advisor.cli import main
    from advisor.storage.planfile import dumps_plan

    plan = tmp_path / "plan.toml"
    plan.write_text(dumps_plan(bakery), encoding="utf-8")
    main(["check", "--plan", str(plan), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    by_id = {c["candidate"]: c for c in doc["candidates"]}
    # the keys scripts rely on are kept; questions are added
    assert {"task", "candidate", "all_in_cost", "rank", "reason", "questions"} <= set(by_id["ben"])
    ben = by_id["ben"]["questions"]
    assert ben and all(set(q) == {"rule", "question"} for q in ben)
    assert {"rule": "low-job-success", "question": "What happened on the job that brought your score down, "
            "and what would you do differently now?"} in ben
    assert by_id["chen"]["questions"] == []  # applied, not yet on the shortlist: no kit
    kits = plan_kits(bakery, _evaluate(bakery))
    assert [q.to_json() for q in kits[("logo", "ben")]] == ben


def test_report_lists_the_kit_per_shortlisted_candidate(bakery):
    from advisor.advice.report import render

    findings = _evaluate(bakery)
    md = render(bakery, findings, "md")
    assert "### Interview questions for Ben K." in md
    assert "### Interview questions for Chen L." not in md  # applied only
    after = md.split("### Interview questions for Ben K.", 1)[1]
    # his $150 is under 60% of both other live bids: the kit asks what it covers, then his record
    assert after.lstrip().startswith("- What exactly is included at $150")
    assert "- What happened on the job that brought your score down" in after
    page = render(bakery, findings, "html")
    assert "<h3>Interview questions for Ben K.</h3>" in page
    assert "<li>What happened on the job that brought your score down" in page


def test_report_escapes_questions_that_quote_user_text(bakery):
    from advisor.advice.report import render

    evil = "<img src=x onerror=alert(1)>"
    logo = bakery.task("logo")
    plan = replace(bakery, tasks=[replace(logo, title=evil) if t.id == "logo" else t for t in bakery.tasks])
    findings = [_f("r", "warning", "ben", [f"Work like {evil}?"])]
    from advisor.advice.findings import build

    page = render(plan, build(findings), "html")
    assert "<img" not in page and "Work like &lt;img src=x onerror=alert(1)&gt;?" in page
