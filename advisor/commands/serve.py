"""``outsource serve``: the app in a web browser, for those who will not use a terminal
(textual-serve runs one app process per browser tab and streams it over a websocket).

Only its owner reaches it: the printed address holds a random token made for this run, the
server answers only to the address it bound and to pages of its own origin, and runs at most
three apps at once (the launcher's web server does this; the core only prints). It listens on
127.0.0.1 by default and prints the SSH tunnel line that reaches it from a laptop; any other
address needs ``--allow-remote`` (the page and its token travel unencrypted) and prints a warning.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys


def register(sub) -> None:
    from advisor.commands import add_command

    p = add_command(sub, "serve", help="serve the app in a web browser (127.0.0.1 by default)",
                      description="Serve the app as a web page with textual-serve. It listens on 127.0.0.1 "
                                  "(this machine only) and prints its address, which holds a token made "
                                  "for this run, and the ssh command that opens it from another "
                                  "computer. Another address needs --allow-remote.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--allow-remote", action="store_true",
                   help="allow an address other machines can reach (plain http: the page and its "
                        "token travel unencrypted)")
    p.add_argument("--demo", action="store_true", help="serve a fresh demo workspace instead of yours")
    p.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS,
                   help="the app's colour theme (a Textual theme or a theme file's name; as OUTSOURCE_THEME)")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use, when it differs (e.g. behind a proxy)")
    p.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def tunnel_line(host: str, port: int, path: str = "/") -> str:
    """The ssh command a laptop runs to reach a server bound to this machine's loopback ``host``."""
    import getpass
    import socket

    return (f"ssh -N -L {port}:{url_host(host)}:{port} {getpass.getuser()}@{socket.gethostname()}   "
            f"then open http://localhost:{port}{path}")


def app_command(launcher_module: str, db, config, no_config: bool = False) -> str:
    """The shell command textual-serve runs for each browser tab: this interpreter running the
    module of the app launcher ``outsource`` was started with (the core never names the app)."""
    import shlex

    parts = [sys.executable, "-m", launcher_module, "--db", str(db)]
    if config:
        parts += ["--config", str(config)]
    if no_config:
        parts.append("--no-config")
    return " ".join(shlex.quote(p) for p in parts)


def _module_of(fn) -> str:
    """The importable module name of ``fn`` (run with ``python -m X`` it is ``__main__``: then X)."""
    name = fn.__module__
    if name == "__main__":
        spec = getattr(sys.modules.get("__main__"), "__spec__", None)
        name = spec.name if spec is not None else name
    return name


def run(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from advisor.commands import settings_from
    from advisor.errors import AdvisorError
    from advisor.text import plain

    if not 0 <= args.port < 65536:
        raise AdvisorError(f"{args.port} is not a port number (1-65535, or 0 for a free one)", field="--port")
    if not is_loopback(args.host) and not args.allow_remote:
        raise AdvisorError(f"{args.host} can be reached from other machines, and the page and its token "
                           "travel unencrypted (http)",
                           field="--host", hint="serve on 127.0.0.1 and use the printed ssh tunnel, or add "
                                                "--allow-remote if every machine that can reach it may use it")
    launch_app = getattr(args, "launch_app", None)
    serve_in_browser = getattr(args, "serve_in_browser", None)  # handed in by the launcher, like launch_app
    if launch_app is None or serve_in_browser is None:
        raise AdvisorError("the terminal app is not available in this installation, so it cannot be served",
                           hint="run the installed `outsource` command")
    launcher = _module_of(launch_app)  # named in the command each browser tab runs
    from advisor.commands.app import with_flags

    settings = with_flags(settings_from(args), args)  # --theme reaches each tab's app by the environment
    db = settings.db_path
    tmp = None
    if args.demo:
        from advisor.commands.demo import make_demo

        tmp = tempfile.TemporaryDirectory(prefix="outsource-serve-")
        db = Path(tmp.name) / "demo.db"
        make_demo(db)

    def listening(url: str, bound: str, port: int) -> None:
        """Printed only once the server listens, with the address it really bound."""
        from urllib.parse import urlsplit

        print(f"Serving Outsource Advisor ({plain(str(db), newlines=False)}) on {plain(url, newlines=False)}  (Ctrl+C stops)")
        if is_loopback(bound):
            print(f"From another computer: {tunnel_line(bound, port, urlsplit(url).path)}")
        else:
            sys.stderr.write(f"warning: listening on {bound} port {port} over plain http: anyone who can "
                             f"reach it and sees the address (it holds the token) can read and change "
                             f"this workspace\n")
        sys.stdout.flush()

    try:
        serve_in_browser(app_command(launcher, db, getattr(args, "config", None), getattr(args, "no_config", False)), args.host, args.port,
                         args.public_url, listening)
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0
