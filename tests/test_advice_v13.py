"""Grading v13 fixes 1-3 (docs/advice-review.md, "Round 15"): data danger read in any language
(the candidate's and the owner's own words) rules a candidate out of the Ranking on sensitive
work; the Ranking agrees with the Next steps; a critical draft on sensitive data and critical
work resting on one person get their planning advice before the hire. Plans in
tests/data/plans/v13/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.advice.steps import PlanIndex, arrange, next_steps
from advisor.advice.value import task_values
from advisor.commands.check import ranking_lines
from advisor.phrases import MAX_PHRASE_WORDS, PhraseMatcher, check_phrase, matcher
from advisor.storage.planfile import load_plan
from tests.plan_runner import advisor as shared_advisor, ruleset as builtin_rules

PLANS = Path(__file__).resolve().parent / "data" / "plans" / "v13"
TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def run():
    ruleset = builtin_rules()  # loaded once per process; a problem in them fails here
    a = shared_advisor(TODAY)  # tests/plan_runner.py: a fresh engine session per plan
    def go(name: str):
        plan = load_plan(PLANS / f"{name}.toml")
        found = list(a.evaluate(plan))
        index = PlanIndex.of(plan, rules=ruleset, today=TODAY)
        steps = [(s.task, s.action) for s in next_steps(arrange(found, index), index)]
        return plan, found, steps
    return go


def _rules(found, task=None, candidate=None):
    return {f.rule for f in found if (task is None or f.task == task) and (candidate is None or f.candidate == candidate)}


def test_a_candidate_asking_for_government_and_bank_passwords_in_turkish_is_ruled_out(run):
    plan, found, steps = run("data_danger")
    assert {"credentials-request", "data-to-online-tool"} <= _rules(found, "payroll", "burak")
    said = next(f.message for f in found if f.rule == "credentials-request" and f.candidate == "burak")
    assert "e-Devlet şifrenizi" in said and "internet şubesi şifrenizi" in said
    excluded = {v.candidate: v.excluded for v in task_values(plan, plan.tasks[0]) if v.excluded}
    assert "asks for your own logins" in excluded["burak"]


def test_putting_data_into_a_chatbot_in_any_grammar_is_a_risk_on_sensitive_work(run):
    plan, found, _ = run("data_danger")
    # "por ChatGPT" (Spanish), "ChatGPT'ye yükleyip" (Turkish): the bot's name, whatever the grammar
    assert "data-to-online-tool" in _rules(found, "payroll", "andres")
    assert "data-to-online-tool" in _rules(found, "payroll", "burak")
    # "I never put client data into ChatGPT": the negation covers the whole clause
    assert "data-to-online-tool" not in _rules(found, "payroll", "elif")
    excluded = {v.candidate for v in task_values(plan, plan.tasks[0]) if v.excluded}
    assert excluded == {"burak", "andres"}


def test_the_owners_own_plan_to_share_logins_is_a_risk(run):
    plan, found, steps = run("data_danger")
    shop = [f for f in found if f.task == "shop" and f.rule == "own-login-in-plan"]
    assert len(shop) == 1 and '"our Shopify password"' in shop[0].message
    # on a critical draft on personal data it is the first thing to plan, with the NDA and handover
    draft = [f for f in found if f.task == "reminders" and f.rule in ("own-login-in-plan", "plan-sensitive-work")]
    assert [f.rule for f in draft] == ["plan-sensitive-work"] and draft[0].severity == "risk"
    msg = draft[0].message
    assert '"my own Dentally login"' in msg and "NDA" in msg and "handover" in msg
    assert msg.index("Dentally login") < msg.index("NDA")
    assert any(t == "reminders" and a.startswith("Before anyone applies, plan a login of the freelancer's own")
               for t, a in steps)


def test_a_quote_for_part_of_the_job_is_not_comparable_in_the_ranking(run):
    plan, _, _ = run("data_danger")
    line = next(x for x in ranking_lines(plan) if x.startswith("Move the payroll"))
    assert "#1 Elif" in line
    # the quote says what the price leaves out (round 15b), not only "not included"
    assert 'not comparable: Rohit ("Reconciliation of the SGK totals is not included")' in line
    assert "then Rohit" not in line


def test_the_ranking_puts_the_next_steps_pick_first_over_a_cheaper_unvetted_bid(run):
    plan, found, steps = run("live_desk")
    desk = plan.tasks[0]
    values = task_values(plan, desk)
    assert values[0].candidate == "kristine"
    carl = next(v for v in values if v.candidate == "cheap")
    assert carl.score > values[0].score  # by score alone the cheaper record would be #1
    assert any(t == "desk" and "Kristine" in a and "trial" in a for t, a in steps)
    # the trial planned is the evidence on its way: no "no reviews on record" line about her
    assert "critical-task-unreviewed" not in _rules(found, "desk", "kristine")


def test_a_critical_desk_answered_live_by_one_person_needs_a_handover_a_call_campaign_does_not(run):
    plan, found, _ = run("live_desk")
    desk = [f for f in found if f.task == "desk" and f.rule == "offer-handover"]
    assert len(desk) == 1 and "ill or offline" in desk[0].message
    assert "offer-handover" not in _rules(found, "recall")


def test_hours_that_fill_the_weeks_to_the_deadline_are_a_handover_gap(run):
    _, found, _ = run("data_danger")
    gap = [f for f in found if f.task == "payroll" and f.rule == "offer-handover"]
    assert len(gap) == 1 and "60 hours at 20 a week fill the 21 days" in gap[0].message


def test_a_small_job_gets_no_research_or_acceptance_nudges(run):
    plan, found, _ = run("data_danger")  # "shop": minor, not critical, 4 hours
    assert not {"research-going-rate", "fixed-price-needs-acceptance"} & _rules(found, "shop")


def test_a_star_in_a_phrase_takes_exactly_one_word_and_the_scan_stays_linear():
    m = PhraseMatcher({"own_credentials": ["my * login"]})
    assert m.find("give them my Shopify login").categories == ("own_credentials",)
    assert m.find("give them my login").categories == ()
    assert m.find("my old Shopify login").categories == ()
    assert m.find("never share my Shopify login").categories == ()  # a negation
    small, big = "my shop login and more words. " * 50, "my shop login and more words. " * 400
    m.steps = 0
    m.find(small)
    one = m.steps
    m.steps = 0
    m.find(big)
    assert m.steps <= 8 * one * 2  # 8x the text, about 8x the steps: linear
    assert check_phrase("our * password", "x") == "our * password"
    with pytest.raises(ValueError):
        check_phrase("*", "x")
    with pytest.raises(ValueError):
        check_phrase(" ".join(["a *"] * (MAX_PHRASE_WORDS // 2 + 1)), "x")


def test_builtin_lists_read_credentials_in_more_languages():
    m = matcher()
    for text in ("Mandami la tua password", "Stuur me het wachtwoord", "kirim kata sandi anda",
                 "gửi mật khẩu", "send me your HMRC login"):
        assert "credentials" in m.find(text).categories, text
    assert m.find("I have a certificate in banking").categories == ()
