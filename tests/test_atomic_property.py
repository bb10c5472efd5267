"""Two sessions on one workspace file interleaving random edits, lifecycle steps and undos
(issue 18 item 4). After every step: it was stored whole or it raised with nothing stored; the
stored workspace is what the successful step implies; the history rows name what was stored; the
undo stack and each session's plan agree with the store."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import event, given, settings as hsettings, strategies as st
from profiles import examples

from advisor.plan import lifecycle
from advisor.errors import ConflictError, PlanError
from advisor.plan.model import Business, Candidate, Marketplace, Plan, Task
from advisor.session import Session

N = examples(300)  # `pytest --hypothesis-show-statistics` counts what was stored and refused


def _plan() -> Plan:
    return Plan(business=Business(name="Bramble", currency="USD"), marketplaces=[Marketplace("Upwork")],
                tasks=[Task(id="logo", title="Logo", pricing="fixed", budget=300.0, marketplaces=["Upwork"]),
                       Task(id="site", title="Site", pricing="fixed", budget=900.0, status="hiring",
                            candidates=[Candidate("cy", "Cy"), Candidate("dee", "Dee")])])


def _store(s: Session) -> dict[tuple[str, Any], Any]:
    """What is stored, record by record (versions do not take part in ``==``)."""
    p = s.ws.load_plan()
    out: dict[tuple[str, Any], Any] = {("task", t.id): replace(t, candidates=[]) for t in p.tasks}
    out.update({("candidate", c.id): c for c in p.candidates()})
    out.update({("marketplace", m.name): m for m in p.marketplaces})
    return out


def _versions(s: Session) -> dict[tuple[str, Any], int]:
    p = s.ws.load_plan()
    out = {("task", t.id): t.version for t in p.tasks}
    out.update({("candidate", c.id): c.version for c in p.candidates()})
    return out


def _memory(s: Session) -> list:
    return [(t, t.version, [(c.id, c.version) for c in t.candidates]) for t in s.plan.tasks]


def _last_history_id(s: Session) -> int:
    return s.ws.conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]


ACTIONS = st.lists(st.tuples(
    st.sampled_from(["edit task", "edit candidate", "add candidate", "shortlist", "hire", "reject", "done",
                     "undo", "undo", "reload", "reload"]),
    st.integers(0, 1),      # which session
    st.integers(0, 2),      # which task / candidate (modulo what the session sees)
    st.sampled_from([False, False, False, True]),  # then the other session reloads (as the app does)
), min_size=4, max_size=25)


def _do(s: Session, action: str, pick: int, n: int) -> tuple[str, dict, list] | None:
    """Run one action on ``s``; returns (label, records it implies, task ids it may move), or None
    when there is nothing to act on. Raises what the session raised."""
    tasks = s.plan.tasks
    task = tasks[pick % len(tasks)]
    cands = list(s.plan.candidates())
    cand = cands[pick % len(cands)] if cands else None
    if action == "edit task":
        new = replace(task, title=f"{task.title[:20]} {n}")
        s.save_task(new)
        return f"edit task '{task.title}'", {("task", task.id): replace(new, candidates=[])}, [task.id]
    if action == "add candidate":
        new = Candidate(f"n{n}", f"New {n}", task=task.id)
        implied = {("candidate", new.id): new}
        moved = lifecycle.candidates_added(task, 1)
        if moved is not None:
            implied[("task", task.id)] = replace(moved, candidates=[])
        s.save_candidate(new)
        return f"add candidate {new.name} to '{task.title}'", implied, [task.id]
    if action == "done":
        step = lifecycle.mark_done(task)
    elif cand is None:
        return None
    elif action == "edit candidate":
        new = replace(cand, notes=f"note {n}")
        s.save_candidate(new)
        return f"edit candidate {cand.name}", {("candidate", cand.id): new}, [cand.task]
    else:
        owner = s.plan.task(cand.task)
        step = {"shortlist": lambda: lifecycle.shortlist(owner, cand), "hire": lambda: lifecycle.hire(owner, cand),
                "reject": lambda: lifecycle.reject(owner, cand, f"reason {n}")}[action]()
    if step.refused:
        return None
    implied = {}
    if step.candidate is not None:
        implied[("candidate", step.candidate.id)] = step.candidate
    if step.task is not None:
        implied[("task", step.task.id)] = replace(step.task, candidates=[])
    s.apply(step)
    return step.label, implied, [(step.task or owner).id]


def _undo(s: Session) -> tuple[str, dict, list] | None:
    if not s.can_undo:
        return None
    change = s._undo[-1]
    implied: dict = {}
    for r in change.reverts:  # each record goes back to how it was before the change's first save
        rec = r.before if r.before is not None else r.after
        kind, key = ("marketplace", rec.name) if r.kind == "marketplace" else (r.kind, rec.id)
        implied.setdefault((kind, key), r.before)
    tasks = [k[1] for k in implied if k[0] == "task"] + [r.after.task if r.after else r.before.task
                                                         for r in change.reverts if r.kind == "candidate"]
    s.undo()
    return f"undo: {change.label}", implied, tasks


@hsettings(max_examples=N)
@given(ACTIONS)
def test_two_sessions_interleaving_changes_store_each_whole_or_not_at_all(actions):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shared.db"
        with Session.open(path) as first:
            first.replace_plan(_plan())
            with Session.open(path) as second:
                _run([first, second], actions)


def _run(sessions: list[Session], actions: list) -> None:
    for n, (action, who, pick, notice) in enumerate(actions):
        s = sessions[who]
        before, hist_before = _store(s), _last_history_id(s)
        stack, memory = list(s._undo), _memory(s)
        if action == "reload":
            s.reload()
            continue
        try:
            done = _undo(s) if action == "undo" else _do(s, action, pick, n)
        except (ConflictError, PlanError) as exc:
            # refused: nothing stored, no history row, the undo stack and the plan in memory as they were
            assert _store(s) == before, (action, exc)
            assert _last_history_id(s) == hist_before, (action, exc)
            if action == "undo":
                assert isinstance(exc, ConflictError) and "nothing was undone" in exc.message
                assert s._undo == stack
            else:
                assert s._undo == stack and _memory(s) == memory, action
                s.reload()  # as the app does after a conflict
            event(f"{action}: {type(exc).__name__}")
            continue
        if done is None:
            continue
        label, implied, tasks = done
        event(f"{action}: stored")
        after = _store(s)
        expected = dict(before)
        for key, rec in implied.items():
            if rec is None:
                expected.pop(key, None)
            else:
                expected[key] = rec
        # marketplaces the change named but that were missing: none here (every name is a record)
        assert after == expected, (action, label)
        # history: this change's rows only, each named by its label (or a lifecycle move of its task),
        # and every record that changed is named by one of them
        rows = s.history(limit=_last_history_id(s) - hist_before)
        assert rows and len(rows) == _last_history_id(s) - hist_before
        moves = {f"task '{t.title}':" for t in s.plan.tasks if t.id in tasks}  # rows name tasks by title
        for h in rows:
            change = h.detail.get("change", "")
            assert change == label or any(change.startswith(m) for m in moves), (change, label)
        named = {("candidate", h.detail["candidate"]) if "candidate" in h.detail else ("task", h.detail.get("task"))
                 for h in rows}
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        assert changed <= named, (changed, named)
        # the undo stack: one more entry for a change, one fewer for an undo; nothing else moved
        if action == "undo":
            assert s._undo == stack[:-1]
        else:
            assert s._undo[:-1] == stack and s._undo[-1].label == label
        _agrees(s)
        if notice:
            sessions[1 - who].reload()
    for s in sessions:
        _agrees(s)


def _agrees(s: Session) -> None:
    """Each session's plan in memory, at the version stored, is what is stored; the records this
    session's newest change wrote, while still at the version it wrote, are stored as it recorded."""
    store, versions = _store(s), _versions(s)
    for t in s.plan.tasks:
        if versions.get(("task", t.id)) == t.version:
            assert store[("task", t.id)] == replace(t, candidates=[])
        for c in t.candidates:
            if versions.get(("candidate", c.id)) == c.version:
                assert store[("candidate", c.id)] == c
    if s.can_undo:
        for r in s._undo[-1].reverts:
            if r.after is None or r.kind not in ("task", "candidate"):
                continue
            key = (r.kind, r.after.id)
            if versions.get(key) == s._written.get(key) == r.after.version:
                assert store[key] == r.after

