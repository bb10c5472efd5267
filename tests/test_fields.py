"""The field table (issue 20): a field declared once reaches every layer. The candidate's
``kind`` was added with a line on the dataclass, a Spec and a migration: it round-trips plan
file -> workspace -> plan file, reads from a CSV column, reaches the facts and the rules'
schema, and the docs' key tables are the table's (generated; stale docs fail here)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from advisor.errors import PlanError
from advisor.plan import fields
from advisor.rules.facts import plan_facts
from advisor.rules.factschema import ENUMS, SCHEMA
from advisor.storage.csvimport import parse_candidates_csv
from advisor.storage.planfile import dumps_plan, loads_plan
from advisor.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent

PLAN = """format = 1

[[tasks]]
id = "site"
title = "Website"

[[tasks.candidates]]
id = "acme"
name = "Acme Studio"
kind = "agency"

[[tasks.candidates]]
id = "ana"
name = "Ana"
"""


def test_kind_round_trips_plan_file_workspace_plan_file_and_reaches_the_facts(tmp_path):
    plan = loads_plan(PLAN)
    assert [c.kind for c in plan.candidates()] == ["agency", "freelancer"]
    with Workspace.open(tmp_path / "w.db") as ws:
        ws.replace_plan(plan)
        back = ws.load_plan()
        assert [c.kind for c in back.candidates()] == ["agency", "freelancer"]
        ws.save_candidate(replace(back.candidate("ana"), kind="agency"))
        assert ws.load_plan().candidate("ana").kind == "agency"
    text = dumps_plan(back)
    assert 'kind = "agency"' in text and text.count("kind =") == 1  # the default is left out
    assert [c.kind for c in loads_plan(text).candidates()] == ["agency", "freelancer"]
    facts = plan_facts(back)
    assert facts[("candidate", "acme")]["kind"] == "agency"
    assert facts[("candidate", "ana")]["kind"] == "freelancer"
    assert SCHEMA["candidate"]["kind"] == "string"
    assert ENUMS[("candidate", "kind")] == ("freelancer", "agency")


def test_a_bad_kind_is_refused_naming_the_field():
    with pytest.raises(PlanError) as exc:
        loads_plan(PLAN.replace('"agency"', '"company"'), source="p.toml")
    assert str(exc.value) == ("p.toml:10: tasks[site].candidates[acme].kind: must be one of freelancer, "
                              "agency; got 'company'")


def test_kind_reads_from_a_csv_column():
    cands = parse_candidates_csv(b"Name,Seller Type\nAcme,Agency\nAna,\n", "site")
    assert [c.kind for c in cands] == ["agency", "freelancer"]


def test_every_stored_field_has_a_column_and_every_column_a_field(tmp_path):
    with Workspace.open(tmp_path / "w.db") as ws:
        for table, specs in (("business", fields.BUSINESS), ("marketplaces", fields.MARKETPLACE),
                             ("rates", fields.RATE), ("tasks", fields.TASK), ("candidates", fields.CANDIDATE)):
            have = {r[1] for r in ws.conn.execute(f"PRAGMA table_info({table})")}
            assert have - {"version", "position"} - ({"id"} if table in ("business", "rates") else set()) == \
                {s.name for s in fields.columns(specs)}


def test_the_docs_field_tables_are_generated_from_the_field_table():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_field_docs.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
