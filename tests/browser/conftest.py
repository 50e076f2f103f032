"""A real demo server and a real browser.

The server is `manage.py runserver` on a fresh SQLite file, migrated and filled by `seed_demo`,
exactly what the README's first command gives a new user. Chromium is Debian's, driven by Playwright.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    if os.environ.get("LIVE_SITE"):  # a demo already running (scripts/run), e.g. on a slow machine
        yield os.environ["LIVE_SITE"].rstrip("/")
        return
    var = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "VAR_DIR": str(var),
        # Named too, so a MEDIA_ROOT or private folder set in the developer's shell is not used.
        "MEDIA_ROOT": str(var / "media"),
        "RECRUITMENT_PRIVATE_ROOT": str(var / "private"),
        "PYTHONUNBUFFERED": "1",
    }
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=600
    )
    run("migrate", "--no-input")
    run("seed_demo")
    port = _free_port()
    log = open(var / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("demo server did not start: " + (var / "server.log").read_text()[-2000:])
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_site):
    """A fresh browser tab that records every request leaving the demo server."""
    context = browser.new_context(base_url=live_site, locale="de-DE")
    tab = context.new_page()
    tab.foreign_requests = []

    def guard(route):
        if route.request.url.startswith(live_site) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            tab.foreign_requests.append(route.request.url)
            route.abort()

    tab.route("**/*", guard)
    yield tab
    context.close()


def run_axe(page):
    """Inject axe-core from node_modules and return violations of impact serious or critical.

    Evaluated through the DevTools protocol, not as an inline <script>: the site's Content Security
    Policy (rightly) blocks inline script without its nonce, and the test must not weaken it."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
    })""")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
