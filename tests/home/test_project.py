"""Project-level promises: settings from the environment, demo command, catalogues."""

import io
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page

from home.models import HomePage

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
        "ALLOWED_HOSTS": "wahlkreisrat.example",
        "DATABASE_URL": "sqlite:////tmp/wkr-deploy-check.sqlite3",
    })
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_uploads_live_outside_the_media_app():
    from django.conf import settings

    assert Path(settings.MEDIA_ROOT).resolve() != (ROOT / "media").resolve()
    assert not str(Path(settings.MEDIA_ROOT).resolve()).startswith(str((ROOT / "media").resolve()))


@pytest.mark.today("2026-03-28")  # the day before Berlin moves to summer time
def test_a_test_marked_today_runs_on_a_frozen_clock(clock):
    import datetime

    from django.utils import timezone

    assert timezone.localdate() == datetime.date(2026, 3, 28)
    assert timezone.localtime().hour == 10 and timezone.localtime() == timezone.localtime()
    clock.shift(datetime.timedelta(days=1))
    assert timezone.localdate() == datetime.date(2026, 3, 29)
    assert timezone.localtime().utcoffset() == datetime.timedelta(hours=2)


def test_tests_write_nothing_into_the_development_site():
    """Uploads, renditions, private extracts and caches of a test run go to a temporary folder."""
    from django.conf import settings

    development_var = (ROOT / "var").resolve()
    for name in ("VAR_DIR", "MEDIA_ROOT", "RECRUITMENT_PRIVATE_ROOT", "STATIC_ROOT"):
        folder = Path(getattr(settings, name)).resolve()
        assert not folder.is_relative_to(development_var), name
        assert not folder.is_relative_to(ROOT), name


@pytest.mark.django_db
def test_seed_demo_reset_rebuilds_without_duplicates():
    before = Page.objects.count()
    with override_settings(DEBUG=True):
        call_command("seed_demo", "--reset", stdout=open(os.devnull, "w"))
    assert Page.objects.count() == before
    assert Page.objects.filter(depth=2).count() == 2  # one home per language
    from django.contrib.auth import get_user_model

    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "redaktion", "mdb-team", "regionalmanagement"} <= usernames
    assert get_user_model().objects.get(username="redaktion").check_password("demo")


@pytest.mark.django_db
def test_second_seed_demo_keeps_editors_changes_and_adds_no_revisions():
    from wagtail.models import Revision

    home = HomePage.objects.get(locale__language_code="de")
    home.title = "Von der Redaktion geändert"
    home.save_revision().publish()
    revisions = Revision.objects.count()
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=out)
    assert "--reset" in out.getvalue()
    home.refresh_from_db()
    assert home.title == "Von der Redaktion geändert"
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off():
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_first_locale_is_german():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "de"
    assert [code for code, _ in settings.LANGUAGES] == ["de", "en"]


def test_english_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(ROOT / "site/locale/en/LC_MESSAGES/django.po"))
    assert po.percent_translated() == 100
    assert not [e.msgid for e in po if "fuzzy" in e.flags]
    # the shipped .mo says what the .po says (no stale compile)
    with translation.override("en"):
        for entry in po:
            if not entry.msgid_plural and not entry.msgctxt:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid
