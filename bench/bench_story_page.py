"""Page weight and query count of a story page (the demo's flagship: gallery, video, two-click embed).

Builds a throwaway demo site (SQLite in a temp dir), then
1. renders the story with Django's test client (DEBUG off) and prints its query count and median
   server time;
2. serves the site with `manage.py runserver` and loads the story in Debian's Chromium at a
   1280 x 800 viewport, summing the bytes of every response by type (HTML, CSS, JS, images, media),
   once as loaded (lazy images below the fold not fetched) and once after scrolling to the end.
   Sizes are response bodies as served (runserver does not compress; whitenoise/gzip would shrink
   HTML and CSS further).

    .venv/bin/python bench/bench_story_page.py [--runs 30] [--path /de/geschichten/ein-tag-im-wahlkreisrat/]
"""

import argparse
import io
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_side(path, runs):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import close_old_connections, connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    client = Client()
    client.get(path)  # warm: renditions, site root cache
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    query_count = len(ctx.captured_queries)  # now: later requests may reset the log
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    return query_count, statistics.median(times), len(response.content)


def kind(response):
    resource = response.request.resource_type
    return {"document": "HTML", "stylesheet": "CSS", "script": "JS", "image": "images",
            "media": "media", "font": "fonts"}.get(resource, resource)


def weigh(base, path):
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for label, scroll in (("as loaded", False), ("scrolled to the end", True)):
            context = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
            page = context.new_page()
            sizes, foreign = defaultdict(int), []
            counts = defaultdict(int)

            def on_response(response):
                if not response.url.startswith(base):
                    foreign.append(response.url)
                    return
                try:
                    body = response.body()
                except Exception:
                    return
                sizes[kind(response)] += len(body)
                counts[kind(response)] += 1

            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                       else route.abort())
            page.on("response", on_response)
            page.goto(base + path, wait_until="networkidle")
            if scroll:
                for _ in range(30):
                    page.mouse.wheel(0, 800)
                    page.wait_for_timeout(100)
                page.wait_for_load_state("networkidle")
            results[label] = (dict(sizes), dict(counts), foreign)
            context.close()
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--path", default="/de/geschichten/ein-tag-im-wahlkreisrat/")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="wkr-bench-story-")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "VAR_DIR": tmp,
           "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost", "DJANGO_SETTINGS_MODULE": "config.settings.dev",
           # the uncached render is measured (the whole-page cache would answer without a query)
           "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "0")}
    os.environ.update(env)
    queries, median_ms, html_bytes = server_side(args.path, args.runs)
    print(f"story page {args.path}: {queries} queries, median {median_ms:.1f} ms server time over {args.runs} runs "
          f"(Django test client, DEBUG off, SQLite), {html_bytes / 1024:.1f} KiB HTML")

    port = free_port()
    log = open(Path(tmp) / "server.log", "w")
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        urllib.request.urlopen(base + args.path).read()  # renditions exist before measuring
        for label, (sizes, counts, foreign) in weigh(base, args.path).items():
            total = sum(sizes.values())
            parts = ", ".join(f"{name} {size / 1024:.1f} KiB ({counts[name]})" for name, size in sorted(sizes.items()))
            print(f"page weight at 1280 px, {label}: {total / 1024:.1f} KiB = {parts}; "
                  f"third-party requests: {len(foreign)}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
