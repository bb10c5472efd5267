"""The Next steps for work under way or delivered: a substitute on the hire's work, money still
to pay, the rights and accounts a hire keeps. Split from :mod:`advisor.advice.phrasing` (which maps
each rule to its step); each takes the :class:`~advisor.advice.situation.Situation` it does."""

from __future__ import annotations

from advisor.advice.situation import Situation
from advisor.rules.judgements import escrowless_channel, no_escrow_of
from advisor.text import name_list


def substituted(s: Situation) -> str:
    """Someone else doing a hire's work: a freelancer's helper under their login, an agency's
    unnamed substitute (the contract names its people)."""
    from advisor.rules.datashare import holds_personal_data

    agency = any(c.name in s.who and getattr(c, "kind", "") == "agency" for c in s.task.candidates)
    # people's data in the work: none of it to anyone the contract does not name (grading v34 review,
    # tackle shop: 8,500 customers' records to "our partner outsourcing team in Shenzhen")
    data = "; no personal data from the work goes to anyone it does not name" if holds_personal_data(s.task) else ""
    if agency:
        # who the contract names and who is working instead, by name (grading v36 review, sake brewery:
        # the step lost "Trần Minh Anh (Lê Quốc Bảo is not one of them)" the rule's fix had)
        hired = next(c for c in s.task.candidates if c.name in s.who and getattr(c, "kind", "") == "agency")
        named = list(getattr(hired, "named_people", ()) or ())
        others = [p for p in (getattr(hired, "working_people", ()) or ()) if p not in named]
        who = f" ({name_list(named)})" if named else ""
        extra = f"; {name_list(others)} {'is' if len(others) == 1 else 'are'} not among them" if others else ""
        return (f"Tell {s.who} the people the contract names{who} do the work{extra}: a substitute needs your "
                f"interview and written consent first{data}, and the next payment waits until it is settled")
    return (f"Tell {s.who} the contract is with them: nobody else works under their login; a helper needs your "
            f"interview, NDA and their own account first{data}, and the next payment waits until whose hours were billed is settled")


def hired_task(s: Situation) -> bool:
    """The task is under way with its hire (the offer is made)."""
    return s.task is not None and s.task.status in ("hired", "done")


def no_upfront(s: Situation) -> str:
    if s.task is not None and getattr(s.task, "pricing", "") == "hourly":
        # hours are paid after they are worked (grading v33 review, bird's nest: "milestones" on an hourly job)
        return f"Pay {s.who} nothing up front: only the hours you have approved, week by week, after they are worked"
    if s.task is not None and escrowless_channel(s.task, no_escrow_of(s.plan)):
        return f"Pay {s.who} nothing up front: milestones paid on delivery, once you accept each"
    return f"Pay {s.who} only through escrowed milestones, nothing up front"


def ip_assignment(s: Situation) -> str:
    """"Get X's IP assignment signed", and what a hire's own note says they keep, in writing too
    (grading v33 review, hammock store: "la contraseña del admin de la tienda, que por ahora sigue a
    mi nombre": the store in the freelancer's name after delivery)."""
    from advisor.rules.judgements import candidate_words

    text = f"Get {s.who}'s IP assignment signed"
    t = s.task
    if t is None:
        return text
    for c in t.candidates:
        if c.status != "hired" or "ip-assignment" in (c.agreements or ()) or c.name not in s.who:
            continue
        found = candidate_words(c, s.phrases, t)
        kinds = [k for k in ("keeps_accounts", "keeps_code") if k in found.categories]
        if kinds:
            said = ", ".join(found.quote(k) or "" for k in kinds)
            what = " and ".join(_HANDED[k] for k in kinds)
            return f"{text}, and {what} before the last payment (their note: {said})"
    return text


#: What a hire who keeps something hands over, by what their note keeps.
_HANDED = {"keeps_accounts": "the accounts the work lives in moved to your name",
           "keeps_code": "the source code handed over into your own repository"}
