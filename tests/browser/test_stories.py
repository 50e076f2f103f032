"""Stories in headless Chromium: a story with gallery and video (axe, captions), the two-click embed
(nothing from YouTube before the click), and a consent withdrawal in the admin that removes the
image from every public URL without anyone editing a page."""

import datetime
import io
import json
import re
import zipfile
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from media.press_files import _slug

from .conftest import run_axe

pytestmark = pytest.mark.browser

STORY_DE = "/de/geschichten/ein-tag-im-wahlkreisrat/"
STORY_EN = "/en/stories/a-day-at-the-constituency-council/"


@pytest.mark.parametrize("path", [STORY_DE, STORY_EN, "/de/geschichten/", "/en/stories/?thema=wohnen",
                                  "/de/presse/", "/en/press/"])
def test_story_and_press_pages_pass_axe(page, path):
    assert page.goto(path).status == 200
    violations = run_axe(page)
    assert violations == [], violations
    assert page.foreign_requests == []


def test_press_kit_page_passes_axe(page):
    page.goto("/de/presse/")
    page.get_by_role("link", name=re.compile("^Pressemappe „Bezahlbares Wohnen“")).click()
    page.wait_for_url("**/pressemappe/*/")
    assert page.locator(".press-photos img").count() >= 1
    violations = run_axe(page)
    assert violations == [], violations
    assert page.foreign_requests == []


def test_story_with_gallery_and_captioned_video(page):
    page.goto(STORY_DE)
    page.wait_for_load_state("networkidle")
    gallery = page.locator(".story-gallery img")
    assert gallery.count() == 3  # the fourth photo's consent was withdrawn
    for i in range(gallery.count()):
        assert gallery.nth(i).get_attribute("width") and gallery.nth(i).get_attribute("height")
        assert gallery.nth(i).get_attribute("alt")
    video = page.locator("video")
    assert video.count() == 1
    assert video.get_attribute("preload") == "none" and video.get_attribute("autoplay") is None
    track = video.locator('track[kind="captions"][srclang="de"]')
    assert track.count() == 1 and track.get_attribute("default") is not None
    tracks = page.evaluate("() => Array.from(document.querySelector('video').textTracks)"
                           ".map(t => [t.kind, t.language, t.mode])")
    assert ["captions", "de", "showing"] in tracks and ["captions", "en", "disabled"] in tracks
    vtt = page.request.get(track.get_attribute("src"))
    assert vtt.ok and vtt.text().startswith("WEBVTT")
    assert page.locator("details.transcript summary").count() == 1
    violations = run_axe(page)
    assert violations == [], violations
    assert page.foreign_requests == []


def test_english_story_shows_english_captions_by_default(page):
    page.goto(STORY_EN)
    tracks = page.evaluate("() => Array.from(document.querySelector('video').textTracks).map(t => [t.language, t.mode])")
    assert ["en", "showing"] in tracks


def test_two_click_embed_requests_nothing_from_youtube_before_the_click(page):
    page.goto(STORY_DE)
    page.wait_for_load_state("networkidle")
    page.locator(".two-click").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert page.foreign_requests == []
    assert page.locator("iframe").count() == 0
    button = page.get_by_role("button", name=re.compile("^Video laden"))
    assert button.is_visible()
    button.click()
    frame = page.locator("iframe.two-click__frame")
    assert frame.get_attribute("title") == "Ein Beispielvideo auf YouTube"
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'IFRAME'")
    for _ in range(50):  # the guard aborts it, but the browser did ask: only after the click
        if page.foreign_requests:
            break
        page.wait_for_timeout(100)
    assert page.foreign_requests and page.foreign_requests[0].startswith("https://www.youtube-nocookie.com/")
    assert not any("youtube.com/" in u and "nocookie" not in u for u in page.foreign_requests)


def test_two_click_embed_without_javascript_offers_a_plain_link(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(STORY_DE)
    assert not tab.locator(".two-click__button").is_visible()
    link = tab.get_by_role("link", name="Video auf YouTube ansehen")
    assert link.get_attribute("href").startswith("https://www.youtube.com/watch?v=")
    context.close()


# --- consent withdrawal --------------------------------------------------------------------------

def _public_texts(page, live_site, council_de, council_en, kit_de):
    """Every public URL the flagship's teaser image appears on, as text (ZIP: its file list)."""
    texts = {}
    for path in (STORY_DE, STORY_EN, council_de, council_en, kit_de, "/de/geschichten/rss/", "/en/stories/rss/",
                 "/api/v2/pages/?type=stories.StoryPage&fields=teaser,body&limit=20"):
        response = page.request.get(live_site + path)
        assert response.ok, path
        texts[path] = response.text()
    offset, api = 0, []
    while True:
        data = page.request.get(f"{live_site}/api/v2/images/?limit=20&offset={offset}").json()
        api.append(json.dumps(data))
        offset += 20
        if offset >= data["meta"]["total_count"]:
            break
    texts["/api/v2/images/"] = "\n".join(api)
    zip_path = re.search(r'href="([^"]+/zip/)"', texts[kit_de]).group(1)
    archive = zipfile.ZipFile(io.BytesIO(page.request.get(live_site + zip_path).body()))
    texts[zip_path] = "\n".join(archive.namelist())
    return texts


def _set_withdrawal(browser, live_site, image_title, value):
    """In the admin as `admin`: find the image's first consent and set (or clear) its withdrawal date."""
    context = browser.new_context(base_url=live_site, locale="de-DE")
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.fill("#id_username", "admin")
    tab.fill("#id_password", "demo")
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url("**/admin/")
    tab.goto("/admin/einwilligungen/?q=" + image_title.split(",")[0])
    tab.locator("a[href*='/admin/einwilligungen/edit/']").first.click()
    tab.wait_for_url("**/admin/einwilligungen/edit/**")
    tab.fill("#id_withdrawn_on", value)
    tab.keyboard.press("Escape")  # close the date picker
    tab.locator("button[type=submit]", has_text="Speichern").first.click()
    tab.wait_for_url("**/admin/einwilligungen/")  # back on the listing: saved without errors
    context.close()


def test_withdrawing_consent_in_the_admin_removes_the_image_from_every_public_url(page, browser, live_site):
    page.goto(STORY_DE)
    og_file = page.locator('meta[property="og:image"]').get_attribute("content").rsplit("/", 1)[-1]
    council_de = page.locator("#story-councils-h + ul a").first.get_attribute("href")
    page.goto(council_de)
    council_en = urlsplit(page.locator('link[rel="alternate"][hreflang="en"]').get_attribute("href")).path
    kit_de = page.get_by_role("link", name=re.compile("^Pressemappe zu diesem Wahlkreisrat")).get_attribute("href")

    before = _public_texts(page, live_site, council_de, council_en, kit_de)
    # the image behind og:image: its original file's name starts every rendition's name
    items = [i for chunk in before["/api/v2/images/"].split("\n") for i in json.loads(chunk)["items"]]
    def api_stem(item):  # the API names a rendition (never the original): <stem>.max-1600x1600.<ext>
        return item["meta"]["rendition"]["url"].rsplit("/", 1)[-1].split(".max-1600x1600")[0]

    api_item = max((i for i in items if og_file.startswith(api_stem(i) + ".")), key=lambda i: len(api_stem(i)))
    stem = api_stem(api_item)
    file_ref = re.compile(rf"/{re.escape(stem)}[._]")
    title = api_item["title"]
    kit_name = _slug(title) + "_"
    for url, text in before.items():
        found = kit_name in text if url.endswith("/zip/") else file_ref.search(text)
        assert found, f"image not on {url} before withdrawal"
    rendition_urls = re.findall(rf'(/media/images/{re.escape(stem)}\.[^" ]+)', before[council_de])
    assert rendition_urls and page.request.get(live_site + rendition_urls[0]).ok

    today = datetime.datetime.now(ZoneInfo("Europe/Berlin")).date().isoformat()
    _set_withdrawal(browser, live_site, title, today)
    try:
        after = _public_texts(page, live_site, council_de, council_en, kit_de)
        for url, text in after.items():
            assert not file_ref.search(text) and kit_name not in text, f"withdrawn image still on {url}"
        page.goto(STORY_DE)
        og_image = page.locator('meta[property="og:image"]').get_attribute("content")
        assert og_image.endswith("/static/img/og-default.png")  # the site's fallback picture instead
        assert page.request.get(f"{live_site}/api/v2/images/{api_item['id']}/").status == 404
        assert page.request.get(live_site + rendition_urls[0]).status == 404  # old rendition URLs are gone
        assert page.foreign_requests == []
    finally:
        _set_withdrawal(browser, live_site, title, "")  # leave the shared demo site as it was
