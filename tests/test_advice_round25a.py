"""Round 25, part A (grading v22 fixes 6 and 9): creative work's offer names who licenses the
third-party material in the brief (music, stock footage, fonts) and for which use, and the
work's own use when the plan says nothing of who owns it; a gig marketplace's fixed fee per order
makes the first piece ONE order; a draft with no marketplace is told where to post it (from the
plan's marketplaces); "what done means" is checked the way the kind of work is checked."""

from __future__ import annotations

import pytest

from tests import plan_runner
from tests.plan_runner import HEAD

FIVERR = """
[[marketplaces]]
name = "Fiverr"
fee_percent = 5.5
fee_fixed = 2.5
"""


def _plan(description: str, title: str = "Edit 12 TikTok and Reels videos from our shop footage",
          extra: str = "", status: str = "draft", marketplaces: str = '["Upwork"]', jobs: int = 3,
          task_extra: str = "", market_rows: str = "") -> str:
    return HEAD.format(jobs=jobs) + market_rows + f"""
[[tasks]]
id = "t"
title = "{title}"
description = "{description}"
skills = ["work"]
size = "moderate"
pricing = "fixed"
budget = 4800.0
hours = 24.0
status = "{status}"
marketplaces = {marketplaces}
{task_extra}
""" + extra


def _step(got, start: str) -> str:
    return next(s for s in got.steps if s.startswith(start) or f": {start}" in s)


def _accept(got) -> str:
    """The acceptance advice as said: the Next step, else the finding's fix."""
    step = [s for s in got.steps if 'what "done" means' in s]
    return step[0] if step else got.by_rule()["fixed-price-needs-acceptance"].fix


def test_music_in_a_creative_brief_is_licensed_for_the_platforms_and_paid_ads(tmp_path):
    got = plan_runner.run(tmp_path, _plan("Vertical edits with captions and trending-style music."))
    said = _accept(got)
    assert "who licenses the music for commercial use on TikTok and Instagram" in said
    assert "trending sounds are for personal accounts only" in said
    assert "paid ads need a licence that names them" in said
    # creates_ip unset: the work's own use, said once, in the same step
    assert "your right to use the edits in paid ads and organic posts, raw and project files included" in said
    assert sum("paid ads and organic posts" in s for s in got.steps) <= 1


def test_hired_work_is_not_told_what_to_put_in_the_offer(tmp_path):
    extra = """
[[tasks.candidates]]
id = "a"
name = "Ana"
marketplace = "Upwork"
bid = 4700.0
status = "hired"
"""
    got = plan_runner.run(tmp_path, _plan("Vertical edits with captions and trending music.", status="hired", extra=extra))
    assert "in the offer," not in got.by_rule()["fixed-price-needs-acceptance"].fix


def test_no_music_asked_no_music_licence(tmp_path):
    got = plan_runner.run(tmp_path, _plan("Vertical edits with captions, no music."))
    said = _accept(got)
    assert "music" not in said.split(":", 1)[1]
    assert "paid ads and organic posts" in said  # the use of the edits is still open


def test_rights_already_settled_only_the_material_is_said(tmp_path):
    got = plan_runner.run(tmp_path, _plan("Vertical edits using stock footage and our brand fonts.",
                                          task_extra="creates_ip = true"))
    said = _accept(got)
    assert "who licenses the stock footage and the fonts" in said
    assert "state your right" not in said  # creates_ip: the IP assignment says who owns it


def test_not_creative_work_gets_no_licence_words(tmp_path):
    got = plan_runner.run(tmp_path, _plan("Move our customer records to the new CRM; music shop.",
                                          title="Move 3 years of records to the new CRM"))
    said = _accept(got)
    assert "licenses" not in said and "in the offer," not in said
    assert "record count in the old and the new system before and after the move" in said


def test_a_gig_marketplace_first_piece_is_one_order_with_its_money(tmp_path):
    got = plan_runner.run(tmp_path, _plan("Vertical edits with captions.", marketplaces='["Upwork", "Fiverr"]',
                                          jobs=0, market_rows=FIVERR))
    step = _step(got, "Begin with")
    assert "Begin with one video at about $400 (one order on Fiverr, not 12), then decide on the rest" in step
    # the finding's message reads the same judgement
    assert "(one video at about $400, one order on Fiverr, not 12)" in got.by_rule()["start-small"].message


def test_no_fee_per_order_keeps_the_paid_first_piece_in_hours(tmp_path):
    got = plan_runner.run(tmp_path, _plan("Vertical edits with captions.", jobs=0))
    step = _step(got, "Begin with")
    assert "a paid first piece of about" in step and "one order" not in step


def test_a_draft_with_no_marketplace_is_told_where_to_post_it(tmp_path):
    got = plan_runner.run(tmp_path, _plan("Translate our 20-page catalogue into German.", marketplaces="[]",
                                          title="Translate our catalogue", market_rows=FIVERR))
    said = _accept(got)
    assert "then pick where to post it: Upwork (where you noted its going rate) or Fiverr" in said
    assert "second reader's check of a sample" in said
    assert sum("pick where to post it" in (f.fix or "") + (f.message or "") for f in got.found) == 1


def test_a_marketplace_added_to_the_plan_is_named_by_the_kept_advisor(tmp_path):
    """An update keeps a task's facts while what they depend on is unchanged: the plan's
    marketplaces by name are part of it (a marketplace with no fees or escrow recorded too)."""
    task = dict(description="Translate our catalogue into German.", title="Translate our catalogue", marketplaces="[]")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before = plan_runner.write_plan(tmp_path / "a", _plan(**task))
    after = plan_runner.write_plan(tmp_path / "b", _plan(**task, market_rows='\n[[marketplaces]]\nname = "Workana"\n'))
    kept = plan_runner.advisor()
    kept.evaluate(before)
    fix = next(f.fix for f in kept.update(after) if f.rule == "fixed-price-needs-acceptance")
    assert "Upwork (where you noted its going rate) or Workana" in fix


@pytest.mark.parametrize("status, marketplaces", [("draft", '["Upwork"]'), ("posted", "[]")])
def test_no_post_prompt_once_a_marketplace_is_chosen_or_posted(tmp_path, status, marketplaces):
    got = plan_runner.run(tmp_path, _plan("Translate our catalogue into German.", title="Translate our catalogue",
                                          status=status, marketplaces=marketplaces))
    text = " ".join(got.steps) + " ".join((f.fix or "") for f in got.found)
    assert "pick where to post it" not in text


@pytest.mark.parametrize("title, description, check", [
    ("Digitise our paper archive", "Scanning of 5,000 paper files into PDFs.", "spot check of 20 random items"),
    ("Move 9 years of X-ray images to the new cloud PACS", "About 40,000 studies.",
     "record count in the old and the new system before and after the move"),
    ("Translate our menu into Japanese", "Two pages.", "second reader's check of a sample"),
    ("Fix bugs in our booking app", "Python backend.", "tests or a demo that run on your own machine"),
    ("Reconcile our 2026 books", "Bookkeeping for 12 months.", "reconciled to the bank statements"),
    ("File our 2026 tax return", "Form 1120-S.", "sent to you to approve before it is filed"),
    ("New website for the bakery", "Five pages.", "working on a phone and a computer"),
])
def test_acceptance_checks_fit_the_kind_of_work(tmp_path, title, description, check):
    got = plan_runner.run(tmp_path, _plan(description, title=title))
    assert check in _accept(got)
    assert check in got.by_rule()["fixed-price-needs-acceptance"].fix  # step and fix say the same


def test_unknown_kind_keeps_the_general_checks(tmp_path):
    got = plan_runner.run(tmp_path, _plan("Help with the stand at the fair.", title="Staff our fair stand"))
    assert "deliverables, file formats, number of revisions, and the date" in _accept(got)


def test_written_acceptance_moves_the_material_licence_into_the_ip_step(tmp_path):
    extra = """
[[tasks.candidates]]
id = "a"
name = "Ana"
marketplace = "Upwork"
bid = 4700.0
rating = 4.9
reviews = 40
status = "shortlisted"
"""
    got = plan_runner.run(tmp_path, _plan("Vertical edits with captions and licensed music.", status="hiring",
                                          task_extra='creates_ip = true\nacceptance = "12 edits, 9:16, 2 revisions"',
                                          extra=extra))
    assert "fixed-price-needs-acceptance" not in got.rules
    said = [s for s in got.steps if "who licenses the music" in s]
    assert len(said) == 1 and "IP assignment" in said[0]


def test_the_read_is_bounded_and_negation_aware():
    from advisor.rules.workkinds import SCAN, acceptance_checks, order_count, work_words

    class T:
        title = "Edit our videos"
        description = "x " * SCAN + "trending music"
        skills: list[str] = []
        acceptance = ""
    assert work_words(T).materials == ()  # past what is read
    T.description = "Edits without music."
    assert work_words(T).materials == ()
    T.description = "Edits with music."
    assert work_words(T).materials[0][0] == "the music"
    T.title = "Edit 12 TikTok and Reels videos"
    assert order_count(T) == (12, "video")
    T.title, T.description = "Stand staff", ""
    assert acceptance_checks(T).startswith("deliverables")


def test_material_the_owner_brings_is_not_licensed_from_anyone():
    """grading v33 review, capoeira: "our own berimbau recordings as music" got "say who licenses
    the music"; music the freelancer brings, or the owner's videos set to trending music, still do."""
    from advisor.rules.workkinds import work_words

    class T:
        title = "Edit 12 class videos"
        description = "Cut, colour, our own berimbau recordings as music, subtitles."
        skills: list[str] = []
        acceptance = ""
    assert work_words(T).materials == ()
    T.description = "Cortes e cor, com nossas próprias gravações como música."
    assert work_words(T).materials == ()
    T.description = "Our own footage, cut to trending music for our TikTok."
    assert [m for m, _ in work_words(T).materials] == ["the music"]
    T.description = "They may use their own music library."
    assert [m for m, _ in work_words(T).materials] == ["the music"]
    T.description = "Our videos need music."
    assert [m for m, _ in work_words(T).materials] == ["the music"]
