"""The on-disk cache of parsed and compiled rule packs (advisor/rules/packcache.py, issue 24):
a warm start gives exactly the rules and engine rules of a full parse, and a changed pack,
changed settings or a damaged or hostile cache file falls back to the full parse."""

from __future__ import annotations

import json

import pytest

from advisor.rules import compiler, packcache, rulepack
from advisor.settings import DEFAULT_RULE_SETTINGS, AdvisorSettings

PACK = '''pack = "mine"
[[rules]]
id = "big-budget"
title = "Big budget"
severity = "warning"
about = "task"
stages = ["hiring"]
when = "task.budget > settings.big and task.shortlisted < 3"
message = "{task.title}: big budget"
why = "because"
fix = "shortlist more"
ask = ["What is included?"]
[[rules.examples]]
fires = true
task = { status = "hiring", budget = 5000, shortlisted = 1 }
'''


def _adv(folder, **settings):
    return AdvisorSettings(rule_dirs=[str(folder)], settings={"big": 1000, **settings})


def _load(adv):
    rules, problems = rulepack.load_rules(adv)
    compiler._MEMO.clear()  # as in a new process
    return rules, problems, compiler.compile_rules(rules)


def _no_parse(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("parsed although cached")
    monkeypatch.setattr(rulepack, "parse_pack", refuse)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """An empty cache of this test's own (the other tests share one per worker: conftest.py)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def pack(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "mine.toml").write_text(PACK, encoding="utf-8")
    return folder


def test_second_load_comes_from_the_cache_and_equals_a_full_parse(pack, monkeypatch):
    first, problems, compiled = _load(_adv(pack))
    assert not problems and "big-budget" in first.ids
    files = list(packcache.cache_dir().glob("*.json"))
    assert len(files) >= 2  # the shipped packs and the user's
    json.loads(files[0].read_text(encoding="utf-8"))  # plain JSON data
    _no_parse(monkeypatch)
    second, problems2, compiled2 = _load(_adv(pack))
    assert not problems2
    assert second.rules == first.rules
    assert [r.file for r in second] == [r.file for r in first]
    assert [r.builtin for r in second] == [r.builtin for r in first]
    assert compiled2 == compiled


def test_an_edited_pack_or_changed_setting_is_parsed_again(pack, monkeypatch):
    _load(_adv(pack))
    (pack / "mine.toml").write_text(PACK.replace('title = "Big budget"', 'title = "Large budget"'),
                                    encoding="utf-8")
    rules, _, _ = _load(_adv(pack))
    assert rules.get("big-budget").title == "Large budget"
    rules, _, compiled = _load(_adv(pack, big=2500))  # a setting the rule names: recompiled
    branches = next(c for c in compiled.rules if c.rule_id == "big-budget").branches
    assert '"budget": 2500' in json.dumps(branches) and '"budget": 1000' not in json.dumps(branches)


def test_a_pack_with_problems_is_not_cached(pack):
    (pack / "mine.toml").write_text(PACK.replace('severity = "warning"', 'severity = "loud"'), encoding="utf-8")
    for _ in range(2):  # the second load reports the same problem: it parsed again
        rules, problems, _ = _load(_adv(pack))
        assert any("loud" in str(p) for p in problems) and "big-budget" not in rules.ids
    bodies = [json.loads(json.loads(p.read_text(encoding="utf-8"))["body"])
              for p in packcache.cache_dir().glob("*.json")]
    assert bodies and all(b["pack"] != "mine" for b in bodies)


def _tamper(path, change):
    doc = json.loads(path.read_text(encoding="utf-8"))
    body = json.loads(doc["body"])
    change(body)
    doc["body"] = json.dumps(body)
    import hashlib
    doc["sha256"] = hashlib.sha256(doc["body"].encode()).hexdigest()  # a hostile writer recomputes it
    path.write_text(json.dumps(doc), encoding="utf-8")


def _mine(pack_dir):
    settings = dict(DEFAULT_RULE_SETTINGS)
    settings.update(_adv(pack_dir).settings)
    key = packcache.cache_key((pack_dir / "mine.toml").read_bytes(), settings)
    return packcache.cache_dir() / f"{key}.json"


@pytest.mark.parametrize("damage", [
    "garbage", "truncated", "checksum", "node-kind", "operator", "field", "exponent", "alias", "pickle"])
def test_a_damaged_or_hostile_cache_file_is_ignored(pack, damage):
    first, _, compiled = _load(_adv(pack))
    path = _mine(pack)
    assert path.exists()
    text = path.read_text(encoding="utf-8")

    def rule(body):
        return next(r for r in body["rules"] if r["id"] == "big-budget")

    if damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "checksum":
        path.write_text(text.replace("Big budget", "Tiny budget"), encoding="utf-8")
    elif damage == "node-kind":
        _tamper(path, lambda b: rule(b)["expr"].update(k="__import__"))
    elif damage == "operator":
        _tamper(path, lambda b: rule(b)["expr"].update(op="xor"))
    elif damage == "field":
        _tamper(path, lambda b: rule(b)["expr"]["items"][0].update(
            left={"k": "Field", "line": 1, "col": 1, "ns": "task", "name": "no_such_field", "type": "number"}))
    elif damage == "exponent":
        _tamper(path, lambda b: rule(b)["compiled"]["branches"][0]["all"][0]["t"].update({"$gt": 1e300}))
    elif damage == "alias":
        _tamper(path, lambda b: rule(b)["compiled"]["branches"][0].update(all=[{"zz": {}}]))
    else:  # a pickle where JSON belongs is not read as anything
        import pickle
        path.write_bytes(pickle.dumps({"format": 1}))
    second, problems, compiled2 = _load(_adv(pack))
    assert not problems
    assert second.rules == first.rules and compiled2 == compiled
    # the full parse wrote a good entry back
    assert "Tiny" not in path.read_text(encoding="utf-8") and "__import__" not in path.read_text(encoding="utf-8")


def test_an_unwritable_cache_dir_still_loads(pack, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(packcache, "cache_dir", lambda: blocker / "sub")
    rules, problems, _ = _load(_adv(pack))
    assert not problems and "big-budget" in rules.ids
