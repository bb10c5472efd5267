"""The secondary screens: rules (toggle, edit in $EDITOR, reload), compare, marketplaces, rates,
import and export."""

from __future__ import annotations

import contextlib
import os
import stat
import sys

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, screen_text, settle, stored_plan, type_text  # noqa: E402

RULE = """pack = "mine"

[[rules]]
id = "small-budget"
title = "{title}"
severity = "info"
about = "task"
when = "task.budget < 1000"
message = "{{task.title}} has a small budget."
why = "Small budgets are fine for small tasks."
fix = "Nothing to do."
"""


def rule_dir(tmp_path, title="Budget under 1000"):
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / "mine.toml").write_text(RULE.format(title=title), encoding="utf-8")
    return d


def titles(app, rule="small-budget"):
    return {f.title for f in app.findings.items if f.rule == rule}


async def test_rules_screen_toggles_a_rule(tmp_path):
    app = make_app(tmp_path, rule_dirs=[rule_dir(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert titles(app) == {"Budget under 1000"}
        await pilot.press("R")
        await pilot.pause()
        from tui.screens.rules import RulesTable

        table = app.screen.query_one(RulesTable)
        rows = {str(table.get_row_at(i)[1]): table.get_row_at(i) for i in range(table.row_count)}
        assert "small-budget" in rows and "shortlist-size" in rows
        assert str(rows["small-budget"][2]) == "mine" and str(rows["small-budget"][3]) == "info"
        table.move_cursor(row=table.get_row_index("small-budget"))
        await pilot.pause()
        assert "task.budget < 1000" in screen_text(app)  # the full text of the rule
        await pilot.press("space")
        await settle(pilot)
        assert titles(app) == set()
        assert "off" in str(table.get_row_at(table.get_row_index("small-budget"))[0])
        await pilot.press("space")
        await settle(pilot)
        assert titles(app) == {"Budget under 1000"}


async def test_edit_a_rule_in_the_editor_and_see_it_reload(tmp_path, monkeypatch):
    folder = rule_dir(tmp_path)
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('Budget under 1000', 'Edited title'))\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    app = make_app(tmp_path, rule_dirs=[folder])
    suspended = []

    @contextlib.contextmanager
    def fake_suspend():  # the test terminal cannot suspend; record that the app asked to
        suspended.append(True)
        yield

    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "suspend", fake_suspend)
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        from tui.screens.rules import RulesTable

        table = app.screen.query_one(RulesTable)
        table.move_cursor(row=table.get_row_index("small-budget"))
        await pilot.press("e")
        await settle(pilot)
        assert suspended == [True]
        assert "Edited title" in (folder / "mine.toml").read_text()
        assert titles(app) == {"Edited title"}
        assert "Edited title" in screen_text(app)


async def test_a_rule_file_changed_on_disk_is_reloaded_and_its_errors_shown(tmp_path):
    folder = rule_dir(tmp_path)
    app = make_app(tmp_path, rule_dirs=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        path = folder / "mine.toml"
        path.write_text(RULE.format(title="Changed on disk"), encoding="utf-8")
        os.utime(path, (1e9, 2e9))
        app._watch_changes()
        await settle(pilot)
        assert titles(app) == {"Changed on disk"}
        path.write_text(RULE.format(title="Broken").replace('when = "task.budget < 1000"',
                                                            'when = "task.budget <<< 1000"'), encoding="utf-8")
        os.utime(path, (1e9, 3e9))
        app._watch_changes()
        await settle(pilot)
        assert app.rule_problems, "the broken pack is reported"
        await pilot.press("R")
        await pilot.pause()
        assert "mine.toml" in screen_text(app)


async def test_compare_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        text = screen_text(app)
        assert "Compare" in text and "Ana P." in text and "Ben K." in text and "Chen L." not in text
        assert "4.5 avg" in text and "←lowest" in text
        await pilot.press("a")
        await pilot.pause()
        assert "Chen L." in screen_text(app)
        # decide from here: the column cursor picks the candidate
        assert app.screen.selected().name == "Ana P."
        await pilot.press("right", "right")
        await pilot.pause()
        assert app.screen.selected().name == "Chen L."
        await pilot.press("s")
        await settle(pilot)
        assert stored_plan(app).candidate("chen").status == "shortlisted"
        assert app.screen.selected().name == "Chen L."  # the cursor stays on the candidate
        await pilot.press("h")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HireScreen" and "Hire Chen L." in screen_text(app)
        await pilot.press("n", "escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "MainScreen"


async def test_marketplaces_screen_and_notes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "Upwork" in text and "Fiverr" in text and "5.5% + $2.50" in text and "$320" in text
        await pilot.press("j", "n")
        await pilot.pause()
        await type_text(pilot, "cheap but slow\r")
        await settle(pilot)
        assert stored_plan(app).marketplace("Freelancer.com").notes == "cheap but slow"
        assert "cheap but slow" in screen_text(app)


async def test_add_a_rate_observation(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # site: wordpress has a single sample
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert app.focused.value == "wordpress"
        await pilot.press("tab", *"55", "enter")
        await settle(pilot)
        rates = [r for r in stored_plan(app).rates if r.skill == "wordpress"]
        assert sorted(r.hourly for r in rates) == [40, 55]
        assert "n=2" in screen_text(app)


async def test_import_candidates_csv_and_export(tmp_path, monkeypatch):
    import advisor.transfer
    from advisor.storage import csvimport

    # read in chunks (2+ chunks of CHUNK_ROWS, the last one partial, as 2,500 rows at the shipped
    # 1,000 were), at a tenth of the size: the app then advises on 254 candidates, not 2,504
    monkeypatch.setattr(advisor.transfer, "CHUNK_ROWS", 100)
    chunks = []  # rows per parse: the chunked path was taken
    parse = csvimport.parse_candidates_csv
    monkeypatch.setattr(csvimport, "parse_candidates_csv",
                        lambda raw, *a, **k: (chunks.append(raw.count(b"\n") - 1), parse(raw, *a, **k))[1])
    csv = tmp_path / "more.csv"
    rows = "\n".join(f"Person {i},{100 + i},4.{i % 10}" for i in range(250))
    csv.write_text("Name,Bid,Rating\n" + rows + "\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        import threading

        on_loop = []  # the import is written in the save queue's thread, not on the event loop
        add = app.ctl.add_candidates
        app.ctl.add_candidates = lambda *a, **k: (on_loop.append(threading.current_thread() is threading.main_thread()),
                                                  add(*a, **k))[1]
        await pilot.press("I")
        await pilot.pause()
        await type_text(pilot, str(tmp_path / "nope.csv") + "\r")
        await settle(pilot)
        assert "Not imported" in screen_text(app)
        inp = app.screen.query_one("#path")
        inp.value = str(csv)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen"
        assert len(stored_plan(app).task("logo").candidates) == 254
        assert on_loop == [False]
        assert chunks == [100, 100, 50]
        assert "254" in screen_text(app)
        await pilot.press("E")
        await pilot.pause()
        await type_text(pilot, str(tmp_path / "out.toml") + "\r")
        await settle(pilot)
        from advisor.storage.planfile import load_plan

        assert len(load_plan(tmp_path / "out.toml").task("logo").candidates) == 254
        assert stat.S_IMODE((tmp_path / "out.toml").stat().st_mode) == 0o600
        await pilot.press("E")
        await pilot.pause()
        from textual.widgets import Select

        app.screen.query_one(Select).value = "report"
        await type_text(pilot, str(tmp_path / "advice.md") + "\r")
        await settle(pilot)
        report = (tmp_path / "advice.md").read_text()
        assert report.startswith("# Advice report: Bramble Bakery")
        assert "Shortlist" in report or "WARNING" in report
        from advisor.advice.report import render

        assert report == render(app.ctl.plan, app.findings, "md", rules=app.ctl.ruleset)  # as `outsource report`
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one(Select).value = "html"
        await type_text(pilot, str(tmp_path / "advice.html") + "\r")
        await settle(pilot)
        assert (tmp_path / "advice.html").read_text() == render(app.ctl.plan, app.findings, "html", rules=app.ctl.ruleset)


async def test_import_a_plan_file(tmp_path):
    from advisor.resources import demo_plan_path

    src = tmp_path / "plan.toml"
    src.write_text(demo_plan_path().read_text().replace("Bramble Bakery", "Other Bakery"), encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("I", *str(src), "enter")
        await settle(pilot)
        assert stored_plan(app).business.name == "Other Bakery"
        assert "Other Bakery" in screen_text(app)


async def test_rates_screen_edit_and_delete(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")  # the logo task's skill: logo design
        await pilot.pause()
        text = screen_text(app)
        assert "Going rates · logo design · 4 observation(s)" in text and "wordpress" not in text
        await pilot.press("f")
        await pilot.pause()
        assert "wordpress" in screen_text(app)
        await pilot.press("f", "e")  # the cheapest logo rate: 25/h on Fiverr
        await pilot.pause()
        assert app.screen.__class__.__name__ == "RateForm"
        await pilot.press("tab", "end", "backspace", "backspace", *"27", "enter")
        await settle(pilot)
        hourly = sorted(r.hourly for r in stored_plan(app).rates if r.skill == "logo design")
        assert hourly == [27, 30, 35, 45]
        await pilot.press("d", "y")
        await settle(pilot)
        assert len([r for r in stored_plan(app).rates if r.skill == "logo design"]) == 3


async def test_business_form(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await pilot.pause()
        await pilot.press("tab", "end", "backspace", "backspace", "backspace", *"eu")
        await pilot.pause()
        assert "3-letter" in screen_text(app)
        await pilot.press("r", "tab", "end", "backspace", "2", "enter")
        await settle(pilot)
        b = stored_plan(app).business
        assert b.currency == "EUR" and b.completed_jobs == 2


async def test_marketplace_add_and_rename(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m", "a")
        await pilot.pause()
        await type_text(pilot, "Upwork\r")
        await pilot.pause()
        assert "already a marketplace" in screen_text(app)
        for _ in "Upwork":
            await pilot.press("backspace")
        await type_text(pilot, "Toptal\t3\r")
        await settle(pilot)
        assert stored_plan(app).marketplace("Toptal").fee_percent == 3
        await pilot.press("e")  # the first row: Upwork
        await pilot.pause()
        await pilot.press("end", *" Global", "enter")
        await settle(pilot)
        plan = stored_plan(app)
        assert plan.marketplace("Upwork Global") is not None and plan.marketplace("Upwork") is None
        assert plan.candidate("ana").marketplace == "Upwork Global"
        assert app.ctl.plan.candidate("ana").marketplace == "Upwork Global"


def test_csv_read_in_chunks_matches_the_one_go_reader(tmp_path):
    from advisor.storage.csvimport import read_candidates_csv
    from advisor.errors import PlanError
    from tui.screens.transfer import read_csv_with_progress

    csv = tmp_path / "big.csv"
    rows = "\n".join(f"\"Person {i}, Jr\",{100 + i},4.{i % 10},DE" for i in range(4500))
    csv.write_text("Name;Bid;Rating;Country\n".replace(";", ",") + rows + "\n", encoding="utf-8")
    seen = []
    got = read_csv_with_progress(csv, "logo", ["person-3-jr"], lambda d, t: seen.append((d, t)))
    want = read_candidates_csv(csv, "logo", ["person-3-jr"])
    assert got == want and [c.id for c in got] == [c.id for c in want]
    assert seen[-1] == (4500, 4500) and len(seen) == 5
    bad = tmp_path / "bad.csv"
    bad.write_text(csv.read_text().replace("Person 3000, Jr\",3100,", "Person 3000, Jr\",lots,"), encoding="utf-8")
    with pytest.raises(PlanError) as got_err:
        read_csv_with_progress(bad, "logo", [], lambda d, t: None)
    with pytest.raises(PlanError) as want_err:
        read_candidates_csv(bad, "logo", [])
    assert str(got_err.value) == str(want_err.value) and got_err.value.line == 3002


async def test_a_list_screen_shows_an_edit_at_once_and_keeps_the_cursor(tmp_path):
    """The list screens (ListScreen) refill when the plan changes: the edited rate shows its new
    value, and the cursor stays on the row the owner was on."""
    from textual.widgets import DataTable

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", "j", "j")  # the logo rates: 25, 30, 35, 45 per hour; the third
        await pilot.pause()
        assert app.screen.selected().hourly == 35
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "end", "backspace", "backspace", *"37", "enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RatesScreen"
        assert app.screen.query_one(DataTable).cursor_row == 2
        assert app.screen.selected().hourly == 37
        assert "37" in screen_text(app)


async def test_export_asks_before_replacing_a_file_and_shows_its_full_path(tmp_path, monkeypatch):
    """The Export dialog (plan and reports) never replaces a file silently: it names the file by
    its full path and writes only after "Replace"; "Keep it" leaves the file as it was."""
    from textual.widgets import Select

    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    target = tmp_path / "d" / "p.toml"
    target.write_text("precious\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        await type_text(pilot, "d/p.toml\r")  # a relative name: the question shows where it is
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        text = screen_text(app)
        assert "Replace" in text and "Keep it" in text
        box = app.screen.query_one(".dialog").content_region  # the question, wrapped, but whole:
        inside = "".join(line[box.x:box.right].strip() for line in text.splitlines()[box.y:box.bottom])
        assert f"Replace{target}?" in inside
        await pilot.press("n")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "precious\n"
        assert app.screen.__class__.__name__ == "ExportScreen" and "is kept" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MainScreen"
        assert target.read_text(encoding="utf-8").startswith("format = 1")

        report = tmp_path / "d" / "advice.html"
        report.write_text("old report", encoding="utf-8")
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one(Select).value = "html"
        await type_text(pilot, str(report) + "\r")
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert report.read_text(encoding="utf-8") == "old report"
        await pilot.press("enter", "y")
        await settle(pilot)
        assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_business_form_counts_the_tasks_done_here(tmp_path):
    """A task marked done is a job outsourced: the business form says so, beside the jobs done
    before this workspace (it said "0 job(s) outsourced before" after the first task was done)."""
    from dataclasses import replace

    from advisor.storage.planfile import load_plan
    from advisor.resources import demo_plan_path

    plan = load_plan(demo_plan_path())
    plan.business = replace(plan.business, completed_jobs=0)
    plan.tasks[0] = replace(plan.tasks[0], status="done")
    app = make_app(tmp_path, plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert "Your business · 1 job(s) outsourced (1 task(s) done here)" in screen_text(app)


async def test_first_run_asks_for_the_business_then_the_first_task(tmp_path):
    """A new, empty workspace does not open on a blank screen: it asks for the business (name,
    currency), then the first task; typed in one burst, both are stored."""
    from advisor.plan.model import Plan
    from tui_helpers import burst

    app = make_app(tmp_path, Plan())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Welcome! Your business first" in screen_text(app)
        burst(app, "Bramble Bakery\tGBP\x13Design a logo\x13")
        await settle(pilot)
        plan = stored_plan(app)
        assert (plan.business.name, plan.business.currency) == ("Bramble Bakery", "GBP")
        assert [t.title for t in plan.tasks] == ["Design a logo"]
        assert type(app.screen).__name__ == "MainScreen"


async def test_first_run_can_be_skipped(tmp_path):
    from advisor.plan.model import Plan

    app = make_app(tmp_path, Plan())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TaskForm"
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen" and not stored_plan(app).tasks


async def test_import_completes_the_typed_path(tmp_path):
    """The Import dialog completes a path from its folder (Right arrow takes it): folders go on
    with a /, only .csv and .toml files are offered, hidden ones only once a dot is typed."""
    from textual.widgets import Input

    files = tmp_path / "files"
    (files / "exports").mkdir(parents=True)
    (files / "proposals-logo.csv").write_text("Name\nAna\n")
    (files / "proposals.txt").write_text("not offered")
    (files / ".hidden.csv").write_text("Name\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        box = app.screen.query_one("#path", Input)
        for typed, completed in [(f"{files}/pro", f"{files}/proposals-logo.csv"),
                                 (f"{files}/ex", f"{files}/exports/"),
                                 (f"{files}/.h", f"{files}/.hidden.csv"),
                                 (f"{files}/zz", f"{files}/zz")]:
            box.value = typed[:-1]  # the path so far; the last character is typed
            box.cursor_position = len(box.value)
            await pilot.press(typed[-1])
            await settle(pilot)
            await pilot.press("right")
            await settle(pilot)
            assert box.value == completed


async def test_compare_screen_and_candidates_pane_show_the_ranking_at_80x24(tmp_path):
    """The compare screen shows rank, all-in cost and place against the bids' median, and the
    reason of the candidate under the column cursor; the candidates pane names the #1; a name's
    markup and control codes are shown literally."""
    from dataclasses import replace

    from advisor.resources import demo_plan_path
    from advisor.storage.planfile import load_plan

    plan = load_plan(demo_plan_path())
    logo = plan.task("logo")
    logo.candidates[:] = [replace(c, name="Ana [b]P.\x1b[2J") if c.id == "ana" else c for c in logo.candidates]
    app = make_app(tmp_path, plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "#1 Ana [b]P.\\x1b[2J · 2 shortlisted" in screen_text(app)
        await pilot.press("C")
        await settle(pilot)
        text = screen_text(app)
        lines = text.splitlines()
        rank = next(line for line in lines if line.strip().startswith("Rank"))
        assert rank.split()[1:] == ["#1", "of", "3", "#2", "of", "3"]  # Ana, Ben (the shortlist ranks before the applicant Chen)
        assert next(line for line in lines if "All in" in line).split()[2:] == ["$294", "$157.50"]
        # against the median of the bids (the figure the price findings quote)
        assert next(line for line in lines if "vs median" in line).split()[2:] == ["+0%", "-46%"]
        assert "#1 Ana [b]P.\\x1b[2J: interview (4.5/5), at the median" in text
        await pilot.press("right")
        await settle(pilot)
        assert "#2 Ben K.: 46% under the median of live" in screen_text(app)
        await pilot.press("a")  # every candidate: the rejected one is not ranked
        await settle(pilot)
        rank = next(line for line in screen_text(app).splitlines() if line.strip().startswith("Rank"))
        assert rank.split()[-1] == "—" and "#2 of 3" in rank
