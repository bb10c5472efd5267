"""Hostile names never reach the terminal as control sequences (issue 13, item 1).

Every name, title and note of the plan comes from the corpus in ``tests/data/hostile/names.json``
(OSC 52 clipboard, OSC 2 title, OSC 8 links, CSI clear-screen, 8-bit CSI, bidi overrides, ...).
The app runs under Pilot with a driver that records every byte the app writes to the terminal;
the test walks the main screen, every form (whose Input values hold the raw names), the lists,
the palette and the notifications, and asserts that the recorded output holds no escape,
control or bidi character that came from the data, while the forms still hold and save the
user's real text.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver

from tests.tui_helpers import make_app, screen_text, settle, stored_plan, type_text

NAMES = json.loads((Path(__file__).parent / "data" / "hostile" / "names.json").read_text())
NAMES.pop("_about")

#: What the app itself writes: CSI sequences (cursor moves, SGR colours, modes) and Textual's
#: OSC 22 pointer shape (``ESC ] 22 ; default BEL``). Anything else starting with ESC (another
#: OSC, DCS, a lone ESC), and every other C0/C1/bidi/zero-width mark, came from the data.
_APP_CSI = re.compile(r"\x1b\[[0-9;?<>]*[A-Za-z]|\x1b\]22;[a-z-]+\x07")
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029"
                        "\u202a-\u202e\u2066-\u2069\ufeff\u1160\u3164\uffa0\U000e0000-\U000e007f]")


def hostile_output(raw: str) -> list[str]:
    """The dangerous pieces of ``raw`` terminal output (after removing the app's own CSI
    sequences; a clear-screen CSI is never the app's in a frame update)."""
    bad = [m.group(0) for m in re.finditer(r"\x1b\[2J", raw)]
    rest = _APP_CSI.sub("", raw)
    bad += [f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(rest)]
    return bad


class RecordingDriver(HeadlessDriver):
    """A headless driver that is not headless for the app: the app renders every frame and
    writes it here, exactly as it would to a terminal."""

    written: list[str] = []

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        RecordingDriver.written.append(data)


@pytest.fixture
def recorder(monkeypatch):
    import textual.drivers.headless_driver as hd

    RecordingDriver.written = []
    monkeypatch.setattr(hd, "HeadlessDriver", RecordingDriver)
    return RecordingDriver.written


def hostile_plan(bakery):
    names = list(NAMES.values())
    plan = bakery
    plan.business.name = NAMES["osc2_title"]
    for i, task in enumerate(plan.tasks):
        task.title = names[i % len(names)]
        task.description = NAMES["csi_clear"]
        for j, cand in enumerate(task.candidates):
            cand.name = names[(i + j) % len(names)]
            cand.notes = NAMES["osc8_link"]
            cand.country = None
    plan.tasks[0].candidates[0].name = NAMES["osc52_clipboard"]
    for m in plan.marketplaces:
        m.notes = NAMES["bidi_override"]
    for r in plan.rates:
        r.note = NAMES["c1_csi"]
    return plan


async def _walk(pilot) -> None:
    """Open every screen and form that shows plan text; close each again."""
    app = pilot.app
    for key in ("e", "escape", "B", "escape", "a", "escape", "m", "escape", "R", "escape",
                "C", "escape", "E", "escape", "I", "escape", "question_mark", "escape"):
        await pilot.press(key)
        await settle(pilot)
    # the candidates table: edit the first candidate (the OSC 52 name) and shortlist another
    await pilot.press("tab")
    await pilot.press("e")
    await settle(pilot)
    assert app.screen.__class__.__name__ == "CandidateForm"
    assert app.screen.query_one("#f-name").value in NAMES.values()  # the real text, unescaped
    assert "holds control characters: \\x1b" in screen_text(app)  # and the user is told
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("j", "s")  # a notification naming the candidate
    await settle(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_text(pilot, "task")
    await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)


async def test_no_control_sequence_from_the_data_reaches_the_terminal(tmp_path, bakery, recorder):
    app = make_app(tmp_path, hostile_plan(bakery))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _walk(pilot)
    raw = "".join(recorder)
    assert "sudo rm -rf /" in raw and "Eve" in raw  # the names were drawn (as text)
    assert hostile_output(raw) == []


async def test_a_hostile_name_saved_from_the_form_is_kept_exactly(tmp_path, bakery, recorder):
    """Escaping is for the terminal only: saving the form keeps the user's text byte for byte."""
    app = make_app(tmp_path, hostile_plan(bakery))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "e")
        await settle(pilot)
        name = app.screen.query_one("#f-name").value
        cid = app.screen.cand.id
        await pilot.press("end", *"x", "ctrl+s")
        await settle(pilot)
    cand = next(c for c in stored_plan(app).candidates() if c.id == cid)
    assert name in NAMES.values() and cand.name == name + "x"
    assert hostile_output("".join(recorder)) == []


def test_the_check_itself_catches_raw_sequences():
    """The assertion above can fail: a raw OSC 52 or bidi override is reported."""
    assert hostile_output("\x1b[1;1H\x1b[38;2;1;2;3mok" + NAMES["osc52_clipboard"])
    assert hostile_output(NAMES["bidi_override"]) == ["U+202E"]
    assert hostile_output("\x1b[1;1H\x1b[0mplain") == []


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_installed_app_in_tmux_keeps_the_clipboard_title_and_screen(tmp_path, bakery):
    """The installed app in a real terminal: with tmux taking OSC 52 into its clipboard and OSC 2
    as the pane title, opening the hostile candidate's form sets neither, and the pane's cells
    (``capture-pane -e``: text with tmux's own colour escapes) hold no character from the data
    that a terminal acts on."""
    from tests.tmux_smoke import Tmux
    from tests.tui_helpers import make_workspace

    exe = Path(sys.executable).parent / "outsource"
    plan = hostile_plan(bakery)
    for cand in plan.tasks[0].candidates:
        cand.name = NAMES["osc52_clipboard"]
    db = make_workspace(tmp_path / "ws.db", plan)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OUTSOURCE_", "TMUX"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    tmux = Tmux(f"oa-hostile-{os.getpid()}", env)
    try:
        tmux.run("new-session", "-d", "-s", "oa", "-x", "110", "-y", "32", f"{exe} --db {db}")
        tmux.run("set-option", "-g", "set-clipboard", "on")
        tmux.run("set-option", "-g", "allow-rename", "on")
        tmux.wait_for("Candidates", timeout=20)
        tmux.keys("Tab", "e")
        tmux.wait_for("holds control characters", timeout=10)
        tmux.keys("Escape", "B")
        tmux.wait_for("holds control characters", timeout=10)
        screen = tmux.run("capture-pane", "-p", "-e", "-t", "oa")
        title = tmux.run("display-message", "-p", "-t", "oa", "#{pane_title}|#{window_name}")
        buffers = tmux.run("list-buffers", check=False)
        tmux.keys("Escape", "q")
    finally:
        tmux.run("kill-server", check=False)
    assert "]52;c;Y3Vy" in screen  # the name is on screen, as inert text
    assert hostile_output(screen) == []
    assert "pwned" not in title
    assert buffers.strip() == ""  # OSC 52 did not reach tmux's clipboard


async def test_tasks_never_show_ok_when_the_advisor_did_not_run(tmp_path, monkeypatch):
    """Issue 13 item 6: the advisor fails (its engine crashes on the first evaluation): the task
    list says ``?`` for every task, not ``ok``, and the title says the advisor failed."""
    monkeypatch.setenv("ADVISOR_ENGINE_TEST_CRASH", "full")  # inherited by the engine process
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.advice_error is not None
        text = screen_text(app)
    rows = [line for line in text.splitlines() if "Design a new logo" in line]
    assert "advisor failed" in text
    assert rows and all(" ok" not in row and "?" in row for row in rows), rows


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_joined_emoji_keep_the_pane_borders_in_place(tmp_path, bakery):
    """Issue 13 item 18: a task titled with joined emoji (woman + ZWJ + laptop, a family) drew
    its row wider than Textual measured in tmux, shifting the pane border. Every row of the task
    pane must have its border at the same column."""
    from rich.cells import cell_len

    from tests.tmux_smoke import Tmux
    from tests.tui_helpers import make_workspace

    exe = Path(sys.executable).parent / "outsource"
    bakery.tasks[0].title = "fam \U0001F469\u200d\U0001F4BB\U0001F468\u200d\U0001F469\u200d\U0001F467 logo"
    db = make_workspace(tmp_path / "ws.db", bakery)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OUTSOURCE_", "TMUX"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    tmux = Tmux(f"oa-emoji-{os.getpid()}", env)
    try:
        tmux.run("new-session", "-d", "-s", "oa", "-x", "110", "-y", "30", f"{exe} --db {db}")
        tmux.wait_for("fam", timeout=20)
        tmux.wait_for("Candidates", timeout=20)
        screen = tmux.screen()
        tmux.keys("q")
    finally:
        tmux.run("kill-server", check=False)
    rows = [line for line in screen.splitlines() if line.startswith("│") and "││" in line][:4]
    assert any("fam" in row for row in rows), screen
    columns = {cell_len(row[:row.index("││")]) for row in rows}
    assert len(columns) == 1, screen
