"""What to do next: findings ordered, folded (:mod:`advisor.advice.lines`) and turned into next steps.

``outsource check`` and the app's advice pane show the same thing, so the choices live here (the
core, no Textual): :func:`arrange` orders findings and folds repeats into :class:`AdviceLine`
objects; :func:`next_steps` picks the few actions to take first; :func:`next_step_for` gives the
one action for a task.

Order (``arrange``): open advice before acknowledged advice; then risk, warning, info; within a
severity, advice about tasks in the plan's task order before advice about the whole business (so
business-level info comes last); within a task, advice about the task before advice about its
candidates, then by rule in the order the rules load (the core pack first, its rules in the order
of the seed's tips), candidates in the plan's order.

Folding: the findings of one rule on one task about :data:`FOLD_AT` or more candidates become one
line naming them ("Bid far below the others: Ana, Chen and 5 more"); two stay two lines.

Next steps (``next_steps``): open findings ranked by severity, then by rule in load order (so a
seed tip such as "start small" or "shortlist 3-5" comes before the practice around it), then how
specific they are (about a candidate, then a task, then the business), then critical tasks
first, then the plan's order; at
most one per task (the business counts as one) in a first round that leaves out info lines and
non-critical draft tasks (they wait for the second round, after every warning on a task being
hired for), never the same sentence twice, :data:`NEXT_STEPS` in all; plan bookkeeping
(:data:`NEVER_STEPS`: status out of step, a thin going rate) is never a step. The action is the
finding's fix (its first sentence), with the names of a folded line in place of the first one,
led by the candidates' names when the sentence does not name them.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from advisor.advice.decide import RUNNER_UP_RULES, drop_text
from advisor.advice.hirecall import INTERVIEW_RULE, SAMPLE_RULES, unheard_stakes, with_sample
from advisor.advice.accessstep import without_agreement
from advisor.advice.lines import (FIX_SEVERITIES, FOLD_AT, NEXT_STEPS, AdviceLine, NextStep,  # noqa: F401
                                  PlanIndex, arrange, first_sentence, order_key, ordered)  # (callers import them here)
from advisor.advice.offerterms import OFFER_TERMS, offer_checklist, offer_terms as _offer_terms
from advisor.advice.phrasing import PHRASES, Situation, phrase
from advisor.advice.running import Running, running_of
from advisor.advice.steporder import BEFORE_ANY_HIRE, stakes, step_rank, waits
from advisor.advice.taskview import TaskView, views as task_views
from advisor.text import NAMES_SHOWN, name_list  # noqa: F401  (advice words use both)
from advisor import clock
from advisor.rules.handover import live_cover_step
from advisor.rules.judgements import run_first

#: Bookkeeping about the plan itself, never a next step (the finding below says it).
NEVER_STEPS = frozenset({"status-out-of-step", "thin-going-rate"})
#: Rules whose step names someone to drop or refuse (a red flag): they name whom the field excludes.
DROP_RULES = frozenset({"off-platform-request", "upfront-outside-escrow", "guaranteed-results",
                        "unprotected-payment", "upfront-beyond-deposit", "data-to-online-tool"})
#: Task advice said in one step with another of the same task: what the freelancer may see and
#: how they get in (grading v16: recruiter-va's own seat took the weekly cap's place as a step).
JOINED = {"offer-nda": "own-login-in-plan", "own-login-in-plan": "offer-nda"}


def action(line: AdviceLine, index: PlanIndex | None = None, picks: Sequence[str] = (),
           running: Running | None = None) -> str:
    """What to do about a line, in a sentence: the rule's own short step
    (:mod:`advisor.advice.phrasing`) when the plan is known, else its fix, else its message; led
    by whom it is about when it is about candidates and the sentence names none of them. Someone
    the task's field (``running``) excludes is never named, but by a step that drops them."""
    names = [n for n in line.names if n]
    text = ""
    if index is not None and index.plan is not None:
        task = index.task(line.task)
        if running is None and task is not None:
            running = running_of(index.plan, task, index.basis)
        who = line.who
        if running is not None and line.rule not in DROP_RULES and running.out and line.names:
            kept = [n for f, n in zip(line.findings, line.names) if n and not running.is_out(f.candidate)]
            if len(kept) < len(names):
                if not kept:
                    return ""  # everyone it names is out: the step dropping them says all there is
                names, who = kept, name_list(kept)
        s = Situation(index.plan, task, who or "them", picks, index.today or clock.today(), index.basis, running)
        made = phrase(line.rule, s)
        if made == "":
            return ""  # the decision made this advice moot
        text = made or ""
    text = text or first_sentence(line.fix) or first_sentence(line.message)
    if names and not any(n in text for n in names):
        text = f"{line.who}: {text}"
    return text


def next_steps(lines: Iterable[AdviceLine], index: PlanIndex, limit: int = NEXT_STEPS) -> list[NextStep]:
    """The most important actions, ``limit`` in all: first one per task (and one for the
    business), each task's the decision it waits for when there is one (:mod:`advisor.advice.decide`,
    with the candidates to drop), else its most pressing advice as a short action; then, while
    there is room, the next most pressing advice. Advice about someone the decision already
    names (the pick, the ones to drop) is not a step of its own; no sentence is said twice."""
    ranked = sorted((ln for ln in lines if not ln.suppressed and ln.rule not in NEVER_STEPS),
                    key=lambda ln: step_rank(ln, index))
    views = task_views(ranked, index)
    ranked = _sequenced(sorted(ranked, key=lambda ln: stakes(ln, views, index)), index)  # stable
    out: list[NextStep] = []
    said: set[str] = set()
    used: set[int] = set()
    seen: set[str | None] = set()

    def take(i: int | None, ln: AdviceLine, text: str, covers: tuple[AdviceLine, ...] = (),
             acts: bool = False) -> None:
        if i is not None:
            used.add(i)
        if covers:  # a line a step says is no later step's (the offer checklist's included)
            ids = {id(x) for x in covers}
            used.update(k for k, x in enumerate(ranked) if id(x) in ids)
        said.add(text)
        seen.add(ln.task)
        moot = tuple(x for x in covers if _moot(x, views.get(x.task)))  # hidden, never claimed as said
        out.append(NextStep(ln, text, tuple(x for x in covers if x not in moot), acts, moot))

    _steps(ranked, index, views, limit, take, used, said, seen, out)
    if limit > 1:  # an offer checklist left below: one step says all its terms
        _checklist_step(ranked, index, views, take, used, said)
    return out


def _checklist_step(ranked: list[AdviceLine], index: PlanIndex, views: Mapping[str | None, TaskView],
                    take: Any, used: set[int], said: set[str]) -> None:
    """One more step for the first task's :data:`OFFER_TERMS` still below: one line in place of a
    finding (two lines) per term; the step list grows by one, the advice shrinks."""
    for i, ln in enumerate(ranked):
        if i in used or ln.rule not in OFFER_TERMS or ln.task is None:
            continue
        terms = _offer_terms(ranked, i, ln, used)
        view = views.get(ln.task)
        texts = [t for t in (_step_text(ranked[k], index, view, first=False)[0] for k in [i, *terms]) if t]
        if not texts:
            continue
        text = offer_checklist(texts)
        if text in said:
            continue
        used.update(terms)
        take(i, ln, text, (ln, *(ranked[k] for k in terms)), True)
        return


def _steps(ranked: list[AdviceLine], index: PlanIndex, views: Mapping[str | None, TaskView], limit: int,
           take: Any, used: set[int], said: set[str], seen: set[str | None], out: list[NextStep]) -> None:
    """The loop of :func:`next_steps`, until ``limit`` steps are taken."""
    for first_pass in (True, False):
        for i, ln in enumerate(ranked):
            if len(out) >= limit:
                return
            if i in used or (first_pass and (ln.task in seen or waits(ln, index))):
                continue
            view = views.get(ln.task)
            dec = view.decision if view is not None else None
            if ln.rule in BEFORE_ANY_HIRE and ln.task not in seen:
                text, acts = _step_text(ln, index, view, first=False)
                if text and text not in said:
                    take(i, ln, text, (ln,) if acts else (), acts)
                    seen.discard(ln.task)  # the task's decision (hire, drop) still comes next
                    continue
            if dec is not None and dec.text and ln.task not in seen:
                # the decision stands for the task (also when its lines are all info: a tidy plan's
                # one step is the offer); its top line may still be a step of its own
                drop = drop_text(dec.drops)
                take(None, ln, f"{dec.text}; {drop}" if drop else dec.text, _decided(ranked, view))
                continue
            if ln.severity == "info":
                continue  # a tip is never a step of its own (grading v12: podcast's access tip was step 1)
            if dec is not None and ln.task in seen and _settled(ln, view):
                continue  # the task's decision already acts on it
            first = ln.task not in seen
            if first and view is not None and view.decision is not None and ln.candidate in view.settled:
                # the top line is about someone to drop: lead with the task's next action and
                # name the drop beside it (grading v20, tour: a step of its own for a drop)
                j = _next_action(ranked, i, ln, view, used)
                if j is not None:
                    used.add(i)
                    i, ln = j, ranked[j]
            text, acts = _step_text(ln, index, view, first=first)
            if not text or text in said:
                continue
            # a tip carrying its task's decision, a rule's own phrase of its fix, or the fix word
            # for word: the step says it, the line is not printed again (grading v12: 1 in 5 repeated)
            own = (ln,) if ln.severity == "info" or _restates(ln, view) or _is_fix(text, ln) else ()
            if own and ln.rule == "partial-scope":  # one split step stands for every part-bid's line
                base = _step_text(ln, index, view, first=False)[0]  # without the task's drops
                same = [k for k, o in enumerate(ranked) if k != i and k not in used and o.rule == ln.rule
                        and o.task == ln.task and _step_text(o, index, view, first=False)[0] == base]
                own += tuple(ranked[k] for k in same)
                used.update(same)
            terms = _offer_terms(ranked, i, ln, used) if own else []
            if terms:  # the task's offer checklist is one step, not a line per term (grading v20 fix 4)
                texts = [text] + [t for t in (_step_text(ranked[k], index, view, first=False)[0] for k in terms) if t]
                text = offer_checklist(texts)
                own += tuple(ranked[k] for k in terms)
                used.update(terms)
            j = _joined(ranked, i, ln, used)
            if j is not None and own:
                other, _ = _step_text(ranked[j], index, view, first=False)
                if other and other not in said:
                    first_text, second = (text, other) if ln.rule == "offer-nda" else (other, text)
                    second = without_agreement(second)  # the NDA step says the agreement
                    text = f"{first_text}; {second[:1].lower()}{second[1:]}"
                    own += (ranked[j],)
                    used.add(j)
            drops = _decided(ranked, view, drops_only=True) if first and view is not None else ()
            # a user's rule: the step is its fix's first sentence; a longer fix is still printed
            acts = acts and (ln.rule in PHRASES or _is_whole_fix(text, ln))
            # the step is the line's own action: the line folds into it, never "fix: Next step 1"
            # below (grading v19 fix 10, v20: vineyard and drone's key-person line said twice);
            # a rule that failed, or an owner's rule (its step is only its fix: the message would be
            # lost), is always printed whole
            folds = acts and ln.rule not in index.own_rules and ln not in own and ln.first.kind != "failure"
            text, cover = _with_cover(ranked, i, ln, text, used, index)
            text, sample = _with_sample(ranked, i, ln, text, used, index)
            take(i, ln, text, own + drops + ((ln,) if folds else ()) + cover + sample, acts)
    return out


#: Live work the one hire covers alone (grading v22 fix 8): said in a step about that hire.
LIVE_COVER = "live-cover-backup"


def _with_cover(ranked: list[AdviceLine], i: int, ln: AdviceLine, text: str, used: set[int],
                index: PlanIndex) -> tuple[str, tuple[AdviceLine, ...]]:
    """A step about the one person hired on live work (about them, or about their task) carries
    who covers when they are out: the task's ``live-cover-backup`` line, then not printed again;
    else the step as it is."""
    k = next((k for k, o in enumerate(ranked) if k != i and k not in used and o.rule == LIVE_COVER
              and o.task == ln.task), None) if ln.task is not None else None
    task = index.task(ln.task) if k is not None else None
    hired = [c for c in getattr(task, "candidates", ()) if c.status == "hired"]
    if len(hired) != 1 or ln.candidate not in (None, hired[0].id):
        return text, ()
    used.add(k)  # type: ignore[arg-type]
    return f"{text}; {live_cover_step(hired[0].name)}", (ranked[k],)  # type: ignore[index]


def _with_sample(ranked: list[AdviceLine], i: int, ln: AdviceLine, text: str, used: set[int],
                 index: PlanIndex) -> tuple[str, tuple[AdviceLine, ...]]:
    """The interview step on a critical hire not heard yet (:mod:`advisor.advice.hirecall`)
    carries the task's paid first piece: its line is then not printed again; else as it is."""
    if ln.rule != INTERVIEW_RULE or ln.task is None or not text.startswith("Interview "):
        return text, ()
    k = next((k for k, o in enumerate(ranked) if k != i and k not in used and o.rule in SAMPLE_RULES
              and o.task == ln.task), None)
    task = index.task(ln.task)
    if k is None or task is None or not unheard_stakes(task):
        return text, ()
    from advisor.advice.phrasing import first_piece

    s = Situation(index.plan, task, "them", (), index.today or clock.today(), index.basis)
    joined = with_sample(text, first_piece(s))
    if joined == text:
        return text, ()
    used.add(k)
    return joined, (ranked[k],)


def _next_action(ranked: list[AdviceLine], i: int, ln: AdviceLine, view: TaskView, used: set[int]) -> int | None:
    """The index of the next line on ``ln``'s task, after ``i``, that is a step of its own (not a
    tip, not about someone the decision names, not settled by it); None for none."""
    return next((j for j in range(i + 1, len(ranked)) if j not in used and ranked[j].task == ln.task
                 and ranked[j].severity != "info" and not _settled(ranked[j], view)), None)


def _joined(ranked: list[AdviceLine], i: int, ln: AdviceLine, used: set[int]) -> int | None:
    """The index of the line :data:`JOINED` to ``ln`` on the same task, not yet a step."""
    partner = JOINED.get(ln.rule)
    if partner is None or ln.task is None:
        return None
    return next((j for j, o in enumerate(ranked) if j != i and j not in used and o.rule == partner
                 and o.task == ln.task), None)


def _sequenced(ranked: list[AdviceLine], index: PlanIndex) -> list[AdviceLine]:
    """A first-timer told to run one task first and park the others (``too-many-first-hires``):
    that step comes right after the risks, then the first task's own, and advice on the parked
    tasks (but a risk) is no step:
    it would contradict "park them" (the findings below still list it)."""
    seq = next((ln for ln in ranked if ln.rule == "too-many-first-hires"), None)
    if seq is None or index.plan is None:
        return ranked
    order = run_first(list(index.plan.tasks), index.today or clock.today())
    parked = {t.id for t in order[2]} if order is not None else set()
    first = order[0].id if order is not None else None

    def group(ln: AdviceLine) -> int:
        if ln.severity == "risk":
            return 0
        if ln is seq:
            return 1
        return 2 if ln.task == first else (4 if ln.task in parked else 3)
    return [ln for ln in sorted(ranked, key=group) if group(ln) != 4]  # stable within a group


def _restates(ln: AdviceLine, view: "TaskView | None") -> bool:
    """The step made from ``ln`` says what its finding says: its fix as an action (a shipped
    rule's own phrase, :mod:`advisor.advice.phrasing`). A risk about one candidate is kept below:
    its message is the evidence (their words) the step rests on; so is a line the step only names
    to drop, and a user's rule (its step is its fix; the message says what is wrong)."""
    if ln.severity == "risk" and ln.candidate is not None:
        return False
    if ln.rule not in PHRASES:
        return False  # a user's rule: the step is its fix, the finding below says what is wrong
    return not (view is not None and ln.candidate in view.settled)


#: Shipped rules without a phrase of their own whose one-sentence fix is the whole step (what
#: the message adds is said in the fix): the step stands for them. A user's rule is never one:
#: its message says what is wrong, the step only what to do.
FIX_IS_STEP = frozenset({"transfer-safeguard", "review-planned-trial", "marketplace-without-protection",
                         "health-data-agreement"})


def _is_whole_fix(text: str, ln: AdviceLine) -> bool:
    """The step says the line's whole fix, word for word."""
    fix = " ".join(ln.fix.split()).rstrip(".")
    return bool(fix) and fix in text


def _is_fix(text: str, ln: AdviceLine) -> bool:
    """The step is the finding's whole fix (a :data:`FIX_IS_STEP` rule): printing the finding again
    would only repeat it (grading v12: transfer-safeguard, review-planned-trial)."""
    if ln.rule not in FIX_IS_STEP:
        return False
    fix = " ".join(ln.fix.split()).rstrip(".")
    return bool(fix) and fix in text


def _decided(ranked: list[AdviceLine], view: "TaskView | None", *, drops_only: bool = False) -> tuple[AdviceLine, ...]:
    """Lines of a task that its decision step already says: screening advice it settles (who
    else to shortlist, interview or try, once the pick is made), and everything about a candidate
    it drops (the step lists every reason with the words quoted: :func:`_with_evidence`)."""
    if view is None or view.decision is None:
        return ()
    dec = view.decision
    dropped = {i for i, _, _ in dec.drops}
    out: list[AdviceLine] = []
    for ln in ranked:
        if ln.task is None or ln.task != view.task:
            continue
        if ln.candidate in dropped:  # the step names them with every reason and their words
            out.append(ln)  # (a tip about them is moot: :func:`_moot`)
        elif not drops_only and dec.text and ln.rule in dec.settles and ln.severity != "risk" and (
                ln.candidate is None or ln.candidate in view.picks):
            out.append(ln)
        elif not drops_only and dec.text and ln.rule in RUNNER_UP_RULES and ln.rule in dec.settles and (
                ln.candidate is not None):
            out.append(ln)  # a runner-up's overrun: the step names whom to hire instead
    return tuple(out)


def _moot(ln: AdviceLine, view: "TaskView | None") -> bool:
    """A tip about someone the task's decision drops ("you know their work"): no reason of the
    drop, so no step says it, and dropping them makes it moot (grading v23 fix 8, hostel: counted
    as "said in the Next steps" while the step said "drop them")."""
    return (ln.severity == "info" and ln.candidate is not None and view is not None
            and view.decision is not None and any(i == ln.candidate for i, _, _ in view.decision.drops))


def not_restated(lines: Iterable[AdviceLine], steps: Sequence[NextStep]) -> tuple[list[AdviceLine], int]:
    """The lines to list below the Next steps: every line but those a step already says
    (``NextStep.covers``) or makes moot (``NextStep.moot``); and how many a step says."""
    covered = {id(ln) for s in steps for ln in s.covers}
    moot = {id(ln) for s in steps for ln in s.moot} - covered
    shown = [ln for ln in lines if id(ln) not in covered and id(ln) not in moot]
    return shown, sum(1 for ln in lines if id(ln) in covered)


def _settled(ln: AdviceLine, view: TaskView) -> bool:
    """The decision acts on this line: it names the person (to pick or drop), settles the rule,
    or, having picked, makes screening of the others moot."""
    dec = view.decision
    if ln.candidate in view.settled or ln.rule in dec.settles:
        return True
    return bool(dec.text and dec.picks and ln.candidate is not None and ln.severity != "risk")


def _step_text(ln: AdviceLine, index: PlanIndex, view: "TaskView | None", *, first: bool) -> tuple[str, bool]:
    """The step made from ``ln``, and whether it says ``ln``'s own action (not only whom to drop)."""
    if view is None or view.decision is None:
        return action(ln, index, running=view.running if view is not None else None), True
    dec = view.decision
    if not first or dec.text:
        return action(ln, index, view.picks, view.running), True
    drop = drop_text(dec.drops)
    # no pick yet: the most pressing advice, then whom to drop
    if ln.candidate in view.settled:
        lead = ""
    else:
        lead = action(ln, index, running=view.running)
    if not lead:
        return drop[:1].upper() + drop[1:], False
    return (f"{lead.rstrip('.')}; {drop}" if drop else lead), True  # "...hire; drop X", not "hire.; drop"


def next_step_for(lines: Iterable[AdviceLine], task: str, index: PlanIndex) -> NextStep | None:
    """The one action to take on ``task`` (None when it has no open advice)."""
    own = [ln for ln in lines if ln.task == task]
    steps = next_steps(own, index, limit=1)
    return steps[0] if steps else None
