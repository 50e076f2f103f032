"""Every PDF of the private side is set in the fonts shipped in the repository (settings.FONT_DIR),
so its layout is the same on every server; and a PDF template cannot read other files."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from recruitment import pdf

from ..pdfs import font_names, only_shipped_fonts, pdf_text, shipped_font_names


def test_the_shipped_family_has_regular_bold_and_italic_and_its_licence():
    assert shipped_font_names() == {"OpenSans", "OpenSans-Bold", "OpenSans-Italic"}
    assert "Apache License" in (Path(settings.FONT_DIR) / "LICENSE.txt").read_text()


def test_badges_are_set_in_the_shipped_font_only():
    data = pdf.render_pdf("recruitment/pdf/badges.html", {
        "badges": [{"name": n} for n in ["Jörg", "Zoë", "Sören", "Weißbrodt"]], "title": "Mobilität im ländlichen Raum",
        "date": datetime.date(2026, 9, 12)}, stylesheets=["recruitment/pdf/badges.css"])
    assert only_shipped_fonts(data), font_names(data)
    assert "Jörg" in pdf_text(data) and "Weißbrodt" in pdf_text(data) and "Mobilität" in pdf_text(data)


def test_the_visit_list_is_set_in_the_shipped_font_only():
    person = SimpleNamespace(street="Erfundene Straße", house_number="7a", postcode="12345", town="Demostadt",
                             doctoral_degree="", given_names="Anna 1", family_name="Zzyxmüller",
                             legal_representative="Eltern Demo")
    row = SimpleNamespace(person=person, draw_cohort=SimpleNamespace(label="16–24, weiblich"), visit_count=1)
    data = pdf.render_pdf("recruitment/pdf/visits.html", {
        "rows": [row], "count": 1, "title": "Testrat", "today": datetime.date(2026, 9, 1)},
        stylesheets=["recruitment/pdf/visits.css"])
    assert only_shipped_fonts(data), font_names(data)  # the page numbers too
    assert "Zzyxmüller" in pdf_text(data) and "1 / 1" in pdf_text(data)


def test_pdfs_read_no_file_but_the_shipped_fonts():
    fetcher = pdf.url_fetcher()
    response = fetcher.fetch(pdf.font_base_url() + "OpenSans-Regular.ttf")
    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType file
    response.close()
    for url in ("file:///etc/passwd", pdf.font_base_url() + "../../../../config/settings/base.py",
                "https://example.org/font.ttf"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
