"""The app's one door to the data: the core's edit → advice pipeline plus what only the app shows.

Screens never touch SQLite or the rules engine directly; they call this module. The plan, every
edit, the lifecycle, undo, the revisions and the advisor live in the core
(:class:`advisor.pipeline.Pipeline` over :class:`advisor.session.Session`, shared with the
command line); the controller adds the advice on screen (with the last evaluation's error), the
rules as the rules screen lists them, the facts behind a finding, and what-if checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from advisor.errors import ConflictError, PlanError
from advisor.advice.insights import costs_with_fees, going_rate, marketplace_stats
from advisor.pipeline import Pipeline

if TYPE_CHECKING:
    from advisor.plan.model import Plan

SEVERITY_ORDER = {"risk": 0, "warning": 1, "info": 2}


# --------------------------------------------------------------------------- pure helpers

def new_id(name: str, taken: Iterable[str]) -> str:
    """A readable unique id from a name (``Ana P.`` -> ``ana-p``, ``ana-p-2``...), made the same
    way as the ids of candidates imported from a CSV."""
    from advisor.storage.csvimport import slug, unique_id

    return unique_id(slug(name, fallback="item"), set(taken))


# --------------------------------------------------------------------------- the controller

@dataclass
class RuleInfo:
    id: str
    pack: str
    severity: str
    enabled: bool
    title: str = ""
    text: str = ""
    file: Path | None = None
    builtin: bool = False


@dataclass(frozen=True)
class Advice:
    """The advice shown now: the last findings (None until the first evaluation) and, when the
    last evaluation failed, its error (the findings then stay, shown as out of date), for the
    plan at ``revision``. The app replaces it as a whole when an evaluation lands, then posts
    :class:`~tui.messages.AdviceChanged`; screens read it from the controller they were given."""

    findings: Any = None
    error: BaseException | None = None
    revision: int = 0


class Controller(Pipeline):
    """The core's :class:`Pipeline` with the advice shown now; the app's only data access."""

    def __init__(self, settings: Any, **kw: Any) -> None:
        super().__init__(settings, **kw)
        #: The advice shown now (set by the app, with the revision it is for): what the screens show.
        self.advice = Advice()
        self._rank_memo: Any = None

    def ranks(self, plan: Plan, task: Any) -> dict:
        """The task's Ranking (:func:`advisor.advice.value.ranks` with :attr:`basis`), its rows
        kept between edits (:func:`advisor.advice.rankmemo.keep`, for this basis): an edit of
        one candidate works out that candidate's row again, not the task's 300 (same result)."""
        from advisor.advice.rankmemo import RankMemo, keep
        from advisor.advice.value import ranks

        basis = self.basis
        if self._rank_memo is None:
            self._rank_memo = RankMemo()
        keep(basis, self._rank_memo)  # the Next step's Ranking (phrasing, same basis) reads it too
        return ranks(plan, task, basis, self._rank_memo)

    @property
    def findings(self) -> Any:
        """The findings shown now (None before the first evaluation)."""
        return self.advice.findings

    # ------------------------------------------------------------------ what only the app shows

    def facts_for(self, finding: Any) -> list[tuple[str, list[tuple[str, Any]]]]:
        """The facts that triggered ``finding``: per fact (``task logo``), the fields its rule's
        condition names (all fields when the condition cannot be read)."""
        import re

        keys = [k for k in (getattr(finding, "facts", ()) or ()) if isinstance(k, tuple) and len(k) == 2]
        if not keys or self.advisor is None:
            return []
        rule = self.ruleset.get(finding.rule) if self.ruleset is not None else None
        named: dict[str, set[str]] = {}
        for ns, fld in re.findall(r"\b(business|task|candidate)\.([A-Za-z_][A-Za-z0-9_]*)", getattr(rule, "when", "") or ""):
            named.setdefault(ns, set()).add(fld)
        # Never keep the UI waiting behind a long evaluation: without the facts, the finding
        # screen lists the fact keys only.
        if not self._lock.acquire(timeout=0.25):
            return []
        try:
            facts = self.advisor.rules.facts()
        except Exception:
            return []
        finally:
            self._lock.release()
        out = []
        for key in keys:
            fact = facts.get(key)
            if fact is None:
                continue
            wanted = named.get(key[0])
            fields = [(k, v) for k, v in fact.items()
                      if not k.startswith("_") and k != "id" and (not wanted or k in wanted)]
            out.append((f"{key[0]} {key[1]}", fields))
        return out

    def what_if(self, plan: Plan, task_id: str) -> list[tuple[str, str, str, str | None]]:
        """The advice ``plan`` (a changed copy of the current plan) would raise about ``task_id``
        that the current plan does not: (severity, title, rule, candidate). Worked out by the
        rules engine itself in a scratch advisor of its own (its own engine process), so the live
        advisor's state is not touched: a full evaluation of the current plan, then one
        incremental update to ``plan``. Call from a thread: it takes a full evaluation's time."""
        from advisor.engine import Advisor

        rs = self._active_ruleset()
        if rs is None:
            return []
        with Advisor(rs, self.settings.advisor, today=self.today) as scratch:
            before = {f.key for f in scratch.evaluate(self.snapshot()).items if f.kind == "advice"}
            after = scratch.update(plan, touched={task_id}).items
        out = []
        for f in after:
            if f.kind != "advice" or f.suppressed or f.key in before or f.task != task_id:
                continue
            out.append((f.severity, f.title, f.rule, f.candidate))
        out.sort(key=lambda x: (SEVERITY_ORDER.get(x[0], 9), x[2], x[3] or ""))
        return out

    def rules(self) -> list[RuleInfo]:
        """Every known rule (id, pack, severity, enabled) for the rules screen."""
        out: list[RuleInfo] = []
        for r in (self.ruleset.rules if self.ruleset is not None else []):
            text = "\n\n".join(f"{name}: {value}" for name, value in (
                ("about", r.about), ("stages", ", ".join(r.stages)), ("when", r.when), ("message", r.message),
                ("why", r.why), ("fix", r.fix), ("source", r.source)) if value)
            out.append(RuleInfo(r.id, r.pack, r.severity, r.id not in self.disabled_rules, r.title, text,
                                Path(r.file) if r.file else None, r.builtin))
        return out


__all__ = ["Advice", "Controller", "ConflictError", "PlanError", "going_rate",
           "costs_with_fees", "marketplace_stats", "new_id", "SEVERITY_ORDER"]

