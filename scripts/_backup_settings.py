"""Print what scripts/backup and scripts/restore need from the Django settings, one per line:
database engine, database name (SQLite file or PostgreSQL database), MEDIA_ROOT,
RECRUITMENT_PRIVATE_ROOT. Run with the installation's DJANGO_SETTINGS_MODULE and environment."""

import sys
from pathlib import Path

import django
from django.conf import settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

database = settings.DATABASES["default"]
engine = "postgresql" if database["ENGINE"].endswith("postgresql") else (
    "sqlite" if database["ENGINE"].endswith("sqlite3") else database["ENGINE"])
print(engine)
print(database["NAME"])
print(Path(settings.MEDIA_ROOT).resolve())
print(Path(settings.RECRUITMENT_PRIVATE_ROOT).resolve())
print(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
