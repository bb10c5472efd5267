"""The built-in red-flag lists and their matcher's trie come from a cache on disk
(``advisor/phrasecache.py``) when it holds an entry for this very lists file and code: the
matcher read back finds exactly what a freshly built one finds, and an entry that is not exactly
what the cache writes (another lists file, a change by hand, a truncated file) is never used."""

from __future__ import annotations

import json

import pytest

from advisor import phrasecache, phrases

TEXTS = ("Guaranteed approval, and I need 50% upfront before I start.",
         "Send me your cPanel password and we continue on WhatsApp.",
         "无需预付，请通过平台付款", "Pago por fuera de Workana, sin comisión.", "A plain note about a logo.")


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache, and this process's lists and matchers forgotten (before and after)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def forget():
        phrases._builtin.cache_clear()
        phrases._matcher.cache_clear()

    forget()
    yield forget
    forget()


def built_fresh():
    """The matcher of the lists file parsed now, without any cache."""
    import tomllib

    doc = tomllib.loads(phrases.builtin_path().read_text(encoding="utf-8"))
    return phrases.PhraseMatcher({c: tuple(doc.get(c, ())) for c in phrases.CATEGORIES})


def entry():
    (path,) = phrasecache.cache_dir().glob("*.json")
    return path


def test_the_matcher_read_back_finds_what_a_fresh_one_finds(fresh):
    first = phrases.matcher()  # no entry: parsed, built and stored
    assert phrases._builtin()[1] is None and entry().exists()
    fresh()
    again = phrases.matcher()  # from the entry
    assert phrases._builtin()[1] is not None
    want = built_fresh()
    assert again._root == want._root == first._root and again._keys == want._keys
    assert phrases.builtin_phrases() == {c: tuple(v) for c, v in built_fresh_lists().items()}
    for text in TEXTS:
        assert again.find(text) == want.find(text)


def built_fresh_lists():
    import tomllib

    doc = tomllib.loads(phrases.builtin_path().read_text(encoding="utf-8"))
    return {c: doc.get(c, ()) for c in phrases.CATEGORIES}


def test_another_lists_file_has_another_key():
    raw = phrases.builtin_path().read_bytes()
    assert phrasecache.cache_key(raw) != phrasecache.cache_key(raw.replace(b'"', b"'", 1))


@pytest.mark.parametrize("damage", ["category", "checksum", "truncated", "deep", "key"])
def test_an_entry_that_is_not_what_the_cache_writes_is_not_used(fresh, damage):
    phrases.matcher()
    path = entry()
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n")
    data = json.loads(body)
    if damage == "category":  # a phrase's category the lists do not have
        node = data["root"][next(iter(data["root"]))]
        while "" not in node:
            node = node[next(w for w in node if w)]
        node[""] = ["not-a-category"]
    elif damage == "deep":  # deeper than a phrase's words
        node = data["root"]
        for i in range(phrases.MAX_PHRASE_WORDS + 1):
            node = node.setdefault(f"w{i}", {})
    if damage in ("category", "deep"):  # changed with a checksum that matches: the shape is checked
        import hashlib

        body = json.dumps(data, ensure_ascii=False).encode()
        doc = json.loads(head)
        doc["sha256"] = hashlib.sha256(body).hexdigest()
        head = json.dumps(doc).encode()
    elif damage == "checksum":
        body = body.replace(b"upfront", b"upfrong", 1)
    elif damage == "truncated":
        body = body[: len(body) // 2]
    else:
        doc = json.loads(head)
        doc["key"] = "0" * 64
        head = json.dumps(doc).encode()
    path.write_bytes(head + b"\n" + body)
    fresh()
    m = phrases.matcher()
    assert phrases._builtin()[1] is None  # parsed again
    assert m._root == built_fresh()._root
