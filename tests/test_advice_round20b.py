"""Round 20 part B (grading v18 fixes 3-5): a candidate's notes checked against what the brief
requires, the interview as the step on a critical job due soon, and screening advice that knows
who was screened out for cause and how the contract is paid."""

from __future__ import annotations

from pathlib import Path

from advisor.advice.value import task_values
from tests import plan_runner
from tests.plan_runner import HEAD

def _cand(cid: str, status: str, *, price: str = "bid = 1000.0", notes: str = "", extra: str = "",
          interview: str = "") -> str:
    out = f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "Upwork"
{price}
rating = 4.9
reviews = 30
jobs = 30
job_success = 95
status = "{status}"
notes = "{notes}"
{extra}
"""
    if interview:
        out += f"\n[tasks.candidates.interview]\ndate = 2026-12-01\nscores = {interview}\n"
    return out


def _task(body: str, cands: str, *, jobs: int = 3) -> str:
    return HEAD.format(jobs=jobs) + f"""
[[tasks]]
id = "t"
title = "The job"
skills = ["work"]
marketplaces = ["Upwork"]
{body}
""" + cands


def _run(tmp_path: Path, text: str):
    """(plan, findings, next-step actions) of a plan written in TOML, judged on 2026-12-07."""
    return plan_runner.run(tmp_path, text)


def _rules(found) -> set[str]:
    return {f.rule for f in found}


# --------------------------------------------------------------- fix 3: notes against the brief

VOICE = """size = "moderate"
pricing = "fixed"
budget = 1200.0
hours = 40.0
status = "hiring"
deadline = 2027-03-01
description = "Word cards with audio recorded by a human native speaker."
acceptance = "All audio by one human native speaker, no text-to-speech."
"""


def test_a_synthetic_voice_against_a_human_voice_requirement_is_never_first(tmp_path):
    """flashcards (v18): "generated with a neural voice (VOICEVOX)" against "no text-to-speech":
    the cheapest bid is out of the Ranking's #1, and the line names what the brief requires."""
    cands = (_cand("lan", "shortlisted", price="bid = 600.0",
                   notes="To keep the cost low the audio would be generated with a Japanese neural voice (VOICEVOX).")
             + _cand("sato", "shortlisted", price="bid = 1100.0", notes="Professional narrator, home studio."))
    plan, found, _ = _run(tmp_path, _task(VOICE, cands))
    line = next(f for f in found if f.rule == "machine-work-for-human-task")
    assert line.candidate == "lan" and "neural voice" in line.message
    assert "no text-to-speech" in line.message and "native speaker" in line.message
    rows = task_values(plan, plan.tasks[0])
    first = next(v for v in rows if not v.excluded and not v.partial)
    assert first.candidate == "sato"
    assert any(v.candidate == "lan" and v.excluded for v in rows)


def test_a_candidate_who_rules_out_text_to_speech_is_not_flagged(tmp_path):
    cands = (_cand("mei", "shortlisted", notes="I record every word myself, no text-to-speech.")
             + _cand("sato", "shortlisted", price="bid = 1100.0"))
    _, found, _ = _run(tmp_path, _task(VOICE, cands))
    assert "machine-work-for-human-task" not in _rules(found)


def test_a_synthetic_voice_is_their_business_where_the_brief_asks_for_no_person(tmp_path):
    body = VOICE.replace("Word cards with audio recorded by a human native speaker.", "Word cards with audio.") \
        .replace("All audio by one human native speaker, no text-to-speech.", "1,500 cards in Anki format.")
    cands = _cand("lan", "shortlisted", notes="Audio generated with a neural voice (VOICEVOX).")
    _, found, _ = _run(tmp_path, _task(body, cands))
    assert "machine-work-for-human-task" not in _rules(found)


AGENCY = """size = "moderate"
pricing = "fixed"
budget = 1200.0
hours = 24.0
status = "hiring"
deadline = 2027-03-01
"""


def test_an_agency_whose_interviewed_senior_is_not_the_implementer_is_flagged(tmp_path):
    """hotel (v18): interviewed Marta; "one of our implementation team" will do the work."""
    notes = "Interviewed Marta (senior consultant); she said one of our implementation team will do the work."
    cands = _cand("krakow", "interviewed", notes=notes, interview="{ communication = 4 }",
                  extra='kind = "agency"\nnamed_people = ["Marta"]')
    _, found, _ = _run(tmp_path, _task(AGENCY, cands))
    line = next(f for f in found if f.rule == "agency-implementer-unmet")
    assert "one of our implementation team" in line.message


def test_an_agency_not_yet_met_or_one_naming_its_implementer_is_not(tmp_path):
    shortlisted = _cand("krakow", "shortlisted", notes="One of our implementation team will do the work.",
                        extra='kind = "agency"\nnamed_people = ["Marta"]')
    _, found, _ = _run(tmp_path, _task(AGENCY, shortlisted))
    assert "agency-implementer-unmet" not in _rules(found)
    same = _cand("krakow", "interviewed", notes="Marta does the whole set-up herself.",
                 interview="{ communication = 4 }", extra='kind = "agency"\nnamed_people = ["Marta"]')
    _, found, _ = _run(tmp_path, _task(AGENCY, same))
    assert "agency-implementer-unmet" not in _rules(found)


# ------------------------------------------------- fix 4: the interview on a critical job due soon

def _urgent(deadline: str) -> str:
    return f"""size = "moderate"
description = "An age check and the shipping options at checkout."
critical = true
pricing = "fixed"
budget = 900.0
hours = 12.0
status = "hiring"
deadline = {deadline}
sensitive_data = true
"""


def _distillery_cands() -> str:
    return (_cand("priya", "applied", price="bid = 840.0")
            + _cand("budi", "applied", price="bid = 250.0", notes="Age check only; shipping options are not included."))


def test_a_critical_job_due_in_11_days_with_nobody_interviewed_gets_the_interview_first(tmp_path):
    """distillery (v18): "share no data" and "re-quote" took the slots; the interview was missing."""
    _, found, steps = _run(tmp_path, _task(_urgent("2026-12-18"), _distillery_cands()))
    assert "interview-before-deadline" in _rules(found)
    assert steps[0].startswith("Interview Priya this week"), steps
    assert "due in 11 days" in steps[0]
    assert not any("Budi" in s.split(";")[0] and "Interview" in s for s in steps)  # a part-scope quote is not met first


def test_with_weeks_to_go_the_usual_screening_speaks(tmp_path):
    _, found, steps = _run(tmp_path, _task(_urgent("2027-02-18"), _distillery_cands()))
    assert "interview-before-deadline" not in _rules(found)
    assert not any("this week" in s for s in steps)


def test_one_interview_step_not_two_when_the_shortlist_is_waiting(tmp_path):
    cands = _cand("ana", "shortlisted", price="bid = 800.0") + _cand("ben", "shortlisted", price="bid = 850.0")
    _, found, steps = _run(tmp_path, _task(_urgent("2026-12-18"), cands))
    assert "interview-before-deadline" in _rules(found) and "interview-the-shortlist" not in _rules(found)
    assert sum("Interview" in s or "Talk to" in s for s in steps) == 1, steps


# -------------------------------------------------------- fix 5: screening that knows the stage

def _chiro(cap: str = "weekly_cap = 15.0") -> str:
    return f"""size = "moderate"
critical = true
pricing = "hourly"
budget = 32.0
hours = 60.0
{cap}
status = "hiring"
deadline = 2027-03-01
sensitive_data = true
key_criteria = ["accuracy"]
"""


def _screened(jennifer: str = "{ accuracy = 5, communication = 5, speed = 4 }") -> str:
    return (_cand("jennifer", "interviewed", price="hourly = 34.0", interview=jennifer)
            + _cand("fatima", "interviewed", price="hourly = 20.0", notes="I would paste the codes into ChatGPT to check them.",
                    interview="{ accuracy = 2, communication = 4 }")
            + _cand("mark", "applied", price="hourly = 25.0", notes="Send me your username and password for the billing system."))


def test_no_call_for_more_candidates_when_the_others_were_ruled_out_and_the_one_left_interviewed_well(tmp_path):
    """chiro (v18): a verified coder at 4.7/5, the other two dropped for cause: screened, not short."""
    _, found, steps = _run(tmp_path, _task(_chiro(), _screened()))
    assert "invite-more-candidates" not in _rules(found)
    assert not any("Invite" in s for s in steps)


def test_one_candidate_interviewed_and_nobody_else_ever_seen_still_gets_invite_more(tmp_path):
    cands = _cand("jennifer", "interviewed", price="hourly = 34.0", interview="{ accuracy = 5, communication = 5 }")
    _, found, _ = _run(tmp_path, _task(_chiro(), cands))
    assert "invite-more-candidates" in _rules(found)


def test_a_weekly_capped_hourly_contract_has_its_first_week_as_the_trial(tmp_path):
    _, found, _ = _run(tmp_path, _task(_chiro(), _screened()))
    assert "paid-trial-first" not in _rules(found)
    line = next(f for f in found if f.rule == "first-week-trial")
    assert "capped at 15 hours a week" in line.message


def test_the_trial_names_the_one_left_not_your_top_one_or_two(tmp_path):
    # an interview under 4 (a good one on a moderate job is hired on: paid-trial-first rests)
    _, found, _ = _run(tmp_path, _task(_chiro(cap=""), _screened("{ accuracy = 4, communication = 3, speed = 4 }")))
    line = next(f for f in found if f.rule == "paid-trial-first")
    assert "Pay Jennifer about" in line.message and "one or two" not in line.message
    assert " each " not in line.message
