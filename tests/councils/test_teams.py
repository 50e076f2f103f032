"""MdB teams (councils/teams.py): a team drafts follow-ups under its own council in every
language, cannot publish, and its drafts go to the editors through a workflow."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, PageLogEntry, Workflow, WorkflowPage

from councils.models import CouncilIndexPage, CouncilPage, FollowUpPage, Wahlkreis
from councils.teams import (
    EDITORS_GROUP,
    TASK_NAME,
    WORKFLOW_NAME,
    ensure_moderation_workflow,
    mirror_translation_permissions,
    setup_team,
)
from home.translation import translate
from tests.factories import (
    ConstituencyPageFactory,
    CouncilIndexPageFactory,
    CouncilPageFactory,
    FollowUpPageFactory,
    RecommendationFactory,
    UserFactory,
)

SETUP_URL = "/admin/councils/teams/setup/"


def add_url(parent):
    return f"/admin/pages/add/councils/followuppage/{parent.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def contentstate(text):
    """The admin's rich-text widget posts Draftail's JSON."""
    block = {"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text,
             "inlineStyleRanges": [], "entityRanges": [], "data": {}}
    return json.dumps({"blocks": [block], "entityMap": {}})


def follow_up_form(title, slug, recommendation=None, action=None):
    """POST data of the FollowUpPage form, incl. the "statuses" inline formset."""
    data = {
        "title": title, "slug": slug, "date": "2026-10-20",
        "body": contentstate("Was aus den Empfehlungen wurde."),
        "seo_title": "", "search_description": "", "go_live_at": "", "expire_at": "",
        "statuses-TOTAL_FORMS": "0", "statuses-INITIAL_FORMS": "0",
        "statuses-MIN_NUM_FORMS": "0", "statuses-MAX_NUM_FORMS": "1000",
    }
    if recommendation is not None:
        data.update({
            "statuses-TOTAL_FORMS": "1", "statuses-0-recommendation": str(recommendation.pk),
            "statuses-0-status": "in_progress", "statuses-0-explanation": "Antrag eingebracht.",
            "statuses-0-evidence_label": "", "statuses-0-evidence_url": "",
            "statuses-0-id": "", "statuses-0-ORDER": "1", "statuses-0-DELETE": "",
        })
    if action:
        data[action] = "1"
    return data


def translate_to_english(page, capture):
    # wagtail-localize publishes the translation on commit; run those callbacks inside the test.
    with capture(execute=True):
        translate(page, "en", {})
    return page.get_translation(Locale.objects.get(language_code="en")).specific


@pytest.fixture
def councils(de_home):
    """Councils A and B in German, published, in two constituencies of their own."""
    index = (CouncilIndexPage.objects.filter(locale=de_home.locale).first()
             or CouncilIndexPageFactory(parent=de_home))
    pages = {}
    for key, number in (("a", 10), ("b", 11)):
        constituency = ConstituencyPageFactory(parent=index, slug=f"test-wahlkreis-{number}",
                                               wahlkreis=Wahlkreis.objects.get(number=number))
        constituency.save_revision().publish()
        council = CouncilPageFactory(parent=constituency, title=f"Thema {key.upper()}", slug=f"thema-{key}")
        pages[f"rec_{key}"] = RecommendationFactory(page=council)
        council.save_revision().publish()
        pages[key] = CouncilPage.objects.get(pk=council.pk)
    return pages


@pytest.fixture
def team_member(db):
    return UserFactory(username="team-a")


@pytest.fixture
def team_a(councils, team_member):
    return setup_team(councils["a"], users=[team_member])




# --- setup_team ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_setup_team_creates_group_with_add_and_change_but_not_publish(councils, team_a, team_member):
    assert team_a.name == "MdB-Team: Thema A (10)"
    assert team_member.groups.filter(pk=team_a.pk).exists()
    assert team_a.permissions.filter(codename="access_admin").exists()
    codenames = set(GroupPagePermission.objects.filter(group=team_a)
                    .values_list("page_id", "permission__codename"))
    assert codenames == {(councils["a"].pk, "add_page"), (councils["a"].pk, "change_page")}
    assert WorkflowPage.objects.get(page=councils["a"]).workflow.name == WORKFLOW_NAME


@pytest.mark.django_db
def test_setup_team_is_idempotent_and_accepts_an_existing_group(councils):
    demo = Group.objects.get(name="MdB-Team (Demo)")
    # A reused group never keeps a publish right on its council.
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=demo, page=councils["a"], permission=publish)
    for _ in range(2):
        group = setup_team(councils["a"], name="MdB-Team (Demo)", users=["mdb-team"])
    assert group == demo
    codenames = (GroupPagePermission.objects.filter(group=demo, page=councils["a"])
                 .values_list("permission__codename", flat=True))
    assert sorted(codenames) == ["add_page", "change_page"]
    assert demo.user_set.filter(username="mdb-team").exists()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


@pytest.mark.django_db
def test_moderation_workflow_goes_to_the_editors_and_is_idempotent():
    workflow = ensure_moderation_workflow()
    assert ensure_moderation_workflow() == workflow
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [TASK_NAME]
    assert list(tasks[0].groups.values_list("name", flat=True)) == [EDITORS_GROUP]


@pytest.mark.django_db
def test_setup_team_rejects_other_pages(de_home):
    with pytest.raises(TypeError):
        setup_team(de_home)


# --- (a) drafting under the own council ----------------------------------------------------


@pytest.mark.django_db
def test_team_creates_and_edits_a_follow_up_draft_under_its_council(client, councils, team_a, team_member):
    council = councils["a"]
    assert council.permissions_for_user(team_member).can_add_subpage()
    client.force_login(team_member)
    assert client.get(add_url(council)).status_code == 200

    response = client.post(add_url(council), follow_up_form("Unsere Rückmeldung", "unsere-rueckmeldung",
                                                            recommendation=councils["rec_a"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = FollowUpPage.objects.child_of(council).get(slug="unsere-rueckmeldung")
    assert not page.live and page.owner == team_member
    draft = page.get_latest_revision_as_object()
    assert [s.status for s in draft.statuses.all()] == ["in_progress"]

    assert client.get(edit_url(page)).status_code == 200
    response = client.post(edit_url(page), follow_up_form(
        "Unsere Rückmeldung, überarbeitet", "unsere-rueckmeldung", recommendation=councils["rec_a"]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Unsere Rückmeldung, überarbeitet"


@pytest.mark.django_db
def test_team_edits_a_teammates_follow_up(client, councils, team_a, team_member, django_user_model):
    mate = UserFactory(username="team-a-2")
    team_a.user_set.add(mate)
    page = FollowUpPageFactory(parent=councils["a"], title="Veröffentlichte Rückmeldung", owner=team_member,
                               publish=True)
    assert page.permissions_for_user(mate).can_edit()
    client.force_login(mate)
    assert client.get(edit_url(page)).status_code == 200


@pytest.mark.django_db
def test_council_page_itself_stays_with_the_editors(client, councils, team_a, team_member, editor):
    council = councils["a"]
    client.force_login(team_member)
    response = client.get(edit_url(council))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[council.pk])
    client.post(edit_url(council), {"title": "Gekapert", "slug": council.slug})
    council.refresh_from_db()
    assert council.get_latest_revision_as_object().title == "Thema A"

    client.force_login(editor)
    assert client.get(edit_url(council)).status_code == 200


# --- (b) nothing under another council ----------------------------------------------------


@pytest.mark.django_db
def test_team_cannot_add_or_edit_under_another_council(client, councils, team_a, team_member):
    council_b = councils["b"]
    other = FollowUpPageFactory(parent=council_b, title="Rückmeldung B", publish=True)
    perms = council_b.permissions_for_user(team_member)
    assert not perms.can_add_subpage() and not perms.can_edit()
    assert not other.permissions_for_user(team_member).can_edit()

    client.force_login(team_member)
    assert client.get(add_url(council_b)).status_code in (302, 403)
    response = client.post(add_url(council_b), follow_up_form("Eingeschmuggelt", "eingeschmuggelt"))
    assert response.status_code in (302, 403)
    assert not FollowUpPage.objects.filter(slug="eingeschmuggelt").exists()

    assert client.get(edit_url(other)).status_code in (302, 403)
    client.post(edit_url(other), follow_up_form("Überschrieben", other.slug, action="action-publish"))
    other.refresh_from_db()
    assert other.title == "Rückmeldung B" and other.get_latest_revision_as_object().title == "Rückmeldung B"


# --- (c) no publishing ----------------------------------------------------------------------


@pytest.mark.django_db
def test_team_cannot_publish(client, councils, team_a, team_member):
    council = councils["a"]
    assert not council.permissions_for_user(team_member).can_publish_subpage()
    client.force_login(team_member)

    client.post(add_url(council), follow_up_form("Sofort live?", "sofort-live", action="action-publish"))
    page = FollowUpPage.objects.child_of(council).get(slug="sofort-live")
    assert not page.live and not page.permissions_for_user(team_member).can_publish()

    published = FollowUpPageFactory(parent=council, title="Schon live", publish=True)
    client.post(edit_url(published),
                follow_up_form("Geändert und live?", published.slug, action="action-publish"))
    published.refresh_from_db()
    assert published.title == "Schon live" and published.has_unpublished_changes
    assert not published.permissions_for_user(team_member).can_unpublish()


# --- (d) and (g): the English translation -------------------------------------------------


@pytest.mark.django_db
def test_team_works_under_the_english_translation_made_before_setup(
        client, councils, team_member, django_capture_on_commit_callbacks):
    council_en = translate_to_english(councils["a"], django_capture_on_commit_callbacks)
    setup_team(councils["a"], users=[team_member])
    assert council_en.locale.language_code == "en"
    perms = council_en.permissions_for_user(team_member)
    assert perms.can_add_subpage() and not perms.can_publish_subpage()

    client.force_login(team_member)
    response = client.post(add_url(council_en), follow_up_form("Our feedback", "our-feedback"))
    assert response.status_code == 302
    page = FollowUpPage.objects.child_of(council_en).get(slug="our-feedback")
    assert page.locale.language_code == "en" and not page.live

    # A German follow-up translated into English: the team may edit the translation.
    follow_up = FollowUpPageFactory(parent=councils["a"], title="Rückmeldung zum Übersetzen", owner=team_member,
                                    publish=True)
    follow_up_en = translate_to_english(follow_up, django_capture_on_commit_callbacks)
    assert follow_up_en.get_parent().pk == council_en.pk
    assert follow_up_en.permissions_for_user(team_member).can_edit()
    assert not follow_up_en.permissions_for_user(team_member).can_publish()
    assert client.get(edit_url(follow_up_en)).status_code == 200


@pytest.mark.django_db
def test_translation_created_after_setup_gets_the_team_rights(
        client, councils, team_a, team_member, django_capture_on_commit_callbacks):
    council_en = translate_to_english(councils["a"], django_capture_on_commit_callbacks)
    assert set(GroupPagePermission.objects.filter(group=team_a, page=council_en)
               .values_list("permission__codename", flat=True)) == {"add_page", "change_page"}
    assert WorkflowPage.objects.get(page=council_en).workflow.name == WORKFLOW_NAME
    assert council_en.permissions_for_user(team_member).can_add_subpage()
    # Only the council itself is mirrored: the English constituency (an alias) gets nothing.
    assert not GroupPagePermission.objects.filter(group=team_a, page=council_en.get_parent()).exists()
    # Council B's translation does not become team A's.
    council_b_en = translate_to_english(councils["b"], django_capture_on_commit_callbacks)
    assert not council_b_en.permissions_for_user(team_member).can_add_subpage()

    client.force_login(team_member)
    assert client.get(add_url(council_en)).status_code == 200
    assert mirror_translation_permissions(council_en) == 0  # nothing left to do


# --- (e) moderation -----------------------------------------------------------------------


@pytest.mark.django_db
def test_submitted_draft_goes_to_the_editors_who_publish_it(client, councils, team_a, team_member, editor):
    client.force_login(team_member)
    client.post(add_url(councils["a"]),
                follow_up_form("Zur Freigabe", "zur-freigabe", action="action-submit"))
    page = FollowUpPage.objects.child_of(councils["a"]).get(slug="zur-freigabe")
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.workflow.name == WORKFLOW_NAME
    task_state = page.current_workflow_task_state
    assert task_state.task.name == TASK_NAME
    # The team cannot approve its own draft.
    assert task_state.task.specific.get_actions(page, team_member) == []
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    client.force_login(editor)
    assert task_state.task.specific.get_actions(page, editor)
    response = client.post(approve, {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "Zur Freigabe"


# --- (f) the setup view -------------------------------------------------------------------


@pytest.mark.django_db
def test_setup_view_is_forbidden_for_the_team(client, councils, team_a, team_member):
    client.force_login(team_member)
    assert client.get(SETUP_URL).status_code in (302, 403)
    response = client.post(SETUP_URL, {"council": councils["b"].pk, "users": [team_member.pk]})
    assert response.status_code in (302, 403)
    assert not councils["b"].permissions_for_user(team_member).can_add_subpage()
    assert SETUP_URL not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_editor_sets_up_a_team_in_the_admin(client, councils, editor, django_user_model,
                                            django_capture_on_commit_callbacks):
    council_en = translate_to_english(councils["b"], django_capture_on_commit_callbacks)
    member = UserFactory(username="team-b")
    client.force_login(editor)
    assert SETUP_URL in client.get("/admin/").content.decode()  # menu item under Settings
    response = client.get(SETUP_URL)
    assert response.status_code == 200 and 'name="council"' in response.content.decode()

    # Choosing the English page sets up the team of the council as a whole.
    response = client.post(SETUP_URL, {"council": council_en.pk, "name": "", "users": [member.pk]},
                           follow=True)
    assert response.status_code == 200
    group = Group.objects.get(name="MdB-Team: Thema B (11)")
    assert "MdB-Team: Thema B (11)" in response.content.decode()  # success message
    assert member.groups.filter(pk=group.pk).exists()
    for page in (councils["b"], council_en):
        perms = page.permissions_for_user(member)
        assert perms.can_add_subpage() and not perms.can_publish_subpage()
    entry = PageLogEntry.objects.get(action="councils.team_setup")
    assert entry.page_id == councils["b"].pk and entry.user == editor
    assert entry.data["group"] == group.name and entry.data["users"] == ["team-b"]
    assert "MdB-Team: Thema B (11)" in entry.message


@pytest.mark.django_db
def test_setup_view_rejects_a_page_that_is_not_a_council(client, de_home, editor):
    client.force_login(editor)
    response = client.post(SETUP_URL, {"council": de_home.pk, "name": "X"})
    assert response.status_code == 200
    assert not Group.objects.filter(name="X").exists()
