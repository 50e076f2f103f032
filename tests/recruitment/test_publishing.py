"""One door to the public side: only ``recruitment.publishing`` writes the public record, with the
shape ``councils.records`` defines, and the demo's made-up records have that shape too."""

import ast
import re
from pathlib import Path

import pytest
from wagtail.models import Locale

from councils import records
from councils.models import CouncilPage, PublicRecord
from recruitment.logic.ranking import ALGORITHM_VERSION
from recruitment.services import draw

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MOMENT = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$")


def test_only_publishing_touches_the_public_record_in_recruitment():
    offenders = []
    for path in (ROOT / "recruitment").rglob("*.py"):
        if path.name == "publishing.py" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            uses_record = isinstance(node, ast.Name) and node.id == "PublicRecord"
            if isinstance(node, ast.ImportFrom) and node.module:
                imported = {f"{node.module}.{alias.name}" for alias in node.names}
                uses_record |= bool(imported & {"councils.models.PublicRecord", "councils.records"})
                uses_record |= node.module == "councils.records"
            if uses_record:
                offenders.append(str(path.relative_to(ROOT)))
                break
    assert offenders == []


def test_the_published_algorithm_is_the_one_the_draw_uses():
    assert records.DRAW_ALGORITHM == ALGORITHM_VERSION


def test_demo_protocols_have_the_shape_of_real_ones(imported):
    draw.draw(imported, "1-2-3", "Würfelwurf")
    real = PublicRecord.objects.get(council_key=imported.council_key).draw_protocol
    demo_council = CouncilPage.objects.get(locale=Locale.get_default(), slug="bezahlbares-wohnen")
    demo = records.for_council(demo_council).draw_protocol
    assert set(demo) == set(real)
    assert {key for cohort in demo["cohorts"] for key in cohort} == {key for c in real["cohorts"] for key in c}
    assert MOMENT.match(real["drawn_at"]) and MOMENT.match(demo["drawn_at"])  # one date format
    assert demo["algorithm"] == real["algorithm"] == ALGORITHM_VERSION
