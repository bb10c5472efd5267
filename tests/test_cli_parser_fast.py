"""``build_parser(argv)`` registers only the subcommand ``argv`` names (start-up work, issue 24):
every command the full parser knows must parse the same through that path."""

from __future__ import annotations

import argparse

import pytest

from advisor.cli import COMMANDS, build_parser, command_named


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def _shape(parser: argparse.ArgumentParser) -> list[tuple]:
    return [(a.option_strings, a.dest, a.nargs, a.default, a.choices and list(a.choices), a.required,
             a.__class__) for a in parser._actions if not isinstance(a, argparse._SubParsersAction)]


def _sub(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[name]


@pytest.mark.parametrize("name", _commands())
def test_every_command_parses_through_the_one_command_parser(name):
    argv = ["--db", "x.db", name, "--help"]
    full, fast = build_parser(), build_parser(argv)
    assert _shape(fast) == _shape(full)
    assert _shape(_sub(fast, name)) == _shape(_sub(full, name))
    assert _sub(fast, name)._defaults == _sub(full, name)._defaults  # the same func


def test_the_command_is_the_first_word_that_is_not_an_option_value():
    assert command_named(["--db", "check", "report"]) == "report"
    assert command_named(["--config", "a.toml", "check", "--plan", "p.toml"]) == "check"
    assert command_named(["--d", "check", "report"]) == "report"  # argparse's abbreviation of --db
    assert command_named(["--db=check", "report"]) == "report"
    assert command_named(["--no-mouse"]) is None
    assert command_named(["--", "check"]) is None
    assert command_named(["nonsense"]) is None
    assert set(COMMANDS) >= {"check", "report"}


def test_only_the_named_command_is_registered():
    sub = next(a for a in build_parser(["check"])._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == ["check"]
    # a module name that is not a command gives the full parser (and its full list of choices)
    sub = next(a for a in build_parser(["importing"])._actions if isinstance(a, argparse._SubParsersAction))
    assert "import" in sub.choices and "check" in sub.choices


@pytest.mark.parametrize("argv", [[], ["--db", "x.db"], ["--db=x.db", "--no-mouse"], ["--no-mouse", "--theme", "nord"],
                                  ["--config", "c.toml", "--no-config"]])
def test_a_plain_app_start_registers_no_command_and_parses_the_same(argv):
    from advisor.cli import app_only

    fast, full = build_parser(argv), build_parser()
    assert app_only(argv)
    assert not next(a for a in fast._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert vars(fast.parse_args(argv)) == vars(full.parse_args(argv))


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--version"], ["--db"], ["--d", "x.db"], ["chekc"],
                                  ["--db", "x.db", "check"], ["--theme"]])
def test_anything_else_is_not_a_plain_app_start(argv):
    from advisor.cli import app_only

    assert not app_only(argv)
