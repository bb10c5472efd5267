"""The advice pane: the same order and folding as `outsource check`, a next step for the selected
task, each warning's and risk's fix under it, and amounts with their currency (80x24)."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("textual")

from tui_helpers import SNAPSHOT_RULES, make_app, screen_text, settle, stored_plan, type_text  # noqa: E402


def demo(**job_success):
    from advisor.storage.planfile import load_plan
    from advisor.resources import demo_plan_path

    plan = load_plan(demo_plan_path())
    for t in plan.tasks:
        t.candidates = [replace(c, job_success=job_success.get(c.id, c.job_success)) for c in t.candidates]
    return plan


def app_for(tmp_path, plan):
    return make_app(tmp_path, plan, rule_dirs=[SNAPSHOT_RULES], select=["snapshot"])


def advice_pane(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, x in enumerate(lines) if "Advice ·" in x)
    return [x.strip("│ ") for x in lines[start + 1:] if x.startswith("│")]


async def test_next_step_and_fix_lines_at_80x24(tmp_path):
    app = app_for(tmp_path, demo())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = advice_pane(screen_text(app))
        # the next step on top, then the risk (Ben's job success), its fix under it, then the warning
        # the decision, not the fix below again: Ana leads the interviews, Ben (a risk) is dropped
        assert pane[0] == "Next  Hire Ana P. ($294 with fees); drop Ben K. (low job success score)"
        assert pane[1].startswith("RISK Low job success score  Ben K.")
        assert pane[2].startswith("fix Ask about the unhappy jobs in the interview.")
        assert pane[3].startswith("WARN Shortlist 3 to 5 candidates  logo")


async def test_the_next_step_line_follows_the_selected_task(tmp_path):
    """The Next line is replaced only when its text changes (a replacement lays the screen out
    again); moving to other tasks and back must still show each task's own next step."""
    app = make_app(tmp_path, demo())  # the shipped rules: every task of the demo has a next step

    def next_line():
        pane = advice_pane(screen_text(app))
        return pane[0] if pane and pane[0].startswith("Next ") else None

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = [next_line()]
        for key in ("j", "j", "k", "k"):
            await pilot.press(key)
            await settle(pilot)
            seen.append(next_line())
        assert None not in seen and len(set(seen)) == 3, seen  # three tasks, three next steps
        assert seen[0] == seen[4] and seen[1] == seen[3]  # and back again


async def test_three_candidates_fold_into_one_line_and_acknowledging_it_covers_them(tmp_path):
    app = app_for(tmp_path, demo(ana=70, chen=60))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = advice_pane(screen_text(app))
        assert pane[1].startswith("RISK Low job success score  Ana P., Ben K. and Chen L.")
        assert sum("Low job success score" in x for x in pane) == 1
        assert len(app.findings.for_task("logo")) == 4  # three findings behind the one line
        first = app.screen._shown_findings[0]
        assert first.candidate is None and first.task == "logo"  # stands for the whole line
        from tui.widgets.panes import AdviceList

        advice = app.screen.query_one(AdviceList)
        advice.focus()
        advice.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert "Ana P., Ben K. and Chen L." in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "all three explained\r")
        await settle(pilot)
        sup = [s for s in stored_plan(app).suppressions if s.rule == "snap-low-jss"]
        assert [(s.task, s.candidate) for s in sup] == [("logo", None)]
        assert all(f.suppressed for f in app.findings.for_task("logo") if f.rule == "snap-low-jss")
        assert "3 acknowledged" in screen_text(app)


async def test_two_candidates_stay_two_lines(tmp_path):
    app = app_for(tmp_path, demo(ana=70))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        pane = advice_pane(screen_text(app))
        low = [x for x in pane if "Low job success score" in x]
        assert [x.split("  ")[-1] for x in low] == ["Ana P.", "Ben K."]  # in the plan's order


async def test_no_next_step_without_open_advice_on_the_task(tmp_path):
    app = app_for(tmp_path, demo())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # the website: a draft, nothing open on it
        await settle(pilot)
        pane = advice_pane(screen_text(app))
        assert not any(x.startswith("Next ") for x in pane)
        assert pane[0].startswith("INFO Try more than one marketplace")
        assert not any(x.startswith("fix ") for x in pane)  # info has no fix line


async def test_amounts_carry_the_currency(tmp_path):
    plan = demo()
    plan.business.currency = "INR"
    logo = plan.tasks[0]
    plan.tasks[0] = replace(logo, budget=25000.0, candidates=[replace(c, bid=(c.bid or 0) * 100)
                                                               for c in logo.candidates])
    app = app_for(tmp_path, plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "25,000 INR fixed price" in text  # the budget pane
        assert "15,000 INR" in text and "28,000 INR" in text  # the price column
        await pilot.press("C")  # the compare screen
        await settle(pilot)
        assert "15,000 INR" in screen_text(app)


def test_one_money_style_in_the_app():
    from tui.widgets.text import money

    assert money(2500, "USD") == "$2,500"
    assert money(45.5, "EUR") == "€45.50"
    assert money(2500, "INR") == "2,500 INR"
    assert money(1234.5, "USD") == "$1,234.50"  # cents kept above a thousand too
    assert money(None, "USD") == "—"
