"""Lighthouse on the production settings: home, council index, a council and a story.

    .venv/bin/python tools/lighthouse.py [--keep] [--preset desktop]

1. builds the demo in a temporary SQLite database with the dev settings (seed_demo refuses to run
   with DEBUG off), then
2. serves that database with config.settings.production through gunicorn on 127.0.0.1
   (SECRET_KEY and ALLOWED_HOSTS set here; SECURE_SSL_REDIRECT=false because there is no TLS
   proxy in front; static files hashed and compressed by collectstatic + WhiteNoise as in production;
   media served by tools/lighthouse_wsgi.py as a web server would), and
3. runs Lighthouse from node_modules (package.json pins it) with Debian's Chromium, headless,
   on each page, and prints the score of every category. Exit status 1 if any score is below 95.

Nothing leaves the machine: the pages make no third-party requests, and Chromium is started with
background networking off. CHROME_PATH (default /usr/bin/chromium) and LIGHTHOUSE (default
node_modules/.bin/lighthouse) can be overridden.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLD = 95
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync --disable-default-apps --disable-extensions")
# One page of each kind from the demo (seed_demo builds the same tree every time).
PAGES = {
    "home": "/de/",
    "index": "/de/wahlkreisraete/",
    "council": "/de/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/",
    "story": "/de/geschichten/ein-tag-im-wahlkreisrat/",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, capture=False):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
                            capture_output=True, timeout=900)
    return result.stdout if capture else None


def wait_for(url, server, log):
    for _ in range(150):
        if server.poll() is not None:
            break
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("the production server did not start:\n" + log.read_text()[-3000:])


def lighthouse(url, out, preset):
    binary = os.environ.get("LIGHTHOUSE", str(ROOT / "node_modules/.bin/lighthouse"))
    if not Path(binary).exists():
        sys.exit(f"Lighthouse not found at {binary}: run `npm ci` (package.json pins it).")
    cmd = [binary, url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=" + ",".join(CATEGORIES), f"--chrome-flags={CHROME_FLAGS}"]
    if preset:
        cmd.append(f"--preset={preset}")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(3):  # a busy machine sometimes loses the trace (NO_NAVSTART): try again
        if subprocess.run(cmd, env=env, timeout=600).returncode == 0:
            break
        print(f"  Lighthouse failed (attempt {attempt + 1} of 3)", flush=True)
    else:
        raise RuntimeError(f"Lighthouse failed three times on {url}")
    report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = [
        f"{report['categories'][c]['title']}: {a['id']} ({a.get('score')})"
        for c in CATEGORIES if scores[c] < 100
        for ref in report["categories"][c]["auditRefs"] if ref["weight"]
        for a in [report["audits"][ref["id"]]] if a.get("score") is not None and a["score"] < 1
    ]
    return scores, failing


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (reports, logs)")
    parser.add_argument("--workdir", type=Path, help="use this folder; a demo database already built there "
                        "(by an earlier --keep run) is reused")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated subset of " + ", ".join(PAGES))
    parser.add_argument("--preset", choices=["desktop"], help="Lighthouse preset (default: mobile)")
    args = parser.parse_args()

    tmp = args.workdir or Path(tempfile.mkdtemp(prefix="wkr-lighthouse-"))
    reuse = (tmp / "db.sqlite3").exists()
    base_env = {**os.environ, "VAR_DIR": str(tmp), "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
                "MEDIA_ROOT": str(tmp / "media"), "RECRUITMENT_PRIVATE_ROOT": str(tmp / "private"),
                "PYTHONUNBUFFERED": "1"}
    base_env.pop("REDIS_URL", None)
    dev = {**base_env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    port = free_port()
    prod = {**base_env, "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}", "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0", "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}"}
    if not reuse:
        print(f"building the demo in {tmp} …", flush=True)
        manage(dev, "migrate", "--no-input", "-v", "0")
        manage(dev, "seed_demo")
    manage(prod, "createcachetable")
    manage(prod, "collectstatic", "--no-input", "-v", "0")

    log = tmp / "gunicorn.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tools.lighthouse_wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--timeout", "600", "--access-logfile", "-"],
        cwd=ROOT, env=prod, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        wait_for(base + "/robots.txt", server, log)
        for name, path in PAGES.items():
            if name not in args.pages.split(","):
                continue
            urllib.request.urlopen(base + path, timeout=600).read()  # renditions are made on first view
            print(f"lighthouse {name}: {base}{path}", flush=True)
            results[name] = (path, *lighthouse(base + path, tmp / f"{name}.json", args.preset))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    width = max(len(n) for n in results)
    print("\n" + " " * (width + 2) + "  ".join(f"{c:>14}" for c in CATEGORIES) + "  path")
    low = False
    for name, (path, scores, _failing) in results.items():
        low |= any(s < THRESHOLD for s in scores.values())
        print(f"{name:<{width + 2}}" + "  ".join(f"{scores[c]:>14}" for c in CATEGORIES) + f"  {path}")
    for name, (_path, _scores, failing) in results.items():
        if failing:
            print(f"\n{name}: audits below full marks:\n  " + "\n  ".join(failing))
    if args.keep or args.workdir:
        print(f"\nreports and logs kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
