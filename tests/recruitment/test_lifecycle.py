"""Data lifecycle: retention dates, purge_personal_data and the scheduled purge_expired."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from councils.logic.dates import add_months
from councils.models import PublicRecord
from recruitment.models import ImportJob, Person, Placement, RecruitmentCase
from recruitment.services import audit, draw, retention

from .conftest import COUNCIL_DATE, csv_bytes, synthetic_rows

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_retention_defaults_to_three_months_after_the_workshop_and_is_editable(case):
    assert case.retention_date == add_months(COUNCIL_DATE, 3) == datetime.date(2026, 12, 12)
    case.retention_date = datetime.date(2027, 1, 31)
    case.save()
    case.refresh_from_db()
    assert case.retention_date == datetime.date(2027, 1, 31)


def test_purge_removes_people_rankings_and_files_and_keeps_protocol_and_aggregates(
        imported, private_root, django_capture_on_commit_callbacks):
    the_draw = draw.draw(imported, "4-2-6", "Würfelwurf")
    # An abandoned upload with its file, and a public aggregate written by a later step.
    job = ImportJob(case=imported, source="upload")
    job.file.save("auszug.csv", ContentFile(csv_bytes(synthetic_rows(5))), save=True)
    path = private_root / job.file.name
    assert path.exists()
    PublicRecord.objects.filter(council_key=imported.council_key).update(
        participant_count=33, composition={"cohorts": [{"label": "16-24", "official_share": 10, "counts": {"w": 2}}]})
    protocol = PublicRecord.objects.get(council_key=imported.council_key).draw_protocol

    with django_capture_on_commit_callbacks(execute=True):
        out = run("purge_personal_data", "--council", imported.council.slug)
    assert "400 people, 1 files" in out
    assert not Person.objects.filter(case=imported).exists()
    assert not Placement.objects.filter(draw_cohort__draw__case=imported).exists()
    assert not ImportJob.objects.filter(case=imported).exists()
    assert not path.exists()
    imported.refresh_from_db()
    assert imported.purged_at is not None
    # Kept: the case, its cohorts, the draw with seed and fingerprints, the public record.
    the_draw.refresh_from_db()
    assert the_draw.seed == "4-2-6" and the_draw.pool_fingerprint and the_draw.result_fingerprint
    assert [c.pool_size for c in the_draw.cohorts.all()] and imported.cohorts.count() == 6
    record = PublicRecord.objects.get(council_key=imported.council_key)
    assert record.draw_protocol == protocol and record.participant_count == 33
    assert imported.pool_fingerprint == the_draw.pool_fingerprint  # the frozen state stays with the draw
    # Verification is impossible now, and says so.
    with pytest.raises(audit.RecruitmentError, match="gelöscht"):
        draw.verify(imported)


def test_purge_before_any_draw_allows_a_new_import(imported, extract):
    draw.freeze(imported)
    retention.purge(imported)
    imported.refresh_from_db()
    assert imported.frozen_at is None and imported.pool_fingerprint == ""
    out = run("import_registry", "--council", imported.council.slug, str(extract(csv_bytes(synthetic_rows(10)))))
    assert "Imported 10 people" in out


def test_purge_expired_purges_only_councils_past_their_retention_date(imported, make_council, extract):
    other = make_council("spaeter", date=datetime.date(2027, 3, 1))
    run("import_registry", "--council", other.slug, str(extract(csv_bytes(synthetic_rows(20)))))
    later = RecruitmentCase.objects.get(council_key=other.translation_key)
    assert imported.retention_date == datetime.date(2026, 12, 12)

    out = run("purge_expired", "--today", "2026-12-12")  # the retention day itself: not yet
    assert "Purged 0 councils" in out and imported.persons.count() == 400
    out = run("purge_expired", "--today", "2026-12-13", "--dry-run")
    assert "Would purge" in out and imported.persons.count() == 400
    out = run("purge_expired", "--today", "2026-12-13")
    assert "Purged 1 councils (400 people)" in out
    assert imported.persons.count() == 0 and later.persons.count() == 20
    assert "Purged 0 councils" in run("purge_expired", "--today", "2026-12-14")


def test_purge_expired_rejects_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("purge_expired", "--today", "morgen")


def test_purge_expired_deletes_abandoned_uploads(case, private_root, django_capture_on_commit_callbacks):
    job = ImportJob(case=case, source="upload", created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    job.file.save("auszug.csv", ContentFile(b"x;y\n"), save=True)
    path = private_root / job.file.name
    fresh = ImportJob.objects.create(case=case, source="upload")
    out = run("purge_expired")
    assert "1 abandoned imports deleted" in out
    assert not path.exists() and not ImportJob.objects.filter(pk=job.pk).exists()
    assert ImportJob.objects.filter(pk=fresh.pk).exists()


def test_admin_lists_the_deletion_date(client, case, superuser):
    client.force_login(superuser)
    html = client.get("/admin/recruitment/").content.decode()
    assert "12. Dezember 2026" in html or "Dez. 12, 2026" in html or "2026-12-12" in html
    html = client.get(f"/admin/recruitment/{case.pk}/").content.decode()
    assert "12. Dezember 2026" in html


def test_uploads_are_stored_outside_media_root(settings, private_root):
    from pathlib import Path

    media = Path(settings.MEDIA_ROOT).resolve()
    assert not str(Path(private_root).resolve()).startswith(str(media))
    assert not str(Path(settings.RECRUITMENT_PRIVATE_ROOT).resolve()).startswith(str(media))
    from config.settings import base

    assert not str(base.RECRUITMENT_PRIVATE_ROOT.resolve()).startswith(str(Path(base.MEDIA_ROOT).resolve()))
