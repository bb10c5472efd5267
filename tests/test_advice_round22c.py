"""Round 22 part C (grading v20 fix 4; v19 fixes 2, 3, 7, 9): the offer's terms from the first
bids on, in one step; a part-scope bid read from its words in several languages; a job split by
language when nobody covers all of it; milestones sized from the leading whole-scope bid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.advice.value import task_values
from advisor.phrases import matcher
from advisor.rules.judgements import partial_quote
from tests import plan_runner
from tests.test_advice_round20b import HEAD

TODAY = date(2026, 12, 7)


def _cand(cid: str, *, bid: float = 1000.0, notes: str = "", status: str = "applied") -> str:
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.title()}"
marketplace = "Upwork"
bid = {bid}
rating = 4.9
reviews = 30
jobs = 30
job_success = 95
status = "{status}"
notes = "{notes}"
"""


def _plan(tmp_path: Path, cands: str, *, title: str = "Surtitles for the opera", extra: str = "",
          pricing: str = "fixed", budget: float = 1800.0, hours: float = 40.0):
    text = HEAD.format(jobs=3) + f"""
[[tasks]]
id = "t"
title = "{title}"
description = "Titles cued to the score."
skills = ["work"]
marketplaces = ["Upwork"]
size = "moderate"
pricing = "{pricing}"
budget = {budget}
hours = {hours}
status = "hiring"
deadline = 2027-03-01
creates_ip = true
acceptance = "All titles cued, one correction pass."
{extra}
""" + cands
    return plan_runner.write_plan(tmp_path, text)


@pytest.fixture(scope="module")
def advisor():
    """The process's shared advisor (tests/plan_runner.py): a fresh engine session per plan."""
    return plan_runner.advisor(TODAY)


def _advice(advisor, plan) -> tuple[list, list[str]]:
    assert advisor is plan_runner.advisor(TODAY)
    found = plan_runner.evaluate(plan, TODAY)
    steps = plan_runner.arranged(plan, found, TODAY)[1]
    return found, [s.action for s in steps], steps


@pytest.mark.parametrize("text", [
    "Price is for translation of the libretto text only; cueing can be quoted later at 45 EUR/h.",
    "Subtitles only, the cue list comes later.",
    "Cueing quoted later at 40/h.",
    "Precio sin incluir la revisión.",
    "Nur die Übersetzung, Cueing extra.",
    "字幕翻译，不含时间轴。",
])
def test_a_bid_for_part_of_the_job_is_read_from_its_words(text):
    assert partial_quote(matcher().find(text))


@pytest.mark.parametrize("text", [
    "Full scope incl. cueing and one correction pass.",
    "I only work through Upwork.",
    "Available later this week for a call.",
])
def test_a_whole_scope_bid_is_no_part_quote(text):
    assert not partial_quote(matcher().find(text))


def test_a_part_bid_is_not_comparable_and_left_out_of_the_median(tmp_path):
    """theatre (v20): Marco's translation-only bid ranked as a whole one, inside "the median of live bids"."""
    from advisor.commands.check import ranking_lines

    plan = _plan(tmp_path, _cand("olga", bid=1600.0) + _cand("jana", bid=1750.0) + _cand("ana", bid=1500.0)
                 + _cand("marco", bid=950.0, notes="Translation only; cueing can be quoted later at 45 EUR/h."))
    rows = {v.candidate: v for v in task_values(plan, plan.tasks[0])}
    assert rows["marco"].partial and not rows["olga"].partial
    line = ranking_lines(plan)[0]
    assert "not comparable: Marco" in line and "the median of 3 whole-scope bids" in line


def test_the_part_bid_step_asks_for_the_whole_scope_or_the_missing_part(tmp_path, advisor):
    plan = _plan(tmp_path, _cand("olga", bid=1600.0)
                 + _cand("marco", bid=950.0, notes="Subtitles only; cueing quoted later at 45 EUR/h."))
    _, steps, _ = _advice(advisor, plan)
    assert "Ask Marco to quote the whole scope or price the missing part" in steps


def test_the_ip_assignment_is_said_from_the_first_bids_once(tmp_path, advisor):
    """theatre, escape (v19, v20): creates_ip, 3 bids in, nobody shortlisted: no IP step at all."""
    plan = _plan(tmp_path, _cand("olga", bid=1600.0) + _cand("jana", bid=1750.0))
    found, steps, _ = _advice(advisor, plan)
    ip = [f for f in found if f.rule == "offer-ip-assignment"]
    assert len(ip) == 1 and "bidding so far" in ip[0].message
    assert sum("IP assignment" in s for s in steps) == 1


def test_no_ip_step_before_any_bid(tmp_path, advisor):
    found, _, _ = _advice(advisor, _plan(tmp_path, ""))
    assert not [f for f in found if f.rule == "offer-ip-assignment"]


def test_the_offers_terms_are_one_step_not_a_line_each(tmp_path, advisor):
    """cafe (v20): an IP assignment, a weekly cap and a handover were three findings."""
    from advisor.advice.offerterms import OFFER_TERMS

    plan = _plan(tmp_path, _cand("olga", bid=40.0, status="shortlisted") + _cand("jana", bid=45.0, status="shortlisted"),
                 title="Fix the booking app sync bugs", pricing="hourly", budget=45.0, extra="critical = true")
    found, _, steps = _advice(advisor, plan)
    terms = [f for f in found if f.rule in OFFER_TERMS]
    assert len(terms) >= 2
    said = [s for s in steps if s.line.rule in OFFER_TERMS]
    assert len(said) == 1 and {ln.rule for ln in said[0].covers} >= {f.rule for f in terms}
    assert said[0].action.startswith("Put an IP assignment and a weekly hour cap in the offer: ")


def test_a_machine_for_some_languages_is_a_part_not_a_drop_and_the_parts_are_split(tmp_path, advisor):
    """ski (v19): 王丽娜 dropped for DeepL on Korean and Thai although her English and Chinese were
    excellent; nobody proposed per-language contracts."""
    title = "Booking emails in English, Chinese, Korean and Thai"
    plan = _plan(tmp_path, _cand("wang", bid=900.0, status="shortlisted",
                                 notes="Native Chinese, writes English well. For Korean and Thai she would run DeepL.")
                 + _cand("nat", bid=600.0, notes="Thai only: the Chinese and Korean versions are not included."),
                 title=title)
    rows = {v.candidate: v for v in task_values(plan, plan.tasks[0])}
    assert not rows["wang"].excluded and rows["wang"].partial and rows["nat"].partial
    _, steps, _ = _advice(advisor, plan)
    split = [s for s in steps if s.startswith("Nobody covers all of it")]
    assert split == ["Nobody covers all of it: contract Wang for English and Chinese, Nat for Thai, "
                     "post Korean on its own, or re-post the whole job"]
    assert not any(s.startswith("Hire Wang") for s in steps)


def test_a_machine_for_the_whole_job_is_still_machine_output():
    from advisor.rules.deliverables import machine_part

    assert machine_part("I would run DeepL for the Korean and check it.", ["DeepL"]) == ""  # no other language
    assert machine_part("Native Chinese. For Korean I would run DeepL.", ["DeepL"]) == "For Korean I would run DeepL"


def test_milestones_are_sized_from_the_leading_whole_bid_and_say_so(tmp_path, advisor):
    """daycare (v19): milestones at the budget beside a #1 bid 16% over it."""
    plan = _plan(tmp_path, _cand("olga", bid=2900.0, status="shortlisted") + _cand("jana", bid=3100.0),
                 hours=80.0, budget=2600.0)
    _, steps, _ = _advice(advisor, plan)
    ms = [s for s in steps if "milestones of about" in s]
    assert ms and "from Olga's bid" in ms[0]
    n = int(ms[0].split(" milestones")[0].split()[-1])
    amount = float(ms[0].split("about $")[1].split(" ")[0].replace(",", ""))
    assert abs(amount * n - 2900.0) <= 100 * n  # the bid, not the 2,600 budget
