"""PDF output of the private side (letters, visit lists, badges) with WeasyPrint.

Templates live in ``site/templates/recruitment/pdf/``. They may only reference images as
``data:`` URIs (see :func:`image_data_uri`): WeasyPrint then never opens a URL or a file path, so a
template cannot make the server fetch anything, and the output is the same with any file storage.
The one exception are the fonts shipped in ``settings.FONT_DIR`` (``fonts.css`` names them): every
PDF is set in them, whatever fonts the server has.
"""

import base64
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher


class ShippedFontsFetcher(URLFetcher):
    """data: URIs and the files of the shipped font folder; no network, no other local file."""

    def __init__(self):
        super().__init__(allowed_protocols=["data", "file"])

    def fetch(self, url, headers=None):
        if url.lower().startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_relative_to(Path(settings.FONT_DIR).resolve()):
                raise ValueError(f"Only the shipped fonts may be read from disk, not {url}")
        return super().fetch(url, headers)


def url_fetcher():
    return ShippedFontsFetcher()


def font_base_url():
    """Relative ``url()`` in the stylesheets (the font files of ``fonts.css``) resolve here."""
    return Path(settings.FONT_DIR).resolve().as_uri() + "/"


@lru_cache(maxsize=1)
def font_config():
    return FontConfiguration()


@lru_cache(maxsize=8)
def stylesheet(template_name):
    """A parsed stylesheet, shared by every document of a batch (parsing is the costly part)."""
    return CSS(string=render_to_string(template_name), base_url=font_base_url(), url_fetcher=url_fetcher(),
               font_config=font_config())


def document(template_name, context, stylesheets=()):
    """Lay out one template as a WeasyPrint document (pages can be combined with :func:`combine`)."""
    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=url_fetcher()).render(
        stylesheets=[stylesheet(name) for name in stylesheets], font_config=font_config())


def combine(documents):
    """One PDF (bytes) with the pages of all documents in order."""
    documents = list(documents)
    if not documents:
        return b""
    pages = [page for doc in documents for page in doc.pages]
    return documents[0].copy(pages).write_pdf()


def render_pdf(template_name, context, stylesheets=()):
    return document(template_name, context, stylesheets).write_pdf()


def image_data_uri(image, spec="max-600x240"):
    """A Wagtail image (as a rendition, which keeps the PDF small) or an image file field (as it is)
    as a PNG/JPEG data URI for a PDF."""
    if not image:
        return ""
    file = image.get_rendition(spec).file if hasattr(image, "get_rendition") else image
    with file.open("rb") as handle:
        data = handle.read()
    mime = "image/png" if file.name.lower().endswith(".png") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"
