"""The web server of ``outsource serve``: textual-serve's ``Server``, reachable by its owner only.

textual-serve answers anyone who reaches the port and starts an app for every websocket. Here:

- every path starts with a random token made per run (``/<token>/``, ``/<token>/ws``,
  ``/<token>/static/...``), printed in the URL; anything else is a 404 that says so;
- the ``Host`` header must name the address that was bound (an IP literal, ``localhost`` on
  loopback, this machine's name on a wildcard address, or the ``--public-url`` host), so a
  DNS-rebinding page is refused; an ``Origin`` header, required on the websocket, must be the
  page's own origin, so another site's page cannot open a session even with the token;
- at most :data:`MAX_SESSIONS` apps run at once; the next tab is told so;
- the page is ours (``web/index.html``): a title, the font served from here, no third-party
  request, a strict Content-Security-Policy;
- the URL is reported (``on_listening``) only once the socket listens, with the address bound.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import secrets
import signal
import socket
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from advisor.errors import AdvisorError

from . import textual_hacks

TITLE = "Outsource Advisor"
MAX_SESSIONS = 3
BUSY = (f"{MAX_SESSIONS} browser tabs already have the app open (the limit); "
        "close one, then press Restart.")
NO_TOKEN = "Not found. Open the address `outsource serve` printed: it holds this run's token.\n"
#: terminal sizes a client may ask for (a huge one would only make the app allocate for nothing)
MAX_COLUMNS, MAX_ROWS = 500, 200
PAGE_DIR = Path(__file__).resolve().parent / "web"

log = logging.getLogger("outsource.serve")


def _ip(name: str) -> str | None:
    """``name`` as a normalised IP address, or None if it is not one."""
    try:
        return str(ipaddress.ip_address(name.strip("[]")))
    except ValueError:
        return None


def split_host(raw: str, default_port: int = 80) -> tuple[str, int] | None:
    """(lower-case name, port) of a ``Host`` header or URL authority; None when malformed."""
    raw = raw.strip().lower()
    if not raw or len(raw) > 300 or any(c in raw for c in "/@?# \t"):
        return None
    if raw.startswith("["):
        end = raw.find("]")
        if end < 0:
            return None
        name, rest = raw[1:end], raw[end + 1:]
        if _ip(name) is None:
            return None
    else:
        name, colon, port_text = raw.partition(":")
        rest = colon + port_text
    if rest and not (rest.startswith(":") and rest[1:].isdigit() and len(rest) <= 6):
        return None
    port = int(rest[1:]) if rest else default_port
    name = _ip(name) or name.rstrip(".")
    return (name, port) if name and 0 < port < 65536 else None


def url_host(host: str) -> str:
    """``host`` as it is written in a URL (IPv6 in brackets)."""
    return f"[{host}]" if ":" in host else host


class OwnerServer(Server):
    """textual-serve's Server for one owner: token, Host and Origin checks, a session cap."""

    def __init__(self, command: str, host: str, port: int, *, public_url: str | None = None,
                 on_listening: Callable[[str, str, int], None] | None = None,
                 max_sessions: int = MAX_SESSIONS, token: str | None = None) -> None:
        # exec: the app replaces the shell textual-serve starts, so a kill reaches the app itself
        super().__init__(f"exec {command}", host=host, port=port, title=TITLE, public_url=public_url or "",
                         templates_path=PAGE_DIR)
        self.token = token or secrets.token_urlsafe(24)
        self.given_public_url = (public_url or "").rstrip("/")
        self.on_listening = on_listening
        self.max_sessions = max_sessions
        self.sessions = 0
        self.allowed: set[tuple[str, int]] = set()
        self.any_ip = False  # bound to a wildcard address: any IP literal of this machine is its name
        self.url = ""
        self.runner: web.AppRunner | None = None
        self.open_sockets: set[web.WebSocketResponse] = set()

    # -- the aiohttp application -------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard], client_max_size=64 * 1024)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        prefix = f"/{self.token}"
        app.add_routes([
            web.get(f"{prefix}/", self.handle_index, name="index"),
            web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
            web.static(f"{prefix}/static", self.statics_path, name="static"),
        ])
        app.on_response_prepare.append(self._headers)
        app.on_shutdown.append(self._close_sessions)
        return app

    async def _close_sessions(self, app: web.Application) -> None:
        """On Ctrl+C: close every tab's socket, so each app is told to quit at once (textual-serve
        leaves them open, and the server would wait for them)."""
        for websocket in list(self.open_sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"The server was stopped.")

    def host_allowed(self, raw: str) -> tuple[str, int] | None:
        parsed = split_host(raw)
        if parsed is None:
            return None
        if parsed in self.allowed:
            return parsed
        if self.any_ip and parsed[1] == self.port and _ip(parsed[0]) is not None:
            return parsed
        return None

    def origin_allowed(self, origin: str, host: tuple[str, int]) -> bool:
        """The page's own origin (``http://`` + the checked Host), or the ``--public-url``'s."""
        if self.given_public_url:
            public = urlsplit(self.given_public_url)
            if origin.lower() == f"{public.scheme}://{public.netloc}".lower():
                return True
        parts = urlsplit(origin)
        if parts.scheme != "http" or parts.path or parts.query:
            return False
        return split_host(parts.netloc) == host

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        host = self.host_allowed(request.headers.get("Host", ""))
        if host is None:
            return web.Response(status=421, text="This server answers only to the address it printed.\n")
        origin = request.headers.get("Origin")
        upgrade = request.headers.get("Upgrade", "").lower() == "websocket"
        if (origin is not None or upgrade) and not self.origin_allowed(origin or "", host):
            return web.Response(status=403, text="Cross-origin requests are refused.\n")
        first = request.path.split("/", 2)[1] if request.path.startswith("/") else ""
        if not hmac.compare_digest(first.encode("utf-8", "replace"), self.token.encode()):
            return web.Response(status=404, text=NO_TOKEN)
        return await handler(request)

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        h = response.headers
        h.setdefault("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; "
                                                "base-uri 'none'; form-action 'none'")
        h["Referrer-Policy"] = "no-referrer"
        h["X-Content-Type-Options"] = "nosniff"
        h["X-Frame-Options"] = "DENY"
        h["Cache-Control"] = "no-store"

    # -- the page and the session ------------------------------------------------------------
    def _public(self, request: web.Request) -> tuple[str, str]:
        """(scheme, authority) the browser uses for this page."""
        if self.given_public_url:
            public = urlsplit(self.given_public_url)
            return public.scheme, public.netloc
        return "http", request.host

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.max_sessions:
            return web.Response(status=503, text=BUSY + "\n")
        scheme, authority = self._public(request)
        nonce = secrets.token_urlsafe(16)
        ws_scheme = "wss" if scheme == "https" else "ws"
        font_size = request.query.get("fontsize", "16")
        context = {
            "title": TITLE,
            "nonce": nonce,
            "static": f"/{self.token}/static/",
            "websocket_url": f"{ws_scheme}://{authority}/{self.token}/ws",
            "font_size": int(font_size) if font_size.isdigit() and 6 <= int(font_size) <= 48 else 16,
        }
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
            f"font-src 'self'; img-src 'self' data:; connect-src 'self' {ws_scheme}://{authority}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=256 * 1024)
        if self.sessions >= self.max_sessions:
            await websocket.prepare(request)
            await websocket.send_bytes(f"\r\n  {BUSY}\r\n".encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=BUSY.encode())
            return websocket
        self.sessions += 1
        app_service: AppService | None = None
        try:
            width = _bounded(request.query.get("width"), 80, MAX_COLUMNS)
            height = _bounded(request.query.get("height"), 24, MAX_ROWS)
            await websocket.prepare(request)
            self.open_sockets.add(websocket)
            app_service = AppService(self.command, write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=websocket.close,
                                     download_manager=self.download_manager, debug=False)
            await app_service.start(width, height)
            await self._messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as exc:  # a client gone mid-write; never a traceback for the operator
            log.warning("browser session ended: %s", exc)
        finally:
            self.sessions -= 1
            self.open_sockets.discard(websocket)
            if app_service is not None:
                await _stop(app_service)
        return websocket

    async def _messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """The browser's messages (keys, size, focus, ping) to the app; anything else is ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(_bounded(data.get("width"), 80, MAX_COLUMNS),
                                                    _bounded(data.get("height"), 24, MAX_ROWS))
            elif kind == "ping" and isinstance(data, str) and len(data) < 64:
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    # -- listening ---------------------------------------------------------------------------
    async def start(self) -> str:
        """Listen; the URL with the token, of the address actually bound."""
        self.runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None,
                                    shutdown_timeout=10)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await self.runner.cleanup()
            raise AdvisorError(f"cannot listen on {self.host} port {self.port}: {exc.strerror or exc}",
                               field="--port", hint="choose another --port (0 picks a free one)") from None
        bound = [a for a in self.runner.addresses if isinstance(a, tuple)]
        bound.sort(key=lambda a: ":" in a[0])  # IPv4 first
        self.port = bound[0][1]
        for address in bound:
            ip = _ip(address[0]) or address[0]
            if ipaddress.ip_address(ip).is_unspecified:
                self.any_ip = True
                for name in {socket.gethostname(), socket.getfqdn(), "localhost"}:
                    self.allowed.add((name.lower().rstrip("."), self.port))
            else:
                self.allowed.add((ip, self.port))
                if ipaddress.ip_address(ip).is_loopback:
                    self.allowed.add(("localhost", self.port))
        shown = _ip(bound[0][0]) or bound[0][0]
        if self.any_ip:
            shown = socket.gethostname()
        if self.given_public_url:
            public = urlsplit(self.given_public_url)
            parsed = split_host(public.netloc, 443 if public.scheme == "https" else 80)
            if parsed is None or public.scheme not in ("http", "https"):
                await self.runner.cleanup()
                raise AdvisorError(f"{self.given_public_url} is not an http(s) address", field="--public-url")
            self.allowed.add(parsed)
            self.url = f"{self.given_public_url}/{self.token}/"
        else:
            self.url = f"http://{url_host(shown)}:{self.port}/{self.token}/"
        if self.on_listening is not None:
            self.on_listening(self.url, _ip(bound[0][0]) or bound[0][0], self.port)
        return self.url

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    async def _serve_until_stopped(self) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError):
                pass
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.stop()

    def serve(self, debug: bool = False) -> None:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        asyncio.run(self._serve_until_stopped())


async def _stop(app_service: AppService) -> None:
    """Ask the app to quit; kill it if it has not within 5 s (a hung app must not outlive the
    server)."""
    try:
        await asyncio.wait_for(asyncio.shield(app_service.stop()), 5)
    except (asyncio.TimeoutError, asyncio.CancelledError) as exc:
        process = textual_hacks.served_app_process(app_service)
        if process is not None and process.returncode is None:
            process.kill()
            await asyncio.wait_for(process.wait(), 5)
        if isinstance(exc, asyncio.CancelledError):
            raise


def _bounded(value: object, default: int, most: int) -> int:
    """A terminal size from the browser: an int in 1..most, else ``default``."""
    if isinstance(value, bool):
        return default
    if isinstance(value, str) and value.isdigit() and len(value) < 6:
        value = int(value)
    return value if isinstance(value, int) and 0 < value <= most else default
