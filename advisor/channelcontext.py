"""A chat app read in context, beyond its bare name (grading v23, hostel: the trial-passed builder
of a WhatsApp bot was dropped for writing "WhatsApp is the product here; we keep our chats on
Upwork").

- :func:`kept_said`: a sentence that KEEPS the talk on the marketplace ("we keep our chats on
  Upwork", "all messages through Freelancer", "la comunicación sigue en Workana") is a good sign,
  as "only through Upwork" is (:func:`advisor.phrasecontext.in_context`), never a move;
- :func:`subject_apps`: a chat app the task itself is about (its title, description, acceptance
  criteria or skills name it: a WhatsApp bot, a Telegram channel) is the work, not a channel;
  named beside a word of talking or moving ("let's continue on WhatsApp") it is at most a
  question to confirm (:attr:`advisor.phrases.Found.unsure`), never a reason to drop anyone.

Words are :func:`advisor.phrases.words` folded; each function is one pass over the words, with a
bounded look inside one clause.
"""

from __future__ import annotations

import functools
from typing import Iterable

from advisor.phrases import NEGATIONS, words

Words = list[tuple[str, int, int, bool]]


def _folded(items: Iterable[str]) -> frozenset[str]:
    return frozenset(w for x in items for w, *_ in words(x))


#: Verbs that keep something where it is, in the languages the red-flag lists hold.
KEEP_WORDS = _folded((
    "keep", "keeps", "keeping", "kept", "stay", "stays", "staying", "remain", "remains", "remaining",
    "sigue", "siguen", "seguira", "seguimos", "queda", "quedan", "mantenemos", "mantengo", "mantener",
    "mantemos", "mantenho", "fica", "ficam", "continua", "continuam", "reste", "restent", "restera",
    "gardons", "garde", "bleibt", "bleiben", "behalten", "остаётся", "остается", "остаются", "оставим",
    "оставляем", "залишається", "залишаються", "zostaje", "zostają", "trzymamy", "kalır", "kalsın",
))
#: Words that gather every message ("all messages through Freelancer", "toda la comunicación por Workana").
ALL_WORDS = _folded(("all", "every", "toda", "todo", "todas", "todos", "toute", "toutes", "tous", "tout",
                     "alle", "gesamte", "вся", "все", "всё", "cała", "całą", "wszystkie", "tüm", "bütün",
                     "όλες", "όλα", "όλοι", "όλη", "כל", "جميع", "كل", "सभी", "सारे"))
#: Words that carry talk through a place ("through", "on", "via", "por", "über", "через").
VIA_WORDS = _folded(("through", "thru", "via", "on", "in", "inside", "within", "en", "por", "dentro", "pelo",
                     "pela", "no", "na", "sur", "par", "dans", "über", "auf", "bei", "через", "на", "в",
                     "przez", "na", "w", "üzerinden", "içinde", "μέσω", "στο", "στην", "דרך", "عبر", "से"))
#: Words of talking, writing or moving a conversation: beside the task's own chat app they may
#: still ask to move the talk there ("let's continue on WhatsApp"): a question, not a drop.
TALK_WORDS = _folded((
    "talk", "chat", "chats", "message", "messages", "contact", "write", "text", "call", "reach", "continue",
    "move", "add", "ping", "dm", "discuss", "communicate", "communication",
    "hablar", "hablemos", "escribe", "escribeme", "escríbeme", "contacto", "contactar", "continuar", "sigamos",
    "falar", "fale", "chame", "escreva", "parler", "écrivez", "contactez", "schreiben", "schreib", "kontakt",
    "напишите", "пишите", "напиши", "свяжитесь", "звоните", "продолжим", "общаться", "напишіть", "пишіть",
    "napisz", "napiszcie", "kontakt", "yazın", "yaz", "ulaşın",
))
_BEFORE_NAME = VIA_WORDS | {"the", "el", "la", "le", "die", "der", "o", "a"}
#: Words a keeping clause reaches ahead for the marketplace's name.
REACH = 6


def kept_said(ws: Words, names: set[str]) -> bool:
    """A clause keeps the talk on the marketplace (``names``: its folded first word, "platform"...):
    a :data:`KEEP_WORDS` verb, or an :data:`ALL_WORDS` word then a :data:`VIA_WORDS` word, followed
    within :data:`REACH` words of the same clause by one of ``names`` right after a
    :data:`VIA_WORDS` word; no negation earlier in the clause ("we don't keep chats on Upwork",
    "no seguimos en Workana" keep nothing). Each word starts a look of at most :data:`REACH` words."""
    n = len(ws)
    negated = False
    for i, (w, _s, _e, new_clause) in enumerate(ws):
        if new_clause:
            negated = False
        if w in NEGATIONS:
            negated = True
            continue
        if negated or not (w in KEEP_WORDS or w in ALL_WORDS):
            continue
        via_seen = w in KEEP_WORDS
        for k in range(i + 1, min(n, i + 1 + REACH)):
            v = ws[k][0]
            if ws[k][3]:
                break
            if v in names and via_seen and ws[k - 1][0] in _BEFORE_NAME:
                return True
            if v in VIA_WORDS:  # before the negation test: Portuguese "no Workana"
                via_seen = True
            elif v in NEGATIONS:
                break
    return False


def subject_words(task: object) -> frozenset[str]:
    """The folded words of a task's own text: title, description, acceptance criteria, skills
    (split once per text, however many candidates ask)."""
    return _text_words("\n".join((getattr(task, "title", "") or "", getattr(task, "description", "") or "",
                                  getattr(task, "acceptance", "") or "", ", ".join(getattr(task, "skills", ()) or ()))))


@functools.lru_cache(maxsize=64)
def _text_words(text: str) -> frozenset[str]:
    return frozenset(w for w, *_ in words(text))


def subject_apps(quotes: Iterable[str], subject: frozenset[str]) -> tuple[str, ...]:
    """The chat-app quotes (``chat_channel``) whose words the task's own text holds (``subject``:
    :func:`subject_words`): "WhatsApp" on a WhatsApp-bot task."""
    return tuple(q for q in quotes if (qs := [w for w, *_ in words(q)]) and all(w in subject for w in qs))


#: Words that make a wallet the person's own: beside the task's own wallet ("pay me by WeChat
#: Pay", "my Kaspi") it is still money sent to them, not the checkout being built.
THEIRS_WORDS = _folded((
    "me", "my", "mine", "directly", "direct", "personal", "mí", "mi", "me", "mio", "mia", "meu", "minha", "moi",
    "mon", "ma", "mir", "mein", "meine", "мне", "мой", "мою", "моя", "напрямую", "mnie", "mój", "moje", "bana",
    "benim", "我", "我的", "直接", "私", "私の", "제", "내", "저에게", "ผม", "ฉัน", "tôi", "saya", "aku", "mujhe", "मुझे",
    "मेरे", "لي", "حسابي",
))


def paid_to_them(ws: Words, quote: str) -> bool:
    """A clause naming ``quote`` (a wallet the task is about) also makes it the person's own
    (:data:`THEIRS_WORDS`: "pay me by WeChat Pay"), not the product ("WeChat Pay checkout")."""
    return _said_with(ws, quote, THEIRS_WORDS)


def talked_of(ws: Words, quote: str) -> bool:
    """A clause naming ``quote`` (a chat app) also holds a :data:`TALK_WORDS` word: "let's continue
    on WhatsApp" (a move to confirm), not "WhatsApp is the product here" (the work)."""
    return _said_with(ws, quote, TALK_WORDS)


def _said_with(ws: Words, quote: str, vocab: frozenset[str]) -> bool:
    """A clause holds ``quote`` and a word of ``vocab`` (one pass)."""
    q = [w for w, *_ in words(quote)]
    if not q:
        return False
    clause_talks, clause_has = False, False
    for i, (w, _s, _e, new_clause) in enumerate(ws):
        if new_clause:
            if clause_talks and clause_has:
                return True
            clause_talks = clause_has = False
        if w in vocab and w not in q:
            clause_talks = True
        if w == q[0] and [x[0] for x in ws[i:i + len(q)]] == q:
            clause_has = True
    return clause_talks and clause_has
