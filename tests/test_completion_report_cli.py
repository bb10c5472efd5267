"""`outsource completion` scripts complete the real commands and options; `outsource report`
writes the app's advice report with user text inert in Markdown and HTML."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from advisor.cli import main

ROOT = Path(__file__).resolve().parent.parent
EVIL = "<img src=x onerror=alert(1)>[click](http://evil.example)"


def _complete(script: str, line: str) -> list[str]:
    """Run bash completion for ``line`` (the cursor at its end) and return the candidates."""
    words = line.split(" ")
    driver = (script + "\nCOMP_WORDS=(" + " ".join(f"'{w}'" for w in words) + f")\nCOMP_CWORD={len(words) - 1}\n"
              "_outsource\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    proc = subprocess.run(["bash", "-c", driver], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


@pytest.fixture
def bash_script(capsys):
    assert main(["completion", "bash"]) == 0
    return capsys.readouterr().out


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_options_and_choices(bash_script, tmp_path):
    assert {"import", "report", "completion", "check"} <= set(_complete(bash_script, "outsource "))
    assert _complete(bash_script, "outsource rep") == ["report"]
    assert "--history" in _complete(bash_script, "outsource import --")
    assert _complete(bash_script, "outsource --db x.db check --fail-on ") == ["info", "risk", "warning"]
    assert "rules" in _complete(bash_script, "outsource help ")


def test_zsh_and_fish_scripts_name_every_command(capsys):
    assert main(["completion", "zsh"]) == 0
    zsh = capsys.readouterr().out
    assert zsh.startswith("#compdef outsource") and "bashcompinit" in zsh and "_outsource" in zsh
    assert main(["completion", "fish"]) == 0
    fish = capsys.readouterr().out
    assert "complete -c outsource -n __fish_use_subcommand -a report" in fish
    assert "-l history" in fish
    for shell, text in (("zsh", zsh), ("fish", fish)):
        exe = shutil.which(shell)
        if exe:  # syntax-check with the real shell when it is installed
            proc = subprocess.run([exe, "-n"], input=text, capture_output=True, text=True, timeout=30)
            assert proc.returncode == 0, proc.stderr


def test_report_escapes_user_text_in_markdown_and_html(tmp_path, bakery, capsys):
    from markdown_it import MarkdownIt

    from advisor.storage.planfile import dumps_plan

    bakery.business.name = EVIL
    bakery.tasks[0].title = EVIL
    plan = tmp_path / "plan.toml"
    plan.write_text(dumps_plan(bakery), encoding="utf-8")
    assert main(["report", "--plan", str(plan)]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Advice report: ") and "## " in md
    rendered = MarkdownIt("gfm-like").render(md)  # GitHub-like: tables, raw HTML, linkify
    assert "<img" not in rendered and "<a " not in rendered and "href" not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;[click](http[:]//evil.example)" in rendered

    out = tmp_path / "advice.html"
    assert main(["report", "--plan", str(plan), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<img" not in page and "<a " not in page
    assert "&lt;img src=x onerror=alert(1)&gt;[click](http://evil.example)" in page
    assert "Content-Security-Policy" in page
    assert main(["report", "--plan", str(plan), "-o", str(out)]) == 2  # never over a file without --force
