"""A phrase list's words are split as a note's words are (advisor/phrases.py ``phrase_words``): the
ASCII shortcut (``str.translate``, used for most of the ~2,000 built-in phrases every process
splits) gives exactly the words :func:`words` gives, so no phrase matches differently."""

from __future__ import annotations

import random
import string

from advisor.phrases import ANY_WORD, builtin_phrases, candidate_matcher, phrase_words, phrase_words_by_words


_by_words = phrase_words_by_words  # the split without the shortcut


def test_every_builtin_phrase_splits_as_a_note_does():
    phrases = [p for items in builtin_phrases().values() for p in items]
    assert sum(1 for p in phrases if p.isascii() and ANY_WORD not in p) > 1000  # the shortcut's share
    for p in phrases:
        assert phrase_words(p) == _by_words(p), p


def test_any_ascii_text_splits_the_same_way():
    rng = random.Random(24)
    alphabet = string.printable + "%&#@$_-'"
    for _ in range(3000):
        p = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert phrase_words(p) == _by_words(p), repr(p)
    assert phrase_words("Send 50% upfront via E-mail & $40") == ["send", "50", "%", "upfront", "via", "e", "mail", "&", "$", "40"]
    assert phrase_words("my * login") == ["my", ANY_WORD, "login"]  # the wildcard is not split away


def test_an_owners_ascii_phrase_still_matches_their_words():
    m = candidate_matcher({"phrases.off_platform": "Pay me on the SIDE_channel"})
    assert "off_platform" in m.find("ok, pay me on the side channel then").categories


def test_the_builtin_lists_make_one_matcher_per_process():
    """The matcher of the built-in lists (~4,000 phrases split into a trie, ~20 ms) is built once,
    whichever way it is asked for: the candidates' notes (``candidate_matcher`` of settings
    without phrases) and the task's personal-data judgement (``matcher()``) share it."""
    from advisor.phrases import matcher

    assert matcher() is matcher(()) is candidate_matcher(None) is candidate_matcher({"phrases.upfront": ""})
    owners = candidate_matcher({"phrases.upfront": "pay me first"})
    assert owners is not matcher() and owners is candidate_matcher({"phrases.upfront": "pay me first"})
