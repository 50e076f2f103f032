"""Stories in public: the index (filters, pagination, RSS), a story with gallery, video and two-click
embed, related stories, stories on council pages; the editorial rules for captions and embeds."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.blocks import StreamValue
from wagtail.models import Locale

from councils.models import CouncilPage
from media.models import CustomImage, Video
from stories.blocks import ExternalVideoBlock, StoryStreamBlock
from stories.models import StoryIndexPage, StoryPage
from tests.html import main

pytestmark = pytest.mark.django_db


def head(html):
    return html.split("</head>", 1)[0]


@pytest.fixture
def flagship():
    return StoryPage.objects.get(locale__language_code="de", slug="ein-tag-im-wahlkreisrat")


@pytest.fixture
def withdrawn():
    return CustomImage.objects.get(title__contains="Einwilligung widerrufen")


def test_demo_has_at_least_ten_stories_in_german_and_english():
    for code in ("de", "en"):
        assert StoryPage.objects.live().filter(locale__language_code=code).count() >= 10
    en = StoryPage.objects.get(locale__language_code="en", slug="a-day-at-the-constituency-council")
    assert en.title == "A day at the constituency council"


def test_story_page_shows_gallery_video_embed_and_credits(client, flagship, withdrawn):
    response = client.get(flagship.url)
    assert response.status_code == 200
    html = main(response.content.decode())
    assert html.count('class="story-gallery"') == 1
    assert withdrawn.file.name.rsplit("/", 1)[-1].split(".")[0] not in response.content.decode()
    assert "Foto: " in html and "CC BY 4.0" in html  # credit and licence with the image
    # video: native player, no autoplay, captions on in the page language
    assert '<video controls preload="none"' in html
    assert 'kind="captions"' in html
    assert '<track kind="captions" src="' in html and 'srclang="de" label="Deutsch" default>' in html
    assert "Transkript" in html
    # two-click: a placeholder and a plain link, no iframe, no third-party resource
    assert "<iframe" not in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/' in html
    assert 'href="https://www.youtube.com/watch?v=' in html
    for attribute in ("src", "srcset", "poster"):
        for value in html.split(f'{attribute}="')[1:]:
            assert value.startswith("/"), value[:80]  # every resource from our own server
    assert "js/two-click.js" in head(response.content.decode())


def test_english_story_has_english_captions_on_by_default(client):
    story = StoryPage.objects.get(locale__language_code="en", slug="a-day-at-the-constituency-council")
    html = main(client.get(story.url).content.decode())
    assert 'srclang="en" label="English" default>' in html
    assert "A calm tone plays." in html  # the English transcript


def test_responsive_images_have_modern_formats_sizes_and_dimensions(client, flagship):
    html = client.get(flagship.url).content.decode()
    pictures = main(html).split("<picture>")[1:]
    assert pictures
    for picture in pictures:
        picture = picture.split("</picture>")[0]
        assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
        assert " 400w" in picture or " 640w" in picture  # srcset widths
        assert 'width="' in picture and 'height="' in picture
    hero = pictures[0].split("</picture>")[0]
    assert 'fetchpriority="high"' in hero and 'loading="lazy"' not in hero  # above the fold
    assert all('loading="lazy"' in p for p in pictures[1:])


def test_story_index_filters_and_paginates(client):
    index = StoryIndexPage.objects.get(locale__language_code="de")
    html = main(client.get(index.url).content.decode())
    assert html.count('class="card story-card"') == 9
    assert 'rel="next"' in html and "seite=2" in html
    second = main(client.get(index.url + "?seite=2").content.decode())
    assert second.count('class="card story-card"') == StoryPage.objects.live().filter(
        locale__language_code="de").count() - 9
    by_tag = main(client.get(index.url + "?thema=pflege").content.decode())
    assert "Pflegen und gehört werden" in by_tag and "Windstrom für alle?" not in by_tag
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    by_wk = main(client.get(index.url + f"?wahlkreis={council.wahlkreis.number}").content.decode())
    assert "Ein Tag im Wahlkreisrat" in by_wk and "Windstrom für alle?" not in by_wk
    # filters work without JavaScript: a GET form with labelled fields
    assert '<label for="id_thema">' in html and '<label for="id_wahlkreis">' in html


def test_rss_feed_lists_stories_with_consented_teasers_only(client, withdrawn):
    index = StoryIndexPage.objects.get(locale__language_code="de")
    response = client.get(index.url + "rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert len(items) >= 10
    titles = {i.findtext("title"): i for i in items}
    assert titles["Ein Tag im Wahlkreisrat"].find("enclosure") is not None
    assert titles["Der Brief, der alles änderte"].find("enclosure") is None  # withdrawn consent
    en = client.get(StoryIndexPage.objects.get(locale__language_code="en").url + "rss/")
    assert b"A day at the constituency council" in en.content


def test_related_stories_and_councils_on_a_story(client, flagship):
    html = main(client.get(flagship.url).content.decode())
    assert "Weitere Geschichten" in html
    related = html.split('id="related-h"')[1]
    assert related.count('class="card story-card"') == 3 and "Ein Tag im Wahlkreisrat" not in related
    assert "/wahlkreisraete/wahlkreis-75/bezahlbares-wohnen/" in html


def test_stories_and_press_kit_link_appear_on_the_council_page(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    html = main(client.get(council.url).content.decode())
    assert "Geschichten und Presse" in html and "Ein Tag im Wahlkreisrat" in html
    assert "/de/presse/pressemappe/" in html
    en = council.get_translation(Locale.objects.get(language_code="en"))
    en_html = main(client.get(en.url).content.decode())
    assert "A day at the constituency council" in en_html and "/en/press/press-kit/" in en_html


def story_queries(client, story):
    client.get(story.url)  # renditions are generated once, then reused
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(story.url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_story_page_query_count_is_bounded(client, flagship):
    # site and route with the header's and footer's pages, the story, the organisation's settings, its
    # councils, tags, related stories, all teasers with renditions, the body's images and videos
    count, _html = story_queries(client, flagship)
    assert count <= 15, count


def test_doubling_a_story_body_adds_no_query(client, flagship):
    small, html = story_queries(client, flagship)
    blocks = [{"type": b["type"], "value": b["value"]} for b in flagship.body.raw_data]
    assert any(b["type"] == "video_block" for b in blocks) and "<picture>" in main(html)
    flagship.body = json.dumps(blocks * 2)
    flagship.save_revision().publish()
    large, doubled = story_queries(client, flagship)
    assert main(doubled).count("<picture>") > main(html).count("<picture>")
    assert large == small, f"{small} queries for the story, {large} with its body twice"


# --- editorial rules ----------------------------------------------------------------------------

def test_two_click_block_accepts_only_youtube_and_vimeo():
    block = ExternalVideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": "https://video.example/123", "title": "X"}))
    value = block.clean(block.to_python({"url": "https://vimeo.com/76979871", "title": "X"}))
    assert value.external.provider == "vimeo"


def test_a_live_story_cannot_hold_a_video_without_captions(flagship):
    video = Video.objects.create(title="Ohne Untertitel", poster=CustomImage.objects.first(),
                                 shows_identifiable_people=False, file="videos/none.mp4")
    flagship.body = StreamValue(StoryStreamBlock(), [("video_block", {"video": video, "caption": ""})])
    with translation.override("de"), pytest.raises(ValidationError, match="Untertitel"):
        flagship.full_clean()


def test_api_shows_story_teasers_as_renditions_and_hides_withdrawn_ones(client):
    response = client.get("/api/v2/pages/?type=stories.StoryPage&fields=teaser,date&locale=de&limit=20")
    assert response.status_code == 200
    items = {i["title"]: i for i in response.json()["items"]}
    assert items["Ein Tag im Wahlkreisrat"]["teaser"]["url"].endswith(".jpg")
    assert items["Der Brief, der alles änderte"]["teaser"] is None
    detail = client.get(f"/api/v2/pages/{StoryPage.objects.get(slug='ein-tag-im-wahlkreisrat').pk}/")
    gallery = next(b for b in detail.json()["body"] if b["type"] == "gallery_block")
    assert None in [item["image"] for item in gallery["value"]["images"]]  # the withdrawn one
    json.dumps(detail.json())


def test_stories_behind_a_view_restriction_stay_off_council_pages():
    from wagtail.models import PageViewRestriction

    from stories.listing import stories_for_council

    council = CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
    assert any(s.slug == "ein-tag-im-wahlkreisrat" for s in stories_for_council(council))
    story = StoryPage.objects.get(locale__language_code="de", slug="ein-tag-im-wahlkreisrat")
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="x")
    assert not any(s.slug == "ein-tag-im-wahlkreisrat" for s in stories_for_council(council))
    PageViewRestriction.objects.create(page=StoryIndexPage.objects.get(locale__language_code="de"),
                                       restriction_type="login")
    assert stories_for_council(council) == []


def test_editors_admin_forms_render(client):
    from django.contrib.auth import get_user_model

    from stories.models import PressRoomPage

    client.force_login(get_user_model().objects.get(username="admin"))
    story = StoryPage.objects.get(locale__language_code="de", slug="ein-tag-im-wahlkreisrat")
    index = StoryIndexPage.objects.get(locale__language_code="de")
    room = PressRoomPage.objects.get(locale__language_code="de")
    for url in (f"/admin/pages/{story.pk}/edit/", f"/admin/pages/add/stories/storypage/{index.pk}/",
                f"/admin/pages/add/stories/pressreleasepage/{room.pk}/", "/admin/snippets/site_media/video/add/",
                "/admin/einwilligungen/new/", "/admin/snippets/stories/presscontact/"):
        assert client.get(url).status_code == 200, url
    preview = client.post(f"/admin/pages/{story.pk}/edit/preview/", {})
    assert preview.status_code == 200


def test_publishing_needs_captions_in_the_page_language(client):
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from media.models import VideoTrack

    client.force_login(get_user_model().objects.get(username="admin"))
    index = StoryIndexPage.objects.get(locale__language_code="de")
    video = Video.objects.create(title="Nur englisch untertitelt", poster=CustomImage.objects.first(),
                                 shows_identifiable_people=False, file="videos/x.mp4")
    track = VideoTrack(video=video, language="en", kind="captions")
    track.file.save("x-en.vtt", ContentFile(b"WEBVTT\n"), save=False)
    track.save()

    def post(action):
        data = nested_form_data({
            "title": "Testgeschichte", "slug": f"testgeschichte-{action}", "date": "2026-06-01",
            "author": "Test Autorin", "intro": "Vorspann",
            "body": streamfield([("video_block", {"video": video.pk, "caption": ""})]),
            "tags": "", "council_links": inline_formset([]),
        })
        data[action] = "1"
        return client.post(f"/admin/pages/add/stories/storypage/{index.pk}/", data)

    published = post("action-publish")
    assert published.status_code == 200  # form shown again with the error
    assert "fehlen Untertitel in der Sprache der Seite" in published.content.decode()
    assert not StoryPage.objects.filter(slug="testgeschichte-action-publish").exists()
    draft = post("action-save")  # a draft may wait for its German captions
    assert draft.status_code == 302
    assert StoryPage.objects.filter(slug="testgeschichte-action-save", live=False).exists()
