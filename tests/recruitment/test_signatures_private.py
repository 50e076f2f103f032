"""The signature images printed under the invitation letters never appear in the public API."""

from councils.models import MdB
from wagtail.models import Site

from home.models import OrganisationSettings
from media.demo import demo_image


def test_signature_images_are_not_listed_in_the_public_api(client, db):
    mdb = MdB.objects.order_by("pk").first()
    mdb_signature = demo_image("Unterschrift MdB (Test)", "Unterschrift", seed=901, size=(300, 100))
    org_signature = demo_image("Unterschrift Organisation (Test)", "Unterschrift", seed=902, size=(300, 100))
    other = demo_image("Ein Bild ohne Personen (Test)", "Ein Platz", seed=903, size=(300, 200))
    for image in (mdb_signature, org_signature, other):
        assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200
    mdb.signature = mdb_signature
    mdb.save()
    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.signature = org_signature
    settings.save()
    listed, offset = set(), 0
    while True:  # the API pages by 20 at most
        data = client.get(f"/api/v2/images/?limit=20&offset={offset}").json()
        listed |= {item["id"] for item in data["items"]}
        offset += 20
        if offset >= data["meta"]["total_count"]:
            break
    assert other.pk in listed and mdb_signature.pk not in listed and org_signature.pk not in listed
    assert client.get(f"/api/v2/images/{mdb_signature.pk}/").status_code == 404
    assert client.get(f"/api/v2/images/{org_signature.pk}/").status_code == 404
