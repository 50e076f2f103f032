"""The checks of deploy/scaleout_check.py, run against two started instances (see its docstring)."""

import html
import io
import json
import re
import secrets
import time
import urllib.request

from scaleout_http import Browser, form_fields

HEALTH_CHECKS = {"database", "cache", "storage", "tasks"}


class Checks:
    def __init__(self):
        self.rows, self.page = [], None

    def record(self, name, ok, detail=""):
        self.rows.append((name, bool(ok), detail))
        print(f"  {'PASS' if ok else 'FAIL'}  {name}  {detail}", flush=True)
        return ok

    def run(self, name, func):
        try:
            ok, detail = func()
        except Exception as exc:  # a check that breaks is a failed check, with the reason shown
            ok, detail = False, f"{type(exc).__name__}: {exc}"[:300]
        return self.record(name, ok, detail)

    @property
    def passed(self):
        return all(ok for _, ok, _ in self.rows)


def _png():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 400), (0, 92, 169)).save(out, "PNG")
    return out.getvalue()


def run_checks(checks, ports, site, username, password, s3_url, s3, bucket, instances, db):
    one, two = ports
    editor = Browser()
    reader = Browser()
    page = checks.page = {}

    def health():
        details = []
        for port in ports:
            r = reader.get(port, "/health/", cookies=False)
            body = r.json()
            ok = (r.status == 200 and set(body) == {"status", "checks"} and set(body["checks"]) == HEALTH_CHECKS
                  and all(v == "ok" for v in body["checks"].values()))
            if not ok:
                return False, f"instance on {port}: {r.status} {r.text[:200]}"
            details.append(f":{port} {r.status}")
        return True, ", ".join(details) + f" {sorted(HEALTH_CHECKS)} ok, no other keys"

    checks.run("health: both instances, all four checks", health)

    def shared_session():
        r = editor.get(one, "/admin/login/")
        fields = form_fields(r.text, r"login")
        fields.update(username=[username], password=[password], next=["/admin/"])
        r = editor.post_form(one, "/admin/login/", fields)
        if r.status != 302 or "sessionid" not in editor.cookies:
            return False, f"sign-in on instance 1 answered {r.status}"
        r = editor.get(two, "/admin/")
        signed_in = r.status == 200 and "/admin/logout/" in r.text
        return signed_in, f"signed in on :{one}, instance :{two} answers /admin/ with {r.status} (no sign-in form)"

    if not checks.run("sessions: signed in on 1, signed in on 2", shared_session):
        return checks

    def create_page():
        path = f"/admin/pages/add/home/standardpage/{site['home_id']}/"
        r = editor.get(one, path)
        fields = form_fields(r.text, r"page-edit-form|/admin/pages/add/")
        page["title"] = f"Skalierung {secrets.token_hex(3)}"
        page["slug"] = "skalierung-" + secrets.token_hex(3)
        fields.update({"title": [page["title"]], "slug": [page["slug"]], "action-publish": ["action-publish"]})
        fields.setdefault("body-count", ["0"])
        r = editor.post_form(one, path, fields)
        if r.status != 302:
            errors = re.findall(r'class="[^"]*error-message[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', r.text)
            return False, f"admin on :{one} answered {r.status} {errors[:3]}"
        page["id"] = db(f"SELECT id FROM wagtailcore_page WHERE slug = '{page['slug']}'")[0][0]
        page["url"] = site["home_url"] + page["slug"] + "/"
        r = reader.get(two, page["url"], cookies=False)
        shown = r.status == 200 and page["title"] in r.text
        return shown, f"published on :{one} (admin, HTTP), :{two} serves {page['url']} with {r.status}"

    if not checks.run("publish on 1, page served by 2", create_page):
        return checks

    def cached_then_purged():
        first = reader.get(two, page["url"], cookies=False)
        second = reader.get(two, page["url"], cookies=False)
        if second.header("x-page-cache") != "hit":
            return False, f"instance 2 did not cache the page: {first.header('x-page-cache')}, " \
                          f"{second.header('x-page-cache')}"
        path = f"/admin/pages/{page['id']}/edit/"
        r = editor.get(one, path)
        fields = form_fields(r.text, r"page-edit-form|/admin/pages/\d+/edit/")
        new_title = page["title"] + " (geändert)"
        page["title"] = new_title
        fields.update({"title": [new_title], "action-publish": ["action-publish"]})
        fields.setdefault("body-count", ["0"])
        r = editor.post_form(one, path, fields)
        if r.status != 302:
            return False, f"edit on :{one} answered {r.status}"
        started = time.perf_counter()
        after = reader.get(two, page["url"], cookies=False)
        waited = (time.perf_counter() - started) * 1000
        ok = after.status == 200 and new_title in after.text and after.header("x-page-cache") != "hit"
        return ok, (f":{two} had it cached (hit), title changed on :{one}, :{two} shows the new title "
                    f"on the next request ({after.header('x-page-cache')}, answered in {waited:.0f} ms)")

    checks.run("page cache of 2 purged by a publish on 1", cached_then_purged)

    def image_in_object_store():
        r = editor.get(one, "/admin/images/add/")
        fields = form_fields(r.text, r"/admin/images/add/")
        title = f"Skalierungsbild {secrets.token_hex(3)}"
        fields.update(title=[title])
        fields.pop("shows_identifiable_people", None)  # a blue area: no people, so no consent needed
        for name in ("alt_text", "default_alt_text", "description"):
            if name in fields and not fields[name][0]:
                fields[name] = ["Blaue Fläche"]
        r = editor.post_multipart(one, "/admin/images/add/", fields,
                                  {"file": ("skalierung.png", _png(), "image/png")})
        if r.status != 302:
            errors = re.findall(r'error-message[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', r.text)
            return False, f"upload on :{one} answered {r.status} {errors[:3]}"
        image_id, name = db(f"SELECT id, file FROM site_media_customimage WHERE title = '{title}'")[0]
        stored = s3.head_object(Bucket=bucket, Key=name)["ContentLength"]
        r = editor.get(two, f"/admin/images/{image_id}/")
        sources = [html.unescape(src) for src in re.findall(r'<img[^>]+src="([^"]+)"', r.text)]
        rendition = next((src for src in sources if "/images/" in src and "original_images" not in src), None)
        if rendition is None or not rendition.startswith(s3_url + "/" + bucket + "/"):
            return False, f"instance 2's admin shows {rendition or sources[:4]!r}, not a URL of the object store"
        with urllib.request.urlopen(rendition, timeout=30) as answer:
            body, kind = answer.read(), answer.headers.get("Content-Type")
        return kind.startswith("image/") and len(body) > 100, (
            f"original in the bucket ({stored} bytes) via :{one}; :{two} shows rendition "
            f"{rendition.split('?')[0].removeprefix(s3_url)}, fetched from the object store ({kind}, {len(body)} bytes)")

    checks.run("image uploaded on 1, rendition from S3 on 2", image_in_object_store)

    def request_logs():
        seen, problems = set(), []
        secrets_seen = [username, password, editor.cookies.get("sessionid", "-"), "127.0.0.1"]
        for _port, _proc, log in instances:
            for line in log.read_text().splitlines():
                if not line.startswith("{"):
                    continue
                entry = json.loads(line)
                if entry.get("event") != "request":
                    continue
                seen.add(entry["instance"])
                if any(s and s in line for s in secrets_seen) or "?" in (entry.get("path") or ""):
                    problems.append(line[:200])
                if set(entry) - {"time", "level", "logger", "event", "method", "view", "path", "status",
                                 "duration_ms", "instance", "pid", "cache"}:
                    problems.append(line[:200])
        ok = seen == {"scaleout-1", "scaleout-2"} and not problems
        return ok, f"JSON lines from {sorted(seen)}; no user name, session, address or query" if ok else \
            f"instances {sorted(seen)}; {problems[:2]}"

    checks.run("request logs: JSON per instance, nothing personal", request_logs)
    return checks


def health_lines(log):
    return log.read_text().count('"view": "health"')


def check_nginx(checks, proxy_port, instances, page_url, title):
    """The shipped nginx configuration with both instances in its upstream spreads the requests."""

    def spread():
        before = [health_lines(log) for _port, _proc, log in instances]
        browser = Browser()
        answers = [browser.get(proxy_port, "/health/", cookies=False).status for _ in range(8)]
        page = browser.get(proxy_port, page_url, cookies=False)
        after = [health_lines(log) for _port, _proc, log in instances]
        served = [a - b for a, b in zip(after, before)]
        ok = answers == [200] * 8 and all(n > 0 for n in served) and page.status == 200 and title in page.text
        return ok, f"8 × /health/ through nginx: {served[0]} on instance 1, {served[1]} on instance 2; " \
                   f"the page: {page.status}"

    checks.run("nginx upstream with both instances", spread)
