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
