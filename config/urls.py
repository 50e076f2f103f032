from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from config.health import health
from home import views as home_views
from home.sitemaps import Sitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
    path("robots.txt", home_views.RobotsView.as_view(), name="robots_txt"),
    path("api/v2/", api_router.urls),
    path("health/", health, name="health"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language prefix: /de/…, /en/…
urlpatterns += i18n_patterns(
    path(_("suche/"), home_views.search, name="search"),
    path("", include("councils.urls")),
    path("", include("network.urls")),
    path("", include("events.urls")),
    path("", include("recruitment.public.urls")),
    # Wagtail's page view with fewer queries (home.views.serve); Wagtail's own for the rest
    re_path(wagtail_urls.serve_pattern, home_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
