"""Red-flag phrases: what a candidate's proposal and notes SAY, matched as whole words.

The lists are data (``advisor/red_flags.toml``, extended by ``[advisor.phrases]`` in the
config): a buyer's eye for "guaranteed approval", "50% upfront", "pay by friends & family" or
"send me your cPanel password" that the plan's numbers cannot show. :func:`matcher` builds one
:class:`PhraseMatcher` per set of lists (the built-in lists' trie comes from
:mod:`advisor.phrasecache` when it holds one for this lists file and code); :meth:`PhraseMatcher.find`
reads a text once.

Matching (the same for phrases and text, so no two places disagree):

- words are runs of letters, digits and combining marks (any script), folded with
  :func:`advisor.text.fold` (case and accents ignored); ``%``, ``&``, ``#``, ``@`` and currency
  signs are words of their own; other punctuation and spaces only separate words;
- in scripts written without spaces (CJK, kana, Thai, Lao, Khmer, Myanmar) and in Korean
  (particles join the word: 비밀번호를) each character is a word, so a phrase in them matches anywhere in a sentence;
- a phrase matches a run of whole words ("advance" is not found in "advanced"); a ``*`` in a
  phrase stands for any one word ("my * login" finds "my Shopify login");
- a match within the :data:`~advisor.negations.NEGATION_WINDOW` words after a negation ("no",
  "never", "without", "don't"...) in the same clause does not count ("no upfront payment needed";
  twice as many after a negation of a script without spaces, whose characters are words: "无需",
  "ไม่ต้อง"); for the :data:`~advisor.negations.CLAUSE_NEGATED` categories, anywhere after it in
  the clause; a refusal ("please don't send me the owner login", :mod:`advisor.refusals`) cancels
  the money, contact and login requests to the end of its clause. The negation lists are
  :mod:`advisor.negations`.

Linear time: the text is split once (regular expressions without backtracking), and each word
starts a walk of a trie of at most :data:`MAX_PHRASE_WORDS` steps.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from advisor.negations import (CLAUSE_NEGATED, NEGATION_WINDOW, NEGATION_WORDS, POST_NEGATED, POST_NEGATION_PHRASES,
                               POST_NEGATION_WINDOW)
from advisor.refusals import demanded_words, refused_words
from advisor.text import fold

#: The categories, in the order their findings are described; each has its own rule.
CATEGORIES = ("guarantee", "upfront", "payment", "off_platform", "success_fee", "credentials",
              "machine_work", "substitution", "human_work", "licensed_work", "third_party", "credential",
              "creator_content", "ads_manager", "personal_data", "personal_records", "support_role", "regulated_firm",
              "extras", "indemnity", "data_tool", "chat_channel", "bank_channel", "after_contract", "on_platform", "own_credentials",
              "service_promise", "running_system", "code_work", "waits_on", "health_data", "exposure", "in_escrow",
              "real_data", "keeps_rights", "keeps_accounts", "keeps_code", "full_rights", "local_copy")
#: Red-flag categories read in a candidate's notes (``human_work`` and ``licensed_work`` are read
#: in the task's own text; ``third_party``, material reused in the work, is read in the notes but
#: is no red flag: it asks for a licence list, so it is not in ``red_flags`` and rules nobody out;
#: ``credential``, a licence or certification the candidate states (CREST, CPA, solicitor), read in
#: the notes and named people, is no red flag either: it turns licensed-professional into a check).
#: ``creator_content``, ``ads_manager`` and ``personal_data`` are read in the task's own text (the
#: contract instrument the work needs: a usage licence, ad-account ownership, a transfer safeguard).
#: ``personal_records`` (read in the task's own text too): a set of people's personal details the
#: work receives ("dates of birth", "member records"): the task is sensitive with the flag unset.
#: ``support_role`` is read in a task's title (the role the freelancer fills: an assistant, an
#: admin) and ``regulated_firm`` in the business's name (a firm that is itself the licensed
#: professional): together they keep licensed-professional quiet.
#: ``extras``, part of the scope priced on top of the quote ("raw files are N20k extra"), read in
#: the notes, is no red flag: the quote leaves part of the job out (``partial-scope``), and the
#: Ranking and the live-bid median leave it out until it is re-quoted whole.
#: ``indemnity``, professional indemnity or liability cover a candidate states beside a licence
#: (read with ``credential``), is no red flag: the plan records the check, so check-stated-licence
#: steps back.
#: ``data_tool`` (data pasted into ChatGPT or an online tool) is a red flag on sensitive data only.
#: ``own_credentials`` is the credentials danger in the owner's own words, read in a task's text
#: ("give the developer my own Dentally login"): own-login-in-plan.
#: ``running_system``, read in a task's text: code or a system the business runs after delivery
#: (an integration, an app, a script): on critical work its handover is planned before the offer.
#: ``code_work``, read in a task's text: the work is code (its handover is the code in your
#: repository); a set-up job without it is handed over as accounts and settings (advisor.rules.handover).
#: ``waits_on``, read in a task's text, says it cannot start before other work is done ("can only
#: start once the BIM task is done"): with another task unfinished it is held (hold-dependent-task).
#: ``health_data``, read in a task's text: health data or a system holding it (patients, a pharmacy's
#: prescriptions): the sector's agreement and less data, not an NDA alone (health-data-agreement).
#: ``exposure``, read in a candidate's notes, is a live security hole in the owner's own systems
#: they report ("your Firestore rules are open"): no red flag against them, the owner's step to
#: close it now (:mod:`advisor.rules.disclosure`, reported-exposure). ``in_escrow``, read in the
#: notes, says the money asked before delivery goes into the marketplace's escrow: a recorded
#: share is then no red flag (:func:`advisor.rules.exclusion.upfront_counts`). ``real_data``, read
#: in the notes (a request for the owner's real records to build or test with), is no red flag
#: alone: beside a drop on personal data it is one more reason (:func:`advisor.rules.exclusion.ruled_out`).
#: ``chat_channel`` (a chat app named alone), ``after_contract`` ("after signing") and ``on_platform``
#: ("only through", followed by the marketplace's name) are context: a chat app is a request to
#: move off the marketplace unless the notes put it after the contract or keep payment on the
#: marketplace (:func:`advisor.rules.judgements.candidate_words`). ``bank_channel`` (a bank transfer,
#: an IBAN, a "virement", a "havale") is one unless its clause names the marketplace as the way of
#: paying ("Upwork pays out to my bank account") or the notes keep payment on it (:func:`in_context`).
#: ``service_promise`` ("satisfaction guaranteed", "delivery on time guaranteed") is a promise about
#: the freelancer's own service: a bare "guaranteed" inside it is no guarantee of a result nobody
#: controls (:func:`advisor.phrasecontext.in_context`; grading v21, fix 3).
#: ``keeps_rights``, ``keeps_accounts`` and ``keeps_code``, read in the notes, say the candidate
#: would keep what the owner pays for (the copyright or a licence of limited use; the product in
#: their own accounts; the source code until full payment): no red flag that rules anyone out, a
#: term to get in writing before the hire (:mod:`advisor.rules.ownership`). ``full_rights``, read
#: in the notes, is a candidate offering full ownership; in a task's own words, the use the work
#: must allow ("with no time limit"). ``local_copy``, read in the notes, is a plan to copy the
#: owner's files to the candidate's own device ("I'll download everything to my laptop and work
#: offline"): no red flag that rules anyone out, but on personal data the data step says no local
#: copies instead of what to send (:func:`advisor.rules.datashare.local_copy_clause`; grading v26, insurance).
TASK_CATEGORIES = ("human_work", "licensed_work", "creator_content", "ads_manager", "personal_data", "personal_records",
                   "support_role", "regulated_firm", "own_credentials", "running_system", "code_work", "waits_on", "health_data")
CONTEXT_CATEGORIES = ("chat_channel", "bank_channel", "after_contract", "on_platform", "service_promise")
CANDIDATE_CATEGORIES = tuple(c for c in CATEGORIES if c not in TASK_CATEGORIES + CONTEXT_CATEGORIES
                             + ("third_party", "credential", "extras", "indemnity", "exposure", "in_escrow", "real_data",
                                "keeps_rights", "keeps_accounts", "keeps_code", "full_rights", "local_copy"))
#: Config keys holding a user's extra phrases: ``settings["phrases.guarantee"]`` (one per line).
SETTING_PREFIX = "phrases."
MAX_PHRASE_CHARS = 100
MAX_PHRASE_WORDS = 8
MAX_PHRASES = 300  # per category, the built-in ones included
#: Phrases quoted per category in a finding (the first ones found).
MAX_QUOTES = 3
#: Words of the clause before a match quoted for what it concerns (4x as many characters of a
#: script without spaces); characters a quote runs on to finish a word of such a script.
QUOTE_CONTEXT = 6
QUOTE_RUN_ON = 4
#: Categories whose quote says what they concern: the part of the job left out of a price.
_WHAT_CATEGORIES = frozenset({"extras"})


_NO_SPACE = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f"
             "\u31a0-\u31ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002ffff")
@functools.cache
def _no_space_class() -> re.Pattern[str]:
    """One character of a script written without spaces; compiled on first use (a quote that
    runs on or looks back), not at import: its class costs ~3 ms to compile."""
    return re.compile(f"[{_NO_SPACE}]")


def _no_space_at(text: str, i: int) -> bool:
    return _no_space_class().match(text, i) is not None


_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
          "\u0900-\u0963\u0966-\u0dff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f")
_SYMBOLS = "%&#@$€£¥₹₩₽"
#: One word: a character of a script without spaces, a run of letters/digits/marks (stopping at
#: such a character: ``[^\\W_...]`` is a word character that is neither ``_`` nor one of them),
#: or a symbol. No nested quantifiers and no look-ahead: the scan is linear. On a text without
#: such characters it splits as :data:`_WORD_SPACED`. Each class of :data:`_NO_SPACE` costs the
#: compiler ~3 ms at import (it walks the 40,000 characters of its ranges): two here, no more.
_WORD = re.compile(f"[{_NO_SPACE}]|(?:[^\\W_{_NO_SPACE}]|[{_MARKS}])+|[{_SYMBOLS}]")
#: The same for ASCII text (most notes), which cannot hold such characters.
_WORD_SPACED = re.compile(f"(?:[^\\W_]|[{_MARKS}])+|[{_SYMBOLS}]")
#: Punctuation that ends a clause: a negation before it does not reach past it.
_CLAUSE_END = re.compile("[.,;:!?\n。、，；！？।॥۔،؛؟]")


#: ASCII text split as :func:`words` splits it, with ``str.translate`` (the quick first look).
_ASCII_SPLIT = {i: " " for i in range(128) if not chr(i).isalnum()}
_ASCII_SPLIT.update({ord(s): f" {s} " for s in _SYMBOLS if s.isascii()})
#: Words too common to tell whether a phrase may be in a text.
_COMMON = frozenset("a an the my your our in on by with to of for me and is be i it we you at as or".split())


#: Thai vowel signs written above or below a consonant: each is a "word" of its own in a script
#: without spaces, but no letter a reader counts (grading v31, mushroom farm: "ไม่ต้องให้สิทธิ์โอนเงิน",
#: no need to give transfer rights, read past the negation's window by its marks).
_THAI_MARK = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))


def _after_chars(ws: list[tuple[str, int, int, bool]], i: int, n: int) -> int:
    """The index ``n`` letters after word ``i`` (a script's marks not counted)."""
    k = i
    while n > 0 and k + 1 < len(ws):
        k += 1
        if ws[k][0] not in _THAI_MARK:
            n -= 1
    return k


def words(text: str) -> list[tuple[str, int, int, bool]]:
    """(folded word, start, end, starts a clause) for each word of ``text``."""
    out: list[tuple[str, int, int, bool]] = []
    last = 0
    plain = text.isascii()
    if plain:  # folding ASCII is lower-casing, position for position: fold once, not per word
        text = text.lower()
    pattern = _WORD_SPACED if plain else _WORD
    clause_end = _CLAUSE_END.search
    for m in pattern.finditer(text):
        start = m.start()
        new_clause = not out or clause_end(text, last, start) is not None
        folded = m.group() if plain else fold(m.group()).replace(" ", "")
        if folded:
            out.append((folded, start, m.end(), new_clause))
        last = m.end()
    return out


#: In a phrase, a word of its own that stands for any one word ("my * login": "my Shopify login").
ANY_WORD = "*"


def phrase_words(phrase: str) -> list[str]:
    """The folded words of a phrase as :func:`words` splits them, a lone ``*`` kept as
    :data:`ANY_WORD` (outside a phrase ``*`` is punctuation). An ASCII phrase without one (most
    of the ~2,000 built-in ones, split for every process's matcher) is split by
    :data:`_ASCII_SPLIT` as :func:`words` splits ASCII text: the same words, half the time."""
    if phrase.isascii() and ANY_WORD not in phrase:
        return phrase.lower().translate(_ASCII_SPLIT).split()
    return phrase_words_by_words(phrase)


def phrase_words_by_words(phrase: str) -> list[str]:
    """:func:`phrase_words` without the ASCII shortcut: :func:`words` on each part, ``*`` kept
    between (the general path, and the oracle its shortcut is tested against)."""
    out: list[str] = []
    for n, part in enumerate(phrase.split(ANY_WORD)):
        if n:
            out.append(ANY_WORD)
        out.extend(w for w, *_ in words(part))
    return out


def _has_wild(node: dict[str, Any]) -> bool:
    stack = [node]
    while stack:
        n = stack.pop()
        if ANY_WORD in n:
            return True
        stack.extend(v for k, v in n.items() if k)
    return False


#: The negations as :func:`words` folds them ("não" is "nao"); a negation of a script without
#: spaces ("无需") is a run of one-character words, kept whole in :data:`_PRE_NEGATION_RUNS`.
NEGATIONS = frozenset(w for n in NEGATION_WORDS for w, *_ in [words(n)[0]] if len(words(n)) == 1)
_PRE_NEGATION_RUNS = tuple(tuple(w for w, *_ in words(n)) for n in NEGATION_WORDS if len(words(n)) > 1)
_POST_NEGATIONS = tuple(tuple(w for w, *_ in words(n)) for n in POST_NEGATION_PHRASES)


def negated_after(ws: list[tuple[str, int, int, bool]], j: int) -> bool:
    """A :data:`~advisor.negations.POST_NEGATION_PHRASES` phrase starts within
    :data:`~advisor.negations.POST_NEGATION_WINDOW` words after ``ws[j]`` in its clause (twice as
    many in a script without spaces: は, を are words). Bounded work per match: window x phrases."""
    n = len(ws)
    window = POST_NEGATION_WINDOW * (2 if len(ws[j][0]) == 1 and not ws[j][0].isascii() else 1)
    for k in range(j + 1, min(n, j + 1 + window)):
        if ws[k][3]:
            return False
        for p in _POST_NEGATIONS:
            if k + len(p) <= n and ws[k][0] == p[0] and all(ws[k + m][0] == p[m] and not ws[k + m][3] for m in range(1, len(p))):
                return True
    return False


#: A refusal that closes a sentence in Japanese, Chinese or Korean, whatever lies between ("銀行振込など、
#: ランサーズ外での直接のお支払いはお受けしておりません": bank transfers ... we do not accept; grading v32
#: review, bonsai: the best translator dropped for refusing them). Specific verbs of refusing, never a bare
#: negative ("構いません", it does not matter, is no refusal).
_CJK_REFUSAL = re.compile(r"お受けしておりません|受け付けておりません|受付しておりません|お受けできません|受けておりません"
                          r"|お断りしております|お断りいたします|行っておりません|対応しておりません|しておりません|いたしません"
                          r"|不接受|不收取|不支持|一律拒绝|一律拒絕|받지 않습니다|받지 않아요|하지 않습니다|불가합니다")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _refused_later(text: str, word: tuple[str, int, int, bool]) -> bool:
    """A match in a script without spaces whose sentence ends (within 60 characters) in a
    :data:`_CJK_REFUSAL` verb."""
    if len(word[0]) != 1 or word[0].isascii() or not _no_space_at(text, word[1]):
        return False
    rest = text[word[2]:word[2] + 60]
    cut = _SENTENCE_END.search(rest)
    rest = rest[:cut.start()] if cut else rest
    # "銀行振込しか対応しておりません" (only bank transfer is accepted) is a demand, not a refusal
    return bool(_CJK_REFUSAL.search(rest)) and not re.search(r"しか|のみ|只|仅|僅|만", rest)


def _pre_negation_run(ws: list[tuple[str, int, int, bool]], i: int) -> int:
    """The index of the last word of a multi-character negation of a script without spaces
    ("无需") starting at ``ws[i]``, -1 when none starts there."""
    for p in _PRE_NEGATION_RUNS:
        if ws[i][0] == p[0] and i + len(p) <= len(ws) and all(ws[i + m][0] == p[m] and not ws[i + m][3] for m in range(1, len(p))):
            return i + len(p) - 1
    return -1

@dataclass(frozen=True)
class Found:
    """What :meth:`PhraseMatcher.find` saw: categories in :data:`CATEGORIES` order and, per
    category, the words quoted as written (at most :data:`MAX_QUOTES`, each once)."""

    categories: tuple[str, ...] = ()
    quotes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: :data:`~advisor.negations.POST_NEGATED` categories seen only in a clause with a negation
    #: further back than :data:`~advisor.negations.NEGATION_WINDOW` ("I never ask new clients to
    #: pay 50% upfront"): neither a request nor its denial for sure, so a question to ask, never a reason to rule anyone out (quotes)
    unsure: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def quote(self, category: str) -> str | None:
        """``"Guaranteed approval", "100% accuracy"``; None when the category was not found."""
        q = (self.quotes or {}).get(category)
        return ", ".join(f'"{x}"' for x in q) if q else None

    def all_quotes(self) -> str | None:
        seen = dict.fromkeys(x for c in self.categories for x in (self.quotes or {}).get(c, ()))
        return ", ".join(f'"{x}"' for x in seen) if seen else None


NOTHING = Found((), {})


class PhraseMatcher:
    """A trie of folded words -> the categories whose phrase ends there."""

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        self._root: dict[str, Any] = {}
        #: one telling word of each phrase: a text without any of them cannot match
        self._keys: set[str] = set()
        for category, items in phrases.items():
            for phrase in items:
                node = self._root
                ws = phrase_words(phrase)[:MAX_PHRASE_WORDS]
                for w in ws:
                    node = node.setdefault(w, {})
                if node is not self._root:
                    node.setdefault("", set()).add(category)
                    rare = [w for w in ws if w not in _COMMON and w != ANY_WORD] or [w for w in ws if w != ANY_WORD]
                    self._keys.add(max(rare, key=len))
        self._ready()

    @classmethod
    def of_trie(cls, root: dict[str, Any], keys: set[str]) -> "PhraseMatcher":
        """The matcher whose trie and telling words were built before (:mod:`advisor.phrasecache`)."""
        m = cls.__new__(cls)
        m._root, m._keys = root, keys
        m._ready()
        return m

    def _ready(self) -> None:
        #: some phrase has a "*" (one word, any): the walk then follows it too
        self._wild = _has_wild(self._root)
        self.find = functools.lru_cache(maxsize=8192)(self._find)  # the same notes on every evaluation
        #: trie steps taken so far (tests count work to show the scan is linear)
        self.steps = 0
        #: judgements made with these lists (``says_it_waits``...), kept with them so that two
        #: configs in one process never share an answer
        self.memo: dict[str, dict] = {}

    def _find(self, text: str) -> Found:
        if not text:
            return NOTHING
        if text.isascii() and self._keys.isdisjoint(text.lower().translate(_ASCII_SPLIT).split()):
            return NOTHING  # most notes: one C-speed look, no word-by-word walk
        ws = words(text)
        spans: dict[str, list[list[int]]] = {}  # category -> [first word, last word] of each match
        unsure: dict[str, list[list[int]]] = {}  # the same, in a clause negated further back
        negated_until = -1
        clause_negated = False
        refused = refused_words(ws, NEGATIONS)  # "please don't send me the owner login": a good sign
        demanded = demanded_words(ws, NEGATIONS)  # "I don't start without 50% up front": a demand
        for i, (w, _start, _end, new_clause) in enumerate(ws):
            if new_clause:
                negated_until = -1
                clause_negated = False
            if i <= negated_until and not demanded[i]:
                if w in NEGATIONS:  # "not ... not included": the phrase may start at a negation
                    negated_until = i + NEGATION_WINDOW
                continue
            negated_before = clause_negated and not demanded[i]  # a phrase led by its own negation ("sin comisión") is sure
            if w in NEGATIONS:  # a phrase may start with one ("not included", "no win no fee")
                negated_until = i + NEGATION_WINDOW
                clause_negated = True
            elif _PRE_NEGATION_RUNS and (end_run := _pre_negation_run(ws, i)) >= 0:  # "无需预付"
                # a character is a word there: twice the window, as after a match ("ไม่ต้องจ่ายมัดจำ")
                negated_until = _after_chars(ws, end_run, 2 * NEGATION_WINDOW)
                clause_negated = True
                continue
            # the trie nodes reached after words i..j: a phrase's "*" takes any one word, so
            # more than one node may be live (at most 2 ** MAX_PHRASE_WORDS, in practice 1 or 2)
            nodes = [n for n in (self._root.get(w), self._root.get(ANY_WORD) if self._wild else None) if n is not None]
            j = i
            while nodes:
                self.steps += len(nodes)
                for node in nodes:
                    for c in node.get("", ()):
                        if clause_negated and c in CLAUSE_NEGATED and not demanded[i]:
                            continue
                        if c in POST_NEGATED and (refused[i] or (negated_after(ws, j) or _refused_later(text, ws[j]))
                                                  and not demanded[i]):
                            continue
                        runs = (unsure if negated_before and c in POST_NEGATED else spans).setdefault(c, [])
                        if runs and (i <= runs[-1][1] or i == runs[-1][1] + 1 and not new_clause):
                            # overlapping, or touching in one clause: one quote
                            runs[-1][1] = max(runs[-1][1], j)
                        elif len(runs) < MAX_QUOTES:
                            runs.append([i, j])
                j += 1
                if j >= len(ws) or j - i >= MAX_PHRASE_WORDS or ws[j][3]:
                    break
                nxt = ws[j][0]
                nodes = [m for n in nodes for m in (n.get(nxt), n.get(ANY_WORD)) if m is not None]
        if not spans and not unsure:
            return NOTHING
        cats = tuple(c for c in CATEGORIES if c in spans)
        return Found(cats, {c: tuple(dict.fromkeys(self._quote(text, ws, a, b, c in _WHAT_CATEGORIES)
                                                   for a, b in spans[c]))
                            for c in cats},
                     {c: tuple(dict.fromkeys(self._quote(text, ws, a, b) for a, b in unsure[c]))
                      for c in CATEGORIES if c in unsure and c not in spans})

    @staticmethod
    def _quote(text: str, ws: list[tuple[str, int, int, bool]], a: int, b: int, what: bool = False) -> str:
        """The words as written; a match starting at a symbol takes the number before it
        ("% success fee" is quoted "10% success fee"). A match ending inside a word of a script
        without spaces (a phrase is cut to :data:`MAX_PHRASE_WORDS` characters there) runs on to
        the word's end, or is cut with "…" ("対応しておりませ" read as a typo: grading v13, game).
        ``what``: the clause's words before the match too (what is left out, not only that
        something is: "colour correction and shadows are extra"), cut with "…"."""
        if a > 0 and ws[a][0] in _SYMBOLS and not ws[a][3] and ws[a - 1][0].isdigit():
            a -= 1
        head = tail = ""
        cut_phrase = b - a + 1 >= MAX_PHRASE_WORDS  # the phrase may go on past what was matched
        if what:
            back = QUOTE_CONTEXT * (4 if _no_space_at(text, ws[a][1]) else 1)
            start = a
            while start > 0 and not ws[start][3] and a - start < back:
                start -= 1
            head = "…" if not ws[start][3] and start > 0 else ""
            a = start
        end = b
        while (cut_phrase and end + 1 < len(ws) and ws[end + 1][1] == ws[end][2] and not ws[end + 1][3]
               and _no_space_at(text, ws[end][1]) and _no_space_at(text, ws[end + 1][1])):
            if end - b >= QUOTE_RUN_ON:
                tail = "…"
                break
            end += 1
        return head + " ".join(text[ws[a][1]:ws[end][2]].split()) + tail


def check_phrase(value: Any, where: str) -> str:
    """A phrase from a config: text of 1..MAX_PHRASE_CHARS characters with 1..MAX_PHRASE_WORDS
    words. Raises ``ValueError`` with what is wrong (the caller names the file and field)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be non-empty text")
    if len(value) > MAX_PHRASE_CHARS:
        raise ValueError(f"is longer than {MAX_PHRASE_CHARS} characters")
    n = len(phrase_words(value))
    if not words(value):
        raise ValueError("has no word to match (only punctuation or *)")
    if n > MAX_PHRASE_WORDS:
        raise ValueError(f"has {n} words; at most {MAX_PHRASE_WORDS}")
    return value


def builtin_path() -> Path:
    return Path(__file__).with_name("red_flags.toml")


def builtin_phrases() -> dict[str, tuple[str, ...]]:
    """The shipped lists (read once)."""
    return _builtin()[0]


@functools.lru_cache(maxsize=1)
def _builtin() -> tuple[dict[str, tuple[str, ...]], tuple[dict, set] | None, str]:
    """(the shipped lists, their matcher's trie and telling words when the cache holds them,
    the cache key): from :mod:`advisor.phrasecache` if it has an entry for this very file and
    code, else parsed (and the trie built by :func:`_matcher`, which stores them)."""
    from advisor import phrasecache

    raw = builtin_path().read_bytes()
    key = phrasecache.cache_key(raw)
    hit = phrasecache.load(key, CATEGORIES, MAX_PHRASE_WORDS)
    if hit is not None:
        lists, root, keys = hit
        return lists, (root, keys), key
    doc = tomllib.loads(raw.decode("utf-8"))
    return {c: tuple(doc.get(c, ())) for c in CATEGORIES}, None, key


def extra_phrases(settings: Mapping[str, Any] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The user's phrases from the rule settings (``phrases.<category>``, one per line)."""
    out = []
    for c in CATEGORIES:
        raw = (settings or {}).get(SETTING_PREFIX + c)
        if isinstance(raw, str) and raw:
            out.append((c, tuple(p for p in raw.split("\n") if p.strip())))
    return tuple(out)


def matcher(extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> PhraseMatcher:
    """The matcher for the built-in lists plus ``extra`` (:func:`extra_phrases`): one per set of
    lists in a process. (Cached on the lists themselves: ``lru_cache`` keyed ``matcher()`` and
    ``matcher(())`` apart, so every ``check`` and app start built the built-in matcher twice,
    ~20 ms each: once for the candidates' notes, once for :func:`advisor.rules.datashare.holds_personal_data`.)"""
    return _matcher(tuple(extra))


@functools.lru_cache(maxsize=16)
def _matcher(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> PhraseMatcher:
    base, trie, key = _builtin()
    if not extra:  # the built-in lists alone: their trie from the cache, or built and stored
        if trie is not None:
            return PhraseMatcher.of_trie(*trie)
        from advisor import phrasecache

        built = PhraseMatcher(base)
        phrasecache.store(key, base, built._root, built._keys)
        return built
    lists = {c: list(v) for c, v in base.items()}
    for c, items in extra:
        lists.setdefault(c, []).extend(items)
    return PhraseMatcher(lists)


def candidate_matcher(settings: Mapping[str, Any] | None) -> PhraseMatcher:
    return matcher(extra_phrases(settings))

