"""scripts/backup and scripts/restore: an encrypted backup of a site with an imported register,
restored into a fresh database, holds the same pool (fingerprint) and the same pages."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SLUG = "sicherungsrat"

#: Run in the source installation: a council with a synthetic register imported by the command.
SEED = """
import datetime, random, tempfile
from django.core.management import call_command
from wagtail.models import Locale
from councils.models import ConstituencyPage, CouncilPage
rng = random.Random(11)
lines = ["Familienname;Vornamen;Doktorgrad;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Wohnort"]
for i in range(120):
    birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 30000))
    lines.append(f"Zzyxsicher;Probe {i};;{birth:%d.%m.%Y};{rng.choice('wm')};Demoweg;{i % 40 + 1};12345;Demostadt")
constituency = ConstituencyPage.objects.filter(locale=Locale.objects.get(language_code="de")).first()
council = CouncilPage(title="Sicherungsrat", slug="sicherungsrat", guiding_question="Was sichern?",
                      date=datetime.date(2026, 10, 1), venue_town="Demostadt")
constituency.add_child(instance=council)
council.save_revision().publish()
with tempfile.NamedTemporaryFile(suffix=".csv") as extract:
    extract.write(("\\r\\n".join(lines) + "\\r\\n").encode())
    extract.flush()
    call_command("import_registry", "--council", "sicherungsrat", extract.name)
"""

#: Run in an installation: its pools' fingerprints (recomputed from the rows) and its live pages.
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
               RECRUITMENT_PRIVATE_ROOT=str(tmp_path / name / "private"),
               PRIVATE_MEDIA_ROOT=str(tmp_path / name / "private-media"), VAR_DIR=str(tmp_path / name / "var"))
    return env


def run(args, env, check=True):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def probe(env):
    return json.loads(run([sys.executable, "manage.py", "shell", "-c", PROBE], env).stdout.strip().splitlines()[-1])


class SQLite:
    """The test database lives in memory (shared cache): its committed state, the seeded demo,
    is copied into a file that becomes the source installation."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path

    def source(self):
        path = self.tmp_path / "source.sqlite3"
        memory = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
        target = sqlite3.connect(path)
        memory.backup(target)
        target.close()
        memory.close()
        return f"sqlite:///{path}"

    def fresh(self):
        return f"sqlite:///{self.tmp_path / 'restored' / 'db.sqlite3'}"

    def cleanup(self):
        pass


class PostgreSQL:
    """The seeded demo (committed in the test database) is copied into a new source database."""

    def __init__(self, tmp_path):
        self.params = connection.settings_dict
        self.names = []

    def url(self, name):
        p = self.params
        return (f"postgresql://{quote(p['USER'] or '')}:{quote(p['PASSWORD'] or '')}@{p['HOST'] or 'localhost'}"
                f":{p['PORT'] or 5432}/{name}")

    def create(self, suffix):
        import psycopg

        name = f"{self.params['NAME']}_{suffix}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}"')
            server.execute(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        return self.url(name)

    def source(self):
        url = self.create("backup_source")
        dump = subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--dbname", self.url(self.params["NAME"])],
                              check=True, capture_output=True, timeout=120).stdout
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", url], input=dump, check=True,
                       capture_output=True, timeout=120)
        return url

    def fresh(self):
        return self.create("restored")

    def cleanup(self):
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as server:
            for name in self.names:
                server.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_backup_and_restore_into_a_fresh_database(tmp_path, age_key):
    engine = {"sqlite": SQLite, "postgresql": PostgreSQL}[connection.vendor](tmp_path)
    identity, recipient = age_key
    try:
        source = install_env(tmp_path, "source", engine.source())
        run([sys.executable, "manage.py", "shell", "-c", SEED], source)
        media, private = Path(source["MEDIA_ROOT"]), Path(source["RECRUITMENT_PRIVATE_ROOT"])
        (media / "images").mkdir(parents=True)
        (media / "images" / "bild.txt").write_text("öffentliches Bild")
        (private / "signatures").mkdir(parents=True)
        (private / "signatures" / "unterschrift.txt").write_text("private Unterschrift")
        signatures = Path(source["PRIVATE_MEDIA_ROOT"]) / "signatures" / "mdb"
        signatures.mkdir(parents=True)
        (signatures / "mdb.png").write_text("Unterschrift einer Abgeordneten")

        archive = tmp_path / "sicherung.tar.age"
        run([str(ROOT / "scripts/backup"), str(archive)], dict(source, BACKUP_AGE_RECIPIENT=recipient))
        data = archive.read_bytes()
        assert data.startswith(b"age-encryption.org/v1")
        assert b"Zzyxsicher" not in data and b"private Unterschrift" not in data

        target = install_env(tmp_path, "target", engine.fresh())
        run([str(ROOT / "scripts/restore"), str(archive)], dict(target, BACKUP_AGE_IDENTITY=str(identity)))
        # a second restore refuses to overwrite what is now there
        again = run([str(ROOT / "scripts/restore"), str(archive)], dict(target, BACKUP_AGE_IDENTITY=str(identity)),
                    check=False)
        assert again.returncode != 0 and "--force" in again.stderr

        assert (Path(target["MEDIA_ROOT"]) / "images" / "bild.txt").read_text() == "öffentliches Bild"
        assert (Path(target["RECRUITMENT_PRIVATE_ROOT"]) / "signatures" / "unterschrift.txt").read_text() \
            == "private Unterschrift"
        assert (Path(target["PRIVATE_MEDIA_ROOT"]) / "signatures" / "mdb" / "mdb.png").read_text() \
            == "Unterschrift einer Abgeordneten"
        before, after = probe(source), probe(target)
    finally:
        engine.cleanup()
    assert SLUG in before["pools"] and len(before["pools"]) >= 2  # the demo's drawn council too
    assert any(title == "Sicherungsrat" for _, title in before["pages"])
    assert after == before
