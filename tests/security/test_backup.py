"""scripts/backup and scripts/restore: an encrypted backup of a site with an imported register,
restored into a fresh database, holds the same pool (fingerprint) and the same pages."""

import datetime
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Locale, Page

from councils.models import ConstituencyPage, CouncilPage
from recruitment.logic.ranking import pool_fingerprint
from recruitment.models import RecruitmentCase

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SLUG = "sicherungsrat"
HEADER = "Familienname;Vornamen;Doktorgrad;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Wohnort"

#: Run in the restored installation: its pools' fingerprints and its live pages.
PROBE = """
import json
from wagtail.models import Page
from recruitment.logic.ranking import pool_fingerprint
from recruitment.models import RecruitmentCase
print(json.dumps({
    "pools": {case.council.slug: pool_fingerprint(case.persons.values_list("person_key", flat=True))
              for case in RecruitmentCase.objects.select_related("council") if case.persons.exists()},
    "pages": sorted(Page.objects.live().values_list("url_path", "title")),
}))
"""


def synthetic_extract(path, count=120):
    rng = random.Random(11)
    lines = [HEADER]
    for i in range(count):
        birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 30000))
        lines.append(f"Zzyxsicher;Probe {i};;{birth:%d.%m.%Y};{rng.choice('wm')};Demoweg;{i % 40 + 1};12345;Demostadt")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def state():
    return {
        "pools": {case.council.slug: pool_fingerprint(case.persons.values_list("person_key", flat=True))
                  for case in RecruitmentCase.objects.select_related("council") if case.persons.exists()},
        "pages": sorted(list(row) for row in Page.objects.live().values_list("url_path", "title")),
    }


@pytest.fixture
def age_key(tmp_path):
    identity = tmp_path / "key.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    recipient = next(line.split(": ")[1] for line in identity.read_text().splitlines()
                     if line.startswith("# public key: "))
    return identity, recipient


def install_env(tmp_path, name, database_url):
    """The environment of one installation: its database, upload folders and settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url,
               MEDIA_ROOT=str(tmp_path / name / "media"),
               RECRUITMENT_PRIVATE_ROOT=str(tmp_path / name / "private"), VAR_DIR=str(tmp_path / name / "var"))
    return env


def run(args, env):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def seed_uploads(env):
    media, private = Path(env["MEDIA_ROOT"]), Path(env["RECRUITMENT_PRIVATE_ROOT"])
    (media / "images").mkdir(parents=True)
    (media / "images" / "bild.txt").write_text("öffentliches Bild")
    (private / "signatures").mkdir(parents=True)
    (private / "signatures" / "unterschrift.txt").write_text("private Unterschrift")


def backup_restore_and_probe(tmp_path, source, target, age_key):
    identity, recipient = age_key
    seed_uploads(source)
    archive = tmp_path / "sicherung.tar.age"
    run([str(ROOT / "scripts/backup"), str(archive)], dict(source, BACKUP_AGE_RECIPIENT=recipient))
    assert archive.read_bytes().startswith(b"age-encryption.org/v1")
    assert b"Zzyxsicher" not in archive.read_bytes() and b"private Unterschrift" not in archive.read_bytes()

    run([str(ROOT / "scripts/restore"), str(archive)], dict(target, BACKUP_AGE_IDENTITY=str(identity)))
    # the restore refuses to overwrite what is now there
    again = subprocess.run([str(ROOT / "scripts/restore"), str(archive)], cwd=ROOT, capture_output=True, text=True,
                           env=dict(target, BACKUP_AGE_IDENTITY=str(identity)), timeout=120)
    assert again.returncode != 0 and "--force" in again.stderr
    assert (Path(target["RECRUITMENT_PRIVATE_ROOT"]) / "signatures" / "unterschrift.txt").read_text() \
        == "private Unterschrift"
    assert (Path(target["MEDIA_ROOT"]) / "images" / "bild.txt").read_text() == "öffentliches Bild"
    probe = run([sys.executable, "manage.py", "shell", "-c", PROBE], target)
    return json.loads(probe.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="this run's database is PostgreSQL (see the next test)")
def test_backup_and_restore_sqlite(tmp_path, age_key):
    de = Locale.objects.get(language_code="de")
    constituency = ConstituencyPage.objects.filter(locale=de).first()
    council = CouncilPage(title="Sicherungsrat", slug=SLUG, guiding_question="Was sichern?",
                          date=datetime.date(2026, 10, 1), venue_town="Demostadt")
    constituency.add_child(instance=council)
    council.save_revision().publish()
    call_command("import_registry", "--council", SLUG, str(synthetic_extract(tmp_path / "auszug.csv")),
                 stdout=open(os.devnull, "w"))
    before = state()
    assert SLUG in before["pools"] and len(before["pools"]) >= 2  # the demo's drawn council too
    assert any(title == "Sicherungsrat" for _, title in before["pages"])

    # The test database lives in memory and this test's rows are not committed: dump them through
    # this connection into the source installation's file.
    source_db = tmp_path / "source" / "db.sqlite3"
    source_db.parent.mkdir()
    connection.ensure_connection()
    target = sqlite3.connect(source_db)
    target.executescript("\n".join(connection.connection.iterdump()))
    target.close()
    target_db = tmp_path / "target" / "db.sqlite3"
    after = backup_restore_and_probe(tmp_path, install_env(tmp_path, "source", f"sqlite:///{source_db}"),
                                     install_env(tmp_path, "target", f"sqlite:///{target_db}"), age_key)
    assert after == before
    assert target_db.is_file()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="this run's database is SQLite (see the test above)")
def test_backup_and_restore_postgresql(tmp_path, age_key):
    """pg_dump sees committed data only: the seeded demo (its drawn council's imported pool)."""
    import psycopg

    before = state()
    assert before["pools"]
    params = connection.settings_dict
    fresh = f"{params['NAME']}_restore"

    def url(name):
        return (f"postgresql://{quote(params['USER'] or '')}:{quote(params['PASSWORD'] or '')}@{params['HOST'] or 'localhost'}"
                f":{params['PORT'] or 5432}/{name}")

    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        after = backup_restore_and_probe(tmp_path, install_env(tmp_path, "source", url(params["NAME"])),
                                         install_env(tmp_path, "target", url(fresh)), age_key)
    finally:
        with psycopg.connect(url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
    assert after == before
