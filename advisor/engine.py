"""The advisor: compiled rules in a durable-rules host, full and incremental evaluation.

Design (measured; see ``docs/rules.md``, "The engine"):

- One :class:`durable.engine.Host` subclass whose ``_run`` does nothing, so no timer threads are
  started and every action runs inside the ``assert``/``retract`` call that triggered it.
- One owner thread: every engine call runs on the advisor's own single worker thread
  (``ThreadPoolExecutor(max_workers=1)``); public methods may be called from any thread, one at
  a time, and block until the work is done. The C core has no locks.
- Facts carry explicit ids (``t:logo``); the engine's identity is a 32-bit FNV-1a hash of the id,
  so collisions are detected before asserting and resolved with a suffix. Joins use ``key`` and
  ``task``, never ``id``/``sid``. Numbers are floats with no exponent; dates are ISO text.
- A catch-all rule per fact type (large ``cap``) keeps unmatched facts from failing a batch; all
  rules use ``cap`` so an action receives a list of matches.
- Findings are kept keyed by the facts of the match that produced them. ``update`` diffs the new
  facts against the asserted ones, retracts the changed/removed ones (dropping every finding
  that involved them) and asserts the changed/new ones: the Rete network fires again for every
  match they take part in (a task fact joined to 100 candidates fires 100 matches).
- Every assert/retract result is checked for an action exception (durable-rules swallows them);
  an engine error falls back to asserting fact by fact, so one malformed fact or one failing rule
  becomes a failure finding and the rest of the advice is kept.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any, Callable, Iterable, Mapping

from durable.engine import Host

from . import findings as fmod
from .compiler import ALIAS, KEY_FIELD, ZERO_FIELD, Compiled, compile_rules, engine_field
from .errors import RuleError
from .facts import BUSINESS_KEY, Fact, Key, business_fact, check_fact, context, task_facts, task_signature
from .findings import Finding, Findings
from .model import Plan, Task
from .rulepack import Rule, Ruleset, render
from .settings import DEFAULT_RULE_SETTINGS, AdvisorSettings

log = logging.getLogger("advisor.engine")

ENGINE_RULE = "advisor-engine"
_NS_PREFIX = {"business": "b", "task": "t", "candidate": "c"}


class _Host(Host):
    """A host whose actions run inside the call: no background dispatch threads."""

    def _run(self) -> None:  # noqa: D401
        pass


class EngineFailure(Exception):
    pass


def fnv1a32(text: str) -> int:
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def _task_repr(t: Task) -> tuple:
    """A cheap, comparable snapshot of everything a task's facts are computed from."""
    return (t.id, t.title, t.description, t.size, t.critical, tuple(t.skills), t.pricing, t.budget, t.hours,
            t.status, tuple(t.marketplaces), t.deadline, t.acceptance,
            tuple((c.id, c.name, c.task, c.marketplace, c.hourly, c.bid, c.rating, c.reviews, c.jobs,
                   c.job_success, c.country, c.utc_offset, c.status, c.reject_reason, c.notes,
                   None if c.interview is None else
                   (c.interview.date, tuple(sorted(c.interview.scores.items())), c.interview.notes))
                  for c in t.candidates))


def _engine_number(value: float | int) -> float:
    """A number the engine can read: a float whose JSON has no exponent. Measured: a number
    written with an exponent (1e20, 5e-05) crashes durable-rules 2.0.28 (segfault), not just an
    error; infinities and NaN are not JSON at all."""
    x = float(value)
    if x != x or abs(x) >= 1e15:
        raise ValueError(f"number {value!r} is out of range")
    text = repr(x)
    if "e" in text or "E" in text:
        x = round(x, 4) + 0.0
    return x


class Advisor:
    """Owns one durable-rules host on its own thread. See the module docstring."""

    def __init__(self, ruleset: Ruleset, settings: AdvisorSettings | None = None,
                 today: date | Callable[[], date] | None = None) -> None:
        self._settings = settings or AdvisorSettings()
        self._today = today
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="advisor-engine")
        self._thread: threading.Thread | None = None
        self._closed = False
        self._generation = 0
        self._host: _Host | None = None
        self._name = ""
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
        """Replace the rules: frees every session and the old ruleset first. Call ``evaluate``
        (or ``update``, which then evaluates fully) afterwards."""
        self._call(self._reload, ruleset)

    def close(self) -> None:
        if self._closed:
            return
        try:
            self._call(self._teardown)
        finally:
            self._closed = True
            self._pool.shutdown(wait=True)

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

    def facts(self) -> dict[Key, Fact]:
        """The facts of the last evaluation (a copy; for tests and the reference evaluator)."""
        return self._call(lambda: {k: dict(v) for k, v in self._facts.items()})

    # ------------------------------------------------------------------ threading

    def _call(self, fn: Callable, *args: Any) -> Any:
        if self._closed:
            raise RuntimeError("the advisor is closed")
        if threading.current_thread() is self._thread:
            return fn(*args)
        return self._pool.submit(self._on_thread, fn, *args).result()

    def _on_thread(self, fn: Callable, *args: Any) -> Any:
        self._thread = threading.current_thread()
        return fn(*args)

    # ------------------------------------------------------------------ set-up (engine thread)

    def _setup(self, ruleset: Ruleset) -> None:
        self._ruleset = ruleset
        self._rule_settings = dict(DEFAULT_RULE_SETTINGS)
        self._rule_settings.update(self._settings.settings or {})
        self._rule_settings.update(ruleset.settings or {})
        self._rules: dict[str, Rule] = {r.id: r for r in ruleset}
        self._compiled: Compiled = compile_rules(ruleset)
        for p in self._compiled.problems:
            log.warning("rule left out: %s", p)
        self._fields = self._compiled.fields()
        self._ns_of_rule = {cr.rule_id: cr.namespaces for cr in self._compiled.rules}
        self._generation += 1
        self._name = f"advice{self._generation}"
        self._host = _Host()
        self._host.register_rulesets({self._name: self._compiled.definition(self._action_for)})
        self._sid = "1"
        self._has_state = False
        self._reset_memory()
        self._task_cache: dict[str, tuple] = {}
        self._render_cache: dict[tuple, tuple] = {}
        self._last_today: date | None = None
        self._last_ctx: Any = None

    def _reset_memory(self) -> None:
        self._facts: dict[Key, Fact] = {}
        self._efacts: dict[Key, dict] = {}
        self._eids: dict[Key, str] = {}
        self._hashes: dict[int, Key] = {}
        self._matches: dict[tuple, None] = {}
        self._by_fact: dict[Key, set] = {}
        self._failures: dict[tuple, Finding] = {}
        self._primed = False
        #: keys whose fact may differ from the previous evaluation (None: unknown, diff them all)
        self._changed: set[Key] | None = None
        #: matches added / dropped since the findings were last rendered
        self._new_matches: list[tuple] = []
        self._dropped: list[tuple] = []
        #: the render cache holds every current match (the last full rendering had no failure)
        self._render_ok = False

    def _free(self) -> None:
        """Delete every session state, then the ruleset (the shared notes, pitfall 9)."""
        if self._host is None:
            return
        rs = self._host._ruleset_directory.get(self._name)
        if rs is not None:
            if self._has_state:
                try:
                    rs.delete_state(self._sid)
                except Exception as exc:  # an unknown sid raises
                    log.debug("delete_state: %s", exc)
            self._has_state = False
            try:
                import durable_rules_engine

                durable_rules_engine.delete_ruleset(rs._handle)
            except Exception as exc:
                log.warning("delete_ruleset: %s", exc)
            self._host._ruleset_directory.pop(self._name, None)
            if rs in self._host._ruleset_list:
                self._host._ruleset_list.remove(rs)

    def _reload(self, ruleset: Ruleset) -> None:
        self._free()
        self._setup(ruleset)

    def _teardown(self) -> None:
        self._free()
        self._host = None
        self._reset_memory()

    # ------------------------------------------------------------------ actions (engine thread)

    def _action_for(self, rule_id: str) -> Callable:
        aliases = [ALIAS[ns] for ns in self._ns_of_rule.get(rule_id, ())]

        def run(c: Any) -> None:
            try:
                for m in c.m:
                    d = m._d
                    keys = tuple((d[a]["_t"], d[a][KEY_FIELD]) for a in aliases)
                    mk = (rule_id, keys)
                    if mk not in self._matches:
                        self._matches[mk] = None
                        self._new_matches.append(mk)
                        for k in keys:
                            self._by_fact.setdefault(k, set()).add(mk)
            except BaseException as exc:  # an action must never raise into the engine
                log.exception("rule %s failed in its action", rule_id)
                self._failures[(rule_id, "action")] = fmod.failure(rule_id, f"{type(exc).__name__}: {exc}")

        return run

    # ------------------------------------------------------------------ facts

    def _today_now(self) -> date:
        if callable(self._today):
            return self._today()
        return self._today or date.today()

    def _compute(self, plan: Plan, touched: set[str] | None) -> dict[Key, Fact]:
        today = self._today_now()
        ctx = context(plan, self._rule_settings, today)
        if today != self._last_today:
            self._task_cache.clear()
            self._last_today = today
        self._last_ctx = ctx
        self._changed = None
        bf = business_fact(plan)
        prev = self._facts.get(BUSINESS_KEY) if touched is not None or self._primed else None
        out: dict[Key, Fact] = {BUSINESS_KEY: prev if prev is not None and prev == bf else bf}
        seen: set[str] = set()
        for task in plan.tasks:
            seen.add(task.id)
            cached = self._task_cache.get(task.id)
            sig = task_signature(task, ctx)
            if cached is not None and touched is not None and task.id not in touched and cached[1] == sig:
                snap, tf, cfs = cached[0], cached[2], cached[3]
            else:
                snap = _task_repr(task)
                if cached is not None and cached[0] == snap and cached[1] == sig:
                    tf, cfs = cached[2], cached[3]
                else:
                    tf, cfs = task_facts(task, ctx)
                self._task_cache[task.id] = (snap, sig, tf, cfs)
            out[("task", task.id)] = tf
            for cf in cfs:
                out[("candidate", cf["id"])] = cf
        for tid in [t for t in self._task_cache if t not in seen]:
            del self._task_cache[tid]
        return out

    def _compute_touched(self, plan: Plan, touched: set[str]) -> dict[Key, Fact] | None:
        """The facts after an edit of the ``touched`` tasks, in time proportional to the edit
        (not to the plan): the previous facts are copied (a C-level dict copy) and only the
        touched tasks, tasks whose context (rates, fees) changed, and removed tasks are redone.
        Sets ``self._changed`` to the keys whose fact may differ. None: use :meth:`_compute`."""
        today = self._today_now()
        if today != self._last_today or self._last_ctx is None:
            return None
        ctx = context(plan, self._rule_settings, today)
        ctx_same = ctx == self._last_ctx
        self._last_ctx = ctx
        out = dict(self._facts)
        changed: set[Key] = set()
        bf = business_fact(plan)
        if out.get(BUSINESS_KEY) != bf:
            out[BUSINESS_KEY] = bf
            changed.add(BUSINESS_KEY)
        cache = self._task_cache
        gone: list[Key] = []
        added: list[tuple[Key, Fact]] = []
        seen: set[str] = set()
        for task in plan.tasks:
            tid = task.id
            seen.add(tid)
            cached = cache.get(tid)
            if cached is not None and ctx_same and tid not in touched:
                continue
            sig = task_signature(task, ctx)
            if cached is not None and tid not in touched and cached[1] == sig:
                continue
            snap = _task_repr(task)
            if cached is not None and cached[0] == snap and cached[1] == sig:
                continue
            tf, cfs = task_facts(task, ctx)
            if cached is not None:
                if cached[2] == tf:
                    tf = cached[2]
                olds = {cf["id"]: cf for cf in cached[3]}
                cfs = [o if (o := olds.get(cf["id"])) is not None and o == cf else cf for cf in cfs]
                gone.append(("task", tid))
                gone.extend(("candidate", cf["id"]) for cf in cached[3])
            cache[tid] = (snap, sig, tf, cfs)
            added.append((("task", tid), tf))
            added.extend((("candidate", cf["id"]), cf) for cf in cfs)
        if len(seen) != len(cache):
            for tid in [t for t in cache if t not in seen]:
                entry = cache.pop(tid)
                gone.append(("task", tid))
                gone.extend(("candidate", cf["id"]) for cf in entry[3])
        for key in gone:
            out.pop(key, None)
            changed.add(key)
        for key, fact in added:
            out[key] = fact
            changed.add(key)
        self._changed = changed
        return out

    def _engine_fact(self, key: Key, fact: Fact) -> dict:
        ns = key[0]
        wanted = self._fields[ns]
        e: dict[str, Any] = {"_t": ns, KEY_FIELD: fact["id"], ZERO_FIELD: 0.0}
        if ns == "candidate":
            e["task"] = fact.get("task", "")
        for name, value in fact.items():
            en = engine_field(name)
            if en not in wanted or en in e:
                continue
            if isinstance(value, bool) or isinstance(value, str):
                e[en] = value
            elif isinstance(value, (int, float)):
                e[en] = _engine_number(value)
        e["id"] = self._eid(key)
        e["sid"] = self._sid
        return e

    def _eid(self, key: Key) -> str:
        eid = self._eids.get(key)
        if eid is not None:
            return eid
        base = f"{_NS_PREFIX[key[0]]}:{key[1]}"
        eid, n = base, 0
        while True:
            h = fnv1a32(eid)
            if h not in self._hashes:
                break
            n += 1
            eid = f"{base}~{n}"
        self._hashes[h] = key
        self._eids[key] = eid
        return eid

    def _forget_eid(self, key: Key) -> None:
        eid = self._eids.pop(key, None)
        if eid is not None:
            self._hashes.pop(fnv1a32(eid), None)

    # ------------------------------------------------------------------ engine calls

    def _check(self, result: Any, what: str) -> None:
        if isinstance(result, dict) and result.get("exception"):
            raise EngineFailure(f"{what}: {result['exception']}")

    def _assert(self, efacts: list[dict]) -> None:
        if not efacts:
            return
        self._has_state = True
        for i in range(0, len(efacts), 5000):
            chunk = efacts[i:i + 5000]
            self._check(self._host.assert_facts(self._name, chunk), "assert")

    def _retract(self, efacts: list[dict]) -> None:
        if not efacts:
            return
        self._check(self._host.retract_facts(self._name, efacts), "retract")

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
        facts = self._compute(plan, None)
        self._full(facts)
        return self._findings(plan)

    def _evaluate_facts(self, facts: dict[Key, Fact]) -> Findings:
        self._task_cache.clear()
        self._full(facts)
        self._primed = False  # the next update() starts from a plan again
        return self._findings(Plan())

    def _full(self, facts: dict[Key, Fact]) -> None:
        if self._has_state:
            try:
                self._host.delete_state(self._name, self._sid)
            except Exception as exc:
                log.debug("delete_state: %s", exc)
            self._has_state = False
        self._reset_memory()
        self._facts = facts
        good: dict[Key, dict] = {}
        for key, fact in facts.items():
            try:
                check_fact(fact)
                good[key] = self._engine_fact(key, fact)
            except ValueError as exc:
                self._fact_failed(key, str(exc))
        try:
            self._assert(list(good.values()))
        except Exception as exc:
            log.warning("batch assert failed (%s); asserting fact by fact", exc)
            good = self._isolate(good)
        self._efacts = good
        self._primed = True

    def _isolate(self, good: dict[Key, dict]) -> dict[Key, dict]:
        """Find the facts the engine cannot take, then assert the rest cleanly."""
        failures = dict(self._failures)
        self._restart_session()
        kept: dict[Key, dict] = {}
        for key, ef in good.items():
            try:
                self._assert([ef])
                kept[key] = ef
            except Exception as exc:
                failures[("fact", key)] = self._fact_failure(key, str(exc))
                self._restart_session(keep=list(kept.values()))
        self._restart_session()
        self._failures.update(failures)
        try:
            self._assert(list(kept.values()))
        except Exception as exc:  # should not happen: every fact went in on its own
            log.error("engine failed after isolating bad facts: %s", exc)
            self._failures[(ENGINE_RULE, "engine")] = fmod.failure(ENGINE_RULE, str(exc))
        return kept

    def _restart_session(self, keep: list[dict] | None = None) -> None:
        if self._has_state:
            try:
                self._host.delete_state(self._name, self._sid)
            except Exception:
                pass
            self._has_state = False
        self._matches.clear()
        self._by_fact.clear()
        self._render_ok = False
        self._failures = {k: v for k, v in self._failures.items() if k[0] == "fact"}
        if keep:
            self._assert(keep)

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
        facts = self._compute_touched(plan, touched) if touched is not None else None
        if facts is None:
            facts = self._compute(plan, touched)
        old = self._facts
        retract: list[Key] = []
        assert_: dict[Key, dict] = {}
        changed = self._changed
        if changed is not None:  # only these keys can differ: diff them alone
            new_failures = {k: v for k, v in self._failures.items() if not (k[0] == "fact" and k[1] in changed)}
            items: Iterable[tuple[Key, Fact]] = [(k, facts[k]) for k in changed if k in facts]
            removed = [k for k in changed if k not in facts]
        else:
            new_failures = {k: v for k, v in self._failures.items() if k[0] != "fact"}
            items = facts.items()
            removed = [k for k in old if k not in facts]
        for key, fact in items:
            prev = old.get(key)
            if prev is fact:
                if ("fact", key) in self._failures:
                    new_failures[("fact", key)] = self._failures[("fact", key)]
                continue
            try:
                check_fact(fact)
                ef = self._engine_fact(key, fact)
            except ValueError as exc:
                if key in self._efacts:
                    retract.append(key)
                new_failures[("fact", key)] = self._fact_failure(key, str(exc))
                continue
            pe = self._efacts.get(key)
            if pe is not None and pe == ef:
                continue
            if pe is not None:
                retract.append(key)
            assert_[key] = ef
        for key in removed:
            if key in self._efacts:
                retract.append(key)
        self._facts = facts
        self._failures = new_failures
        try:
            if retract:
                efs = [self._efacts.pop(k) for k in retract]
                for k in retract:
                    self._drop_matches(k)
                self._retract(efs)
                for k in retract:
                    if k not in facts:
                        self._forget_eid(k)
            if assert_:
                self._assert(list(assert_.values()))
                self._efacts.update(assert_)
        except Exception as exc:
            log.warning("incremental update failed (%s); evaluating fully", exc)
            self._full(facts)
        return self._findings(plan)

    # ------------------------------------------------------------------ findings

    def _render_match(self, mk: tuple, facts: Mapping[Key, Fact], business: Fact | None) -> tuple | None:
        """(env signature, Finding) of one match, reusing the last rendering when every fact it
        was rendered from is the same object. None: the rule is gone. Raises if rendering fails."""
        rule_id, keys = mk
        rule = self._rules.get(rule_id)
        if rule is None:
            return None
        about = rule.about
        env: dict[str, Fact] = {}
        if business is not None:
            env["business"] = business
        task_id = cand_id = None
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
        sig = tuple(env.get(ns) for ns in ("business", "task", "candidate"))
        hit = self._render_cache.get(mk)
        if hit is not None and len(hit[0]) == 3 and all(a is b for a, b in zip(hit[0], sig)) \
                and hit[1].severity == rule.severity:
            return hit
        try:
            finding = Finding(
                rule=rule.id, severity=rule.severity, about=about, task=task_id, candidate=cand_id,
                title=rule.title, message=render(rule.message, env, self._rule_settings),
                why=render(rule.why, env, self._rule_settings),
                fix=render(rule.fix, env, self._rule_settings), facts=keys)
        except Exception as exc:
            raise _RenderFailed(rule_id, about, task_id, cand_id, keys, exc) from exc
        return (sig, finding)

    def _findings(self, plan: Plan) -> Findings:
        new_matches, self._new_matches = self._new_matches, []
        dropped, self._dropped = self._dropped, []
        changed = self._changed
        if changed is not None and self._render_ok and BUSINESS_KEY not in changed:
            try:
                out = self._findings_dirty(changed, new_matches, dropped)
            except _RenderFailed:
                out = None
            if out is not None:
                out.extend(self._failures.values())
                return fmod.build(out, plan.suppressions, self._today_now())
        out: list[Finding] = []
        cache: dict[tuple, tuple] = {}
        facts = self._facts
        business = facts.get(BUSINESS_KEY)
        failed_rules: set[str] = set()
        for mk in self._matches:
            try:
                hit = self._render_match(mk, facts, business)
            except _RenderFailed as failed:
                rule_id, about, task_id, cand_id, keys, exc = failed.args
                log.error("rule %s failed rendering its message", rule_id, exc_info=exc)
                if rule_id not in failed_rules:
                    failed_rules.add(rule_id)
                    out.append(fmod.failure(rule_id, f"{type(exc).__name__}: {exc}", about=about,
                                            task=task_id, candidate=cand_id, facts=keys))
                continue
            if hit is None:
                continue
            cache[mk] = hit
            out.append(hit[1])
        self._render_cache = cache
        self._render_ok = not failed_rules
        out.extend(self._failures.values())
        return fmod.build(out, plan.suppressions, self._today_now())

    def _findings_dirty(self, changed: set[Key], new_matches: list[tuple], dropped: list[tuple]) -> list[Finding]:
        """Re-render only the matches an edit can have changed: new ones, those that involve a
        changed fact, and candidate findings whose task fact changed (their text may name it).
        Every other finding is the object rendered last time. Proportional to the edit."""
        cache = self._render_cache
        for mk in dropped:
            cache.pop(mk, None)
        dirty: set[tuple] = set(new_matches)
        by_fact = self._by_fact
        for key in changed:
            dirty.update(by_fact.get(key, ()))
            if key[0] == "task":
                entry = self._task_cache.get(key[1])
                for cf in (entry[3] if entry is not None else ()):
                    dirty.update(by_fact.get(("candidate", cf["id"]), ()))
        facts = self._facts
        business = facts.get(BUSINESS_KEY)
        matches = self._matches
        for mk in dirty:
            if mk not in matches:
                cache.pop(mk, None)
                continue
            hit = self._render_match(mk, facts, business)
            if hit is None:
                cache.pop(mk, None)
            else:
                cache[mk] = hit
        return [hit[1] for hit in cache.values()]


class _RenderFailed(Exception):
    """A rule's message could not be rendered (args: rule, about, task, candidate, keys, error)."""
