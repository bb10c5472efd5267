"""The ``outsource`` command: argument parsing and the error boundary.

Each subcommand lives in ``advisor/commands/<name>.py`` with ``register(subparsers)`` (which sets
``func``) and does its heavy imports inside the function it runs, so ``outsource --help`` and
start-up stay fast. Every :class:`~advisor.errors.AdvisorError` becomes one line on stderr plus a
hint and exit code 2; anything unexpected becomes one line plus the path of a log file holding
the traceback. A user never sees a traceback.

The terminal app is not part of the core: the installed ``outsource`` (``tui/launch.py``) passes
``launch_app``, which ``outsource`` without a subcommand and ``outsource demo`` call.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
import os
import sys
from typing import Callable, NoReturn, Sequence

from advisor import __version__
from advisor.commands import add_common, settings_from
from advisor.errors import AdvisorError

__all__ = ["add_common", "build_parser", "main", "settings_from", "write_crash_log"]

#: Subcommand modules under ``advisor.commands``, in the order ``--help`` lists them.
COMMANDS = ("app", "demo", "init", "importing", "exporting", "check", "history", "rules", "backup", "report",
            "serve", "config", "guide", "completion")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line plus a hint, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from advisor.text import plain

        # the message quotes the arguments (`unrecognized arguments: ...`): shown, never acted on
        sys.stderr.write(f"{self.prog}: error: {plain(message, newlines=False)}\nhint: run `{self.prog} --help`\n")
        raise SystemExit(2)


#: Top-level options followed by a value (``--db PATH``): the value is not the command's name.
_VALUE_OPTIONS = ("--db", "--config")


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names (its first word that is not an option or an option's
    value), if it is one of :data:`COMMANDS`; else None."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif len(word) > 2 and any(o.startswith(word) for o in _VALUE_OPTIONS):
            skip = True  # also an abbreviation argparse accepts (``--d PATH``)
        elif word == "--":
            return None
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


#: The top-level words of a plain app start (``outsource --db x.db --no-mouse``).
_APP_FLAGS = ("--no-mouse", "--no-config")
_APP_VALUE_OPTIONS = ("--db", "--config", "--theme")


def app_only(argv: Sequence[str]) -> bool:
    """``argv`` holds only the top-level options the app takes, each spelled out (no command, no
    help, no abbreviation): the app starts, and no subcommand needs registering."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _APP_VALUE_OPTIONS:
            skip = True
        elif word not in _APP_FLAGS and not word.startswith(tuple(f"{o}=" for o in _APP_VALUE_OPTIONS)):
            return False
    return not skip


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``argv`` naming a subcommand (other than ``completion``,
    which prints the whole command line), only that one is registered: argparse's building of
    the other 13 was ~20 ms of every command's start; with ``argv`` a plain app start
    (:func:`app_only`), none is."""
    named = command_named(argv) if argv is not None else None
    parser = _Parser(
        prog="outsource",
        description="Plan, research, shortlist and hire freelancers, with advice on every risky choice.",
    )
    parser.add_argument("--version", action="version", version=f"outsource-advisor {__version__}")
    add_common(parser)
    parser.add_argument("--no-mouse", action="store_true", default=argparse.SUPPRESS,
                        help="the app ignores the mouse (same as mouse = false under [ui])")
    parser.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS,
                        help="the app's colour theme for this run (a Textual theme such as nord or "
                             "textual-light, or a theme file's name; same as OUTSOURCE_THEME)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if argv is not None and app_only(argv):
        return parser
    for name in COMMANDS if named in (None, "completion") else (named,):
        importlib.import_module(f"advisor.commands.{name}").register(sub)
    if named not in (None, "completion") and named not in sub.choices:  # a module, not a command
        return build_parser()
    return parser


#: Commands whose process ends as soon as their output is written (:func:`exit_process`).
_EXIT_AT_ONCE = ("check",)

#: Runs the terminal app on a Settings and returns its exit code (``tui.launch.launch_app``).
AppLauncher = Callable[..., int]


def main(argv: Sequence[str] | None = None, *, launch_app: AppLauncher | None = None,
         serve_in_browser: Callable[..., None] | None = None) -> int:
    """The ``outsource`` command. ``launch_app``: how to open the terminal app, and
    ``serve_in_browser``: how to serve it to a browser (the top level passes them; without them,
    the commands that open the app say it is not installed). The core never imports the app."""
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    args.launch_app = launch_app
    args.serve_in_browser = serve_in_browser
    args.parser = parser  # for `outsource completion`, which prints the whole command line
    func = getattr(args, "func", None)
    if func is None:
        from advisor.commands.app import run_app

        func = run_app
    # the command reports every problem itself (e.g. the rules the compiler left out); without a
    # handler Python's last-resort one printed each log warning a second time
    logging.getLogger("advisor").addHandler(logging.NullHandler())
    if sys.stdout is None:  # started with stdout closed (`>&-`): nothing could be reported
        sys.stderr and sys.stderr.write("error: standard output is closed\n")
        return 2
    try:
        from advisor import clock

        clock.today()  # a bad OUTSOURCE_TODAY stops every command at once, in one line
        if getattr(args, "needs_engine", True):
            from advisor.engine.check import require_engine

            require_engine()  # an engine that cannot load stops every command at once, in one line
        code = int(func(args) or 0)
        sys.stdout.flush()  # a full disk (`> /dev/full`) fails here, not at interpreter exit
        return code
    except AdvisorError as exc:
        _print_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.filename is None and exc.errno in _OUTPUT_ERRNOS:  # writing stdout failed
            _quiet_stdout()
            sys.stderr.write(f"error: cannot write the output: {exc.strerror or exc}\n")
            return 2
        return _internal_error(exc)
    except Exception as exc:  # the last line of defence: never show a traceback
        return _internal_error(exc)


_OUTPUT_ERRNOS = (errno.ENOSPC, errno.EIO, errno.EBADF, errno.EPIPE, errno.EFBIG)


def exit_process(code: int, argv: Sequence[str]) -> NoReturn:
    """End this process with ``code``: the entry points' last call (``python -m advisor.cli`` and
    the installed ``outsource``), never :func:`main`'s, which callers run in their own process.

    After ``check`` (:data:`_EXIT_AT_ONCE`) the standard streams are flushed and the process ends
    at once (``os._exit``), as the engine's child process does: the interpreter's teardown freed
    every object of the plan, its facts and ~280 modules one by one, ~30 ms of CPU at 1,000
    candidates and ~60 ms at 10,000 (measured), with nothing left to do: the workspace and any
    output file are closed and the engine process stopped by then. A stream that cannot be
    flushed ends the normal way instead (``SystemExit``), which reports it."""
    if command_named(argv) in _EXIT_AT_ONCE:
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        except Exception:
            raise SystemExit(code) from None
        os._exit(code)
    raise SystemExit(code)


def _quiet_stdout() -> None:
    """Drop what could not be written, so the interpreter's exit does not fail on it again."""
    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass


def _internal_error(exc: BaseException) -> int:
    from advisor.text import plain

    log = _log_crash()
    sys.stderr.write(f"outsource: internal error: {type(exc).__name__}: {plain(str(exc))}\n"
                     f"hint: details were written to {log}; please report them\n")
    return 70


def _print_error(exc: AdvisorError) -> None:
    from advisor.text import plain

    sys.stderr.write(f"error: {plain(str(exc))}\n")
    if exc.hint:
        sys.stderr.write(f"hint: {plain(exc.hint)}\n")


def _log_crash() -> str:
    import traceback

    return write_crash_log(traceback.format_exc())


def write_crash_log(text: str) -> str:
    """Write ``text`` (a traceback) to a new file in the user log folder; return its path, so a
    one-line message can point at it instead of showing a traceback. Used by the app too."""
    import tempfile

    try:
        from platformdirs import user_log_path

        from advisor.files import private_dir

        folder = user_log_path("outsource-advisor")
        private_dir(folder)
    except Exception:
        folder = None
    try:
        fd, path = tempfile.mkstemp(prefix="crash-", suffix=".log", dir=folder)
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path
    except OSError:
        return "(no log could be written)"


if __name__ == "__main__":  # pragma: no cover
    exit_process(main(), sys.argv[1:])
