"""Every MdB of a constituency: a council invites members across parties, each member's team posts
its own follow-ups (and only for its member), the ledger says whose answer is whose, and the demo
never attributes its invented words to a real member of the Bundestag."""

import csv
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from councils.models import CouncilMdB, CouncilPage, FollowUpPage, MdB, MdBTeam
from councils.teams import mdb_team_name, setup_mdb_teams, setup_team, team_mdb_ids
from tests.factories import CouncilPageFactory, RecommendationFactory, UserFactory

pytestmark = pytest.mark.django_db
OFFICIAL_CSV = Path(settings.BASE_DIR) / "councils" / "data" / "direct_mandates_2025.csv"


def add_url(parent):
    return f"/admin/pages/add/councils/followuppage/{parent.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def select_options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return {value for value in re.findall(r'<option value="(\d+)"', select)}


def form_data(title, slug, mdb=None):
    body = json.dumps({"blocks": [{"key": "a1b2c", "type": "unstyled", "depth": 0, "text": "Unser Stand.",
                                   "inlineStyleRanges": [], "entityRanges": [], "data": {}}], "entityMap": {}})
    return {"title": title, "slug": slug, "date": "2026-10-20", "body": body, "mdb": str(mdb.pk) if mdb else "",
            "seo_title": "", "search_description": "", "go_live_at": "", "expire_at": "",
            "statuses-TOTAL_FORMS": "0", "statuses-INITIAL_FORMS": "0",
            "statuses-MIN_NUM_FORMS": "0", "statuses-MAX_NUM_FORMS": "1000"}


@pytest.fixture
def members(db):
    return {"spd": MdB.objects.create(given_names="Paula", family_name="Test", party="SPD"),
            "cdu": MdB.objects.create(given_names="Carl", family_name="Prüf", party="CDU")}


@pytest.fixture
def council(constituency, members):
    page = CouncilPageFactory(parent=constituency, slug="zwei-mdbs", title="Zwei Abgeordnete")
    page.invited_mdbs = [CouncilMdB(mdb=members["spd"]), CouncilMdB(mdb=members["cdu"])]
    RecommendationFactory(page=page)
    page.save_revision().publish()
    return CouncilPage.objects.get(pk=page.pk)


@pytest.fixture
def teams(council, members):
    spd_user, cdu_user = UserFactory(username="team-spd"), UserFactory(username="team-cdu")
    return {"spd": (setup_team(council, users=[spd_user], mdb=members["spd"]), spd_user),
            "cdu": (setup_team(council, users=[cdu_user], mdb=members["cdu"]), cdu_user)}


# --- the council's members ---------------------------------------------------------------------

def test_invited_members_replace_the_directly_elected_one(council, members, constituency):
    assert council.mdbs() == [members["spd"], members["cdu"]]
    alone = CouncilPageFactory(parent=constituency, slug="allein")
    assert alone.mdbs() == [constituency.wahlkreis.mdb]  # no invitations: the directly elected member


def test_council_page_lists_every_invited_member(client, council):
    html = client.get(council.url).content.decode()
    facts = html[html.index('<dl class="facts">'):html.index("</dl>", html.index('<dl class="facts">'))]
    assert "<dt>Abgeordnete</dt>" in facts
    assert "Paula Test (SPD)<br>Carl Prüf (CDU)" in facts


def test_the_official_import_still_marks_the_directly_elected_members():
    direct = MdB.objects.filter(wahlkreis__isnull=False)
    assert direct.count() == 276 and all(m.directly_elected for m in direct[:5])
    with OFFICIAL_CSV.open(encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if row["direct_mandate"] == "yes"]
    assert len(rows) == 276


# --- teams -------------------------------------------------------------------------------------

def test_one_team_per_member_named_after_member_and_council(council, members, teams):
    group, _ = teams["spd"]
    assert group.name == "MdB-Team: Paula Test – Zwei Abgeordnete (61)" == mdb_team_name(council, members["spd"])
    assert MdBTeam.objects.get(group=group).mdb == members["spd"]
    assert setup_mdb_teams(council) == {members["spd"]: group, members["cdu"]: teams["cdu"][0]}  # idempotent
    assert team_mdb_ids(teams["cdu"][1], council) == {members["cdu"].pk}


def test_a_team_cannot_be_set_up_for_a_member_who_is_not_invited(council):
    outsider = MdB.objects.create(given_names="Otto", family_name="Außen", party="FDP")
    with pytest.raises(ValueError):
        setup_team(council, mdb=outsider)


def test_team_is_offered_and_may_post_only_for_its_own_member(client, council, members, teams):
    _, spd_user = teams["spd"]
    client.force_login(spd_user)
    html = client.get(add_url(council)).content.decode()
    assert select_options(html, "mdb") == {str(members["spd"].pk)}

    response = client.post(add_url(council), form_data("Fremde Antwort", "fremd", mdb=members["cdu"]))
    assert response.status_code == 200  # the form again, with an error
    assert not FollowUpPage.objects.filter(slug="fremd").exists()
    response = client.post(add_url(council), form_data("Ohne Abgeordnete", "ohne"))
    assert not FollowUpPage.objects.filter(slug="ohne").exists()

    response = client.post(add_url(council), form_data("Unsere Antwort", "unsere", mdb=members["spd"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert FollowUpPage.objects.get(slug="unsere").mdb == members["spd"]


def test_team_cannot_edit_the_other_members_follow_up(client, council, members, teams):
    _, cdu_user = teams["cdu"]
    client.force_login(cdu_user)
    assert client.post(add_url(council), form_data("CDU-Antwort", "cdu-antwort", mdb=members["cdu"])).status_code == 302
    page = FollowUpPage.objects.get(slug="cdu-antwort")

    _, spd_user = teams["spd"]
    client.force_login(spd_user)
    response = client.post(edit_url(page), form_data("Übernommen", "cdu-antwort", mdb=members["spd"]))
    assert response.status_code == 200
    assert "anderen Abgeordneten" in response.content.decode()
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "CDU-Antwort"
    assert page.get_latest_revision_as_object().mdb == members["cdu"]


def test_editors_choose_any_invited_member(client, council, members, editor):
    client.force_login(UserFactory(username="chef", is_superuser=True))
    html = client.get(add_url(council)).content.decode()
    assert select_options(html, "mdb") == {str(members["spd"].pk), str(members["cdu"].pk)}


# --- the ledger --------------------------------------------------------------------------------

def test_ledger_shows_whose_answer_is_whose(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="digitale-verwaltung")
    html = client.get(council.url).content.decode()
    ledger = html[html.index('id="empfehlungen"'):]
    e3 = ledger[ledger.index('id="empfehlung-e3"'):ledger.index("</article>", ledger.index('id="empfehlung-e3"'))]
    # e3 was answered by all three members: one current status each, and each entry says whose it is
    assert e3.count('class="status status--') == 3
    for name in ("Dr. Anna Beispiel (fiktiv) (SPD)", "Jonas Muster (fiktiv) (CDU)", "Lea Probe (fiktiv) (GRÜNE)"):
        assert f"Antwort von {name}" in e3
    follow_up = FollowUpPage.objects.get(locale=council.locale, slug="rueckmeldung-zum-analogen-weg")
    assert "Antwort von Lea Probe (fiktiv) (GRÜNE)" in client.get(follow_up.url).content.decode()


# --- the demo puts no words into real members' mouths ------------------------------------------

def official_names():
    with OFFICIAL_CSV.open(encoding="utf-8") as f:
        return {row["name"] for row in csv.DictReader(f)}


def test_demo_follow_ups_are_never_attributed_to_a_member_from_the_official_data():
    official = official_names()
    follow_ups = FollowUpPage.objects.select_related("mdb")
    assert follow_ups.count() >= 10
    for follow_up in follow_ups:
        mdb = follow_up.mdb
        assert mdb is not None, follow_up.title
        assert mdb.wahlkreis_id is None and not mdb.directly_elected
        assert "(fiktiv)" in mdb.display_name
        assert f"{mdb.family_name.replace(' (fiktiv)', '')}, {mdb.given_names}" not in official
    assert not CouncilMdB.objects.filter(mdb__wahlkreis__isnull=False).exists()


def test_demo_council_pages_do_not_name_the_real_member(client):
    council = CouncilPage.objects.get(locale__language_code="de", slug="digitale-verwaltung")
    real = council.wahlkreis.mdb
    html = client.get(council.url).content.decode()
    assert real.family_name not in html
    assert len({m.party for m in council.mdbs()}) == 3  # three members, three parties
    for follow_up in FollowUpPage.objects.child_of(council):
        assert real.family_name not in client.get(follow_up.url).content.decode()


def test_editor_sets_up_the_team_of_one_member_in_the_admin(client, council, members, editor):
    member = UserFactory(username="buero-cdu")
    client.force_login(editor)
    outsider = MdB.objects.create(given_names="Otto", family_name="Außen", party="FDP")
    CouncilMdB.objects.create(page=CouncilPageFactory(parent=council.get_parent(), slug="anderer-rat"), mdb=outsider)
    response = client.post("/admin/councils/teams/setup/", {"council": council.pk, "name": "", "mdb": outsider.pk,
                                                           "users": [member.pk]})
    assert response.status_code == 200 and not MdBTeam.objects.filter(mdb=outsider).exists()  # not invited here

    response = client.post("/admin/councils/teams/setup/", {"council": council.pk, "name": "", "mdb": members["cdu"].pk,
                                                           "users": [member.pk]}, follow=True)
    assert response.status_code == 200
    team = MdBTeam.objects.get(mdb=members["cdu"], council_key=council.translation_key)
    assert team.group.name == "MdB-Team: Carl Prüf – Zwei Abgeordnete (61)"
    assert member.groups.filter(pk=team.group_id).exists()
    assert "antwortet für Carl Prüf (CDU)" in client.get("/admin/councils/teams/setup/").content.decode()
