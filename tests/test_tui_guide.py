"""The user guide inside the app (issue 19, item 6): F1 lists the `outsource help` topics, shows
one as Markdown read from the same shipped files, follows links between topics by keyboard, never
follows a link out of the guide, and Escape goes back. Pilot tests at 80x24."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, screen_text, settle  # noqa: E402


async def test_f1_lists_the_topics_shows_one_and_escape_returns(tmp_path):
    from advisor.commands.guide import TOPICS
    from advisor.resources import docs_dir

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.screen
        await pilot.press("f1")
        await settle(pilot)
        assert type(app.screen).__name__ == "GuideScreen"
        text = screen_text(app)
        for topic in TOPICS:
            assert topic.name in text and topic.about[:30] in text
        # the app topic (4th): its text is the shipped file's, not a copy
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "TopicScreen" and app.screen.topic.name == "app"
        assert app.screen.text == (docs_dir() / "app.md").read_text(encoding="utf-8")
        text = screen_text(app)
        assert "The terminal app" in text and len(text.splitlines()) <= 24
        first_lines = text.splitlines()[1:4]
        await pilot.press("pagedown")  # the page scrolls with the keyboard
        await settle(pilot)
        assert screen_text(app).splitlines()[1:4] != first_lines
        # Escape: the list, then the screen the guide was opened from
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "GuideScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main


async def test_links_between_topics_are_followed_by_keyboard_and_escape_comes_back(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1", "down", "down", "down", "enter")  # the app topic links to rules.md
        await settle(pilot)
        page = app.screen
        await pilot.press("l")
        await settle(pilot)
        assert "rules" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is page and page.topic.name == "rules"
        assert "rules" in screen_text(app).splitlines()[0]
        await pilot.press("escape")  # back to the topic the link was followed from
        await settle(pilot)
        assert app.screen is page and page.topic.name == "app"


async def test_a_link_out_of_the_guide_is_not_followed(tmp_path, monkeypatch):
    opened = []
    app = make_app(tmp_path)
    monkeypatch.setattr(app, "open_url", lambda *a, **k: opened.append(a))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1", "down", "down", "down", "enter")
        await settle(pilot)
        page = app.screen
        for href in ("https://pypi.org/project/textual-serve/", "../README.md", "screenshot.svg"):
            await page.follow(href)
        await settle(pilot)
        assert opened == [] and page.topic.name == "app" and page.trail == []
        said = [str(n.message) for n in app._notifications]
        assert len(said) == 3 and all(m.startswith("Not followed") for m in said), said


def test_links_resolve_to_topics_by_file_name():
    from advisor.commands.guide import TOPICS
    from tui.screens.guide import resolve, topic_links

    app = next(t for t in TOPICS if t.name == "app")
    assert resolve("rules.md#facts", app).topic.name == "rules" and resolve("rules.md#facts", app).anchor == "facts"
    assert resolve("#keys", app).topic is app
    assert resolve("http://evil.example/rules.md", app).topic is None
    assert resolve("architecture.md", app).topic is None  # a developer page: not in the guide
    text = "see [the rules](rules.md), [again](rules.md) and [web](https://x.example) [cfg](configuration.md#keys)"
    assert [(t, topic.name, a) for t, topic, a in topic_links(text, app)] == [
        ("the rules", "rules", ""), ("cfg", "config", "keys")]
