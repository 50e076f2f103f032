"""Reading generated PDFs in tests."""

import io
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont
from pypdf import PdfReader

#: WeasyPrint names an embedded font after its @font-face family (site/templates/recruitment/pdf/
#: fonts.css), and no font on any server has that family name: a PDF font named so is a shipped one.
SHIPPED_FAMILY = "Open-Sans-Shipped"


def font_names(data):
    """The names of every font a PDF embeds, without the subset prefix ("ABCDEF+")."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def only_shipped_fonts(data):
    names = font_names(data)
    return bool(names) and all(name.startswith(SHIPPED_FAMILY) for name in names)


def pdf_text(data, page=0):
    return PdfReader(io.BytesIO(data)).pages[page].extract_text()


def shipped_font_names():
    """The PostScript names of the font files in settings.FONT_DIR (e.g. "OpenSans-Bold")."""
    return {TTFont(path)["name"].getDebugName(6) for path in Path(settings.FONT_DIR).glob("*.ttf")}


def accessibility_facts(data):
    """What a tagged PDF (PDF/UA) states about itself: marked, structure tree, language, title, and
    whether every font it uses is embedded (FontFile2/FontFile3)."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    embedded = []
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for part in descendants:
                descriptor = part.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded.append(any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")))
    return {
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked")),
        "structure": "/StructTreeRoot" in root,
        "lang": str(root.get("/Lang", "")),
        "title": (reader.metadata or {}).get("/Title"),
        "display_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
        "fonts_embedded": bool(embedded) and all(embedded),
        "pages": len(reader.pages),
    }
