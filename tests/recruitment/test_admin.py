"""The admin flow of a regional manager: case, cohorts, suggestion, upload → mapping → background
import with progress, draw, verify, void, purge."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recruitment.models import Cohort, ImportJob, RecruitmentCase
from recruitment.services import cases, draw

from .conftest import COUNCIL_DATE, csv_bytes, synthetic_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def url(name, case, *args):
    return reverse(f"recruitment:{name}", args=[case.pk, *args])


def upload(client, case, data, name="auszug.csv", replace=False):
    return client.post(url("import", case), {"file": SimpleUploadedFile(name, data), "replace": "on" if replace else ""})


def mapping_data(response):
    form = response.context["form"]
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


def cohort_formset(cohorts, initial=0, ids=()):
    data = {"cohorts-TOTAL_FORMS": str(len(cohorts)), "cohorts-INITIAL_FORMS": str(initial),
            "cohorts-MIN_NUM_FORMS": "0", "cohorts-MAX_NUM_FORMS": "1000"}
    for i, (label, low, high, seats) in enumerate(cohorts):
        data.update({f"cohorts-{i}-label": label, f"cohorts-{i}-min_age": str(low),
                     f"cohorts-{i}-max_age": "" if high is None else str(high), f"cohorts-{i}-seats": str(seats),
                     f"cohorts-{i}-ORDER": str(i + 1), f"cohorts-{i}-DELETE": ""})
        if i < len(ids):
            data[f"cohorts-{i}-id"] = str(ids[i])
    return data


@pytest.fixture
def manager_client(client, manager_75):
    client.force_login(manager_75)
    return client


def test_manager_creates_a_case_with_default_cohorts(manager_client, council, make_council):
    make_council("anderer-rat")
    form = manager_client.get("/admin/recruitment/new/")
    assert form.status_code == 200
    choices = [str(c) for _, c in form.context["form"].fields["council"].choices]
    assert council.title in choices
    data = {"council": council.pk, "seats": "35", "min_age": "18", "retention_date": ""}
    data.update(cohort_formset([]))
    response = manager_client.post("/admin/recruitment/new/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    case = RecruitmentCase.objects.get(council_key=council.translation_key)
    assert response["Location"] == url("dashboard", case)
    assert case.wahlkreis.number == 75 and case.min_age == 18
    assert [c.label for c in case.cohorts.all()][0] == "18-24"
    assert sum(c.seats for c in case.cohorts.all()) == 35
    assert case.retention_date == RecruitmentCase.default_retention_date(council)
    # One case per council: it is no longer offered.
    choices = [str(c) for _, c in manager_client.get("/admin/recruitment/new/").context["form"]
               .fields["council"].choices]
    assert council.title not in choices


def test_cohort_editing_rejects_overlaps_and_is_locked_after_the_draw(manager_client, imported):
    cohorts = list(imported.cohorts.all())
    base = {"seats": "35", "min_age": "16", "retention_date": "2026-12-12"}
    data = {**base, **cohort_formset([("16-30", 16, 30, 20), ("25+", 25, None, 15)], initial=len(cohorts),
                                     ids=[c.pk for c in cohorts])}
    for i, cohort in enumerate(cohorts[2:], start=2):
        data.update({f"cohorts-{i}-id": str(cohort.pk), f"cohorts-{i}-label": cohort.label,
                     f"cohorts-{i}-min_age": str(cohort.min_age), f"cohorts-{i}-max_age": "",
                     f"cohorts-{i}-seats": "0", f"cohorts-{i}-ORDER": str(i + 1), f"cohorts-{i}-DELETE": "on"})
    data["cohorts-TOTAL_FORMS"] = str(len(cohorts))
    response = manager_client.post(url("edit", imported), data)
    assert response.status_code == 200  # the form again, with the error
    assert "überschneiden sich" in response.content.decode()
    assert list(imported.cohorts.values_list("label", flat=True)) == [c.label for c in cohorts]

    draw.draw(imported, "1-2-3", "Test")
    data = {**base, **cohort_formset([(c.label, c.min_age, c.max_age, c.seats) for c in cohorts],
                                     initial=len(cohorts), ids=[c.pk for c in cohorts])}
    data["cohorts-0-seats"] = str(cohorts[0].seats + 1)
    response = manager_client.post(url("edit", imported), data)
    assert response.status_code == 200
    assert "Während eine Ziehung gilt" in response.content.decode()
    # The retention date stays editable after the draw.
    data["cohorts-0-seats"] = str(cohorts[0].seats)
    data["retention_date"] = "2027-01-15"
    response = manager_client.post(url("edit", imported), data)
    assert response.status_code == 302
    imported.refresh_from_db()
    assert str(imported.retention_date) == "2027-01-15"


def test_suggest_shows_official_and_pool_structure_and_applies_it(manager_client, imported):
    Cohort.objects.filter(case=imported).update(seats=1)
    page = manager_client.get(url("suggest", imported))
    assert page.status_code == 200
    rows = page.context["rows"]
    assert sum(r.suggested for r in rows) == 35
    assert sum(r.pool_count for r in rows) == cases.pool_counts(imported).total()
    assert abs(sum(r.official_percent for r in rows) - 100) < 1e-9
    assert "Anteil im Pool" in page.content.decode()
    response = manager_client.post(url("suggest", imported), {"action": "apply"})
    assert response.status_code == 302
    assert [c.seats for c in imported.cohorts.all()] == [r.suggested for r in rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_upload_mapping_preview_and_background_import(manager_client, case, fmt):
    rows = synthetic_rows(80)
    data = csv_bytes(rows, encoding="cp1252") if fmt == "csv" else xlsx_bytes(rows)
    response = upload(manager_client, case, data, f"auszug.{fmt}")
    assert response.status_code == 302
    job = ImportJob.objects.get(case=case)
    assert response["Location"] == url("import_mapping", case, job.pk)
    assert job.file and job.file.name.startswith("recruitment/imports/") and "auszug" not in job.file.name
    page = manager_client.get(response["Location"])
    html = page.content.decode()
    assert rows[0][1] in html  # the preview shows the first rows (personal data, logged)
    assert page.context["form"]["map_family_name"].value() == "0"
    response = manager_client.post(response["Location"], mapping_data(page))
    assert response["Location"] == url("import_progress", case, job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.DONE and job.imported_count == 80 and not job.file
    progress = manager_client.get(response["Location"]).content.decode()
    assert '<progress id="import-progress" max="100" value="100">' in progress
    assert 'http-equiv="refresh"' not in progress  # finished: no more refreshing
    assert case.persons.count() == 80


def test_progress_page_refreshes_while_the_import_runs(manager_client, case):
    job = ImportJob.objects.create(case=case, status=ImportJob.RUNNING, progress=42, stage="saving")
    html = manager_client.get(url("import_progress", case, job.pk)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'value="42"' in html and "Pool wird gespeichert" in html


def test_manager_corrects_an_unrecognised_mapping(manager_client, case):
    header = ["Famname", "Rufnamen", "GebDat", "Geschl", "Adr", "Postleitzahl", "Ort"]
    rows = [["Quabbelstein", f"Ida {i}", "01.02.1980", "w", f"Demoweg {i + 1}", "12345", "Demostadt"]
            for i in range(12)]
    response = upload(manager_client, case, csv_bytes(rows, header=header))
    assert response.status_code == 302, response.context["form"].errors
    page = manager_client.get(response["Location"])
    data = mapping_data(page)
    assert data["map_family_name"] == ""  # "Famname" is not a known spelling
    response = manager_client.post(response["Location"], data)
    assert response.status_code == 200 and "Familienname" in response.content.decode()
    assert case.persons.count() == 0
    data.update(map_family_name="0", map_given_names="1", map_birth_date="2", map_sex="3", map_address="4")
    response = manager_client.post(page.request["PATH_INFO"], data)
    assert response.status_code == 302
    assert case.persons.count() == 12
    assert set(case.persons.values_list("street", flat=True)) == {"Demoweg"}


def test_failed_import_lists_errors_by_line_and_can_be_retried_or_discarded(manager_client, case, private_root):
    rows = synthetic_rows(10)
    rows[4][3] = "99.99.1999"
    response = upload(manager_client, case, csv_bytes([*rows, rows[0]]))
    mapping_url = response["Location"]
    response = manager_client.post(mapping_url, mapping_data(manager_client.get(mapping_url)))
    job = ImportJob.objects.get(case=case)
    assert job.status == ImportJob.FAILED and case.persons.count() == 0
    html = manager_client.get(response["Location"]).content.decode()
    assert "Zeile 6: Geburtsdatum ist kein gültiges Datum" in html
    assert "Zeile 12 ist eine Dublette von Zeile 2" in html
    assert "99.99.1999" not in html
    assert "Zuordnung ändern und erneut versuchen" in html
    assert (private_root / job.file.name).exists()  # kept for a retry
    manager_client.post(url("import_discard", case, job.pk))
    assert not ImportJob.objects.filter(pk=job.pk).exists()
    assert not (private_root / job.file.name).exists()


def test_upload_refuses_unreadable_files_and_existing_pools(manager_client, imported):
    response = upload(manager_client, imported, b"", "leer.csv", replace=True)
    assert response.status_code == 200 and "leer" in response.content.decode()  # Django: "Datei ist leer"
    response = upload(manager_client, imported, b"\x00\x01", "bild.png", replace=True)
    assert response.status_code == 200 and "CSV- oder XLSX" in response.content.decode()
    response = upload(manager_client, imported, csv_bytes(synthetic_rows(5)))
    assert response.status_code == 200 and "Es gibt schon einen Pool" in response.content.decode()
    assert not ImportJob.objects.filter(case=imported, source="upload").exists()


def test_draw_with_generated_seed_verify_void_and_redraw(manager_client, imported):
    response = manager_client.post(url("draw", imported), {"seed": "", "seed_source": "", "generate": "on"})
    assert response.status_code == 302
    the_draw = imported.draws.get()
    assert the_draw.seed_generated and re.fullmatch(r"[0-9a-f]{32}", the_draw.seed)
    assert the_draw.seed_source == "Zufällig erzeugt und protokolliert"
    dashboard = manager_client.get(url("dashboard", imported)).content.decode()
    assert the_draw.result_fingerprint in dashboard

    response = manager_client.post(url("verify", imported), follow=True)
    assert "stimmt mit der Neuberechnung überein" in response.content.decode()

    response = manager_client.post(url("draw", imported), {"seed": "4-4-4", "seed_source": "Würfel"})
    assert "schon ausgelost" in response.content.decode()
    assert imported.draws.count() == 1

    response = manager_client.post(url("void", imported), {"reason": ""})
    assert response.status_code == 200 and imported.draws.get().voided_at is None
    manager_client.post(url("void", imported), {"reason": "Auszug unvollständig"})
    response = manager_client.post(url("draw", imported), {"seed": "4-4-4", "seed_source": "Würfelwurf öffentlich"})
    assert response.status_code == 302
    assert imported.draws.filter(voided_at__isnull=True).get().seed == "4-4-4"


def test_draw_form_requires_seed_and_source(manager_client, imported):
    response = manager_client.post(url("draw", imported), {"seed": "4-4-4", "seed_source": ""})
    assert response.status_code == 200 and not imported.draws.exists()
    response = manager_client.post(url("draw", imported), {"seed": "", "seed_source": "Würfel"})
    assert response.status_code == 200 and not imported.draws.exists()


def test_pool_view_is_paginated_and_shows_places(manager_client, imported):
    draw.draw(imported, "1-2-3", "Test")
    page = manager_client.get(url("pool", imported))
    assert page.status_code == 200 and len(page.context["rows"]) == 100
    invited = manager_client.get(url("pool", imported) + "?invited=1")
    rows = invited.context["rows"]
    assert rows and all(row["placement"].invited for row in rows)
    assert len(rows) == sum(min(c.seats, c.pool_size) for c in imported.draws.get().cohorts.all())


def test_purge_needs_confirmation(manager_client, imported):
    response = manager_client.post(url("purge", imported), {})
    assert response.status_code == 200 and imported.persons.count() == 400
    response = manager_client.post(url("purge", imported), {"confirm": "on"})
    assert response.status_code == 302 and imported.persons.count() == 0


def test_case_with_personal_data_cannot_be_deleted_in_the_admin(manager_client, imported, case):
    response = manager_client.post(url("delete", imported))
    assert response.status_code in (302, 403)
    assert RecruitmentCase.objects.filter(pk=imported.pk).exists()


def test_dashboard_shows_state_and_retention(manager_client, imported):
    html = manager_client.get(url("dashboard", imported)).content.decode()
    assert "400 Personen im Pool" in html
    assert "12. Dezember 2026" in html
    assert COUNCIL_DATE.year == 2026
