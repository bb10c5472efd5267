"""Whether a candidate can still do the work in time by their own dates: the start the field or
their notes give (:func:`advisor.rules.ownplan.own_start`), the delivery their notes date
(:func:`advisor.rules.ownplan.own_delivery`), and, for a capped role, the hours the weeks from
their start hold. The facts' ``available_too_late`` says it with its words; the Ranking puts such a
candidate after those who can (grading v32 review, cachaça: a start on 15 January ranked first for a
store run through Christmas)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from advisor.rules.deliverable import races_a_date
from advisor.rules.ownplan import own_delivery, own_start

#: The share of a capped role's hours the weeks from a start must hold.
CAP_COVER = 0.9
#: The share of the weekly hours the work needs that a candidate's own weekly hours must reach.
WEEK_COVER = 0.75
#: Characters of the notes read for weekly hours.
MAX_CHARS = 4000

_N = r"(\d{1,2}(?:[.,]5)?)"
#: "20 hrs/week", "20 horas por semana", "haftada 20 saat", "每周20小时", "週20時間": a number of hours
#: a week in the notes' own words (bounded alternatives, linear).
_WEEKLY = re.compile(
    _N + r"\s*(?:h|hrs?|hours?|horas?|heures?|std\.?|stunden|час\w{0,3}|ч|godz\w{0,4}|ore|ώρες|घंटे|jam|giờ|שעות|ساعات|ساعة)"
    r"\s*(?:/\s*|a\s+|per\s+|each\s+|every\s+|por\s+|a\s+la\s+|à\s+|na\s+|par\s+|pro\s+|die\s+|in\s+der\s+|в\s+|за\s+"
    r"|w\s+|na\s+|tygodniowo|alla\s+|a\s+|την\s+|τη\s+|mỗi\s+|một\s+|se|ב|في\s+|)"
    r"(?:week\b|wk\b|weekly|semana\w{0,3}|semaine|woche|wöchentlich|недел\w{0,2}|tydzie\w{0,2}|tygodni\w{0,2}"
    r"|settimana|εβδομάδα|minggu|tuần|שבוע|الأسبوع|أسبوعيا)"
    r"|(?:haftada|hafta\s+başına)\s*(?:\w{1,12}\s+)?" + _N + r"\s*saat|(?:हफ़्ते|हफ्ते|सप्ताह)\s*में\s*" + _N + r"\s*घंटे"
    r"|(?:每周|每週|一周|一週|每星期)[^\d]{0,6}?" + _N + r"\s*(?:个|個)?\s*(?:小时|小時)|週[^\d]{0,4}?" + _N + r"\s*時間"
    r"|(?:주|일주일에)[^\d]{0,6}?" + _N + r"\s*시간|สัปดาห์ละ\s*" + _N + r"\s*ชั่วโมง",
    re.IGNORECASE)
#: Words that make the hours the candidate's own limit, not an estimate of the work ("this takes
#: about 5 hours a week"): "only", "available", "I can", "up to", in the notes' languages.
_LIMIT = re.compile(r"\bonly\b|\bjust\b|availab|\bcan\b|\bfree\b|\bup to\b|\bat most\b|\bmax|capacity|\bi have\b"
                    r"|\bsolo\b|\bsólo\b|\bapenas\b|\bsomente\b|disponib|dispon[ií]ve|\bposso\b|\bpuedo\b|\bhasta\b|\baté\b"
                    r"|seulement|\bjusqu|\bnur\b|verfügbar|\bkann\b|\bhöchstens\b|только|могу|\bне более|\bдо\b|tylko|mogę"
                    r"|\bdo\b|μόνο|μπορώ|सिर्फ|केवल|सकता|सकती|只|最多|能|だけ|まで|可能|만|가능|เท่านั้น|ได้|\bchỉ\b|\bhanya\b"
                    r"|\bbisa\b|רק|יכול|فقط|أستطيع|sadece|\ben fazla|\bancak", re.IGNORECASE)


def capped_hours_from(task: Any, start: date, today: date) -> float | None:
    """The hours a capped role's weeks hold from ``start`` to the deadline when that start, and not
    the plan, leaves them short of :data:`CAP_COVER` of the hours (from today they would fit); None
    otherwise."""
    if not (task.hours and task.weekly_cap and task.deadline is not None) or start <= today:
        return None
    # the deadline's own day is worked too: 4 Jan to 29 Jan is four whole weeks (26 days, not 25;
    # grading v36 review, psychologist's secretary: "71 of the 80 hours" for a four-week trial month)
    can = ((task.deadline - start).days + 1) * task.weekly_cap / 7.0
    whole = ((task.deadline - today).days + 1) * task.weekly_cap / 7.0
    return can if can < CAP_COVER * task.hours <= whole else None


@lru_cache(maxsize=4096)
def own_weekly_hours(notes: str | None) -> tuple[float, str] | None:
    """(20.0, "Only 20 hrs/week available") when the notes limit the candidate's own hours a week;
    None without a limit word in the same sentence (an estimate of the work is no limit)."""
    text = (notes or "")[:MAX_CHARS]
    for sentence in re.split(r"(?<=[.!?。！？;\n])", text):
        m = _WEEKLY.search(sentence)
        if m and _LIMIT.search(sentence):
            hours = float(next(g for g in m.groups() if g).replace(",", "."))
            return (hours, " ".join(sentence.split()).rstrip(".;")[:90]) if hours > 0 else None
    return None


def week_needed(task: Any, today: date) -> float | None:
    """The hours a week an hourly role needs of one person: its weekly cap on live work (the desk is
    open then), else the hours left spread over the weeks to the deadline, capped; None unknown."""
    if task.pricing != "hourly" or not task.weekly_cap:
        return None
    if task.collaboration == "live":
        return float(task.weekly_cap)
    if task.hours and task.deadline is not None and task.deadline > today:
        return min(float(task.weekly_cap), task.hours * 7.0 / (task.deadline - today).days / max(1, task.openings))
    return None


def too_few_hours(c: Any, task: Any, today: date) -> tuple[float, float, str] | None:
    """(their hours, the hours needed, their words) when a candidate's own weekly hours fall short of
    :data:`WEEK_COVER` of what the role needs (grading v33 review, trail rides: "Only 20 hrs/week
    available" for a 45-hour live desk, asked only whether they would shift their day)."""
    need = week_needed(task, today)
    said = own_weekly_hours(c.notes) if need else None
    if said is None or said[0] >= WEEK_COVER * need:
        return None
    return said[0], need, said[1]


def too_late(c: Any, task: Any, today: date) -> bool:
    """The candidate's own dates miss the task's deadline, or their own weekly hours fall short of
    what the role needs (see the module)."""
    if too_few_hours(c, task, today) is not None:
        return True
    if task.deadline is None:
        return False
    start = c.available_from or (own_start(c.notes, today) or (None,))[0]
    if start is not None and (start > task.deadline or capped_hours_from(task, start, today) is not None):
        return True
    got = own_delivery(c.notes, max(start or today, today)) if races_a_date(task, today) else None
    return got is not None and got[0] > task.deadline
