"""The deletion schedule: NETWORK_PURGE_DAYS after the decision an application loses its applicant's
name and e-mail, and dock-on requests that old are deleted; both audit-logged with counts only."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from network.models import DockOnRequest, MicroProjectApplication, ProjectPage
from network.services.audit import ACTION_APPLICANT_DELETED, ACTION_DOCK_ON_DELETED

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-07-01")]


def purge():
    out = io.StringIO()
    call_command("purge_network_requests", stdout=out)
    return out.getvalue()


@pytest.fixture
def decided():
    application = MicroProjectApplication.objects.get(reference="MP-DEMO01")
    application.decided_at = timezone.now()
    application.save()
    return application


@pytest.fixture
def dock_on():
    project = ProjectPage.objects.get(locale__language_code="de", slug="baenke-fuer-den-marktplatz")
    DockOnRequest.objects.all().delete()
    return DockOnRequest.objects.create(project=project, name="Dora Dock", email="dora@example.org",
                                        place_text="Kyritz")


def test_nothing_is_deleted_before_the_configured_days(settings, clock, decided, dock_on):
    settings.NETWORK_PURGE_DAYS = 30
    clock.shift(datetime.timedelta(days=29))
    assert purge().startswith("0 applications anonymised, 0 dock-on requests deleted")
    decided.refresh_from_db()
    assert decided.applicant_email == "paula.antrag@example.org"
    assert DockOnRequest.objects.filter(pk=dock_on.pk).exists()


def test_after_the_configured_days_the_personal_data_is_gone_and_logged(settings, clock, decided, dock_on):
    settings.NETWORK_PURGE_DAYS = 30
    undecided = MicroProjectApplication.objects.get(reference="MP-DEMO02")
    clock.shift(datetime.timedelta(days=31))
    assert "1 applications anonymised, 1 dock-on requests deleted" in purge()

    decided.refresh_from_db()
    assert decided.applicant_name == decided.applicant_email == ""
    assert decided.title and decided.budget_total > 0, "the record of the grant stays"
    undecided.refresh_from_db()
    assert undecided.applicant_email, "an open application is kept until it is decided"
    assert not DockOnRequest.objects.exists()

    entry = ModelLogEntry.objects.get(action=ACTION_APPLICANT_DELETED, object_id=str(decided.pk))
    assert entry.data == {"count": 1}
    page_entry = PageLogEntry.objects.get(action=ACTION_DOCK_ON_DELETED, page=dock_on.project)
    assert page_entry.data == {"count": 1} and "Dora" not in str(page_entry.data)
    assert purge().startswith("0 applications anonymised"), "a second run finds nothing more"


def test_the_jury_sees_that_the_contact_was_deleted(client, settings, clock, decided):
    from tests.factories import UserFactory

    settings.NETWORK_PURGE_DAYS = 30
    clock.shift(datetime.timedelta(days=31))
    purge()
    client.force_login(UserFactory(username="office", groups=["Netzwerkbüro"]))
    html = client.get(f"/admin/netzwerk/antraege/{decided.pk}/").content.decode()
    assert "gelöscht (Löschfrist" in html and "paula.antrag@example.org" not in html


def test_the_cron_job_is_documented():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "deploy/README.md").read_text()
    assert "manage.py purge_network_requests" in text
