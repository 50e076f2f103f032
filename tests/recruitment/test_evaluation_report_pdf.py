"""The evaluation report as a tagged PDF (PDF/UA-1) for the regional management: results without the
comments, the funnel; language, title and embedded shipped fonts."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from recruitment.services import evaluation

from ..pdfs import accessibility_facts, only_shipped_fonts

pytestmark = pytest.mark.django_db
COMMENT = "Geheimer Kommentar Wombat-3"


def respond(case, role, values, comment=""):
    for value, token in zip(values, evaluation.issue_tokens(case, role, len(values)), strict=True):
        evaluation.submit(token, {key: value for key, _text in evaluation.questions(role)}, comment)


def test_the_manager_downloads_a_tagged_evaluation_report(client, drawn, demo_manager):
    respond(drawn, evaluation.PARTICIPANT, [5, 5, 4, 4, 3, 1], comment=COMMENT)
    client.force_login(demo_manager)
    page = client.get(reverse("recruitment:evaluation", args=[drawn.pk])).content.decode()
    url = reverse("recruitment:evaluation_report", args=[drawn.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "attachment" in response["Content-Disposition"]
    data = response.content
    facts = accessibility_facts(data)
    assert facts["marked"] and facts["structure"] and facts["display_title"]
    assert facts["lang"] == "de" and facts["title"] == f"Evaluationsbericht: {drawn.council.title}"
    assert facts["fonts_embedded"] and only_shipped_fonts(data)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "3,7" in text and "6 Antworten" in text
    assert COMMENT not in text  # comments never leave the admin page


def test_no_report_for_anonymous_or_other_constituencies(client, drawn, manager_other):
    url = reverse("recruitment:evaluation_report", args=[drawn.pk])
    assert client.get(url).status_code in (302, 403)
    client.force_login(manager_other)
    assert client.get(url).status_code == 404

