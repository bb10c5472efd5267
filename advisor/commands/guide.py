"""``outsource help [TOPIC]`` and ``outsource example NAME``: the user guide and the example plans,
read from the files shipped in the wheel, so an installed user has the docs and every README
command works from an empty folder."""

from __future__ import annotations

import argparse
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A user-guide topic: the docs file it prints and what it covers."""

    name: str
    file: str
    about: str


TOPICS = (
    Topic("plan-format", "plan-format.md", "plan files, every key, and the accepted CSV columns"),
    Topic("history", "history-import.md", "importing a marketplace's transaction history"),
    Topic("rules", "rules.md", "rule packs, the expression language and every fact"),
    Topic("app", "app.md", "the terminal app: screens, keys and remapping"),
    Topic("config", "configuration.md", "the config file and every setting"),
)


def register(sub) -> None:
    p = sub.add_parser("help", help="print a user-guide topic (plan-format, rules, app, config, ...)",
                       description="Print a topic of the user guide. Without TOPIC, list the topics.")
    p.add_argument("topic", metavar="TOPIC", nargs="?", help="one of: " + ", ".join(t.name for t in TOPICS))
    p.set_defaults(func=run_help, needs_engine=False)

    p = sub.add_parser("example", help="write a shipped example plan (e.g. bakery) to a file",
                       description="Write a shipped example plan file, to import or to read. "
                                   "Without -o it is written to NAME.toml in the current folder.")
    p.add_argument("name", metavar="NAME", nargs="?", help="the example's name (without NAME: list them)")
    p.add_argument("-o", "--output", metavar="FILE", help="where to write it (- for standard output)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=run_example, needs_engine=False)


def topic_text(name: str) -> str:
    """The text of topic ``name``; the config topic ends with the shipped example config."""
    from advisor.errors import AdvisorError
    from advisor.resources import config_example_path, docs_dir

    topic = next((t for t in TOPICS if t.name == name), None)
    if topic is None:
        raise AdvisorError(f"there is no help topic {name!r}", field="TOPIC",
                           hint="topics: " + ", ".join(t.name for t in TOPICS))
    path = docs_dir() / topic.file
    try:
        text = path.read_text(encoding="utf-8")
        if topic.name == "config":
            text += "\n```toml\n" + config_example_path().read_text(encoding="utf-8") + "```\n"
    except OSError as exc:
        raise AdvisorError(f"the user guide is missing: {exc.strerror or exc}", file=path,
                           hint="reinstall outsource-advisor") from None
    return text


def run_help(args: argparse.Namespace) -> int:
    import sys

    if args.topic is None:
        width = max(len(t.name) for t in TOPICS)
        lines = ["User guide topics (outsource help TOPIC):"]
        lines += [f"  {t.name:<{width}}  {t.about}" for t in TOPICS]
        lines.append("Every command also has --help (e.g. outsource import --help).")
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    sys.stdout.write(topic_text(args.topic))
    return 0


def example_names() -> list[str]:
    from advisor.resources import examples_dir

    return sorted(p.stem for p in examples_dir().glob("*.toml"))


def run_example(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from advisor.errors import AdvisorError
    from advisor.files import write_atomic
    from advisor.resources import examples_dir

    names = example_names()
    if args.name is None:
        sys.stdout.write("Example plans (outsource example NAME [-o FILE]):\n"
                         + "".join(f"  {n}\n" for n in names))
        return 0
    if args.name not in names:
        raise AdvisorError(f"there is no example {args.name!r}", field="NAME",
                           hint="examples: " + ", ".join(names))
    data = (examples_dir() / f"{args.name}.toml").read_bytes()
    if args.output == "-":
        sys.stdout.write(data.decode("utf-8"))
        return 0
    dest = Path(args.output or f"{args.name}.toml")
    if dest.is_dir():
        raise AdvisorError("is a folder; give a file name such as plan.toml", file=dest)
    if dest.exists() and not args.force:
        raise AdvisorError("already exists; not overwriting it", file=dest, hint="add --force to overwrite")
    write_atomic(dest, data)
    print(f"wrote {dest} (import it with: outsource import {dest})")
    return 0
