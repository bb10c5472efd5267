"""`outsource serve`: the app in a real browser. The server is started as a user would, the page
fetched with an HTTP client, then Debian's chromium (headless, through chromedriver) opens it,
the app's main screen streams in with the demo's task titles, a key press drives it, and a
screenshot is taken. chromium and chromium-driver are installed with apt when missing (as root);
where that is impossible the test is skipped with the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from advisor.cli import main

ROOT = Path(__file__).resolve().parent.parent
TITLES = ("Design a new logo", "Rebuild the website with online orders", "Write the seasonal menu copy")

#: Records every byte the page's websocket receives, so the test can read the terminal stream
#: (xterm.js draws on a canvas: the text is not in the page's DOM).
RECORDER = """
(() => {
  window.__received = [];
  const Real = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Real(...args);
    ws.addEventListener("message", (e) => {
      if (typeof e.data !== "string") window.__received.push(new TextDecoder().decode(e.data));
    });
    return ws;
  };
  window.WebSocket.prototype = Real.prototype;
})();
"""


def test_non_loopback_needs_allow_remote(capsys):
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --host: 0.0.0.0 can be reached from other machines, and the page and its "
                          "token travel unencrypted (http)")


def test_without_textual_serve_it_names_the_command_that_adds_it_and_prints_nothing_else(tmp_path, monkeypatch,
                                                                                         capsys):
    import shlex

    from tui.launch import main as outsource

    for name in ("textual_serve", "textual_serve.server"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails as when the extra is missing
    assert outsource(["serve", "--db", str(tmp_path / "ws.db"), "--port", "0"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "error: serving in a browser needs the textual-serve package (the [serve] extra), which is not installed here",
        f"hint: add it with: {shlex.quote(sys.executable)} -m pip install 'textual-serve>=1.1,<2'"]


def test_the_install_command_follows_the_tool_that_installed_outsource(monkeypatch):
    from tui.launch import serve_install_command

    monkeypatch.setattr(sys, "prefix", "/home/ana/.local/share/pipx/venvs/outsource-advisor")
    assert serve_install_command() == "pipx inject outsource-advisor 'textual-serve>=1.1,<2'"
    monkeypatch.setattr(sys, "prefix", "/home/ana/.local/share/uv/tools/outsource-advisor")
    assert serve_install_command().startswith("uv pip install --python ")


def _browser() -> tuple[str, str]:
    """(chromium, chromedriver) paths, installing Debian's packages when missing."""
    def find() -> tuple[str | None, str | None]:
        return (shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver"))

    chromium, driver = find()
    if not (chromium and driver) and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"], env=env,
                       capture_output=True, timeout=900)
        chromium, driver = find()
    if not (chromium and driver):
        pytest.skip("chromium and chromium-driver are not installed and apt-get could not install them")
    return chromium, driver


@pytest.mark.slow
def test_serve_in_a_headless_browser(tmp_path):
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install textual-serve)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    chromium, chromedriver = _browser()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "tui.launch", "serve", "--demo", "--port", "0"],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    driver = None
    out = ""
    try:
        first = server.stdout.readline()  # printed once the server listens
        out += first + server.stdout.readline()  # (communicate() below skips what readline buffered)
        assert first.startswith("Serving Outsource Advisor ("), first
        url = first.split(" on ", 1)[1].split()[0]  # http://127.0.0.1:PORT/TOKEN/
        port = int(url.split(":")[2].split("/")[0])
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.status == 200
            page = resp.read().decode("utf-8")
        assert "<title>Outsource Advisor</title>" in page and "textual.js" in page and "/ws" in page
        assert "googleapis" not in page
        with pytest.raises(urllib.error.HTTPError) as refused:  # the same server, without the token
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        assert refused.value.code == 404

        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900"):
            options.add_argument(arg)
        service = webdriver.ChromeService(executable_path=chromedriver)
        driver = webdriver.Chrome(options=options, service=service)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        driver.get(url.replace("127.0.0.1", "localhost"))  # as through the printed ssh tunnel

        def screen() -> str:
            return "".join(driver.execute_script("return window.__received || []"))

        def wait_for(*texts: str, timeout: float = 90) -> None:
            end = time.monotonic() + timeout
            while time.monotonic() < end:
                if all(t in screen() for t in texts):
                    return
                time.sleep(0.5)
            raise AssertionError(f"not on screen after {timeout} s: {texts}\n{screen()[-2000:]}")

        wait_for(*TITLES)
        assert driver.title == "Outsource Advisor"
        origin = f"http://localhost:{port}/"
        requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert requested and all(r.startswith(origin) for r in requested), requested  # nothing from elsewhere
        assert driver.execute_script("return document.fonts.check(\"16px 'Roboto Mono'\")")  # served here
        time.sleep(1)  # let the last frame paint
        shot = tmp_path / "serve.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        if os.environ.get("OUTSOURCE_SERVE_SCREENSHOT"):
            shutil.copy(shot, os.environ["OUTSOURCE_SERVE_SCREENSHOT"])
        from selenium.webdriver.common.action_chains import ActionChains

        driver.find_element("css selector", ".textual-terminal").click()
        ActionChains(driver).send_keys("?").perform()  # the keys screen of the current screen
        wait_for("main.shortlist")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        try:
            rest, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            rest, _ = server.communicate()
        out += rest
    assert f"ssh -N -L {port}:127.0.0.1:{port} " in out and f"then open http://localhost:{port}/" in out
    assert server.returncode == 0
