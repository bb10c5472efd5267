"""Issue 23: time zones kept as zones. ``Europe/Dublin`` is stored as its name and the overlap
advice takes its offset on the day of the advice, so it follows daylight saving (both the
business and a candidate can be zones); a plan with only ``utc_offset`` keeps a fixed offset."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.engine import Advisor
from advisor.errors import PlanError
from advisor.plan.model import Business, Candidate, Plan, Task
from advisor.rules.facts import plan_facts
from advisor.rules.rulepack import load_rules
from advisor.storage.csvcells import parse_offset
from advisor.storage.csvimport import parse_candidates_csv
from advisor.storage.planfile import dumps_plan, loads_plan
from advisor.storage.workspace import Workspace

JANUARY = date(2026, 1, 14)      # Dublin UTC+0, New York UTC-5
MID_MARCH = date(2026, 3, 18)    # US daylight saving began 8 March, Ireland's begins 29 March
JULY = date(2026, 7, 15)         # Dublin UTC+1, New York UTC-4
LATE_OCTOBER = date(2026, 10, 28)  # Ireland back on UTC+0 (25 October), New York still UTC-4


def _plan(business: Business, cand_zone: str | None = "America/New_York", cand_offset: float | None = None,
          needed: float = 4.0) -> Plan:
    task = Task(id="support", title="Customer support", pricing="hourly", budget=30.0, hours=200.0,
                status="hiring", collaboration="overlap", overlap_hours=needed,
                candidates=[Candidate(id="sam", name="Sam", hourly=25.0, status="shortlisted",
                                      timezone=cand_zone, utc_offset=cand_offset, working_hours="09:00-17:00")])
    return Plan(business=business, tasks=[task]).validate()


def _cand(plan: Plan, day: date) -> dict:
    return plan_facts(plan, today=day)[("candidate", "sam")]


DUBLIN = Business(name="Dublin Shop", currency="EUR", timezone="Europe/Dublin", working_hours="09:00-17:00")


@pytest.mark.parametrize("day, dublin, new_york, overlap, there", [
    (JANUARY, 0.0, -5.0, 3.0, "04:00-12:00"),
    (MID_MARCH, 0.0, -4.0, 4.0, "05:00-13:00"),   # the weeks when the US has moved and Ireland not
    (JULY, 1.0, -4.0, 3.0, "04:00-12:00"),
    (LATE_OCTOBER, 0.0, -4.0, 4.0, "05:00-13:00"),
])
def test_a_dublin_business_and_a_new_york_candidate_follow_daylight_saving(day, dublin, new_york, overlap, there):
    plan = _plan(DUBLIN)
    facts = plan_facts(plan, today=day)
    assert facts[("business", "business")]["utc_offset"] == dublin
    assert facts[("business", "business")]["timezone"] == "Europe/Dublin"
    c = facts[("candidate", "sam")]
    assert (c["utc_offset"], c["overlap_hours"], c["owner_hours_there"], c["timezone"]) == (
        new_york, overlap, there, "America/New_York")


def test_honolulu_has_no_daylight_saving():
    honolulu = Business(timezone="Pacific/Honolulu", working_hours="09:00-17:00")
    plan = _plan(honolulu)
    jan, jul = plan_facts(plan, today=JANUARY), plan_facts(plan, today=JULY)
    assert jan[("business", "business")]["utc_offset"] == jul[("business", "business")]["utc_offset"] == -10.0
    # New York moves, Honolulu does not: 3 shared hours in winter, 2 in summer
    assert (jan[("candidate", "sam")]["overlap_hours"], jul[("candidate", "sam")]["overlap_hours"]) == (3.0, 2.0)


def test_a_fixed_offset_stays_fixed_and_a_zone_beside_it_wins():
    fixed = _plan(Business(utc_offset=0.0, working_hours="09:00-17:00"), cand_zone=None, cand_offset=-5.0)
    assert _cand(fixed, JANUARY)["overlap_hours"] == _cand(fixed, JULY)["overlap_hours"] == 3.0
    assert "timezone" not in _cand(fixed, JULY)
    both = _plan(Business(utc_offset=0.0, timezone="Europe/Dublin", working_hours="09:00-17:00"),
                 cand_zone="America/New_York", cand_offset=-5.0)
    assert _cand(both, MID_MARCH)["utc_offset"] == -4.0 and _cand(both, MID_MARCH)["overlap_hours"] == 4.0


def test_the_advice_follows_the_day_in_one_running_advisor():
    """The incremental engine must not keep January's facts in March (a new day recomputes every
    fact: ``advisor/engine/diff.py``)."""
    ruleset, problems = load_rules()
    assert not problems
    day = [JANUARY]
    plan = _plan(DUBLIN, needed=4.0)
    with Advisor(ruleset, today=lambda: day[0]) as a:
        def little() -> list[str]:
            return [f.message for f in a.evaluate(plan) if f.rule == "little-timezone-overlap"]
        assert len(jan := little()) == 1 and "shares 3 of the 4" in jan[0]
        day[0] = MID_MARCH
        assert little() == []                      # 4 shared hours: enough
        day[0] = JULY
        assert len(little()) == 1
        plan.business.timezone = None              # the same plan with fixed offsets: as before
        plan.business.utc_offset = 0.0
        plan.tasks[0].candidates[0].timezone = None
        plan.tasks[0].candidates[0].utc_offset = -5.0
        day[0] = MID_MARCH
        assert len(little()) == 1


@pytest.mark.parametrize("where, text", [
    ("business", 'format = 1\n\n[business]\nname = "Shop"\ntimezone = "Europe/Dubiln"\n'),
    ("tasks[logo].candidates[a]", 'format = 1\n\n[business]\nname = "Shop"\n\n[[tasks]]\nid = "logo"\n'
     'title = "Logo"\n\n[[tasks.candidates]]\nid = "a"\nname = "A"\ntimezone = "../../etc/passwd"\n'),
    ("tasks[logo].candidates[a]", 'format = 1\n\n[business]\nname = "Shop"\n\n[[tasks]]\nid = "logo"\n'
     'title = "Logo"\n\n[[tasks.candidates]]\nid = "a"\nname = "A"\ntimezone = 5\n'),
])
def test_a_bad_zone_is_refused_naming_file_line_and_field(where, text):
    with pytest.raises(PlanError) as exc:
        loads_plan(text, source="p.toml")
    line = text.count("\n", 0, text.index("timezone")) + 1
    assert str(exc.value).startswith(f"p.toml:{line}: {where}.timezone: ")
    assert "time zone" in str(exc.value) and "Traceback" not in str(exc.value)


def test_a_zone_is_spelled_as_the_database_does():
    plan = loads_plan('format = 1\n\n[business]\nname = "Shop"\ntimezone = "europe/dublin"\n')
    assert plan.business.timezone == "Europe/Dublin"


def test_plan_file_to_workspace_to_plan_file_keeps_the_zones(tmp_path):
    plan = _plan(Business(name="Shop", timezone="Europe/Dublin", utc_offset=0.0), cand_offset=-5.0)
    text = dumps_plan(plan)
    assert 'timezone = "Europe/Dublin"' in text and 'timezone = "America/New_York"' in text
    with Workspace.open(tmp_path / "w.db") as w:
        w.replace_plan(loads_plan(text))
    with Workspace.open(tmp_path / "w.db") as w:
        back = w.load_plan()
    assert back == plan and back.business.timezone == "Europe/Dublin"
    assert dumps_plan(back) == text


def test_a_plan_without_zones_writes_no_zone_key():
    plan = _plan(Business(utc_offset=1.0), cand_zone=None, cand_offset=8.0)
    assert "timezone" not in dumps_plan(plan)


def test_csv_import_keeps_the_zone_name():
    raw = ("Name,Hourly Rate,Timezone\nAna,30,Europe/Dublin\nBen,25,UTC+5:30\nCy,20,asia/manila\n"
           "Dee,22,\n").encode()
    cands = {c.name: c for c in parse_candidates_csv(raw, "logo", source="c.csv")}
    assert (cands["Ana"].timezone, cands["Ana"].utc_offset) == ("Europe/Dublin", None)
    assert (cands["Ben"].timezone, cands["Ben"].utc_offset) == (None, 5.5)
    assert cands["Cy"].timezone == "Asia/Manila"
    assert (cands["Dee"].timezone, cands["Dee"].utc_offset) == (None, None)
    assert parse_offset("Europe/Dublin") == "Europe/Dublin"


def test_csv_zone_column_and_a_bad_zone_named_with_line_and_column():
    raw = b"Name,IANA time zone\nAna,Pacific/Honolulu\nBen,Mars/Olympus\n"
    with pytest.raises(PlanError) as exc:
        parse_candidates_csv(raw, "logo", source="c.csv")
    assert str(exc.value).startswith("c.csv:3: timezone: 'Mars/Olympus' in column 'IANA time zone' is not a time zone")
    cands = parse_candidates_csv(b"Name,IANA time zone\nAna,Pacific/Honolulu\n", "logo", source="c.csv")
    assert cands[0].timezone == "Pacific/Honolulu"


def test_two_csv_columns_naming_different_zones_are_refused():
    raw = b"Name,Timezone,IANA time zone\nAna,Europe/Dublin,Europe/Dublin\nBen,Europe/Dublin,Asia/Manila\n"
    with pytest.raises(PlanError) as exc:
        parse_candidates_csv(raw, "logo", source="c.csv")
    assert str(exc.value).startswith("c.csv:3: timezone: column 'IANA time zone' names another time zone")
