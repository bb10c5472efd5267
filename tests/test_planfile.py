"""Plan files: strict reading with file, line and field in every error; atomic writing."""

from __future__ import annotations

import os

import pytest

from advisor.errors import AdvisorError, PlanError
from advisor.storage.planfile import dumps_plan, load_plan, loads_plan
from advisor.files import write_atomic

HEAD = 'format = 1\n\n[business]\nname = "Shop"\n'
TASK = '\n[[tasks]]\nid = "logo"\ntitle = "Logo"\n'


def err(text: str | bytes) -> PlanError:
    with pytest.raises(PlanError) as exc:
        loads_plan(text, source="p.toml")
    return exc.value


def test_bakery_loads_and_dumps_in_the_documented_layout(bakery, bakery_path):
    text = dumps_plan(bakery)
    assert text.startswith('format = 1\n\n[business]\nname = "Bramble Bakery"\n')
    assert "[[tasks.candidates]]" in text and "[tasks.candidates.interview]" in text
    assert loads_plan(text) == bakery
    assert bakery.task("logo").candidates[0].interview.scores == {"communication": 4, "quality": 5}


def test_issue_example_reads(tmp_path):
    text = (HEAD + TASK + 'size = "minor"\ncritical = false\nskills = ["logo design"]\npricing = "fixed"\n'
            'budget = 300.0\nhours = 10.0\nstatus = "hiring"\nmarketplaces = ["Upwork"]\n'
            'deadline = 2026-12-20\n\n[[tasks.candidates]]\nid = "ana"\nname = "Ana P."\n\n'
            '[tasks.candidates.interview]\ndate = 2026-11-24\nscores = { communication = 4, quality = 5 }\n')
    plan = loads_plan(text)
    assert plan.tasks[0].candidates[0].interview.scores["quality"] == 5


@pytest.mark.parametrize("text, expected", [
    (HEAD + TASK + "rating = 4\n", "p.toml:9: tasks[logo].rating: unknown key 'rating'"),
    (HEAD + TASK + 'budget = "x"\n', "p.toml:9: tasks[logo].budget: must be a number, not text"),
    (HEAD + TASK + '\n[[tasks.candidates]]\nid = "a"\nname = "A"\nrating = 7\n',
     "p.toml:13: tasks[logo].candidates[a].rating: must be at most 5, not 7"),
    (HEAD + TASK + '\n[[tasks]]\nid = "site"\ntitle = "S"\n\n[[tasks.candidates]]\nid = "a"\nname = "A"\n'
     'job_success = 101\n', "p.toml:17: tasks[site].candidates[a].job_success: must be at most 100, not 101"),
    (HEAD + TASK + '\n[[tasks.candidates]]\nid = "a"\nname = "A"\n\n[tasks.candidates.interview]\n'
     'scores = { q = 0 }\n', "p.toml:15: tasks[logo].candidates[a].interview.scores.q: must be at least 1, not 0"),
    (HEAD + 'currency = "usd"\n', "p.toml:5: business.currency: must be a 3-letter ISO currency code"),
    ('format = 1\n[[rates]]\nskill = "x"\n', "p.toml:2: rates[0].hourly: is required"),
    (HEAD + "[oops\n", "p.toml:5:6: is not valid TOML: Expected ']' at the end"),
    ("", "p.toml: format: is missing"),
    (HEAD.replace("1", '"1"'), "p.toml:1: format: must be 1"),
])
def test_errors_name_file_line_and_field(text, expected):
    assert str(err(text)).startswith(expected)


def test_crlf_and_bom_keep_line_numbers():
    text = (HEAD + TASK + "hours = -1.0\n").replace("\n", "\r\n")
    assert str(err(b"\xef\xbb\xbf" + text.encode())).startswith("p.toml:9: tasks[logo].hours: must be at least 0")


def test_invalid_utf8_names_the_line():
    e = err((HEAD + TASK).encode() + b'description = "caf\xe9"\n')
    assert (e.line, e.hint) == (9, "save the file as UTF-8")


def test_unknown_key_suggests_the_right_one():
    e = err(HEAD + TASK + "deadlin = 2026-01-01\n")
    assert "did you mean 'deadline'?" in e.message


def test_missing_file(tmp_path):
    with pytest.raises(PlanError, match="no such file"):
        load_plan(tmp_path / "none.toml")


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path, bakery):
    dest = tmp_path / "plan.toml"
    dest.write_text("old")
    write_atomic(dest, dumps_plan(bakery).encode("utf-8"))  # what `outsource export` does
    assert load_plan(dest) == bakery
    assert os.listdir(tmp_path) == ["plan.toml"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    dest = tmp_path / "plan.toml"
    dest.write_text("old")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(AdvisorError, match="No space left on device"):
        write_atomic(dest, b"new")
    assert dest.read_text() == "old"
    assert os.listdir(tmp_path) == ["plan.toml"]


def test_docs_show_the_bakery_example_verbatim(bakery_path):
    doc = (bakery_path.parent.parent / "docs" / "plan-format.md").read_text(encoding="utf-8")
    block = doc.split("## Example: Bramble Bakery", 1)[1].split("```toml\n", 1)[1].split("\n```", 1)[0]
    assert block + "\n" == bakery_path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- advice fields (issue 12)

_ADVICE = """format = 1
[business]
name = "Studio"
utc_offset = -7

[[tasks]]
id = "site"
title = "Website"
sensitive_data = true
creates_ip = true
milestones = 2
weekly_cap = 10
openings = 2

[[tasks.candidates]]
id = "ana"
name = "Ana"
past_jobs_with_us = 3
agreements = ["ip-assignment", "nda"]
trial = "passed"
off_platform = true
review_left = true
"""


def test_advice_fields_are_read_and_written_back():
    plan = loads_plan(_ADVICE)
    t, c = plan.tasks[0], plan.tasks[0].candidates[0]
    assert plan.business.utc_offset == -7
    assert (t.sensitive_data, t.creates_ip, t.milestones, t.weekly_cap, t.openings) == (True, True, 2, 10, 2)
    assert (c.past_jobs_with_us, c.agreements, c.trial, c.off_platform, c.review_left) == (
        3, ["nda", "ip-assignment"], "passed", True, True)
    assert loads_plan(dumps_plan(plan)) == plan


def test_export_writes_the_advice_keys_only_when_set():
    plain = loads_plan('format = 1\n[[tasks]]\nid = "a"\ntitle = "A"\n[[tasks.candidates]]\nid = "x"\nname = "X"\n')
    text = dumps_plan(plain)
    for key in ("utc_offset", "sensitive_data", "creates_ip", "milestones", "weekly_cap", "openings",
                "past_jobs_with_us", "agreements", "trial", "off_platform", "review_left"):
        assert key not in text


@pytest.mark.parametrize("line, field", [
    ('[business]\nutc_offset = 15', "business.utc_offset"),
    ('[[tasks]]\nid = "a"\ntitle = "A"\nopenings = 0', "tasks[a].openings"),
    ('[[tasks]]\nid = "a"\ntitle = "A"\n[[tasks.candidates]]\nid = "x"\nname = "X"\nagreements = ["nda", "contract"]',
     "agreements"),
    ('[[tasks]]\nid = "a"\ntitle = "A"\n[[tasks.candidates]]\nid = "x"\nname = "X"\ntrial = "done"',
     "trial"),
    ('[[tasks]]\nid = "a"\ntitle = "A"\nweekly_cab = 10', "tasks[a].weekly_cab"),
])
def test_bad_advice_fields_are_refused_naming_the_field(line, field):
    with pytest.raises(PlanError) as exc:
        loads_plan("format = 1\n" + line + "\n")
    assert field in str(exc.value)
