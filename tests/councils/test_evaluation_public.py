"""The council page shows what the private side published in PublicRecord: the funnel in the
composition section and the evaluation aggregates, small numbers suppressed, in German and English."""

import re

import pytest

from councils.ledger import evaluation, funnel
from councils.models import CouncilPage, PublicRecord
from tests.html import main

pytestmark = pytest.mark.django_db

SLUG = "bezahlbares-wohnen"  # a held demo council with a composition and an English translation
SCALE = ["trifft gar nicht zu", "trifft eher nicht zu", "teils, teils", "trifft eher zu", "trifft voll zu"]
HEARD = "Ich habe mich mit meiner Meinung gehört gefühlt."


def section(html, anchor):
    return main(html).split(f'id="{anchor}"')[1].split("</section>")[0]


@pytest.fixture
def council():
    return CouncilPage.objects.get(locale__language_code="de", slug=SLUG)


@pytest.fixture
def record(council):
    record = PublicRecord.for_council(council)
    cohorts = record.composition["cohorts"]
    record.composition["funnel"] = [
        {"label": c["label"], "pool": 200 + i, "invited": 9, "accepted": 7 if i else 2,
         "attended": 6 if i else 1} for i, c in enumerate(cohorts)]
    record.evaluation = {
        "published_on": "2026-05-01", "min_responses": 5, "scale": SCALE,
        "roles": [
            {"role": "participant", "label": "Teilnehmende", "suppressed": False, "n": 21, "questions": [
                {"key": "heard", "label": HEARD, "n": 21, "suppressed": False, "mean": 4.3,
                 "distribution": [0, 1, 2, 7, 11]},
                # a record saying "not suppressed" for 3 answers is still not shown
                {"key": "dialogue", "label": "Das Gespräch mit der/dem Abgeordneten war offen.", "n": 3,
                 "suppressed": False, "mean": 2.0, "distribution": [1, 1, 1, 0, 0]},
            ]},
            {"role": "mdb_team", "label": "Team der/des Abgeordneten", "suppressed": True},
        ],
    }
    record.save()
    return record


def test_the_funnel_suppresses_small_cells_per_stage():
    table = funnel([{"label": "16-24", "pool": 300, "invited": 5, "accepted": 1, "attended": 1},
                    {"label": "25-44", "pool": 500, "invited": 9, "accepted": 8, "attended": 7},
                    {"label": "45+", "pool": 700, "invited": 12, "accepted": 10, "attended": 10}])
    assert [r["cells"] for r in table["rows"]] == [
        ["300", "5", "ausgeblendet", "ausgeblendet"],
        ["500", "9", "ausgeblendet", "ausgeblendet"],  # secondary: 1 could be worked out from the total
        ["700", "12", "10", "10"],
    ]
    assert table["totals"] == ["1500", "26", "19", "18"]
    assert funnel(None) is None and funnel([]) is None


def test_evaluation_never_shows_fewer_than_five_answers(record):
    data = evaluation(record)
    participants, team = data["roles"]
    assert not participants["suppressed"] and participants["n"] == 21
    heard, dialogue = participants["questions"]
    assert heard["mean"] == 4.3 and heard["distribution"] == [0, 1, 2, 7, 11]
    assert dialogue["suppressed"] and dialogue["mean"] is None and dialogue["distribution"] is None
    assert team["suppressed"]
    assert evaluation(None) is None
    record.evaluation = {}
    assert evaluation(record) is None


def test_the_council_page_shows_funnel_and_evaluation(client, council, record):
    html = client.get(council.url).content.decode()
    composition = section(html, "zusammensetzung")
    assert "Vom Pool zur Teilnahme" in composition
    funnel_table = composition.split('class="data-table funnel"')[1].split("</table>")[0]
    assert "ausgeblendet" in funnel_table
    assert "<td>1</td>" not in funnel_table and "<td>2</td>" not in funnel_table
    result = section(html, "evaluation")
    assert '<a href="#evaluation">' in main(html)
    assert HEARD in result and "4,3" in result and "<td>21</td>" in result and "<td>11</td>" in result
    assert "<td>2,0</td>" not in result and "zu wenige Antworten" in result
    assert "Team der/des Abgeordneten: zu wenige Antworten" in result
    assert result.count("<th scope=\"col\">") == 8 and "visually-hidden" in result
    if council.evaluation_summary:
        assert result.index("<table") > result.index("<h2")


def test_the_english_page_shows_the_same_figures(client, council, record):
    english = CouncilPage.objects.get(locale__language_code="en", translation_key=council.translation_key)
    html = client.get(english.url).content.decode()
    result = section(html, "evaluation")
    assert re.search(r"4[.,]3", result) and "<td>21</td>" in result
    assert 'class="data-table funnel"' in section(html, "zusammensetzung")


def test_a_no_entry_sex_gets_its_own_column(client, council):
    record = PublicRecord.for_council(council)
    cohorts = record.composition["cohorts"]
    cohorts[0]["counts"]["x"] = 1
    record.save()
    html = client.get(council.url).content.decode()
    table = section(html, "zusammensetzung").split("</table>")[0]
    assert "ohne Angabe" in table and "<td>1</td>" not in table
