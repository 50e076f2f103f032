"""A regional manager of another constituency gets a 404 on every URL of one object of the
recruitment viewsets (cases with all their steps, alumni, assignments): edit, delete, history,
usage included. Every URL is listed from the viewsets themselves, so a new view is covered at once."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Wahlkreis
from recruitment.models import Alumnus, ManagerAssignment
from recruitment.wagtail_hooks import AlumniViewSet, CaseViewSet, ManagerAssignmentViewSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def alumnus(case):
    return Alumnus.objects.create(wahlkreis=Wahlkreis.objects.get(number=75), council_key=case.council_key,
                                  council_title=case.title, family_name="Zzyxmüller", given_names="Anna",
                                  email="alumna@example.org", consented_at=timezone.now())


def object_urls(viewset_class, pk):
    """Every URL of the viewset that names one object, with placeholders for further arguments."""
    viewset = viewset_class()
    urls = []
    for pattern in viewset.get_urlpatterns():
        converters = pattern.pattern.converters
        if "pk" not in converters:
            continue
        kwargs = {"pk": pk}
        for name in converters:
            if name != "pk":
                kwargs[name] = uuid.uuid4() if name == "job" else 1
        urls.append((pattern.name, reverse(f"{viewset.name}:{pattern.name}", kwargs=kwargs)))
    return urls


def test_the_alumni_viewset_has_history_and_usage_urls(alumnus):
    names = {name for name, _url in object_urls(AlumniViewSet, alumnus.pk)}
    assert {"edit", "delete", "history", "usage"} <= names


def test_another_constituencys_manager_gets_404_on_every_alumni_url(client, alumnus, manager_75, manager_other):
    client.force_login(manager_other)
    for name, url in object_urls(AlumniViewSet, alumnus.pk):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, (name, method.__name__, response.status_code)
            assert "Zzyxmüller" not in response.content.decode()
    alumnus.refresh_from_db()  # nothing was deleted or changed
    assert alumnus.family_name == "Zzyxmüller"


def test_the_own_manager_reaches_the_alumni_history_and_usage(client, alumnus, manager_75):
    client.force_login(manager_75)
    for name in ("history", "usage", "edit", "delete"):
        assert client.get(reverse(f"recruitment_alumni:{name}", args=[alumnus.pk])).status_code == 200, name


def test_another_constituencys_manager_gets_404_on_every_case_url(client, case, manager_75, manager_other):
    client.force_login(manager_other)
    urls = object_urls(CaseViewSet, case.pk)
    assert {"edit", "delete", "history", "usage", "dashboard", "purge"} <= {name for name, _url in urls}
    for name, url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, (name, method.__name__, response.status_code)
    client.force_login(manager_75)
    for name in ("history", "usage", "dashboard", "edit"):
        assert client.get(reverse(f"recruitment:{name}", args=[case.pk])).status_code == 200, name


def test_managers_get_404_on_every_assignment_url(client, manager_75, manager_other, superuser):
    assignment = ManagerAssignment.objects.get(wahlkreis__number=75, group__user=manager_75)
    for manager in (manager_other, manager_75):  # assignments are the administrators' business
        client.force_login(manager)
        for name, url in object_urls(ManagerAssignmentViewSet, assignment.pk):
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 404, (manager.username, name, method.__name__)
    assert ManagerAssignment.objects.filter(pk=assignment.pk).exists()
    client.force_login(superuser)
    for name in ("edit", "history", "usage"):
        url = reverse(f"recruitment_managers:{name}", args=[assignment.pk])
        assert client.get(url).status_code == 200, name


def test_refused_admin_urls_answer_as_the_readme_says(client, case, alumnus, manager_other):
    """The table in README, "Private side": anonymous → login; editor → admin home; other manager → 404."""
    from django.contrib.auth import get_user_model

    dashboard = reverse("recruitment:dashboard", args=[case.pk])
    history = reverse("recruitment_alumni:history", args=[alumnus.pk])
    anonymous = client.get(history)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    client.force_login(get_user_model().objects.get(username="redaktion"))
    for url in (dashboard, history, reverse("recruitment:index"), reverse("recruitment_alumni:index")):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    client.force_login(manager_other)
    assert client.get(reverse("recruitment_alumni:index")).status_code == 200  # own constituency only
    assert client.get(reverse("recruitment_managers:index"))["Location"] == "/admin/"
    assert client.get(reverse("recruitment_alumni:add"))["Location"] == "/admin/"
    assert client.get(dashboard).status_code == client.get(history).status_code == 404
