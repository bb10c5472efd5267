"""Model validation: each bad value is one clear error naming the field."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from advisor.errors import PlanError
from advisor.plan.model import (Business, Candidate, Interview, Marketplace, Plan, RateObservation, Suppression,
                           Task)


def error(plan: Plan) -> PlanError:
    with pytest.raises(PlanError) as exc:
        plan.validate()
    return exc.value


def test_bakery_is_valid(bakery):
    assert copy.deepcopy(bakery).validate() == bakery


@pytest.mark.parametrize("change, field, message", [
    (lambda p: setattr(p.rates[0], "hourly", -5.0), "rates[0].hourly", "must be at least 0, not -5"),
    (lambda p: setattr(p.tasks[0].candidates[0], "rating", 7), "tasks[0].candidates[0].rating",
     "must be at most 5, not 7"),
    (lambda p: setattr(p.tasks[0], "status", "finished"), "tasks[0].status",
     "must be one of draft, posted, hiring, hired, done, cancelled; got 'finished'"),
    (lambda p: setattr(p.tasks[0].candidates[1], "status", "maybe"), "tasks[0].candidates[1].status",
     "must be one of applied, shortlisted, interviewed, hired, rejected; got 'maybe'"),
    (lambda p: setattr(p.tasks[1], "id", "logo"), "tasks[1].id", "duplicate task id 'logo'"),
    (lambda p: p.tasks[1].candidates.append(Candidate(id="ana", name="Ana again")),
     "tasks[1].candidates[0].id", "duplicate candidate id 'ana' (candidate ids are unique in a plan)"),
    (lambda p: setattr(p.tasks[0].candidates[0], "task", "site"), "tasks[0].candidates[0].task",
     "belongs to task 'site', not 'logo'"),
    (lambda p: p.suppressions.append(Suppression(rule="r", reason="x", task="nope")), "suppressions[0].task",
     "names task 'nope', which does not exist"),
    (lambda p: setattr(p.tasks[0], "budget", float("nan")), "tasks[0].budget", "must be a finite number"),
    (lambda p: setattr(p.tasks[0], "critical", "yes"), "tasks[0].critical", "must be true or false, not text"),
    (lambda p: setattr(p.tasks[0].candidates[0], "reviews", 3.5), "tasks[0].candidates[0].reviews",
     "must be a whole number, not 3.5"),
    (lambda p: setattr(p.business, "currency", "usd"), "business.currency",
     "must be a 3-letter ISO currency code such as USD or EUR, not 'usd'"),
    (lambda p: setattr(p.tasks[0].candidates[0].interview, "scores", {"quality": 6}),
     "tasks[0].candidates[0].interview.scores.quality", "must be at most 5, not 6"),
    (lambda p: setattr(p.tasks[0], "skills", ["a", "a"]), "tasks[0].skills", "lists 'a' twice"),
    (lambda p: setattr(p.tasks[0], "deadline", "soon"), "tasks[0].deadline",
     "must be a date like 2026-12-31, not 'soon'"),
    (lambda p: p.marketplaces.append(Marketplace("Upwork")), "marketplaces[3].name", "duplicate marketplace 'Upwork'"),
    (lambda p: setattr(p.tasks[0], "id", "has space"), "tasks[0].id", "'has space' is not a valid id"),
])
def test_one_clear_error_naming_the_field(bakery, change, field, message):
    change(bakery)
    exc = error(bakery)
    assert exc.field == field
    assert exc.message.startswith(message)
    assert str(exc) == f"{field}: {exc.message}"


def test_candidate_for_a_missing_task_cannot_be_stored(tmp_path, bakery):
    from advisor.storage.workspace import Workspace

    with Workspace.open(tmp_path / "w.db") as ws:
        ws.replace_plan(bakery)
        with pytest.raises(PlanError) as exc:
            ws.save_candidate(Candidate(id="eve", name="Eve", task="nope"))
    assert exc.value.field == "task" and "there is no task 'nope'" in exc.value.message


def test_normalisation():
    c = Candidate(id="x", name="X", hourly=30, utc_offset=-0.0, notes="a\r\nb\rc").validate()
    assert c.hourly == 30.0 and isinstance(c.hourly, float)
    assert str(c.utc_offset) == "0.0"
    assert c.notes == "a\nb\nc"
    assert Task(id="t", title="T", deadline="2026-12-01").validate().deadline == date(2026, 12, 1)


def test_price_rule():
    fixed = Task(id="t", title="T", pricing="fixed", hours=10.0)
    hourly = Task(id="h", title="H", pricing="hourly", hours=10.0)
    assert Candidate(id="a", name="A", bid=280.0, hourly=30.0).price(fixed) == 280.0
    assert Candidate(id="a", name="A", hourly=30.0).price(fixed) == 300.0
    assert Candidate(id="a", name="A", bid=280.0, hourly=30.0).price(hourly) == 30.0
    assert Candidate(id="a", name="A", bid=250.0).price(hourly) == 25.0
    assert Candidate(id="a", name="A").price(fixed) is None


def test_version_and_rate_id_do_not_take_part_in_equality():
    assert Task(id="t", title="T", version=3) == Task(id="t", title="T", version=0)
    assert RateObservation("x", 1.0, id=5) == RateObservation("x", 1.0)
    assert Interview(scores={"a": 1, "b": 2}) == Interview(scores={"b": 2, "a": 1})
    assert Business() == Business("My business", "USD", 0)
