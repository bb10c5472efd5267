"""The advisor: compiled rules in a durable-rules engine *process*, full and incremental evaluation.

Design (measured; see ``docs/rules.md``, "The engine"):

- **A process boundary.** durable-rules 2.0.28 is C that can crash the process (segfault, glibc
  abort) or hang while holding the GIL. So the host lives in a child process
  (:mod:`advisor.engine.host`), started on first use (or earlier: ``process.prestart``) with ``sys.executable -I -c`` (no
  ``fork``: the app has threads), spoken to with length-prefixed pickles over its stdin/stdout.
  The parent computes facts and diffs and keeps all bookkeeping (fact ids, matches, findings);
  the child registers the compiled ruleset, builds the action callables, holds the session and
  answers small requests: ``full`` (facts -> matches), ``update`` (engine ids to retract + changed
  facts -> only the new matches), ``stats``, ``shutdown``. One round trip per update.
- **Every request has a timeout** (``AdvisorSettings.engine_timeout`` for a full evaluation,
  scaled by fact count; ``engine_update_timeout`` for an update). On a timeout, EOF, an exit or a
  signal the child is killed and :class:`EngineCrashed` is raised ("the rules engine stopped
  (signal SIGSEGV) while ..."). The advisor stays usable: the next
  call starts a fresh child and evaluates fully.
- **Sessions** (in the child): a new session per full evaluation, split into about
  ``len(facts) / SHARD_FACTS`` shards by task (one durable-rules ``sid`` each, the business fact
  in every one): durable-rules' hash indexes have a fixed 512 buckets, so one big session costs
  more per fact the bigger it is (measured: 2x at 50,000 candidates). A session the engine refused
  an assert in is abandoned, never passed to ``delete_state`` (measured: that corrupts the heap
  with the core and practice packs); the child is replaced once abandoned sessions hold too much.
- Public methods may be called from any thread, one at a time (a lock), and block until done.
- The work is split by job: :mod:`.convert` turns plan facts into engine facts (ids, fields,
  numbers; a task's snapshot and signature), :mod:`.diff` computes a plan's facts again only where
  something changed and finds the engine facts to retract and assert, :mod:`.render` turns
  matches into findings (with a cache), :mod:`.link` starts and asks the engine process and
  handles its crashes. This module orchestrates them: the calls, the lock, the matches kept.
- A catch-all rule per fact type (large ``cap``) keeps unmatched facts from failing a batch; all
  rules use ``cap`` so an action receives a list of matches.
- Findings are kept keyed by the facts of the match that produced them. ``update`` diffs the new
  facts against the asserted ones, retracts the changed/removed ones (dropping every finding
  that involved them) and asserts the changed/new ones: the Rete network fires again for every
  match they take part in (a task fact joined to 100 candidates fires 100 matches).
- Every assert/retract result is checked for an action exception (durable-rules swallows them);
  an engine error on a full evaluation makes the child assert fact by fact, so one malformed
  fact or one failing rule becomes a failure finding and the rest of the advice is kept.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Mapping

from advisor.advice import findings as fmod
from advisor.rules.compiler import Compiled, compile_rules
from advisor.errors import EngineCrashed, RuleError
from advisor.rules.factschema import BUSINESS_KEY, Fact, Key
from advisor.advice.findings import Finding, Findings
from advisor.plan.model import Plan
from advisor.rules.rulepack import Rule, Ruleset
from advisor.advice.basis import Basis
from advisor.settings import AdvisorSettings
from advisor.engine.convert import EngineFacts, plan_key
from advisor.engine.diff import PlanFacts, diff_facts
from advisor.engine.link import EngineLink
from advisor.engine.process import EngineDied, EngineProcess, kill
from advisor.engine.render import MatchChanges, Renderer
from advisor.engine.protocol import Full, Load, Stage, Update, UpdateRefused
from advisor import clock

log = logging.getLogger("advisor.engine")

ENGINE_RULE = "advisor-engine"
#: An update's timeout grows beyond this many changed facts.
UPDATE_TIMEOUT_FACTS = 500
#: A full evaluation sends its facts to the engine process in parts of this many (measured, on a
#: fresh advisor with its engine running: 2,000 left a 1,000-candidate plan unoverlapped, 56-63
#: ms; 250 gave 32-44 ms there and the same or better at 10,000).
STAGE_FACTS = 250
#: The engine session is split into about one shard per this many plan facts (by task; see
#: ``engine_host.EngineHost._groups``): durable-rules' cost per fact grows with its session.
SHARD_FACTS = 1500
#: Replace the engine process before a full evaluation once abandoned sessions hold this many facts.
RECYCLE_ABANDONED_FACTS = 20000

__all__ = ["Advisor", "EngineCrashed", "ENGINE_RULE"]


@contextlib.contextmanager
def _collect_new_objects_only() -> Iterator[None]:
    """During an advisor call, the garbage collector looks only at objects made since it began.

    A full evaluation makes ~20 objects per fact, an update without the ``touched`` hint a
    snapshot of every task and candidate. Each time the collector's oldest generation
    comes due, it walks every object of the process: with a 50,000-candidate plan in memory
    that is ~1-2 million objects, three times during the findings alone. ``gc.freeze()`` moves
    the objects that exist now out of the collector's walks and ``gc.unfreeze()`` puts them
    back (both are list splices, no walk), so the walks cost what the call made. Nothing
    is left out for good: garbage among the frozen objects is found by the next collection
    after the evaluation, as it would have been. (Process-wide: nothing else here freezes.)"""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Advisor(EngineLink):
    """Owns one durable-rules engine process. See the module docstring."""

    def __init__(self, ruleset: Ruleset, settings: AdvisorSettings | None = None,
                 today: date | Callable[[], date] | None = None) -> None:
        self._settings = settings or AdvisorSettings()
        self._today = today
        self._lock = threading.RLock()
        self._closed = False
        self._generation = 0
        self._child: EngineProcess | None = None
        self._process = None  # the latest engine process's Popen (tests look)
        self._timeout_full = float(getattr(self._settings, "engine_timeout", 10.0))
        self._timeout_update = float(getattr(self._settings, "engine_update_timeout", 2.0))
        self._call(self._setup, ruleset)

    # ------------------------------------------------------------------ public API

    def evaluate(self, plan: Plan) -> Findings:
        """Full evaluation: a fresh session with every fact of ``plan``."""
        return self._call(self._evaluate, plan)

    def update(self, plan: Plan, *, touched: Iterable[str] | None = None) -> Findings:
        """Incremental evaluation: only facts that changed since the last call are retracted and
        asserted. ``touched`` (optional) names the task ids that may have changed; other tasks'
        facts are reused without comparing them (a speed hint; leave it out when unsure)."""
        return self._call(self._update, plan, None if touched is None else set(touched))

    def evaluate_facts(self, facts: Mapping[Key, Fact]) -> Findings:
        """Full evaluation of ready-made facts (rule examples, tests): no plan, no suppressions."""
        return self._call(self._evaluate_facts, dict(facts))

    def reload(self, ruleset: Ruleset) -> None:
        """Replace the rules: the engine process is stopped (which frees every session and the
        old ruleset); the next ``evaluate`` (or ``update``, which then evaluates fully) starts a
        new one. Also the way back after :class:`EngineCrashed`."""
        self._call(self._reload, ruleset)

    def close(self) -> None:
        """Stop the engine process. If another thread is inside a call (a hung engine), the
        process is killed so that call ends with :class:`EngineCrashed` instead of waiting."""
        if self._closed:
            return
        if not self._lock.acquire(timeout=0.5):
            child = self._child
            if child is not None:
                kill(child.proc)
            self._lock.acquire()
        try:
            if not self._closed:
                self._teardown()
        finally:
            self._closed = True
            self._lock.release()

    def __enter__(self) -> "Advisor":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def problems(self) -> list[RuleError]:
        """Rules the compiler left out (engine limits)."""
        return list(self._compiled.problems)

    @property
    def ruleset(self) -> Ruleset:
        return self._ruleset

    @property
    def basis(self) -> Basis:
        """What the advice is computed with (merged settings, the owner's phrase lists,
        ``key_criterion_low``): every view of this advice reads the same one."""
        return self._basis

    def facts(self) -> dict[Key, Fact]:
        """The facts of the last evaluation (a copy; for tests and the reference evaluator)."""
        return self._call(lambda: {k: dict(v) for k, v in self._facts.items()})

    # ------------------------------------------------------------------ one call at a time

    def _call(self, fn: Callable, *args: Any) -> Any:
        with self._lock, _collect_new_objects_only():
            if self._closed:
                raise RuntimeError("the advisor is closed")
            return fn(*args)

    # ------------------------------------------------------------------ set-up

    def _setup(self, ruleset: Ruleset) -> None:
        self._ruleset = ruleset
        self._basis = Basis.of(self._settings.settings, ruleset.settings)
        self._rule_settings = dict(self._basis.settings)
        self._rules: dict[str, Rule] = {r.id: r for r in ruleset}
        self._compiled: Compiled = compile_rules(ruleset)
        for p in self._compiled.problems:
            log.warning("rule left out: %s", p)
        self._convert = EngineFacts(self._compiled)
        self._render = Renderer(self._rules, self._rule_settings)
        self._ns_of_rule = {cr.rule_id: cr.namespaces for cr in self._compiled.rules}
        self._generation += 1
        self._name = f"advice{self._generation}"
        # The ruleset as the child registers it: the durable-rules definition without actions,
        # and which rule id each engine rule reports (None: a catch-all without action).
        definition: dict[str, dict] = {}
        rule_of: dict[str, str | None] = {}
        for name, d in self._compiled.definition(lambda rule_id: rule_id).items():
            d = dict(d)
            run = d.pop("run")
            rule_of[name] = run if isinstance(run, str) else None
            definition[name] = d
        self._load_request = Load(self._name, definition, rule_of, dict(self._ns_of_rule))
        self._reset_memory()
        self._plan_facts = PlanFacts(self._rule_settings)

    def _reset_memory(self) -> None:
        self._facts: dict[Key, Fact] = {}
        self._efacts: dict[Key, dict] = {}
        self._convert.reset()
        self._matches: dict[tuple, None] = {}
        self._by_fact: dict[Key, set] = {}
        self._failures: dict[tuple, Finding] = {}
        self._primed = False
        #: keys whose fact may differ from the previous evaluation (None: unknown, diff them all)
        self._changed: set[Key] | None = None
        #: their facts before the edit, when ``_compute_touched`` updated the facts in place
        self._before: dict[Key, Fact | None] = {}
        #: matches added / dropped since the findings were last rendered
        self._new_matches: list[tuple] = []
        self._dropped: list[tuple] = []
        self._render.ok = False  # its cache may miss current matches: render them all next time

    def _reload(self, ruleset: Ruleset) -> None:
        self._stop_engine()
        self._setup(ruleset)

    def _teardown(self) -> None:
        self._stop_engine()
        self._reset_memory()

    # ------------------------------------------------------------------ matches

    def _merge(self, matches: list, failures: list) -> None:
        """Add the matches (and action failures) one engine call reported."""
        for rule_id, message in failures:
            log.error("rule %s failed in its action: %s", rule_id, message)
            self._failures[(rule_id, "action")] = fmod.failure(rule_id, message)
        for mk in matches:
            try:
                if mk not in self._matches:
                    self._matches[mk] = None
                    self._new_matches.append(mk)
                    for k in mk[1]:
                        self._by_fact.setdefault(k, set()).add(mk)
            except Exception as exc:  # one rule's bookkeeping must not lose the others
                log.exception("rule %s failed recording a match", mk[0])
                self._failures[(mk[0], "action")] = fmod.failure(mk[0], f"{type(exc).__name__}: {exc}")

    # ------------------------------------------------------------------ facts

    def _today_now(self) -> date:
        if callable(self._today):
            return self._today()
        return self._today or clock.today()

    def _compute(self, plan: Plan, touched: set[str] | None) -> dict[Key, Fact]:
        out: dict[Key, Fact] = {}
        for _ in self._compute_stream(plan, touched, out):
            pass
        return out

    def _compute_stream(self, plan: Plan, touched: set[str] | None,
                        out: dict[Key, Fact]) -> Iterator[list[tuple[Key, Fact]]]:
        """Fill ``out`` with the plan's facts, task by task (see :meth:`PlanFacts.stream`)."""
        today = self._today_now()
        self._changed = None
        prev = self._facts.get(BUSINESS_KEY) if touched is not None or self._primed else None
        return self._plan_facts.stream(plan, touched, today, prev, out)

    def _compute_touched(self, plan: Plan, touched: set[str]) -> dict[Key, Fact] | None:
        """The facts after an edit of the ``touched`` tasks, updated in place (see
        :meth:`PlanFacts.touched`). Sets ``self._changed`` to the keys whose fact may differ and
        ``self._before`` to their facts before the edit. None: use :meth:`_compute`."""
        edit = self._plan_facts.touched(plan, touched, self._today_now(), self._facts)
        if edit is None:
            return None
        self._before = edit.before
        self._changed = edit.changed
        return self._facts

    # ------------------------------------------------------------------ bookkeeping

    def _drop_matches(self, key: Key) -> None:
        for mk in self._by_fact.pop(key, ()):
            self._matches.pop(mk, None)
            self._dropped.append(mk)
            for other in mk[1]:
                if other != key:
                    s = self._by_fact.get(other)
                    if s is not None:
                        s.discard(mk)

    # ------------------------------------------------------------------ evaluation

    def _evaluate(self, plan: Plan) -> Findings:
        facts: dict[Key, Fact] = {}
        stream = self._compute_stream(plan, None, facts)
        self._full(facts, stream, 1 + len(plan.tasks) + sum(len(t.candidates) for t in plan.tasks))
        return self._findings(plan)

    def _evaluate_facts(self, facts: dict[Key, Fact]) -> Findings:
        self._plan_facts.tasks.clear()
        self._full(facts)
        self._primed = False  # the next update() starts from a plan again
        return self._findings(Plan())

    def _full(self, facts: dict[Key, Fact], stream: Iterable[list[tuple[Key, Fact]]] | None = None,
              expected: int | None = None) -> None:
        """A fresh engine session with every fact. ``stream`` (optional) yields the facts in
        parts while it fills ``facts`` (``_compute_stream``), so computing them overlaps the
        engine's work; ``expected`` is then their number (for the timeout and the shards)."""
        n = len(facts) if expected is None else expected
        self._reset_memory()
        self._facts = facts
        child = self._engine()
        if child.info.get("abandoned_facts", 0) > RECYCLE_ABANDONED_FACTS:
            log.info("replacing the engine process: abandoned sessions hold %s facts", child.info["abandoned_facts"])
            self._stop_engine()
            child = self._engine()
        # Converted facts go to the engine in parts as they are ready ("stage"), so the engine
        # process asserts one part while this one converts the next (two cores: measured at
        # 10,000 candidates, the conversion no longer adds to the engine's time).
        timeout = self._full_timeout(n)
        shards = max(1, round(n / SHARD_FACTS))
        good: dict[Key, dict] = {}
        batch: list[dict] = []
        staged = False
        for part in ((facts.items(),) if stream is None else stream):
            for key, fact in part:
                try:
                    pairs = self._convert.engine_facts(key, fact)
                except ValueError as exc:
                    self._fact_failed(key, str(exc))
                    continue
                for ek, ef in pairs:
                    good[ek] = ef
                    batch.append(ef)
                if len(batch) >= STAGE_FACTS:
                    try:
                        child.send(Stage(batch, not staged, shards), timeout)
                    except EngineDied as exc:
                        self._crashed(child, exc, f"evaluating {n} facts")
                    staged, batch = True, []
        keys = list(good)
        reply = self._request(Full(batch, staged, shards), timeout, f"evaluating {len(keys)} facts")
        engine_error = reply.engine_error
        for i, error in reply.refused.items():
            key = keys[i]
            log.warning("the engine refused %s: %s", key, error)
            del good[key]
            self._failures[("fact", plan_key(key))] = self._fact_failure(plan_key(key), error)
        if engine_error:
            log.error("%s", engine_error)
            self._failures[(ENGINE_RULE, "engine")] = fmod.failure(ENGINE_RULE, engine_error)
        self._merge(reply.matches, reply.failures)
        self._efacts = good
        self._primed = not engine_error

    def _fact_failure(self, key: Key, error: str) -> Finding:
        rule = ENGINE_RULE
        task = key[1] if key[0] == "task" else self._facts.get(key, {}).get("task")
        cand = key[1] if key[0] == "candidate" else None
        return fmod.failure(rule, f"the {key[0]} {key[1]!r} could not be evaluated: {error}",
                            about=key[0], task=task, candidate=cand, facts=(key,))

    def _fact_failed(self, key: Key, error: str) -> None:
        log.warning("malformed fact %s: %s", key, error)
        self._failures[("fact", key)] = self._fact_failure(key, error)

    def _update(self, plan: Plan, touched: set[str] | None) -> Findings:
        if not self._primed:
            return self._evaluate(plan)
        try:
            return self._update_primed(plan, touched)
        except BaseException:
            # the facts may be half updated in place (``_compute_touched``): never diff
            # against them again; the next call evaluates fully
            self._primed = False
            raise

    def _update_primed(self, plan: Plan, touched: set[str] | None) -> Findings:
        facts = self._compute_touched(plan, touched) if touched is not None else None
        old: Mapping[Key, Fact | None]
        if facts is None:
            facts = self._compute(plan, touched)
            old = self._facts
        else:  # updated in place: the facts the changed keys had before
            old = self._before
        diff = diff_facts(self._convert, facts, old, self._efacts, self._failures, self._changed,
                          self._fact_failure)
        retract, assert_ = diff.retract, diff.assert_
        self._facts = facts
        self._failures = diff.failures
        if diff.changed is not None:
            self._changed = diff.changed
        if not retract and not assert_:
            return self._findings(plan)
        retract_ids = [self._convert.eids[k] for k in retract]
        for k in retract:
            del self._efacts[k]
            self._drop_matches(k)
            if plan_key(k) not in facts:
                self._convert.forget_eid(k)
        changed = list(dict.fromkeys(retract + list(assert_)))
        if BUSINESS_KEY in assert_ or BUSINESS_KEY in retract:  # joined to everything: re-fires all
            timeout = self._full_timeout(len(self._efacts) + len(assert_))
        else:
            timeout = self._timeout_update * max(1.0, len(changed) / UPDATE_TIMEOUT_FACTS)
        reply = self._request(Update(retract_ids, list(assert_.values())), timeout,
                              self._describe(changed, "updating"))
        if isinstance(reply, UpdateRefused):
            log.warning("incremental update refused (%s); evaluating fully", reply.message)
            self._full(facts)
        else:
            self._efacts.update(assert_)
            self._merge(reply.matches, reply.failures)
        return self._findings(plan)

    # ------------------------------------------------------------------ findings

    def _findings(self, plan: Plan) -> Findings:
        """Render the matches (only what changed, after an update that knows its changed keys)."""
        new_matches, self._new_matches = self._new_matches, []
        dropped, self._dropped = self._dropped, []
        changes = None if self._changed is None else \
            MatchChanges(self._changed, new_matches, dropped, self._by_fact, self._plan_facts.task_candidates)
        return self._render.findings(self._matches, self._facts, self._failures, plan.suppressions,
                                     self._today_now(), changes)
