"""A substitute read by what a sentence says, not by a fixed phrase: someone other than the hired or
bidding person doing the work, in the candidate's own language and words.

Each review found the next substitute written differently ("τις καμπάνιες θα τις αναλάβει ο
συνεργάτης μου ο Νίκος", "काम मेरा भांजा अमन करेगा", "Si Ate Joy muna ang sasagot ng mga tawag",
"правки будет вносить наш стажёр", "實際的資料搬移由我們合作的深圳外包團隊執行"), so a list of phrases
never caught up. :func:`substitutes` reads a text sentence by sentence (split as
:data:`advisor.phrasecontext._SENTENCE` splits it, and at the Devanagari danda and the Arabic
question mark) and finds one where, in ONE language of ``advisor/substitution_words.toml``:

- a helper (a relative, a colleague or partner, an intern or assistant, a subcontractor or an
  outsourcing team; "my team"/"our team" only in a freelancer's notes: an agency's team is the
  agency) and a take-over verb (future, present progressive, or a passive with its agent) stand
  within :data:`WINDOW` words of each other (:data:`WINDOW_NO_SPACE` characters in a script
  without spaces);
- no negation of that language is in the sentence ("no intern will touch your account");
- no past word of that language is ("已经由我表弟完成了"): where a language marks its past only by
  such words, a take-over told as a story is not read (an accepted risk);
- the sentence does not put the helper in what the owner signs ("my partner Dr. Samir Aziz, named
  in my proposal"): a disclosed helper is a contract step, left to the fixed phrases;
- the verb is not the hire's own ("I will handle it; my sister only answers the door": the
  ``self`` words right before it), not a thing's ("an AI assistant that will answer calls"), and
  no checking word sits at it ("मेरा भांजा चेक करेगा", my nephew will check: review is no take-over).

Read only in candidates' notes (:func:`advisor.phrasecontext.in_context`), never in a task's own
text: "our staff will answer the phone after 17:00" there is the owner's own staff.

Linear: the text is split once into sentences and words; each word is looked up in one index per
list (a dict of first words, and of each stem length), and each hit checked over its few words.
The lists are loaded once per process (:func:`_lists`); nothing is cached on disk.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Iterable

from advisor.phrases import ANY_WORD, CATEGORIES, Found, _no_space_at, words

#: Words between a helper and its verb at most (characters in a script without spaces, where each
#: one is a word: "由我們合作的深圳外包團隊執行").
WINDOW = 14
WINDOW_NO_SPACE = 40
#: Words before and after a verb where a checking word (ending or starting there) makes it a review
#: (characters likewise).
REVIEW_BEFORE, REVIEW_AFTER = 2, 3
REVIEW_BEFORE_NO_SPACE, REVIEW_AFTER_NO_SPACE = 3, 6
#: At most this many quotes (as :data:`advisor.phrases.MAX_QUOTES`).
MAX_QUOTES = 3
#: Where a sentence ends: :data:`advisor.phrasecontext._SENTENCE`'s stops, and the danda and "؟"
#: too; a "." only before a space or the end and not after a title or an initial (:func:`_sentences`:
#: "my partner Dr. Samir Aziz", "example.com", "3.5").
_CLOSING = frozenset("'\"’”)»」』")
_STOP = re.compile("[.;!?\n。！？।॥؟]")
_TITLE = re.compile(r"(?:^|\W)(?:dr|mr|mrs|ms|st|prof|eng|ing|sr|jr|co|inc|ltd|no|vs|etc|e\.g|i\.e|\w)$", re.IGNORECASE)
#: A stem: the entry's last word matches any word it begins ("colleague~": "colleagues").
STEM = "~"
_KINDS = ("helpers", "teams", "verbs", "shared", "negations", "past", "self", "possessive", "things", "not_ours",
          "review", "disclosed")

Word = tuple[str, int, int, bool]


def words_path() -> Path:
    return Path(__file__).with_name("substitution_words.toml")


class _Index:
    """Entries of one kind, all languages: each a tuple of folded words (``*`` any one word), its
    last word a stem or not, with its language."""

    def __init__(self) -> None:
        self.exact: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        self.stems: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        self.stem_lengths: set[int] = set()
        self._lengths: list[int] | None = None  # sorted on the first find, after every add

    def add(self, entry: str, lang: str) -> None:
        stem = entry.endswith(STEM)
        text = entry[:-1] if stem else entry
        ws: list[str] = []
        for n, part in enumerate(text.split(ANY_WORD)):
            if n:
                ws.append(ANY_WORD)
            ws.extend(w for w, *_ in words(part))
        if not ws or ws[0] == ANY_WORD:
            raise ValueError(f"{words_path().name} [{lang}]: {entry!r} has no word to start on")
        if stem and (len(ws[-1]) == 1 and not ws[-1].isascii()):
            raise ValueError(f"{words_path().name} [{lang}]: {entry!r}: a stem in a script without spaces")
        item = (tuple(ws), stem, lang)
        if stem and len(ws) == 1:
            self.stems.setdefault(ws[0], []).append(item)
            self.stem_lengths.add(len(ws[0]))
            self._lengths = None
        else:
            self.exact.setdefault(ws[0], []).append(item)

    def _sort(self) -> list[int]:
        self._lengths = sorted(self.stem_lengths)
        return self._lengths

    def find(self, ws: list[Word], langs: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
        """(language, first word, last word) of each entry found in ``ws``."""
        out = []
        exact, stems = self.exact, self.stems
        lengths = self._lengths if self._lengths is not None else self._sort()
        for i, (w, *_rest) in enumerate(ws):
            cands = exact.get(w)
            size = len(w)
            for n in lengths:  # the stems a word can begin with, shortest first
                if n > size:
                    break
                more = stems.get(w[:n])
                if more:
                    cands = more if cands is None else [*cands, *more]
            if cands is None:
                continue
            for entry, stem, lang in cands:
                if langs is not None and lang not in langs:
                    continue
                end = i + len(entry) - 1
                if end < len(ws) and _fits(entry, stem, ws, i):
                    out.append((lang, i, end))
        return out


def _fits(entry: tuple[str, ...], stem: bool, ws: list[Word], i: int) -> bool:
    last = len(entry) - 1
    for k, e in enumerate(entry):
        w = ws[i + k][0]
        if e == ANY_WORD:
            continue
        if not (w.startswith(e) if stem and k == last else w == e):
            return False
    return True


@functools.cache
def _lists() -> dict[str, _Index]:
    """The word lists, one :class:`_Index` per kind (read once)."""
    doc = tomllib.loads(words_path().read_text(encoding="utf-8"))
    out = {k: _Index() for k in _KINDS}
    for lang, lists in doc.items():
        unknown = set(lists) - set(_KINDS)
        if unknown:
            raise ValueError(f"{words_path().name} [{lang}]: unknown lists {sorted(unknown)}")
        for kind, entries in lists.items():
            for entry in entries:
                out[kind].add(entry, lang)
    return out


def _sentences(text: str) -> Iterable[tuple[int, str]]:
    """(start, sentence) of each sentence of ``text``. Linear: each stop looks back at most a
    title's few characters."""
    start = 0
    for m in _STOP.finditer(text):
        i = m.start()
        if text[i] == "." and (i + 1 < len(text) and not (text[i + 1].isspace() or text[i + 1] in _CLOSING)
                               or _TITLE.search(text, max(0, i - 5), i)):
            continue
        if text[start:i].strip():
            yield start, text[start:i]
        start = i + 1
    if text[start:].strip():
        yield start, text[start:]


def _ends_at(hits: list[tuple[str, int, int]], lang: str, k: int) -> bool:
    return any(h[0] == lang and h[2] == k for h in hits)


def _own_verb(lang: str, a: int, helpers: list[tuple[str, int, int]], shared: bool, selves: list[tuple[str, int, int]], things: list[tuple[str, int, int]],
              possessives: list[tuple[str, int, int]]) -> bool:
    """The verb starting at ``ws[a]`` has the hire (or a thing) as its subject: a ``self`` word or a
    ``things`` word ends right before it ("I will handle", "我负责", "a bot that will answer"). A
    ``self`` word after a helper or a ``possessive`` word is a possessive ("cháu tôi sẽ làm": my
    nephew will do; "หลานผมจะทำ"), and turn-taking (``shared``) is the helper's work beside the
    hire's ("my sister and I take turns")."""
    if a == 0:
        return False
    if _ends_at(things, lang, a - 1):
        return True
    if shared:
        return False
    for s_lang, s, e in selves:
        if s_lang == lang and e == a - 1:
            if s > 0 and (_ends_at(helpers, lang, s - 1) or _ends_at(possessives, lang, s - 1)):
                continue
            return True
    return False


def _reviewing(ws: list[Word], reviews: list[tuple[str, int, int]], lang: str, a: int, b: int, no_space: bool) -> bool:
    """A checking word of ``lang`` at the verb ``ws[a..b]``, in its clause: "will be reviewed by",
    "चेक करेगा", "负责检查" (not "मेरा भांजा करेगा, मैं सिर्फ़ चेक करूँगा": the check is the hire's)."""
    before = REVIEW_BEFORE_NO_SPACE if no_space else REVIEW_BEFORE
    after = REVIEW_AFTER_NO_SPACE if no_space else REVIEW_AFTER
    return any(r_lang == lang and e >= a - before and s <= b + after
               and not any(ws[k][3] for k in range(min(s, a) + 1, max(e, b) + 1))
               for r_lang, s, e in reviews)


def _in_sentence(sentence: str, offset: int, agency: bool) -> str | None:
    """The substitution said in one sentence, quoted from the helper to the verb as written (in
    the order written); None when there is none."""
    lists = _lists()
    ws = words(sentence)
    if not ws:
        return None
    helpers = lists["helpers"].find(ws)
    if not agency:
        helpers += lists["teams"].find(ws)
    if not helpers:
        return None
    langs = frozenset(h[0] for h in helpers)
    verbs = [(v, False) for v in lists["verbs"].find(ws, langs)] + [(v, True) for v in lists["shared"].find(ws, langs)]
    if not verbs:
        return None
    negated = {h[0] for k in ("negations", "past", "disclosed") for h in lists[k].find(ws, langs)}
    selves, things = lists["self"].find(ws, langs), lists["things"].find(ws, langs)
    possessives, reviews = lists["possessive"].find(ws, langs), lists["review"].find(ws, langs)
    not_ours = lists["not_ours"].find(ws, langs)
    best: tuple[int, int, int] | None = None  # (distance, first word, last word)
    for (lang, a, b), shared in verbs:
        if lang in negated:
            continue
        no_space = _no_space_at(sentence, ws[a][1])
        if _own_verb(lang, a, helpers, shared, selves, things, possessives):
            continue
        if _reviewing(ws, reviews, lang, a, b, no_space):
            continue
        window = WINDOW_NO_SPACE if no_space else WINDOW
        for h_lang, s, e in helpers:
            if h_lang != lang or s <= b and a <= e:  # another language's helper, or the verb's own words
                continue
            if s > 0 and _ends_at(not_ours, lang, s - 1):  # "your son", "an AI assistant"
                continue
            gap = s - b - 1 if s > b else a - e - 1
            if gap <= window and (best is None or gap < best[0]):
                best = (gap, min(a, s), max(b, e))
    if best is None:
        return None
    _, first, last = best
    return " ".join(sentence[ws[first][1]:ws[last][2]].split())


@functools.lru_cache(maxsize=4096)
def substitutes(text: str, agency: bool = False) -> tuple[str, ...]:
    """Each sentence of ``text`` that hands the work to someone else, quoted from the helper to the
    take-over verb (at most :data:`MAX_QUOTES`, in the order written). ``agency``: the notes are an
    agency's, whose own team ("our team will handle it") is no one else."""
    if not text:
        return ()
    out: list[str] = []
    for offset, sentence in _sentences(text):
        said = _in_sentence(sentence, offset, agency)
        if said and said not in out:
            out.append(said)
            if len(out) >= MAX_QUOTES:
                break
    return tuple(out)


def with_substitutes(found: Found, text: str, agency: bool) -> Found:
    """``found`` with the sentences :func:`advisor.substitution.substitutes` reads as someone else
    doing the work added to ``substitution``: a quote overlapping one the phrases found already is
    not added (theirs stays), the rest in the order written, at most :data:`MAX_QUOTES`."""
    said = substitutes(text, agency)
    if not said:
        return found
    low = text.casefold()
    have = tuple(found.quotes.get("substitution", ()))

    def span(q: str) -> tuple[int, int]:
        at = low.find(q.casefold())
        return (at, at + len(q)) if at >= 0 else (-1, -1)

    taken = [span(q) for q in have]
    new = [q for q in said if not any(a <= span(q)[1] and span(q)[0] <= b for a, b in taken if a >= 0)]
    if not new:
        return found
    quotes = tuple(sorted((*have, *new), key=lambda q: span(q)[0]))[:MAX_QUOTES]
    cats = tuple(c for c in CATEGORIES if c in found.categories or c == "substitution")
    return Found(cats, {**found.quotes, "substitution": quotes}, found.unsure)
