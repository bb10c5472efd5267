"""Matches to findings: each match's rule texts rendered with the facts it matched, and a cache
so an incremental evaluation re-renders only what an edit can have changed.

A match is ``(rule id, fact keys)``. Its rendering is reused while every fact it was rendered
from is the same object; a candidate finding re-fired because its task fact changed (a rate or
budget edit re-joins every candidate of the task) is reused when the task fields its texts read
are equal. A rule whose texts fail to render becomes one failure finding; the rest are kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Mapping

from advisor.advice import findings as fmod
from advisor.rules.compiler import JOIN_TASK
from advisor.rules.factschema import BUSINESS_KEY, Fact, Key
from advisor.advice.findings import Finding, Findings
from advisor.plan.model import Suppression
from advisor.rules.rulepack import Rule, render, template_parts
from advisor.engine.convert import plan_key

log = logging.getLogger("advisor.engine")

Match = tuple  # (rule id, tuple of fact keys), as the engine process reports it


@dataclass
class Rendered:
    """One match's finding and the facts it was rendered from: ``objs`` are the business, task
    and candidate facts (the objects), ``task_vals`` the task's id and the fields a candidate
    rule's texts read (with their types)."""
    objs: tuple
    task_vals: tuple
    finding: Finding


@dataclass
class MatchChanges:
    """What changed since the findings were last rendered: the input of the incremental path."""
    keys: set[Key]  # the facts that may differ
    new_matches: list[Match]
    dropped: list[Match]
    by_fact: Mapping[Key, set]  # a fact -> the current matches it takes part in
    task_candidates: Callable[[str], Iterable[Fact]]  # a task id -> its candidate facts


@dataclass
class RenderDelta:
    """The findings an incremental rendering replaced or dropped, and the ones it added."""
    removed: list[Finding]
    added: list[Finding]


class RenderFailed(Exception):
    """A rule's message could not be rendered."""

    def __init__(self, rule_id: str, about: str, task: str | None, candidate: str | None,
                 keys: tuple, error: Exception) -> None:
        super().__init__(rule_id, error)
        self.rule_id, self.about, self.task, self.candidate = rule_id, about, task, candidate
        self.keys, self.error = keys, error


def template_reads(rule: Rule, ns_wanted: str) -> tuple[str, ...]:
    """The fields of fact type ``ns_wanted`` a rule's message, why, fix and questions read, in a
    fixed order."""
    out: dict[str, None] = {}
    for text in (rule.message, rule.why, rule.fix, *getattr(rule, "ask", ())):
        try:
            parts = template_parts(text or "")
        except ValueError:
            parts = ()
        for _, ns, fname, _ in parts:
            if ns == ns_wanted:
                out[fname] = None
    return tuple(out)


class Renderer:
    """Renders one ruleset's matches to findings and keeps the renderings for the next call."""

    def __init__(self, rules: Mapping[str, Rule], settings: Mapping[str, Any]) -> None:
        self._rules = rules
        self._settings = settings
        #: rule id -> its former ids: a suppression written with one still covers the rule
        self._aliases = {rid: r.formerly for rid, r in rules.items() if getattr(r, "formerly", ())}
        self._cache: dict[Match, Rendered] = {}
        self._sorted: fmod.SortedFindings | None = None  # the cache's findings, in order
        self._reads: dict[str, tuple] = {}
        #: the cache holds every current match (the last full rendering had no failure)
        self.ok = False

    def findings(self, matches: Mapping[Match, None], facts: Mapping[Key, Fact], failures: Mapping[Any, Finding],
                 suppressions: list[Suppression], today: date, changes: MatchChanges | None) -> Findings:
        """The findings of ``matches``; with ``changes`` (an incremental evaluation) only the
        matches those can have changed are rendered again."""
        suppressed = fmod.any_active(suppressions, today)
        if changes is not None and self.ok and BUSINESS_KEY not in changes.keys:
            try:
                delta: RenderDelta | None = self._render_dirty(changes, matches, facts)
            except RenderFailed:
                delta = None
            if delta is not None:
                ordered = self._sorted
                if ordered is not None and not suppressed:
                    if all(ordered.remove(f) for f in delta.removed):
                        for f in delta.added:
                            ordered.add(f)
                        return ordered.findings(failures.values())
                    log.warning("findings out of step with the render cache; sorting them all again")
                self._sorted = None
                out = [hit.finding for hit in self._cache.values()]
                if not suppressed:
                    self._sorted = fmod.SortedFindings(out)
                    return self._sorted.findings(failures.values())
                out.extend(failures.values())
                return fmod.build(out, suppressions, today, self._aliases)
        self._sorted = None
        out = []
        cache: dict[Match, Rendered] = {}
        business = facts.get(BUSINESS_KEY)
        failed_rules: set[str] = set()
        for mk in matches:
            try:
                hit = self._render_match(mk, facts, business)
            except RenderFailed as failed:
                log.error("rule %s failed rendering its message", failed.rule_id, exc_info=failed.error)
                if failed.rule_id not in failed_rules:
                    failed_rules.add(failed.rule_id)
                    exc = failed.error
                    out.append(fmod.failure(failed.rule_id, f"{type(exc).__name__}: {exc}", about=failed.about,
                                            task=failed.task, candidate=failed.candidate, facts=failed.keys))
                continue
            if hit is None:
                continue
            cache[mk] = hit
            out.append(hit.finding)
        self._cache = cache
        self.ok = not failed_rules
        if not suppressed and not failed_rules:
            self._sorted = fmod.SortedFindings(out)
            return self._sorted.findings(failures.values())
        out.extend(failures.values())
        return fmod.build(out, suppressions, today, self._aliases)

    def _render_match(self, mk: Match, facts: Mapping[Key, Fact], business: Fact | None) -> Rendered | None:
        """One match rendered, reusing the last rendering when every fact it was rendered from is
        the same object. None: the rule is gone. Raises :class:`RenderFailed`."""
        rule_id, keys = mk
        rule = self._rules.get(rule_id)
        if rule is None:
            return None
        about = rule.about
        env: dict[str, Fact] = {}
        if business is not None:
            env["business"] = business
        task_id = cand_id = None
        if any(ns == JOIN_TASK for ns, _ in keys):  # the engine's copy stands for the task
            keys = tuple(plan_key(k) for k in keys)
        for ns, k in keys:
            f = facts.get((ns, k))
            if f is not None:
                env[ns] = f
        if about == "candidate":
            c = env.get("candidate")
            cand_id = c["id"] if c else None
            task_id = c.get("task") if c else None
            if "task" not in env and task_id is not None and ("task", task_id) in facts:
                env["task"] = facts[("task", task_id)]
        elif about == "task":
            task_id = env["task"]["id"] if "task" in env else None
        # A candidate finding re-fired because its task fact changed reuses the rendering when
        # its candidate fact is the same object and the task fields its texts read are equal;
        # otherwise a finding is reused only when every fact it was rendered from is the same.
        objs = (env.get("business"), env.get("task"), env.get("candidate"))
        task_vals: tuple = ()
        if about == "candidate":
            reads = self._reads.get(rule_id)
            if reads is None:
                reads = self._reads[rule_id] = template_reads(rule, "task")
            t = objs[1]
            task_vals = (task_id,) + (() if t is None else tuple(t.get(n) for n in reads)) + \
                ((None,) if t is None else tuple(t.get(n).__class__ for n in reads))
        hit = self._cache.get(mk)
        if hit is not None and hit.finding.severity == rule.severity:
            old_objs = hit.objs
            if old_objs[0] is objs[0] and old_objs[2] is objs[2] and \
                    (old_objs[1] is objs[1] or (about == "candidate" and hit.task_vals == task_vals)):
                return hit
        settings = self._settings
        try:
            finding = Finding(
                rule=rule.id, severity=rule.severity, about=about, task=task_id, candidate=cand_id,
                title=rule.title, message=render(rule.message, env, settings),
                why=render(rule.why, env, settings),
                fix=render(rule.fix, env, settings), facts=keys,
                ask=tuple(render(q, env, settings) for q in rule.ask))
        except Exception as exc:
            raise RenderFailed(rule_id, about, task_id, cand_id, keys, exc) from exc
        return Rendered(objs, task_vals, finding)

    def _render_dirty(self, changes: MatchChanges, matches: Mapping[Match, None],
                      facts: Mapping[Key, Fact]) -> RenderDelta:
        """Re-render only the matches an edit can have changed: new ones, those that involve a
        changed fact, and candidate findings whose task fact changed (their text may name it).
        Every other finding is the object rendered last time. Proportional to the edit."""
        cache = self._cache
        dirty: set[Match] = set(changes.new_matches)
        dirty.update(changes.dropped)  # gone for good (dropped from the cache below), or re-fired
        by_fact = changes.by_fact
        for key in changes.keys:
            dirty.update(by_fact.get(key, ()))
            if key[0] == "task":
                dirty.update(by_fact.get((JOIN_TASK, key[1]), ()))
                for cf in changes.task_candidates(key[1]):
                    dirty.update(by_fact.get(("candidate", cf["id"]), ()))
        business = facts.get(BUSINESS_KEY)
        delta = RenderDelta([], [])
        for mk in dirty:
            old = cache.get(mk)
            hit = self._render_match(mk, facts, business) if mk in matches else None
            if hit is old:
                continue
            if old is not None:
                delta.removed.append(old.finding)
            if hit is None:
                cache.pop(mk, None)
            else:
                cache[mk] = hit
                delta.added.append(hit.finding)
        return delta
