"""The read-only API answers a page of results with the same queries however many pages it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()


@pytest.mark.parametrize("query", ["type=councils.CouncilPage", "type=councils.CouncilPage&fields=*", ""])
def test_listing_costs_the_same_for_two_and_six_pages(client, query):
    few, small = queries_for(client, f"/api/v2/pages/?limit=2&{query}")
    many, large = queries_for(client, f"/api/v2/pages/?limit=6&{query}")
    assert len(small["items"]) == 2 and len(large["items"]) == 6
    assert all(item["meta"]["locale"] in ("de", "en") for item in large["items"])
    if "fields=*" in query:
        # Wagtail's tags field reads each page's tags on its own: one query per page, nothing else
        assert many - few == 4, (few, many)
        assert all("recommendations" in item and "quotes" in item for item in large["items"])
    else:
        assert many == few, (few, many)
