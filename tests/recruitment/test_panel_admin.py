"""Stage two in the admin: a manager imports the volunteers, uploads and edits the quotas, draws the
panel with the public lottery number, verifies, replaces a dropout and downloads the panel, with a
clear German message and nothing changed on bad input; managers of other constituencies get 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from recruitment.models import PanelSelection
from recruitment.services import audit, panel

from .test_panel import QUOTAS, SEED, respondents_csv

pytestmark = pytest.mark.django_db


def url(name, case, *args):
    return reverse(f"recruitment:{name}", args=[case.pk, *args])


def upload(text, name="datei.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8") if isinstance(text, str) else text, "text/csv")


@pytest.fixture
def admin_case(case, client, manager_75):
    case.seats, case.household_rule, case.two_stage = 10, True, True
    case.save()
    client.force_login(manager_75)
    return case


def actions(case):
    return set(ModelLogEntry.objects.filter(object_id=str(case.pk)).values_list("action", flat=True))


def test_the_manager_runs_stage_two_entirely_in_the_admin(admin_case, client):
    dashboard = client.get(url("dashboard", admin_case)).content.decode()
    assert url("panel", admin_case) in dashboard
    page = client.get(url("panel", admin_case)).content.decode()
    assert url("panel_import", admin_case) in page and url("panel_quotas", admin_case) in page

    response = client.post(url("panel_import", admin_case), {"file": upload(respondents_csv())}, follow=True)
    assert "60 Rückmeldungen importiert." in response.content.decode()
    response = client.post(url("panel_quotas", admin_case), {"file": upload(QUOTAS)}, follow=True)
    assert "5 Quoten gespeichert." in response.content.decode()
    edited = QUOTAS.replace("sex,w,4,6", "sex,w,5,6")
    client.post(url("panel_quotas", admin_case), {"text": edited})
    admin_case.refresh_from_db()
    assert "sex,w,5,6" in admin_case.panel_quotas
    assert client.get(url("panel_quotas", admin_case)).content.decode().count("sex,w,5,6") == 1  # prefilled

    response = client.post(url("panel_select", admin_case),
                           {"seed": SEED, "seed_source": "Ziehung im Rathaus", "panels": 50, "method": "maximin"},
                           follow=True)
    selection = PanelSelection.objects.get(case=admin_case)
    body = response.content.decode()
    assert f"Panel Nr. {selection.number} von 50 ausgelost" in body
    assert all(i in body for i in selection.chosen)  # the drawn panel on the stage-two page
    assert sum(1 for i in selection.chosen if i in {f"v{n:03d}" for n in range(60)}) == 10

    response = client.post(url("panel_verify", admin_case), follow=True)
    assert "stimmt mit der Neuberechnung überein" in response.content.decode()
    dropout = selection.chosen[0]
    response = client.post(url("panel_replace", admin_case), {"dropout": dropout}, follow=True)
    selection.refresh_from_db()
    taker = selection.replacements[0]["replacement"]
    assert f"Der Platz geht an {taker}." in response.content.decode()
    download = client.get(url("panel_export", admin_case, "panel"))
    ids = download.content.decode().split()[1:]
    assert taker in ids and dropout not in ids and "no-store" in download["Cache-Control"]
    assert {audit.ACTION_RESPONDENTS_IMPORT, audit.ACTION_PANEL_QUOTAS, audit.ACTION_PANEL_SELECT,
            audit.ACTION_PANEL_VERIFY, audit.ACTION_PANEL_REPLACE, audit.ACTION_PANEL_EXPORT,
            audit.ACTION_PANEL_VIEW} <= actions(admin_case)


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfeid,sex\n", "keine CSV-Datei in UTF-8"),
    ("name,sex\nAnna,w\n", "braucht eine Spalte id"),
    ("id,sex\nv1,w\nv1,m\n", "Zeile 3: diese Kennung steht doppelt"),
])
def test_a_broken_respondents_file_is_refused_and_changes_nothing(admin_case, client, data, message):
    panel.import_respondents(admin_case, respondents_csv(20))
    response = client.post(url("panel_import", admin_case), {"file": upload(data)})
    assert response.status_code == 200 and message in response.content.decode()
    assert admin_case.respondents.count() == 20


@pytest.mark.parametrize(("text", "message"), [
    ("merkmal,wert\nsex,w\n", "braucht die Spalten feature,value,min,max"),
    ("feature,value,min,max\nsex,w,vier,6\n", "Zeile 2: min und max müssen ganze Zahlen sein"),
    ("feature,value,min,max\nsex,w,4,6\nsex,m,4,6\nbildung,hoch,0,10\n", "fehlt die Spalte „bildung“"),
    (QUOTAS.replace("sex,w,4,6", "sex,w,7,8"), "Die Mindestwerte ergeben zusammen 11"),
    (QUOTAS.replace("age,alt,2,4\n", ""), "Für age = „alt“ gibt es keine Quotenzeile"),
])
def test_bad_quotas_are_refused_with_a_clear_message(admin_case, client, text, message):
    panel.import_respondents(admin_case, respondents_csv())
    panel.save_quotas(admin_case, QUOTAS)
    response = client.post(url("panel_quotas", admin_case), {"text": text})
    assert response.status_code == 200 and message in response.content.decode()
    admin_case.refresh_from_db()
    assert admin_case.panel_quotas.splitlines()[1:] == sorted(QUOTAS.splitlines()[1:])


def test_infeasible_quotas_name_the_conflict_and_the_relaxation_and_nothing_is_drawn(admin_case, client):
    panel.import_respondents(admin_case, respondents_csv())
    # Feasible per feature, but too few young women exist for these two quotas together.
    people = "id,sex,age\n" + "".join(f"v{i:02d},{'w' if i < 12 else 'm'},{'jung' if i < 2 else 'alt'}\n"
                                       for i in range(30))
    panel.import_respondents(admin_case, people)
    quotas = "feature,value,min,max\nsex,w,6,10\nsex,m,0,4\nage,jung,3,10\nage,alt,0,7\n"
    client.post(url("panel_quotas", admin_case), {"text": quotas})
    response = client.post(url("panel_select", admin_case),
                           {"seed": SEED, "seed_source": "Rathaus", "panels": 20, "method": "maximin"})
    body = response.content.decode()
    assert "Kein Panel erfüllt alle Quoten" in body and "age=jung 3–10 → 2–10" in body
    admin_case.refresh_from_db()
    assert not PanelSelection.objects.exists() and admin_case.respondents_frozen_at is None


def test_replacing_someone_not_on_the_panel_is_refused(admin_case, client):
    panel.import_respondents(admin_case, respondents_csv())
    panel.select(admin_case, QUOTAS, SEED, panels=20, method="maximin")
    response = client.post(url("panel_replace", admin_case), {"dropout": "kein-mitglied"})
    assert "Diese Kennung sitzt nicht im Panel." in response.content.decode()
    assert PanelSelection.objects.get(case=admin_case).replacements == []


def test_a_manager_of_another_constituency_reaches_none_of_the_forms(case, client, manager_other):
    client.force_login(manager_other)
    for name in ("panel_import", "panel_quotas", "panel_select", "panel_replace", "panel_verify"):
        assert client.get(url(name, case)).status_code in (403, 404, 405), name
        assert client.post(url(name, case), {}).status_code in (403, 404), name
