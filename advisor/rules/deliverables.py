"""The parts of a job named by language, and which of them each candidate covers (grading v19
fixes 2 and 3, ski: a translator dropped for machine output on two of four languages, although
her other two were excellent; a Thai-only bid; nobody proposed per-language contracts).

A machine used for only some of the languages a candidate works in ("For Korean and Thai she
would run DeepL" beside "native Chinese, writes English well") leaves those languages out of
what a person does: the quote is for part of the job (``extras``), not machine output for the
whole (:func:`machine_part`). When no live bid is for the whole job but the part-bids together
cover it, one step says whom to contract for which part (:func:`split_words`). Linear in the text.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from advisor.languages import LANGUAGES, MAX_CHARS, named  # noqa: F401 (read here by the advice)

_SENTENCE = re.compile(r"[^.!?;:。！？\n]+")
#: A sentence kept whole across a colon (where a machine is used: "Vietnamese: a Papago draft").
_WHOLE = re.compile(r"[^.!?;。！？\n]+")
#: "Thai only", "only Thai": the languages the candidate limits the quote to.
_ONLY = re.compile(r"\bonly\b", re.IGNORECASE)


def task_parts(task: Any) -> list[str]:
    """The languages a task's title names: its parts when there are two or more (else [])."""
    parts = named(getattr(task, "title", "") or "")
    return parts if len(parts) >= 2 else []


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text[:MAX_CHARS]) if s.strip()]


def machine_part(notes: str, quotes: Iterable[str]) -> str:
    """The sentence of ``notes`` where a machine is used (``quotes``: the ``machine_work`` words)
    when it names only some of the languages the notes name ("For Korean and Thai she would run
    DeepL" beside "Native Chinese ... writes English well"): that part is left out of what a
    person does. "" when the machine is for all of it, or no language is named."""
    words = [q.lower() for q in quotes if q]
    if not words:
        return ""
    # sentences kept whole across a colon: "Vietnamese: a Papago draft, then I check it" names its part
    sentences = [s.strip() for s in _WHOLE.findall((notes or "")[:MAX_CHARS]) if s.strip()]
    hit = next((s for s in sentences if any(w in s.lower() for w in words)), "")
    langs = set(named(hit))
    if not langs:
        return ""
    if _ALL.search(hit):  # "DeepLで一括翻訳し、日本語のみ私が確認します": the machine does all of it
        return ""
    others = {x for s in sentences if s != hit for x in named(s)} - langs
    return hit if others else ""


#: A person editing or checking the machine's output in the same sentence ("Papago draft, then I
#: check it", "DeepL plus my post-edit", "파파고로 초벌 번역 후 검수"): the part is delivered, its
#: quality is the question (:func:`machine_checked`).
_CHECKED = re.compile(r"\b(?:then |and |i |we |a native |native )?(?:edit\w*|post[- ]?edit\w*|check\w*|review\w*"
                      r"|proofread\w*|correct\w*|revis\w*|polish\w*)\b|검수|감수|교정|수정|확인|다듬|チェック|校正|確認"
                      r"|校对|审校|润色|修改|revisad\w*|revisión|corrig\w*|relu\w*|geprüft|lektoriert|überarbeit\w*",
                      re.IGNORECASE)


#: The machine's sentence saying it does all the work ("run everything through DeepL", "一括翻訳").
_ALL = re.compile(r"\b(?:everything|all of it|the whole|all (?:the )?(?:texts?|languages))\b|一括|全部|すべて|全て|전부|모두|全文",
                  re.IGNORECASE)
#: The check limited to one language ("日本語のみ", "only the Japanese"), or by someone who does not
#: speak the machine's languages ("she does not speak either language"): no check of that part.
_NO_CHECK = re.compile(r"\b(?:only|just)\b|のみ|だけ|만\s|仅|只|(?:does|do|can)\s?n[o']t speak|not speak|cannot speak"
                       r"|no native (?:check|review)|ネイティブチェックは対応", re.IGNORECASE)


def machine_checked(part: str, notes: str = "") -> bool:
    """Whether the sentence where a machine does part of the work (:func:`machine_part`) says a
    person then edits or checks it: the part is then delivered, not left out, and the question is
    its quality (a native reviewer's sample, or an all-human bid; grading v23 fix 5, kindergarten)."""
    return bool(_CHECKED.search(part or "")) and not _NO_CHECK.search(part or "") \
        and not _NO_CHECK.search(_no_only(notes or ""))


def _no_only(notes: str) -> str:
    """``notes`` without "only"-words (read in the machine's own sentence alone)."""
    return re.sub(r"\b(?:only|just)\b|のみ|だけ|仅|只", " ", notes[:MAX_CHARS], flags=re.IGNORECASE)


def covered(parts: list[str], notes: str, left_out: Iterable[str]) -> list[str]:
    """The ``parts`` a candidate covers: the ones they limit their quote to ("Thai only"), else
    every part but those named where their notes leave some out (``left_out``: the quoted words
    of their ``extras``, or a machine's sentence)."""
    sentences = _sentences(notes or "")
    for s in sentences:  # ":" ends a sentence, so "Thai only: the rest is not included" is its own
        only = [x for x in named(s) if x in parts] if _ONLY.search(s) else []
        if only and len(only) < len(parts):
            return only
    marks = [w.strip('"…').lower() for w in left_out if w]
    out: set[str] = set()
    for s in sentences:
        low = s.lower()
        if any(m and (m in low or low in m) for m in marks):
            out.update(named(s))
    return [x for x in parts if x not in out]


def split_words(task: Any, covers: dict[str, list[str]], names: dict[str, str]) -> str:
    """"nobody covers all of it: contract A for English and Chinese and B for Thai, post Korean
    on its own, or re-post the whole job"; "" unless the job has parts and two or more people
    cover some. ``covers``: candidate id -> the parts they cover, in the Ranking's order."""
    parts = task_parts(task)
    if not parts:
        return ""
    left, deals = list(parts), []
    for cid, theirs in covers.items():
        mine = [x for x in theirs if x in left]
        if mine and len(mine) < len(parts):
            deals.append(f"{names[cid]} for {_and(mine)}")
            left = [x for x in left if x not in mine]
    if len(deals) < 2:
        return ""
    rest = f", post {_and(left)} on its own" if left else ""
    return f"Nobody covers all of it: contract {', '.join(deals)}{rest}, or re-post the whole job"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
