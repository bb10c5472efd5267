"""The ``outsource`` command as installed: the core's command line (``advisor.cli``) with the
terminal app plugged in. This module sits above both packages' command code, so the arrows only
point down: the core runs "the app" through the ``launch_app`` callable it is handed here, and never
names ``tui``. Textual is imported only when the app really starts, so ``outsource check`` and the
other subcommands never load it."""

from __future__ import annotations

import sys
from typing import Callable, Sequence


def launch_app(settings) -> int:
    """Run the terminal app on these settings; its exit code. The engine process is started
    first, so its start runs beside the import of Textual and the app (``process.prestart``).
    The cyclic garbage collector is paused from here until the first advice is on screen (the app
    resumes it then, :class:`tui.app.OutsourceApp` ``resume_gc``; at the latest when it exits):
    measured at 1,000 candidates, it ran ~230 times between the start and the advice (~60 ms of
    CPU, one full collection among them) and found nothing but a few hundred objects to free."""
    import gc

    from advisor.engine.process import prestart

    prestart()
    paused = gc.isenabled()
    gc.disable()
    try:
        from .app import run

        return int(run(settings, resume_gc=paused) or 0)
    finally:
        if paused:
            gc.enable()


SERVE_REQUIREMENT = "textual-serve>=1.1,<2"


def serve_install_command() -> str:
    """The one command that adds textual-serve to the environment running this ``outsource``."""
    import shlex
    from pathlib import Path

    prefix = Path(sys.prefix)
    requirement = shlex.quote(SERVE_REQUIREMENT)
    if prefix.parent.name == "venvs" and "pipx" in prefix.parts:
        return f"pipx inject {shlex.quote(prefix.name)} {requirement}"
    if prefix.parent.name == "tools" and "uv" in prefix.parts:
        return f"uv pip install --python {shlex.quote(sys.executable)} {requirement}"
    return f"{shlex.quote(sys.executable)} -m pip install {requirement}"


def serve_in_browser(command: str, host: str, port: int, public_url: str | None,
                     on_listening: Callable[[str, str, int], None]) -> None:
    """Serve ``command`` (the app, one process per browser tab, at most three) until stopped;
    ``on_listening(url, bound_address, port)`` runs once the socket listens (:mod:`tui.webserve`)."""
    from advisor.errors import AdvisorError

    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise AdvisorError("serving in a browser needs the textual-serve package (the [serve] extra), "
                           "which is not installed here",
                           hint=f"add it with: {serve_install_command()}") from None
    from .webserve import OwnerServer

    OwnerServer(command, host, port, public_url=public_url, on_listening=on_listening).serve()


def main(argv: Sequence[str] | None = None) -> int:
    """The installed ``outsource``; with ``argv`` None (the process's own command line) it ends
    the process (``advisor.cli.exit_process``: at once after ``check``), else it returns the code."""
    from advisor.cli import exit_process, main as cli_main

    code = cli_main(argv, launch_app=launch_app, serve_in_browser=serve_in_browser)
    if argv is None:
        exit_process(code, sys.argv[1:])
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
