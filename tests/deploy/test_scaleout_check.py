"""The scale-out check (deploy/scaleout_check.py): two instances on shared PostgreSQL, Redis and S3
behave as one site. Runs where PostgreSQL and Redis answer on 127.0.0.1 (every developer machine and
CI here); skipped elsewhere. The first run migrates a template database and collects the static
files (minutes); later runs copy and reuse them."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.scaleout,
    pytest.mark.skipif(not (_answers(5432) and _answers(6379)),
                       reason="needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379"),
]


def test_two_instances_share_pages_cache_sessions_and_uploads():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "deploy" / "scaleout_check.py"), "--workers", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    took = time.perf_counter() - started
    report = done.stdout + done.stderr[-3000:]
    assert done.returncode == 0, report
    table = report.split("check ", 1)[1]
    for check in ("health: both instances", "sessions: signed in on 1, signed in on 2",
                  "publish on 1, page served by 2", "page cache of 2 purged by a publish on 1",
                  "image uploaded on 1, rendition from S3 on 2", "request logs: JSON per instance"):
        line = next(line for line in table.splitlines() if line.startswith(check))
        assert line.rstrip().endswith("PASS"), report
    print(report, f"\n(took {took:.0f} s)")
