"""Who is ruled out and why: the one judgement behind the next steps' drop list, the Ranking's
"excluded" reasons and the facts ``red_flag_drop``, ``upfront_asked`` and ``upfront_drop``, so
none of them can disagree. A red flag that rules someone out (:func:`to_drop`), money asked up
front (:func:`upfront_counts`, :func:`upfront_drop`), a low score on a key criterion
(:func:`key_low`), and every other reason :func:`ruled_out` lists. Split from
:mod:`advisor.rules.judgements`, whose reading of a candidate's words it builds on."""

from __future__ import annotations

import re
from typing import Any, Mapping

from advisor.rules.datashare import holds_personal_data
from advisor.rules.seriousness import most_serious_first
from advisor.rules.sharedhours import OwnerDay, hours_short_said, owner_day
from advisor.phrases import Found, PhraseMatcher, candidate_matcher
from advisor.plan.model import Candidate, Task
from advisor.plan.model import fold
from advisor import clock
from advisor.rules.keycriteria import key_scores
from advisor.rules.ownplan import own_start
from advisor.rules.ownership import keeps_note
from advisor.rules.factcontext import Context, escrow_of, no_escrow_of
from advisor.rules.judgements import candidate_words, is_proven, said_by, task_words
from advisor.settings import DEFAULT_RULE_SETTINGS
from advisor.text import name_list


#: Work whose product is artwork (AI output there may not be ownable): a logo, an illustration, a design.
_ARTWORK = re.compile(r"\blogo|\billustrat|\bartwork|\bbrand(?:ing)?\b|\bmascot|\bicon set|\bwrap design"
                      r"|\bpackaging design|\blabel design|\bgraphic design", re.IGNORECASE)


def ruled_out_in(c: Candidate, task: Task, ctx: Context, human_work: bool = False) -> str:
    """:func:`ruled_out` with the context's phrases and settings, worked out once per candidate,
    task and evaluation (the task's facts ask it for several fields, the candidate's fact once)."""
    key = ("ruled", id(c), id(task), human_work)
    hit = ctx.memo.get(key)
    if hit is not None and hit[0] is c and hit[1] is task:
        return hit[2]
    why = ruled_out(said_by(c, ctx, task), c, task, human_work, ctx.no_escrow, ctx.key_criterion_low, ctx.escrow,
                    today=ctx.today)
    ctx.memo[key] = (c, task, why)
    return why


def plan_exclusions(plan: Any, task: Task, phrases: PhraseMatcher | None, key_criterion_low: float | None) -> dict[str, str]:
    """:func:`exclusions` with the plan's marketplaces (escrow or not) read once: what every view
    of the advice (steps, milestones, split) asks, so none of them can leave a marketplace out."""
    return exclusions(task, phrases, no_escrow_of(plan), key_criterion_low, escrow=escrow_of(plan), owner=owner_day(plan))


def exclusions(task: Task, phrases: PhraseMatcher | None = None,
               no_escrow: frozenset[str] = frozenset(), key_criterion_low: float | None = None,
               words: dict[str, Found] | None = None, escrow: frozenset[str] = frozenset(),
               owner: OwnerDay | None = None) -> dict[str, str]:
    """Candidate id -> why they are ruled out (:func:`ruled_out`), for the task's candidates not
    yet hired; ``phrases``: the red-flag lists in effect (the built-in ones by default);
    ``no_escrow``: :func:`no_escrow_of` the plan; ``key_criterion_low``: the owner's setting
    (:func:`key_criterion_low_of`; None: the default); ``words``: filled with each one's words;
    ``escrow``: :func:`escrow_of` the plan (the marketplaces known to hold payments in escrow);
    ``owner``: the owner's day (:func:`advisor.rules.sharedhours.owner_day`), for the hours a
    dropped candidate does not share."""
    phrases = phrases if phrases is not None else candidate_matcher(None)
    human = "human_work" in task_words(task, phrases).categories
    out, words = {}, {} if words is None else words
    for c in task.candidates:
        words[c.id] = found = candidate_words(c, phrases, task)
        why = ruled_out(found, c, task, human, no_escrow, key_criterion_low, escrow, owner)
        if why:
            out[c.id] = why
    return out


def to_drop(found: Found, c: Candidate, task: Task, escrow: frozenset[str] = frozenset()) -> bool:
    """A red flag that rules the candidate out: a guaranteed result, a request for your own
    logins, an unrecoverable payment method, or money up front (:func:`upfront_counts`). The rules
    ``guaranteed-results``, ``credentials-request``, ``unprotected-payment`` and ``upfront-payment``
    say the same in their ``when`` (and the next steps name them to drop)."""
    cats = found.categories
    if "guarantee" in cats or "credentials" in cats or "payment" in cats:
        return True
    return upfront_counts(found, c, task, escrow)


def upfront_counts(found: Found, c: Candidate, task: Task, escrow: frozenset[str] = frozenset()) -> bool:
    """``c`` asks to be paid before delivery and it counts against them: the one judgement of the
    Ranking's "asks for money up front" and the fact ``upfront_asked`` (``upfront-payment``).
    Where the plan records the share (:func:`deposit_recorded`), the channel decides: on a
    marketplace known to hold escrow (``escrow``: :func:`escrow_of`) any share asked by someone
    not proven is money outside the milestone escrow (grading v20, cafe: 50% on Fiverr drew
    nothing), unless their notes pay it into that escrow (``in_escrow``: "30% through Kmong safe
    payment", grading v8, cookbook); a proven person's agreed deposit is no red flag; elsewhere the deposit rules weigh
    the share (``deposit-without-escrow``, :func:`upfront_drop`). Else the words ("50% upfront")
    count, except from someone proven on a minor job (a normal deposit between people who know
    each other)."""
    if deposit_recorded(c):
        return upfront_in_escrow(c, escrow) and not is_proven(c) and "in_escrow" not in found.categories
    return "upfront" in found.categories and not (is_proven(c) and task.size == "minor")


def upfront_in_escrow(c: Candidate, escrow: frozenset[str] = frozenset()) -> bool:
    """The share ``c`` asks up front is asked on a marketplace known to hold escrow (``escrow``:
    folded names), not off it: there nothing need be paid before delivery (fund a milestone)."""
    return bool(c.upfront_percent) and not c.off_platform and bool(c.marketplace) and fold(c.marketplace) in escrow


def deposit_recorded(c: Candidate) -> bool:
    """The plan records the share ``c`` asks up front (``upfront_percent``) on a channel they have
    not asked to leave: that number, not words like "half before the shoot", decides the verdict
    (:func:`upfront_counts`; ``deposit-without-escrow`` negotiates it down; :func:`upfront_drop`
    rules out the extreme)."""
    return bool(c.upfront_percent) and not c.off_platform


#: A stranger asking more than this share of the price before delivering anything, where nothing
#: holds the money, is ruled out (``upfront-beyond-deposit``); up to it the advice is to bring the
#: deposit down to 30% (``deposit-without-escrow``), and the candidate stays in the running. A 50%
#: deposit against references and an agreement is a negotiation; 100% to a wallet is not (grading
#: v11, ugc-videos: the advice dropped the first and courted the second).
UPFRONT_DROP_PERCENT = 50.0


def upfront_drop(c: Candidate, no_escrow: frozenset[str] = frozenset()) -> bool:
    """``c`` (not proven) asks more than :data:`UPFRONT_DROP_PERCENT` of the price up front, paid
    directly or on a marketplace known to hold no escrow (``no_escrow``)."""
    return (deposit_recorded(c) and (c.upfront_percent or 0) > UPFRONT_DROP_PERCENT and not is_proven(c)
            and (not c.marketplace or fold(c.marketplace) in no_escrow))


#: Why a candidate is ruled out, by red-flag category, in the words of the drop list.
RULED_OUT_WORDS = {
    "off_platform": "asked to move off the marketplace",
    "guarantee": "promises a result nobody can guarantee",
    "credentials": "asks for your own logins",
    "payment": "asks for a payment you cannot get back",
    "upfront": "asks for money up front",
    "machine_work": "offers machine or AI output for work that needs a person",
    "data_tool": "would put your data into an online tool",
}


def ruled_out(found: Found, c: Candidate, task: Task, human_work: bool = False,
              no_escrow: frozenset[str] = frozenset(), key_criterion_low: float | None = None,
              escrow: frozenset[str] = frozenset(), owner: OwnerDay | None = None, today: Any = None) -> str:
    """Why a candidate not yet hired is no real option ("" when they are one): a failed paid trial,
    a request to move off the marketplace, a red flag that rules them out (:func:`to_drop`), machine
    output for work that needs a person (``human_work``), or a start after the deadline. The same
    set the next steps drop and the Ranking lists as excluded (:mod:`advisor.advice.value`); the
    fact ``red_flag_drop`` is this, so price, interview and budget advice about them rests. A
    hired person is never "dropped": the advice about them is how to go on safely."""
    if c.status not in ("applied", "shortlisted", "interviewed"):
        return ""
    cats = said_categories(found, c, no_escrow)
    why: list[tuple[str, str]] = []  # (kind, words): sorted by most_serious_first below
    drop = to_drop(found, c, task, escrow)
    if drop and "credentials" in cats:
        why.append(("credentials", RULED_OUT_WORDS["credentials"]))
    if c.off_platform or "off_platform" in cats:
        why.append(("off_platform", RULED_OUT_WORDS["off_platform"]))
    if drop:
        why.extend((k, RULED_OUT_WORDS[k]) for k in ("guarantee", "payment") if k in cats)
        if upfront_counts(found, c, task, escrow):
            why.append(("upfront", RULED_OUT_WORDS["upfront"]))
    if c.trial == "failed":
        why.append(("failed_trial", "failed the paid trial"))
    low = key_low(c, task, key_criterion_low)
    if low is not None:
        why.append(("key_low", f"scored {low[0]:g}/5 on {low[1]}, a key criterion"))
    if upfront_drop(c, no_escrow):
        why.append(("upfront_drop", f"asks {c.upfront_percent:g}% up front where nothing holds it"))
    if human_work and "machine_work" in cats:
        why.append(("machine_work", RULED_OUT_WORDS["machine_work"]))
    elif "machine_work" in cats and task.creates_ip and _ARTWORK.search(f"{task.title} {' '.join(task.skills)}"):
        # a logo or artwork made by AI may be no work you can own (grading v31, landscaper: "Trabalho com IA")
        why.append(("machine_work", "makes it with AI: artwork you may not be able to own"))
    if "data_tool" in cats and holds_personal_data(task):  # the task fact's sensitive_data: one judgement
        why.append(("data_tool", RULED_OUT_WORDS["data_tool"]))
    start, deadline = getattr(c, "available_from", None), getattr(task, "deadline", None)
    if start is None and deadline is not None and c.notes:
        # a start their own notes date (grading v33 review, bouldering: "могу начать 4 января" for a 2 January kiosk)
        said = own_start(c.notes, today or (owner.today if owner is not None else clock.today()))
        start = said[0] if said else None
    if start is not None and deadline is not None and start > deadline:
        why.append(("late_start", "cannot start before the deadline"))
    # worked out only where it can count (23,634 times per check at 10,000 before: ~35 ms)
    short, alone = hours_short_said(c, task, owner) if why or task.collaboration == "live" else ("", False)
    if short and (why or alone):  # the night shift said beside a drop; live work outside their own hours alone
        why.append(("no_hours", short))
    if why and "substitution" in cats:  # dropped anyway: whom the work would go to (grading v25, tailor: interns)
        said = found.quote("substitution")
        why.append(("substitution", "would have others do the work" + (f": {said}" if said else "")))
    if why and "real_data" in cats and holds_personal_data(task):  # dropped anyway: one more reason to answer
        why.append(("real_data", "wants your real data instead of test data"))
    if why and (keeps := keeps_note(found, c, task)):  # dropped anyway: what they would keep too
        why.append(("keeps_rights", keeps))
    if why and "success_fee" in cats:  # dropped anyway: the drop names the cut too (one line)
        from advisor.rules.ownplan import success_fee_cost

        said = found.quote('success_fee') or ""
        cost = success_fee_cost(said, f"{task.title}\n{task.description or ''}", c.notes or "", c.price(task))
        why.append(("success_fee", f"wants {said}" + (f", {cost}" if cost else "")))
    # the most serious first (one order: advisor.rules.seriousness): a login, a move off the
    # marketplace or money at risk before a score (grading v19, olive; v21, florist)
    # two joined by "and"; three or more by ";" (a reason may hold a comma: "scored 2/5 on security,
    # a key criterion"), so each reads as one (grading v24 fix 8: every reason, not the first)
    return ("; " if len(why) > 2 else " and ").join(most_serious_first(why))


def said_categories(found: Found, c: Candidate, no_escrow: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The red-flag categories that count for ``c``: chat-app, bank-transfer or Wise words are a
    move off the marketplace only for someone on one that holds payments (a direct hire, or a
    directory without escrow (``no_escrow``: folded names), has no marketplace to leave)."""
    if "off_platform" not in found.categories or (c.marketplace and fold(c.marketplace) not in no_escrow):
        return found.categories
    return tuple(x for x in found.categories if x != "off_platform")


#: A score on a key criterion at or under this (of 5) is a no (``key_criterion_low``).
KEY_CRITERION_LOW = DEFAULT_RULE_SETTINGS["key_criterion_low"]


def key_criterion_low_of(settings: Mapping[str, Any] | None) -> float:
    """The owner's ``key_criterion_low`` setting (a bad value: the default, as the rules' loader
    has already reported it)."""
    value = (settings or {}).get("key_criterion_low", KEY_CRITERION_LOW)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else float(KEY_CRITERION_LOW)


def key_low(c: Candidate, task: Task, threshold: float | None = None) -> tuple[float, str] | None:
    """(score, criteria) when ``c`` scored ``threshold`` (the owner's ``key_criterion_low``,
    :data:`KEY_CRITERION_LOW` by default) or less on a key criterion of ``task``
    (``low-key-criterion`` says it with the same setting; the pick and the Ranking leave them out)."""
    got = key_scores(c, task)
    if not got:
        return None
    low = min(v for _, v in got)
    if low > (KEY_CRITERION_LOW if threshold is None else threshold):
        return None
    return low, name_list([k for k, v in got if v == low], shown=len(got))

