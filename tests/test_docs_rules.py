"""docs/rules.md's per-rule table and list are generated from the shipped packs (`make docs`):
the page in the repository is never stale, the generator touches only its marked block, and its
`--check` mode says what to run."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from advisor.errors import AdvisorError
from advisor.rules import docs

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "rules.md"


def test_rules_md_is_not_stale():
    text = PAGE.read_text(encoding="utf-8")
    assert docs.update(text, docs.shipped_rules()) == text, "docs/rules.md is stale: run make docs"


def test_every_shipped_rule_has_its_row_and_line():
    text = PAGE.read_text(encoding="utf-8")
    block = text[text.index(docs.BEGIN):text.index(docs.END)]
    for r in docs.shipped_rules():
        assert f"| `{r.id}` | {r.pack} | {r.severity} | {r.about} | " in block, r.id
        assert f"- **`{r.id}`** ({r.severity}; " in block, r.id
        assert r.source in block and r.fix in block, r.id


def test_update_rewrites_only_the_marked_block():
    rules = docs.shipped_rules()[:3]
    page = f"# Title\n\nhand text | with a pipe\n\n{docs.BEGIN}\nold table\n{docs.END}\n\nafter ✓\n"
    out = docs.update(page, rules)
    assert out.startswith("# Title\n\nhand text | with a pipe\n\n" + docs.BEGIN + "\n")
    assert out.endswith(docs.END + "\n\nafter ✓\n")
    assert "old table" not in out and f"`{rules[0].id}`" in out
    assert docs.update(out, rules) == out  # generating twice changes nothing
    # a change in a pack shows on the page
    changed = [replace(rules[0], severity="risk", source="A | piped\nsource.")] + rules[1:]
    again = docs.update(out, changed)
    assert again != out and f"| `{rules[0].id}` | {rules[0].pack} | risk |" in again
    assert "A \\| piped source." in again  # one line, the pipe escaped (never a broken table)


@pytest.mark.parametrize("page", ["no markers\n", f"{docs.END}\n{docs.BEGIN}\n",
                                  f"{docs.BEGIN}\n{docs.END}\n{docs.BEGIN}\n{docs.END}\n"])
def test_a_page_without_one_block_is_refused(page):
    with pytest.raises(AdvisorError, match="generated: rules begin"):
        docs.update(page, [])


def test_check_mode_names_the_stale_file_and_says_run_make_docs(tmp_path):
    page = tmp_path / "rules.md"
    text = PAGE.read_text(encoding="utf-8")
    page.write_text(text.replace("| `start-small` | core | warning |", "| `start-small` | core | info |"),
                    encoding="utf-8")
    cmd = [sys.executable, "-m", "advisor.rules.docs"]
    stale = subprocess.run([*cmd, "--check", str(page)], capture_output=True, text=True, timeout=60)
    assert stale.returncode == 1 and str(page) in stale.stderr and "run make docs" in stale.stderr
    assert subprocess.run([*cmd, str(page)], capture_output=True, text=True, timeout=60).returncode == 0
    assert page.read_text(encoding="utf-8") == text  # written back to what the packs say
    ok = subprocess.run([*cmd, "--check", str(page)], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    (tmp_path / "bare.md").write_text("no markers\n", encoding="utf-8")
    bad = subprocess.run([*cmd, "--check", str(tmp_path / "bare.md")], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "bare.md" in bad.stderr and "Traceback" not in bad.stderr
