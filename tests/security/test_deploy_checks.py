"""Production settings: `check --deploy` is clean, and a non-delivering mail backend stops start-up."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error

from accounts.checks import email_backend_delivers

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **extra):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("EMAIL_", "ANYMAIL_", "DJANGO_")) and key != "ALLOW_CONSOLE_EMAIL"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=secrets.token_urlsafe(50),
               ALLOWED_HOSTS="x.example", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
               VAR_DIR=str(tmp_path / "var"))
    env.update(extra)
    return env


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_console_mail_stops_production_unless_allowed(tmp_path):
    refused = manage(production_env(tmp_path, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"),
                     "check")
    assert refused.returncode != 0 and "accounts.E001" in refused.stderr
    allowed = manage(production_env(tmp_path, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
                                    ALLOW_CONSOLE_EMAIL="1"), "check")
    assert allowed.returncode == 0, allowed.stderr


@pytest.mark.parametrize("backend", ["django.core.mail.backends.console.EmailBackend",
                                     "django.core.mail.backends.locmem.EmailBackend"])
def test_mail_check(settings, backend):
    settings.EMAIL_BACKEND = backend
    settings.ALLOW_CONSOLE_EMAIL = False
    errors = email_backend_delivers(None)
    assert len(errors) == 1 and isinstance(errors[0], Error) and errors[0].id == "accounts.E001"
    settings.ALLOW_CONSOLE_EMAIL = True
    assert email_backend_delivers(None) == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.ALLOW_CONSOLE_EMAIL = False
    assert email_backend_delivers(None) == []
