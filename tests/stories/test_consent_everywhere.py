"""One withdrawal, every public output: the image disappears from the story, the council gallery,
the press kit, the API, the feed and Open Graph, without anyone editing a page. And the names of
consenting people never appear in any public output."""

import io
import re
import zipfile

import pytest
from wagtail.models import Locale

from councils.models import CouncilPage
from media.models import Consent, CustomImage
from media.press_files import _slug
from stories.models import PressRoomPage, StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db


def public_outputs(client):
    """{name: text} of every public rendering an image of the flagship story can appear in."""
    outputs = {}
    for code in ("de", "en"):
        locale = Locale.objects.get(language_code=code)
        story = StoryPage.objects.get(locale=locale, translation_key=StoryPage.objects.get(
            slug="ein-tag-im-wahlkreisrat").translation_key)
        council = CouncilPage.objects.get(locale=locale, translation_key=CouncilPage.objects.get(
            locale__language_code="de", slug="bezahlbares-wohnen").translation_key)
        room = PressRoomPage.objects.get(locale=locale)
        outputs[f"story {code}"] = client.get(story.url).content.decode()
        outputs[f"council {code}"] = client.get(council.url).content.decode()
        outputs[f"feed {code}"] = client.get(StoryIndexPage.objects.get(locale=locale).url + "rss/").content.decode()
        outputs[f"index {code}"] = client.get(StoryIndexPage.objects.get(locale=locale).url).content.decode()
        kit = f"{room.url}{'press-kit' if code == 'en' else 'pressemappe'}/{council.pk}/"
        outputs[f"press kit {code}"] = client.get(kit).content.decode()
        archive = zipfile.ZipFile(io.BytesIO(client.get(f"{kit}zip/").content))
        outputs[f"press zip {code}"] = "\n".join(archive.namelist()) + archive.read("LIESMICH.txt").decode()
    pages, offset = [], 0
    while True:
        data = client.get(f"/api/v2/images/?limit=20&offset={offset}").json()
        pages.append(str(data))
        offset += 20
        if offset >= data["meta"]["total_count"]:
            break
    outputs["api images"] = "\n".join(pages)
    outputs["api pages"] = client.get("/api/v2/pages/?type=stories.StoryPage&fields=teaser,body&limit=20").content.decode()
    return outputs


def test_withdrawing_consent_removes_the_image_from_every_public_output(client, django_capture_on_commit_callbacks):
    story = StoryPage.objects.get(slug="ein-tag-im-wahlkreisrat")
    image = story.teaser_image
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]  # in every rendition and download URL
    assert image.shows_identifiable_people and image.is_public("website")
    before = public_outputs(client)
    file_ref = re.compile(rf"/{re.escape(stem)}[._]")  # the original and every rendition of it
    kit_name = f"{_slug(image.title)}_"
    for name, text in before.items():
        if name.startswith("press zip"):
            assert kit_name in text, name
        elif not name.startswith("index"):
            assert file_ref.search(text), name
    og = [line for line in before["story de"].splitlines() if 'property="og:image"' in line]
    assert og and file_ref.search(og[0]), og

    with django_capture_on_commit_callbacks(execute=True):
        image.consents.first().withdraw()

    after = public_outputs(client)
    for name, text in after.items():
        assert not file_ref.search(text), name
        assert kit_name not in text, name
    og = [line for line in after["story de"].split("</head>")[0].splitlines() if 'property="og:image"' in line]
    assert og and "/static/img/og-default.png" in og[0], og  # the site's fallback picture instead
    assert client.get(f"/api/v2/images/{image.pk}/", follow=True).status_code == 404
    assert not image.renditions.exists()


def test_names_of_consenting_people_never_appear_in_public(client):
    names = set(Consent.objects.values_list("person_name", flat=True)) | set(
        Consent.objects.exclude(guardian_name="").values_list("guardian_name", flat=True))
    assert names
    outputs = public_outputs(client)
    for name in names:  # the search page repeats the query, so look for results, not the name
        assert 'class="search-results"' not in client.get("/de/suche/", {"q": name}).content.decode(), name
    outputs["api images detail"] = str([client.get(f"/api/v2/images/{pk}/").content for pk in
                                        CustomImage.objects.publicly_usable().values_list("pk", flat=True)[:10]])
    for output, text in outputs.items():
        for name in names:
            assert name not in text, (name, output)
