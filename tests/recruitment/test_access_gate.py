"""The coarse gate of the private side holds for every view the recruitment viewsets mount, Wagtail's
stock views (alumni, assignments) included: anyone but managers and superusers is refused before
any view code runs (Wagtail turns the 403 into a redirect to the admin's home with a message)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from recruitment.views.base import RecruitmentAccessMixin
from recruitment.wagtail_hooks import AlumniViewSet, CaseViewSet, ManagerAssignmentViewSet

pytestmark = pytest.mark.django_db

VIEWSETS = (CaseViewSet, AlumniViewSet, ManagerAssignmentViewSet)


@pytest.mark.parametrize("viewset_class", VIEWSETS)
def test_every_view_of_the_recruitment_viewsets_is_behind_the_gate(viewset_class):
    patterns = viewset_class().get_urlpatterns()
    assert patterns
    for pattern in patterns:
        assert issubclass(pattern.callback.view_class, RecruitmentAccessMixin), pattern.name
        assert pattern.callback.__wrapped__.view_class is pattern.callback.view_class, pattern.name


def test_an_editor_is_refused_by_every_alumni_and_assignment_view(client):
    client.force_login(get_user_model().objects.get(username="redaktion"))
    for viewset_class in (AlumniViewSet, ManagerAssignmentViewSet):
        viewset = viewset_class()
        for pattern in viewset.get_urlpatterns():
            kwargs = {"pk": 1} if "pk" in pattern.pattern.converters else {}
            url = reverse(f"{viewset.name}:{pattern.name}", kwargs=kwargs)
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code in (302, 403), url
                if response.status_code == 302:
                    assert response["Location"] == "/admin/", url
