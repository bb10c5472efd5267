"""`outsource serve` answers its owner only (tui/webserve.py): hostile clients against a real
server on a free loopback port, with a stand-in app command (one process per session that exits
when told to quit), so four sessions cost four `head` processes, not four apps."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("textual_serve")
aiohttp = pytest.importorskip("aiohttp")

from tui.webserve import BUSY, OwnerServer, split_host  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STAND_IN = "head -c 1 >/dev/null"  # reads the quit message textual-serve sends, then exits


@pytest.fixture
async def server():
    srv = OwnerServer(STAND_IN, "127.0.0.1", 0)
    await srv.start()
    yield srv
    await srv.stop()


def origin(srv) -> str:
    return f"http://127.0.0.1:{srv.port}"


async def refused(session, url, **kw) -> int:
    """The HTTP status that refused this websocket handshake (fails if it was accepted)."""
    with pytest.raises(aiohttp.WSServerHandshakeError) as info:
        async with session.ws_connect(url, **kw):
            pass
    return info.value.status


async def test_without_the_token_a_client_gets_nothing(server):
    base = origin(server)
    async with aiohttp.ClientSession() as s:
        near = server.token[:-1] + ("y" if server.token.endswith("x") else "x")  # one character off
        for path in ("/", "/ws", "/static/js/textual.js", f"/{near}/", f"/{server.token}x/"):
            async with s.get(base + path) as r:
                assert r.status == 404, path
                assert "textual" not in await r.text()
        assert await refused(s, base + "/ws", headers={"Origin": base}) == 404
        assert await refused(s, f"{base}/{near}/ws", headers={"Origin": base}) == 404
        async with s.get(server.url) as r:  # the control: the printed URL is the page
            assert r.status == 200 and "<title>Outsource Advisor</title>" in await r.text()
    assert server.sessions == 0


async def test_a_cross_origin_websocket_with_the_token_is_refused(server):
    ws_url = f"{origin(server)}/{server.token}/ws"
    async with aiohttp.ClientSession() as s:
        for other in ("http://evil.example", f"http://localhost:{server.port + 1}", "null",
                      f"https://127.0.0.1:{server.port}", f"{origin(server)}.evil.example"):
            assert await refused(s, ws_url, headers={"Origin": other}) == 403, other
        assert await refused(s, ws_url) == 403  # a websocket must say where its page came from
        async with s.ws_connect(ws_url, headers={"Origin": origin(server)}) as ws:  # the page's own origin
            assert not ws.closed and server.sessions == 1
            await ws.close()


async def test_a_foreign_host_header_is_refused_dns_rebinding(server):
    """A DNS-rebinding page reaches 127.0.0.1 under its own name: the Host header gives it away."""
    base = origin(server)
    async with aiohttp.ClientSession() as s:
        for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}",
                     f"127.0.0.1.evil.example:{server.port}", ""):
            async with s.get(server.url, headers={"Host": host}) as r:
                assert r.status == 421, host
            assert await refused(s, f"{base}/{server.token}/ws",
                                 headers={"Host": host, "Origin": f"http://{host}"}) == 421
        async with s.get(server.url, headers={"Host": f"localhost:{server.port}"}) as r:  # the ssh tunnel's
            assert r.status == 200


async def test_the_fourth_session_is_told_the_limit(server):
    ws_url = f"{origin(server)}/{server.token}/ws"
    headers = {"Origin": origin(server)}
    async with aiohttp.ClientSession() as s:
        sessions = [await s.ws_connect(ws_url, headers=headers) for _ in range(3)]
        assert server.sessions == 3
        async with s.get(server.url) as r:  # a fourth tab's page says so before it connects
            assert r.status == 503 and BUSY in await r.text()
        fourth = await s.ws_connect(ws_url, headers=headers)
        shown = await asyncio.wait_for(fourth.receive(), 30)
        assert shown.type == aiohttp.WSMsgType.BINARY and BUSY in shown.data.decode()  # on its terminal
        closing = await asyncio.wait_for(fourth.receive(), 30)
        assert closing.type == aiohttp.WSMsgType.CLOSE and closing.extra == BUSY  # the page shows the reason
        assert fourth.close_code == aiohttp.WSCloseCode.TRY_AGAIN_LATER and server.sessions == 3
        await sessions[0].close()
        for _ in range(200):  # the server notices the closed tab
            if server.sessions == 2:
                break
            await asyncio.sleep(0.05)
        assert server.sessions == 2
        async with s.ws_connect(ws_url, headers=headers) as again:  # a slot is free again
            assert not again.closed
        for ws in sessions[1:]:
            await ws.close()


def test_host_headers_are_parsed_strictly():
    assert split_host("LocalHost:8000") == ("localhost", 8000)
    assert split_host("[::1]:80") == ("::1", 80) and split_host("127.0.0.1") == ("127.0.0.1", 80)
    for bad in ("a:b", "a:99999", "[::1", "x@127.0.0.1:80", "127.0.0.1:80/x", "[evil]:80", ":80", "a" * 400):
        assert split_host(bad) is None, bad


@pytest.mark.slow
def test_the_url_is_printed_once_listening_with_the_address_bound(tmp_path):
    """`--host 127.0.0.2 --port 0`: the first line names 127.0.0.2 and the port the kernel gave,
    and the page answers the moment it is printed (no retry)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "tui.launch", "serve", "--demo", "--host", "127.0.0.2",
                             "--port", "0"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert first.startswith("Serving Outsource Advisor (") and "(Ctrl+C stops)" in first
        url = first.split(" on ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.2:") and not url.startswith("http://127.0.0.2:0/")
        port = int(url.split(":")[2].split("/")[0])
        token = url.split("/")[3]
        assert len(token) >= 32
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.status == 200
        second = proc.stdout.readline()
        assert f"ssh -N -L {port}:127.0.0.2:{port} " in second and f"http://localhost:{port}/{token}/" in second
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    assert proc.returncode == 0
