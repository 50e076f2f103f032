from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page


class Sitemap(WagtailSitemap):
    """Every live public page of every language tree, each with its hreflang alternates.

    Wagtail's own sitemap only walks the default-language tree.
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_trees = Q()
        for root in roots:
            in_trees |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_trees).live().public().order_by("path")
            .select_related("locale").defer_streamfields()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        # Public API of Django's Sitemap (Wagtail overrides the private `_urls`; we don't need to):
        # URLs come from the pages themselves, so `site` and `protocol` are not needed.
        pages = list(self.paginator.page(page).object_list)
        locations = {p.pk: self.request.build_absolute_uri(p.get_url(self.request)) for p in pages}
        by_key = defaultdict(list)
        for p in pages:
            by_key[p.translation_key].append(p)
        urls = []
        for p in pages:
            alternates = [
                {"location": locations[t.pk], "lang_code": t.locale.language_code}
                for t in by_key[p.translation_key]
            ]
            urls.append({
                "item": p,
                "location": locations[p.pk],
                "lastmod": self.lastmod(p),
                "alternates": alternates if len(alternates) > 1 else [],
            })
        lastmods = [u["lastmod"] for u in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
