"""`outsource help [TOPIC]` prints the user guide and `outsource example` writes a shipped plan,
so an installed user (no checkout) has the docs and the README's commands work anywhere. The
wheel test (tests/test_wheel.py) runs both from the installed wheel."""

from __future__ import annotations

import re
from pathlib import Path

from advisor.cli import main
from advisor.commands.guide import TOPICS
from advisor.storage.planfile import load_plan

ROOT = Path(__file__).resolve().parent.parent


def test_help_lists_topics(capsys):
    assert main(["help"]) == 0
    out = capsys.readouterr().out
    for t in TOPICS:
        assert f"  {t.name}" in out


def test_every_topic_prints_its_doc(capsys):
    for t in TOPICS:
        assert main(["help", t.name]) == 0
        out = capsys.readouterr().out
        assert out.startswith((ROOT / "docs" / t.file).read_text(encoding="utf-8")[:200])
    main(["help", "config"])
    assert "[advisor.settings]" in capsys.readouterr().out  # the example config follows


def test_unknown_topic_is_one_line(capsys):
    assert main(["help", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: TOPIC: there is no help topic 'nope'\nhint: topics: plan-format,")


def test_example_writes_the_plan(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["example", "bakery"]) == 0
    assert load_plan(tmp_path / "bakery.toml").business.name == "Bramble Bakery"
    assert main(["example", "bakery"]) == 2  # never over an existing file
    assert "already exists" in capsys.readouterr().err
    assert main(["example", "bakery", "-o", "b.toml"]) == 0
    assert (tmp_path / "b.toml").read_bytes() == (ROOT / "examples" / "bakery.toml").read_bytes()
    assert main(["example", "nope"]) == 2


def test_hints_name_help_topics_not_doc_files():
    """An installed user has no docs/ folder: no message in the code may point at one."""
    import re

    offenders = []
    for path in list((ROOT / "advisor").rglob("*.py")) + list((ROOT / "tui").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.split("  # ")[0]  # a trailing comment is for developers
            if re.search(r"[\"'][^\"']*docs/[\w-]+\.md", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert offenders == []


def test_docs_link_only_inside_the_project():
    links = re.compile(r"\]\(([^)#]+)")
    bad = []
    for doc in [ROOT / "README.md", ROOT / "DEVELOPERS.md", *(ROOT / "docs").glob("*.md")]:
        text = doc.read_text(encoding="utf-8")
        for target in links.findall(text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            if not (doc.parent / target).resolve().is_relative_to(ROOT) or not (doc.parent / target).exists():
                bad.append(f"{doc.name}: {target}")
        if "../shared" in text:
            bad.append(f"{doc.name}: ../shared")
    assert bad == []



