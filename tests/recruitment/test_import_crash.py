"""A worker process killed (SIGKILL) in the middle of a register import leaves the pool as it was.

Runs the real task worker (``manage.py db_worker``) against a database of its own: a SQLite file
in a temporary folder, or, when DATABASE_URL points to PostgreSQL, a scratch database next to the
test database (created and dropped here). The worker is killed once while the file is read and
once while the rows are saved; each time no person row may remain, the pool must be exactly the
one from before, and after the (shortened) stale timeout the job reads as failed and is restarted.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .conftest import csv_bytes, synthetic_rows

ROOT = Path(__file__).resolve().parents[2]
ROWS = int(os.environ.get("CRASH_TEST_ROWS", "100000"))
STALE_SECONDS = 3

SETUP = """
import datetime
from wagtail.models import Page
from councils.models import ConstituencyPage, CouncilPage, Wahlkreis
root = Page.get_first_root_node()
wk = ConstituencyPage(title="WK 75", slug="wk-75", wahlkreis=Wahlkreis.objects.get(number=75))
root.add_child(instance=wk)
wk.add_child(instance=CouncilPage(title="Crash-Rat", slug="crash-rat", guiding_question="?",
                                  date=datetime.date(2026, 9, 12), venue_town="Demostadt"))
"""

# Queue an import of FILE (as the upload and mapping views do) and print the job's id and case.
ENQUEUE = """
import os
from django.core.files import File
from recruitment.logic.registry import read_head
from recruitment.models import ImportJob, RecruitmentCase
from recruitment.tasks import enqueue_import
case = RecruitmentCase.objects.get(council__slug="crash-rat")
job = ImportJob(case=case, source="upload", replace=True)
with open(os.environ["CRASH_FILE"], "rb") as handle:
    job.file.save("auszug.csv", File(handle), save=False)
    handle.seek(0)
    head = read_head(handle.read(), rows=0)
job.headers, job.header_line, job.mapping = head.headers, head.header_line, head.mapping
job.save()
enqueue_import(job)
print("JOB", job.pk, case.pk)
"""

RESTART = """
import os
from recruitment.models import ImportJob
from recruitment.services import imports
imports.restart_import(ImportJob.objects.get(pk=os.environ["CRASH_JOB"]))
"""


class Database:
    """Reads the worker's database directly (SQLite file or PostgreSQL scratch database)."""

    def __init__(self, url):
        self.url = url
        self.postgres = url.startswith(("postgres://", "postgresql://"))

    def rows(self, sql, *params):
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url, autocommit=True) as conn:
                return conn.execute(sql, params).fetchall()
        with sqlite3.connect(urlsplit(self.url).path, timeout=30) as conn:
            return conn.execute(sql.replace("%s", "?"), params).fetchall()

    def job_id(self, job):
        return str(job) if self.postgres else job.replace("-", "")

    def job(self, job):
        status, progress = self.rows("SELECT status, progress FROM recruitment_importjob WHERE id = %s",
                                     self.job_id(job))[0]
        return status, progress

    def pool(self, case):
        return sorted(r[0] for r in self.rows("SELECT person_key FROM recruitment_person WHERE case_id = %s", case))

    def persons_of(self, job):
        return self.rows("SELECT count(*) FROM recruitment_person WHERE import_job_id = %s", self.job_id(job))[0][0]

    def persons(self):
        return self.rows("SELECT count(*) FROM recruitment_person")[0][0]


@pytest.fixture(scope="module")
def worker_env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    configured = os.environ.get("DATABASE_URL", "")
    scratch = None
    if configured.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(configured)
        scratch = f"test_{parts.path.lstrip('/') or 'postgres'}_crash"
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            conn.execute(f'CREATE DATABASE "{scratch}"')
        url = urlunsplit(parts._replace(path=f"/{scratch}"))
    else:
        url = f"sqlite:///{folder / 'db.sqlite3'}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": url,
        "VAR_DIR": str(folder),
        "RECRUITMENT_PRIVATE_ROOT": str(folder / "private"),
        "RECRUITMENT_TASKS": "database",
        "RECRUITMENT_IMPORT_STALE_SECONDS": str(STALE_SECONDS),
        "_folder": str(folder),
    }
    for args in (["migrate", "--no-input", "-v0"], ["shell", "-c", SETUP]):
        done = manage(environment, *args, timeout=600)
        assert done.returncode == 0, done.stderr
    yield environment
    if scratch:
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def manage(env, *args, extra=None, timeout=300):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**env, **(extra or {})},
                          capture_output=True, text=True, timeout=timeout)


def start_worker(env):
    with open(Path(env["_folder"]) / "worker.log", "ab") as log:  # a file: a full pipe would stall the worker
        return subprocess.Popen([sys.executable, "manage.py", "db_worker", "--backend", "recruitment",
                                 "--no-startup-delay", "--interval", "0.2", "--no-reload"],
                                cwd=ROOT, env=env, stdout=log, stderr=log)


def kill_when(db, worker, job, low, high, timeout=600):
    """SIGKILL the worker as soon as the job's progress lies in [low, high]."""
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        status, progress = db.job(job)
        seen = (status, progress)
        if status == "running" and low <= progress <= high:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
            return progress
        assert worker.poll() is None, "the worker ended on its own"
        assert status in ("queued", "running"), f"the import ended before the kill: {seen}"
        time.sleep(0.02)
    worker.kill()
    pytest.fail(f"progress never reached {low}..{high} (last seen {seen})")


def assert_nothing_left(db, job, case, pool_before, persons_before):
    assert db.persons_of(job) == 0  # no orphaned rows of the killed import
    assert db.persons() == persons_before
    assert db.pool(case) == pool_before  # exactly the pool from before


def wait_until_failed(db, env, job):
    assert db.job(job)[0] == "running"  # the database cannot know yet that the worker died
    time.sleep(STALE_SECONDS + 1)
    done = manage(env, "fail_stale_imports")
    assert done.returncode == 0, done.stderr
    assert "1 stale import(s) marked as failed" in done.stdout
    assert db.job(job)[0] == "failed"
    message = db.rows("SELECT message FROM recruitment_importjob WHERE id = %s", db.job_id(job))[0][0]
    assert message.startswith("Der Import wurde abgebrochen")


def test_killed_worker_leaves_the_pool_as_it_was_and_the_import_can_be_restarted(worker_env):
    env, folder = worker_env, Path(worker_env["_folder"])
    db = Database(env["DATABASE_URL"])
    small = folder / "klein.csv"
    small.write_bytes(csv_bytes(synthetic_rows(150, seed=2)))
    done = manage(env, "import_registry", "--council", "crash-rat", str(small))
    assert done.returncode == 0 and "Imported 150 people" in done.stdout, done.stderr

    large = folder / "gross.csv"
    large.write_bytes(csv_bytes(synthetic_rows(ROWS, seed=9)))
    done = manage(env, "shell", "-c", ENQUEUE, extra={"CRASH_FILE": str(large)})
    assert done.returncode == 0, done.stderr
    job, case = next(line for line in done.stdout.splitlines() if line.startswith("JOB ")).split()[1:]
    pool_before, persons_before = db.pool(case), db.persons()
    assert len(pool_before) == 150

    # 1. Killed while the rows are saved (the dangerous part: rows exist outside the pool).
    worker = start_worker(env)
    assert kill_when(db, worker, job, 61, 95) > 60
    assert_nothing_left(db, job, case, pool_before, persons_before)
    wait_until_failed(db, env, job)

    # 2. Restarted, and killed again while the file is read.
    done = manage(env, "shell", "-c", RESTART, extra={"CRASH_JOB": job})
    assert done.returncode == 0, done.stderr
    assert db.job(job)[0] == "queued"
    worker = start_worker(env)
    assert 0 < kill_when(db, worker, job, 1, 60) <= 60
    assert_nothing_left(db, job, case, pool_before, persons_before)
    wait_until_failed(db, env, job)

    # 3. Restarted with the same file and mapping, and left alone: the pool is replaced.
    done = manage(env, "shell", "-c", RESTART, extra={"CRASH_JOB": job})
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "manage.py", "db_worker", "--backend", "recruitment", "--batch",
                           "--no-startup-delay", "--no-reload"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert db.job(job) == ("done", 100)
    assert len(db.pool(case)) == ROWS and db.persons() == ROWS
    assert db.persons_of(job) == ROWS
