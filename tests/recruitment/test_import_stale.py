"""An import whose worker died: detected by its stopped heartbeat, shown as failed, restartable.

In-process; the real kill of a worker process is in ``test_import_crash``.
"""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from recruitment.models import ImportJob, Person
from recruitment.services import imports

from .conftest import csv_bytes, synthetic_rows


def url(name, case, *args):
    return reverse(f"recruitment:{name}", args=[case.pk, *args])


@pytest.fixture
def manager_client(client, manager_75):
    client.force_login(manager_75)
    return client


def running_job(case, minutes_silent, rows=30):
    """A job as a worker left it when it was killed: running, heartbeat ``minutes_silent`` old."""
    job = ImportJob(case=case, source="upload", replace=True, status=ImportJob.RUNNING, stage="saving",
                    progress=70, heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes_silent))
    job.file.save("auszug.csv", ContentFile(csv_bytes(synthetic_rows(rows, seed=11))), save=False)
    job.save()
    return job


def pool_keys(case):
    return set(case.persons.values_list("person_key", flat=True))


def test_progress_page_shows_a_dead_import_as_failed_and_restart_imports_it(manager_client, imported, settings):
    settings.RECRUITMENT_IMPORT_STALE_SECONDS = 120
    before = pool_keys(imported)
    job = running_job(imported, minutes_silent=3)
    html = manager_client.get(url("import_progress", imported, job.pk)).content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.FAILED
    assert "Der Import wurde abgebrochen" in html and "Import neu starten" in html
    assert 'http-equiv="refresh"' not in html  # no longer polling a dead job
    assert pool_keys(imported) == before
    assert ModelLogEntry.objects.filter(action="recruitment.import_failed", data__stale=1).count() == 1

    response = manager_client.post(url("import_restart", imported, job.pk))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.DONE and job.imported_count == 30  # tests run tasks at once
    assert imported.persons.count() == 30 and not pool_keys(imported) & before


def test_a_live_import_is_left_alone(manager_client, imported, settings):
    settings.RECRUITMENT_IMPORT_STALE_SECONDS = 120
    job = running_job(imported, minutes_silent=1)
    html = manager_client.get(url("import_progress", imported, job.pk)).content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.RUNNING and 'http-equiv="refresh"' in html
    call_command("fail_stale_imports", stdout=(out := io.StringIO()))
    assert "0 stale import(s)" in out.getvalue()
    job.refresh_from_db()
    assert job.status == ImportJob.RUNNING


def test_dashboard_and_cron_command_mark_dead_imports_failed(manager_client, imported, settings):
    settings.RECRUITMENT_IMPORT_STALE_SECONDS = 60
    job = running_job(imported, minutes_silent=2)
    html = manager_client.get(url("dashboard", imported)).content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.FAILED and "fehlgeschlagen" in html

    other = running_job(imported, minutes_silent=5)
    out = io.StringIO()
    call_command("fail_stale_imports", stdout=out)
    assert "1 stale import(s) marked as failed" in out.getvalue()
    other.refresh_from_db()
    assert other.status == ImportJob.FAILED and other.message.startswith("Der Import wurde abgebrochen")
    manager_client.post(url("import_discard", imported, other.pk))
    assert not ImportJob.objects.filter(pk=other.pk).exists()
    assert imported.persons.count() == 400


def test_a_job_failed_as_stale_while_its_worker_still_runs_changes_nothing(imported, monkeypatch):
    """The slow worker comes back after the job was given up: it must not import after all."""
    before = pool_keys(imported)
    job = ImportJob.objects.create(case=imported, source="upload", replace=True, status=ImportJob.QUEUED)
    original = imports.insert_rows

    def slow_insert(*args, **kwargs):
        original(*args, **kwargs)
        imports.fail_stale_imports(now=timezone.now() + datetime.timedelta(hours=1))

    monkeypatch.setattr(imports, "BATCH_SIZE", 100)
    monkeypatch.setattr(imports, "insert_rows", slow_insert)
    outcome = imports.run_import(job, data=csv_bytes(synthetic_rows(500, seed=5)))
    assert not outcome.ok
    job.refresh_from_db()
    assert job.status == ImportJob.FAILED and job.message.startswith("Der Import wurde abgebrochen")
    assert pool_keys(imported) == before
    assert not Person.objects.filter(import_job=job).exists()


def test_restart_refuses_a_job_without_file(manager_client, imported):
    job = running_job(imported, minutes_silent=10)
    imports.fail_stale_imports()
    job.refresh_from_db()
    job.delete_file()
    job.save()
    response = manager_client.post(url("import_restart", imported, job.pk), follow=True)
    assert "Nur ein fehlgeschlagener Import, dessen Datei noch vorhanden ist" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.FAILED
