"""The council documentation as a tagged PDF (PDF/UA-1), linked from the council page; the PDF helper
is public code (home.pdf)."""

import io

import pytest
from pypdf import PdfReader

from councils.models import CouncilPage
from tests.pdfs import accessibility_facts, only_shipped_fonts

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")


def pdf_of(client, council):
    response = client.get(f"{council.url}dokumentation/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"dokumentation-{council.slug}.pdf" in response["Content-Disposition"]
    return response.content


def test_the_documentation_is_a_tagged_pdf_with_language_title_and_embedded_fonts(client, council):
    data = pdf_of(client, council)
    facts = accessibility_facts(data)
    assert facts["marked"] and facts["structure"] and facts["display_title"]
    assert facts["lang"] == "de"
    assert facts["title"] == f"Dokumentation: {council.title}"
    assert facts["fonts_embedded"] and only_shipped_fonts(data)


def test_the_documentation_holds_question_recommendations_votes_and_follow_up(client, council):
    data = pdf_of(client, council)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    assert " ".join(council.guiding_question.split()) in flat
    assert council.venue_town in flat
    recommendation = council.recommendations.first()
    assert recommendation.title in flat
    if recommendation.votes_for is not None:
        assert f"{recommendation.votes_for} Ja" in flat
    assert "Stand der Umsetzung" in flat


def test_the_english_documentation_is_in_english(client, council):
    english = CouncilPage.objects.get(translation_key=council.translation_key, locale__language_code="en")
    facts = accessibility_facts(pdf_of(client, english))
    assert facts["lang"] == "en" and facts["title"].startswith("Documentation: ")


def test_the_council_page_links_its_documentation_pdf(client, council):
    html = client.get(council.url).content.decode()
    section = html.split('id="docs-h"')[1].split("</section>")[0]
    assert f'href="{council.url}dokumentation/"' in section and "PDF" in section
