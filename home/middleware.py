from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

# Paths outside the language prefixes: their 404s stay 404s (an API client must not be
# redirected to /de/api/…).
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/media/", "/static/", "/sitemap.xml", "/robots.txt")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith("/admin/"):
            # The admin is German unless the user chose another language in their account
            # (Wagtail applies that preference); the browser's language does not decide.
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
