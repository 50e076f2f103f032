"""Benchmark: the public pages under load, uncached, app-cached, through the shipped proxy, and the ceiling.

    .venv/bin/python bench/bench_http.py [--duration 60] [--connections 64] [--workers 2]
        [--pages home,council,story,index,api] [--modes uncached,app-cached,proxy,static] [--bakerydemo DIR]

One command. Builds the demo in a temporary SQLite database (VAR_DIR in a temporary folder), then
for each mode starts gunicorn with the production settings on 127.0.0.1 and measures with wrk
(Debian package `wrk`) the home page, a council page, a story page, the council index and an API
listing:

* ``uncached``   gunicorn, PAGE_CACHE_SECONDS=0;
* ``app-cached`` gunicorn with the page cache (home.pagecache, local memory per worker here);
* ``proxy``      the shipped nginx configuration (deploy/nginx, TLS left out, micro-cache on) in
  front of the app-cached gunicorn, when nginx is installed;
* ``static``     nginx serving the same HTML as files: the ceiling.

With ``--bakerydemo DIR`` (a checkout of wagtail/bakerydemo with its own ``.venv`` holding Django 5.2 and
Wagtail 8) the canonical Wagtail demo's blog post is measured the same way, uncached, as the reference
for the council page. Preparing it (bakerydemo's own pins ask for Django 6, which needs Python 3.12)::

    python3.11 -m venv DIR/.venv && DIR/.venv/bin/pip install Django==5.2.19 wagtail==8.0.1 gunicorn==27.0.1 \
        whitenoise wagtail-font-awesome-svg "django-debug-toolbar<5" django-extensions "django-csp<4" \
        dj-database-url python-dotenv
    cd DIR && DJANGO_SETTINGS_MODULE=bakerydemo.settings.dev .venv/bin/python manage.py migrate
    DJANGO_SETTINGS_MODULE=bakerydemo.settings.dev .venv/bin/python manage.py load_initial_data
    DJANGO_SETTINGS_MODULE=bakerydemo.settings.production DJANGO_SECRET_KEY=x \
        .venv/bin/python manage.py collectstatic --no-input

Per cell: requests/s, latency p50/p99, errors (non-2xx/3xx and socket errors), and the server CPU
per request in ms (utime+stime of the gunicorn workers from /proc/PID/stat). Queries per view are
counted in-process on a warm, uncached request. Prints one table with ratios to the ceiling.
"""

import argparse
import atexit
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(tmp, page_cache):
    env = dict(os.environ)
    env.update(VAR_DIR=str(tmp), DJANGO_SETTINGS_MODULE="config.settings.production",
               SECRET_KEY="bench-only-secret-key-" + "x" * 40, ALLOWED_HOSTS="127.0.0.1,localhost",
               SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0", ALLOW_CONSOLE_EMAIL="1",
               EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend", RECRUITMENT_TASKS="immediate",
               PAGE_CACHE_SECONDS=str(page_cache), PYTHONPATH=str(ROOT))
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def prepare(tmp):
    dev = dict(os.environ, VAR_DIR=str(tmp), DJANGO_SETTINGS_MODULE="config.settings.dev")
    dev.pop("DATABASE_URL", None)
    for args in (["migrate", "--no-input", "-v", "0"], ["seed_demo"], ["createcachetable"]):
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=dev, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([PY, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT,
                   env=env_for(tmp, 0), check=True)


def pick_urls(tmp):
    """The five URLs, found in the demo database (the same code path as the site)."""
    code = (
        "import django; django.setup()\n"
        "from councils.models import CouncilPage, CouncilIndexPage\n"
        "from stories.models import StoryPage\n"
        "from home.models import HomePage\n"
        "q=dict(locale__language_code='de', live=True)\n"
        "print(HomePage.objects.get(**q).url)\n"
        "print(CouncilPage.objects.filter(**q).order_by('-date').exclude(slug='probelauf').first().url)\n"
        "print(StoryPage.objects.filter(**q).first().url)\n"
        "print(CouncilIndexPage.objects.get(**q).url)\n"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env_for(tmp, 0), check=True, capture_output=True,
                         text=True).stdout.split()
    names = ["home", "council", "story", "index"]
    urls = dict(zip(names, out))
    urls["api"] = "/api/v2/pages/?type=councils.CouncilPage&fields=date,venue_town&limit=20"
    return urls


def count_queries(tmp, urls):
    code = (
        "import django, json, sys; django.setup()\n"
        "from django.test import Client; from django.db import connection\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "c = Client(HTTP_HOST='127.0.0.1'); out = {}\n"
        "for name, url in json.loads(sys.argv[1]).items():\n"
        "    c.get(url)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        r = c.get(url)\n"
        "    out[name] = (len(ctx.captured_queries), len(r.content))\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run([PY, "-c", code, json.dumps(urls)], cwd=ROOT, env=env_for(tmp, 0), check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_for(url, timeout=60):
    last = None
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                r.read()
                return
        except Exception as exc:
            last = exc
            if hasattr(exc, "read"):  # an HTTP error: keep its body for the message
                last = f"{exc}: {exc.read()[:300]!r}"
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url}: {last}")


def bakerydemo_env(directory):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bakerydemo.settings.production", SECURE_SSL_REDIRECT="false",
               DJANGO_SECRET_KEY="bench-only-secret-key-" + "x" * 40, DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost")
    for name in ("DATABASE_URL", "REDIS_URL", "VAR_DIR", "PYTHONPATH"):
        env.pop(name, None)
    return env


def bakerydemo_blog_post(directory):
    """The first live blog post of the demo and its queries on a warm request, counted as for our pages."""
    code = (
        "import django, json; django.setup()\n"
        "from bakerydemo.blog.models import BlogPage\n"
        "from django.test import Client; from django.db import connection\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "url = BlogPage.objects.live().order_by('pk').first().url\n"
        "c = Client(HTTP_HOST='127.0.0.1'); c.get(url)\n"
        "with CaptureQueriesContext(connection) as ctx:\n"
        "    r = c.get(url)\n"
        "print(json.dumps([url, len(ctx.captured_queries), len(r.content)]))\n"
    )
    out = subprocess.run([str(directory / ".venv" / "bin" / "python"), "-c", code], cwd=directory,
                         env=bakerydemo_env(directory), check=True, capture_output=True, text=True).stdout
    url, nq, size = json.loads(out.strip().splitlines()[-1])
    return url, (nq, size)


class Gunicorn:
    def __init__(self, tmp, page_cache, workers, bakerydemo=None):
        self.port = free_port()
        root, app, env = ROOT, "config.wsgi:application", env_for(tmp, page_cache)
        if bakerydemo:
            root, app, env = bakerydemo, "bakerydemo.wsgi:application", bakerydemo_env(bakerydemo)
        self.proc = subprocess.Popen(
            [str(root / ".venv" / "bin" / "gunicorn"), app, "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--no-control-socket", "--timeout", "120", "--log-level", "warning"],
            cwd=root, env=env, stdout=subprocess.DEVNULL,
            stderr=(tmp / "gunicorn.log").open("ab"))
        try:
            wait_for(f"http://127.0.0.1:{self.port}{'/' if bakerydemo else '/health/'}", timeout=180)
        except SystemExit:
            print((tmp / "gunicorn.log").read_text()[-3000:])
            raise

    def workers(self):
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        return [int(c) for c in children]

    def cpu_seconds(self):
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return total / CLK_TCK

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


BROTLI_MODULES = [Path("/usr/lib/nginx/modules") / f"ngx_http_brotli_{m}_module.so" for m in ("filter", "static")]


def nginx_config(tmp, app_port, html_dir, brotli=False):
    """The shipped configuration, made runnable unprivileged: no TLS, local paths, one upstream.
    With `brotli` (Debian's brotli modules installed), the optional brotli snippet is loaded too."""
    conf = (ROOT / "deploy" / "nginx" / "wahlkreisrat.conf").read_text()
    headers = (ROOT / "deploy" / "nginx" / "wahlkreisrat-headers.conf").read_text()
    (tmp / "headers.conf").write_text(headers)
    if brotli:
        (tmp / "brotli.conf").write_text((ROOT / "deploy" / "nginx" / "wahlkreisrat-brotli.conf").read_text())
    conf = conf.replace("/etc/nginx/snippets/wahlkreisrat-brotl[i].conf", str(tmp / "brotl[i].conf"))
    conf = re.sub(r"server 127\.0\.0\.1:800\d[^;]*;\n", "", conf)
    conf = conf.replace("keepalive 32;", f"server 127.0.0.1:{app_port};\n    keepalive 32;")
    conf = conf.replace("/etc/nginx/snippets/wahlkreisrat-headers.conf", str(tmp / "headers.conf"))
    conf = conf.replace("/var/cache/nginx/wahlkreisrat", str(tmp / "nginx-cache"))
    conf = conf.replace("/srv/wahlkreisrat/var/", f"{tmp}/")
    conf = re.sub(r"\n\s*ssl_[^\n]*", "", conf)
    conf = re.sub(r"\n\s*listen \[::\][^\n]*", "", conf)
    proxy_port, static_port, redirect_port = free_port(), free_port(), free_port()
    conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{proxy_port};")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{redirect_port};")
    conf += (f"\nserver {{ listen 127.0.0.1:{static_port}; root {html_dir};"
             " location / { default_type text/html; try_files $uri $uri/index.html =404; } }\n")
    # Run as root, nginx's workers would drop to "nobody" and could not write to the private temp folder.
    user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n" if os.getuid() == 0 else ""
    modules = "".join(f"load_module {m};\n" for m in BROTLI_MODULES) if brotli else ""
    main = (f"{modules}{user}worker_processes 2; pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log;\n"
            f"events {{ worker_connections 1024; }}\n"
            f"http {{ access_log off; client_body_temp_path {tmp}/nb; proxy_temp_path {tmp}/np;\n"
            f"fastcgi_temp_path {tmp}/nf; uwsgi_temp_path {tmp}/nu; scgi_temp_path {tmp}/ns;\n"
            f"types {{ text/html html; text/css css; application/javascript js; image/svg+xml svg; }}\n"
            f"{conf}\n}}\n")
    path = tmp / "nginx.conf"
    path.write_text(main)
    return path, proxy_port, static_port


def wrk(url, duration, connections):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency",
                          "-H", "Accept-Encoding: gzip", url], capture_output=True, text=True, check=True).stdout

    def latency(pct):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(g) for g in m.groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"rps": rps, "p50": latency(50), "p99": latency(99), "errors": errors, "requests": requests}


def measure(base, urls, duration, connections, server=None):
    rows = {}
    for name, path in urls.items():
        url = base + path
        for _ in range(20):  # warm up: caches, renditions, the interpreter
            urllib.request.urlopen(url, timeout=30).read()
        cpu0 = server.cpu_seconds() if server else None
        row = wrk(url, duration, connections)
        if server:
            row["cpu_ms"] = (server.cpu_seconds() - cpu0) * 1000 / max(row["requests"], 1)
        rows[name] = row
    return rows


PAGES = ("home", "council", "story", "index", "api")
MODES = ("uncached", "app-cached", "proxy", "static")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--bakerydemo", type=Path, help="a prepared wagtail/bakerydemo checkout (reference)")
    parser.add_argument("--pages", default=",".join(PAGES), help="which pages (comma-separated): %(default)s")
    parser.add_argument("--modes", default=",".join(MODES), help="which modes (comma-separated): %(default)s")
    args = parser.parse_args()
    pages, modes = args.pages.split(","), args.modes.split(",")
    unknown = sorted(set(pages) - set(PAGES)) + sorted(set(modes) - set(MODES))
    if unknown or "uncached" not in modes:
        raise SystemExit(f"unknown pages or modes: {unknown}" if unknown else "the uncached mode is the baseline")
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:  # one command: fetch the Debian tools the way scripts/test fetches Chromium
        subprocess.run(["bash", "-c", f'source "{ROOT}/scripts/apt.sh"; apt_install {" ".join(missing)}'],
                       check=False)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    tmp = Path(tempfile.mkdtemp(prefix="wkr-http-"))
    try:
        prepare(tmp)
        urls = {name: url for name, url in pick_urls(tmp).items() if name in pages}
        queries = count_queries(tmp, urls)
        results = {}
        server = Gunicorn(tmp, 0, args.workers)
        atexit.register(lambda: results and report(queries, results, args))  # what was measured, even on a failure
        try:
            results["uncached"] = measure(f"http://127.0.0.1:{server.port}", urls, args.duration,
                                          args.connections, server)
        finally:
            server.stop()
        if args.bakerydemo:
            url, queries["bakery"] = bakerydemo_blog_post(args.bakerydemo)
            server = Gunicorn(tmp, 0, args.workers, bakerydemo=args.bakerydemo)
            try:
                results["uncached"].update(measure(f"http://127.0.0.1:{server.port}", {"bakery": url},
                                                   args.duration, args.connections, server))
            finally:
                server.stop()
        if modes == ["uncached"]:
            return
        server = Gunicorn(tmp, 600, args.workers)
        html_dir = tmp / "html"
        for path in urls.values():
            bare = path.split("?")[0]
            target = html_dir / bare.lstrip("/")
            target = target / "index.html" if bare.endswith("/") else target
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}").read())
        try:
            if "app-cached" in modes:
                results["app-cached"] = measure(f"http://127.0.0.1:{server.port}", urls, args.duration,
                                                args.connections, server)
            if shutil.which("nginx") and {"proxy", "static"} & set(modes):
                conf, proxy_port, static_port = nginx_config(tmp, server.port, html_dir)
                nginx = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"],
                                         stderr=subprocess.DEVNULL)
                try:
                    wait_for(f"http://127.0.0.1:{proxy_port}/health/")
                    results["proxy"] = measure(f"http://127.0.0.1:{proxy_port}", urls, args.duration,
                                               args.connections, server)
                    static_urls = {n: p.split("?")[0] for n, p in urls.items()}
                    results["static"] = measure(f"http://127.0.0.1:{static_port}", static_urls, args.duration,
                                                args.connections)
                finally:
                    nginx.terminate()
                    nginx.wait(timeout=30)
            else:
                print("nginx is missing (apt-get install nginx): no proxy and no static ceiling")
        finally:
            server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(queries, results, args):
    print(f"\n{args.connections} connections, {args.duration} s per cell, {args.workers} gunicorn workers, "
          f"{os.cpu_count()} cores\n")
    print(f"{'page':8} {'queries':>7} {'KB':>6}  {'mode':10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'errors':>6} {'CPU ms/req':>10} {'vs static':>9} {'CPU vs uncached':>15}")
    for name in queries:
        nq, size = queries[name]
        ceiling = results.get("static", {}).get(name, {}).get("rps")
        base_cpu = results["uncached"][name].get("cpu_ms")
        for mode, rows in results.items():
            if name not in rows:
                continue
            row = rows[name]
            cpu = row.get("cpu_ms")
            vs_static = f"{row['rps'] / ceiling:9.1%}" if ceiling else f"{'':9}"
            vs_cpu = f"{'1/' + format(base_cpu / cpu, '.0f'):>15}" if cpu and base_cpu and mode != "uncached" else ""
            print(f"{name:8} {nq:7d} {size / 1024:6.0f}  {mode:10} {row['rps']:9.0f} {row['p50']:8.1f} "
                  f"{row['p99']:8.1f} {row['errors']:6d} {(f'{cpu:.2f}' if cpu is not None else ''):>10} "
                  f"{vs_static} {vs_cpu}")
    bakery = results["uncached"].get("bakery", {}).get("cpu_ms")
    if bakery and "council" in results["uncached"]:
        council = results["uncached"]["council"]["cpu_ms"]
        print(f"\nuncached council page {council:.1f} ms CPU vs bakerydemo blog post {bakery:.1f} ms: "
              f"{council / bakery:.2f}x (target <= 1)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
