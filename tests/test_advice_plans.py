"""Every plan in examples/ and tests/data/plans/ through the advisor, compared with reviewed
snapshots of its findings (tests/data/plans/expected/NAME.json: rule, severity, task, candidate,
message and fix of each finding).

``tests/data/plans/blind/`` holds the plans of the blind advice reviews (docs/advice-review.md):
written by a reviewer who had not read the rules, with what a seasoned buyer must and must not be
told (``blind/labels/``, written before any output), checked on the day they were written
(2026-12-06); their snapshots are in ``expected/blind/``. ``blind-v3/`` holds the third review's
plans (a new reviewer, 2026-12-07); its snapshots also keep the Next steps, in order, since the
steps now decide (hire, rehire, drop) rather than repeat a fix. ``blind-v5/`` holds the fifth
review's plans (session 7), graded v10 and v11 in docs/advice-review.md; snapshotted the same way,
as are ``blind-v6/`` (sixth review, graded v12), ``blind-v7/`` (seventh review, graded v13) and ``blind-v8/`` (eighth
review, graded v14 before rounds 14-15 and v15 after), ``blind-v9/`` (ninth review, graded v16),
``blind-v10/`` (tenth review, graded v17), ``blind-v11/`` (eleventh review, graded v18 before
and after round 18), ``blind-v12/`` (twelfth review, graded v19 before and after round 20), ``blind-v13/`` (a thirteenth,
shorter review of 8 plans, graded v20 after round 21A), ``blind-v14/`` (fourteenth review, graded
v21 before and after round 22), ``blind-v15/`` (fifteenth review, graded v22 before and after
round 23), ``blind-v16/`` (sixteenth review, graded v23 before and after round 25), ``blind-v17/``
(seventeenth review, graded v24 at the session's start and after round 26), ``blind-v18/``
(eighteenth review, graded v25 at the session's start; round 28 answers it), ``blind-v19/``
(nineteenth review, graded v26 before and after round 28; round 29 answers it), ``blind-v20/``
(twentieth review, graded v27 at the session's start and after round 29), ``blind-v21/``
(twenty-first review, graded v28 at the session's start and after round 29's lead fixes), ``blind-v22/``
(twenty-second review, graded v29 at the session's start and at the session's end), ``blind-v23/``
(twenty-third review, graded v30 at the session's start and end), ``blind-v24/`` (twenty-fourth
review, written on 2026-12-08 and graded v31 at round 30; the session's fixes after it answer it),
``blind-v25/`` (twenty-fifth review, 8 plans written on 2026-12-08, graded v32 at 67eb9a6).

The snapshots are the advice an owner gets, read finding by finding when they were written: true
at the task's stage, naming the person, the amount with its currency and the next step, said
once. Regenerate after a deliberate change with ``UPDATE_PLAN_SNAPSHOTS=1`` and read the diff
before committing it. The text layout of ``check`` is not part of the snapshot (it changes on
its own); the findings are.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from advisor.storage.planfile import load_plan
from tests.plan_runner import advisor as shared_advisor

ROOT = Path(__file__).resolve().parent.parent
PLANS_DIR = ROOT / "tests" / "data" / "plans"
EXPECTED = PLANS_DIR / "expected"
PLANS = sorted(ROOT.glob("examples/*.toml")) + sorted(PLANS_DIR.glob("*.toml"))
BLIND = sorted((PLANS_DIR / "blind").glob("*.toml"))
TODAY = date(2026, 11, 25)
BLIND_TODAY = date(2026, 12, 6)
BLIND_V3 = sorted((PLANS_DIR / "blind-v3").glob("*.toml"))
BLIND_V3_TODAY = date(2026, 12, 7)
#: The later reviews' plans (``blind-v3`` .. ``blind-v25``), judged on 2026-12-07 (a review written on
#: another day: :data:`REVIEW_DAYS`), each with its labels in ``labels/``: one folder per review, found
#: by name (a new review is a new folder).
REVIEWS = sorted((d for d in PLANS_DIR.glob("blind-v*") if d.is_dir()), key=lambda d: int(d.name.rsplit("v", 1)[1]))
REVIEWED = [(d.name, p) for d in REVIEWS for p in sorted(d.glob("*.toml"))]
#: Reviews whose plans are dated from another day than 2026-12-07 ("today" in their labels).
REVIEW_DAYS = {name: date(2026, 12, 8) for name in ("blind-v24", "blind-v25", "blind-v26", "blind-v27", "blind-v28", "blind-v29", "blind-v30", "blind-v31", "blind-v32")}
UPDATE = os.environ.get("UPDATE_PLAN_SNAPSHOTS") == "1"


def _advisor_on(today: date):
    """The process's shared advisor for the day (tests/plan_runner.py): each plan is a fresh
    engine session, so the findings are those of an advisor of its own."""
    return shared_advisor(today)


@pytest.fixture(scope="module")
def advisor():
    return _advisor_on(TODAY)


@pytest.fixture(scope="module")
def blind_advisor():
    return _advisor_on(BLIND_TODAY)


@pytest.fixture(scope="module")
def blind_v3_advisor():
    return _advisor_on(BLIND_V3_TODAY)


def advice(advisor, path: Path) -> list[dict]:
    found = advisor.evaluate(load_plan(path))
    assert not found.failures(), found.failures()
    return rows_of(found)


def rows_of(found) -> list[dict]:
    """The snapshot's rows of the findings, by task, candidate and rule."""
    rows = [{"rule": f.rule, "severity": f.severity, "task": f.task, "candidate": f.candidate,
             "message": f.message, "fix": f.fix} for f in found]
    return sorted(rows, key=lambda r: (r["task"] or "", r["candidate"] or "", r["rule"]))


def test_there_are_enough_realistic_plans():
    assert len(list(PLANS_DIR.glob("*.toml"))) >= 12
    assert len(BLIND) >= 12
    assert all((PLANS_DIR / "blind" / "labels" / f"{p.stem}.md").exists() for p in BLIND)
    assert len(BLIND_V3) >= 12
    assert all((PLANS_DIR / "blind-v3" / "labels" / f"{p.stem}.md").exists() for p in BLIND_V3)
    assert len(REVIEWS) >= 8 and all(len(list(d.glob("*.toml"))) >= 8 for d in REVIEWS)
    assert all((PLANS_DIR / kind / "labels" / f"{p.stem}.md").exists() for kind, p in REVIEWED)


def check_snapshot(got: list[dict], snap: Path) -> None:
    if UPDATE:
        snap.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert snap.exists(), f"no snapshot {snap.name}: run with UPDATE_PLAN_SNAPSHOTS=1 and review it"
    assert got == json.loads(snap.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_plan_advice_matches_the_reviewed_snapshot(advisor, path):
    check_snapshot(advice(advisor, path), EXPECTED / f"{path.stem}.json")


def test_history_alone_gives_no_advice(advisor):
    assert advice(advisor, PLANS_DIR / "finished_history.toml") == []


def test_every_amount_carries_its_currency(advisor):
    for path in PLANS:
        currency = load_plan(path).business.currency
        for row in advice(advisor, path):
            text = row["message"] + " " + row["fix"]
            assert "n/a" not in text, (path.name, row)
            if currency == "USD":
                assert " USD" not in text
            for word in text.split():
                digits = word.strip(".,;:()")
                if digits.replace(",", "").replace(".", "").isdigit() and "," in digits:
                    # a thousands separator only appears in an amount, and amounts carry a currency
                    assert currency in text or "$" in text or "€" in text or "£" in text, (path.name, row)


def test_the_demo_workspace_has_no_risk_and_tells_what_to_do(advisor):
    rows = advice(advisor, ROOT / "examples" / "bakery.toml")
    assert rows and all(r["severity"] != "risk" for r in rows)
    assert all(r["fix"] for r in rows)


@pytest.mark.parametrize("path", BLIND, ids=lambda p: p.stem)
def test_blind_review_plan_advice_matches_the_reviewed_snapshot(blind_advisor, path):
    check_snapshot(advice(blind_advisor, path), EXPECTED / "blind" / f"{path.stem}.json")


def advice_and_steps(advisor, path: Path, today: date = BLIND_V3_TODAY) -> dict:
    """The findings and the Next steps as ``check`` prints them (the decision first), the steps
    judged on ``today`` (the advisor's day), not the clock's."""
    from advisor.advice.steps import PlanIndex, arrange, next_steps

    plan = load_plan(path)
    found = advisor.evaluate(plan)
    assert not found.failures(), found.failures()
    index = PlanIndex.of(plan, rules=advisor.ruleset, today=today)
    made = next_steps(arrange(list(found), index), index)
    # never the same sentence twice on one task, whole or as a joined part (issue 21, item 5)
    parts = [(s.line.task, p) for s in made for p in s.action.split("; ")]
    assert len(parts) == len(set(parts)), (path.name, [s.action for s in made])
    return {"findings": rows_of(found), "next_steps": [s.action for s in made]}


@pytest.mark.parametrize("kind, path", REVIEWED, ids=lambda v: v if isinstance(v, str) else v.stem)
def test_reviewed_plan_advice_and_next_steps_match_the_snapshot(blind_v3_advisor, kind, path):
    """The third, fifth and sixth blind reviews' plans (docs/advice-review.md): the findings and
    Next steps as last reviewed; a change shows here line by line."""
    day = REVIEW_DAYS.get(kind)
    got = advice_and_steps(blind_v3_advisor, path) if day is None else advice_and_steps(_advisor_on(day), path, day)
    snap = EXPECTED / kind / f"{path.stem}.json"
    if UPDATE:
        snap.parent.mkdir(exist_ok=True)
        snap.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert snap.exists(), f"no snapshot {snap.name}: run with UPDATE_PLAN_SNAPSHOTS=1 and review it"
    assert got == json.loads(snap.read_text(encoding="utf-8"))
