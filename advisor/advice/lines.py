"""Advice lines: findings ordered and folded (:func:`arrange`), the plan index the ordering and
the next steps read (:class:`PlanIndex`), and a fix's first sentence. The order and folding are
described in :mod:`advisor.advice.steps`, which picks the next steps from these lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Iterable, Mapping

from advisor.advice.findings import Finding, severity_rank
from advisor.text import NAMES_SHOWN, name_list  # noqa: F401  (advice words use both)
from advisor.advice.basis import Basis

#: Findings of one rule on one task about this many candidates or more are folded into one line.
FOLD_AT = 3
#: How many actions the "Next steps" block shows.
NEXT_STEPS = 3
#: Severities whose fix is shown under them (``check``'s ``fix:`` line, the app's fix line).
FIX_SEVERITIES = ("warning", "risk")


@dataclass(frozen=True)
class PlanIndex:
    """What ordering and wording need from the plan: task order and titles, candidate order and
    names, and which tasks are critical. Built once per output with :meth:`of`."""

    task_order: Mapping[str, int] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)
    critical: frozenset[str] = frozenset()
    candidate_order: Mapping[str, int] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    #: rule id -> its place in the ruleset (unknown rules after every known one).
    rule_order: Mapping[str, int] = field(default_factory=dict)
    #: the ids of the owner's own rules (not built in): their step is only their fix, so their
    #: line is always printed whole (its message would otherwise be lost)
    own_rules: frozenset = frozenset()
    #: the plan itself (the next steps read its tasks and candidates to word the decision)
    plan: Any = field(default=None, compare=False, repr=False)
    today: date | None = None
    #: what the advice was computed with (the owner's phrase lists, ``key_criterion_low``, the
    #: value weights): the next steps rule out whom the rules and the Ranking rule out
    basis: Basis = field(default_factory=lambda: Basis.of_rules(None), compare=False, repr=False)
    #: task id -> the plan's first task with it, filled on the first :meth:`task` (each next-step
    #: line looked its task up by walking the plan: lines x tasks steps)
    _tasks: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, plan: Any, candidates_of: Iterable[Any] | None = None, rules: Iterable[Any] = (),
           today: date | None = None, basis: Basis | None = None) -> "PlanIndex":
        """The index of ``plan``; with ``candidates_of`` (some tasks), only their candidates are
        indexed (the app indexes the selected task alone: a plan may have 50,000 candidates).
        ``rules``: the ruleset in effect, whose order ranks rules of one severity; ``basis``: what
        the advice was computed with (by default the ruleset's settings, the same merge)."""
        tasks = list(getattr(plan, "tasks", ()))
        order: dict[str, int] = {}
        names: dict[str, str] = {}
        for t in (tasks if candidates_of is None else candidates_of):
            for c in t.candidates:
                order.setdefault(c.id, len(order))
                names.setdefault(c.id, c.name)
        return cls(task_order={t.id: i for i, t in enumerate(tasks)}, titles={t.id: t.title for t in tasks},
                   critical=frozenset(t.id for t in tasks if t.critical), candidate_order=order, names=names,
                   rule_order={r.id: i for i, r in enumerate(rules or ())},
                   own_rules=frozenset(r.id for r in rules or () if not getattr(r, "builtin", True)),
                   plan=plan if hasattr(plan, "business") else None, today=today,
                   basis=basis if basis is not None else Basis.of_rules(rules))

    @property
    def key_criterion_low(self) -> float:
        return self.basis.key_criterion_low

    @property
    def phrases(self) -> Any:
        return self.basis.phrases

    def task(self, task_id: str | None) -> Any:
        """The plan's task ``task_id`` (None without a plan or for the business)."""
        if self.plan is None or task_id is None:
            return None
        tasks = self._tasks
        if not tasks and self.plan.tasks:
            for t in self.plan.tasks:
                tasks.setdefault(t.id, t)
        return tasks.get(task_id)

    def rule_rank(self, rule: str) -> int:
        return self.rule_order.get(rule, len(self.rule_order))

    def name(self, candidate: str | None) -> str:
        return self.names.get(candidate, candidate) if candidate else ""


@dataclass(frozen=True)
class AdviceLine:
    """One line of advice: a single finding, or (``folded``) the findings of one rule on one task
    about several candidates, whose ``names`` it lists."""

    findings: tuple[Finding, ...]
    names: tuple[str, ...] = ()

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def folded(self) -> bool:
        return len(self.findings) > 1

    @property
    def rule(self) -> str:
        return self.first.rule

    @property
    def severity(self) -> str:
        return self.first.severity

    @property
    def task(self) -> str | None:
        return self.first.task

    @property
    def candidate(self) -> str | None:
        """The candidate it is about; None for a folded line (it is about several)."""
        return None if self.folded else self.first.candidate

    @property
    def suppressed(self) -> bool:
        return self.first.suppressed

    @property
    def reason(self) -> str:
        return self.first.reason

    @property
    def who(self) -> str:
        """The names of a folded line, as a phrase ("Ana, Chen and 5 more")."""
        return name_list(self.names)

    @property
    def message(self) -> str:
        if not self.folded:
            return self.first.message
        return f"{self.first.title or self.first.rule}: {self.who}"

    @property
    def title(self) -> str:
        return self.first.title or self.first.rule

    @property
    def fix(self) -> str:
        """The fix with its placeholders filled; for a folded line, the first candidate's fix
        with all the names in place of the first one."""
        fix = self.first.fix
        if self.folded and self.names and self.names[0] and self.names[0] in fix:
            fix = fix.replace(self.names[0], self.who)
        return fix

    @property
    def fix_shown(self) -> str:
        """The fix to show under the line: for an open warning or risk; else empty."""
        return self.fix if self.severity in FIX_SEVERITIES and not self.suppressed else ""

    def as_finding(self) -> Finding:
        """A finding standing for the whole line: a folded line is about its task (so
        acknowledging it covers every candidate it names)."""
        if not self.folded:
            return self.first
        return replace(self.first, candidate=None, message=self.message, fix=self.fix)


@dataclass(frozen=True)
class NextStep:
    """One action to take: the advice it comes from and what to do, in a sentence."""

    line: AdviceLine
    action: str
    #: the lines below that this step says already (its own fix, advice its decision settles,
    #: more about someone it drops): ``check`` does not say them again (:func:`not_restated`)
    covers: tuple[AdviceLine, ...] = ()
    #: the step is ``line``'s own action (its fix, in short): the line folds into the step (it is
    #: among ``covers``), never said twice (grading v13, venue; v19 fix 10: "fix: Next step 1")
    acts: bool = False
    #: lines this step makes moot without saying them (a tip about someone it drops): not listed
    #: below, and not counted as said (:func:`advisor.advice.steps.not_restated`)
    moot: tuple[AdviceLine, ...] = ()

    @property
    def task(self) -> str | None:
        return self.line.task




def order_key(f: Finding, index: PlanIndex) -> tuple:
    """Where a finding goes in :func:`arrange`'s order (see the module docstring)."""
    business = f.task is None
    return (f.suppressed, -severity_rank(f.severity), business,
            index.task_order.get(f.task, len(index.task_order)) if f.task else 0, f.task or "",
            f.candidate is not None, index.rule_rank(f.rule), f.rule,
            index.candidate_order.get(f.candidate, 1 << 30) if f.candidate else 0, f.candidate or "")


def ordered(findings: Iterable[Finding], index: PlanIndex | None = None) -> list[Finding]:
    """Findings in :func:`arrange`'s order, unfolded (for lists about one candidate)."""
    index = index if index is not None else PlanIndex()
    return sorted(findings, key=lambda f: order_key(f, index))


def arrange(findings: Iterable[Finding], index: PlanIndex, *, fold_at: int = FOLD_AT) -> list[AdviceLine]:
    """Findings in reading order, with repeats of one rule on one task folded into one line."""
    in_order = ordered(findings, index)
    # group the candidate findings of one rule on one task (and one acknowledged state)
    groups: dict[tuple, list[Finding]] = {}
    for f in in_order:
        if f.candidate is not None and f.task is not None and f.kind == "advice":
            groups.setdefault((f.rule, f.task, f.suppressed), []).append(f)
    out: list[AdviceLine] = []
    placed: set[tuple] = set()
    for f in in_order:
        group_key = (f.rule, f.task, f.suppressed)
        members = groups.get(group_key) if f.candidate is not None and f.task is not None else None
        if members is not None and len(members) >= fold_at and f.kind == "advice":
            if group_key in placed:
                continue
            placed.add(group_key)
            out.append(AdviceLine(tuple(members), tuple(index.name(m.candidate) for m in members)))
        else:
            out.append(AdviceLine((f,), (index.name(f.candidate),) if f.candidate else ()))
    return out


#: A full stop after one of these words does not end a sentence ("for how long (e.g. 12 months
#: of paid use)" was cut at "(e.g.": grading v11, ugc-videos).
_ABBREVIATIONS = frozenset("e.g i.e etc vs approx incl excl cf mr mrs dr".split())
#: A candidate end of sentence: ``.``/``!``/``?`` (with closing quotes) then spaces and a capital,
#: digit, quote or bracket.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z0-9\"'(])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def first_sentence(text: str) -> str:
    """The first sentence of a fix (a next step is one line): cut at the first end of sentence
    outside brackets that does not follow an abbreviation ("e.g.", "etc."). Linear: one scan."""
    text = " ".join(text.split())
    depth, at = 0, 0
    for m in _SENTENCE_END.finditer(text):
        for ch in text[at:m.start()]:
            depth += 1 if ch in "([" else -1 if ch in ")]" and depth > 0 else 0
        at = m.start()
        if depth > 0:
            continue  # inside brackets: "(about 10 hours. Then ...)" stays one sentence
        word = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if text[m.start()] == "." and word is not None and (
                len(word[1]) == 1 or word[1].lower() in _ABBREVIATIONS):
            continue  # "e.g.", "etc.", an initial
        return text[:m.end()].rstrip()
    return text
