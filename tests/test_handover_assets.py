"""The last two buyer's checks of issue 22: one freelancer as the single point of failure on
critical work (task ``handover``: ``offer-handover``, ``solo-no-handover``,
``solo-handover-proven``) and third-party material inside delivered work (candidate
``third_party`` and the ``third_party`` phrase list: ``third-party-assets``). The fields
round-trip plan file -> workspace -> plan file, the rules speak on a real plan through the engine
and stay quiet where a buyer would not want them, and the interview kit asks each question once."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from advisor.advice.kit import interview_kit
from advisor.errors import PlanError
from advisor.rules.facts import plan_facts
from advisor.storage.planfile import dumps_plan, loads_plan
from advisor.storage.workspace import Workspace
from tests.plan_runner import advisor as shared_advisor

TODAY = date(2026, 6, 1)

PLAN = """format = 1

[business]
name = "Corner shop"
completed_jobs = 4

[[marketplaces]]
name = "Upwork"
fee_percent = 5.0

[[tasks]]
id = "shop"
title = "Shop rebuild"
size = "major"
critical = true
creates_ip = true
status = "hiring"
budget = 6000.0
hours = 120.0
deadline = 2026-06-12
marketplaces = ["Upwork"]

[[tasks.candidates]]
id = "ana"
name = "Ana"
marketplace = "Upwork"
bid = 5000.0
status = "shortlisted"
notes = "I will start from a ThemeForest template and add stock photos from Shutterstock."

[[tasks.candidates]]
id = "acme"
name = "Acme Studio"
kind = "agency"
named_people = ["Dana Lee"]
marketplace = "Upwork"
bid = 5500.0
status = "shortlisted"
notes = "No templates: every page is designed from scratch."

[[tasks.candidates]]
id = "rosa"
name = "Rosa"
marketplace = "Upwork"
bid = 5200.0
status = "applied"
past_jobs_with_us = 3
notes = "Happy to help again; I will use a premium plugin for the bundles."
"""


def plan_of(text: str = PLAN):
    return loads_plan(text)


def evaluate(plan, today=TODAY):
    # the process's shared advisor for the day (tests/plan_runner.py): a fresh engine session
    return list(shared_advisor(today).evaluate(plan))


def found(plan) -> set[tuple[str, str | None]]:
    return {(f.rule, f.candidate) for f in evaluate(plan)}


def hire(plan, who: str):
    task = plan.task("shop")
    task.status = "hired"
    for c in task.candidates:
        if c.id == who:
            c.status = "hired"
    return plan


def test_handover_advice_needs_a_concrete_gap():
    """Issue 21: a generic "who carries it on?" on every critical task was noise on five plans. It
    speaks only when the deadline is days away, or live work's weekly cap cannot cover the week;
    never to a proven contractor whose work has not started."""
    far = plan_of(PLAN.replace("deadline = 2026-06-12\n", "deadline = 2026-09-30\n"))
    assert ("offer-handover", None) not in found(far)
    assert ("solo-no-handover", "ana") not in found(hire(far, "ana"))
    live = plan_of(PLAN.replace("deadline = 2026-06-12\n", "collaboration = \"live\"\nweekly_cap = 25.0\n"
                                "description = \"Takes customer calls on the shop's line.\"\n"))
    [f] = [f for f in evaluate(live) if f.rule == "offer-handover"]
    assert "a cap of 25 hours a week cannot cover the 40 hours of your working week" in f.message
    assert "the other 15 hours" in f.fix
    [f] = [f for f in evaluate(plan_of()) if f.rule == "offer-handover"]
    assert "due in 11 days" in f.message and f.severity == "warning"
    later = hire(plan_of(), "rosa")
    later.candidate("rosa").available_from = date(2026, 6, 8)  # back next week: nothing to hand over yet
    assert "solo-handover-proven" not in {f.rule for f in evaluate(later)}


def test_the_fields_round_trip_through_the_workspace_and_are_left_out_when_empty(tmp_path):
    text = PLAN.replace('marketplaces = ["Upwork"]\n', 'marketplaces = ["Upwork"]\nhandover = "repo in our GitHub"\n', 1)
    text = text.replace('status = "shortlisted"\nnotes = "I will',
                        'status = "shortlisted"\nthird_party = "Dawn theme (MIT); 3 Shutterstock photos"\nnotes = "I will')
    plan = plan_of(text)
    with Workspace.open(tmp_path / "w.db") as ws:
        ws.replace_plan(plan)
        back = ws.load_plan()
    assert back == plan
    assert back.task("shop").handover == "repo in our GitHub"
    assert back.candidate("ana").third_party == "Dawn theme (MIT); 3 Shutterstock photos"
    assert loads_plan(dumps_plan(back)) == plan
    doc = tomllib.loads(dumps_plan(plan_of()))  # an old plan: the keys are not written
    assert "handover" not in doc["tasks"][0]
    assert all("third_party" not in c for c in doc["tasks"][0]["candidates"])


@pytest.mark.parametrize("key, value", [("handover", "x" * 1001), ("handover", "3"), ("third_party", "true")])
def test_bad_values_are_refused_naming_the_field(key, value):
    bad = value if len(value) > 10 else None
    line = f'{key} = "{bad}"' if bad else f"{key} = {value}"
    where = 'marketplaces = ["Upwork"]\n' if key == "handover" else 'status = "applied"\n'
    with pytest.raises(PlanError) as exc:
        loads_plan(PLAN.replace(where, where + line + "\n", 1), source="p.toml")
    assert key in str(exc.value) and "p.toml:" in str(exc.value)


def test_reused_material_is_read_from_the_notes_and_is_no_red_flag():
    f = plan_facts(plan_of(), today=TODAY)
    ana, acme = f[("candidate", "ana")], f[("candidate", "acme")]
    assert ana["mentions_third_party"] is True
    assert ana["said_third_party"] == '"ThemeForest", "stock photos", "Shutterstock"'  # at most 3, as written
    assert ana["red_flags"] == "" and ana["red_flag_drop"] is False  # asks for licences, rules nobody out
    assert acme["mentions_third_party"] is False  # "No templates": negated
    task = f[("task", "shop")]
    assert (task["offer_solo"], task["offer_solo_new"], task["offer_solo_names"]) == (1, 1, "Ana")


def test_the_offer_asks_for_a_handover_and_a_licence_list():
    got = found(plan_of())
    assert ("offer-handover", None) in got
    assert ("third-party-assets", "ana") in got
    assert ("third-party-assets", "acme") not in got  # said it reuses nothing
    assert ("third-party-assets", "rosa") not in got  # only applied: no offer in sight
    [f] = [f for f in evaluate(plan_of()) if f.rule == "third-party-assets"]
    assert '"ThemeForest"' in f.message and "Shop rebuild" in f.message  # quotes the words it found


def test_recording_the_handover_and_the_list_quiets_them():
    plan = plan_of()
    plan.task("shop").handover = "repo and hosting in our accounts; README; backup: Li"
    plan.candidate("ana").third_party = "Dawn theme (MIT); 3 Shutterstock photos (standard licence)"
    got = found(plan)
    assert not {r for r, _ in got} & {"offer-handover", "third-party-assets"}


def test_only_agencies_or_rehires_on_the_shortlist_get_no_offer_handover():
    plan = plan_of()
    plan.candidate("ana").status = "rejected"
    assert ("offer-handover", None) not in found(plan)  # Acme is an agency: agency rules cover it
    plan.candidate("rosa").status = "shortlisted"
    assert ("offer-handover", None) not in found(plan)  # a rehire: rehire-proven speaks


def test_a_hired_freelancer_hears_it_and_a_proven_one_hears_it_lower():
    got = found(hire(plan_of(), "ana"))
    assert ("solo-no-handover", "ana") in got and ("offer-handover", None) not in got
    assert ("third-party-assets", "ana") in got  # still no list after the hire
    sev = {f.rule: f.severity for f in evaluate(hire(plan_of(), "rosa"))}
    assert sev.get("solo-handover-proven") == "info" and "solo-no-handover" not in sev
    assert sev.get("third-party-assets") == "warning"  # a rehire's licences are per job too
    plan = hire(plan_of(), "rosa")
    plan.task("shop").critical = False  # major, not critical: a rehire's way of working is enough
    assert "solo-handover-proven" not in {f.rule for f in evaluate(plan)}
    assert ("solo-no-handover", "acme") not in found(hire(plan_of(), "acme"))


def test_document_work_gets_no_handover_advice():
    plan = plan_of()
    task = plan.task("shop")
    task.title = "Translate the shop into Japanese"
    assert ("offer-handover", None) not in found(plan)
    assert ("solo-no-handover", "ana") not in found(hire(plan, "ana"))


def test_the_kit_asks_about_licences_once_and_about_the_handover():
    plan = plan_of()
    findings = evaluate(plan)
    texts = [q.text for q in interview_kit(plan, findings, "shop", "ana")]
    licences = "Will you use any third-party or pre-existing code or assets, and under which licences?"
    assert texts.count(licences) == 1  # offer-ip-assignment asks it too: once
    assert any(t.startswith("If you were unavailable for a month") for t in texts)
    rules = {q.rule for q in interview_kit(plan, findings, "shop", "ana")}
    assert "offer-handover" in rules


def test_a_user_can_add_third_party_phrases_in_the_config(tmp_path):
    from advisor.settings import load_settings

    cfg = tmp_path / "config.toml"
    cfg.write_text('[advisor.phrases]\nthird_party = ["sitekit base"]\n', encoding="utf-8")
    settings = load_settings(cfg, env={})
    plan = plan_of()
    plan.candidate("acme").notes = "We build on our Sitekit base."
    assert plan_facts(plan, None, TODAY)[("candidate", "acme")]["mentions_third_party"] is False
    f = plan_facts(plan, settings.advisor.settings, TODAY)[("candidate", "acme")]
    assert f["said_third_party"] == '"Sitekit base"'


def test_one_agency_holding_critical_major_work_needs_a_handover_proven_or_not():
    """plan-format.md: critical, major work held by one hired agency with no handover gets a
    warning, even with a passed trial (grading v17, dental); a recorded handover or a moderate
    task quiets it, and a hired freelancer hears solo-no-handover instead."""
    later = date(2026, 9, 1)  # no deadline near: the freelancer rules' concrete gap is absent
    plan = hire(plan_of(), "acme")
    assert ("agency-no-handover", "acme") in {(f.rule, f.candidate) for f in evaluate(plan, later)}
    plan.task("shop").candidates[1].trial = "passed"  # proven
    assert ("agency-no-handover", "acme") in {(f.rule, f.candidate) for f in evaluate(plan, later)}
    plan.task("shop").handover = "designs in our Dropbox; backup: our in-house designer"
    assert "agency-no-handover" not in {f.rule for f in evaluate(plan, later)}
    plan = hire(plan_of(), "acme")
    plan.task("shop").size = "moderate"
    assert "agency-no-handover" not in {f.rule for f in evaluate(plan, later)}
    assert "agency-no-handover" not in {f.rule for f in evaluate(hire(plan_of(), "ana"), later)}
