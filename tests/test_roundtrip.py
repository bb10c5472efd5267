"""Round trips for generated plans: plan file text, the workspace, and the command line.

export(import(plan)) == plan is the promise that lets a user move a plan between machines, keep
it in git, or edit it by hand without losing anything.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profiles import examples

from advisor.cli import main
from advisor.plan.currency import iso_codes
from advisor.advice.insights import with_market_records
from advisor.plan.model import (AGREEMENTS, CANDIDATE_STATUSES, COLLABORATIONS, MIN_HOURS, PRICINGS, SIZES, SMALLEST,
                           TASK_STATUSES, TRIALS, Business, Candidate, Interview, Marketplace, Plan, RateObservation,
                           Suppression, Task)
from advisor.storage.planfile import dumps_plan, load_plan, loads_plan
from advisor.storage.workspace import Workspace

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
name = text.filter(lambda s: s.strip() != "")
ident = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,12}\Z")


def floats(low: float, high: float, smallest: float = SMALLEST):
    """Numbers the model takes: 0, or at least ``smallest`` in size (no subnormals)."""
    return st.floats(low, high, allow_nan=False).filter(lambda x: x == 0 or abs(x) >= smallest)


money = floats(0, 1e9)
maybe = st.none().__or__
dates = st.dates()


#: working hours as people type them into a plan: any two distinct clock times, minutes included
hours_text = st.tuples(st.integers(0, 23), st.sampled_from([0, 15, 30, 45]), st.integers(0, 23),
                       st.sampled_from([0, 30])).filter(lambda t: t[:2] != t[2:]).map(
    lambda t: f"{t[0]:02d}:{t[1]:02d}-{t[2]:02d}:{t[3]:02d}")


@st.composite
def candidates(draw, cid: str) -> Candidate:
    interview = draw(maybe(st.builds(
        Interview, date=maybe(dates), notes=text,
        scores=st.dictionaries(name, st.integers(1, 5), max_size=3))))
    return Candidate(
        id=cid, name=draw(name), marketplace=draw(maybe(name)), hourly=draw(maybe(money)),
        bid=draw(maybe(money)), rating=draw(maybe(floats(0, 5))), reviews=draw(maybe(st.integers(0, 10**6))),
        jobs=draw(maybe(st.integers(0, 10**6))), job_success=draw(maybe(floats(0, 100))),
        country=draw(maybe(name)), utc_offset=draw(maybe(floats(-12, 14))),
        status=draw(st.sampled_from(CANDIDATE_STATUSES)), reject_reason=draw(text), notes=draw(text),
        interview=interview, past_jobs_with_us=draw(st.integers(0, 10**6)),
        agreements=draw(st.lists(st.sampled_from(AGREEMENTS), unique=True)), trial=draw(st.sampled_from(TRIALS)),
        off_platform=draw(st.booleans()), review_left=draw(st.booleans()), working_hours=draw(maybe(hours_text)))


@st.composite
def plans(draw) -> Plan:
    task_ids = draw(st.lists(ident, max_size=4, unique=True))
    cand_ids = draw(st.lists(ident, max_size=8, unique=True))
    tasks = []
    for i, tid in enumerate(task_ids):
        mine = cand_ids[i::len(task_ids)] if task_ids else []
        cands = [draw(candidates(cid)) for cid in mine]
        for c in cands:
            c.task = tid
        tasks.append(Task(
            id=tid, title=draw(name), description=draw(text), size=draw(st.sampled_from(SIZES)),
            critical=draw(st.booleans()), skills=draw(st.lists(name, max_size=3, unique=True)),
            pricing=draw(st.sampled_from(PRICINGS)), budget=draw(maybe(money)),
            hours=draw(maybe(floats(0, 100_000, MIN_HOURS))), status=draw(st.sampled_from(TASK_STATUSES)),
            marketplaces=draw(st.lists(name, max_size=3, unique=True)), deadline=draw(maybe(dates)),
            acceptance=draw(text), sensitive_data=draw(st.booleans()), creates_ip=draw(st.booleans()),
            milestones=draw(st.integers(0, 1000)), weekly_cap=draw(maybe(floats(0, 168))),
            openings=draw(st.integers(1, 1000)), collaboration=draw(st.sampled_from(COLLABORATIONS)),
            overlap_hours=draw(maybe(floats(0, 24))), candidates=cands))
    used = [c.id for t in tasks for c in t.candidates]
    sups = draw(st.lists(st.builds(
        Suppression, rule=name, reason=name, until=maybe(dates),
        task=st.sampled_from(task_ids) if task_ids else st.none(),
        candidate=maybe(st.sampled_from(used)) if used else st.none()), max_size=3))
    return Plan(
        business=Business(name=draw(name), currency=draw(st.sampled_from(sorted(iso_codes()))),
                          completed_jobs=draw(st.integers(0, 10**6)), utc_offset=draw(maybe(floats(-12, 14))),
                          working_hours=draw(maybe(hours_text))),
        marketplaces=[Marketplace(n, draw(floats(0, 100)), draw(money), draw(text))
                      for n in draw(st.lists(name, max_size=3, unique=True))],
        rates=draw(st.lists(st.builds(RateObservation, skill=name, hourly=money, marketplace=maybe(name),
                                      note=text, date=maybe(dates)), max_size=4)),
        tasks=tasks, suppressions=sups).validate()


@given(plans())
@settings(max_examples=examples(150), deadline=None)
def test_plan_text_round_trip(plan):
    assert loads_plan(dumps_plan(plan)) == plan


@given(plans())
@settings(max_examples=examples(75), deadline=None)
def test_workspace_round_trip(plan):
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(Path(tmp) / "w.db") as ws:
        ws.replace_plan(plan)
        loaded = ws.load_plan()
        assert loaded == plan
        assert dumps_plan(loaded) == dumps_plan(plan)  # order and representation, not just equality
        ws.replace_plan(loaded)  # importing again over itself changes nothing
        assert ws.load_plan() == plan


@given(plans())
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_cli_import_export_round_trip(plan):
    with tempfile.TemporaryDirectory() as tmp:
        src, db = Path(tmp) / "in.toml", Path(tmp) / "w.db"
        src.write_text(dumps_plan(plan), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert main(["--db", str(db), "import", str(src)]) == 0, err.getvalue()
            assert main(["--db", str(db), "export", str(Path(tmp) / "out.toml")]) == 0, err.getvalue()
        # every marketplace the plan names comes back as a record (fees unknown)
        plan = replace(plan, marketplaces=with_market_records(plan))
        assert load_plan(Path(tmp) / "out.toml") == plan
        assert (Path(tmp) / "out.toml").read_text(encoding="utf-8") == dumps_plan(plan)


def test_bakery_round_trips_byte_for_byte_through_the_workspace(bakery, tmp_path):
    with Workspace.open(tmp_path / "w.db") as ws:
        ws.replace_plan(bakery)
        assert dumps_plan(ws.load_plan()) == dumps_plan(bakery)


def test_records_read_from_the_workspace_are_the_ones_their_init_would_make(tmp_path, monkeypatch):
    """``load_plan`` fills a task's and a candidate's ``__dict__`` from the row instead of calling
    the dataclass's ``__init__`` (issue 24: most of ``load_plan``); the records are the same,
    field for field, including the fields ``==`` skips (version) and the interview."""
    from benchmarks.generate import make_plan
    from advisor.storage import rows

    assert rows._CAND_MAKER.__name__ == "make" and rows._TASK_MAKER.__name__ == "make"  # the fast path is on
    plan = make_plan(400, seed=9)
    plan.tasks[0].candidates[0] = replace(plan.tasks[0].candidates[0], agreements=["nda"], named_people=["Lena (CREST)"])
    with Workspace.open(tmp_path / "ws.db") as ws:
        ws.replace_plan(plan)
        fast = ws.load_plan()
        slow_cand = lambda r, **more: rows._record(rows.Candidate, r, rows._converted(rows._CAND), **more)  # noqa: E731
        slow_task = lambda r, **more: rows._record(rows.Task, r, rows._converted(rows._TASK), **more)  # noqa: E731
        monkeypatch.setattr(rows, "_CAND_MAKER", slow_cand)
        monkeypatch.setattr(rows, "_TASK_MAKER", slow_task)
        slow = ws.load_plan()
    assert fast == slow == plan
    for a, b in zip(fast.tasks, slow.tasks):
        assert repr(a) == repr(b) and a.version == b.version and type(a) is type(b)
        for x, y in zip(a.candidates, b.candidates):
            assert vars(x) == vars(y) and x.interview == y.interview
    assert fast.tasks[0].candidates[0].named_people == ["Lena (CREST)"]
