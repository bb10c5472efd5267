"""F1: the user guide inside the app, the same topics and files as ``outsource help``.

The topic list and each topic's text come from the core (``advisor.commands.guide``: ``TOPICS``
and ``topic_text``, which reads the shipped docs through ``advisor.resources``), so there is one
copy of the docs. A topic is shown as Markdown in a scrolling page. Links between topics open the
linked topic here (clicked, or chosen from the ``l`` list: keyboard only); a link to anything
outside the guide is never followed, only named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from advisor.commands.guide import TOPICS, Topic, topic_text
from advisor.errors import AdvisorError

from ..actions_registry import bindings
from ..widgets.footer import KeysFooter
from ..widgets.text import lit

#: ``[text](target)``: bounded, no nesting (linear in the text's length)
_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(([^()\s]{1,300})\)")


@dataclass(frozen=True)
class Target:
    """Where a link in a topic leads: another topic (and an anchor in it), or outside the guide."""

    topic: Topic | None
    anchor: str = ""
    outside: str = ""  #: the link as written, when it leaves the guide (never followed)


def resolve(href: str, current: Topic) -> Target:
    """A topic's link as a :class:`Target`: ``#anchor`` stays in ``current``, ``rules.md#x`` opens
    the topic whose file is ``rules.md``; a web address or any other file is outside the guide."""
    href = href.strip()
    if "://" in href or href.lower().startswith(("mailto:", "javascript:", "data:")):
        return Target(None, outside=href)
    path, _, anchor = href.partition("#")
    if not path:
        return Target(current, anchor)
    name = PurePosixPath(path).name
    topic = next((t for t in TOPICS if t.file == name), None)
    return Target(topic, anchor) if topic is not None else Target(None, outside=href)


def topic_links(text: str, current: Topic) -> list[tuple[str, Topic, str]]:
    """(link text, topic, anchor) for each link of ``text`` into the guide, first one first,
    each target once."""
    seen, out = set(), []
    for m in _LINK.finditer(text):
        target = resolve(m.group(2), current)
        key = (target.topic.name if target.topic else "", target.anchor)
        if target.topic is None or key in seen:
            continue
        seen.add(key)
        out.append((m.group(1), target.topic, target.anchor))
    return out


class GuideScreen(Screen[None]):
    """The topics of the user guide; Enter opens one."""

    BINDINGS = bindings("guide")

    def compose(self) -> ComposeResult:
        yield Static("User guide · Enter opens a topic · Escape goes back", classes="screen-title")
        width = max(len(t.name) for t in TOPICS)
        yield OptionList(*(Option(Content.assemble((f"{t.name:<{width}}", "bold"), "  ", t.about), id=t.name)
                           for t in TOPICS), id="guide-topics")
        yield Static("The same topics as `outsource help TOPIC` on the command line.", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#guide-topics", OptionList).focus()

    @on(OptionList.OptionSelected, "#guide-topics")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        topic = next(t for t in TOPICS if t.name == event.option.id)
        self.app.push_screen(TopicScreen(topic))

    def action_back(self) -> None:
        self.dismiss(None)


class TopicScreen(Screen[None]):
    """One topic as Markdown, scrolling with the keys (arrows, Page Up/Down, Home/End). A followed
    link replaces the page; Escape goes back through the followed topics, then to the list."""

    BINDINGS = bindings("topic")

    def __init__(self, topic: Topic) -> None:
        super().__init__()
        self.topic = topic
        self.text = ""
        self.trail: list[Topic] = []  #: the topics left by following links (Escape returns to them)

    def compose(self) -> ComposeResult:
        yield Static("", id="topic-title", classes="screen-title")
        with VerticalScroll(id="topic-page"):
            yield Markdown("", open_links=False, id="topic-text")
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.query_one("#topic-page").focus()
        await self.show(self.topic)

    async def show(self, topic: Topic, anchor: str = "") -> None:
        try:
            text = topic_text(topic.name)
        except AdvisorError as exc:
            text = f"The user guide could not be read: {exc.message}"
        self.topic, self.text = topic, text
        self.query_one("#topic-title", Static).update(
            Content.assemble(("User guide · ", "bold"), lit(topic.name), " · ", lit(topic.about)))
        await self.query_one("#topic-text", Markdown).update(text)
        page = self.query_one("#topic-page", VerticalScroll)
        if anchor and self.query_one("#topic-text", Markdown).goto_anchor(anchor):
            return
        page.scroll_home(animate=False)

    async def follow(self, href: str) -> None:
        target = resolve(href, self.topic)
        if target.topic is None:
            self.notify(Content.assemble("Not followed (outside the user guide): ", lit(target.outside[:200])),
                        severity="warning")
            return
        if target.topic is not self.topic:
            self.trail.append(self.topic)
            await self.show(target.topic, target.anchor)
        elif target.anchor:
            self.query_one("#topic-text", Markdown).goto_anchor(target.anchor)

    @on(Markdown.LinkClicked)
    async def _clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        await self.follow(event.href)

    def action_links(self) -> None:
        links = topic_links(self.text, self.topic)
        if not links:
            self.notify("This topic links to no other topic.")
            return

        async def chosen(index: int | None) -> None:
            if index is not None:
                _, topic, anchor = links[index]
                await self.follow(f"{topic.file}#{anchor}" if anchor else topic.file)

        self.app.push_screen(LinksScreen(links), chosen)

    async def action_back(self) -> None:
        if self.trail:
            await self.show(self.trail.pop())
            return
        self.dismiss(None)


class LinksScreen(ModalScreen[int | None]):
    """The links of a topic into the guide; Enter follows one (the keyboard's way to a link)."""

    BINDINGS = bindings("links")

    def __init__(self, links: list[tuple[str, Topic, str]]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Links to other topics · Enter follows one", classes="dialog-title")
            yield OptionList(*(Option(Content.assemble(lit(text), ("  → ", "$text-muted"), lit(topic.name),
                                                       (f"#{anchor}" if anchor else "", "$text-muted")))
                               for text, topic, anchor in self.links), id="guide-links", classes="dialog-list")

    def on_mount(self) -> None:
        self.query_one("#guide-links", OptionList).focus()

    @on(OptionList.OptionSelected, "#guide-links")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        self.dismiss(None)
