"""PDF output with WeasyPrint, shared by the public site (council documentation) and the private side
(letters, lists, reports: ``recruitment.pdf`` builds on this module).

Templates may only reference images as ``data:`` URIs: WeasyPrint then never opens a URL or a file
path, so a template cannot make the server fetch anything. The one exception are the fonts shipped in
``settings.FONT_DIR`` (``pdf/fonts.css`` names them): every PDF is set in them, whatever fonts the
server has, and embeds them.

Reports meant to be read on screen are written as tagged PDF/UA-1 (:func:`render_tagged_pdf`): a
structure tree, the document language from ``<html lang>`` and the title from ``<title>``.
"""

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

PDF_UA = "pdf/ua-1"


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


@lru_cache(maxsize=16)
def stylesheet(template_name):
    """A parsed stylesheet, shared by every document of a batch (parsing is the costly part)."""
    return CSS(string=render_to_string(template_name), base_url=font_base_url(), url_fetcher=url_fetcher(),
               font_config=font_config())


def document(template_name, context, stylesheets=(), html_class=HTML):
    """Lay out one template as a WeasyPrint document."""
    html = render_to_string(template_name, context)
    return html_class(string=html, url_fetcher=url_fetcher()).render(
        stylesheets=[stylesheet(name) for name in stylesheets], font_config=font_config())


def render_tagged_pdf(template_name, context, stylesheets=()):
    """A tagged, accessible PDF (PDF/UA-1) of the template: structure tree, language, title, embedded
    fonts. The template's ``<html lang>`` and ``<title>`` become the PDF's language and title."""
    return document(template_name, context, stylesheets).write_pdf(pdf_variant=PDF_UA)
