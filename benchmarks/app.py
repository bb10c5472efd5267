"""Measurements of the real app.

- Time to interactive and peak RSS (the app plus its engine child process, sampled from /proc
  every 50 ms, or the largest single process if that is more): the installed ``outsource --db X`` runs in a child process on
  a pseudo-terminal (120x40); the harness reads what the app draws and notes when the first frame
  that holds task data arrives (the first task's title), and when the advice is on screen (the
  title bar says ``advice`` instead of ``evaluating…``). Then it quits the app with ctrl+q and
  reads the child's peak RSS from ``wait4`` (``ru_maxrss``). Process start is the moment before
  ``fork``: it includes the interpreter start and every import.
- Keystroke to updated advice: a Textual Pilot runs the app in-process on the same workspace,
  selects the task with the most candidates, focuses the candidates table and presses ``s``
  (shortlist / back to applied) on a candidate; the time runs from the key press until the
  frame after the advice pane was given the new findings.
- User guide: F1, Enter on the rules topic (→ the frame showing its contents), Enter on its
  heaviest section (→ its first page), then ``n`` through every page of that section; wall time
  and this process's CPU time (what a quiet machine would take), and the widgets each page mounts.
"""

from __future__ import annotations

import asyncio
import os
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_ANSI = re.compile(rb"\x1b\[[0-9;?<>=!]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


@dataclass
class StartResult:
    interactive: float      # process start -> first frame with task data
    advice: float           # process start -> advice on screen
    peak_rss_mb: float
    cpu: float = 0.0        # CPU of the app and its engine child (reaped), start to quit (ctrl+q)


def outsource_exe() -> str:
    exe = Path(sys.executable).parent / "outsource"
    if exe.exists():
        return str(exe)
    found = shutil.which("outsource")
    if not found:
        raise RuntimeError("the outsource command is not installed (make install)")
    return found


def _env(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OUTSOURCE_", "TMUX", "TEXTUAL"))}
    env.update(HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
               XDG_CACHE_HOME=f"{home}/cache", TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               COLUMNS="120", LINES="40")
    env.pop("NO_COLOR", None)
    return env


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (the engine runs in a child of the
    app), from /proc; 0 where /proc is not readable."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def start_once(db: Path, first_title: str, timeout: float = 120.0, cache: str | None = None) -> StartResult:
    """One start of the app. ``cache``: the user cache dir to use (kept between starts, as a
    user's is: it holds the compiled rule packs); None: a fresh, empty one."""
    import fcntl
    import pty
    import termios

    exe = outsource_exe()
    home = tempfile.mkdtemp(prefix="oa-bench-home-")
    env = _env(home)
    if cache is not None:
        env["XDG_CACHE_HOME"] = cache
    needle = first_title.encode()
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the app
        try:
            os.execve(exe, [exe, "--db", str(db), "--no-mouse"], env)
        finally:
            os._exit(127)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        text = b""
        interactive = advice = None
        quit_sent = None
        deadline = t0 + timeout
        peak_tree = 0
        last_sample = 0.0
        while True:
            now = time.perf_counter()
            if quit_sent is None and now - last_sample > 0.05:  # sampled: ru_maxrss misses the engine child
                peak_tree = max(peak_tree, _tree_rss_kb(pid))
                last_sample = now
            if now > deadline:
                raise RuntimeError(f"the app did not show its data within {timeout:.0f} s")
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                if quit_sent is not None and now - quit_sent > 10:
                    raise RuntimeError("the app did not quit on ctrl+q")
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break  # the child closed the terminal
            if not chunk:
                break
            now = time.perf_counter()
            if advice is None:
                # Look only at the recent output (plus an overlap) so a long session stays cheap.
                tail = _ANSI.sub(b"", text[-4096:] + chunk)
                text += chunk
                if interactive is None and needle in tail:
                    interactive = now - t0
                if interactive is not None and b" advice " in tail:
                    advice = now - t0
                    peak_tree = max(peak_tree, _tree_rss_kb(pid))
                    os.write(fd, b"\x11")  # ctrl+q
                    quit_sent = now
            if len(text) > 1 << 20:
                text = text[-8192:]
        _, status, usage = os.wait4(pid, 0)
        pid = 0
        if interactive is None or advice is None:
            raise RuntimeError(f"the app exited (status {status}) before showing its data and advice")
        # ru_maxrss is the largest single process (the app, or its engine child once reaped);
        # the sampled sum covers both while they run side by side.
        return StartResult(interactive, advice, max(usage.ru_maxrss, peak_tree) / 1024.0,
                           usage.ru_utime + usage.ru_stime)
    finally:
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
        os.close(fd)
        shutil.rmtree(home, ignore_errors=True)


def measure_start(db: Path, first_title: str, runs: int) -> StartResult:
    """The median of ``runs`` starts after one that fills the user cache (a user's every start
    but the first after an install or a rule-pack change finds the compiled packs there)."""
    with tempfile.TemporaryDirectory(prefix="oa-bench-cache-") as cache:
        start_once(db, first_title, cache=cache)
        results = [start_once(db, first_title, cache=cache) for _ in range(runs)]
    return StartResult(statistics.median(r.interactive for r in results),
                       statistics.median(r.advice for r in results),
                       statistics.median(r.peak_rss_mb for r in results),
                       statistics.median(r.cpu for r in results))


# --------------------------------------------------------------------------- keystroke

@dataclass
class KeyResult:
    presses: int
    median: float
    p95: float
    task_candidates: int


def _bench_app(db: Path):
    """The app over ``db`` with the shipped rules only, no cursor blink, no workspace watching."""
    from dataclasses import replace

    from advisor.settings import Settings
    from tui.app import OutsourceApp

    settings = Settings(db=db)
    settings = replace(settings, advisor=replace(settings.advisor, rule_dirs=()))
    return OutsourceApp(settings, blink=False, watch_seconds=0)


async def _until(cond, what: str, timeout: float = 300.0) -> None:
    """Poll ``cond`` every half millisecond (a frame's time is what is measured)."""
    end = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > end:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.0005)


async def _keystrokes(db: Path, presses: int) -> KeyResult:

    from tui.widgets.panes import CandidateTable, TaskList

    app = _bench_app(db)
    shown: list[float] = []

    until = _until

    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.findings is not None, "the first advice")
        # the screens get the first advice as a message (AdviceChanged): let it land before
        # selecting a task, or its redraw would select the first task again
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        plan = app.ctl.plan
        big = max(range(len(plan.tasks)), key=lambda i: len(plan.tasks[i].candidates))
        n_cands = len(plan.tasks[big].candidates)
        screen.query_one(TaskList).highlighted = big
        await pilot.pause()
        await until(lambda: screen.task_id == plan.tasks[big].id, "the task to be selected")
        table = screen.query_one(CandidateTable)
        table.focus()
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        original = screen.advice_changed

        def advice_changed() -> None:  # the app calls this when new findings arrive
            original()
            app.call_after_refresh(lambda: shown.append(time.perf_counter()))

        screen.advice_changed = advice_changed
        times = []
        for i in range(presses):
            table.move_cursor(row=i % max(1, min(table.row_count, 10)))
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            before = len(shown)
            start = time.perf_counter()
            await pilot.press("s")
            await until(lambda: len(shown) > before, "the advice after a shortlist")
            times.append(shown[-1] - start)
        await pilot.app.workers.wait_for_complete()
    times.sort()
    return KeyResult(presses, statistics.median(times), _p95(times), n_cands)


def _on_a_copy(db: Path, run):
    """``run(copy)`` (a coroutine function) on a throw-away copy of the workspace: the app opens
    it read-write, and the keystroke bench changes it."""
    tmp = Path(tempfile.mkdtemp(prefix="oa-bench-"))
    try:
        copy = tmp / "ws.db"
        shutil.copy(db, copy)
        return asyncio.run(run(copy))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _p95(times: list[float]) -> float:
    """The 95th percentile of sorted ``times`` (the nearest rank)."""
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def measure_keystroke(db: Path, presses: int) -> KeyResult:
    return _on_a_copy(db, lambda copy: _keystrokes(copy, presses))


@dataclass
class FormResult:
    opens: int
    median: float   # key press → the first frame of the edit-task form, 80x24
    p95: float
    candidate: float  # the same for the edit-candidate form (median)


async def _form_opens(db: Path, opens: int) -> FormResult:
    """Open the edit-task form (18 fields) and the edit-candidate form at 80x24, ``opens`` times
    each: from the key press to the frame after the form was mounted (what the user sees)."""

    from tui.screens.forms import CandidateForm, TaskForm
    from tui.widgets.panes import CandidateTable, TaskList

    app = _bench_app(db)

    until = _until

    async def one(kind: type) -> float:
        drawn: list[float] = []
        start = time.perf_counter()
        await pilot.press("e")
        await until(lambda: isinstance(app.screen, kind) and app.screen.is_mounted, "the form")
        app.call_after_refresh(lambda: drawn.append(time.perf_counter()))
        await until(lambda: bool(drawn), "the form's first frame")
        took = drawn[0] - start
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, kind), "the form to close")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        return took

    async with app.run_test(size=(80, 24)) as pilot:
        await until(lambda: app.findings is not None, "the first advice")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        screen.query_one(TaskList).focus()
        await pilot.pause()
        tasks = [await one(TaskForm) for _ in range(opens)]
        screen.query_one(CandidateTable).focus()
        await pilot.pause()
        cands = [await one(CandidateForm) for _ in range(opens)]
    tasks.sort()
    return FormResult(opens, statistics.median(tasks), _p95(tasks), statistics.median(cands))


def measure_form_open(db: Path, opens: int) -> FormResult:
    return _on_a_copy(db, lambda copy: _form_opens(copy, opens))


@dataclass
class GuideResult:
    opens: int
    topic: float      # Enter on the rules topic → the frame showing its contents (median)
    section: float    # Enter on its heaviest section → the frame showing its first page (median)
    page_median: float  # `n` → the next page's frame, over every page of that section
    page_worst: float
    cpu_median: float  # the CPU time (this process) of these: what a quiet machine's wall time would be
    cpu_worst: float
    pages: int        # pages of that section
    widgets_worst: int  # the most widgets one of its pages mounted (the whole section: 1,163)


async def _guide_opens(db: Path, opens: int) -> GuideResult:
    """F1, the rules topic and its heaviest section (docs/rules.md's "When each rule speaks"),
    ``opens`` times, at 80x24: from the key press to the frame after the page was shown; then
    ``n`` through every page of that section."""

    from tui.screens.guide import GuideScreen, TopicScreen

    app = _bench_app(db)

    until = _until

    cpu: list[float] = []

    async def timed(key: str, shown) -> float:
        drawn: list[float] = []
        start, start_cpu = time.perf_counter(), time.process_time()
        await pilot.press(key)
        await until(shown, f"the page after {key}")
        app.call_after_refresh(lambda: drawn.append(time.perf_counter()))
        await until(lambda: bool(drawn), "the page's frame")
        cpu.append(time.process_time() - start_cpu)
        return drawn[0] - start

    topics, sections, pages, widgets = [], [], [], []
    count = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await until(lambda: app.findings is not None, "the first advice")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for run in range(opens):
            await pilot.press("f1")
            await until(lambda: isinstance(app.screen, GuideScreen), "the guide")
            await pilot.press("down", "down")  # the rules topic
            topics.append(await timed("enter", lambda: isinstance(app.screen, TopicScreen)
                                      and app.screen.is_mounted and app.screen.paged.pages[0].text != ""))
            page = app.screen
            titles = [first for title, first in page.paged.sections if title]
            heavy = max(range(len(titles)), key=lambda n: (page.paged.pages[titles[n]].parts, -n))
            await pilot.press(*["down"] * heavy)
            await pilot.pause()
            sections.append(await timed("enter", lambda: page.page == titles[heavy]))
            count = page.paged.pages[page.page].parts
            for part in range(count):
                widgets.append(len(list(page.query_one("#topic-text").walk_children())))
                if part + 1 < count:
                    now = page.page
                    pages.append(await timed("n", lambda: page.page == now + 1))
            await pilot.press("escape", "escape", "escape")
            await until(lambda: not isinstance(app.screen, (GuideScreen, TopicScreen)), "the guide to close")
            await pilot.pause()
    pages.sort()
    return GuideResult(opens, statistics.median(topics), statistics.median(sections), statistics.median(pages),
                       pages[-1], statistics.median(cpu), max(cpu), count, max(widgets))


def measure_guide(db: Path, opens: int) -> GuideResult:
    return _on_a_copy(db, lambda copy: _guide_opens(copy, opens))
