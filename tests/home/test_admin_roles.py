"""The admin for every role: dashboard panels (editors, MdB teams, regional managers, image
rights), every menu item once, German by default, and the guide per role."""

import datetime
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.utils import translation
from wagtail.admin.menu import admin_menu

from councils.models import CouncilPage, Wahlkreis
from councils.teams import setup_team
from media.models import Consent
from recruitment.models import ManagerAssignment, RecruitmentCase
from tests.factories import (
    ConstituencyPageFactory,
    CouncilPageFactory,
    FollowUpPageFactory,
    ImageFactory,
    RecommendationFactory,
    UserFactory,
)

pytestmark = pytest.mark.today("2026-11-20")  # after the workshops of 12 September, feedback overdue


def dashboard(client, user, **headers):
    client.force_login(user)
    response = client.get("/admin/", **headers)
    assert response.status_code == 200
    return response.content.decode()


def admin_access_group(name):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


@pytest.fixture
def councils(council_index):
    """Two published councils in constituencies of their own (61 and 62), one recommendation each."""
    pages = {}
    for key, number in (("a", 61), ("b", 62)):
        constituency = ConstituencyPageFactory(parent=council_index, slug=f"wk-{number}", publish=True,
                                               wahlkreis=Wahlkreis.objects.get(number=number))
        council = CouncilPageFactory(parent=constituency, title=f"Rat {key.upper()}", slug=f"rat-{key}")
        RecommendationFactory(page=council, title=f"Empfehlung {key.upper()}")
        council.save_revision().publish()
        pages[key] = CouncilPage.objects.get(pk=council.pk)
    return pages


@pytest.fixture
def team_member(councils):
    member = UserFactory(username="team-a", email="team-a@example.org")
    setup_team(councils["a"], users=[member])
    setup_team(councils["b"], users=[UserFactory(username="team-b")])
    return member


# --- dashboards -------------------------------------------------------------------------------------


def test_team_sees_its_own_council_with_open_recommendations_and_a_start_button(client, councils, team_member):
    html = dashboard(client, team_member)
    assert "Ihre Rückmeldungen" in html
    assert "Rat A" in html and "Empfehlung A" in html
    assert "Rückmeldung überfällig seit 12. November 2026" in html
    assert f'href="/admin/pages/add/councils/followuppage/{councils["a"].pk}/"' in html
    assert "Rückmeldung beginnen" in html
    # nothing of the other team's council, and not the editors' panel
    assert "Rat B" not in html and "Empfehlung B" not in html
    assert "Redaktion: was ansteht" not in html


def test_team_start_button_opens_the_follow_up_form(client, councils, team_member):
    client.force_login(team_member)
    response = client.get(f"/admin/pages/add/councils/followuppage/{councils['a'].pk}/")
    assert response.status_code == 200


def test_editor_sees_moderation_due_follow_ups_and_upcoming_councils(client, councils, team_member, editor):
    draft = FollowUpPageFactory(parent=councils["a"], title="Rückmeldung zu Rat A", slug="rm-a", live=False)
    draft.save_revision(user=team_member)
    draft.get_workflow().start(draft, team_member)
    future = CouncilPageFactory(parent=councils["b"].get_parent(), title="Rat der Zukunft", slug="zukunft",
                                date=datetime.date(2026, 11, 25), live=False)

    html = dashboard(client, editor)
    panel = html[html.index("Redaktion: was ansteht"):]
    assert "In Moderation" in panel and "Rückmeldung zu Rat A" in panel
    assert f'href="/admin/pages/{draft.pk}/edit/"' in panel
    assert "Rückmeldungen fällig oder überfällig" in panel
    assert "Rat A" in panel and "Rat B" in panel and "überfällig seit 12. November 2026" in panel
    assert "Nächste Wahlkreisräte" in panel and future.title in panel
    assert "Ihre Rückmeldungen" not in html  # the editor is in no team


def test_manager_sees_own_councils_with_next_step_and_deadline(client, councils):
    managers = admin_access_group("Regionalmanagement Test")
    ManagerAssignment.objects.create(group=managers, wahlkreis=councils["a"].wahlkreis)
    manager = UserFactory(username="rm-test", groups=["Regionalmanagement Test"])
    constituency = councils["a"].get_parent()
    upcoming = CouncilPageFactory(parent=constituency, title="Rat im Frühjahr", slug="fruehjahr",
                                  date=datetime.date(2027, 3, 20), topic_found_on=datetime.date(2026, 11, 2))
    case = RecruitmentCase.objects.create(council=upcoming)
    elsewhere = CouncilPageFactory(parent=councils["b"].get_parent(), title="Rat anderswo", slug="anderswo",
                                   date=datetime.date(2027, 3, 21))

    html = dashboard(client, manager)
    panel = html[html.index("Ihre Wahlkreisräte: nächste Schritte"):]
    assert "Rat im Frühjahr" in panel and f'href="/admin/recruitment/{case.pk}/"' in panel
    # topic found: next comes the draw, seven weeks before the workshop
    assert "Auslosung aus dem Melderegister" in panel and "30. Januar 2027" in panel
    assert elsewhere.title not in html
    assert "Redaktion: was ansteht" not in html and "Ihre Rückmeldungen" not in html


def test_consent_panel_lists_expiring_and_withdrawn_images_without_names(client, editor):
    expiring = ImageFactory(title="Foto läuft ab", shows_identifiable_people=True)
    Consent.objects.create(image=expiring, person_name="Erika Geheim", given_on=datetime.date(2026, 1, 1),
                           valid_until=datetime.date(2026, 12, 1))
    withdrawn = ImageFactory(title="Foto widerrufen", shows_identifiable_people=True)
    Consent.objects.create(image=withdrawn, person_name="Max Geheim", given_on=datetime.date(2026, 1, 1),
                           withdrawn_on=datetime.date(2026, 11, 18))
    fine = ImageFactory(title="Foto in Ordnung", shows_identifiable_people=True)
    Consent.objects.create(image=fine, person_name="Ok", given_on=datetime.date(2026, 1, 1))

    html = dashboard(client, editor)
    panel = html[html.index("Bildrechte: Einwilligungen"):]
    assert "Foto läuft ab" in panel and "gültig bis 1. Dezember 2026" in panel
    assert "Foto widerrufen" in panel and "widerrufen am 18. November 2026" in panel
    assert "Foto in Ordnung" not in panel
    assert "Geheim" not in html


def test_team_member_sees_no_consent_panel(client, team_member):
    assert "Bildrechte: Einwilligungen" not in dashboard(client, team_member)


# --- the menu -----------------------------------------------------------------------------------------


def menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    labels = []

    def walk(items):
        for item in items:
            labels.append(str(item.label))
            if hasattr(item, "menu"):
                walk(item.menu.menu_items_for_request(request))

    walk(admin_menu.menu_items_for_request(request))
    return labels


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("username", ["admin", "redaktion", "mdb-team", "regionalmanagement", "team-a"])
def test_every_menu_item_appears_once(username, language, team_member):
    user = get_user_model().objects.get(username=username)
    with translation.override(language):
        labels = menu_labels(user)
    assert labels, username
    assert [label for label, count in Counter(labels).items() if count > 1] == []


def test_constituencies_and_the_guide_are_in_the_menu(db):
    with translation.override("de"):
        labels = menu_labels(get_user_model().objects.get(username="admin"))
    assert labels.count("Wahlkreise") == 1
    assert "Wahlkreise und Abgeordnete" in labels and "Anleitungen" in labels


# --- language ---------------------------------------------------------------------------------------


def test_admin_is_german_for_a_new_user_whatever_the_browser_says(client, editor):
    html = dashboard(client, editor, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert re.search(r'<html lang="de"', html)
    # Wagtail's own strings from its German catalogue
    assert "Seiten" in html and "Abmelden" in html
    assert "Log out" not in html


def test_admin_follows_the_users_chosen_language(client, editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    html = dashboard(client, editor)
    assert re.search(r'<html lang="en"', html)
    assert "Log out" in html


# --- the guide --------------------------------------------------------------------------------------


def guide(client, user):
    client.force_login(user)
    response = client.get("/admin/anleitungen/")
    assert response.status_code == 200
    return response.content.decode()


def first_heading(html, headings):
    return min(headings, key=lambda h: html.index(f">{h}</h2>"))


HEADINGS = ["Einen Wahlkreisrat veröffentlichen", "Eine Rückmeldung über die Moderation veröffentlichen",
            "Eine Geschichte mit Fotos veröffentlichen, für die Einwilligungen vorliegen",
            "Die Auslosung und die nächsten Termine"]


def test_guide_shows_every_section_with_the_users_own_first(client, team_member, editor):
    team_html = guide(client, team_member)
    assert all(f">{h}</h2>" in team_html for h in HEADINGS)
    assert first_heading(team_html, HEADINGS) == "Eine Rückmeldung über die Moderation veröffentlichen"
    assert first_heading(guide(client, editor), HEADINGS) == "Einen Wahlkreisrat veröffentlichen"
    manager = get_user_model().objects.get(username="regionalmanagement")
    assert first_heading(guide(client, manager), HEADINGS) == "Die Auslosung und die nächsten Termine"


# --- bounded queries ----------------------------------------------------------------------------------


def panel_queries(panel, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        panel.get_context_data({"request": request})
    return len(queries)


def test_panels_read_a_fixed_number_of_queries_however_many_councils(councils, team_member, editor):
    from councils.admin_home import EditorsPanel, TeamPanel
    from councils.teams import setup_team as add_to_team

    constituency = councils["a"].get_parent()
    before = (panel_queries(EditorsPanel(), editor), panel_queries(TeamPanel(), team_member))
    for n in range(4):
        council = CouncilPageFactory(parent=constituency, title=f"Weiterer Rat {n}", slug=f"weiter-{n}")
        RecommendationFactory(page=council)
        council.save_revision().publish()
        add_to_team(council, name=Group.objects.get(user=team_member).name)
    after = (panel_queries(EditorsPanel(), editor), panel_queries(TeamPanel(), team_member))
    assert after == before
