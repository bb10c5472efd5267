"""The ``outsource`` command as installed: the core's command line (``advisor.cli``) with the
terminal app plugged in. This module sits above both packages' command code, so the arrows only
point down: the core runs "the app" through the ``launch_app`` callable it is handed here, and never
names ``tui``. Textual is imported only when the app really starts, so ``outsource check`` and the
other subcommands never load it."""

from __future__ import annotations

import sys
from typing import Sequence


def launch_app(settings) -> int:
    """Run the terminal app on these settings; its exit code."""
    from .app import run

    return int(run(settings) or 0)


def serve_in_browser(command: str, host: str, port: int, public_url: str) -> None:
    """Serve ``command`` (the app, one process per browser tab) with textual-serve until stopped."""
    from advisor.errors import AdvisorError

    try:
        from textual_serve.server import Server
    except ImportError:
        raise AdvisorError("serving in a browser needs the textual-serve package",
                           hint="pip install textual-serve (with pipx: pipx inject outsource-advisor "
                                "textual-serve)") from None
    Server(command, host=host, port=port, title="Outsource Advisor", public_url=public_url).serve()


def main(argv: Sequence[str] | None = None) -> int:
    from advisor.cli import main as cli_main

    return cli_main(argv, launch_app=launch_app)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
