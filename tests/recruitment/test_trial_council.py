"""The trial council of the demo (Probelauf) is for trying the process in the admin: it appears on
no public page, list, count, sitemap, search result, API answer or feed, in any language, while its
recruitment case works as any other."""

import pytest

from councils.models import ConstituencyPage, CouncilPage
from recruitment.models import RecruitmentCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial_pages():
    german = CouncilPage.objects.get(slug="probelauf", locale__language_code="de")
    pages = list(CouncilPage.objects.filter(translation_key=german.translation_key).order_by("locale__language_code"))
    assert [p.locale.language_code for p in pages] == ["de", "en"]
    return pages


def test_the_trial_council_is_private_in_every_language_and_still_has_its_case(client, trial_pages):
    for page in trial_pages:
        assert page.live and not CouncilPage.objects.public().filter(pk=page.pk).exists()
        response = client.get(page.url)
        assert response.status_code == 302 and "login" in response["Location"]  # not shown to visitors
    assert RecruitmentCase.objects.get(council_key=trial_pages[0].translation_key).cohorts.exists()


def test_not_on_the_index_nor_its_constituency_page(client, trial_pages):
    for page in trial_pages:
        constituency = ConstituencyPage.objects.get(pk=page.get_parent().pk)
        index = constituency.get_parent()
        for url in (index.url, constituency.url):
            html = client.get(url).content.decode()
            assert page.title not in html and page.url not in html, url


def test_not_in_the_sitemap_search_api_or_feeds(client, trial_pages):
    sitemap = client.get("/sitemap.xml").content.decode()
    search = {"de": "/de/suche/", "en": "/en/search/"}
    for page in trial_pages:
        assert page.slug not in sitemap
        lang = page.locale.language_code
        results = client.get(search[lang], {"q": page.title.split(":")[0]}).content.decode()
        assert page.url not in results
        api = client.get("/api/v2/pages/", {"slug": page.slug, "locale": lang}).json()
        assert api["meta"]["total_count"] == 0
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        calendar = client.get(f"/{lang}/kalender.ics").content.decode()  # the trial date lies ahead
        assert page.title not in calendar.replace("\r\n ", "")
        for feed in ("rss", "atom"):
            assert client.get(f"/{lang}/feeds/wahlkreisrat/{page.pk}.{feed}").status_code == 404
