"""advisor.advice.steps: the order, folding and next steps that `check` and the app both show."""

from __future__ import annotations

from contextlib import nullcontext

from advisor.advice.steps import (FOLD_AT, NEXT_STEPS, PlanIndex, arrange, first_sentence, name_list,
                            next_step_for, next_steps)
from advisor.advice.findings import Finding
from advisor.plan.model import Candidate, Plan, Task


def plan_with(*tasks: tuple[str, int, bool]) -> Plan:
    """Tasks (id, number of candidates, critical); candidate ids are <task>-<n>, names N<n>."""
    plan = Plan()
    for tid, n, critical in tasks:
        t = Task(id=tid, title=tid.title(), critical=critical, status="hiring")
        t.candidates = [Candidate(id=f"{tid}-{i}", name=f"Name{i}", task=tid) for i in range(n)]
        plan.tasks.append(t)
    return plan


def f(rule: str, severity: str, task: str | None = None, candidate: str | None = None, *,
      suppressed: bool = False, fix: str = "") -> Finding:
    about = "candidate" if candidate else ("task" if task else "business")
    return Finding(rule=rule, severity=severity, about=about, task=task, candidate=candidate,
                   title=f"Title of {rule}", message=f"{rule} on {candidate or task or 'business'}",
                   fix=fix, suppressed=suppressed)


def test_risks_first_across_tasks_and_business_info_last():
    plan = plan_with(("a", 0, False), ("b", 0, False))
    index = PlanIndex.of(plan)
    found = [f("biz-info", "info"), f("biz-risk", "risk"), f("a-info", "info", "a"),
             f("a-warn", "warning", "a"), f("b-risk", "risk", "b")]
    order = [ln.rule for ln in arrange(found, index)]
    assert order == ["b-risk", "biz-risk", "a-warn", "a-info", "biz-info"]


def test_tasks_follow_plan_order_and_acknowledged_come_last():
    plan = plan_with(("zeta", 0, False), ("alpha", 0, False))
    index = PlanIndex.of(plan)
    found = [f("r", "warning", "alpha"), f("r", "warning", "zeta"), f("q", "risk", "zeta", suppressed=True)]
    lines = arrange(found, index)
    assert [(ln.task, ln.suppressed) for ln in lines] == [("zeta", False), ("alpha", False), ("zeta", True)]


def test_three_candidates_fold_two_do_not():
    plan = plan_with(("a", 3, False), ("b", 2, False))
    index = PlanIndex.of(plan)
    found = [f("low-bid", "warning", "a", f"a-{i}", fix=f"Ask Name{i} to confirm.") for i in range(3)]
    found += [f("low-bid", "warning", "b", f"b-{i}") for i in range(2)]
    lines = arrange(found, index)
    assert FOLD_AT == 3
    assert len(lines) == 3
    folded = lines[0]
    assert folded.folded and folded.task == "a" and folded.candidate is None
    assert folded.message == "Title of low-bid: Name0, Name1 and Name2"
    assert folded.fix == "Ask Name0, Name1 and Name2 to confirm."
    assert [ln.folded for ln in lines[1:]] == [False, False]
    assert [ln.candidate for ln in lines[1:]] == ["b-0", "b-1"]
    # standing for the whole line: about the task, so acknowledging it covers every candidate
    whole = folded.as_finding()
    assert whole.candidate is None and whole.task == "a" and whole.message == folded.message


def test_folding_keeps_rules_and_acknowledged_apart():
    plan = plan_with(("a", 4, False))
    index = PlanIndex.of(plan)
    found = [f("x", "warning", "a", "a-0"), f("x", "warning", "a", "a-1"), f("y", "warning", "a", "a-2"),
             f("x", "warning", "a", "a-3", suppressed=True)]
    assert not any(ln.folded for ln in arrange(found, index))


def test_name_list():
    assert name_list([]) == ""
    assert name_list(["Ana"]) == "Ana"
    assert name_list(["Ana", "Chen"]) == "Ana and Chen"
    assert name_list(["Ana", "Chen", "Li"]) == "Ana, Chen and Li"
    assert name_list(["Ana", "Chen", "Li", "Mo", "Jo", "Su", "Al"]) == "Ana, Chen and 5 more"


def test_next_steps_most_severe_most_specific_one_per_task():
    plan = plan_with(("a", 1, False), ("b", 1, False), ("c", 0, True), ("d", 0, False))
    index = PlanIndex.of(plan)
    found = [
        f("a-task", "warning", "a", fix="Fix the task a."),
        f("a-cand", "warning", "a", "a-0", fix="Talk to Name0 first. Then decide."),
        f("b-risk", "risk", "b", fix="Do b now."),
        f("b-cand", "warning", "b", "b-0", fix="Not this one."),
        f("c-warn", "warning", "c", fix="Critical c."),
        f("d-warn", "warning", "d", fix="Plain d."),
        f("biz", "risk", fix="Business first? No: a task risk is as severe and more specific."),
        f("acked", "risk", "d", suppressed=True, fix="Never: acknowledged."),
    ]
    steps = next_steps(arrange(found, index), index)
    assert len(steps) == NEXT_STEPS == 3
    # risks first (the task's before the business's), then the candidate-level warning of a
    assert [s.line.rule for s in steps] == ["b-risk", "biz", "a-cand"]
    assert steps[2].action == "Talk to Name0 first."  # the fix's first sentence
    assert len({s.task for s in steps}) == 3
    # without the risks, a critical task's warning comes before an ordinary task's
    rest = [x for x in found if x.severity != "risk" and x.task in ("c", "d")]
    assert [s.line.rule for s in next_steps(arrange(rest, index), index)] == ["c-warn", "d-warn"]


def test_next_step_for_a_task_and_none_without_open_advice():
    plan = plan_with(("a", 3, False), ("b", 0, False))
    index = PlanIndex.of(plan)
    found = [f("low", "warning", "a", f"a-{i}", fix=f"Interview Name{i}.") for i in range(3)]
    found.append(f("done", "risk", "b", suppressed=True, fix="x"))
    lines = arrange(found, index)
    step = next_step_for(lines, "a", index)
    assert step is not None and step.action == "Interview Name0, Name1 and Name2."
    assert next_step_for(lines, "b", index) is None
    # a fix that names nobody is led by the names, so the step says whom it is about
    quiet = [f("low", "warning", "a", f"a-{i}", fix="Ask about the bad reviews. Then decide.") for i in range(2)]
    step = next_step_for(arrange(quiet, index), "a", index)
    assert step is not None and step.action == "Name0: Ask about the bad reviews."


def test_first_sentence():
    assert first_sentence("Shortlist 1-3 more (2 so far). Then interview.") == "Shortlist 1-3 more (2 so far)."
    assert first_sentence("Split it, e.g. design, build. Fund them.") == "Split it, e.g. design, build."
    assert first_sentence("  One   line  ") == "One line"
    assert first_sentence("") == ""


def test_first_sentence_keeps_abbreviations_and_brackets():
    """A next step made from a fix was cut at "for how long (e.g." (grading v11, ugc-videos): an
    abbreviation's full stop, or one inside brackets, does not end the sentence."""
    fix = ("Agree in writing where the content may run, for how long (e.g. 12 months of paid use), "
           "and the fee for each. Record it.")
    assert first_sentence(fix) == fix[:-len(" Record it.")]
    assert first_sentence("Check the ID, licence etc. Then sign.") == "Check the ID, licence etc. Then sign."
    assert first_sentence("Ask for a sample (about 10 rows. Then decide). Pay it.") == \
        "Ask for a sample (about 10 rows. Then decide)."
    assert first_sentence("Call J. Smith today. Then decide.") == "Call J. Smith today."
    assert first_sentence("Stop! Then go.") == "Stop!"


def test_a_seed_tip_leads_the_next_step_over_the_practice_around_it():
    """Within one severity the ruleset's order ranks: the core pack (the seed's tips, in order)
    before the practice pack, whatever the rule ids' alphabetical order."""
    from types import SimpleNamespace

    plan = plan_with(("site", 1, False))
    rules = [SimpleNamespace(id=r) for r in ("start-small", "shortlist-size", "fixed-price-needs-acceptance",
                                             "bid-far-below-median")]
    found = [f("fixed-price-needs-acceptance", "warning", "site", fix="Write the acceptance."),
             f("bid-far-below-median", "warning", "site", "site-0", fix="Ask Name0."),
             f("start-small", "warning", "site", fix="Post a minor task first.")]
    index = PlanIndex.of(plan, rules=rules)
    lines = arrange(found, index)
    step = next_step_for(lines, "site", index)
    # a shipped rule's step is its own short action (advisor.advice.phrasing), not its fix again
    assert step.line.rule == "start-small" and step.action.startswith("Begin with a paid first piece")
    assert [ln.rule for ln in lines] == ["start-small", "fixed-price-needs-acceptance", "bid-far-below-median"]
    # without the ruleset (a caller that has none) the order is still total and stable
    plain_index = PlanIndex.of(plan)
    assert next_step_for(arrange(found, plain_index), "site", plain_index) is not None


def test_next_steps_never_say_the_same_sentence_twice():
    """Two tasks whose top advice reads the same (a first-timer's "Post a minor task first" on
    two big tasks) give one step; the next slot goes to a different action."""
    plan = plan_with(("a", 0, False), ("b", 0, False), ("c", 0, False))
    index = PlanIndex.of(plan)
    found = [f("same", "warning", "a", fix="Post a minor task first."),
             f("same", "warning", "b", fix="Post a minor task first."),
             f("other", "warning", "b", fix="Something else for b."),
             f("third", "warning", "c", fix="Do c.")]
    steps = next_steps(arrange(found, index), index)
    assert [s.action for s in steps] == ["Post a minor task first.", "Something else for b.", "Do c."]
    assert len({s.action for s in steps}) == len(steps)


PLAN_TOML = '''format = 1
[business]
name = "Studio"
currency = "CAD"
[[marketplaces]]
name = "Upwork"
fee_percent = 5.0
fee_fixed = 0.0
[[tasks]]
id = "grant"
title = "Grant"
size = "moderate"
pricing = "fixed"
budget = 2400.0
hours = 30.0
status = "hiring"
deadline = 2026-12-12
[[tasks.candidates]]
id = "layla"
name = "Layla"
marketplace = "Upwork"
bid = 2300.0
status = "interviewed"
[tasks.candidates.interview]
scores = { samples = 5, knowledge = 5, communication = 4 }
[[tasks.candidates]]
id = "ivy"
name = "Ivy"
marketplace = "Upwork"
bid = 1000.0
status = "interviewed"
trial = "failed"
[tasks.candidates.interview]
scores = { samples = 5, knowledge = 5, communication = 5 }
'''


def _plan(tmp_path, text=PLAN_TOML):
    from advisor.storage.planfile import load_plan

    p = tmp_path / "plan.toml"
    p.write_text(text)
    return load_plan(p)


def test_decision_hires_the_front_runner_today_with_fees_and_drops_a_failed_trial(tmp_path):
    from datetime import date

    from advisor.advice.decide import decide

    plan = _plan(tmp_path)
    dec = decide(plan, plan.tasks[0], date(2026, 12, 7))
    # Ivy scored higher but failed the paid trial: not a real option, named to drop
    assert dec.text == "Hire Layla today (2,415 CAD with fees, 0.6% over the budget)"
    assert [(n, why) for _, n, why in dec.drops] == [("Ivy", "failed the paid trial")]
    # a month ahead: no "today"
    assert decide(plan, plan.tasks[0], date(2026, 11, 1)).text == "Hire Layla (2,415 CAD with fees, 0.6% over the budget)"


def test_decision_rehires_someone_proven_directly(tmp_path):
    from datetime import date

    from advisor.advice.decide import decide

    plan = _plan(tmp_path, PLAN_TOML.replace('trial = "failed"', 'past_jobs_with_us = 4').replace(
        'bid = 1000.0', 'bid = 2200.0'))
    dec = decide(plan, plan.tasks[0], date(2026, 11, 1))
    assert dec.text == "Rehire Ivy (2,310 CAD with fees) now: 4 jobs done for you and interviewed"
    assert dec.drops == ()
    # over the budget with fees by more than 5%: no rehire decided for the owner
    dear = _plan(tmp_path, PLAN_TOML.replace('trial = "failed"', 'past_jobs_with_us = 4').replace(
        'bid = 1000.0', 'bid = 2600.0'))
    assert not decide(dear, dear.tasks[0], date(2026, 11, 1)).text.startswith("Rehire")


def test_no_next_step_repeats_the_fix_of_a_finding_shown_below(bakery):
    from datetime import date

    from tests.plan_runner import advisor as shared_advisor, ruleset as builtin_rules

    ruleset = builtin_rules()
    with nullcontext(shared_advisor(date(2026, 11, 25))) as a:  # tests/plan_runner.py: a fresh session
        found = a.evaluate(bakery)
    index = PlanIndex.of(bakery, rules=ruleset, today=date(2026, 11, 25))
    lines = arrange(found, index)
    steps = next_steps(lines, index)
    assert len(steps) == 2  # the rest is on parked tasks, or an info tip (never a step)
    assert all(s.line.severity != "info" for s in steps)
    shown = {first_sentence(ln.fix) for ln in lines} | {first_sentence(ln.message) for ln in lines}
    assert not any(s.action in shown for s in steps)
    assert len({s.action for s in steps}) == 2


def _steps(plan, today):
    from tests.plan_runner import advisor as shared_advisor, ruleset as builtin_rules

    ruleset = builtin_rules()
    with nullcontext(shared_advisor(today)) as a:  # tests/plan_runner.py: a fresh session
        found = a.evaluate(plan)
    index = PlanIndex.of(plan, rules=ruleset, today=today)
    lines = arrange(found, index)
    return lines, next_steps(lines, index)


def test_a_hired_person_asking_to_be_paid_off_the_platform_is_kept_on_it_not_dropped(tmp_path):
    from datetime import date

    text = PLAN_TOML.replace('status = "hiring"', 'status = "hired"').replace(
        'bid = 2300.0\nstatus = "interviewed"', 'bid = 2300.0\nstatus = "hired"\noff_platform = true')
    plan = _plan(tmp_path, text)
    assert plan.tasks[0].candidates[0].status == "hired"
    lines, steps = _steps(plan, date(2026, 11, 1))
    actions = [s.action for s in steps]
    assert "Refuse to pay Layla off the platform; keep every payment on Upwork (milestones)" in actions
    assert not any("Drop Layla" in a or "drop Layla" in a for a in actions)
    # not hired yet: the same request rules them out
    plan = _plan(tmp_path, PLAN_TOML.replace('bid = 2300.0\nstatus = "interviewed"',
                                             'bid = 2300.0\nstatus = "interviewed"\noff_platform = true'))
    _, steps = _steps(plan, date(2026, 11, 1))
    assert any("Layla (asked to move off the marketplace)" in s.action or "Drop Layla" in s.action for s in steps)


def test_no_call_for_more_candidates_when_the_deadline_is_near_and_someone_fits(tmp_path):
    """shortlist-size rests (task.choice_ready) 3 weeks or less before the deadline with someone
    in the running inside the budget with fees."""
    from datetime import date

    from advisor.rules.facts import plan_facts

    plain = PLAN_TOML.replace("scores = { samples = 5, knowledge = 5, communication = 4 }",
                              "scores = { samples = 3, knowledge = 3, communication = 3 }")
    plan = _plan(tmp_path, plain)
    ready = lambda today: plan_facts(plan, {}, today)[("task", "grant")]["choice_ready"]  # noqa: E731
    assert ready(date(2026, 12, 1))  # 11 days left, Layla fits (Ivy failed her trial: not counted)
    assert not ready(date(2026, 10, 1))  # 10 weeks left: look wider
    plan = _plan(tmp_path, plain.replace("bid = 2300.0", "bid = 3300.0"))
    assert not ready(date(2026, 12, 1))  # nobody in the running fits the budget
    more = {"shortlist-size", "invite-more-candidates"}  # nobody left at applied: invite more
    lines, _ = _steps(_plan(tmp_path, plain), date(2026, 12, 1))
    assert not more & {ln.rule for ln in lines}
    lines, _ = _steps(_plan(tmp_path, plain), date(2026, 10, 1))
    assert "invite-more-candidates" in {ln.rule for ln in lines}


def test_a_small_draft_task_and_bookkeeping_never_push_out_the_advice_on_a_task_being_hired_for():
    plan = plan_with(("a", 2, False), ("form", 0, False))
    plan.task("form").status = "draft"
    index = PlanIndex.of(plan)
    found = [
        f("research-going-rate", "warning", "form", fix="Get quotes for the form."),
        f("budget-below-market", "warning", "a", fix="Raise the budget of a."),
        f("status-out-of-step", "warning", "a", fix="Correct the status."),
        f("thin-going-rate", "info", "a", fix="Check a second marketplace."),
        f("interview-the-shortlist", "warning", "a", "a-0", fix="Talk to Name0."),
    ]
    steps = next_steps(arrange(found, index), index)
    # the hiring task's warnings first (its budget, the terms every offer rests on, before whom
    # to talk to), the draft form's after them; bookkeeping never a step
    assert [(s.task, s.line.rule) for s in steps] == [
        ("a", "budget-below-market"), ("a", "interview-the-shortlist"), ("form", "research-going-rate")]
    # posted, the form's advice takes its own place in the first round (one step per task)
    plan.task("form").status = "posted"
    steps = next_steps(arrange(found, index), index)
    assert [s.task for s in steps] == ["a", "form", "a"]
