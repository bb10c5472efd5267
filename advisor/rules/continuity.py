"""Continuity on critical work: when one person on it is a concrete gap (a fixed week the caps
cannot cover, a desk answered live all day, a deadline days away, hours that fill the weeks left,
a system kept running after delivery), not a generic worry. The task fact's ``continuity_*``
fields (:func:`continuity_fields`), apart from :mod:`advisor.rules.facts` to keep each small."""

from __future__ import annotations

import re

from datetime import date

from advisor.plan.model import Task
from advisor.rules.factcontext import Context
from advisor.rules.factschema import Fact, num
from advisor.rules.handover import handover_fix
from advisor.rules.judgements import said_in_task
from advisor.text import fold


#: A critical task due within this many days needs a named fallback if its one person slips.
CONTINUITY_DAYS = 14

#: Words of work that answers what comes in while the business is open (calls, chats, messages,
#: visitors): every hour of the owner's day needs someone on it. Work done live in those hours
#: (calling payers, billing during clinic hours) does not: a cap the owner set sizes a part-time
#: role (grading v23 fix 7, physio: "cover the 25 h of your 45-h week" was a false alarm).
_ANSWERS = frozenset(fold(w) for w in (
    "answer", "answers", "answered", "answering", "reply", "replies", "respond", "responds", "incoming",
    "inbound", "reception", "receptionist", "helpdesk", "hotline", "switchboard", "walk-ins", "visitors",
    "atender", "atiende", "responder", "contestar", "beantworten", "beantwortet", "répondre", "rispondere",
    "responder", "atendimento", "応対", "電話対応", "응대", "接听", "回复"))
#: Word pairs of the same: "take calls", "client calls", "live chat", "phone line", "front desk".
_ANSWER_PAIRS = frozenset({("take", "calls"), ("takes", "calls"), ("taking", "calls"), ("client", "calls"),
                           ("customer", "calls"), ("live", "chat"), ("chat", "agent"), ("phone", "line"),
                           ("front", "desk"), ("help", "desk"), ("every", "call"), ("all", "calls")})


def answers_live(task: Task) -> bool:
    """The task's own words (title, description, acceptance) say it answers what comes in while
    the business is open ("takes client calls during office hours", "we answer messages 13:00-21:00",
    "live chat agent"): the whole working day must be covered. Linear: one split of the words."""
    from advisor.phrases import words

    text = f"{task.title or ''}\n{(task.description or '')[:4000]}\n{(task.acceptance or '')[:2000]}"
    ws = [w for w, *_ in words(text)]
    return bool(_ANSWERS.intersection(ws)) or any(p in _ANSWER_PAIRS for p in zip(ws, ws[1:]))


#: "7 days a week", "every day", "Monday to Saturday" in a live task's own words: its week's days.
_SEVEN = re.compile(r"\b7 days a week\b|\bseven days a week\b|\bevery day of the week\b|\bincluding weekends\b"
                    r"|\bweekends included\b|7 días a la semana|7 dias por semana|7/7|\b24/7\b|7 วันต่อสัปดาห์"
                    r"|一周7天|週7日|주 7일|7 дней в неделю|haftanın 7 günü", re.IGNORECASE)
_SIX = re.compile(r"\b6 days a week\b|\bsix days a week\b|\bmonday to saturday\b|\bmon-sat\b|\bmon–sat\b",
                  re.IGNORECASE)


def live_days(task: Task) -> int:
    """The days a week live work answers in: 5 (the owner's working week) unless the task's own
    words say 6 or 7 (grading v37 review, balloon desk: "7 days a week" counted as a 75-hour week)."""
    text = f"{task.title or ''} {(task.description or '')[:2000]}"
    return 7 if _SEVEN.search(text) else 6 if _SIX.search(text) else 5


def live_week(task: Task, day_minutes: float) -> float:
    """The hours a week live work answers in: its days (:func:`live_days`) times the owner's working
    day, or the hours a day the task says it needs live (``overlap_hours``) when fewer (grading v38
    review, condominium: 4 live hours a day against a 9-hour day made a 20-hour cap "25 hours short")."""
    day = day_minutes / 60.0
    if task.overlap_hours is not None and 0 < task.overlap_hours < day:
        day = float(task.overlap_hours)
    return live_days(task) * day


def live_gap(task: Task, week: float) -> float | None:
    """The hours of the owner's ``week`` that the weekly caps leave open on live work that answers
    what comes in (:func:`answers_live`); None when there is no such gap. The continuity facts and
    the Next step (advisor.advice.phrasing) read this one judgement."""
    if task.collaboration != "live" or task.weekly_cap is None or not answers_live(task):
        return None
    covered = task.weekly_cap * max(task.openings, 1)
    return week - covered if covered < week - 0.5 else None


def slip_gap(task: Task, today: date) -> str:
    """Why one person on critical work is a gap in time, after the live cases
    (:func:`continuity_fields` asks those first): "deadline" (due within :data:`CONTINUITY_DAYS`),
    "fills" (the hours at the cap fill the weeks left with less than a week to spare; hours the cap
    cannot fit at all are a planning error, not a handover question), else "". A hire step that
    says "hire today, or raise the first week's cap" (:mod:`advisor.rules.capweeks`) answers either
    (grading v24, church: a fallback step beside it asked for a "second choice" who was dropped)."""
    if not task.critical:
        return ""
    days = None if task.deadline is None else (task.deadline - today).days
    covered = None if task.weekly_cap is None else task.weekly_cap * max(task.openings, 1)
    if days is not None and 0 <= days <= CONTINUITY_DAYS:
        return "deadline"
    if days is not None and days > 0 and covered and task.hours and days / 7.0 - 1 < task.hours / covered <= days / 7.0:
        return "fills"
    return ""


def continuity_fields(t: Fact, task: Task, ctx: Context) -> None:
    """When one person on critical work is a concrete gap, not a generic worry (issue 21): live
    work answering what comes in whose weekly caps cannot cover the owner's working week
    (:func:`live_gap`; or with no cap: one person
    answers it), a deadline days away, or hours at the cap that fill the weeks to the deadline
    with less than a week to spare (grading v13: payroll, 60 hours at 20 a week in 21 days)."""
    t["continuity_concrete"] = False
    week = live_week(task, ctx.owner_window[1] - ctx.owner_window[0])
    # a handover settles it, unless the cap leaves half the live week or more unanswered: a backup
    # for sick days is no second shift (grading v25, solar: 20 hours on a 45-hour call desk)
    gap = live_gap(task, week)
    t["handover_open"] = not task.handover or (gap is not None and gap >= week / 2)
    if not task.critical:
        return
    covered = None if task.weekly_cap is None else task.weekly_cap * max(task.openings, 1)
    days = None if task.deadline is None else (task.deadline - ctx.today).days
    if gap is not None:
        t["continuity_concrete"] = True
        t["continuity_why"] = (f"a cap of {num(covered):g} hours a week cannot cover the "
                               f"{num(week):g} hours of your working week")
        t["continuity_fix"] = (f"name who covers the other {num(week - covered):g} hours (a second person "
                               "or your own staff), or agree a cap that covers your week")
    elif task.collaboration == "live" and covered is None and (
            task.overlap_hours is None or task.overlap_hours >= (ctx.owner_window[1] - ctx.owner_window[0]) / 60.0 - 0.5):
        # a desk answered live all day by one person (no cap, the whole working day live): a sick
        # day leaves it unanswered; a few live hours a day (a call campaign) only slip
        t["continuity_concrete"] = True
        t["continuity_why"] = "it is live work one person answers: when they are ill or offline, nobody covers it"
        t["continuity_fix"] = ("name who covers when they are ill or offline (a second person, or calls "
                               "forwarded to your own staff)")
    elif (slip := slip_gap(task, ctx.today)) == "deadline":
        t["continuity_concrete"] = True
        t["continuity_why"] = f"it is due in {days} day{'s' if days != 1 else ''}: if they slip, nobody else can finish it"
        t["continuity_fix"] = ("agree the fallback: what you use as it stands on the day, and who takes "
                               "the rest (your second choice) if the first deliveries are late")
    elif slip == "fills":  # the hours at the cap fill the weeks left: less than a week of slack
        t["continuity_concrete"] = True
        t["continuity_why"] = (f"its {num(task.hours):g} hours at {num(covered):g} a week fill the {days} days "
                               "to the deadline: if they slip, nobody else can finish it")
        t["continuity_fix"] = ("agree the fallback: who takes the rest (your second choice) if a week's "
                               "hours are missed")
    elif "running_system" in said_in_task(task, ctx).categories:
        # code or a system the business runs after delivery: when its one builder is gone, nobody
        # can fix it (grading v16, bike-sync: a stock sync that "runs for years", no handover)
        t["continuity_concrete"] = True
        t["continuity_why"] = "it is a system you keep running after delivery: if its one builder is gone, nobody else can fix it"
        t["continuity_fix"] = handover_fix("code_work" in said_in_task(task, ctx).categories)


#: Stages where a live desk's cover is planned: bids in, or someone on it.
LIVE_COVER_STAGES = ("posted", "hiring", "hired")
#: Said while choosing: the hire step carries it (advisor.advice.taskview), no line of its own.
CHOOSING = "whoever you hire"


def live_cover_who(task: Task) -> str:
    """The one person who covers live, ongoing work (calls, chat, bookings, support in the
    business's hours: ``collaboration = "live"``, paid by the hour or under a weekly cap) with no
    backup recorded (``handover``): the hired freelancer's name, or :data:`CHOOSING` while bids are
    in (grading v22 fix 8, solar: one VA on the phones, nobody for her sick days). "" for a one-off
    deliverable (a fixed price without a weekly cap), more than one opening, or an agency (a bench
    behind it)."""
    if (task.collaboration != "live" or task.status not in LIVE_COVER_STAGES or task.handover
            or max(task.openings, 1) > 1 or (task.pricing != "hourly" and task.weekly_cap is None)):
        return ""
    hired = [c for c in task.candidates if c.status == "hired"]
    if len(hired) > 1 or any(c.kind == "agency" for c in hired):
        return ""
    if hired:
        return hired[0].name
    return CHOOSING if any(c.status in ("applied", "shortlisted", "interviewed") for c in task.candidates) else ""


def live_cover_fields(t: Fact, task: Task) -> None:
    """``live_cover_who`` (``live-cover-backup``): the hired person of :func:`live_cover_who`;
    absent while choosing (the hire step says it) and where the continuity rules speak
    (``continuity_concrete``: critical live work whose cap cannot cover the week)."""
    who = "" if t.get("continuity_concrete") else live_cover_who(task)
    t["live_cover_who"] = "" if who == CHOOSING else who
