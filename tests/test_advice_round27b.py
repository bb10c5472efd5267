"""Round 27, part B (grading v24 fix 8): a candidate dropped for one reason shows every reason
the advice has, most serious first, in the Ranking's "excluded" and the drop step alike. Here:
AI translation said in the candidate's own language (yacht: "yapay zekâ ile çeviririm" was
dropped only for the bank move, so the owner could not answer the AI offer) counts as machine
output on work that needs a person, beside the move off the marketplace."""

from __future__ import annotations

import pytest

from advisor.advice.value import values_with
from tests import plan_runner
from tests.plan_runner import HEAD

TASK = HEAD.format(jobs=3) + """
[[tasks]]
id = "t"
title = "Translate the booking pages"
description = "Human translation only: a native speaker writes every page."
skills = ["translation"]
marketplaces = ["Upwork"]
size = "moderate"
pricing = "fixed"
budget = 1200.0
hours = 30.0
status = "hiring"
deadline = 2027-02-20
""" + "".join(f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.capitalize()}"
marketplace = "Upwork"
bid = {bid}
rating = 4.9
reviews = 40
jobs = 50
job_success = 97
status = "applied"
notes = "{notes}"
""" for cid, bid, notes in (
    ("katrin", 1100.0, "Native German translator, I write every page myself."),
    ("mert", 800.0, "Üç dili de yapay zekâ ile çeviririm. Ödemeyi Upwork dışında havale ile yaparsanız %10 indirim."),
    ("ivan", 700.0, "Переведу с помощью ИИ за два дня."),
    ("lena", 900.0, "Ich übersetze alles selbst, ohne KI."),
))

AI = "offers machine or AI output for work that needs a person"


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    return plan_runner.run(tmp_path_factory.mktemp("r27b"), TASK)


def _excluded(got) -> dict[str, str]:
    task = got.plan.tasks[0]
    return {v.name: v.excluded for v in values_with(got.plan, task) if v.excluded}


def test_every_reason_for_a_drop_is_listed_most_serious_first(got):
    why = _excluded(got)["Mert"]
    assert why == f"asked to move off the marketplace and {AI}"  # the move first (seriousness order)
    drop = next(s for s in got.steps if "drop " in s and "Mert" in s)
    tail = drop.split("Mert (", 1)[1]
    assert tail.index("asked to move off the marketplace") < tail.index(AI) and "yapay zekâ ile" in tail


def test_ai_in_another_language_alone_rules_out_on_human_work(got):
    assert _excluded(got)["Ivan"] == AI


def test_no_ai_and_a_clean_bid_stay_ranked(got):
    out = _excluded(got)
    assert "Lena" not in out and "Katrin" not in out  # "ohne KI" is no AI offer
