"""Bad input on the public side and in admin uploads is refused with a message, never a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import Collection

from media.models import CustomImage

pytestmark = pytest.mark.django_db


def upload(admin_client, name, content, content_type):
    collection = Collection.get_first_root_node()
    return admin_client.post("/admin/images/add/", {
        "title": "Upload", "description": "Ein Test", "collection": collection.pk,
        "file": SimpleUploadedFile(name, content, content_type=content_type)})


def test_a_fake_gif_is_refused_with_a_message(admin_client):
    before = CustomImage.objects.count()
    response = upload(admin_client, "x.gif", b"GIF89a<script>alert(1)</script>", "image/gif")
    assert response.status_code == 200  # the form again, with the error
    assert CustomImage.objects.count() == before
    assert "kein Bild" in response.context["form"].errors["file"][0]  # "… ist entweder kein Bild oder …"


def test_an_image_over_the_pixel_limit_is_refused_with_a_message(admin_client):
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")
    before = CustomImage.objects.count()
    response = upload(admin_client, "huge.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    assert CustomImage.objects.count() == before
    assert len(buffer.getvalue()) < 100_000  # small on disk, huge when decoded
    assert "48000000" in response.context["form"].errors["file"][0].replace(".", "").replace(",", "")


@pytest.mark.parametrize("query", ["?q=%00", "?q=a%00b", "?q=%00&page=%00"])
def test_nul_bytes_in_the_search_are_no_server_error(client, query):
    response = client.get("/de/suche/" + query)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("params", ["offset=99999999999999999999", "offset=-1", "offset=abc",
                                    "limit=99999999999999999999", "limit=-5", "limit=x",
                                    "offset=9223372036854775807"])
def test_absurd_paging_in_the_api_is_a_bad_request(client, params):
    response = client.get("/api/v2/pages/?" + params)
    assert response.status_code == 400
