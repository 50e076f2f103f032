"""The council page's query count does not grow with its photos, recommendations and follow-ups."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import CouncilImage, CouncilIndexPage, Wahlkreis
from tests.factories import (
    ConstituencyPageFactory,
    CouncilPageFactory,
    FollowUpPageFactory,
    ImageFactory,
    RecommendationFactory,
    RecommendationStatusFactory,
)

pytestmark = pytest.mark.django_db
STATUSES = ["accepted", "in_progress", "under_review", "not_pursued"]


def grow(council, photos, recommendations, follow_ups):
    for i in range(photos):
        image = ImageFactory(file__width=80, file__height=60)
        CouncilImage.objects.create(page=council, image=image, caption=f"Foto {i}", sort_order=i)
    recs = [RecommendationFactory(page=council) for _ in range(recommendations)]
    for i in range(follow_ups):
        follow_up = FollowUpPageFactory(parent=council, slug=f"f-{council.follow_up_count + i}",
                                        date=datetime.date(2026, 4, 1) + datetime.timedelta(days=i))
        for j, rec in enumerate(recs):
            RecommendationStatusFactory(page=follow_up, recommendation=rec, status=STATUSES[(i + j) % 4])
    council.follow_up_count += follow_ups


def queries_for(client, url):
    client.get(url)  # renditions are generated once, then reused
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_query_count_is_constant_in_photos_recommendations_and_follow_ups(client):
    index = CouncilIndexPage.objects.get(locale__language_code="de")
    wk = ConstituencyPageFactory(parent=index, wahlkreis=Wahlkreis.objects.get(number=12), slug="wk-12")
    council = CouncilPageFactory(parent=wk, slug="gross", date=datetime.date(2026, 3, 1))
    council.follow_up_count = 0
    grow(council, photos=2, recommendations=2, follow_ups=1)
    small, _ = queries_for(client, council.url)

    grow(council, photos=38, recommendations=10, follow_ups=5)
    large, html = queries_for(client, council.url)

    assert html.count("<picture>") == 40
    assert html.count('class="recommendation"') == 12
    assert large == small, f"{small} queries with few items, {large} with many"
    # every photo: AVIF and WebP sources, width and height, lazy
    first = html.split("<picture>")[1].split("</picture>")[0]
    assert 'type="image/avif"' in first and 'type="image/webp"' in first
    assert 'width="' in first and 'height="' in first and 'loading="lazy"' in first
