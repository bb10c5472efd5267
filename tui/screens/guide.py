"""F1: the user guide inside the app, the same topics and files as ``outsource help``.

The topic list and each topic's text come from the core (``advisor.commands.guide``: ``TOPICS``
and ``topic_text``, which reads the shipped docs through ``advisor.resources``), so there is one
copy of the docs. A topic is shown one page at a time (``advisor.guidepages`` cuts it at its
``##`` sections, and a heavy section into parts): a viewer that builds widgets per table cell
froze the app for seconds on a whole topic. Links open the page holding their anchor (clicked, or
chosen from the ``l`` list: keyboard only); a link to anything outside the guide is never
followed, only named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.widget import Widget
from rich import box
from rich.table import Table
from rich.text import Text
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.markdown import MarkdownBlock
from textual.widgets.option_list import Option

from advisor.commands.guide import TOPICS, Topic, topic_text
from advisor.errors import AdvisorError
from advisor.guidepages import column_widths, paginate, plain_inline, table_cells
from advisor.text import plain

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


class TableLines(Widget):
    """A table's cells drawn with Rich, once per width (a ``Static`` would draw it twice per
    layout: once to count its lines, once to show them). Column widths from
    ``advisor.guidepages.column_widths``: every word of a cell whole where they fit."""

    DEFAULT_CSS = "TableLines { height: auto; }"

    def __init__(self, header: list[str], rows: list[list[str]]) -> None:
        super().__init__()
        self.header, self.rows = header, rows
        self._lines: list[Strip] = []
        self._width = -1

    def _table(self, width: int) -> Table:
        widths = column_widths(self.header, self.rows, width)
        table = Table(box=box.SIMPLE_HEAD, expand=widths is None, show_edge=False, pad_edge=False, padding=0,
                      header_style="bold")
        for n, title in enumerate(self.header):
            table.add_column(Text(plain(title, newlines=False)), overflow="fold",
                             width=widths[n] if widths else None)
        for row in self.rows:
            table.add_row(*(Text(plain(cell, newlines=False)) for cell in row))
        return table

    def _drawn(self, width: int) -> list[Strip]:
        if width != self._width:
            console = self.app.console
            options = console.options.update_width(max(1, width))
            self._lines = [Strip(line, width) for line in console.render_lines(self._table(width), options, pad=True)]
            self._width = width
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._drawn(width))

    def render_line(self, y: int) -> Strip:
        lines = self._drawn(self.size.width)
        line = lines[y] if 0 <= y < len(lines) else Strip.blank(self.size.width)
        return line.apply_style(self.rich_style)


class GuideTable(MarkdownBlock):
    """A Markdown table drawn as one widget: Textual's table makes a widget of every cell and lays
    them out in a grid, 2-4 ms a cell here (docs/rules.md's rule table: 800 cells, seconds). The
    cells show their words (``advisor.guidepages.table_cells``), taken literally."""

    DEFAULT_CSS = "GuideTable { height: auto; margin: 0 0 1 0; }"

    def compose(self) -> ComposeResult:
        yield TableLines(*table_cells(self.source or ""))


class GuideMarkdown(Markdown):
    """The guide's Markdown viewer: tables as one widget each (:class:`GuideTable`)."""

    BLOCKS = {**Markdown.BLOCKS, "table_open": GuideTable}


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


class ContentsList(OptionList):
    """A topic's sections (Enter opens one); Page Up/Down scroll the text under it."""

    def action_page_down(self) -> None:
        self.screen.query_one("#topic-page", VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.screen.query_one("#topic-page", VerticalScroll).scroll_page_up(animate=False)


class TopicScreen(Screen[None]):
    """One topic, one page at a time (``advisor.guidepages``: a ``##`` section, or a part of a
    heavy one), so a page is on screen at once however long the topic. The first page lists the
    sections (Enter opens one); ``n`` / ``p`` turn the pages, ``c`` comes back to the contents. A
    followed link opens the page holding its anchor; Escape goes back through the links followed,
    then to the contents, then to the list of topics."""

    BINDINGS = bindings("topic")
    DEFAULT_CSS = """
    TopicScreen #topic-contents { height: auto; max-height: 50%; border: none; }
    TopicScreen #topic-contents.-hidden { display: none; }
    """

    def __init__(self, topic: Topic) -> None:
        super().__init__()
        self.topic = topic
        self.text = ""
        self.paged = paginate("")
        self.page = 0  #: the index of the page on screen in ``self.paged.pages``
        #: where Escape returns: (topic, page) each link was followed from
        self.trail: list[tuple[Topic, int]] = []
        self._contents_of = ""  #: the topic whose sections the contents list holds

    def compose(self) -> ComposeResult:
        yield Static("", id="topic-title", classes="screen-title")
        yield ContentsList(id="topic-contents")
        with VerticalScroll(id="topic-page"):
            yield GuideMarkdown("", open_links=False, id="topic-text")
        yield KeysFooter()

    async def on_mount(self) -> None:
        await self.show(self.topic)

    def _load(self, topic: Topic) -> None:
        if topic is self.topic and self.text:
            return
        try:
            text = topic_text(topic.name)
        except AdvisorError as exc:
            text = f"The user guide could not be read: {exc.message}"
        self.topic, self.text, self.paged = topic, text, paginate(text)

    async def show(self, topic: Topic, page: int = 0, heading: int | None = None) -> None:
        """Show page ``page`` of ``topic`` (its text read and cut once per topic), scrolled to its
        heading number ``heading`` or to the top."""
        previous = self.page if topic is self.topic and self.text else None
        self._load(topic)
        page = max(0, min(page, len(self.paged.pages) - 1))
        self.page, current = page, self.paged.pages[page]
        where = [lit(plain_inline(current.title) if current.title else topic.about)]
        if current.parts > 1:
            where.append(f" ({current.part}/{current.parts})")
        self.query_one("#topic-title", Static).update(
            Content.assemble(("User guide · ", "bold"), lit(topic.name), " · ", *where))
        contents = self.query_one("#topic-contents", ContentsList)
        on_contents = page == 0 and len(self.paged.sections) > 1
        if self._contents_of != topic.name:
            self._contents_of = topic.name
            contents.clear_options()
            contents.add_options([Option(Content.assemble(lit(plain_inline(title))), id=str(first))
                                  for title, first in self.paged.sections if title])
        if on_contents:  # the highlight on the section just left (the first one at first)
            titled = [first for title, first in self.paged.sections if title]
            left = self.paged.pages[previous].section if previous is not None else -1
            contents.highlighted = next((n for n, first in enumerate(titled)
                                         if self.paged.pages[first].section == left), 0)
        contents.set_class(not on_contents, "-hidden")
        markdown = self.query_one("#topic-text", GuideMarkdown)
        await markdown.update(current.text)
        scroll = self.query_one("#topic-page", VerticalScroll)
        (contents if on_contents else scroll).focus()
        if heading is not None and 0 <= heading < len(markdown.table_of_contents):
            # once laid out: the blocks above the heading have their heights then
            target = markdown.query_one(f"#{markdown.table_of_contents[heading][2]}")
            self.call_after_refresh(lambda: target.scroll_visible(top=True, animate=False))
        else:
            scroll.scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#topic-contents")
    async def _section(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.show(self.topic, int(event.option.id or 0))

    async def follow(self, href: str) -> None:
        target = resolve(href, self.topic)
        if target.topic is None:
            self.notify(Content.assemble("Not followed (outside the user guide): ", lit(target.outside[:200])),
                        severity="warning")
            return
        here = (self.topic, self.page)
        self._load(target.topic)
        found = self.paged.find(target.anchor) if target.anchor else None
        page, heading = found if found else (0, None)
        if target.anchor and found is None:
            self.notify(Content.assemble("No section ", lit(f"#{target.anchor[:100]}"), " in this topic: "
                                         "its contents instead."), severity="warning")
        if (target.topic, page) != here:
            if not self.trail or self.trail[-1] != here:
                self.trail.append(here)
        await self.show(target.topic, page, heading)

    @on(Markdown.LinkClicked)
    async def _clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        await self.follow(event.href)

    def action_links(self) -> None:
        links = topic_links(self.paged.pages[self.page].text, self.topic)
        if not links:
            self.notify("This page links to no other section or topic.")
            return

        async def chosen(index: int | None) -> None:
            if index is not None:
                _, topic, anchor = links[index]
                await self.follow(f"{topic.file}#{anchor}" if anchor else topic.file)

        self.app.push_screen(LinksScreen(links), chosen)

    async def action_next_page(self) -> None:
        if self.page + 1 < len(self.paged.pages):
            await self.show(self.topic, self.page + 1)
        else:
            self.notify("This is the topic's last page.")

    async def action_previous_page(self) -> None:
        if self.page > 0:
            await self.show(self.topic, self.page - 1)
        else:
            self.notify("This is the topic's first page.")

    async def action_contents(self) -> None:
        if self.page:
            await self.show(self.topic, 0)

    async def action_back(self) -> None:
        """Back where the last link was followed from, else to the contents, else to the topics."""
        while self.trail:
            topic, page = self.trail.pop()
            if (topic, page) != (self.topic, self.page):
                await self.show(topic, page)
                return
        if self.page:
            await self.show(self.topic, 0)
            return
        self.dismiss(None)


class LinksScreen(ModalScreen[int | None]):
    """The links of a page into the guide; Enter follows one (the keyboard's way to a link)."""

    BINDINGS = bindings("links")

    def __init__(self, links: list[tuple[str, Topic, str]]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Links to other sections and topics · Enter follows one", classes="dialog-title")
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
