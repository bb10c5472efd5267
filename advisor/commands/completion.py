"""``outsource completion bash|zsh|fish``: a shell completion script, generated from the command
line's own parser, so it always offers exactly the commands and options that exist.

Install: ``outsource completion bash > ~/.local/share/bash-completion/completions/outsource``,
``outsource completion zsh > "${fpath[1]}/_outsource"`` (or ``eval "$(outsource completion zsh)"``
in ~/.zshrc), ``outsource completion fish > ~/.config/fish/completions/outsource.fish``.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh", "fish")


def register(sub) -> None:
    p = sub.add_parser("completion", help="print a shell completion script (bash, zsh or fish)",
                       description="Print a completion script for SHELL. bash: save it as "
                                   "~/.local/share/bash-completion/completions/outsource; zsh: add "
                                   "eval \"$(outsource completion zsh)\" to ~/.zshrc; fish: save it as "
                                   "~/.config/fish/completions/outsource.fish.")
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash, zsh or fish")
    p.set_defaults(func=run, needs_engine=False)
    # what the scripts run to complete ``--task``: not listed (no help), not offered as a command
    from advisor.commands import add_common

    ids = sub.add_parser(TASK_IDS)
    add_common(ids)
    ids.add_argument("prefix", nargs="?", default="")
    ids.set_defaults(func=task_ids, needs_engine=False)


#: The hidden command the completion scripts call for ``--task``'s values.
TASK_IDS = "_task-ids"


def task_ids(args: argparse.Namespace) -> int:
    """The workspace's task ids that start with ``prefix``, one a line, in the plan's order.
    Only ids that are plain words (letters, digits, ``-``, ``_``, ``.``: what the model allows)
    are printed, so nothing a shell would expand reaches it; a missing or unreadable workspace
    prints nothing (completion must never show an error or create a workspace)."""
    import sys
    from pathlib import Path

    from advisor.commands import settings_from
    from advisor.plan.model import ID_RE
    from advisor.storage.workspace import Workspace

    try:
        path = Path(settings_from(args).db_path).expanduser()
        if not path.is_file():
            return 0
        with Workspace.open_for_reading(path) as ws, ws._lock:
            rows = ws.conn.execute("SELECT id FROM tasks ORDER BY position").fetchall()
    except Exception:
        return 0
    out = [i for (i,) in rows if isinstance(i, str) and ID_RE.fullmatch(i) and i.startswith(args.prefix)]
    sys.stdout.write("".join(f"{i}\n" for i in out))
    return 0


@dataclass
class Command:
    """What a completion offers after a subcommand."""

    name: str
    help: str
    options: list[tuple[str, str, bool]] = field(default_factory=list)  # (flag, help, takes a value)
    choices: list[str] = field(default_factory=list)  # values of its first positional argument


def commands(parser: argparse.ArgumentParser) -> tuple[list[tuple[str, str, bool]], list[Command]]:
    """The global options and every subcommand, read from ``parser``."""
    def options(p: argparse.ArgumentParser) -> list[tuple[str, str, bool]]:
        return [(flag, (a.help or "").replace("%%", "%"), a.nargs != 0)
                for a in p._actions for flag in a.option_strings if flag.startswith("--")]

    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help or "" for c in sub._choices_actions}
    out = []
    for name, p in sub.choices.items():
        if name == TASK_IDS:
            continue
        pos = [a for a in p._actions if not a.option_strings and a.choices]
        out.append(Command(name, helps.get(name, ""), options(p), [str(c) for c in pos[0].choices] if pos else []))
    return options(parser), out


def _flag_choices(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    """Options with a fixed set of values (``--format``, ``--fail-on``), over every command."""
    out: dict[str, set[str]] = {}
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for p in [parser, *sub.choices.values()]:
        for a in p._actions:
            if a.choices and a.option_strings:
                for flag in a.option_strings:
                    out.setdefault(flag, set()).update(map(str, a.choices))
    return out


def _value_flags(glob, cmds) -> list[str]:
    return sorted({f for f, _, v in glob if v} | {f for c in cmds for f, _, v in c.options if v})


def bash(parser: argparse.ArgumentParser) -> str:
    glob, cmds = commands(parser)
    words = " ".join([c.name for c in cmds] + [f for f, _, _ in glob])
    cases = "\n".join(f"        {c.name}) opts={shlex.quote(' '.join([f for f, _, _ in c.options] + c.choices))} ;;"
                      for c in cmds)
    takes = "|".join(_value_flags(glob, cmds))
    chosen = _flag_choices(parser)
    choice_cases = "".join(f"        {flag}) COMPREPLY=($(compgen -W {shlex.quote(' '.join(sorted(values)))} -- \"$cur\")); return ;;\n"
                           for flag, values in sorted(chosen.items()))
    return f"""# bash completion for outsource (generated by `outsource completion bash`)
_outsource() {{
    local cur prev cmd="" opts i w
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    case "$prev" in
{choice_cases}        --task)  # the workspace's task ids (plain words only: nothing here is expanded)
            local db=() j IFS=$'\\n'
            for ((j = 1; j < COMP_CWORD - 1; j++)); do
                [[ "${{COMP_WORDS[j]}}" == --db ]] && db=(--db "${{COMP_WORDS[j+1]}}")
            done
            COMPREPLY=($(outsource {TASK_IDS} "${{db[@]}}" -- "$cur" 2>/dev/null)); return ;;
        {takes}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${{COMP_WORDS[i]}}"
        case "$w" in
            {takes}) ((i++)) ;;
            -*) ;;
            *) cmd="$w"; break ;;
        esac
    done
    if [[ -z "$cmd" ]]; then
        COMPREPLY=($(compgen -W {shlex.quote(words)} -- "$cur"))
        return
    fi
    case "$cmd" in
{cases}
        *) opts="" ;;
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    if [[ "$cur" != -* ]]; then
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _outsource outsource
"""


def zsh(parser: argparse.ArgumentParser) -> str:
    return ("#compdef outsource\n# zsh completion for outsource (generated by `outsource completion zsh`): "
            "the bash script through zsh's bashcompinit\n"
            "autoload -U +X bashcompinit && bashcompinit\n" + bash(parser).split("\n", 1)[1])


def fish(parser: argparse.ArgumentParser) -> str:
    glob, cmds = commands(parser)
    names = " ".join(c.name for c in cmds)

    def opt(flag: str, text: str, value: bool) -> str:
        values = " -r -f -a " + shlex.quote(f"(outsource {TASK_IDS} 2>/dev/null)") if flag == "--task" else " -r -F"
        return f"-l {flag[2:]}" + (values if value else "") + (f" -d {shlex.quote(text[:80])}" if text else "")

    lines = ["# fish completion for outsource (generated by `outsource completion fish`)",
             "complete -c outsource -f"]
    lines += [f"complete -c outsource -n __fish_use_subcommand {opt(f, h, v)}" for f, h, v in glob]
    for c in cmds:
        lines.append(f"complete -c outsource -n __fish_use_subcommand -a {c.name} -d {shlex.quote(c.help[:80])}")
        cond = shlex.quote(f"__fish_seen_subcommand_from {c.name}")
        lines += [f"complete -c outsource -n {cond} {opt(f, h, v)}" for f, h, v in c.options]
        if c.choices:
            lines.append(f"complete -c outsource -n {cond} -a {shlex.quote(' '.join(c.choices))}")
        else:
            lines.append(f"complete -c outsource -n {cond} -F")
    lines.append(f"# subcommands: {names}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    import sys

    # the whole command line's parser, handed down by advisor.cli.main (a command never imports
    # advisor.cli: that would be an import cycle)
    sys.stdout.write({"bash": bash, "zsh": zsh, "fish": fish}[args.shell](args.parser))
    return 0
