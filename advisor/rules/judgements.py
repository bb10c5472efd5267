"""The judgements the facts and the advice share, so the findings and the next steps never
disagree: who is proven, what a candidate and a task say (red-flag words read in context), a
first-timer's order of tasks, when a choice is clear, amounts as a person says them, weekly caps
and milestones. Who is ruled out and why is :mod:`advisor.rules.exclusion`; the bids still in
play, their median and whether a task has enough to choose from, :mod:`advisor.rules.inplay`."""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping

from advisor.channelcontext import subject_words
from advisor.phrasecontext import in_context
from advisor.rules.channelsafe import contact_only_unsure
from advisor.phrases import CANDIDATE_CATEGORIES, CATEGORIES, NOTHING, Found, PhraseMatcher, candidate_matcher
from advisor.plan.model import Candidate, Task
from advisor.plan.model import fold
from advisor.rules.ownplan import priced_extra
from advisor.rules.factcontext import Context, escrow_of, no_escrow_of  # noqa: F401 (the advice reads them here)
from advisor.text import name_list
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
    agency = c.kind == "agency"  # an agency's own team doing the work is no one else
    found = in_context(found, text, c.marketplace, subject, agency)
    if text != (c.notes or "") and found.categories:
        found = _owner_only_unsure(found, in_context(phrases.find(c.notes or ""), c.notes or "", c.marketplace,
                                                     subject, agency), c.interview.notes)
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
    from advisor.phrasecontext import own_footage_dropped

    text = "\n".join((task.title or "", task.description or "", task.acceptance or "", ", ".join(task.skills)))
    return own_footage_dropped(phrases.find(text), text)


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



#: An interview average (scores 1-5) from which a clearly best candidate is a front-runner.
FRONT_RUNNER_SCORE = 4.0
