"""One transaction per change (issue 18 item 4): a hire, an undo, an import, a lifecycle step that
touches several records is stored whole or not at all; a conflict leaves nothing behind, and the
history and the undo stack agree with what was stored."""

from __future__ import annotations

from dataclasses import replace

import pytest

from advisor.plan import lifecycle
from advisor.errors import ConflictError
from advisor.plan.model import Business, Candidate, Marketplace, Plan, Task
from advisor.storage.planfile import dumps_plan
from advisor.session import Session


def _plan() -> Plan:
    return Plan(business=Business(name="Bramble", currency="USD"), marketplaces=[Marketplace("Upwork")],
                tasks=[Task(id="logo", title="Logo", size="minor", pricing="fixed", budget=300.0,
                            marketplaces=["Upwork"])])


@pytest.fixture
def two(tmp_path):
    path = tmp_path / "shared.db"
    a = Session.open(path)
    a.replace_plan(_plan())
    a.save_candidate(Candidate("ana", "Ana", task="logo"))
    b = Session.open(path)
    yield a, b
    a.close()
    b.close()


def _stored(s: Session) -> tuple[str, int]:
    return dumps_plan(s.ws.load_plan()), len(s.history(limit=100_000))


def test_hire_meeting_another_sessions_task_edit_stores_nothing(two):
    a, b = two
    b.save_task(replace(b.plan.task("logo"), title="Logo, B's"))
    before, undo_label = _stored(a), a.undo_label()
    t = a.plan.task("logo")
    with pytest.raises(ConflictError, match="task 'logo' changed in another session"):
        a.apply(lifecycle.hire(t, t.candidates[0]))
    assert _stored(a) == before  # not hired, no "hire ana" row
    stored = a.ws.load_plan()
    assert stored.candidate("ana").status == "applied" and stored.task("logo").status == "hiring"
    assert a.undo_label() == undo_label == "add candidate Ana to 'Logo'"
    # the session's own memory was not left half changed either
    assert a.plan.candidate("ana").status == "applied"
    a.reload()
    t = a.plan.task("logo")
    a.apply(lifecycle.hire(t, t.candidates[0]))  # after a reload the same hire goes through whole
    stored = a.ws.load_plan()
    assert stored.candidate("ana").status == "hired" and stored.task("logo").status == "hired"
    assert stored.task("logo").title == "Logo, B's"


def test_undo_meeting_another_sessions_edit_is_not_applied_and_stays_on_the_stack(two):
    a, b = two
    t = a.plan.task("logo")
    a.apply(lifecycle.hire(t, t.candidates[0]))  # candidate and task, one change
    b.reload()
    # the candidate moves on, the task not: undo reverts the task first, then meets B's edit
    b.save_candidate(replace(b.plan.candidate("ana"), notes="B's note"))
    before = _stored(a)
    with pytest.raises(ConflictError, match="cannot undo hire Ana for 'Logo': Ana changed in another session"):
        a.undo()
    assert _stored(a) == before  # the candidate is still hired, no history row
    stored = a.ws.load_plan()
    assert stored.candidate("ana").status == "hired" and stored.task("logo").status == "hired"
    assert a.undo_label() == "hire Ana for 'Logo'"  # still there, the user was told
    with pytest.raises(ConflictError, match="cannot undo hire Ana for 'Logo'"):
        a.undo()  # and still refused: it would overwrite B's note
    assert _stored(a) == before


def test_csv_import_meeting_another_sessions_task_edit_stores_nothing(two):
    """An import of candidates naming a new marketplace saves the marketplace, the candidates and
    the task's move to hiring: one change, so a stale task leaves none of them behind."""
    a, b = two
    a.replace_plan(_plan())  # logo back to a draft without candidates
    b.reload()
    b.save_task(replace(b.plan.task("logo"), title="Logo, B's"))
    before, stack = _stored(a), a.undo_label()
    with pytest.raises(ConflictError, match="task 'logo' changed in another session"):
        a.add_candidates("logo", [Candidate("zoe", "Zoe", marketplace="Fiverr"), Candidate("yan", "Yan")])
    assert _stored(a) == before
    assert a.ws.load_plan().marketplace("Fiverr") is None and a.plan.marketplace("Fiverr") is None
    assert a.undo_label() == stack


def test_undo_of_a_deleted_record_refused_when_its_id_was_taken_meanwhile(two):
    a, b = two
    a.delete_candidate("ana")
    b.reload()
    b.save_candidate(Candidate("ana", "Another Ana", task="logo"))
    before = _stored(a)
    with pytest.raises(ConflictError, match="cannot undo delete candidate Ana: Ana was added"):
        a.undo()
    assert _stored(a) == before and a.undo_label() == "delete candidate Ana"
