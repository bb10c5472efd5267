"""Gaps that sit in notes, read against the plan's own structured targets (grading v21 fix 10).

Two targets a plan states outside the notes and the notes can fall short of:
- the acceptance criteria's percentage ("at least 97% agreement with our weekly audit"): a hired
  person's notes giving a later figure under it ("Week 2 audit: 95.5% agreement") is work not yet
  acceptable, so the step is to hold the next payment until it reaches the target (carhire);
- live work's days: a ``live`` task answers in the business's working week, Monday to Friday; a
  candidate in the running whose notes give a narrower span ("available Monday to Thursday")
  leaves days nobody covers, so the step is the question "who answers on Fridays?" (florist).
Only a figure whose clause shares a word with the acceptance counts (a fee percentage does not),
and only the last one (the latest week). Notes are hostile text: bounded, linear regexes.
"""

from __future__ import annotations

import re
from typing import Any

from advisor.plan.model import SHORTLIST_STATUSES
from advisor.text import name_list

#: Characters of a note read (notes are limited in size; this bounds the work again).
MAX_NOTE = 4000
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s?%")
#: A clause ends at . ; ! ? or a line end, but not at the decimal point of "95.5".
_CLAUSE = re.compile(r"(?<!\d)[.;!?\n]|[.;!?\n](?!\d)")
_WORD = re.compile(r"[^\W\d_]{4,}")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPAN = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?\s{0,3}(?:to|-|–|through|till|until|thru)\s{0,3}"
                   r"(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\b", re.IGNORECASE)
_WEEK = range(5)  # Monday to Friday: the working week live work answers in


def acceptance_target(acceptance: str) -> float | None:
    """The first percentage the acceptance criteria state ("at least 97% agreement" -> 97.0)."""
    m = _PERCENT.search((acceptance or "")[:MAX_NOTE])
    return float(m.group(1).replace(",", ".")) if m else None


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def latest_figure(notes: str, acceptance: str) -> tuple[float, str, str] | None:
    """The last percentage in ``notes`` whose clause shares a word with the ``acceptance``: (the
    figure, the clause, the first shared word), or None."""
    wanted = _words(acceptance)
    last = None
    for clause in _CLAUSE.split((notes or "")[:MAX_NOTE]):
        shared = [w for w in _WORD.findall(clause) if w.casefold() in wanted]
        for m in _PERCENT.finditer(clause):
            if shared:
                last = (float(m.group(1).replace(",", ".")), clause.strip(), shared[0].casefold())
    return last


def days_stated(notes: str) -> set[int] | None:
    """The weekdays a "Monday to Thursday" span in ``notes`` covers (0 = Monday); None without one."""
    m = _SPAN.search((notes or "")[:MAX_NOTE])
    if m is None:
        return None
    first, last = (next(i for i, d in enumerate(_DAYS) if d.startswith(g.casefold())) for g in m.groups())
    return {(first + i) % 7 for i in range((last - first) % 7 + 1)}


#: One end of a time range in notes: "18:00", "18.00", "9h", "9h30", "10 am", "7pm", "10 a.m.".
#: A bare number ("9-17") is not read: it may be a count or a date.
_TIME = r"(\d{1,2})(?:[:.h](\d{2})\s{0,2}(am|pm|a\.m\.|p\.m\.)?|\s{0,2}(am|pm|a\.m\.|p\.m\.)|h)"
#: A range of two of them in any language ("18:00-23:00", "10 am to 7 pm", "9h-17h", "de 9h à 17h",
#: "с 10:00 до 19:00", "18.00 bis 23.00", "18:00～23:00", "18:00 ถึง 23:00").
_RANGE = re.compile(r"(?<![\d:.])" + _TIME + r"\s{0,3}(?:-|–|—|~|～|to|till|until|à|a|bis|до|ถึง|ate|até|al)\s{0,3}"
                    + _TIME + r"(?![\d:])", re.IGNORECASE)


def hours_in_notes(notes: str) -> str | None:
    """The first time range ``notes`` state as ``HH:MM-HH:MM`` (24-hour clock), None without one:
    a candidate with no ``working_hours`` who writes "ทำงานได้ช่วงเย็น 18:00-23:00" works then
    (grading v26, cooking school: evening hours read as a waking day and shortlisted for a day shift)."""
    m = _RANGE.search((notes or "")[:MAX_NOTE])
    if m is None:
        return None
    ends = []
    for h, mins, suffix_a, suffix_b in (m.group(1, 2, 3, 4), m.group(5, 6, 7, 8)):
        hour, minute = int(h), int(mins or 0)
        suffix = (suffix_a or suffix_b or "").replace(".", "").casefold()
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            return None
        ends.append(f"{hour:02d}:{minute:02d}")
    if not any(m.group(k) for k in (2, 3, 4, 6, 7, 8)):  # "9h-17h", not a duration ("2h-3h", "5h-10h a week")
        first, last = int(m.group(1)), int(m.group(5))
        if last < 12 or (last - first) % 24 < 3:
            return None
    return None if ends[0] == ends[1] else f"{ends[0]}-{ends[1]}"


#: The day a candidate with a day job works for you, when their notes give no hours.
EVENING_DAY = "18:00-23:00"
#: A day job ("full-time job", "основная работа", "本業") said beside the time of day it leaves
#: free or takes ("evenings", "днём"): the hours they have for you are the evening's (grading
#: v31, Christmas-tree desk: "Днём у меня основная работа"). Either alone says nothing of hours.
_DAY_JOB = re.compile(r"full[- ]time (?:job|position|role)|day job|main job|office job|9[- ]to[- ]5 job"
                      r"|основн\w* работ\w*|основн\w* місц\w* роботи|основн\w* робот\w*|trabajo de tiempo completo"
                      r"|trabajo fijo|trabalho fixo|emprego fixo|trabalho integral|Vollzeit(?:job|stelle)|Hauptjob"
                      r"|emploi à temps plein|praca na etat|pracuję na etacie|本業|本职工作|本職工作|正职|全职工作|全職工作|본업"
                      r"|직장 다니|งานประจำ|tam zamanlı işim", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\bevenings?\b|\bnights?\b|after (?:work|hours|6|7|my job)|during the day|\bdaytime\b"
                          r"|\bdays\b|вечер\w*|днём|днем|ночью|увечері|вдень|por la noche|por las noches|de noche"
                          r"|durante el día|à noite|de noite|durante o dia|abends|tagsüber|le soir|en journée|wieczor\w*"
                          r"|w ciągu dnia|夜|晚上|下班后|下班後|白天|저녁|퇴근 후|낮에는|ตอนเย็น|กลางวัน|akşam\w*|gündüz",
                          re.IGNORECASE)


def evenings_in_notes(notes: str) -> str | None:
    """The words of a day job said with a time of day in one sentence ("Днём у меня основная
    работа"), None without: such a candidate's day is :data:`EVENING_DAY`."""
    for sentence in re.split(r"[.!?。！？\n]", (notes or "")[:MAX_NOTE]):
        job = _DAY_JOB.search(sentence)
        if job and _TIME_OF_DAY.search(sentence):
            return job.group(0)
    return None


def _quality(task: Any) -> tuple[list[str], list[str]]:
    target = acceptance_target(task.acceptance)
    if target is None:
        return [], []
    gaps, steps = [], []
    for c in task.candidates:
        if c.status != "hired":
            continue
        found = latest_figure(c.notes, task.acceptance)
        if found is not None and found[0] < target:
            figure, clause, word = found
            gaps.append(f"{c.name}'s notes give {figure:g}% (\"{clause[:80]}\") against the {target:g}% your "
                        f"acceptance asks")
            steps.append(f"hold the next payment to {c.name} until the {word} reaches {target:g}%")
    return gaps, steps


def _days(task: Any) -> tuple[list[str], list[str]]:
    if task.collaboration != "live":
        return [], []
    gaps, names, missing_all = [], [], set()
    for c in task.candidates:
        if c.status not in SHORTLIST_STATUSES:
            continue
        days = days_stated(c.notes)
        if days is None:
            continue
        missing = [d for d in _WEEK if d not in days]
        if missing:
            said = _SPAN.search(c.notes[:MAX_NOTE]).group(0)
            gaps.append(f"{c.name} is available \"{said}\", which leaves {name_list([_DAYS[d].title() + 's' for d in missing], shown=5)} uncovered")
            missing_all.update(missing)
            names.append(c.name)
    if not gaps:
        return [], []
    who = name_list([_DAYS[d].title() + "s" for d in sorted(missing_all)], shown=5)
    return gaps, [f"decide who answers on {who} before you hire {name_list(names, shown=3)} for live work"]


#: A live task's weekly cap covering less than this share of the live hours is a gap.
LIVE_COVER = 0.9


def _live_cap(task: Any, live_day: float | None) -> tuple[list[str], list[str]]:
    """Live work through the owner's day whose weekly cap (all openings together) holds fewer hours
    than the week's live hours (grading v30, coworking: a 20-hour cap for a 45-hour opening week,
    44%, said nowhere). ``live_day``: the hours a day the work is live (:func:`overlap_needed`)."""
    if task.collaboration != "live" or not task.weekly_cap or not live_day or task.pricing != "hourly":
        return [], []
    from advisor.rules.continuity import live_days

    week = live_day * live_days(task)
    cap = task.weekly_cap * max(1, task.openings)
    if cap >= LIVE_COVER * week:
        return [], []
    share = f"{cap / week:.0%}"
    return ([f"the work is live through your day ({week:g} hours a week), and the {cap:g}-hour weekly cap covers {share} of it"],
            [f"decide which hours a day are staffed and what happens to enquiries outside them, or raise the cap towards "
             f"{week:g} hours a week"])


def note_gap_fields(t: dict[str, Any], task: Any, live_day: float | None = None) -> None:
    """``note_gaps`` (what the notes and the plan's own figures fall short of, "" for none) and
    ``note_gap_steps`` (the one concrete step for each). ``live_day``: the hours a day live work
    needs together (None: not live)."""
    q_gaps, q_steps = _quality(task)
    open_ = task.status in ("posted", "hiring", "hired")
    d_gaps, d_steps = _days(task) if open_ else ([], [])
    # before the offer: once hired, the hours were chosen with the person (the cap's overruns speak then)
    c_gaps, c_steps = _live_cap(task, live_day) if task.status in ("posted", "hiring") else ([], [])
    t["note_gaps"] = "; ".join(q_gaps + c_gaps + d_gaps)
    steps = q_steps + c_steps + d_steps
    t["note_gap_steps"] = (steps[0][0].upper() + "; ".join(steps)[1:]) if steps else ""
