"""The DESIGN.md interfaces as operators use them: real processes, exit codes, one-line reasons.

Runs `manage.py` against a fresh SQLite database in a temporary folder (the in-process tests run
on whatever DATABASE_URL says, PostgreSQL in CI).
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import csv_bytes, synthetic_rows

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import datetime
from wagtail.models import Page, Locale
from councils.models import ConstituencyPage, CouncilPage, Wahlkreis
root = Page.get_first_root_node()
wk = ConstituencyPage(title="WK 75", slug="wk-75", wahlkreis=Wahlkreis.objects.get(number=75))
root.add_child(instance=wk)
wk.add_child(instance=CouncilPage(title="CLI-Rat", slug="cli-rat", guiding_question="?",
                                  date=datetime.date(2026, 9, 12), venue_town="Demostadt"))
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "VAR_DIR": str(folder),
        "RECRUITMENT_TASKS": "immediate",
    }
    for args in (["migrate", "--no-input", "-v0"], ["shell", "-c", SETUP]):
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    environment["_folder"] = str(folder)
    return environment


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def one_line_failure(done):
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.startswith("CommandError:")]
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_commands_exit_codes_and_reasons(env):
    folder = Path(env["_folder"])
    good = folder / "auszug.csv"
    good.write_bytes(csv_bytes(synthetic_rows(150), encoding="cp1252"))
    bad = folder / "kaputt.csv"
    rows = synthetic_rows(10)
    rows[3][3] = "32.13.1980"
    bad.write_bytes(csv_bytes(rows))

    # (Other failures of every command are covered in-process with call_command.)
    failed = manage(env, "import_registry", "--council", "cli-rat", str(bad))
    assert "Nothing imported: 1 errors" in one_line_failure(failed)
    assert "Line 5:" in failed.stderr

    done = manage(env, "import_registry", "--council", "cli-rat", str(good))
    assert done.returncode == 0 and "Imported 150 people" in done.stdout

    done = manage(env, "draw", "--council", "cli-rat", "--seed", "Würfel 3-5-1", "--seed-source", "öffentlich")
    assert done.returncode == 0, done.stderr
    assert "Pool: 150 people" in done.stdout and "Result fingerprint: " in done.stdout
    assert "schon ausgelost" in one_line_failure(manage(env, "draw", "--council", "cli-rat", "--seed", "x"))

    done = manage(env, "verify_draw", "--council", "cli-rat")
    assert done.returncode == 0 and done.stdout.startswith("OK")

    # Someone edits the database behind the draw's back: verification fails.
    with sqlite3.connect(folder / "db.sqlite3") as db:
        (first, second) = db.execute(
            "SELECT id, position FROM recruitment_placement ORDER BY draw_cohort_id, position LIMIT 2").fetchall()
        db.execute("UPDATE recruitment_placement SET position = 0 WHERE id = ?", (first[0],))
        db.execute("UPDATE recruitment_placement SET position = ? WHERE id = ?", (first[1], second[0]))
        db.execute("UPDATE recruitment_placement SET position = ? WHERE id = ?", (second[1], first[0]))
    assert "differs" in one_line_failure(manage(env, "verify_draw", "--council", "cli-rat"))

    done = manage(env, "purge_personal_data", "--council", "cli-rat")
    assert done.returncode == 0 and "150 people" in done.stdout
    with sqlite3.connect(folder / "db.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM recruitment_person").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM recruitment_draw").fetchone() == (1,)
    done = manage(env, "purge_expired", "--today", "2030-01-01")
    assert done.returncode == 0 and "Purged 0 councils" in done.stdout
