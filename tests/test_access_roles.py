"""Access advice names the systems the plan lists, with the least role for each known one from
data (advisor/access_roles.toml), and a short generic role for the others (grading v11: Shopify,
GitHub and WordPress examples recited on a React Native / Firebase plan; "Downgrade it" named
nothing)."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.rules.access import least_role, roles_text, table
from advisor.rules.facts import plan_facts
from advisor.plan.model import Business, Candidate, Plan, Task

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize("access, role", [
    ("firebase-owner", "Firebase Editor on a staging project"),
    ("app-store-connect-admin", "App Store Connect Developer"),
    ("Play Console admin", "Play Console release manager"),
    ("emr-admin", "an entry-only EMR user (no admin, no export)"),
    ("google_ads.admin", "Google Ads Standard user"),
    ("wp-admin", "WordPress Editor"),
    ("taxcycle-seat", "a named user without admin rights"),  # unknown: the generic role
    ("webmail", "a named user without admin rights"),  # "wp"/"meta" match whole words only
])
def test_each_known_system_has_its_least_role_and_others_the_generic_one(access, role):
    assert least_role(access) == role


def test_every_entry_of_the_table_has_words_and_a_short_role():
    generic, entries = table()
    assert generic and entries
    assert all(words and role and len(role) <= 60 for words, role in entries)


def _plan(access: list[str]) -> Plan:
    task = Task("app", "Fix the React Native app", status="hired", access=access,
                candidates=[Candidate("lf", "LF Studio", status="hired", bid=3000.0)])
    return Plan(Business(completed_jobs=3), tasks=[task]).validate()


def test_the_downgrade_names_each_account_with_its_role_and_nothing_else():
    f = plan_facts(_plan(["github-repo-write", "firebase-owner", "play-console-admin"]), today=TODAY)[("task", "app")]
    assert f["access_broad_roles"] == ("firebase-owner to Firebase Editor on a staging project and "
                                       "play-console-admin to Play Console release manager")
    assert "Shopify" not in f["access_roles"] and "github-repo-write as a collaborator on one repository" in f["access_roles"]
    assert roles_text(["x-owner"], "to") == "x-owner to a named user without admin rights"
