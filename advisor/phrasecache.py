"""The built-in red-flag lists and their matcher's trie cached on disk, so a start does not parse
``advisor/red_flags.toml`` (~4,200 phrases, ~11 ms) and split every phrase into the trie (~20 ms)
again: measured, reading the entry back and checking it is ~17 ms (issue 24, round 9).

One file in the user cache dir (``platformdirs``): a line of JSON with the format, the key and
the body's checksum, then the body (JSON). It is named by a key that hashes the lists file's
bytes and the code that splits phrases into words (the program's and Python's versions,
:mod:`advisor.phrases`, :mod:`advisor.negations` and :mod:`advisor.text`, whose ``fold`` folds them): a change to any of
them is a new key, so an entry is never read for lists or code it was not made from. Nothing else
is trusted: the file is plain JSON data (never pickle, never code), checked on load (its own key,
a checksum of its body, then the shape of every list and trie node: text keys, known categories,
no deeper than a phrase's words). Any mismatch, corruption or error, and the lists are parsed and
the trie built as if there were no cache. Writing is best effort (a temporary file, then
``os.replace``). Only the built-in lists are cached; an owner's own phrases are added by building
a matcher of their own, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

FORMAT = 1
MAX_CACHE_BYTES = 4 << 20
#: Modules whose code decides how a phrase is split into the trie's words.
_CODE = ("phrases.py", "text.py", "negations.py")  # negations: the words a phrase may be led by

Trie = dict  # word -> node; "" -> the set of categories whose phrase ends there


class _Bad(Exception):
    """The cache file is not what this code writes: ignore it."""


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("outsource-advisor", appauthor=False) / "phrases"


def cache_key(lists_file: bytes) -> str:
    from advisor import __version__

    h = hashlib.sha256(f"{FORMAT}:{__version__}:{sys.version}".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
        h.update(b"\0")
    h.update(lists_file)
    return h.hexdigest()


def _plain(node: Trie) -> dict:
    return {w: sorted(v) if w == "" else _plain(v) for w, v in node.items()}


def store(key: str, lists: dict[str, tuple[str, ...]], root: Trie, keys: set[str]) -> None:
    """Write the cache entry for the built-in lists and their trie (best effort)."""
    try:
        body = json.dumps({"lists": {c: list(v) for c, v in lists.items()}, "root": _plain(root),
                           "keys": sorted(keys)}, ensure_ascii=False, sort_keys=True).encode("utf-8")
        head = json.dumps({"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()})
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_bytes(head.encode("ascii") + b"\n" + body)
        os.replace(tmp, folder / f"{key}.json")
        for old in folder.glob("*.json"):  # one entry: the lists or code changed since the others
            if old.name != f"{key}.json":
                old.unlink(missing_ok=True)
    except (OSError, ValueError, TypeError, RecursionError):
        pass


def load(key: str, categories: tuple[str, ...], max_words: int) -> tuple[dict, Trie, set[str]] | None:
    """(lists, trie, telling words) from a valid cache entry for ``key``; None when there is none
    or it is not exactly what :func:`store` writes for these ``categories`` and phrases of at
    most ``max_words`` words."""
    try:
        with open(cache_dir() / f"{key}.json", "rb") as fh:
            raw = fh.read(MAX_CACHE_BYTES + 1)
        if len(raw) > MAX_CACHE_BYTES:
            return None
        head, _, body = raw.partition(b"\n")  # a line of JSON (format, key, checksum), then the body
        doc = json.loads(head.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("key") != key:
            return None
        if hashlib.sha256(body).hexdigest() != doc.get("sha256"):
            return None
        data = json.loads(body.decode("utf-8"))
        _need(isinstance(data, dict) and set(data) == {"lists", "root", "keys"})
        lists = data["lists"]
        _need(isinstance(lists, dict) and set(lists) == set(categories))
        out = {}
        for c in categories:  # in the order the parser gives them
            items = lists[c]
            _need(isinstance(items, list) and all(type(p) is str for p in items))
            out[c] = tuple(items)
        keys = data["keys"]
        _need(isinstance(keys, list) and all(type(w) is str and w for w in keys))
        return out, _trie(data["root"], frozenset(categories), max_words), set(keys)
    except (OSError, ValueError, TypeError, KeyError, RecursionError, _Bad, UnicodeError):
        return None


def _need(ok: bool) -> None:
    if not ok:
        raise _Bad


def _trie(root: Any, categories: frozenset[str], max_words: int) -> Trie:
    """``root`` checked node by node (text keys are all JSON has), each category list made a set."""
    _need(isinstance(root, dict))
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        for w, v in node.items():
            if w:
                _need(v.__class__ is dict and depth < max_words)
                stack.append((v, depth + 1))
            else:
                _need(depth > 0 and v.__class__ is list and len(v) > 0 and categories.issuperset(v))
                node[w] = set(v)  # the same key: no change of size while iterating
    return root
