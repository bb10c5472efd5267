"""A user-guide topic cut into pages (advisor/guidepages.py, issue 19/24): the app shows one page
at a time, so what a page holds, where a link lands and that nothing is lost are what the user
relies on. Pure functions: no app, no timing."""

from __future__ import annotations

import re

import pytest

from advisor.commands.guide import TOPICS, topic_text
from advisor.guidepages import PAGE_WEIGHT, column_widths, paginate, plain_inline, slug, table_cells

_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(([^()\s]{1,300})\)")


def _without_repeated_headers(paged) -> list[str]:
    """Every line of every page, but a continued table's header repeated at the top of a page."""
    return [line for page in paged.pages for line in page.text.splitlines(keepends=True)[page.repeats:]]


def test_a_topic_is_its_intro_then_one_page_per_light_section():
    text = ("# Title\n\nIntro words.\n\n## First\n\nOne.\n\n```sh\n## not a heading (code)\n```\n\n"
            "## Second `part`\n\nTwo [link](#first).\n")
    paged = paginate(text)
    assert [(p.title, p.section, p.part, p.parts) for p in paged.pages] == [
        ("", 0, 1, 1), ("First", 1, 1, 1), ("Second `part`", 2, 1, 1)]
    assert paged.sections == (("", 0), ("First", 1), ("Second `part`", 2))
    assert "".join(p.text for p in paged.pages) == text  # nothing lost, nothing added
    assert "## not a heading" in paged.pages[1].text
    assert paged.find("first") == (1, 0) and paged.find("second-part") == (2, 0)
    assert paged.find("title") == (0, 0) and paged.find("nowhere") is None


def test_a_heavy_section_is_cut_at_its_subheadings_then_between_blocks():
    para = "word " * 300 + "\n\n"  # 1,502 characters
    text = "## Big\n\n" + "".join(f"### Part {n}\n\n" + para * 3 for n in range(4))
    paged = paginate(text, limit=5_000)
    assert len(paged.pages) == 4 and all(p.title == "Big" and p.parts == 4 for p in paged.pages)
    assert all(p.text.removeprefix("## Big\n\n").startswith("### Part") for p in paged.pages)
    assert [paged.find(f"part-{n}")[0] for n in range(4)] == [0, 1, 2, 3]
    assert "".join(p.text for p in paged.pages) == text
    # one part too heavy for a page: cut between its paragraphs, never inside one
    heavy = "## Big\n\n" + para * 10
    pages = paginate(heavy, limit=5_000).pages
    assert len(pages) == 4 and all(p.weight <= 5_000 for p in pages)
    assert all(p.text.endswith("word \n\n") for p in pages)


def test_a_long_table_is_cut_between_rows_and_each_part_repeats_its_header():
    rows = "".join(f"| `rule-{n}` | {n} |\n" for n in range(400))
    text = "## Rules\n\nThe table:\n\n| rule | n |\n|---|--:|\n" + rows + "\nAfter.\n"
    paged = paginate(text, limit=3_000)
    assert len(paged.pages) > 3
    for page in paged.pages[1:-1]:
        assert page.text.startswith("| rule | n |\n|---|--:|\n| `rule-")
        assert page.weight <= 3_000
    assert "".join(_without_repeated_headers(paged)) == text


def test_a_long_list_is_cut_before_an_item():
    items = "".join(f"- **item {n}**: " + "text " * 40 + "\n  continued line\n" for n in range(100))
    paged = paginate("## List\n\n" + items, limit=4_000)
    assert len(paged.pages) > 3
    assert all(p.text.startswith(("- **item", "## List")) for p in paged.pages)
    assert "".join(p.text for p in paged.pages) == "## List\n\n" + items


def test_anchors_are_githubs_and_unique_in_the_topic():
    assert slug("`outsource check`") == "outsource-check"
    assert slug("User guide (F1)") == "user-guide-f1"
    assert slug("Reading a rule: `rules show` and `rules list --format json`") == \
        "reading-a-rule-rules-show-and-rules-list---format-json"
    assert slug("[The link](x.md) café — ok") == "the-link-café--ok"
    assert paginate("## Closed ##\n\n## C# #\n").sections == (("Closed", 0), ("C#", 1))
    paged = paginate("## Keys\n\n### Keys\n\nx\n\n## Keys\n\ny\n")
    assert paged.find("keys") == (0, 0) and paged.find("keys-1") == (0, 1) and paged.find("keys-2") == (1, 0)
    assert paged.sections == (("Keys", 0), ("Keys", 1))  # no text before the first section: none shown


def test_table_cells_are_the_words_they_show():
    header, rows = table_cells("| a | `b` |\n|---|:-:|\n| [x](y.md) | **z** \\| w |\n| only |\n")
    assert header == ["a", "b"] and rows == [["x", "z | w"], ["only", ""]]
    assert table_cells("") == ([], [])
    assert plain_inline("`a` and [b](c) and **d**") == "a and b and d"


def test_column_widths_keep_every_word_of_a_cell_whole_when_they_can():
    header, rows = ["rule", "severity", "cancelled"], [["interview-before-moderate-hire", "warning", "✓"],
                                                       ["x", "info", ""]]
    assert column_widths(header, rows, 80) == [30, 8, 9]  # all fits: each its longest cell
    widths = column_widths(header, rows, 45)  # too narrow for "cancelled": the header folds, no word does
    assert sum(widths) + 2 == 45 and widths[0] >= 30 and widths[1] >= 7 and widths[2] >= 1
    assert column_widths(header, rows, 30) is None  # the words alone do not fit: the viewer decides
    text = topic_text("rules")  # the rule table (10 columns) at 80x24 keeps its rule ids whole
    header, rows = table_cells(text[text.index("| rule | pack | severity"):].split("\n\n", 1)[0])
    widths = column_widths(header, rows, 76)
    assert widths[0] == max(len(row[0]) for row in rows) and sum(widths) + len(widths) - 1 == 76


def test_empty_and_headingless_text_is_one_page():
    assert [p.text for p in paginate("").pages] == [""]
    assert [p.text for p in paginate("just words\n").pages] == ["just words\n"]


@pytest.mark.parametrize("topic", [t.name for t in TOPICS])
def test_every_shipped_topic_is_cut_into_light_pages_and_loses_nothing(topic):
    text = topic_text(topic)
    paged = paginate(text)
    assert "".join(_without_repeated_headers(paged)) == text
    # a page passes the limit by at most one paragraph or list item (never cut)
    for page in paged.pages:
        blocks = re.split(r"\n\s*\n|\n(?=- )", page.text)
        assert page.weight <= PAGE_WEIGHT + max(len(b) for b in blocks), (page.title, page.part)
    heaviest = max(p.weight for p in paginate(topic_text("rules")).pages)
    assert heaviest < 8_000  # the whole "When each rule speaks" section alone was 47 KB


def test_every_anchor_link_in_the_shipped_topics_opens_a_page():
    by_file = {t.file: t for t in TOPICS}
    paged = {t.name: paginate(topic_text(t.name)) for t in TOPICS}
    anchors = 0
    for topic in TOPICS:
        for _, href in _LINK.findall(topic_text(topic.name)):
            path, _, anchor = href.partition("#")
            target = topic if not path else by_file.get(path)
            if target is None or not anchor or "://" in href:
                continue
            anchors += 1
            assert paged[target.name].find(anchor) is not None, f"{topic.file}: {href} leads nowhere"
    assert anchors >= 5  # the guide's own cross-references (docs/app.md, docs/plan-format.md)
