"""The Next step for hours billed over the weekly cap (``hours-over-weekly-cap``): a decision on
those hours, priced, and an answer to the hire's own note about them.

Grading v22 (solar VA): the step said "ask about the extra hours" when the VA had already
explained them ("the ad campaign doubled the call list") and asked whether to stop at 20 h; the
owner's choice is to approve or dispute the 6 h (A$72, A$75.60 with the fee) and answer her. So
the step names each overrun with what it costs with the marketplace's fee, and reads the hire's
notes: a question there is answered, an explanation is checked against the work diary, and only
without a note is the owner told to ask why.
"""

from __future__ import annotations

from typing import Any

from advisor.plan.money import format_money, format_number
from advisor.rules.hoursbilled import OVER_SHOWN, overruns
from advisor.text import fold, name_list

#: Marks and words that make a hire's note ask something ("please tell me if I should stop").
_QUESTION_MARKS = ("?", "？", "¿", "؟")
_ASKING = frozenset(fold(w) for w in ("whether", "if", "ob", "czy"))


def asks(note: str | None) -> bool:
    """The note asks the owner something: a question mark, or a word of doubt ("tell me if I
    should stop at 20 hours"). Linear: one scan of the note."""
    if not note:
        return False
    if any(m in note for m in _QUESTION_MARKS):
        return True
    from advisor.phrases import words

    return any(w in _ASKING for w, *_ in words(note))


def over_cap_step(task: Any, fees: dict, currency: str | None, locale: str | None, phrases: Any = None) -> str:
    """"Approve or dispute the 6 h over the cap Maricel Dizon billed last week ($72, $75.60 with
    the fee), and answer their question about the cap"; "" when nobody went over."""
    from advisor.advice.decide import with_fees

    over = overruns(task)
    if not over:
        return ""
    items = []
    for c, extra in over:
        rate = c.price(task)
        cost = ""
        if rate is not None:
            amount = extra * rate
            cost = format_money(amount, currency, locale)
            fee = with_fees(amount, c.marketplace, task, fees)
            if fee is not None and round(fee, 2) != round(amount, 2):
                cost += f", {format_money(fee, currency, locale)} with the fee"
            cost = f" ({cost})"
        items.append(f"{c.name}'s {format_number(f'{extra:g}', locale)} h{cost}")
    listed = name_list(items, shown=OVER_SHOWN)
    text = f"Approve or dispute last week's hours over the {format_number(f'{task.weekly_cap:g}', locale)} h cap: {listed}"
    flagged = _flagged(over, task, phrases)
    asking = [c.name for c, _ in over if asks(c.notes) and c.name not in flagged]
    told = [c.name for c, _ in over if c.notes and c.name not in asking and c.name not in flagged]
    silent = [c.name for c, _ in over if not c.notes]
    if asking and len(over) == 1:
        text += ", and answer their question about the cap"
    elif asking:
        text += f", and answer {name_list(asking)}'s question{'s' if len(asking) > 1 else ''} about the cap"
    if told:
        text += f"; check {name_list(told)}'s note on why against the work diary"
    if silent:
        text += f"; read the work diary and ask {name_list(silent)} why"
    for name, why in flagged.items():  # the note is the problem, not an explanation (grading v33 review, kathak)
        text += f"; hold {name}'s hours until {why}"
    return text


#: What a hire's note says that makes it no explanation of the hours, and what settles it first.
_SETTLE = (("substitution", "you know who worked them (their note hands the work to someone else)"),
           ("credentials", "their request for your logins is refused in writing"),
           ("off_platform", "they agree to be paid on the marketplace only"),
           ("bank_channel", "they agree to be paid on the marketplace only"),
           ("keeps_accounts", "the accounts the work runs in are in your name (their note keeps them)"),
           ("upfront", "their request for money ahead of the work is refused in writing"))


def _flagged(over: list, task: Any, phrases: Any = None) -> dict[str, str]:
    """Name -> what to settle first, for each hire over the cap whose own note is a red flag
    (``phrases``: the lists in effect, the built-in ones by default)."""
    from advisor.phrases import matcher
    from advisor.rules.judgements import candidate_words

    phrases = phrases if phrases is not None else matcher()
    out = {}
    for c, _ in over:
        if not c.notes:
            continue
        cats = candidate_words(c, phrases, task).categories
        why = next((w for k, w in _SETTLE if k in cats), "")
        if why:
            out[c.name] = why
    return out
