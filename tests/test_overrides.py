"""Shipped rules are copied, never edited in place: the copy overrides the shipped rule."""

from __future__ import annotations

from advisor.rules.overrides import copy_to_user_folder
from advisor.resources import builtin_rules_dir
from advisor.rules.rulepack import load_rules
from advisor.settings import AdvisorSettings


def test_copy_overrides_the_shipped_rule_and_leaves_it_alone(tmp_path):
    core = builtin_rules_dir() / "core.toml"
    before = core.read_text(encoding="utf-8")
    folder = tmp_path / "my rules"  # created on demand
    dest = copy_to_user_folder("shortlist-size", core, folder)
    assert dest == folder / "override-shortlist-size.toml"
    dest.write_text(dest.read_text().replace('severity = "warning"', 'severity = "risk"'))
    ruleset, problems = load_rules(AdvisorSettings(rule_dirs=(folder,)))
    assert not problems
    rule = ruleset.get("shortlist-size")
    assert rule.severity == "risk" and not rule.builtin and rule.file == str(dest)
    assert len([r for r in ruleset if r.id == "shortlist-size"]) == 1
    assert core.read_text(encoding="utf-8") == before
    assert copy_to_user_folder("shortlist-size", core, folder).read_text().count('"risk"') == 1  # kept
