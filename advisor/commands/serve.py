"""``outsource serve``: the app in a web browser, for those who will not use a terminal
(textual-serve runs one app process per browser tab and streams it over a websocket).

The page has no login: anyone who can reach the address can use the workspace. So it listens on
127.0.0.1 by default and prints the SSH tunnel line that reaches it from a laptop; any other
address needs ``--allow-remote`` and prints a warning.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys


def register(sub) -> None:
    from advisor.commands import add_common

    p = sub.add_parser("serve", help="serve the app in a web browser (127.0.0.1 by default)",
                       description="Serve the app as a web page with textual-serve. It listens on 127.0.0.1 "
                                   "(this machine only) and prints the ssh command that opens it from "
                                   "another computer. The page has no login: another address needs "
                                   "--allow-remote.")
    add_common(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--allow-remote", action="store_true",
                   help="allow an address other machines can reach (the page has no login)")
    p.add_argument("--demo", action="store_true", help="serve a fresh demo workspace instead of yours")
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


def tunnel_line(port: int) -> str:
    """The ssh command a laptop runs to reach a server bound to this machine's loopback."""
    import getpass
    import socket

    return (f"ssh -N -L {port}:127.0.0.1:{port} {getpass.getuser()}@{socket.gethostname()}   "
            f"then open http://localhost:{port}")


def app_command(launcher_module: str, db, config) -> str:
    """The shell command textual-serve runs for each browser tab: this interpreter running the
    module of the app launcher ``outsource`` was started with (the core never names the app)."""
    import shlex

    parts = [sys.executable, "-m", launcher_module, "--db", str(db)]
    if config:
        parts += ["--config", str(config)]
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

    if not 0 < args.port < 65536:
        raise AdvisorError(f"{args.port} is not a port number (1-65535)", field="--port")
    if not is_loopback(args.host) and not args.allow_remote:
        raise AdvisorError(f"{args.host} can be reached from other machines, and the page has no login",
                           field="--host", hint="serve on 127.0.0.1 and use the printed ssh tunnel, or add "
                                                "--allow-remote if every machine that can reach it may use it")
    launch_app = getattr(args, "launch_app", None)
    if launch_app is None:
        raise AdvisorError("the terminal app is not available in this installation, so it cannot be served",
                           hint="run the installed `outsource` command")
    import importlib

    launcher = _module_of(launch_app)
    # the launcher module (above the core, like the app itself) owns the web server
    serve_in_browser = importlib.import_module(launcher).serve_in_browser
    settings = settings_from(args)
    db = settings.db_path
    tmp = None
    if args.demo:
        from advisor.commands.demo import make_demo

        tmp = tempfile.TemporaryDirectory(prefix="outsource-serve-")
        db = Path(tmp.name) / "demo.db"
        make_demo(db)
    url = args.public_url or f"http://{'localhost' if is_loopback(args.host) else args.host}:{args.port}"
    print(f"Serving Outsource Advisor ({db}) on {url}  (Ctrl+C stops)")
    if is_loopback(args.host):
        print(f"From another computer: {tunnel_line(args.port)}")
    else:
        sys.stderr.write(f"warning: listening on {args.host}: the page has no login; anyone who can reach "
                         f"port {args.port} can read and change this workspace\n")
    sys.stdout.flush()
    try:
        serve_in_browser(app_command(launcher, db, getattr(args, "config", None)), args.host, args.port, url)
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0
