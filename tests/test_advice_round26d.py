"""Round 26, part D (grading v23 fixes 6, 7, 9 and the second half of 10): access already scoped
to one object or a narrowed role is not restated; a weekly cap on live work is a gap only when the
work answers what comes in all day; personal records named in the task's words make it sensitive,
and the data step says what to send by the kind of work; the acceptance checklist fits labels and
a page on a site the owner already has."""

from __future__ import annotations

from advisor.rules.access import unscoped
from advisor.rules.datashare import personal_need
from tests import plan_runner
from tests.plan_runner import HEAD


def _task(body: str, cands: str = "", *, title: str = "Build the thing", skills: str = '["work"]') -> str:
    return HEAD.format(jobs=3) + f"""
[[tasks]]
id = "t"
title = "{title}"
skills = {skills}
marketplaces = ["Upwork"]
size = "moderate"
{body}
""" + cands


def _cand(cid: str, status: str, price: str, notes: str = "", more: str = "") -> str:
    return f"""
[[tasks.candidates]]
id = "{cid}"
name = "{cid.capitalize()}"
marketplace = "Upwork"
{price}
rating = 4.9
reviews = 40
jobs = 50
job_success = 97
status = "{status}"
notes = "{notes}"
{more}
"""


HIRED = 'pricing = "fixed"\nbudget = 1000.0\nhours = 30.0\nstatus = "hired"\ndeadline = 2027-02-20'


# ------------------------------------------------------------ fix 10: tidy access stays quiet

def test_access_scoped_to_one_object_or_a_narrowed_role_is_not_restated(tmp_path):
    assert unscoped(["prestashop-employee-catalog-only", "google-workspace-export-mailbox",
                     "shared-drive-exportaciones"]) == []
    # the whole system, or a shared inbox with nothing saying which: still said
    assert unscoped(["google-drive", "shared-inbox", "shopify", "google-workspace"]) == [
        "google-drive", "shared-inbox", "shopify", "google-workspace"]
    for access, fires in ((['"prestashop-employee-catalog-only"'], False),
                          (['"google-workspace-export-mailbox"', '"shared-drive-exportaciones"'], False),
                          (['"google-drive"', '"shared-drive-exportaciones"'], True)):
        body = HIRED + f"\naccess = [{', '.join(access)}]"
        got = plan_runner.run(tmp_path, _task(body, _cand("ana", "hired", "bid = 900.0")))
        assert ("access-least-privilege" in got.rules) is fires, (access, got.rules)


# ------------------------------------------------------------ fix 7: a part-time cap is no gap

LIVE = ('pricing = "hourly"\nbudget = 12.0\nhours = 80.0\nweekly_cap = 20.0\nstatus = "hiring"\n'
        'critical = true\ncollaboration = "live"\n')


def test_a_cap_on_live_work_that_answers_nothing_is_no_gap(tmp_path):
    billing = LIVE + 'description = "Submits claims and calls payers. Works live during our clinic hours."'
    got = plan_runner.run(tmp_path, _task(billing, _cand("maria", "interviewed", "hourly = 9.0")))
    assert not any(s.startswith("Cover the") for s in got.steps), got.steps
    assert not any("cannot cover the" in f.message for f in got.found)
    # the same cap on work that answers the phones all day leaves hours open
    desk = LIVE + 'description = "Answers patient calls during our clinic hours."'
    got = plan_runner.run(tmp_path, _task(desk, _cand("maria", "interviewed", "hourly = 9.0")))
    assert any(s.startswith("Cover the 20 hours of your 40-hour week that a 20-hour cap leaves open")
               for s in got.steps), got.steps


# ------------------------------------------------------------ fix 6: personal data in the words

APPLIED = 'pricing = "fixed"\nbudget = 1000.0\nhours = 30.0\nstatus = "hiring"\ndeadline = 2027-02-20\n'


def test_personal_records_named_in_the_words_make_the_task_sensitive(tmp_path):
    cands = _cand("ana", "applied", "bid = 900.0") + _cand("ben", "applied", "bid = 950.0")
    dob = APPLIED + 'description = "Entries hold names, emails and dates of birth of the junior players."'
    got = plan_runner.run(tmp_path, _task(dob, cands))
    assert "sensitive-data-before-contract" in got.rules
    step = next(s for s in got.steps if s.startswith("Share no data with applicants"))
    assert "only the fields the job needs" in step and "deleted at the end" in step
    # people named in passing are no records: no data advice
    logos = APPLIED + 'description = "A report with beneficiary photos (consent on file) and donor logos."'
    got = plan_runner.run(tmp_path, _task(logos, cands))
    assert "sensitive-data-before-contract" not in got.rules


def test_a_data_tool_excludes_on_personal_records_in_the_words_in_facts_and_ranking_alike(tmp_path):
    dob = APPLIED + 'description = "The member records hold birthdays and payment history."'
    cands = (_cand("ana", "applied", "bid = 900.0", "I paste the member files into ChatGPT to speed it up.")
             + _cand("ben", "applied", "bid = 950.0") + _cand("cy", "applied", "bid = 980.0"))
    got = plan_runner.run(tmp_path, _task(dob, cands))
    assert any("drop Ana (would put your data into an online tool" in s for s in got.steps), got.steps


def test_the_data_step_says_what_to_send_by_the_kind_of_work(tmp_path):
    assert "initials instead of people's names and no photos" in personal_need("newsletter", "translation")
    assert "ID number instead of names" in personal_need("Churn analysis of member records")
    assert "only the files the job covers" in personal_need("Key scanned leases", "digitisation")
    assert personal_need("Answer the order desk", "", in_systems=True) == ""  # the access clause says it
    text = APPLIED + ('description = "Two newsletters with children\'s first names and class photos."\n'
                      'sensitive_data = true')
    got = plan_runner.run(tmp_path, _task(text, _cand("ana", "applied", "bid = 900.0"),
                                          title="Translate the parent newsletters (KO to EN)"))
    step = next(s for s in got.steps if s.startswith("Share no data with applicants"))
    assert "then send the documents with initials instead of people's names and no photos of them" in step


# ------------------------------------------------------------ fix 9: acceptance checks by kind

DRAFT = 'pricing = "fixed"\nbudget = 1000.0\nhours = 30.0\nstatus = "draft"\ndeadline = 2027-02-20\n'


def _checks(tmp_path, title: str, description: str, skills: str) -> str:
    got = plan_runner.run(tmp_path, _task(DRAFT + f'description = "{description}"', title=title, skills=skills))
    return got.by_rule()["fixed-price-needs-acceptance"].fix


def test_labels_are_checked_by_proofs_signed_off_by_the_owner_not_concepts(tmp_path):
    fix = _checks(tmp_path, "Allergen labels and shelf cards for 120 products",
                  "Allergens from our recipe spreadsheet.", '["packaging design"]')
    assert "a proof of every label checked line by line against your own source data" in fix
    assert "signed off by you" in fix and "concepts" not in fix


def test_a_page_on_an_existing_site_keeps_its_hosting(tmp_path):
    fix = _checks(tmp_path, "Online booking page", "The page goes on my Squarespace site.", '["web development"]')
    assert "live on your existing site" in fix and "hosting and a domain in your own name" not in fix
    fix = _checks(tmp_path, "A new website for the bakery", "Five pages and a contact form.", '["web development"]')
    assert "on hosting and a domain in your own name" in fix


# ------------------------------------------------- grading v24 (groomer): a signed IP assignment

def test_a_signed_ip_assignment_needs_no_usage_licence_but_an_unsigned_hire_does(tmp_path):
    """An IP assignment owns the work outright, more than a usage licence: a proven editor of the
    owner's own footage who signed one is not asked for a licence (grading v24, groomer: a tidy
    plan told to agree where the reels may run); the same hire without it still is."""
    body = 'pricing = "fixed"\nbudget = 400.0\nstatus = "hired"\ncreates_ip = true\n'
    title, skills = "Edit 8 Instagram reels from our grooming footage", '["short-form video editing"]'
    signed = _cand("mia", "hired", "bid = 360.0", "Edited our reels four times.",
                   'agreements = ["ip-assignment"]\npast_jobs_with_us = 4')
    got = plan_runner.run(tmp_path, _task(body, signed, title=title, skills=skills))
    assert "offer-usage-licence" not in got.by_rule()
    unsigned = _cand("mia", "hired", "bid = 360.0", "Edited our reels four times.", "past_jobs_with_us = 4")
    got = plan_runner.run(tmp_path, _task(body, unsigned, title=title, skills=skills))
    assert "offer-usage-licence" in got.by_rule()
