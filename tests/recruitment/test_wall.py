"""The wall: who sees the private side, what the audit log records, and that personal data never
reaches logs, error pages, the search index, the API or a public page."""

import ast
import logging
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry

from councils.models import CouncilPage
from recruitment.demo import POOL_SIZE
from recruitment.models import ImportJob, Person, RecruitmentCase
from recruitment.services import draw, imports, retention
from recruitment.wagtail_hooks import CaseViewSet, ManagerAssignmentViewSet

from .conftest import MARKER_SURNAME, csv_bytes, synthetic_rows

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_APPS = ["home", "councils", "stories", "media", "network", "events"]


def all_urls(case, job):
    """Every URL of the recruitment admin, filled in for one case and one import job."""
    urls = []
    for viewset, namespace in ((CaseViewSet(), "recruitment"), (ManagerAssignmentViewSet(), "recruitment_managers")):
        for pattern in viewset.get_urlpatterns():
            converters = pattern.pattern.converters
            kwargs = {}
            if "pk" in converters:
                kwargs["pk"] = case.pk
            if "job" in converters:
                kwargs["job"] = job.pk
            if "what" in converters:
                kwargs["what"] = "rueckmeldungen"  # the panel downloads
            if "invitation" in converters:
                kwargs["invitation"] = case.invitations.first().pk
            urls.append(reverse(f"{namespace}:{pattern.name}", kwargs=kwargs))
    return urls


@pytest.fixture
def demo_case():
    council = CouncilPage.objects.get(locale=Locale.get_default(), slug="wahlkreisrat-mit-auslosung")
    return RecruitmentCase.objects.get(council_key=council.translation_key)


@pytest.fixture
def job(demo_case):
    return ImportJob.objects.create(case=demo_case, source="upload", headers=["Familienname"])


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.mark.parametrize("username", ["redaktion", "mdb-team", None])
def test_editors_mdb_teams_and_anonymous_get_nothing(client, demo_case, job, username):
    if username:
        client.force_login(user(username))
    for url in all_urls(demo_case, job):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 403, 404), (url, response.status_code)
            if response.status_code == 302:
                assert not response["Location"].startswith("/admin/recruitment"), url
    assert Person.objects.filter(case=demo_case).count() == POOL_SIZE
    if username:
        html = client.get("/admin/").content.decode()
        assert "/admin/recruitment/" not in html and "Auslosung" not in html


def test_a_manager_of_another_constituency_sees_no_case_of_this_one(client, demo_case, job, manager_other):
    client.force_login(manager_other)
    listing = client.get("/admin/recruitment/")
    assert listing.status_code == 200
    assert demo_case.title not in listing.content.decode()
    for url in all_urls(demo_case, job):
        if url.rstrip("/").endswith(("/admin/recruitment", "/results", "/new")):
            continue  # the listing and the add form: their own (empty) scope
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 403, 404), (url, response.status_code)
    # The add form offers only councils of their own constituency.
    form = client.get("/admin/recruitment/new/").content.decode()
    assert demo_case.title not in form
    assert Person.objects.filter(case=demo_case).count() == POOL_SIZE
    assert not ModelLogEntry.objects.filter(user=manager_other).exists()


def test_the_demo_regional_manager_handles_the_demo_councils(client, demo_case):
    client.force_login(user("regionalmanagement"))
    html = client.get("/admin/").content.decode()
    assert "/admin/recruitment/" in html
    assert demo_case.title in client.get("/admin/recruitment/").content.decode()
    for name in ("dashboard", "suggest", "import", "pool", "draw", "void", "purge", "edit", "history"):
        assert client.get(reverse(f"recruitment:{name}", args=[demo_case.pk])).status_code == 200, name
    # Assigning constituencies is for administrators only.
    assert client.get("/admin/recruitment/managers/").status_code in (302, 403)


def test_superuser_sees_everything(client, demo_case, superuser):
    client.force_login(superuser)
    assert client.get("/admin/recruitment/managers/").status_code == 200
    assert client.get(reverse("recruitment:dashboard", args=[demo_case.pk])).status_code == 200


def test_model_permissions_do_not_open_the_wall(client, demo_case):
    """Even a group given every recruitment model permission gets nowhere without an assignment."""
    from django.contrib.auth.models import Permission

    editor = user("redaktion")
    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="recruitment"))
    editor = user("redaktion")
    client.force_login(editor)
    assert client.get(reverse("recruitment:dashboard", args=[demo_case.pk])).status_code in (302, 403)


def test_audit_log_records_who_what_and_how_many_never_names(client, case, extract, manager_75):
    client.force_login(manager_75)
    upload = client.post(reverse("recruitment:import", args=[case.pk]), {
        "file": _upload(csv_bytes(synthetic_rows(50))), "replace": ""})
    mapping_url = upload["Location"]
    client.get(mapping_url)
    client.post(mapping_url, _mapping_post(client, mapping_url))
    client.get(reverse("recruitment:pool", args=[case.pk]))
    client.get(reverse("recruitment:export", args=[case.pk]))
    client.post(reverse("recruitment:draw", args=[case.pk]), {"seed": "1-2-3", "seed_source": "Würfel"})
    client.post(reverse("recruitment:void", args=[case.pk]), {"reason": "Probe"})
    client.post(reverse("recruitment:purge", args=[case.pk]), {"confirm": "on"})

    entries = ModelLogEntry.objects.filter(object_id=str(case.pk), action__startswith="recruitment.")
    actions = {e.action: e for e in entries}
    assert {"recruitment.preview", "recruitment.import", "recruitment.view_pool", "recruitment.export",
            "recruitment.freeze", "recruitment.draw", "recruitment.void", "recruitment.purge"} <= set(actions)
    assert actions["recruitment.import"].data["count"] == 50
    assert actions["recruitment.view_pool"].data["count"] == 50
    assert actions["recruitment.export"].data["count"] == 50
    assert actions["recruitment.purge"].data["count"] == 50
    assert actions["recruitment.void"].data["reason"] == "Probe"
    assert all(e.user_id == manager_75.pk for e in entries)
    names = {n for row in synthetic_rows(50) for n in row[:2]}
    for entry in entries:
        text = f"{entry.label} {entry.data} {entry.message}"
        assert not any(name in text for name in names), entry.action
    # The history view of the case shows them, with counts.
    html = client.get(reverse("recruitment:history", args=[case.pk])).content.decode()
    assert "Registerauszug importiert: 50 Personen" in html


def test_no_personal_data_in_log_lines_even_when_an_import_crashes(case, caplog, monkeypatch):
    def explode(*args, **kwargs):
        raise ValueError(f"cell value {MARKER_SURNAME} broke something")

    monkeypatch.setattr(imports, "parse_registry", explode)
    job = ImportJob.objects.create(case=case, source="upload", status=ImportJob.QUEUED)
    with caplog.at_level(logging.DEBUG):
        imports.run_import_job_by_id(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.FAILED and MARKER_SURNAME not in job.message
    assert MARKER_SURNAME not in caplog.text
    assert "ValueError" in caplog.text


def test_no_personal_data_in_log_lines_during_a_whole_run(imported, caplog):
    with caplog.at_level(logging.DEBUG):
        draw.draw(imported, "x", "y")
        draw.verify(imported)
        draw.export_rows(imported)
        retention.purge(imported)
    assert MARKER_SURNAME not in caplog.text
    assert str(Person(pk=1)) == "Person 1"


def test_no_personal_data_on_public_pages_api_or_search(client, demo_case):
    surname = demo_case.persons.values_list("family_name", flat=True).first()
    given = demo_case.persons.values_list("given_names", flat=True).first()
    key = demo_case.persons.values_list("person_key", flat=True).first()
    council = demo_case.council
    html = client.get(council.url, follow=True).content.decode()
    the_draw = demo_case.draws.get(voided_at__isnull=True)
    assert the_draw.result_fingerprint in html and the_draw.pool_fingerprint in html  # the protocol is public
    assert given not in html and key not in html
    for url in (f"/api/v2/pages/?search={given}",
                f"/api/v2/pages/{council.pk}/", "/api/v2/pages/?type=councils.CouncilPage&fields=*"):
        response = client.get(url)
        assert response.status_code in (200, 400), url
        body = response.content.decode()
        assert given not in body and key not in body, url
    assert client.get(f"/api/v2/pages/?search={given}").json()["meta"]["total_count"] == 0
    for query in (given, given.split()[0] + " " + surname):
        response = client.get("/de/suche/", {"q": query})
        assert len(response.context["results"].object_list) == 0, query
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    private_types = ContentType.objects.filter(app_label="recruitment")
    assert not IndexEntry.objects.filter(content_type__in=private_types).exists()


def test_error_pages_show_no_personal_data(client, demo_case, settings):
    settings.DEBUG = False
    response = client.get(f"/admin/recruitment/{demo_case.pk + 10_000}/")
    assert response.status_code in (302, 404)


def test_no_public_app_imports_recruitment():
    offenders = []
    for app in PUBLIC_APPS:
        for path in (ROOT / app).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(n == "recruitment" or n.startswith("recruitment.") for n in names):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# --- helpers -----------------------------------------------------------------------------------


def _upload(data, name="auszug.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def _mapping_post(client, url):
    """The mapping form's initial values, as the browser would post them."""
    form = client.get(url).context["form"]
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
