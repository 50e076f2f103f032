"""The press room: releases with embargo, contacts, a press kit per council (consented images in web and
print sizes, documentation with size and type) and its ZIP."""

import datetime
import io
import zipfile

import pytest
import time_machine
from django.utils import timezone
from PIL import Image as PILImage

from media.models import Consent, CustomImage
from media.press_files import EXIF_ARTIST, EXIF_COPYRIGHT
from stories.models import PressReleasePage, PressRoomPage
from tests.html import main

pytestmark = pytest.mark.django_db


def kit(client, room, council):
    return client.get(f"{room.url}pressemappe/{council.pk}/")


def test_press_room_lists_releases_contacts_and_kits(client, room):
    html = main(client.get(room.url).content.decode())
    assert "Wahlkreisrat übergibt Empfehlungen zum Wohnen" in html
    assert "Paula Pressefiktiv" in html and "mailto:presse@wahlkreisrat.example" in html
    assert "Pressemappe „Bezahlbares Wohnen“" in html
    en = main(client.get(PressRoomPage.objects.get(locale__language_code="en").url).content.decode())
    assert "Constituency council hands over housing recommendations" in en and "Press officer" in en


def test_embargoed_release_is_invisible_everywhere_until_it_goes_live(client, room):
    embargoed = PressReleasePage.objects.filter(slug__in=["neuer-wahlkreisrat-gesundheit", "new-council-on-health"])
    assert embargoed.count() == 2
    for release in embargoed:
        assert not release.live and release.go_live_at > timezone.now()
        assert client.get(f"/{release.locale.language_code}/{'presse' if release.locale.language_code == 'de' else 'press'}/{release.slug}/").status_code == 404
    assert "Sperrfrist" not in main(client.get(room.url).content.decode())
    api = client.get("/api/v2/pages/?type=stories.PressReleasePage&limit=20").json()
    assert {i["title"] for i in api["items"]}.isdisjoint({r.title for r in embargoed})
    assert b"neuer-wahlkreisrat-gesundheit" not in client.get("/sitemap.xml").content


def test_embargo_ends_with_scheduled_publishing(client):
    from django.core.management import call_command

    release = PressReleasePage.objects.get(slug="neuer-wahlkreisrat-gesundheit")
    later = release.go_live_at + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):  # the cron job runs after the embargo
        call_command("publish_scheduled", stdout=io.StringIO())
    for slug in ("neuer-wahlkreisrat-gesundheit", "new-council-on-health"):
        release = PressReleasePage.objects.get(slug=slug)
        assert release.live, slug
        assert client.get(release.url).status_code == 200


def test_press_kit_page_has_consented_photos_in_two_sizes_and_documents(client, room, council):
    response = kit(client, room, council)
    assert response.status_code == 200
    html = main(response.content.decode())
    assert "_web-1600px_" in html and "_druck-1600px_" in html and "cc-by-4-0.jpg" in html
    assert "(PDF, " in html and "Bytes)" in html  # documentation with type and size
    assert "Einwilligung widerrufen" not in html
    assert "pressemappe/%d/zip/" % council.pk in html


def test_press_kit_zip_holds_only_press_consented_images_with_metadata(client, room, council):
    response = client.get(f"{room.url}pressemappe/{council.pk}/zip/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    images = [n for n in names if n.startswith("bilder/")]
    assert images and len(images) % 2 == 0
    assert any(n.startswith("dokumentation/") and n.endswith(".pdf") for n in names)
    assert "LIESMICH.txt" in names
    usable = set(CustomImage.objects.publicly_usable("press").values_list("title", flat=True))
    not_usable = CustomImage.objects.exclude(title__in=usable)
    from media.press_files import _slug

    for image in not_usable:
        assert not any(n.startswith(f"bilder/{_slug(image.title)}_") for n in images), image.title
    picture = PILImage.open(io.BytesIO(archive.read(images[0])))
    assert picture.getexif()[EXIF_ARTIST] and "CC BY" in picture.getexif()[EXIF_COPYRIGHT]
    assert b"dc:rights" in picture.info["xmp"]


def test_images_without_press_consent_stay_out_of_the_kit(client, room, council):
    image = CustomImage.objects.publicly_usable("press").filter(
        title__startswith="Geschichte: Was die Abgeordnete").get()
    Consent.objects.filter(image=image).update(use_press=False)
    assert image.title not in main(kit(client, room, council).content.decode())
    assert client.get(f"{room.url}pressemappe/{council.pk}/bild/{image.pk}/web/").status_code == 404
    # still on the website: press and website are separate uses
    assert CustomImage.objects.publicly_usable("website").filter(pk=image.pk).exists()


def test_single_press_image_download(client, room, council):
    image = CustomImage.objects.publicly_usable("press").filter(title__startswith="Geschichte: Was die").get()
    response = client.get(f"{room.url}pressemappe/{council.pk}/bild/{image.pk}/print/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "_druck-" in response["Content-Disposition"] and "cc-by-sa-4-0.jpg" in response["Content-Disposition"]
    assert client.get(f"{room.url}pressemappe/{council.pk}/bild/{image.pk}/huge/").status_code == 404
