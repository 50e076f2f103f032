from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Paths outside the language prefixes: their 404s stay 404s (an API client must not be
# redirected to /de/api/…).
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/media/", "/static/", "/sitemap.xml", "/robots.txt")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
