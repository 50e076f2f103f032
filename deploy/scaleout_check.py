"""Scale-out check: two instances of the site on shared services behave as one site.

    .venv/bin/python deploy/scaleout_check.py [--workers 2] [--fresh] [--keep]

One command, on one machine, against PostgreSQL (``SCALEOUT_POSTGRES_URL``, default
postgres://postgres@127.0.0.1:5432, trust) and Redis (``SCALEOUT_REDIS_URL``, default
redis://127.0.0.1:6379/15, keys under a prefix of their own, removed afterwards). It

1. starts an S3-compatible object store (moto in server mode, requirements.txt) and makes a bucket;
2. makes a throw-away PostgreSQL database: a copy of a template that was migrated and given a
   minimal site (home page in German and English, the editors' group) once per state of the
   migrations and requirements (``wkr_scaleout_tpl_<hash>``; ``--fresh`` migrates anew);
3. collects the static files and starts two gunicorn instances with the production settings
   (``--no-control-socket``, their own ports and INSTANCE_IDs) and one task worker (``db_worker``),
   all sharing the database, Redis and the bucket;
4. checks, over HTTP, as an editor and a reader would:
   - ``/health/`` on both instances: 200, database, cache, storage and task queue ok, nothing else;
   - a sign-in on instance 1 holds on instance 2 (sessions shared);
   - a page created and published through instance 1's admin is served by instance 2;
   - instance 2 caches that page (``X-Page-Cache: hit``), an editor changes its title through
     instance 1's admin, and instance 2 shows the new title at once (the purge went through Redis);
   - an image uploaded through instance 1 is in the bucket, and instance 2's admin shows its
     rendition from the object store (the URL points to it and answers with the picture);
   - both instances wrote JSON request lines naming themselves, without the editor's name, the
     session, a query string or an address;
   - where nginx is installed: the shipped configuration (deploy/nginx, made runnable as in
     bench/bench_http.py) with both instances in its upstream spreads requests over them;
5. prints a PASS/FAIL table, stops everything, drops the database; exits 0 only if all passed.
"""

import argparse
import hashlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scaleout_steps import Checks, check_nginx, run_checks

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BASE = os.environ.get("SCALEOUT_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/15")
BUCKET = "wkr-scaleout"
S3_KEY, S3_SECRET = "scaleout", "scaleout-secret"

SEED_TEMPLATE = """
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from home.demo import seed_home
home, site = seed_home()
site.hostname = "127.0.0.1"
site.save()
editors, _ = Group.objects.get_or_create(name="Redaktion")
editors.permissions.add(*Permission.objects.filter(codename="access_admin"))
for codename in ["add_page", "change_page", "publish_page"]:
    GroupPagePermission.objects.get_or_create(group=editors, page=Page.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename))
for permission in Permission.objects.filter(codename__in=[
        f"{action}_{model}" for action in ("add", "change", "choose") for model in ("image", "customimage")]):
    GroupCollectionPermission.objects.get_or_create(group=editors, collection=Collection.get_first_root_node(),
        permission=permission)
"""

SEED_RUN = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from home.models import HomePage
user = get_user_model().objects.create_user(USERNAME, password=PASSWORD)
user.groups.add(Group.objects.get(name="Redaktion"))
home = HomePage.objects.get(locale__language_code="de")
print(json.dumps({"home_id": home.pk, "home_url": home.url}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout, proc=None, log=None):
    deadline, last = time.time() + timeout, None
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                r.read()
                return
        except urllib.error.HTTPError as exc:  # an answer, even 503, means the server is up
            if exc.code < 500 or exc.code == 503:
                return
            last = exc
        except Exception as exc:
            last = exc
        time.sleep(0.2)
    tail = Path(log).read_text()[-3000:] if log and Path(log).exists() else ""
    raise SystemExit(f"no answer from {url}: {last}\n{tail}")


def pg(sql, database="postgres"):
    import psycopg

    with psycopg.connect(f"{PG_BASE}/{database}", autocommit=True) as conn:
        return conn.execute(sql).fetchall() if sql.lstrip().upper().startswith("SELECT") else conn.execute(sql)


def state_hash():
    """Migrations, pinned requirements and the seed: a new template whenever one changes."""
    digest = hashlib.sha256()
    digest.update(SEED_TEMPLATE.encode())
    for path in sorted(ROOT.glob("*/migrations/*.py")) + [ROOT / "requirements.txt"]:
        digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def manage(env, *args):
    done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return done


def template_database(base_env, fresh):
    """The name of a migrated, minimally seeded database to copy; built when missing."""
    name = f"wkr_scaleout_tpl_{state_hash()}"
    existing = {row[0] for row in pg("SELECT datname FROM pg_database WHERE datname LIKE 'wkr_scaleout_tpl_%'")}
    if fresh and name in existing:
        pg(f"DROP DATABASE {name}")
        existing.discard(name)
    for stale in existing - {name}:  # templates of older migrations; one in use by another run stays
        try:
            pg(f"DROP DATABASE IF EXISTS {stale}")
        except Exception as exc:
            print(f"kept {stale}: {exc}")
    if name in existing:
        return name, False
    building = f"{name}_building_{os.getpid()}"
    pg(f"CREATE DATABASE {building}")
    try:
        env = dict(base_env, DJANGO_SETTINGS_MODULE="config.settings.dev", DATABASE_URL=f"{PG_BASE}/{building}")
        env.pop("REDIS_URL", None)
        env.pop("AWS_STORAGE_BUCKET_NAME", None)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "shell", "-c", SEED_TEMPLATE)
        pg(f"ALTER DATABASE {building} RENAME TO {name}")
    except BaseException:
        pg(f"DROP DATABASE IF EXISTS {building}")
        raise
    return name, True


def collected_static(env):
    """STATIC_ROOT with the collected, hashed and compressed static files, kept between runs in
    ~/.cache/wahlkreisrat-scaleout/static-<hash of the sources and requirements>."""
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes())
    for path in sorted((ROOT / "site" / "static").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wahlkreisrat-scaleout"
    target = cache / f"static-{digest.hexdigest()[:12]}"
    if (target / "staticfiles.json").exists():
        return target, False
    for stale in cache.glob("static-*"):
        shutil.rmtree(stale, ignore_errors=True)
    building = cache / f"building-{os.getpid()}"
    manage(dict(env, STATIC_ROOT=str(building)), "collectstatic", "--no-input", "-v", "0")
    building.rename(target)
    return target, True


class Services:
    """Everything started, stopped in reverse order."""

    def __init__(self, tmp):
        self.tmp, self.procs, self.database, self.redis_prefix = tmp, [], None, None

    def start(self, name, args, env):
        log = self.tmp / f"{name}.log"
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc, log

    def stop(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self.database:
            pg(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        if self.redis_prefix:
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(match=f"{self.redis_prefix}*", count=1000))
            if keys:
                client.delete(*keys)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--fresh", action="store_true", help="migrate a new template database")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder with the logs")
    args = parser.parse_args()
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="wkr-scaleout-"))
    services = Services(tmp)
    try:
        checks = run(args, tmp, services, started)
    finally:
        services.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n{'check':58} result\n{'-' * 58} ------")
    for name, ok, _detail in checks.rows:
        print(f"{name:58} {'PASS' if ok else 'FAIL'}")
    passed = sum(ok for _, ok, _ in checks.rows)
    print(f"\n{passed} of {len(checks.rows)} checks passed in {time.perf_counter() - started:.0f} s")
    return 0 if checks.passed and checks.rows else 1


def run(args, tmp, services, started):
    def step(text):
        print(f"[{time.perf_counter() - started:5.1f} s] {text}", flush=True)

    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "DATABASE_URL"))}
    base_env.update(PYTHONPATH=str(ROOT), VAR_DIR=str(tmp / "var"), PYTHONUNBUFFERED="1")

    s3_port = free_port()
    step("object store: moto server")
    moto, moto_log = services.start("moto", [PY, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
                                    base_env)
    s3_url = f"http://127.0.0.1:{s3_port}"
    wait_for(s3_url + "/", 60, moto, moto_log)
    import boto3

    s3 = boto3.client("s3", endpoint_url=s3_url, aws_access_key_id=S3_KEY, aws_secret_access_key=S3_SECRET,
                      region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)

    step("database: template")
    template, built = template_database(base_env, args.fresh)
    step(f"database: copy of {template} ({'migrated and seeded now' if built else 'template reused'})")
    services.database = f"wkr_scaleout_{os.getpid()}"
    pg(f"CREATE DATABASE {services.database} TEMPLATE {template}")
    services.redis_prefix = f"wkr-scaleout-{os.getpid()}"
    env = dict(base_env, DJANGO_SETTINGS_MODULE="config.settings.production",
               DATABASE_URL=f"{PG_BASE}/{services.database}", REDIS_URL=REDIS_URL,
               CACHE_KEY_PREFIX=services.redis_prefix,
               SECRET_KEY="scaleout-only-" + secrets.token_urlsafe(40), ALLOWED_HOSTS="127.0.0.1,localhost",
               SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0", ALLOW_CONSOLE_EMAIL="1",
               EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", RECRUITMENT_TASKS="database",
               AWS_STORAGE_BUCKET_NAME=BUCKET, AWS_S3_ENDPOINT_URL=s3_url, AWS_ACCESS_KEY_ID=S3_KEY,
               AWS_SECRET_ACCESS_KEY=S3_SECRET, AWS_S3_REGION_NAME="us-east-1", AWS_S3_ADDRESSING_STYLE="path",
               PAGE_CACHE_SECONDS="600")
    username, password = f"redaktion-{secrets.token_hex(3)}", secrets.token_urlsafe(16)
    site = json.loads(manage(env, "shell", "-c", SEED_RUN.replace("USERNAME", repr(username))
                             .replace("PASSWORD", repr(password))).stdout.strip().splitlines()[-1])

    static_root, collected = collected_static(env)
    env["STATIC_ROOT"] = str(static_root)
    step(f"static files: {'collected now' if collected else 'collected before'} ({static_root})")

    step(f"two gunicorn instances (workers: {args.workers} each) and the task worker")
    ports = [free_port(), free_port()]
    instances = []
    for number, port in enumerate(ports, start=1):
        proc, log = services.start(
            f"instance{number}",
            [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--no-control-socket", "--timeout", "120", "--log-level", "warning"],
            dict(env, INSTANCE_ID=f"scaleout-{number}"))
        instances.append((port, proc, log))
    services.start("worker", [PY, "manage.py", "db_worker", "--backend", "recruitment"],
                   dict(env, INSTANCE_ID="scaleout-worker"))
    for port, proc, log in instances:
        wait_for(f"http://127.0.0.1:{port}/health/", 120, proc, log)

    step("checks")
    checks = run_checks(Checks(), ports, site, username, password, s3_url, s3, BUCKET, instances,
                      lambda sql: pg(sql, services.database))
    if not shutil.which("nginx"):
        step("nginx is not installed (apt-get install nginx): no check through the shipped proxy")
    elif checks.passed and checks.page:
        step("the shipped nginx configuration in front of both instances")
        conf, proxy_port = nginx_config(tmp, ports)
        services.start("nginx", ["nginx", "-c", str(conf), "-g", "daemon off;"], base_env)
        wait_for(f"http://127.0.0.1:{proxy_port}/health/", 30)
        check_nginx(checks, proxy_port, instances, checks.page["url"], checks.page["title"])
    return checks


def nginx_config(tmp, ports):
    """deploy/nginx made runnable unprivileged (bench/bench_http.py), upstream: both instances."""
    spec = importlib.util.spec_from_file_location("bench_http", ROOT / "bench" / "bench_http.py")
    bench_http = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_http)
    conf, proxy_port, _static = bench_http.nginx_config(tmp, ports[0], tmp / "html")
    text = conf.read_text().replace(f"server 127.0.0.1:{ports[0]};",
                                    " ".join(f"server 127.0.0.1:{port};" for port in ports))
    conf.write_text(text)
    tmp.chmod(0o755)  # nginx's workers (www-data or nobody when started as root) reach their cache
    return conf, proxy_port


if __name__ == "__main__":
    sys.exit(main())
