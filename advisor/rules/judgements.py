"""The judgements the facts and the advice share, so the findings and the next steps never
disagree: who is proven, who is ruled out and why, when a task has enough to choose from, the
median price in play, amounts as a person says them, weekly caps and milestones."""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping

from advisor.medians import median as median_of
from advisor.rules.datashare import holds_personal_data
from advisor.rules.seriousness import most_serious_first
from advisor.rules.sharedhours import OwnerDay, hours_short, owner_day
from advisor.channelcontext import subject_words
from advisor.phrasecontext import in_context
from advisor.rules.channelsafe import contact_only_unsure
from advisor.phrases import CANDIDATE_CATEGORIES, CATEGORIES, NOTHING, Found, PhraseMatcher, candidate_matcher
from advisor.plan.model import Candidate, Task
from advisor.plan.model import fold
from advisor.rules.ownplan import priced_extra
from advisor.rules.ownership import keeps_note
from advisor.rules.factcontext import Context, escrow_of, no_escrow_of  # noqa: F401 (the advice reads them here)
from advisor.settings import DEFAULT_RULE_SETTINGS
from advisor.text import name_list
from advisor.rules.factschema import num
from advisor.rules.sizing import (  # noqa: F401 (read here by the facts and the advice)
    MILESTONE_HOURS, MILESTONES_MAX, MILESTONES_MIN, PERIOD_SCAN, TRIAL_MAX_HOURS, TRIAL_SHARE,
    escrowless_channel, milestone_payment, milestones_for, nice_amount, trial_piece, weekly_cap_range,
    work_weeks)
from advisor.rules.partquotes import (MACHINE_PART, left_out_words, machine_ask, partial_quote,  # noqa: F401
                                      scope_left_out)

def in_motion(task: Task) -> bool:
    """A task that takes the owner's attention now: posted, hiring or hired, or a draft that
    already has candidates (a first-timer's overload counts all of them)."""
    return task.status in ("posted", "hiring", "hired") or (task.status == "draft" and bool(task.candidates))


#: A critical task due within this many days is run first, whatever its size.
FIRST_URGENT_DAYS = 14
_SIZE_ORDER = {"minor": 0, "moderate": 1, "major": 2}


def run_first(tasks: list[Task], today: Any, clear: Callable[[Task], bool] | None = None,
              hire: Callable[[Task], bool] | None = None) -> tuple[Task, str, list[Task]] | None:
    """A first-timer's order for the ``tasks`` in motion: (the task to run first, why, the ones to
    park). Work already hired runs first (it is under way); else a critical task due within
    :data:`FIRST_URGENT_DAYS` days; else a critical task that already has candidates (the one
    that matters most, and the choice is in front of you: learn on it, with the care it needs);
    else a non-critical one whose choice is ready (:func:`decision_clear`: the nearest to done);
    else the smallest non-critical one (size, then hours, then budget), else the smallest. The
    ones to park are the others in motion, then the other open drafts. None for fewer than 2
    tasks in motion. ``clear``/``hire``: kept answers of :func:`decision_clear`/"someone is hired"."""
    live = [t for t in tasks if in_motion(t)]
    if len(live) < 2:
        return None

    def small(t: Task) -> tuple:
        return (_SIZE_ORDER.get(t.size, 1), t.hours if t.hours is not None else math.inf,
                t.budget if t.budget is not None else math.inf)

    def has_candidates(t: Task) -> bool:
        return any(c.status in ("applied", "shortlisted", "interviewed") for c in t.candidates)

    hired = [t for t in live if (hire(t) if hire else any(c.status == "hired" for c in t.candidates))]
    urgent = sorted((t for t in live if t.critical and t.deadline is not None
                     and 0 <= (t.deadline - today).days <= FIRST_URGENT_DAYS), key=lambda t: t.deadline)
    weighty = [t for t in live if t.critical and has_candidates(t)]
    calm = sorted((t for t in live if not t.critical), key=small)
    ready = [t for t in calm if (clear or decision_clear)(t)]
    if len(hired) == 1:
        first, why = hired[0], "someone is already working on it"
    elif urgent:
        first, why = urgent[0], f"it is critical and due in {(urgent[0].deadline - today).days} days"
    elif weighty:
        first, why = weighty[0], "it matters most and its candidates are already in"
    elif ready:
        first, why = ready[0], "your choice there is ready: the nearest to done"
    elif calm:
        first, why = calm[0], "the smallest task that is not critical: a cheap place to learn"
    else:
        first, why = sorted(live, key=small)[0], "the smallest of them"
    drafts = [t for t in tasks if t.status == "draft" and not in_motion(t)]
    return first, why, [t for t in live if t is not first] + drafts


def park_words(park: list[Task]) -> str:
    """"pause Social (posted) and hold Logo (a draft)": what parking each task means."""
    return name_list([f"hold {t.title} (a draft)" if t.status == "draft" else f"pause {t.title} ({t.status})"
                      for t in park], shown=3)


def decision_clear(task: Task) -> bool:
    """The task's choice is made or plain, so advice to look wider (another marketplace) rests:
    someone hired; a proven person, not rejected, whose price fits the budget; a live candidate
    interviewed at :data:`FRONT_RUNNER_SCORE` or more; or a specialist firm quoting (an agency
    naming its people with a fixed price)."""
    live = [c for c in task.candidates if c.status in ("applied", "shortlisted", "interviewed")]
    if any(c.status == "hired" for c in task.candidates):
        return True
    for c in live:
        price = c.price(task)
        if is_proven(c) and price is not None and task.budget is not None and price <= task.budget:
            return True
        if c.interview is not None and (c.interview.average or 0) >= FRONT_RUNNER_SCORE:
            return True
        if (task.pricing == "fixed" and c.kind == "agency" and c.named_people and c.bid is not None
                and c.status in ("shortlisted", "interviewed")):
            return True
    return False


def is_proven(c: Candidate) -> bool:
    """Someone whose work the owner knows: a job already finished for the business, or a paid
    trial passed. Screening advice (shortlist size, trials, interviews, records) steps back."""
    return c.past_jobs_with_us >= 1 or (c.trial == "passed" and not trial_by_others(c))


def trial_by_others(c: Candidate) -> bool:
    """An agency whose own notes say others will do the job than did the trial ("a team of six
    junior retouchers will work; Rafiqul does QC only"): the passed trial shows the senior's work,
    not the team's, so it is no "you know their work" (grading v13, photo)."""
    if c.kind != "agency" or c.trial != "passed" or not (c.notes or c.working_people):
        return False
    if c.working_people and c.named_people:  # the plan says who works: compare, before the hire too
        named = {w for n in c.named_people for w in fold(n).split()}
        if any(not named.intersection(fold(w).split()) for w in c.working_people):
            return True
    return "substitution" in candidate_words(c, candidate_matcher(None)).categories


def proven_why(c: Candidate) -> str | None:
    """Why a candidate is proven, as a phrase after their name; None when they are not."""
    jobs = c.past_jobs_with_us
    done = f"has finished {jobs} job{'s' if jobs != 1 else ''} for you" if jobs >= 1 else ""
    trial = "passed a paid trial with you" if c.trial == "passed" else ""
    if done and trial:
        return f"{done} and {trial}"
    return done or trial or None


def said_by(c: Candidate, ctx: Context, task: Task) -> Found:
    """The red-flag phrases in a candidate's notes and interview notes, read for ``task``
    (:func:`candidate_words`), scanned once per evaluation (``ctx.memo``)."""
    key = ("said", id(c))
    hit = ctx.memo.get(key)
    if hit is not None and hit[0] is c:
        return hit[1]
    found = candidate_words(c, ctx.phrases, task)
    ctx.memo[key] = (c, found)
    return found


def ruled_out_in(c: Candidate, task: Task, ctx: Context, human_work: bool = False) -> str:
    """:func:`ruled_out` with the context's phrases and settings, worked out once per candidate,
    task and evaluation (the task's facts ask it for several fields, the candidate's fact once)."""
    key = ("ruled", id(c), id(task), human_work)
    hit = ctx.memo.get(key)
    if hit is not None and hit[0] is c and hit[1] is task:
        return hit[2]
    why = ruled_out(said_by(c, ctx, task), c, task, human_work, ctx.no_escrow, ctx.key_criterion_low, ctx.escrow)
    ctx.memo[key] = (c, task, why)
    return why


def candidate_words(c: Candidate, phrases: PhraseMatcher | None, task: Task | None = None) -> Found:
    """The red-flag phrases in ``c``'s notes and interview notes, read in context
    (:func:`advisor.phrasecontext.in_context`); with ``task`` (every reader of a task's advice
    passes it, so the Ranking's exclusions and the rule facts read the same), a chat app the task
    is about is the work, not a channel, and a bare contact reading is only a question for the
    one person the owner knows best (:func:`advisor.rules.channelsafe.contact_only_unsure`)."""
    if phrases is None:
        return NOTHING
    text = c.notes or ""
    if c.interview is not None and c.interview.notes:
        text = f"{text}\n{c.interview.notes}"
    found = phrases.find(text)
    # the task's own words, read only beside a chat app, a wallet or a coin (most notes name none)
    subject = (subject_words(task) if task is not None and not _SUBJECT_READS.isdisjoint(found.categories)
               else frozenset())
    found = in_context(found, text, c.marketplace, subject)
    if text != (c.notes or "") and found.categories:
        found = _owner_only_unsure(found, in_context(phrases.find(c.notes or ""), c.notes or "", c.marketplace,
                                                     subject), c.interview.notes)
    if task is not None and "off_platform" in found.categories:
        found = contact_only_unsure(found, c, task, is_proven(c))
    extra = priced_extra(c.notes) if "extras" not in found.categories else ""
    if extra:  # "paid ads +$150": part of the job priced on top, as "raw files are extra" is
        found = _plus(found, {"extras": (extra,)})
    if task is not None:  # "the first 1,000 products" only, a part per unit of no stated quantity
        from advisor.plan.scope import open_parts

        left = open_parts(c.notes, task)
        if left:
            found = _plus(found, {"extras": tuple(dict.fromkeys(((found.quotes or {}).get("extras", ()) + left)))})
    if "machine_work" in found.categories:  # a machine for some of their languages: that part is left out
        from advisor.rules.deliverables import machine_checked, machine_part

        part = machine_part(c.notes or "", (found.quotes or {}).get("machine_work", ()))
        if part:
            rest = Found(tuple(k for k in found.categories if k != "machine_work"),
                         {k: v for k, v in (found.quotes or {}).items() if k != "machine_work"}, found.unsure)
            # then checked by a person: delivered, its quality the question (MACHINE_PART), never a drop
            found = (Found(rest.categories, rest.quotes, {**(rest.unsure or {}), MACHINE_PART: (part,)})
                     if machine_checked(part, c.notes or "") else _plus(rest, {"extras": (part,)}))
    return _with_stated_material(found, c, phrases)


#: Categories read against the task's own words (a chat app, a wallet, a coin the work is about).
_SUBJECT_READS = frozenset({"chat_channel", "bank_channel", "payment"})


def _owner_only_unsure(found: Found, theirs: Found, owner_notes: str = "") -> Found:
    """``found`` (notes and interview notes) with the red flags only the owner's interview notes
    name moved to :attr:`Found.unsure`: "I asked whether it was machine translated" is the owner's
    doubt, not the candidate's offer, so at most a question, never a drop (grading v19, olive).
    A flag the owner reports the candidate asking for ("Möchte vorab die Admin-Zugangsdaten")
    stays sure (:func:`advisor.rules.reported.reported_request`; grading v22, optician)."""
    from advisor.rules.reported import reported_request

    owner = [k for k in found.categories if k in CANDIDATE_CATEGORIES and k not in theirs.categories
             and not any(reported_request(owner_notes, q) for q in found.quotes.get(k, ()))]
    if not owner:
        return found
    quotes = {k: v for k, v in found.quotes.items() if k not in owner}
    unsure = {**{k: found.quotes[k] for k in owner}, **(found.unsure or {})}
    return Found(tuple(k for k in found.categories if k not in owner), quotes, unsure)


#: Categories that also count when said in ``third_party`` (the material the candidate states they
#: build on): "Midjourney for base images" is machine output whether it is in the notes or there;
#: a guaranteed result or a cut of the money raised is the bid's terms wherever it is written.
THIRD_PARTY_READS = ("machine_work", "guarantee", "success_fee")


def _with_stated_material(found: Found, c: Candidate, phrases: PhraseMatcher) -> Found:
    """``found`` plus :data:`THIRD_PARTY_READS` categories said in the candidate's ``third_party``."""
    material = getattr(c, "third_party", "") or ""
    if not material.strip():
        return found
    more = phrases.find(material)
    return _plus(found, {k: more.quotes[k] for k in THIRD_PARTY_READS
                         if k in more.categories and k not in found.categories})


def _plus(found: Found, more: Mapping[str, tuple[str, ...]]) -> Found:
    """``found`` with the categories (and their quotes) of ``more`` added, in :data:`CATEGORIES` order."""
    if not more:
        return found
    quotes = {**(found.quotes or {}), **more}
    return Found(tuple(k for k in CATEGORIES if k in found.categories or k in more), quotes, found.unsure)


def said_in_task(task: Task, ctx: Context) -> Found:
    """The phrases in a task's own words (title, description, acceptance criteria, skills), plus
    the owner's own account listed in its ``access`` (``own_credentials``: "linkedin recruiter (my
    seat)" is the same plan as "I'll give the VA my login", grading v16, recruiter-va)."""
    found = task_words(task, ctx.phrases)
    if "own_credentials" in found.categories or not task.access:
        return found
    from advisor.rules.access import own_account_access

    own = own_account_access(task.access, f"{task.title}\n{task.description or ''}\n{task.handover or ''}")
    return _plus(found, {"own_credentials": tuple(own[:3])}) if own else found


def stated_licence(c: Candidate, phrases: PhraseMatcher | None, *, unchecked: bool = False) -> str:
    """The licence or certification ``c`` states for the work, quoted as written ("" for none):
    in their notes, interview notes or named people ("Lena Weiss (CREST CRT)"). ``unchecked``:
    only when its indemnity cover is not on record beside it (the ``indemnity`` phrases: "EUR 5M
    professional indemnity"); a licence stated with its cover needs no step to check it."""
    if phrases is None:
        return ""
    text = "\n".join(filter(None, (c.notes, c.interview.notes if c.interview is not None else None,
                                    *getattr(c, "named_people", ()))))
    found = phrases.find(text)
    if unchecked and "indemnity" in found.categories:
        return ""
    return found.quote("credential") or ""


def task_words(task: Task, phrases: PhraseMatcher | None) -> Found:
    if phrases is None:
        return NOTHING
    return phrases.find("\n".join((task.title or "", task.description or "", task.acceptance or "",
                                    ", ".join(task.skills))))


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
              escrow: frozenset[str] = frozenset(), owner: OwnerDay | None = None) -> str:
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
    if "data_tool" in cats and holds_personal_data(task):  # the task fact's sensitive_data: one judgement
        why.append(("data_tool", RULED_OUT_WORDS["data_tool"]))
    start, deadline = getattr(c, "available_from", None), getattr(task, "deadline", None)
    if start is not None and deadline is not None and start > deadline:
        why.append(("late_start", "cannot start before the deadline"))
    if why and (short := hours_short(c, task, owner)):  # dropped anyway: the night shift said too
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


#: A marketplace record strong enough that a low price alone is no warning: a rating of
#: :data:`STRONG_RATING` or more from :data:`STRONG_REVIEWS` reviews, or a job success score of
#: :data:`STRONG_JOB_SUCCESS`% or more (``strong_record``).
STRONG_RATING, STRONG_REVIEWS, STRONG_JOB_SUCCESS = 4.8, 20, 90


def strong_record(c: Candidate) -> bool:
    """A public record a cheap bid does not undo (``bid-far-below-median`` then speaks only when
    the price is under a third of the median)."""
    rating, reviews, js = c.rating, c.reviews, c.job_success
    if rating is not None and reviews is not None and rating >= STRONG_RATING and reviews >= STRONG_REVIEWS:
        return True
    return js is not None and js >= STRONG_JOB_SUCCESS


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
    if not task.key_criteria or c.interview is None or not c.interview.scores:
        return None
    scores = {fold(k): (k, v) for k, v in c.interview.scores.items()}
    got = [scores[fold(k)] for k in task.key_criteria if fold(k) in scores]
    if not got:
        return None
    low = min(v for _, v in got)
    if low > (KEY_CRITERION_LOW if threshold is None else threshold):
        return None
    return low, name_list([k for k, v in got if v == low], shown=len(got))


#: A deadline this many days away (or fewer) is no time to look for more candidates.
CHOICE_DAYS = 21
#: An interview average (scores 1-5) from which a clearly best candidate is a front-runner.
FRONT_RUNNER_SCORE = 4.0


def qualified(c: Candidate, task: Task, few: bool = True) -> bool:
    """Someone a buyer would go on with rather than look wider: interviewed with every one of the
    task's key criteria scored 4/5 or more (the owner said what matters, and they passed it), or,
    among ``few`` candidates (fewer than 3 still in the running: shortlisting from many costs
    nothing), a strong public record (:func:`strong_record`)."""
    if c.interview is not None and c.interview.scores and task.key_criteria:
        scores = {fold(k): v for k, v in c.interview.scores.items()}
        keys = [scores[fold(k)] for k in task.key_criteria if fold(k) in scores]
        if keys:
            return min(keys) >= 4
    return few and strong_record(c)


def choice_ready(task: Task, ctx: Context, human_work: bool = False) -> bool:
    """The task has enough to choose from, so advice to shortlist or invite more rests: someone
    still in the running (not ruled out, quoting the whole job) fits the budget with fees (within
    5%), and either is :func:`qualified` or :data:`CHOICE_DAYS` days or fewer are left to choose
    (:func:`advisor.rules.timeleft.choose_days`: no time to look wider). (A front-runner interviewed well is the next steps' decision,
    :mod:`advisor.advice.decide`, which already settles the screening advice.)"""
    from advisor.rules.timeleft import choose_days

    cands = [c for c in task.candidates if c.status in ("applied", "shortlisted", "interviewed")
             and not ruled_out_in(c, task, ctx, human_work) and not partial_quote(said_by(c, ctx, task), c, task)]
    if task.budget is None:
        return False
    left = choose_days(task, ctx.today, ctx.holidays, ctx.hours_per_day)
    near = left is not None and 0 <= (task.deadline - ctx.today).days and left <= CHOICE_DAYS
    for c in cands:
        if not near and not qualified(c, task, few=len(cands) < 3):
            continue
        price = c.price(task)
        if price is None:
            continue
        fee = ctx.fee(c.marketplace) if c.marketplace else (0.0, 0.0)
        cost = price if fee is None else price + price * fee[0] / 100.0 + (fee[1] if task.pricing == "fixed" else 0.0)
        if cost <= task.budget * 1.05:
            return True
    return False


def live_bids(task: Task, phrases: PhraseMatcher | None = None,
              no_escrow: frozenset[str] = frozenset(), key_criterion_low: float | None = None,
              out: Mapping[str, str] | None = None, words: Mapping[str, Found] | None = None,
              escrow: frozenset[str] = frozenset()) -> list[float]:
    """The prices still in play, before fees: not a rejected candidate's, nor one the advice rules
    out (:func:`exclusions`; ``out``: those exclusions when the caller has them already, with the
    ``words`` they read), nor a quote for part of the job (:func:`partial_quote`)."""
    if out is None or words is None:
        words = {}
        out = exclusions(task, phrases, no_escrow, key_criterion_low, words, escrow) if out is None else out
    phrases = phrases if phrases is not None else candidate_matcher(None)
    return [num(p) for c in task.candidates
            if c.status != "rejected" and c.id not in out and (p := c.price(task)) is not None
            and not partial_quote(words[c.id] if c.id in words else candidate_words(c, phrases, task), c, task)]


def bid_median(task: Task, phrases: PhraseMatcher | None = None,
               no_escrow: frozenset[str] = frozenset(), key_criterion_low: float | None = None,
               escrow: frozenset[str] = frozenset()) -> float | None:
    """The median of the live bids (:func:`live_bids`), both sides before fees: the one median the
    price findings (``task.price_median``) and the Ranking's "under/over the median" use."""
    prices = live_bids(task, phrases, no_escrow, key_criterion_low, escrow=escrow)
    return median_of(prices) if prices else None
