"""PDF output of the private side (letters, visit lists, badges) with WeasyPrint.

Templates live in ``site/templates/recruitment/pdf/``. They may only reference images as
``data:`` URIs (see :func:`image_data_uri`): WeasyPrint then never opens a URL or a file path, so a
template cannot make the server fetch anything, and the output is the same with any file storage.
The one exception are the fonts shipped in ``settings.FONT_DIR`` (``fonts.css`` names them): every
PDF is set in them, whatever fonts the server has. The machinery (fetcher, fonts, stylesheets, tagged
PDF/UA output) lives in the public ``home.pdf``, which the council documentation uses too.
"""

import base64
import gc
from contextlib import contextmanager

from home.pdf import (  # noqa: F401 - the private side's PDF toolkit, shared with the public site
    PDF_UA,
    ShippedFontsFetcher,
    document,
    font_base_url,
    font_config,
    render_tagged_pdf,
    stylesheet,
    url_fetcher,
)


@contextmanager
def laid_out_batch():
    """For laying out many documents in a row: yields ``keep()``, to call after each document.

    The laid-out documents of a batch stay in memory until they are combined, and the cyclic
    garbage collector would walk all of them again and again while the next ones are made (a
    seventh of the time of 300 letters). ``keep()`` moves what exists so far out of its sight
    (``gc.freeze``); everything is handed back to it when the batch ends.
    """
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


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
