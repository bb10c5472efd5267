"""The advice built over a whole plan does work in proportion to the plan (issue 24): counted,
never timed. Each interview kit reads only its own findings; the ranking reads the rates once."""

from __future__ import annotations

from dataclasses import replace

from advisor.advice import kit, value
from advisor.advice.findings import Finding
from benchmarks.generate import make_plan


class Counted(Finding):
    """A finding that counts how often its task is read (every filter by task reads it)."""

    reads = 0

    def __getattribute__(self, name):
        if name == "task":
            Counted.reads += 1
        return super().__getattribute__(name)


def _findings(plan):
    out = []
    for t in plan.tasks:
        out.append(Counted("scope", "warning", "task", t.id, None, "Scope", "m", ask=("What is the scope?",)))
        for c in t.candidates:
            out.append(Counted("low-bid", "risk", "candidate", t.id, c.id, "Low bid", "m",
                               ask=(f"Why {c.name}'s price?", "What is included?")))
            out.append(Counted("no-ask", "info", "candidate", t.id, c.id, "Info", "m"))
    return out


def _shortlisted(plan):
    plan.tasks = [replace(t, status="hiring", candidates=[replace(c, status="shortlisted") if i % 2 == 0 else c
                                                          for i, c in enumerate(t.candidates)])
                  for t in plan.tasks]
    return plan


def test_the_kits_of_a_plan_read_each_finding_a_bounded_number_of_times():
    reads = {}
    for n in (300, 2400):
        plan = _shortlisted(make_plan(n, seed=3))
        findings = _findings(plan)
        Counted.reads = 0
        kits = kit.plan_kits(plan, findings)
        reads[n] = Counted.reads
        assert len(kits) >= n // 3
        # a kit per candidate that scanned every finding read them kits x findings times
        assert reads[n] <= 3 * len(findings), (n, reads[n], len(findings), len(kits))
        # the same questions as the kit of one candidate made alone
        for (tid, cid), questions in list(kits.items())[:: max(1, len(kits) // 20)]:
            assert questions == kit.interview_kit(plan, findings, tid, cid)
            assert questions[0].rule == "low-bid" and questions[-1].rule == "scope"
    assert reads[2400] <= 10 * reads[300]


def test_the_ranking_reads_the_rates_at_most_once():
    plan = make_plan(2000, seed=5)

    class Rates(list):
        walked = 0

        def __iter__(self):
            Rates.walked += 1
            return super().__iter__()

    plan.rates = Rates(plan.rates)
    ranked = value.plan_values(plan)
    assert Rates.walked <= 1  # before: once per task with live candidates (now: the bids' median)
    assert ranked == [v for t in plan.tasks for v in value.task_values(plan, t)]


class Walked(list):
    """A task's candidate list that counts the walks over it."""

    walks = 0

    def __iter__(self):
        Walked.walks += 1
        return super().__iter__()


def test_candidate_facts_walk_their_task_a_fixed_number_of_times():
    """Each candidate's fact compared itself with every other candidate of its task (its
    interview rank, whether someone is hired): n x n steps for a task of n candidates, 10^10 for
    one task at the plan limit. Now a fixed number of walks per task, whatever its size."""
    from advisor.rules.factcontext import context
    from advisor.rules.facts import task_facts

    walks = {}
    for n in (250, 2000):
        plan = make_plan(n, seed=4)
        everyone = [replace(c, status="hired" if i == n - 1 else c.status)
                    for i, c in enumerate(c for t in plan.tasks for c in t.candidates)]
        task = replace(plan.tasks[0], status="hiring", candidates=Walked(everyone))
        plan.tasks = [task]
        ctx = context(plan)
        Walked.walks = 0
        _, facts = task_facts(task, ctx)
        walks[n] = Walked.walks
        assert len(facts) == n
        assert not any(f["in_play"] for f in facts if f["status"] != "hired")  # someone is hired
        scored = sorted((f["interview_score"], f["interview_rank"]) for f in facts if "interview_rank" in f)
        assert scored and scored[-1][1] == 1 and all(
            rank == 1 + sum(1 for s, _ in scored if s > score) for score, rank in scored)
    assert walks[2000] == walks[250] <= 40, walks  # 20 here; n-fold before


def test_the_report_ranks_each_task_once(monkeypatch):
    """The report's candidates table and its interview kits share one ranking per task (they
    ranked every task twice); the kits are still listed best first."""
    from advisor.advice import report
    from advisor.advice.findings import build

    plan = _shortlisted(make_plan(300, seed=3))
    calls = []
    original = value.task_values

    def counted(plan, task, *args, **kw):
        calls.append(task.id)
        return original(plan, task, *args, **kw)

    monkeypatch.setattr(value, "task_values", counted)
    doc = report.build(plan, build(_findings(plan)))
    assert sorted(calls) == sorted(t.id for t in plan.tasks)
    for sec in doc.sections:
        task = plan.task(sec.task_id) if sec.task_id else None
        if task is None or not sec.kits:
            continue
        names = [v.name for v in original(plan, task) if v.candidate in
                 {c.id for c in task.candidates if c.status in ("shortlisted", "interviewed")}]
        assert [name for name, _ in sec.kits] == names
        assert [row[1] for row in sec.candidates] == [v.name for v in original(plan, task)]


class NoMemo(dict):
    """A memo that keeps nothing: every question worked out again, as before the memo."""

    def __setitem__(self, key, value):
        pass


def test_a_candidates_notes_are_read_once_per_evaluation(monkeypatch):
    """The task's facts ask whether each candidate is ruled out for several fields (to interview,
    interviewed and live, the offer, the live bids, choice ready) and the candidate's fact once
    more, and each question read the notes again (up to 6 reads a candidate). Now the answer is kept for
    the evaluation (``Context.memo``), and the facts are the same as without it."""
    from advisor.rules import judgements
    from advisor.rules.factcontext import context
    from advisor.rules.facts import task_facts

    plan = _shortlisted(make_plan(600, seed=6))
    notes = ["Send me your login and I'll fix it", "Let's talk on WhatsApp", "I guarantee first page", None]
    plan.tasks = [replace(t, candidates=[replace(c, notes=notes[i % 4]) for i, c in enumerate(t.candidates)])
                  for t in plan.tasks]
    reads = []
    words = judgements.candidate_words
    monkeypatch.setattr(judgements, "candidate_words", lambda c, phrases, task=None: reads.append(c.id) or words(c, phrases, task))
    ctx = context(plan)
    facts = [task_facts(t, ctx) for t in plan.tasks]
    n = sum(len(t.candidates) for t in plan.tasks)
    assert len(reads) == len(set(reads)) == n, (len(reads), n)  # before: up to 6 reads a candidate
    assert any(f["red_flag_drop"] for _, cfs in facts for f in cfs)
    reads.clear()
    assert [task_facts(t, replace(ctx, memo=NoMemo())) for t in plan.tasks] == facts
    assert len(reads) > 2 * n  # without the memo: asked again for each field


def test_the_next_steps_find_a_lines_task_without_walking_the_plan():
    """Each next-step line looked its task up by walking the plan's tasks (lines x tasks steps:
    ~1.1 M at 10,000 candidates); now the index is built on the first look-up. The first task
    with an id wins, as before."""
    from advisor.advice.steps import PlanIndex

    plan = make_plan(2400, seed=8)
    plan.tasks = Walked(plan.tasks + [replace(plan.tasks[0], title="a second task with the first id")])
    index = PlanIndex.of(plan)
    Walked.walks = 0
    for t in plan.tasks[:-1] * 3:
        assert index.task(t.id) is t
    assert index.task("no-such-task") is None and index.task(None) is None
    assert Walked.walks <= 2, Walked.walks  # one walk to build the index (plus the slice above)


def test_the_ranking_reads_each_candidates_notes_once(monkeypatch):
    """The Ranking of a task asked each candidate's notes for red flags in its exclusions, then
    again for the live bids, the reference median and the partial quotes (28,185 readings for
    7,215 candidates on the bench's plan at 10,000). Now the exclusions hand on what they read."""
    from advisor.rules import exclusion, judgements

    plan = _shortlisted(make_plan(600, seed=7))
    notes = ["order history not included", "I guarantee first page", "happy to help", None]
    plan.tasks = [replace(t, candidates=[replace(c, notes=notes[i % 4]) for i, c in enumerate(t.candidates)])
                  for t in plan.tasks]
    reads = []
    words = judgements.candidate_words
    counted = lambda c, phrases, task=None: reads.append(c.id) or words(c, phrases, task)  # noqa: E731
    for module in (judgements, exclusion, value):
        monkeypatch.setattr(module, "candidate_words", counted)
    values = value.plan_values(plan)
    ranked = {c.id for t in plan.tasks for c in value.live(t)}
    assert ranked and len(reads) == len(set(reads)) <= sum(len(t.candidates) for t in plan.tasks), len(reads)
    assert any(v.excluded for v in values) and any("quotes part of the job" in v.reason for v in values)


def test_the_rankings_median_leaves_out_partial_quotes_by_the_owners_phrases():
    """The live-bid median (``vs``) reads partial quotes with the phrase lists in effect, as the
    rules' ``task.price_median`` does (:func:`inplay.bid_median`), not with the built-in ones."""
    from advisor.phrases import candidate_matcher
    from advisor.rules.inplay import bid_median

    plan = make_plan(300, seed=2)
    task = max(plan.tasks, key=lambda t: sum(c.price(t) is not None for c in t.candidates))
    priced = [c for c in task.candidates if c.price(task) is not None and c.status != "rejected"]
    cheapest = min(priced, key=lambda c: c.price(task))
    cands = [replace(c, notes="plus a zork surcharge", status="applied") if c.id == cheapest.id
             else replace(c, notes=None) for c in task.candidates]
    task = replace(task, candidates=cands)
    plan.tasks = [task if t.id == task.id else t for t in plan.tasks]
    phrases = candidate_matcher({"phrases.extras": "zork surcharge"})
    median = bid_median(task, phrases)
    assert median is not None and median != bid_median(task, candidate_matcher(None))
    for v in value.task_values(plan, task, phrases=phrases):
        if v.vs_median is not None:
            price = next(c for c in task.candidates if c.id == v.candidate).price(task)
            assert abs(v.vs_median - (price / median - 1)) < 1e-9, v


def test_an_edit_asks_only_its_task_whether_its_choice_is_clear(monkeypatch):
    """The business fact (tasks undecided, a first-timer's order) asks every task whether its
    choice is clear (and whether someone is hired), each a walk of its candidates: an edit asked
    all of them again (about half of an edit's facts at 10,000 candidates). Now the answers are
    kept per task and an edit asks again only for the task it touched; the facts and findings
    are those of a fresh full evaluation."""
    import random
    from datetime import date

    from advisor.engine import Advisor, diff
    from advisor.rules import facts, judgements
    from advisor.rules.factschema import BUSINESS_KEY
    from advisor.rules.rulepack import load_rules
    from benchmarks.generate import random_edit

    asked = []
    clear = judgements.decision_clear
    for module in (judgements, facts, diff):
        monkeypatch.setattr(module, "decision_clear", lambda t: asked.append(t.id) or clear(t), raising=False)
    today = date(2026, 11, 25)
    rules, _ = load_rules()
    plan = make_plan(1200, seed=4)
    plan.business = replace(plan.business, completed_jobs=0)  # a first-timer: the order is worked out
    rng = random.Random(4)
    with Advisor(rules, today=today) as adv:
        adv.evaluate(plan)
        assert len(asked) >= 20  # the open tasks, in the full evaluation
        for i in range(30):
            if i % 3 == 2:  # someone hired on an open task: its answers change
                task = next(t for t in plan.tasks[i:] if t.status in ("posted", "hiring") and t.candidates)
                hired = replace(task, status="hired", candidates=[replace(task.candidates[0], status="hired"),
                                                                 *task.candidates[1:]])
                plan = replace(plan, tasks=[hired if t.id == task.id else t for t in plan.tasks])
                touched = {task.id}
            else:
                plan, touched, _ = random_edit(plan, rng)
            asked.clear()
            got = adv.update(plan, touched=touched)
            assert set(asked) <= touched and len(asked) <= 2 * len(touched), (i, len(asked))
        assert adv.facts()[BUSINESS_KEY] == facts.plan_facts(plan, today=today)[BUSINESS_KEY]
    with Advisor(rules, today=today) as fresh:
        assert got.keys() == fresh.evaluate(plan).keys()
