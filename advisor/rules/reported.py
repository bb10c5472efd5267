"""The owner's interview notes reporting what a candidate asked for ("Möchte vorab die
Admin-Zugangsdaten", "wants our admin login to start faster", "pidió el pago por fuera"): the
candidate's request in the owner's words, as sure as if they had written it. A cue the owner only
wondered about ("I asked whether it was machine translated") stays a question
(:func:`advisor.rules.judgements._owner_only_unsure`; grading v19, olive; v22, optician: a
candidate who wanted the admin credentials was dropped for a score alone)."""

from __future__ import annotations

from advisor.phrases import words
from advisor.text import fold

#: Verbs saying the candidate wants or asked for something, as folded words.
_WANTS = frozenset(fold(w) for w in (
    "wants", "wanted", "requested", "requests", "insists", "insisted", "demanded", "demands", "needs",
    "möchte", "wollte", "will", "verlangt", "verlangte", "fordert", "forderte", "braucht",
    "quiere", "quería", "pidió", "pide", "exige", "exigió", "necesita",
    "veut", "voulait", "exigeait", "réclame",
    "quer", "queria", "pediu", "pede", "precisa",
    "vuole", "voleva", "chiede",
    "хочет", "хотел", "хотела", "просит", "попросил", "попросила", "требует",
    "chce", "chciał", "chciała", "prosi", "poprosił", "żąda",
    "wil", "wilde", "eist", "istiyor", "istedi",
))
#: "asks for", "asked to": a wish only with the word after it.
_ASKS = frozenset(fold(w) for w in ("asks", "asked", "asking"))
_ASKS_WHAT = frozenset(("for", "to", "um", "nach"))
#: Words of doubt: the owner asking about it, not the candidate asking for it. They count only
#: before the wish ("asked whether he needs"); after it they are other words ("wants a copy of the
#: login", "quiere que se le dé": English "of" and Spanish "se" are also Dutch and Italian doubt).
_DOUBT = frozenset(fold(w) for w in ("whether", "if", "ob", "si", "se", "czy", "ли", "of"))


def reported_request(notes: str, quote: str) -> bool:
    """The clause of the owner's ``notes`` holding ``quote`` says the candidate wants it (a
    :data:`_WANTS` verb, or "asked for") before any doubt word. Linear: one split of the notes."""
    if not notes or not quote:
        return False
    ws = words(notes)
    target = [w for w, *_ in words(quote)]
    if not target:
        return False
    clause: list[str] = []
    clauses: list[list[str]] = []
    for w, _s, _e, new in ws:
        if new and clause:
            clauses.append(clause)
            clause = []
        clause.append(w)
    if clause:
        clauses.append(clause)
    n = len(target)
    for cl in clauses:
        if not any(cl[i:i + n] == target for i in range(len(cl) - n + 1)):
            continue
        for i, w in enumerate(cl):
            if w in _DOUBT:
                return False
            if w in _WANTS or (w in _ASKS and i + 1 < len(cl) and cl[i + 1] in _ASKS_WHAT):
                return True
    return False
