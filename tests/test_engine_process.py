"""The rules engine runs in a child process: a crash or a hang there raises EngineCrashed in the
caller (never kills or freezes it), and the advisor recovers on the next evaluation."""

from __future__ import annotations

import copy
import os
import signal
import threading
import time
from datetime import date

import pytest

from advisor.engine import convert
from advisor.engine import Advisor, EngineCrashed
from advisor.errors import AdvisorError
from advisor.rules.rulepack import load_rules
from advisor.settings import AdvisorSettings

ALL, _ = load_rules()  # every shipped pack: the refused-assert crash needed core + practice
CORE, _ = load_rules(AdvisorSettings(select=("core",)))
TODAY = date(2026, 11, 25)


def keys(found):
    return sorted((f.rule, f.task, f.candidate, f.severity, f.message, f.suppressed) for f in found)


def fresh(plan, ruleset=ALL):
    with Advisor(ruleset, today=TODAY) as a:
        return a.evaluate(copy.deepcopy(plan))


def test_engine_crashed_is_an_advisor_error():
    assert issubclass(EngineCrashed, AdvisorError)


def test_child_killed_mid_session_raises_then_recovers(bakery):
    with Advisor(ALL, today=TODAY) as a:
        a.evaluate(bakery)
        bakery.task("logo").budget = 310.0
        a.update(bakery, touched={"logo"})
        first = a._process
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        bakery.task("logo").budget = 320.0
        with pytest.raises(EngineCrashed) as info:
            a.update(bakery, touched={"logo"})
        assert "signal SIGKILL" in str(info.value)
        # core text names no app keys (the app adds its own reload key); the CLI prints it as is
        assert "ctrl" not in f"{info.value} {info.value.hint}" and "fresh engine" in info.value.hint
        assert not info.value.timed_out
        # the next evaluation starts a fresh engine and evaluates fully
        again = a.evaluate(bakery)
        assert a._process is not first and a._process.poll() is None
        assert keys(again) == keys(fresh(bakery))
        bakery.task("logo").budget = 330.0
        assert keys(a.update(bakery, touched={"logo"})) == keys(fresh(bakery))


def test_crash_during_an_update_then_update_evaluates_fully(bakery, monkeypatch):
    monkeypatch.setenv("ADVISOR_ENGINE_TEST_CRASH", "update")
    with Advisor(CORE, today=TODAY) as a:
        a.evaluate(bakery)
        bakery.task("logo").candidates[1].status = "rejected"
        with pytest.raises(EngineCrashed) as info:
            a.update(bakery)
        assert "signal SIGSEGV" in str(info.value) and "while updating" in str(info.value)
        monkeypatch.delenv("ADVISOR_ENGINE_TEST_CRASH")
        assert keys(a.update(bakery)) == keys(fresh(bakery, CORE))


def test_segfault_during_full_evaluation(bakery, monkeypatch):
    monkeypatch.setenv("ADVISOR_ENGINE_TEST_CRASH", "full")
    with Advisor(CORE, today=TODAY) as a:
        with pytest.raises(EngineCrashed, match=r"stopped \(signal SIGSEGV\) while evaluating \d+ facts"):
            a.evaluate(bakery)
        assert a._process.poll() is not None
        monkeypatch.delenv("ADVISOR_ENGINE_TEST_CRASH")
        assert keys(a.evaluate(bakery)) == keys(fresh(bakery, CORE))


def test_hanging_update_times_out_and_the_caller_is_not_frozen(bakery, monkeypatch):
    monkeypatch.setenv("ADVISOR_ENGINE_TEST_HANG", "update")
    settings = AdvisorSettings(engine_update_timeout=1.0)
    with Advisor(CORE, settings, today=TODAY) as a:
        a.evaluate(bakery)  # a full evaluation does not hang
        hung = a._process
        bakery.task("logo").budget = 310.0
        result: list = []

        def work():
            try:
                a.update(bakery, touched={"logo"})
            except EngineCrashed as exc:
                result.append(exc)

        start = time.monotonic()
        t = threading.Thread(target=work)
        t.start()
        ticks = 0
        while t.is_alive() and time.monotonic() - start < 20:
            ticks += 1  # the caller's process keeps running while the engine hangs
            time.sleep(0.01)
        elapsed = time.monotonic() - start
        t.join(1)
        assert result and result[0].timed_out, result
        assert "no answer within 1 s" in str(result[0]) and "while updating" in str(result[0])
        assert elapsed < 5 and ticks > 10
        assert hung.poll() is not None, "the hung engine was killed"
        monkeypatch.delenv("ADVISOR_ENGINE_TEST_HANG")
        assert keys(a.evaluate(bakery)) == keys(fresh(bakery, CORE))


def test_hanging_full_evaluation_times_out(bakery, monkeypatch):
    monkeypatch.setenv("ADVISOR_ENGINE_TEST_HANG", "full")
    with Advisor(CORE, AdvisorSettings(engine_timeout=1.0), today=TODAY) as a:
        start = time.monotonic()
        with pytest.raises(EngineCrashed, match="no answer within 1 s"):
            a.evaluate(bakery)
        assert time.monotonic() - start < 5
        assert a._process.poll() is not None


def test_close_while_another_thread_waits_on_a_hung_engine(bakery, monkeypatch):
    monkeypatch.setenv("ADVISOR_ENGINE_TEST_HANG", "full")
    a = Advisor(CORE, AdvisorSettings(engine_timeout=60.0), today=TODAY)
    result: list = []
    t = threading.Thread(target=lambda: result.append(pytest.raises(EngineCrashed, a.evaluate, bakery)))
    t.start()
    deadline = time.monotonic() + 20
    while a._process is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    start = time.monotonic()
    a.close()  # kills the hung engine rather than waiting 60 s
    t.join(10)
    assert time.monotonic() - start < 5 and result
    assert a._process.poll() is not None


def test_refused_assert_with_all_packs_never_crashes(bakery, monkeypatch):
    """durable-rules aborted the process (munmap_chunk(): invalid pointer) when delete_state was
    called on a session whose assert it had refused, with core + practice loaded."""
    real = convert.EngineFacts.eid

    def eid(self, key):  # a duplicate engine id: the engine refuses the second fact
        return real(self, ("task", "site")) if key == ("task", "menu-copy") else real(self, key)

    monkeypatch.setattr(convert.EngineFacts, "eid", eid)
    with Advisor(ALL, today=TODAY) as same:
        for _ in range(20):
            with Advisor(ALL, today=TODAY) as a:
                found = a.evaluate(bakery)
                assert [f.task for f in found.failures()] == ["menu-copy"]
                assert ("start-small", "site", None) in found.keys()
            found = same.evaluate(bakery)  # sessions accumulate in one engine process
            assert [f.task for f in found.failures()] == ["menu-copy"]
        stats = same._engine_stats()
        assert stats["abandoned_sessions"] >= 20 and stats["rulesets"] == 1


def test_close_leaves_no_engine_process(bakery):
    a = Advisor(CORE, today=TODAY)
    assert a._process is None  # nothing started until the first evaluation
    a.evaluate(bakery)
    proc = a._process
    assert proc.poll() is None
    a.close()
    assert proc.poll() is not None
    a.close()


def test_reload_replaces_the_engine_process(bakery):
    with Advisor(CORE, today=TODAY) as a:
        a.evaluate(bakery)
        old = a._process
        a.reload(ALL)
        assert old.poll() is not None
        assert keys(a.update(bakery)) == keys(fresh(bakery))


def test_engine_host_import_has_no_side_effects():
    import subprocess
    import sys

    code = "import sys; import advisor.engine.host; print('ok'); print(sorted(sys.modules).count('durable'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["ok", "0"], out.stderr


def test_the_engine_process_starts_on_a_small_set_of_imports(bakery):
    """The engine process is started for every ``check`` and app start: it registers the rules
    with durable-rules' C core and asserts a plan's facts without importing durable-rules' Python
    layer (``durable.engine``: logging, random, datetime, inspect) or ``dataclasses`` and
    ``typing`` (~40 ms of CPU at each start, measured). Counted as the modules it holds after
    the same requests the advisor sends."""
    import pickle
    import subprocess
    import sys

    from advisor.engine import process
    from advisor.engine.protocol import Full

    with Advisor(ALL, today=TODAY) as a:
        load = a._load_request
        efacts = [ef for k, f in a._compute(bakery, None).items() for _, ef in a._convert.engine_facts(k, f)]
    code = (f"import sys; sys.path.insert(0, {process._ROOT!r}); import pickle; "
            "from advisor.engine.host import EngineHost; h = EngineHost(); "
            "loaded, evaluated = [h.handle(r) for r in pickle.loads(sys.stdin.buffer.read())]; "
            "print(type(loaded).__name__, len(evaluated.matches), sorted(m for m in ('durable.engine', "
            "'dataclasses', 'typing', 'inspect', 'logging', 'traceback') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-I", "-c", code], input=pickle.dumps([load, Full(efacts)]),
                         capture_output=True, timeout=60)
    name, matches, modules = out.stdout.decode().split(None, 2)
    assert name == "Loaded" and int(matches) > 0, out.stderr.decode()
    assert modules.strip() == "[]"


def test_the_engine_pipes_work_without_select_poll(bakery, monkeypatch):
    """Windows has no ``select.poll``: the pipes then go through ``select.select`` (a
    SelectSelector), and a full evaluation and an update give the same advice."""
    import select
    import selectors

    from advisor.engine import process

    want = fresh(bakery)
    used = []
    real = process.pipe_selector

    def spy():
        sel = real()
        used.append(type(sel))
        return sel

    monkeypatch.delattr(select, "poll")
    monkeypatch.setattr(process, "pipe_selector", spy)
    plan = copy.deepcopy(bakery)
    with Advisor(ALL, today=TODAY) as a:
        assert keys(a.evaluate(plan)) == keys(want)
        plan.tasks[0].budget = 1.0
        got = a.update(plan, touched={plan.tasks[0].id})
    assert keys(got) == keys(fresh(plan))
    assert used and set(used) == {selectors.SelectSelector}
