"""Render time and query count of the home page and a large council page.

Builds a throwaway demo site (SQLite under a temp dir unless DATABASE_URL is set), adds a council
with 40 photos, 12 recommendations and 6 follow-ups, then renders each page N times in-process
(Django test client, DEBUG off) and prints the median server time and the query count.

    .venv/bin/python bench/bench_pages.py [--runs 30]
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="wkr-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["VAR_DIR"] = tmp
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    # the uncached render is what is measured: the whole-page cache (home.pagecache) would answer
    # the repeated requests without a query
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False

    from councils.models import (
        ConstituencyPage,
        CouncilImage,
        CouncilIndexPage,
        CouncilPage,
        FollowUpPage,
        Recommendation,
        RecommendationStatus,
        Wahlkreis,
    )
    from media.demo import demo_image

    index = CouncilIndexPage.objects.get(locale__language_code="de")
    wk = ConstituencyPage(title="Wahlkreis 13", slug="bench-wk", wahlkreis=Wahlkreis.objects.get(number=13))
    index.add_child(instance=wk)
    council = CouncilPage(title="Großer Rat", slug="gross", guiding_question="?", venue_town="Kiel",
                          date=datetime.date.today() - datetime.timedelta(days=100))
    wk.add_child(instance=council)
    council.recommendations = [Recommendation(code=f"e{i}", title=f"Empfehlung {i}", text="Text " * 40)
                               for i in range(12)]
    council.gallery_images = [
        CouncilImage(image=demo_image(f"Bench {i}", f"Motiv {i}", seed=1000 + i, size=(1200, 800)), caption=f"Foto {i}")
        for i in range(40)
    ]
    council.save_revision().publish()
    recs = list(Recommendation.objects.filter(page=council))
    statuses = ["accepted", "in_progress", "under_review", "not_pursued"]
    for i in range(6):
        follow_up = FollowUpPage(title=f"Rückmeldung {i}", slug=f"r{i}", body="<p>Text</p>",
                                 date=datetime.date.today() - datetime.timedelta(days=90 - i * 10))
        council.add_child(instance=follow_up)
        follow_up.statuses = [RecommendationStatus(recommendation=r, status=statuses[(i + j) % 4])
                              for j, r in enumerate(recs)]
        follow_up.save_revision().publish()

    # Count across the whole request: Django clears the query log when a request starts.
    from django.core.signals import request_started
    from django.db import close_old_connections, reset_queries

    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    client = Client()
    for name, url in (("home page", "/de/"), ("council page (40 photos, 12 recs, 6 follow-ups)", council.url),
                      ("council index", index.url), ("API pages listing", "/api/v2/pages/")):
        client.get(url)  # warm: renditions, site root cache
        reset_queries()  # the log is a bounded deque, full after seeding with DEBUG on
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        query_count = len(ctx.captured_queries)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name}: {query_count} queries, median {statistics.median(times):.1f} ms, "
              f"p90 {sorted(times)[int(len(times) * 0.9) - 1]:.1f} ms over {args.runs} runs, "
              f"{len(response.content) / 1024:.0f} KiB HTML "
              f"({connection.vendor})")


if __name__ == "__main__":
    main()
