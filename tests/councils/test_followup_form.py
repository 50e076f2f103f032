import re

import pytest

from councils.models import CouncilPage, Recommendation

pytestmark = pytest.mark.django_db


def options(html):
    select = html.split('name="statuses-__prefix__-recommendation"')[1].split("</select>")[0]
    return set(re.findall(r'<option value="(\d+)"', select))


def test_follow_up_form_offers_only_its_councils_recommendations(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="admin"))
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    html = client.get(f"/admin/pages/add/councils/followuppage/{council.pk}/").content.decode()
    # the empty row template that "add" clones
    html = html.replace("&quot;", '"').replace("\\u0022", '"')
    own = {str(pk) for pk in Recommendation.objects.filter(page=council).values_list("pk", flat=True)}
    assert own and options(html) == own
