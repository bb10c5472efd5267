"""Round 26, part B (grading v23 fixes 2 and 5): a part of the job a bid prices on top is added to
it and the whole quotes are compared; an extra the task's own words never ask for (travel for an
optional visit) is no missing scope; a part of the work a machine drafts and a person checks keeps
the bid ranked, with the question (a native reviewer's sample, or the all-human bid) on its
Ranking line and on the step that picks them."""

from __future__ import annotations

import pytest

from advisor.commands.check import ranking_lines
from advisor.plan.model import Task
from tests import plan_runner
from tests.plan_runner import HEAD

PAIRINGS = """
[[tasks]]
id = "pairings"
title = "Swiss pairings and live results pages for our congress"
description = "Pairings from an open-source engine, published on our WordPress site after each round, plus the rating file for the federation afterwards."
skills = ["work"]
marketplaces = ["Upwork"]
size = "minor"
pricing = "fixed"
budget = 250.0
hours = 10.0
status = "hiring"
deadline = 2027-02-06
"""

NEWSLETTER = """
[[tasks]]
id = "news"
title = "Translate the parent newsletter into English, Chinese and Vietnamese"
description = "Four pages: menus, vaccination reminders and the new pick-up rules. Parents rely on them."
skills = ["work"]
marketplaces = ["Upwork"]
size = "minor"
pricing = "fixed"
budget = 900.0
hours = 12.0
status = "hiring"
deadline = 2027-02-06
"""


def _cand(cid: str, bid: float, notes: str, status: str = "applied", more: str = "") -> str:
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.capitalize()}"
marketplace = "Upwork"
bid = {bid}
rating = 4.8
reviews = 35
jobs = 40
job_success = 95
status = "{status}"
notes = "{notes}"
{more}
"""


KOVA = "Pairing engine setup and a results page on WordPress. Rating file export not included, quoted later at $90."
SAM = "Local, could come to the venue on the Saturday morning if needed (travel not included)."
PAPAGO = "English and Chinese I translate myself. Vietnamese: a Papago draft, then I edit and check it."


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    text = (HEAD.format(jobs=3) + PAIRINGS + _cand("kova", 180.0, KOVA) + _cand("priya", 240.0, "Everything in your brief.")
            + _cand("sam", 320.0, SAM)
            + NEWSLETTER + _cand("minji", 600.0, PAPAGO) + _cand("agency", 840.0, "Three native translators, one per language."))
    return plan_runner.run(tmp_path_factory.mktemp("r26b"), text)


# ------------------------------------------------ fix 2: the part priced, the extra nobody asked for

def test_a_part_priced_in_the_notes_is_added_and_the_whole_quotes_are_compared(run):
    task = run.plan.tasks[0]
    kova = next(c for c in task.candidates if c.id == "kova")
    assert kova.price(task) == 270.0  # $180 + the rating file at $90
    assert not any(f.rule == "partial-scope" for f in run.found)
    assert not any("quote the whole scope" in s for s in run.steps), run.steps
    line = ranking_lines(run.plan)[0]
    assert line.split(":")[1].strip().startswith("#1 Priya")
    assert 'Kova (whole job $283.50 with fees: "Rating file export not included, quoted later at $90"' in line
    assert "not comparable" not in line


def test_travel_for_an_optional_visit_is_no_missing_scope_but_travel_to_do_the_work_is():
    from advisor.plan.scope import scope_gaps

    task = Task("t", "Drone video of the orchard", description="Aerial and ground footage of the orchard for the website.")
    assert scope_gaps(SAM, ("travel not included",), task) == []
    needed = "Price covers filming and editing; travel to the orchard charged extra."
    assert scope_gaps(needed, ("charged extra",), task) == ["travel to the orchard charged extra"]


def test_only_what_the_task_asks_for_counts_and_a_rate_is_no_part_price():
    from advisor.plan.scope import part_price, scope_gaps

    task = Task("t", "Migrate the shop to Shopify", description="Products, customers, order history and redirects.")
    assert scope_gaps("Order history not included.", ("not included",), task) == ["Order history not included"]
    assert scope_gaps("Printing not included.", ("not included",), task) == []  # nobody asked for printing
    # "£15 per 10 products" is a rate, not the part's price: still a gap, nothing added
    notes = "Product import not included, quoted later at £15 per 10 products."
    assert part_price(notes, Task("t", "Move the products", description="Move all products."), 500.0) == 0.0
    # a title alone says too little: what is left out stays a gap
    assert scope_gaps("Printing not included.", ("not included",), Task("t", "Design the menu")) != []


# ------------------------------------------------ fix 5: a part drafted by machine, then checked

def test_a_part_drafted_by_machine_then_checked_stays_ranked_with_the_question(run):
    line = ranking_lines(run.plan)[1]
    assert "#1 Minji" in line and "excluded" not in line and "not comparable" not in line
    assert "ask first for a native reviewer's sample of the part a machine drafts" in line
    assert "or prefer an all-human bid" in line
    assert not any(f.rule in ("machine-work-for-human-task", "partial-scope") and f.candidate == "minji" for f in run.found)


@pytest.mark.parametrize("notes", [
    "영어·중국어는 제가 직접 번역합니다. 베트남어는 파파고로 초벌 번역 후 검수합니다.",
    "English and Chinese by me. Vietnamese: DeepL, then I post-edit it.",
])
def test_the_tool_names_and_a_part_of_the_work_are_read_in_any_language(notes):
    from advisor.plan.model import Candidate
    from advisor.rules.judgements import candidate_matcher, candidate_words, machine_ask

    found = candidate_words(Candidate("m", "M", notes=notes), candidate_matcher(None))
    assert "machine_work" not in found.categories and "extras" not in found.categories
    assert machine_ask(found).startswith("for a native reviewer's sample")


def test_a_machine_part_nobody_who_speaks_it_checks_is_left_out_and_all_by_machine_is_machine_work():
    from advisor.plan.model import Candidate
    from advisor.rules.judgements import candidate_matcher, candidate_words

    m = candidate_matcher(None)
    unchecked = "Native Chinese, writes English well. For Korean and Thai she would run DeepL and check it herself; she does not speak either language."
    assert "extras" in candidate_words(Candidate("w", "W", notes=unchecked), m).categories
    everything = "4言語すべて対応します。DeepLで一括翻訳し、日本語のみ私が確認します。ドイツ語・フランス語のネイティブチェックは対応しておりません。"
    assert "machine_work" in candidate_words(Candidate("t", "T", notes=everything), m).categories


def test_the_step_that_hires_them_carries_the_question(tmp_path):
    more = 'past_jobs_with_us = 3\n[tasks.candidates.interview]\nscores = { quality = 5, communication = 5 }'
    text = (HEAD.format(jobs=3) + NEWSLETTER + _cand("minji", 600.0, PAPAGO, "shortlisted", more)
            + _cand("other", 700.0, "All three languages by me.", "applied"))
    got = plan_runner.run(tmp_path, text)
    step = next(s for s in got.steps if "Minji" in s and ("Hire" in s or "Rehire" in s))
    assert "first ask Minji for a native reviewer's sample" in step


def test_hostile_notes_are_read_only_up_to_the_bound():
    """Notes are hostile: the scope scan reads at most MAX_CHARS of them, however long they are."""
    from advisor.plan.scope import MAX_CHARS, clauses, part_price, scope_gaps

    huge = "Printing not included, quoted later at $90. " * 50_000
    assert len(clauses(huge)) <= MAX_CHARS // 20
    task = Task("t", "Print the menus", description="Design and printing of the menus.")
    assert part_price(huge, task, 100.0) == 90.0  # the same part said again is one part
    assert len(scope_gaps(huge, ("not included",), Task("t", "Design the menus", description="Menus."))) == 0
