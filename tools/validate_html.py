"""Validate the main public pages of the demo with the Nu HTML checker (vnu.jar from npm).

    .venv/bin/python tools/validate_html.py                 # builds a temporary demo and serves it
    .venv/bin/python tools/validate_html.py --base http://127.0.0.1:8000   # a running demo (scripts/run)

The pages are tests/html.py's PUBLIC_PAGES (one per page type and language). vnu.jar comes from the
`vnu-jar` package pinned in package.json (`npm ci`); it needs Java. Without `java` the script says so
and exits 0 (skipped), so it can run anywhere; tests/design/test_html_structure.py checks the two
errors found so far (empty form actions, content after <figcaption>) without Java.
Exit status 1 when the checker reports an error.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

from lighthouse import free_port, manage, wait_for  # noqa: E402

from tests.html import PUBLIC_PAGES  # noqa: E402

VNU = Path(os.environ.get("VNU_JAR", ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))


def serve_demo(tmp):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(tmp),
           "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}", "MEDIA_ROOT": str(tmp / "media"),
           "RECRUITMENT_PRIVATE_ROOT": str(tmp / "private"), "PYTHONUNBUFFERED": "1"}
    print(f"building the demo in {tmp} …", flush=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "seed_demo")
    port = free_port()
    log = tmp / "server.log"
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/robots.txt", server, log)
    return base, server


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", help="URL of a running demo site (default: build and serve one)")
    args = parser.parse_args()
    if not shutil.which("java"):
        print("SKIPPED: the Nu HTML checker needs Java (`apt-get install default-jre-headless`).")
        return 0
    if not VNU.exists():
        sys.exit(f"vnu.jar not found at {VNU}: run `npm ci` (package.json pins vnu-jar).")
    tmp = Path(tempfile.mkdtemp(prefix="wkr-vnu-"))
    server = None
    try:
        base = args.base
        if not base:
            base, server = serve_demo(tmp)
        files = {}
        for i, path in enumerate(PUBLIC_PAGES):
            target = tmp / f"page-{i:02d}.html"
            target.write_bytes(urllib.request.urlopen(base.rstrip("/") + path, timeout=60).read())
            files[target.name] = path
        result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, sorted(
            tmp.glob("page-*.html")))], capture_output=True, text=True, timeout=600)
        if result.returncode and not result.stderr.strip().startswith("{"):
            sys.exit("the Nu checker failed: " + (result.stderr or result.stdout)[-2000:])
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    for m in messages:
        print(f"{files.get(str(m.get('url', '')).rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}")
    print(f"{len(files)} pages checked, {len(messages)} errors")
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
