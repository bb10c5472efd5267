"""The user guide inside the app (issue 19, item 6; issue 19/24: one page at a time): F1 lists the
`outsource help` topics, opens one on its contents (the text before its first section and the list
of its sections), shows one section (or part of a heavy one) at a time, follows links to the
section holding their anchor by keyboard, never follows a link out of the guide, and Escape goes
back. Pilot tests at 80x24."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, screen_text, settle  # noqa: E402


def _title(app) -> str:
    return screen_text(app).splitlines()[0]


async def test_f1_lists_the_topics_and_a_topic_opens_on_its_contents_one_section_at_a_time(tmp_path):
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
        # the app topic (4th): its text is the shipped file's, not a copy; it opens on its contents:
        # the text before its first section and the list of its sections, not the whole file
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        page = app.screen
        assert type(page).__name__ == "TopicScreen" and page.topic.name == "app"
        assert page.text == (docs_dir() / "app.md").read_text(encoding="utf-8")
        shown = page.query_one("#topic-text").source
        assert shown.startswith("# The terminal app") and "\n## " not in shown and len(shown) < len(page.text) // 10
        text = screen_text(app)
        assert "The terminal app" in text and len(text.splitlines()) <= 24
        for section in ("Screens", "The hiring lifecycle", "History and undo", "Keys"):
            assert f" {section}\n" in text + "\n"
        # Enter opens the highlighted section: that section only, its title on the title line
        await pilot.press("enter")
        await settle(pilot)
        assert "Screens" in _title(app) and page.query_one("#topic-text").source.startswith("## Screens")
        first_lines = screen_text(app).splitlines()[1:4]
        await pilot.press("pagedown")  # the page scrolls with the keyboard
        await settle(pilot)
        assert screen_text(app).splitlines()[1:4] != first_lines
        parts = page.paged.pages[page.page].parts  # a long section comes in parts
        await pilot.press(*["n"] * parts)  # the next pages, then back
        await settle(pilot)
        assert "The hiring lifecycle" in _title(app)
        await pilot.press("p")
        await settle(pilot)
        assert f"Screens ({parts}/{parts})" in _title(app)
        # Escape: the contents (Enter on a section, then c, come back there too), the topics, the app
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page and page.page == 0 and "Screens" not in _title(app)
        await pilot.press("enter", "n", "c")
        await settle(pilot)
        assert page.page == 0 and " The hiring lifecycle" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "GuideScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main


async def test_the_heaviest_section_opens_as_light_pages(tmp_path):
    """docs/rules.md's "When each rule speaks" (47 KB: a table of 800 cells and a long list) made
    1,163 widgets in one go and froze the app for seconds; each of its pages now mounts few."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1", "down", "down", "enter")  # rules
        await settle(pilot)
        page = app.screen
        titles = [title for title, _ in page.paged.sections if title]
        heavy = next(n for n, t in enumerate(titles) if t.startswith("When each rule speaks"))
        await pilot.press(*["down"] * heavy, "enter")
        await settle(pilot)
        parts = page.paged.pages[page.page].parts
        assert parts > 1
        counts, shown_ids = [], 0
        for part in range(1, parts + 1):
            assert f"When each rule speaks: stages, sources and fixes ({part}/{parts})" in _title(app)
            counts.append(len(list(page.query_one("#topic-text").walk_children())))
            # the rule table's rows: each rule id whole on one line (a table is one block of text)
            ids = re.findall(r"^\| `([a-z-]+)` \|", page.paged.pages[page.page].text, re.M)
            if ids and page.paged.pages[page.page].repeats:  # a page that continues the table: at its top
                shown_ids += 1
                assert f"  {ids[0]} " in screen_text(app)
            await pilot.press("n")
            await settle(pilot)
        assert max(counts) <= 100, counts
        assert shown_ids >= 3
        assert "Writing, testing and enabling" in _title(app)  # past the last part: the next section


async def test_links_open_the_section_holding_their_anchor_and_escape_comes_back(tmp_path):
    from tui.screens.guide import topic_links

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1", "down", "down", "down", "enter", "enter")  # app, its "Screens" section
        await settle(pilot)
        page = app.screen
        holds = next(n for n, p in enumerate(page.paged.pages) if "(rules.md#switching-a-rule-off)" in p.text)
        await pilot.press(*["n"] * (holds - page.page))
        await settle(pilot)
        links = topic_links(page.paged.pages[page.page].text, page.topic)
        index = next(n for n, (_, topic, anchor) in enumerate(links)
                     if (topic.name, anchor) == ("rules", "switching-a-rule-off"))
        await pilot.press("l")
        await settle(pilot)
        assert "rules#switching-a-rule-off" in screen_text(app)
        await pilot.press(*["down"] * index, "enter")
        await settle(pilot)
        assert app.screen is page and page.topic.name == "rules"
        assert "Settings" in _title(app)
        # the page is scrolled to the linked heading: it is on the first lines of the screen
        assert any("Switching a rule off" in line for line in screen_text(app).splitlines()[1:4])
        await pilot.press("escape")  # back to the section the link was followed from
        await settle(pilot)
        assert app.screen is page and page.topic.name == "app" and page.page == holds
        # a link inside the topic (#anchor) opens its section too
        await page.follow("#user-guide-f1")
        await settle(pilot)
        assert "Keys" in _title(app)
        assert "  User guide (F1)\n" in screen_text(app)  # near the page's end: scrolled as far as it goes
        await pilot.press("escape")
        await settle(pilot)
        assert page.page == holds
        await pilot.press("escape")  # no link left to go back through: the contents
        await settle(pilot)
        assert page.page == 0 and page.topic.name == "app"


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
