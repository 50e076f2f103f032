"""The production WSGI application plus the uploaded media, for tools/lighthouse.py only.

In production a web server or object storage serves MEDIA_URL; Django does not (config/urls.py
adds it only with DEBUG). For a local Lighthouse run WhiteNoise stands in for that web server, with
autorefresh so renditions made while rendering a page are found when the browser asks for them.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from whitenoise import WhiteNoise

# Renditions never change under their name (the filter is part of it): cache them for 30 days.
application = WhiteNoise(get_wsgi_application(), autorefresh=True, max_age=30 * 24 * 3600)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
