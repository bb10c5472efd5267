"""Realistic, repeatable workspaces of a given size for benchmarks and large-workspace tests.

``make_plan(10_000, seed=1)`` always returns the same plan: tasks of every size and status with
1 to 300 candidates each (most tasks get a handful, a few get hundreds, as on real marketplaces),
rate observations for every skill, interviews for the shortlisted, and a few hires.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from advisor.plan.model import (Business, Candidate, Interview, Marketplace, Plan, RateObservation, Task)

MARKETS = (("Upwork", 5.0, 0.0), ("Freelancer.com", 3.0, 3.0), ("Fiverr", 5.5, 2.5),
           ("Toptal", 0.0, 0.0), ("PeoplePerHour", 10.0, 0.0))
SKILLS = {
    "logo design": 35, "wordpress": 40, "copywriting": 30, "bookkeeping": 28, "seo": 38,
    "data entry": 12, "react": 55, "video editing": 32, "translation": 25, "virtual assistant": 15,
    "shopify": 45, "illustration": 33, "mobile app": 60, "photo editing": 18, "social media": 22,
}
COUNTRIES = (("PT", 0), ("US", -5), ("IN", 5.5), ("PH", 8), ("UA", 2), ("BR", -3), ("DE", 1),
             ("PK", 5), ("NG", 1), ("GB", 0), ("AR", -3), ("VN", 7))
TASK_STATUSES = ("draft", "posted", "hiring", "hiring", "hiring", "hired", "done", "cancelled")
CRITERIA = ("communication", "quality", "speed", "portfolio", "price")
FIRST = ("Ana", "Ben", "Chen", "Dora", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jun", "Kofi",
         "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tariq", "Uma", "Vera")


def _candidate_count(rng: random.Random) -> int:
    """1..300, heavy-tailed: most tasks get a few proposals, some get hundreds."""
    return max(1, min(300, int(rng.paretovariate(0.9) * 3)))


def make_plan(candidates: int, *, seed: int = 1, today: date = date(2026, 11, 25)) -> Plan:
    rng = random.Random(seed)
    plan = Plan(business=Business(name=f"Bench Co {candidates}", currency="USD",
                                  completed_jobs=rng.choice((0, 0, 1, 4))))
    plan.marketplaces = [Marketplace(n, p, f) for n, p, f in MARKETS]
    for skill, rate in SKILLS.items():
        for _ in range(rng.randint(0, 12)):
            plan.rates.append(RateObservation(
                skill=skill, hourly=round(rate * rng.uniform(0.5, 1.8), 2),
                marketplace=rng.choice(MARKETS)[0], date=today - timedelta(days=rng.randint(0, 90))))
    made = 0
    t = 0
    while made < candidates:
        t += 1
        skill = rng.choice(list(SKILLS))
        pricing = rng.choice(("fixed", "fixed", "hourly"))
        hours = float(rng.choice((4, 8, 10, 20, 40, 80, 160)))
        rate = SKILLS[skill] * rng.uniform(0.4, 1.5)
        task = Task(
            id=f"t{t}", title=f"{skill.title()} job {t}", size=rng.choice(("minor", "minor", "moderate", "major")),
            critical=rng.random() < 0.15, skills=[skill], pricing=pricing,
            budget=round(rate * hours if pricing == "fixed" else rate, 2), hours=hours,
            status=rng.choice(TASK_STATUSES), marketplaces=rng.sample([m[0] for m in MARKETS], rng.randint(1, 2)),
            deadline=today + timedelta(days=rng.randint(-5, 60)) if rng.random() < 0.7 else None,
            acceptance="Delivered files and two revision rounds" if rng.random() < 0.6 else "",
        )
        n = min(_candidate_count(rng), candidates - made)
        statuses = ["applied"] * n
        if task.status in ("hiring", "hired", "done"):
            for i in rng.sample(range(n), min(n, rng.randint(0, 7))):
                statuses[i] = rng.choice(("shortlisted", "interviewed", "rejected"))
            if task.status in ("hired", "done"):
                statuses[rng.randrange(n)] = "hired"
        for i in range(n):
            made += 1
            country, offset = rng.choice(COUNTRIES)
            hourly = round(SKILLS[skill] * rng.uniform(0.3, 2.0), 2)
            status = statuses[i]
            interview = None
            if status in ("interviewed", "hired") and rng.random() < 0.8:
                crit = rng.sample(CRITERIA, rng.randint(2, 4))
                interview = Interview(date=today - timedelta(days=rng.randint(0, 20)),
                                      scores={c: rng.randint(1, 5) for c in crit}, notes="call went fine")
            rated = rng.random() < 0.85
            task.candidates.append(Candidate(
                id=f"c{made}", name=f"{rng.choice(FIRST)} {chr(65 + rng.randrange(26))}.", task=task.id,
                marketplace=rng.choice(task.marketplaces), hourly=hourly,
                bid=round(hourly * hours * rng.uniform(0.7, 1.2), 2) if rng.random() < 0.8 else None,
                rating=round(rng.uniform(3.0, 5.0), 1) if rated else None,
                reviews=rng.randint(0, 400) if rated else 0, jobs=rng.randint(0, 600),
                job_success=float(rng.randint(50, 100)) if rng.random() < 0.8 else None,
                country=country, utc_offset=float(offset), status=status,
                reject_reason="over budget" if status == "rejected" else "", interview=interview,
            ))
        plan.tasks.append(task)
    return plan.validate()


EDIT_KINDS = ("candidate price", "candidate status", "task budget", "rate observation")


def random_edit(plan: Plan, rng: random.Random, kind: str | None = None,
                today: date = date(2026, 11, 25)) -> tuple[Plan, set[str], str]:
    """One random single edit, the way the app makes it: a new plan whose containers are copied
    and whose one changed record is replaced (records are never mutated in place). Returns
    (new plan, ids of the tasks the edit touched, kind). ``plan`` itself is left as it was."""
    kind = kind or rng.choice(EDIT_KINDS)
    tasks = list(plan.tasks)
    rates = plan.rates
    touched: set[str] = set()
    if kind == "rate observation":
        skill = rng.choice(list(SKILLS))
        rates = [*plan.rates, RateObservation(skill=skill, hourly=round(SKILLS[skill] * rng.uniform(0.5, 1.8), 2),
                                              marketplace=rng.choice(MARKETS)[0], date=today)]
    else:
        i = rng.randrange(len(tasks))
        task = tasks[i]
        if kind == "task budget" or not task.candidates:
            kind = "task budget"
            budget = round((task.budget or 100.0) * rng.uniform(0.5, 1.5), 2) or 1.0
            tasks[i] = replace(task, budget=budget)
        else:
            j = rng.randrange(len(task.candidates))
            c = task.candidates[j]
            if kind == "candidate price":
                if task.pricing == "fixed" and c.bid is not None:
                    c = replace(c, bid=round(c.bid * rng.uniform(0.6, 1.4), 2) or 1.0)
                else:
                    c = replace(c, hourly=round((c.hourly or 20.0) * rng.uniform(0.6, 1.4), 2) or 1.0)
            else:
                statuses = [s for s in ("applied", "shortlisted", "interviewed", "rejected") if s != c.status]
                status = rng.choice(statuses)
                c = replace(c, status=status, reject_reason="not a fit" if status == "rejected" else "")
            cands = list(task.candidates)
            cands[j] = c
            tasks[i] = replace(task, candidates=cands)
        touched.add(task.id)
    new = Plan(business=plan.business, marketplaces=list(plan.marketplaces), rates=list(rates), tasks=tasks,
               suppressions=list(plan.suppressions))
    return new, touched, kind


def with_candidate(plan: Plan, task_id: str, j: int, **changes) -> Plan:
    """One hand-made edit the way the app makes it: containers copied, the ``j``-th candidate of
    the task replaced with ``changes`` (the tests of the kept Ranking and decision use it)."""
    tasks = list(plan.tasks)
    i = next(k for k, t in enumerate(tasks) if t.id == task_id)
    cands = list(tasks[i].candidates)
    cands[j] = replace(cands[j], **changes)
    tasks[i] = replace(tasks[i], candidates=cands)
    return replace(plan, tasks=tasks)


def biggest_task(plan: Plan):
    """The task with the most candidates."""
    return max(plan.tasks, key=lambda t: len(t.candidates))


if __name__ == "__main__":  # pragma: no cover
    import sys

    from advisor.storage.planfile import dumps_plan

    sys.stdout.write(dumps_plan(make_plan(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)))
