"""Refusals: a candidate saying they will NOT ask for a risky thing ("please don't send me the
owner login", "I will not ask for your password", "no need to pay anything up front", "no quiero
que me pagues por fuera de Workana") is a good sign, never a request to confirm or a reason to rule
them out (grading v20, dentist: a refusal read as an unclear credential request).

A refusal is a negation followed at once (at most :data:`MAX_GAP` filler words between) by a verb
of asking, giving, paying or needing. It reaches to the end of its clause, to a word that turns
the sentence ("but", "so", "and", "pero"...) or to a condition word ("without", "before", "sin",
"ohne"...): "I don't accept work without a 50% deposit" refuses nothing, but "pas besoin de payer
un acompte avant de commencer" refuses the deposit. Words are as :func:`advisor.phrases.words`
folds them; one pass, linear.
"""

from __future__ import annotations

from advisor.text import fold

#: Verbs of asking, giving, sending, paying, needing or wanting, as folded words (accents off).
_VERBS = frozenset(fold(w) for w in (
    # English
    "ask", "asking", "request", "need", "needed", "want", "require", "required", "send", "share", "give",
    "pay", "take", "accept", "expect", "charge", "demand", "use", "move", "work", "do", "email", "message",
    # Spanish, Portuguese
    "quiero", "necesito", "pido", "pedire", "pedir", "pedimos", "envies", "mandes", "mandar", "enviar",
    "compartas", "des", "pagues", "pague", "pagar", "cobro", "acepto", "hace", "quero", "preciso",
    "peco", "envie", "mande", "compartilhe", "cobrarei", "aceito", "precisa",
    # French
    "besoin", "demande", "demanderai", "demanderais", "envoyez", "envoie", "donnez", "payez", "veux",
    "accepte",
    # German
    "schicken", "senden", "geben", "brauche", "verlange", "will", "möchte", "zahlen", "bezahlen",
    "nötig", "akzeptiere",
    # Russian, Ukrainian
    "присылайте", "отправляйте", "давайте", "нужен", "нужна", "нужно", "прошу", "попрошу", "хочу",
    "надсилайте", "потрібен", "потрібно", "прошу", "беру", "платите",
    # Polish
    "wysyłaj", "wysyłajcie", "podawaj", "potrzebuję", "proszę", "chcę", "płać", "płaćcie", "biorę",
))
#: Words that may stand between the negation and its verb ("will not ever ask", "não te vou pedir").
_FILLERS = frozenset(fold(w) for w in (
    "ever", "you", "i", "we", "to", "be", "will", "even", "really", "have", "any", "te", "le", "lo", "la",
    "me", "vou", "voy", "a", "vous", "nous", "je", "sie", "ihnen", "dir", "ich", "mir", "вам", "тебе",
    "мне", "я", "pani", "panu", "mi", "ci", "es", "se", "que", "de",
))
#: Words that turn the sentence: a refusal does not reach past them ("I don't want Upwork's fee,
#: so pay me outside it").
_TURNS = frozenset(fold(w) for w in (
    "but", "so", "and", "instead", "rather", "however", "though", "although", "then", "only", "just",
    "pero", "sino", "asi", "entonces", "solo", "y", "mas", "porem", "entao", "mais", "donc", "et",
    "seulement", "aber", "sondern", "also", "und", "nur", "но", "а", "и", "только", "ale", "lecz",
    "tylko", "oraz",
))
#: Condition words: what follows one is asked for, not refused ("I don't start without 50% up
#: front", "I don't send files before the deposit").
_CONDITIONS = frozenset(fold(w) for w in (
    "without", "before", "until", "till", "unless", "except", "sin", "antes", "hasta", "salvo",
    "sem", "ate", "sans", "avant", "sauf", "ohne", "bevor", "bis", "vor", "außer", "без", "до",
    "пока", "кроме", "bez", "przed", "dopóki", "oprócz",
))
MAX_GAP = 2


def refused_words(ws: list[tuple[str, int, int, bool]], negations: frozenset[str]) -> list[bool]:
    """For each word of ``ws`` (:func:`advisor.phrases.words`), whether it is inside a refusal.
    Each word is looked at a bounded number of times: a refusal's reach stops at the next
    negation, so the reaches of two negations never overlap."""
    out = [False] * len(ws)
    n = len(ws)
    for i, (w, *_rest) in enumerate(ws):
        if w not in negations:
            continue
        k = i + 1
        while k < n and k - i - 1 < MAX_GAP and not ws[k][3] and ws[k][0] in _FILLERS and ws[k][0] not in _VERBS:
            k += 1
        if k >= n or ws[k][3] or ws[k][0] not in _VERBS:
            continue
        end = k
        while (end + 1 < n and not ws[end + 1][3] and ws[end + 1][0] not in _TURNS
               and ws[end + 1][0] not in _CONDITIONS and ws[end + 1][0] not in negations):
            end += 1
        for m in range(i, end + 1):
            out[m] = True
    return out


#: Condition words that are negations of their own ("without a deposit"): followed by a plain
#: negation in their clause they demand what stands between ("Ohne Anzahlung fange ich nicht an").
_NEGATING_CONDITIONS = frozenset(fold(w) for w in ("without", "sin", "sem", "sans", "ohne", "без", "bez"))
#: Negations that join a list rather than negate a verb ("sin anticipo ni comisión"): no demand.
_LIST_NEGATIONS = frozenset(fold(w) for w in ("ni", "nor", "neither", "nem", "ни", "ani"))
#: Words between a negation and its condition word ("I don't ever start work without ...").
DEMAND_REACH = 6


def demanded_words(ws: list[tuple[str, int, int, bool]], negations: frozenset[str]) -> list[bool]:
    """For each word of ``ws``, whether a double negation asks for it: a negation, then within
    :data:`DEMAND_REACH` words of its clause a condition word ("I don't start without 50% up
    front", "I never begin before the deposit is paid", "no work starts until you pay 30%"), then
    the words to the clause's end or a turn; or a negating condition word, then a plain negation
    in its clause ("Ohne Anzahlung fange ich nicht an", "sin anticipo no empiezo"), and the words
    between. Such a note is a demand, not a refusal. One pass; each word looked at a bounded
    number of times (the look-ahead is at most :data:`DEMAND_REACH` words)."""
    n = len(ws)
    out = [False] * n
    last_neg = -1
    i = 0
    while i < n:
        w, _s, _e, new_clause = ws[i]
        if new_clause or w in _TURNS:
            last_neg = -1
        if w in _CONDITIONS and last_neg >= 0 and i - last_neg <= DEMAND_REACH:
            k = i + 1
            while k < n and not ws[k][3] and ws[k][0] not in _TURNS:
                out[k] = True
                k += 1
            last_neg = -1
            i = k
            continue
        if w in _NEGATING_CONDITIONS and last_neg < 0:
            for k in range(i + 1, min(n, i + 1 + DEMAND_REACH + 2)):
                v = ws[k][0]
                if ws[k][3] or v in _TURNS or v in _LIST_NEGATIONS:
                    break
                if v in negations and v not in _CONDITIONS:
                    for m in range(i + 1, k):
                        out[m] = True
                    break
        elif w in negations and w not in _CONDITIONS and w not in _LIST_NEGATIONS:
            last_neg = i
        i += 1
    return out
