"""Videos (captions required, native player) and press copies of images (credit and licence in
file name and metadata); the consent report in the admin."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image as PILImage

from media.blocks import VideoChooserBlock
from media.models import Consent, CustomImage, Video, validate_webvtt
from media.press_files import EXIF_ARTIST, EXIF_COPYRIGHT, ascii_text, press_file, press_filename, press_jpeg
from tests.factories import ImageFactory, UserFactory, VideoFactory

pytestmark = pytest.mark.django_db


def test_webvtt_files_are_checked():
    validate_webvtt(io.BytesIO(b"\xef\xbb\xbfWEBVTT\n\n"))
    with pytest.raises(ValidationError):
        validate_webvtt(io.BytesIO(b"1\n00:00:00,000 --> 00:00:01,000\nSRT, not VTT\n"))


def test_a_video_without_captions_cannot_go_into_a_page():
    block = VideoChooserBlock()
    with translation.override("de"), pytest.raises(ValidationError, match="Untertitel"):
        block.clean(VideoFactory(tracks=()))
    assert block.clean(VideoFactory(tracks=["de"])).has_captions("de")


def test_default_captions_follow_the_page_language():
    video = VideoFactory(tracks=["de", "en"])
    assert video.default_caption_track("en").language == "en"
    assert video.default_caption_track("fr").language == "de"  # first track as fallback


def test_demo_video_is_captioned_in_both_languages():
    video = Video.objects.filter(title__startswith="Ein Tag im Wahlkreisrat").first()
    if video is None:
        pytest.skip("ffmpeg was not available when the demo was seeded")
    assert video.has_captions("de") and video.has_captions("en")
    assert video.file.size < 500_000  # tiny: a few seconds
    with video.tracks.get(language="de").file.open("rb") as f:
        assert f.read(6) == b"WEBVTT"


# --- press copies --------------------------------------------------------------------------------

def test_press_file_name_carries_title_credit_and_licence():
    assert press_filename("Wahlkreisrat 75, Bild 1", "Foto: Jörg Ärmel", "CC BY 4.0", "web", 4000, 3000) == (
        "wahlkreisrat-75-bild-1_web-1600px_foto-joerg-aermel_cc-by-4-0.jpg")
    assert press_filename("X", "", "", "print", 1200, 800) == "x_druck-1200px_ohne-credit_ohne-lizenz.jpg"
    assert ascii_text("© Müßig") == "(c) Muessig"


def test_press_copy_has_exif_and_xmp_and_the_right_size():
    source = io.BytesIO()
    PILImage.new("RGB", (2400, 1600), "#0a4a7f").save(source, "JPEG")
    source.seek(0)
    data = press_jpeg(source, "web", title="Plenum", description="Menschen im Halbkreis",
                      credit="Foto: Jörg Ärmel", licence="CC BY 4.0")
    picture = PILImage.open(io.BytesIO(data))
    assert picture.size == (1600, 1067)
    exif = picture.getexif()
    assert exif[EXIF_ARTIST] == "Foto: Joerg Aermel"
    assert exif[EXIF_COPYRIGHT] == "Foto: Joerg Aermel, CC BY 4.0"
    xmp = picture.info["xmp"].decode("utf-8")
    assert "<dc:creator><rdf:Seq><rdf:li>Foto: Jörg Ärmel</rdf:li>" in xmp
    assert "CC BY 4.0" in xmp and "Menschen im Halbkreis" in xmp


def test_press_copies_are_cached_per_image_version():
    image = ImageFactory(file__width=400, file__height=300, credit="Foto: Test", licence="CC0")
    name, first = press_file(image, "print")
    assert name.endswith("_druck-400px_foto-test_cc0.jpg")
    assert press_file(image, "print")[1] == first


# --- admin ---------------------------------------------------------------------------------------

def test_consent_report_lists_withdrawn_images_with_their_usages(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get("/admin/berichte/einwilligungen/")
    assert response.status_code == 200
    html = response.content.decode()
    withdrawn = CustomImage.objects.get(title__contains="Einwilligung widerrufen")
    assert withdrawn.title in html
    assert "widerrufen" in html
    assert "Ein Tag im Wahlkreisrat" in html and "Der Brief, der alles änderte" in html  # where it is used


def test_consent_admin_is_only_for_people_allowed_to_see_consents(client):
    user = UserFactory(username="nur-lesen")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/berichte/einwilligungen/").status_code in (302, 403)
    assert client.get("/admin/einwilligungen/").status_code in (302, 403)


def test_editors_may_record_consents():
    editor = get_user_model().objects.get(username="redaktion")
    assert editor.has_perm("site_media.add_consent") and editor.has_perm("site_media.change_consent")
    assert Consent.objects.filter(is_minor=True, guardian_consented_on__isnull=False).exists()


def test_a_video_of_people_without_consent_is_not_shown(client):
    from stories.models import StoryPage

    video = Video.objects.filter(title__startswith="Ein Tag im Wahlkreisrat").first()
    if video is None:
        pytest.skip("ffmpeg was not available when the demo was seeded")
    story = StoryPage.objects.get(locale__language_code="de", slug="ein-tag-im-wahlkreisrat")
    assert "<video" in client.get(story.url).content.decode()
    Video.objects.filter(pk=video.pk).update(shows_identifiable_people=True)  # and no consent recorded
    html = client.get(story.url).content.decode()
    assert "<video" not in html and video.file.url not in html


def test_mdb_photo_needs_consent_too(client):
    from councils.models import ConstituencyPage

    page = ConstituencyPage.objects.filter(locale__language_code="de", wahlkreis__mdb__isnull=False).first()
    mdb = page.wahlkreis.mdb
    mdb.photo = ImageFactory(title="Porträt MdB Test", shows_identifiable_people=True)
    mdb.save()
    stem = mdb.photo.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem not in client.get(page.url).content.decode()
    import datetime

    Consent.objects.create(image=mdb.photo, person_name="MdB Test", given_on=datetime.date(2020, 1, 1))
    assert stem in client.get(page.url).content.decode()
