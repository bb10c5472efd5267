"""The decision a task is waiting for, in one sentence: whom to hire, rehire or drop, and for how much.

The findings say what is wrong, one check at a time; a seasoned buyer's next step says what to do
about the whole task ("Hire Layla today (CAD 2,415 with fees)", "Rehire 佐藤 directly"). This
module reads the task and its candidates from the plan (no engine, no free text: statuses,
interviews, trials, past jobs, off-platform requests, prices and the marketplaces' fees) and
words that decision for :func:`advisor.advice.steps.next_steps`:

- someone **proven** (a job finished for you, or a paid trial passed) still in the running is the
  pick: rehired directly, no interview or trial; as many as the task has openings;
- else a **front-runner**: the one best-scored interview (at least :data:`FRONT_RUNNER_SCORE` of
  5, ahead of every other score) whose price with fees is inside the budget (or within
  :data:`TOLERANCE` of it): hire them, *today* when the deadline is close
  (:data:`URGENT_DAYS`, or fewer days than the work needs at :data:`HOURS_PER_DAY`), or offer a
  small paid first piece of this job when the advice asks for a trial first;
- a pick whose paid trial is ``planned`` is not hired before it: the step is to judge the trial
  (on the interview's weak spots, if any), then hire them if it passes;
- candidates who are not a real option (a failed paid trial, a request to move off the
  marketplace, a risk found about them) are named to drop; someone who cannot start before the
  deadline is never the pick.

Every price is the candidate's price plus their marketplace's fee (percent, and the fixed fee on
a fixed-price job), said "with fees"; an unknown fee is said "before fees".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Iterable, Mapping

from advisor.advice.insights import going_rate
from advisor.plan.model import fold
from advisor.plan.money import format_money, format_number
from advisor.rules.exclusion import exclusions
from advisor.rules.judgements import FRONT_RUNNER_SCORE, trial_piece, nice_amount
from advisor.settings import DEFAULT_RULE_SETTINGS
from advisor.text import name_list

#: A price with fees this share over the budget still counts as inside it and nothing is said of
#: it: the one money tolerance (``budget_tolerance``, the rules' own), read from the settings.
TOLERANCE = float(DEFAULT_RULE_SETTINGS["budget_tolerance"])
#: A deadline this many days away (or fewer) makes the decision a "today" one.
URGENT_DAYS = 7
#: Working hours a day one freelancer gives a job (``deadline_hours_per_day``).
HOURS_PER_DAY = 4.0
#: Share of the job a paid first piece takes (``trial_budget_share``), and its most hours.
FIRST_PIECE_SHARE = 0.1
FIRST_PIECE_MAX_HOURS = 10.0
#: Rules whose open finding on a task means "try them on a piece of this job first".
TRIAL_RULES = frozenset({"start-small", "paid-trial-first"})
#: Screening advice a pick makes moot: who else to shortlist, interview or try.
SCREENING_RULES = TRIAL_RULES | {"shortlist-size", "invite-more-candidates", "shortlist-too-long", "interview-the-shortlist",
                                 "too-many-candidates", "rehire-proven", "mixed-interview-criteria",
                                 "licence-on-record"}  # the offer to the pick carries it
#: Advice about a runner-up that a step naming whom to hire makes moot (in its ``settles``; not a
#: "decide on" step): their price over the budget (grading v16, ceramic: "Camille is 10.8% over"
#: under "Hire Misaki directly"), "you know their work" about a runner-up the step passes over. On
#: critical work the runner-up is the fallback: said (moodle).
RUNNER_UP_RULES = frozenset({"price-over-budget", "rehire-proven"})


def _runner_up(task: Any) -> frozenset[str]:
    """:data:`RUNNER_UP_RULES` a hire step settles: none on critical work (the fallback's price counts)."""
    return frozenset() if task.critical else RUNNER_UP_RULES
OPEN_STATUSES = ("applied", "shortlisted", "interviewed")


@dataclass(frozen=True)
class Option:
    """A candidate as a buyer weighs them."""

    id: str
    name: str
    price: float | None
    with_fees: float | None  # price + their marketplace's fee; None: fee or price unknown
    proven_why: str
    score: float | None
    past_jobs: int
    trial: str = "none"
    #: what a planned trial should test when the interview showed weak spots (" on ... (x 3/5)")
    trial_focus: str = ""


@dataclass(frozen=True)
class Decision:
    """What the task is waiting for: ``text`` (one sentence), the candidates it names, and the
    candidates to drop (name, reason)."""

    text: str
    picks: tuple[str, ...] = ()  # candidate ids
    drops: tuple[tuple[str, str, str], ...] = ()  # (candidate id, name, why)
    #: rules whose advice the decision already acts on (no step of their own)
    settles: frozenset[str] = frozenset()
    #: the step hires (or rehires, or tries on a paid piece) its picks: terms of that hire fold in
    hires: bool = False


def _fees(plan: Any) -> dict[str, tuple[float, float]]:
    from advisor.plan.fees import fee_table

    if not hasattr(plan, "marketplaces"):
        return {}
    return {k: (t.percent, t.fixed) for k, t in fee_table(plan).items()}


def with_fees(price: float | None, marketplace: str | None, task: Any, fees: dict) -> float | None:
    """``price`` plus the marketplace's fee (the fixed fee only on a fixed-price job); None when
    the price or the fee is unknown."""
    fee = fees.get(fold(marketplace)) if marketplace else None
    if price is None or fee is None:
        return None
    return price + price * fee[0] / 100.0 + (fee[1] if task.pricing == "fixed" else 0.0)


def _option(c: Any, task: Any, fees: dict) -> Option:
    price = c.price(task)
    why = ""
    if c.past_jobs_with_us >= 1:
        why = f"{c.past_jobs_with_us} job{'s' if c.past_jobs_with_us != 1 else ''} done for you"
    elif c.trial == "passed":
        why = "paid trial passed"
    score = c.interview.average if c.interview is not None else None
    return Option(c.id, c.name, price, with_fees(price, c.marketplace, task, fees), why, score,
                  c.past_jobs_with_us, c.trial, _weak_focus(c) if c.trial == "planned" else "")


def _weak_focus(c: Any) -> str:
    """" on the interview's weak spots (security 3/5)", or "" (the trial test's own words)."""
    from advisor.rules.candidatefacts import WEAK_SCORE

    weak = sorted((v, k) for k, v in c.interview.scores.items() if v <= WEAK_SCORE) if c.interview else []
    return f" on the interview's weak spots ({', '.join(f'{k} {v}/5' for v, k in weak)})" if weak else ""


def price_text(o: Option, task: Any, currency: str | None, locale: str | None = None) -> str:
    """"CAD 2,415 with fees", "$16.80 an hour with fees", "¥230,000 before fees"."""
    unit = " an hour" if task.pricing == "hourly" else ""
    if o.with_fees is not None:
        return f"{format_money(round(o.with_fees, 2), currency, locale)}{unit} with fees"
    if o.price is not None:
        return f"{format_money(o.price, currency, locale)}{unit} before fees"
    return ""


def _over(o: Option, task: Any) -> float | None:
    """How far the price (with fees when known) is over the budget, as a share; None: not over
    or unknown."""
    cost = o.with_fees if o.with_fees is not None else o.price
    if cost is None or task.budget is None or task.budget <= 0 or cost <= task.budget:
        return None
    return (cost - task.budget) / task.budget


def days_left(task: Any, today: date) -> int | None:
    return (task.deadline - today).days if getattr(task, "deadline", None) is not None else None


def urgent(task: Any, today: date, window: tuple[date, date] | None = None,
           per_day: float = HOURS_PER_DAY) -> bool:
    """The deadline is close: a week or less, or fewer working days than the hours need (the
    holidays ``window`` left out: :func:`advisor.rules.timeleft.too_short`, deadline-too-tight's own)."""
    from advisor.rules.timeleft import too_short

    days = days_left(task, today)
    if days is None or days < 0:
        return False
    return days <= URGENT_DAYS or too_short(task, today, window, per_day)


def starts_too_late(c: Any, task: Any) -> bool:
    """The candidate cannot start before the task's deadline (``available_from`` after it): never
    the hire a next step suggests (``not-available-in-time`` says so)."""
    start, deadline = getattr(c, "available_from", None), getattr(task, "deadline", None)
    return start is not None and deadline is not None and start > deadline


def drops(task: Any, risky: Iterable[tuple[str, str]] = (), plan: Any = None,
          basis: Any = None, ruled: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """Candidates not yet hired who are not a real option: (id, name, why). Why: the reason
    :func:`advisor.rules.exclusion.ruled_out` gives (the set the Ranking lists as excluded: a failed
    trial, an off-platform request, a disqualifying red flag, machine output for work that needs a
    person, a start after the deadline), else ``risky``: (candidate id, reason) from the open risk
    findings about candidates of the task. Someone hired is never dropped. ``basis``: what the
    advice was computed with (:class:`advisor.advice.basis.Basis`; None: the built-in one);
    ``ruled``: the task's exclusions worked out already (:class:`advisor.advice.running.Running`;
    else :func:`_ruled`'s first part)."""
    reasons: dict[str, list[str]] = {}
    for cid, why in risky:
        reasons.setdefault(cid, []).append(why)
    if ruled is None:
        ruled = _ruled(plan, task, basis)[0]
    out: list[tuple[str, str, str]] = []
    for c in task.candidates:
        if c.status not in OPEN_STATUSES:
            continue
        why = [ruled[c.id]] if c.id in ruled else list(reasons.get(c.id, ()))
        if why:
            out.append((c.id, c.name, " and ".join(dict.fromkeys(why))))
    return out


#: An offer term's rule and the agreement that settles it: once the step names whom to hire and
#: every pick has signed it, the term asked of the others is moot (grading v21 fix 9, placement:
#: "김민지 signed no IP assignment" under "Hire 山田 directly", who had signed).
OFFER_TERMS = {"offer-ip-assignment": "ip-assignment", "offer-nda": "nda", "offer-usage-licence": "usage-licence"}


def signed_by_picks(task: Any, picks: Iterable[str]) -> frozenset[str]:
    """The :data:`OFFER_TERMS` rules every one of ``picks`` (candidate ids) has signed already."""
    chosen = [c for c in task.candidates if c.id in set(picks)]
    return frozenset(r for r, term in OFFER_TERMS.items() if chosen and all(term in c.agreements for c in chosen))


def decide(plan: Any, task: Any, today: date, *, rules_open: Iterable[str] = (),
           risky: Iterable[tuple[str, str]] = (), basis: Any = None,
           ruled: Mapping[str, str] | None = None, words: Mapping[str, Any] | None = None) -> Decision | None:
    """The decision ``task`` is waiting for, or None when there is none to make (already hired,
    closed, or no clear pick). ``rules_open``: the ids of the open findings on the task (a trial
    rule among them makes the offer a paid first piece); ``risky``: see :func:`drops`. An offer
    term its picks have all signed is settled (:func:`signed_by_picks`). ``ruled``: see :func:`drops`;
    ``words``: the candidates' words as the Ranking read them (both from the task's
    :class:`advisor.advice.running.Running`; else read here once, :func:`_ruled`)."""
    dec = _decide(plan, task, today, rules_open=rules_open, risky=risky, basis=basis, ruled=ruled, words=words)
    if dec is None or not dec.text or not dec.picks:
        return dec
    return replace(dec, text=dec.text + _machine_asks(task, dec.picks, words, basis),
                   settles=dec.settles | signed_by_picks(task, dec.picks))


def _machine_asks(task: Any, picks: Iterable[str], words: Mapping[str, Any] | None, basis: Any) -> str:
    """"; first ask 김민지 for a native reviewer's sample ..." for a pick a machine drafts part of
    the work for (:func:`advisor.rules.judgements.machine_ask`, as the Ranking asks it); "" else."""
    from advisor.advice.basis import basis_or_builtin
    from advisor.rules.judgements import candidate_words, machine_ask

    byid = {c.id: c for c in task.candidates}
    asks = []
    for cid in picks:
        c = byid.get(cid)
        if c is None:
            continue
        f = words[cid] if words is not None and cid in words else candidate_words(c, basis_or_builtin(basis).phrases)
        if (ask := machine_ask(f)):
            asks.append(f"; first ask {c.name} {ask}")
    return "".join(asks)


def _decide(plan: Any, task: Any, today: date, *, rules_open: Iterable[str] = (),
            risky: Iterable[tuple[str, str]] = (), basis: Any = None,
            ruled: Mapping[str, str] | None = None, words: Mapping[str, Any] | None = None) -> Decision | None:
    if task.status not in ("posted", "hiring") or any(c.status == "hired" for c in task.candidates):
        return None
    currency, locale = plan.business.currency, plan.business.locale
    fees = _fees(plan)
    if ruled is None or words is None:  # one read of the candidates' words (the Ranking's)
        ruled_now, words_now = _ruled(plan, task, basis)
        ruled = ruled if ruled is not None else ruled_now
        words = words if words is not None else words_now
    out = drops(task, risky, plan, basis, ruled)
    openings = max(1, task.openings)
    fits, scored = _choices(task, fees, {i for i, _, _ in out} | _part_quotes(task, words))
    from advisor.advice.basis import basis_or_builtin
    from advisor.rules.holidays import holiday_window

    settings = basis_or_builtin(basis).settings
    per_day = float(settings.get("deadline_hours_per_day", HOURS_PER_DAY))
    when = " today" if urgent(task, today, holiday_window(settings, today, _zone(plan)), per_day) else ""
    if fits:
        picks = fits[:openings]
        names = name_list([f"{o.name} ({price_text(o, task, currency, locale)})" if price_text(o, task, currency, locale)
                           else o.name for o in picks], shown=len(picks))
        why = "; ".join(dict.fromkeys(o.proven_why for o in picks))
        verb = "Rehire" if all(o.past_jobs for o in picks) else "Hire"
        trying = [o.name for o in picks if o.trial == "planned"]
        if trying:  # the trial they are on decides it: no "directly" before its result
            focus = "".join(o.trial_focus for o in picks if o.trial == "planned") if len(trying) == 1 else ""
            text = f"Judge {name_list(trying)}'s planned paid trial{focus}, then {verb.lower()} {names} if it passes ({why})"
        else:
            # someone already interviewed is not told they need no interview (grading v13, photo)
            seen = all(o.score is not None for o in picks)
            # "now", not "directly": on an escrow marketplace "hire directly" read as a hire off it (grading v24)
            text = f"{verb} {names}{when or ' now'}: {why}{' and interviewed' if seen else ', no interview or trial needed'}"
        settles = SCREENING_RULES | _runner_up(task) | ({"review-planned-trial"} if trying else frozenset())
        if len(picks) < openings:
            more = openings - len(picks)
            text += f"; {more} more opening{'' if more == 1 else 's'} to fill"
            settles = frozenset({"rehire-proven"})
        return Decision(text, tuple(o.id for o in picks), tuple(out), frozenset(settles) | _deadline(when), True)
    if _front_runner(scored, task):
        best = scored[0]
        over = _over(best, task)
        if over is not None and over > TOLERANCE:
            inside = _inside_not_heard(task, fees, {i for i, _, _ in out})
            if inside:  # the dearest is no decision yet while an in-budget shortlist is unheard
                named = name_list([f"{o.name} ({price_text(o, task, currency, locale)})" for o in inside], shown=2)
                return Decision(f"Interview {named}, inside the budget, before you decide on {best.name} "
                                f"({price_text(best, task, currency, locale)}, {format_number(f'{over:.1%}', locale)} over it)",
                                (best.id,), tuple(out), frozenset({"interview-the-shortlist"}))
            return Decision(f"Decide on {best.name}, your best interview ({price_text(best, task, currency, locale)}, "
                            f"{format_number(f'{over:.1%}', locale)} over the budget): raise the budget on purpose or agree a smaller scope",
                            (best.id,), tuple(out), frozenset({"price-over-budget"}))  # its figures and fix (v21, florist)
        money = price_text(best, task, currency, locale)
        if over is not None:
            money += f", {format_number(f'{over:.1%}', locale)} over the budget"
        if not when and TRIAL_RULES.intersection(rules_open):
            piece = first_piece(best, task, currency, locale, going_rate(plan, task).median or None)
            if piece:
                return Decision(f"Offer {best.name} a paid first piece of this job: {piece}; "
                                f"then the rest ({money})", (best.id,), tuple(out), SCREENING_RULES | _runner_up(task), True)
        if best.trial == "planned":  # the trial arranged is the test: judge it, then offer
            return Decision(f"Judge {best.name}'s planned paid trial{best.trial_focus}, then hire them if it passes ({money})",
                            (best.id,), tuple(out), SCREENING_RULES | _runner_up(task) | {"review-planned-trial"}, True)
        from advisor.rules.capweeks import no_slack_words

        # the capped weeks to the deadline leave no second try: say it here (grading v24, church)
        capped = no_slack_words(task, today, holiday_window(settings, today, _zone(plan)))
        if capped:  # the answer to a slip on a close date too: no fallback step beside it (v24, church)
            from advisor.rules.continuity import slip_gap

            slip = frozenset({"offer-handover"}) if slip_gap(task, today) else frozenset()
            return Decision(f"Hire {best.name} today ({money}), or {capped[0]}: {capped[1]}", (best.id,), tuple(out),
                            SCREENING_RULES | _runner_up(task) | _deadline(" today") | slip, True)
        return Decision(f"Hire {best.name}{when} ({money})", (best.id,), tuple(out),
                        SCREENING_RULES | _runner_up(task) | _deadline(when), True)
    if out:
        return Decision("", (), tuple(out))
    return None


def _choices(task: Any, fees: dict, dropped: set[str]) -> tuple[list[Option], list[Option]]:
    """The real options a decision picks from: (the proven ones inside the budget, most jobs
    first; everyone with an interview score, best first). Only someone proven or scored is
    weighed as an Option (~6 µs each): most of a 300-candidate task is neither."""
    live = [_option(c, task, fees) for c in task.candidates
            if c.status in OPEN_STATUSES and c.trial != "failed" and not c.off_platform and c.id not in dropped
            and (c.past_jobs_with_us >= 1 or c.trial == "passed"  # proven (_option's proven_why)
                 or (c.interview is not None and c.interview.average is not None))  # scored
            and not starts_too_late(c, task)]
    proven = sorted((o for o in live if o.proven_why), key=lambda o: (-o.past_jobs, -(o.score or 0)))
    fits = [o for o in proven if (_over(o, task) or 0) <= TOLERANCE]
    # a tie at the top goes to the one inside the budget (grading v27, gift box: 4.7 and 4.7, one
    # 51% over the budget and keeping the copyright: "decide whether it is worth more" with no pick)
    return fits, sorted((o for o in live if o.score is not None),
                        key=lambda o: (-round(o.score or 0, 2), (_over(o, task) or 0) > TOLERANCE))


def _ruled(plan: Any, task: Any, basis: Any) -> tuple[dict[str, str], dict[str, Any]]:
    """(who is ruled out and why, everyone's words), as the Ranking with ``basis`` reads them
    (:func:`advisor.advice.rankmemo.ruled_out_with`: the app's kept rows, not the 300 candidates'
    notes read again per keystroke); without a plan, no marketplace is known to hold escrow."""
    from advisor.advice.basis import basis_or_builtin

    if plan is not None:
        from advisor.advice.rankmemo import ruled_out_with

        return ruled_out_with(plan, task, basis)
    b, words = basis_or_builtin(basis), {}
    return exclusions(task, b.phrases, frozenset(), b.key_criterion_low, words), words


def _part_quotes(task: Any, words: dict[str, Any]) -> set[str]:
    """Candidates quoting part of the job (:func:`partial_quote`): never hired for the whole of it
    (grading v19 fix 3, ski: a part-bid as the one to hire once the others were out). Their words
    as the Ranking read them (:func:`_ruled`)."""
    from advisor.rules.judgements import partial_quote

    return {c.id for c in task.candidates if c.status in OPEN_STATUSES and partial_quote(words[c.id], c, task)}


def _inside_not_heard(task: Any, fees: dict, dropped: set[str]) -> list[Option]:
    """Shortlisted candidates not interviewed yet whose price with fees is inside the budget
    (grading v17, architect: "decide on" the dearest bid while the in-budget office waited)."""
    return [o for c in task.candidates
            if c.status == "shortlisted" and c.interview is None and c.id not in dropped and c.trial != "failed"
            and not c.off_platform and not starts_too_late(c, task)
            and (o := _option(c, task, fees)).price is not None and (_over(o, task) or 0) <= TOLERANCE]


def _front_runner(scored: list[Option], task: Any = None) -> bool:
    """One interview ahead of every other, at :data:`FRONT_RUNNER_SCORE` or more; or tied at the
    top and the only one of the tie inside the budget (``task``'s; the order puts them first)."""
    if not scored or (scored[0].score or 0) < FRONT_RUNNER_SCORE:
        return False
    if len(scored) == 1 or round(scored[0].score or 0, 2) > round(scored[1].score or 0, 2):
        return True
    if task is None:
        return False
    top = [o for o in scored if round(o.score or 0, 2) == round(scored[0].score or 0, 2)]
    inside = [o for o in top if (_over(o, task) or 0) <= TOLERANCE]
    return len(inside) == 1 and inside[0] is scored[0]


def picks(plan: Any, task: Any, dropped: Iterable[str]) -> tuple[str, ...]:
    """The candidates the task's decision picks (:func:`decide`), given the ids ruled out: the
    proven inside the budget, as many as the openings; else the front-runner. The Ranking puts
    them first, so its #1 is never someone other than the Next step's hire (grading v13). ``dropped``
    holds the part-quotes too (:func:`_part_quotes`, as the Ranking reads them)."""
    if task.status not in ("posted", "hiring") or any(c.status == "hired" for c in task.candidates):
        return ()
    fits, scored = _choices(task, _fees(plan), set(dropped))
    if fits:
        return tuple(o.id for o in fits[:max(1, task.openings)])
    return (scored[0].id,) if _front_runner(scored, task) else ()


def _zone(plan: Any) -> str | None:
    """The business's time zone (its holidays: :func:`advisor.rules.holidays.holiday_window`)."""
    return getattr(getattr(plan, "business", None), "timezone", None)


def _deadline(when: str) -> frozenset[str]:
    """A "today" decision already says the deadline is tight."""
    return frozenset({"deadline-too-tight"}) if when else frozenset()


def first_piece(o: Option, task: Any, currency: str | None, locale: str | None = None,
                median: float | None = None) -> str:
    """A small paid first piece of this job for ``o``: "about 8 hours (about €90)", the hours of
    the task's one trial figure (:func:`advisor.rules.judgements.trial_piece`, as the start-small
    and paid-trial-first messages quote) at ``o``'s own price with fees (the going rate only when
    theirs is unknown: the step names them and quotes their price beside it); empty when the size
    or any price is unknown."""
    got = trial_piece(task, median, FIRST_PIECE_SHARE, FIRST_PIECE_MAX_HOURS)
    if got is None or (got[1] is None and o.price is None):
        return ""
    piece, amount = got
    cost = o.with_fees if o.with_fees is not None else o.price
    if cost is not None and (task.pricing == "hourly" or task.hours):
        amount = nice_amount(cost * piece if task.pricing == "hourly" else cost * piece / task.hours)
    if amount is None:
        return ""
    return f"about {piece:g} hour{'' if piece == 1 else 's'} (about {format_money(amount, currency, locale)})"


def drop_text(items: Iterable[tuple[str, str, str]]) -> str:
    """"drop Sara (asked to move off the marketplace)", several joined with "and"."""
    parts = [f"{n} ({why})" for _, n, why in items]
    if not parts:
        return ""
    if len(parts) > 3:
        parts = parts[:3] + [f"{len(parts) - 3} more"]
    return "drop " + name_list(parts, shown=len(parts))
