"""The hire step for someone who would keep what the owner pays for: the rights in writing first.

A decision to hire (:mod:`advisor.advice.decide`) whose pick keeps the copyright, licenses only a
limited use, keeps the product in their own accounts or holds back the code
(:func:`advisor.rules.ownership.kept`) is no bare "Hire X" (grading v19: oliveoil-photos, "Hire
Νίκος" while he kept the copyright; tailor-wechat-agency, "Hire the agency today" while it would
register the mini-program under its own company). It becomes "Before you hire X, get in writing
<what the work needs>, and compare the whole price; if not, Y already includes full rights (price);
then hire X (...)": the terms are negotiable, so nobody is dropped for them. The step says the
task's offer terms on rights (``offer-ip-assignment``, ``offer-usage-licence``), so they are no
step of their own beside it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from advisor.phrases import words
from advisor.plan.money import format_money
from advisor.rules.ownership import keepers, offers_ownership, task_found
from advisor.text import name_list

#: Offer terms on the work's rights that the step says (no generic step of their own beside it).
RIGHTS_RULES = frozenset({"offer-ip-assignment", "offer-usage-licence", "ad-account-ownership"})
#: Words of a task that print the work: a perpetual licence must name print too.
_PRINT = frozenset({"print", "printed", "printing", "brochure", "brochures", "catalogue", "catalogues", "catalog",
                    "catalogs", "flyer", "flyers", "packaging", "poster", "posters", "leaflet", "leaflets"})


def _prints(task: Any) -> bool:
    text = "\n".join((task.title or "", task.description or "", task.acceptance or ""))
    return bool(_PRINT & {w for w, *_ in words(text[:4000])})


def ask(kinds: set[str], creator: bool, task: Any) -> str:
    """What to get in writing for the ``kinds`` kept: "a perpetual licence for every use you need
    (print included) or a buy-out, at a stated price" for a creator's work; "that it is registered
    and hosted in your own accounts ... from day one, with all rights assigned to you on payment"
    for a product or code."""
    if "keeps_accounts" in kinds and _ads(task):  # ads run from their account: the account is the asset
        return ("that the ad account, pixel and audiences are in your own Business Manager from day one, "
                "with the spend on your card and them added as a partner")
    control = [w for k, w in (("keeps_accounts", "it is registered and hosted in your own accounts"),
                              ("keeps_code", "its code is in your own repository")) if k in kinds]
    if not control:
        if creator:
            return (f"a perpetual licence for every use you need{' (print included)' if _prints(task) else ''}"
                    " or a buy-out, at a stated price")
        return "an assignment of all rights to you on payment, at a stated price"
    return f"that {' and '.join(control)} from day one, with all rights assigned to you on payment"


def _ads(task: Any) -> bool:
    """The task is someone running the business's ads (the ``ads_manager`` words of its text)."""
    from advisor.rules.ownership import task_found

    return "ads_manager" in task_found(task, None).categories


def _alternative(task: Any, running: Any, picks: tuple[str, ...], control: bool, phrases: Any) -> tuple[str, str, str]:
    """(name, "already includes full rights", "1.028,90 € with fees") of the best-ranked other
    candidate in the running whose notes offer full ownership; ("", "", "") for none."""
    from advisor.rules.judgements import candidate_words

    byid = {c.id: c for c in task.candidates}
    viable = running.viable_ids
    for v in running.viable:
        if v.candidate in picks or v.candidate not in viable:
            continue
        c = byid[v.candidate]
        found = running.words[c.id] if c.id in running.words else candidate_words(c, phrases, task)
        if not offers_ownership(found):
            continue
        plan = running.plan
        cur, loc = plan.business.currency, plan.business.locale
        money = (f"{format_money(round(v.all_in_cost, 2), cur, loc)} with fees" if v.all_in_cost is not None
                 else f"{format_money(v.price, cur, loc)} before fees" if v.price is not None else "")
        offer = "already keeps everything in your own accounts" if control else "already includes full rights"
        return c.name, offer, money
    return "", "", ""


def rights_first(dec: Any, task: Any, running: Any) -> Any:
    """``dec`` (a :class:`advisor.advice.decide.Decision`) with the rights asked before the hire
    when a pick would keep something the business must own; ``dec`` itself otherwise."""
    if dec is None or not dec.text or not dec.hires or not dec.picks:
        return dec
    from advisor.advice.basis import basis_or_builtin

    phrases = basis_or_builtin(running.basis).phrases
    keep = keepers(running.words, task, dec.picks, phrases)
    if not keep:
        return dec
    kinds = {k for got in keep.values() for k in got}
    creator = "creator_content" in task_found(task, phrases).categories
    names = name_list([c.name for c in task.candidates if c.id in keep], shown=len(keep))
    verb = "rehire" if dec.text.startswith("Rehire") else "hire"
    text = f"Before you {verb} {names}, get in writing {ask(kinds, creator, task)}, and compare the whole price"
    control = bool(kinds & {"keeps_accounts", "keeps_code"})
    name, offer, money = _alternative(task, running, dec.picks, control, phrases)
    if name:
        text += f"; if not, {name} {offer}" + (f" ({money})" if money else "")
    text += f"; then {dec.text[:1].lower()}{dec.text[1:]}"
    # every pick's rights are asked here: the generic offer terms on them are said
    settles = dec.settles | (RIGHTS_RULES if len(keep) == len(dec.picks) else frozenset())
    return replace(dec, text=text, settles=settles)


def offer_clause(task: Any, running: Any) -> str:
    """Before anyone is picked, the offer's IP step names who in the running would keep something
    (:func:`advisor.rules.ownership.kept`): "; Айдар keeps it in their own name or accounts: get in
    writing that it is registered and hosted in your own accounts from day one, with all rights
    assigned to you on payment (Ольга Ким already does, 465 000 ₸ with fees)"; "" for nobody."""
    if task is None or running is None:
        return ""
    from advisor.advice.basis import basis_or_builtin

    phrases = basis_or_builtin(running.basis).phrases
    keep = keepers(running.words, task, sorted(running.viable_ids), phrases)
    if not keep:
        return ""
    from advisor.rules.ownership import KEPT_WORDS

    kinds = {k for got in keep.values() for k in got}
    creator = "creator_content" in task_found(task, phrases).categories
    who = [c for c in task.candidates if c.id in keep]
    what = " and ".join(KEPT_WORDS[k] for k in KEPT_WORDS if k in kinds)
    names = name_list([c.name for c in who], shown=len(who))
    if len(who) > 1:  # "Ana and Ben keep the copyright"
        what = what.replace("keeps ", "keep ").replace("holds ", "hold ")
    text = f"; {names} {what}: get in writing {ask(kinds, creator, task)}"
    name, _, money = _alternative(task, running, tuple(keep), bool(kinds & {"keeps_accounts", "keeps_code"}), phrases)
    return text + (f" ({name} already does{', ' + money if money else ''})" if name else "")
