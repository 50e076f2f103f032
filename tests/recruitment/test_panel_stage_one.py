"""Two-stage selection, stage one: the sample of letters is apportioned over the cohorts in proportion
to the register, drawn with the usual verifiable ranking; the response page asks for the configured
features with consent and a privacy notice; the yes-answers become the panel's volunteers."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from recruitment.logic import codes
from recruitment.logic import stage_one as logic
from recruitment.models import Invitation
from recruitment.services import cases, draw, invitations, letters, panel, stage_one
from recruitment.services.audit import RecruitmentError

from ..pdfs import pdf_text

FEATURES = "Bildung: Hauptschule; Realschule; Abitur; Hochschule\nHerkunft: mit Migrationsgeschichte; ohne"


def test_the_sample_is_apportioned_in_proportion_to_the_cohorts():
    assert logic.sample_seats(2000, {"16-29": 1500, "30-59": 5000, "60+": 3500}) == {
        "16-29": 300, "30-59": 1000, "60+": 700}
    seats = logic.sample_seats(7, {"a": 10, "b": 10, "c": 10})
    assert sum(seats.values()) == 7 and seats == {"a": 3, "b": 2, "c": 2}
    with pytest.raises(ValueError):
        logic.sample_seats(31, {"a": 10, "b": 10, "c": 10})


@pytest.mark.parametrize(("text", "code", "line"), [
    ("Bildung Abitur; Hochschule", "shape", 1),
    ("Bildung: Abitur", "shape", 1),
    ("Alter: jung; alt", "name", 1),
    ("Bildung: a; b\nBildung: c; d", "name", 2),
    ("Bildung: a; a", "values", 1),
])
def test_a_broken_feature_configuration_names_its_line(text, code, line):
    with pytest.raises(logic.ConfigError) as info:
        logic.parse_features(text)
    assert (info.value.code, info.value.line) == (code, line)


def test_features_come_from_the_register_and_the_answer():
    config = logic.parse_features(FEATURES)
    assert logic.features_of("30-59", "w", {"Bildung": "Abitur", "Herkunft": "ohne"}, config) == {
        "Alter": "30-59", "Geschlecht": "weiblich", "Bildung": "Abitur", "Herkunft": "ohne"}
    assert logic.features_of("30-59", "w", {"Bildung": "Abitur"}, config) is None


@pytest.fixture
def sampled(imported):
    imported.two_stage, imported.seats, imported.panel_features = True, 10, FEATURES
    imported.save()
    stage_one.plan_sample(imported, 120)
    imported.refresh_from_db()
    return imported


@pytest.mark.django_db
def test_the_sample_sets_the_letters_and_the_draw_invites_exactly_them(sampled):
    counts = cases.pool_counts(sampled)
    seats = {c.label: c.seats for c in sampled.cohorts.all()}
    assert sum(seats.values()) == 120 == sampled.sample_size
    assert seats == logic.sample_seats(120, dict(counts))
    draw.draw(sampled, "Stufe eins", "Test")
    assert Invitation.objects.filter(case=sampled).count() == 120
    assert draw.verify(sampled).ok
    with pytest.raises(RecruitmentError, match="schon gezogen"):
        stage_one.plan_sample(sampled, 100)


@pytest.mark.django_db
def test_a_sample_larger_than_the_pool_is_refused_and_changes_nothing(sampled):
    before = {c.label: c.seats for c in sampled.cohorts.all()}
    with pytest.raises(RecruitmentError, match="zwischen 1 und"):
        stage_one.plan_sample(sampled, 100000)
    assert {c.label: c.seats for c in sampled.cohorts.all()} == before


@pytest.fixture
def answered(sampled, client):
    for cache in caches.all():
        cache.clear()
    draw.draw(sampled, "Stufe eins", "Test")
    answers = list(invitations.active_invitations(sampled)[:14])
    for index, invitation in enumerate(answers):
        code = codes.formatted(invitations.issue_code(invitation))
        data = {"answer": "accept", "email": "ja@example.org", "consent_data": "on",
                "feature_0": ["Hauptschule", "Realschule", "Abitur", "Hochschule"][index % 4],
                "feature_1": "ohne" if index % 3 else "mit Migrationsgeschichte"}
        if index != 13:  # the last one gives no consent to the features: not in the pool
            data["consent_panel"] = "on"
        response = client.post(f"/de/antwort/{code}/", data)
        assert response.status_code == (200 if index == 13 else 302)
        if index == 13:
            assert "Für eine Zusage brauchen wir diese Einwilligung." in response.content.decode()
    return sampled


@pytest.mark.django_db
def test_the_response_page_asks_for_the_features_with_a_privacy_notice(sampled, client):
    draw.draw(sampled, "Stufe eins", "Test")
    invitation = invitations.active_invitations(sampled).first()
    url = f"/de/antwort/{codes.formatted(invitations.issue_code(invitation))}/"
    page = client.get(url).content.decode()
    assert "Datenschutz:" in page and "Bildung" in page and "Hochschule" in page and "Herkunft" in page
    assert "nie Ihr Name und nie Ihre Antworten" in page
    response = client.post(url, {"answer": "accept", "email": "ja@example.org", "consent_data": "on"})
    assert response.status_code == 200 and "Bitte wählen Sie eine Antwort." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.PENDING


@pytest.mark.django_db
def test_the_yes_answers_become_the_volunteers_and_the_panel_is_drawn_from_them(answered, client, manager_75):
    client.force_login(manager_75)
    response = client.post(reverse("recruitment:panel_from_answers", args=[answered.pk]), follow=True)
    assert "13 Zusagen als Rückmeldungen übernommen." in response.content.decode()
    people = list(answered.respondents.all())
    assert len(people) == 13 and {"Alter", "Geschlecht", "Bildung", "Herkunft"} == set(people[0].features)
    person_keys = set(answered.persons.values_list("person_key", flat=True))
    assert all(len(r.respondent_id) == 16 and r.respondent_id not in person_keys for r in people)
    assert all(r.household == "" or r.household.startswith("h") for r in people)
    quotas = "feature,value,min,max\nGeschlecht,weiblich,0,5\nGeschlecht,männlich,0,5\nGeschlecht,divers,0,5\n"
    panel.save_quotas(answered, quotas)
    answered.refresh_from_db()
    selection = panel.select(answered, answered.panel_quotas, "42", "Test", panels=10, method="maximin")
    assert len(selection.chosen) == 10 and set(selection.chosen) <= {r.respondent_id for r in people}


@pytest.mark.django_db
def test_a_yes_taken_by_phone_carries_the_features_too(sampled, client, manager_75):
    draw.draw(sampled, "Stufe eins", "Test")
    invitation = invitations.active_invitations(sampled).first()
    client.force_login(manager_75)
    url = reverse("recruitment:respond", args=[sampled.pk, invitation.pk])
    assert "Herkunft" in client.get(url).content.decode()
    client.post(url, {"channel": "phone", "answer": "accept", "consent_data": "on", "phone": "0000 1",
                      "feature_0": "Abitur", "feature_1": "ohne", "consent_panel": "on"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.ACCEPTED and invitation.consent_panel
    assert invitation.panel_features == {"Bildung": "Abitur", "Herkunft": "ohne"}
    assert stage_one.respondents_from_answers(sampled) == (1, 0)


@pytest.mark.django_db
def test_the_council_page_shows_the_funnel_from_letters_to_panel_and_no_id(answered, client):
    from django.utils import timezone

    Invitation.objects.filter(case=answered).update(letter_sent_at=timezone.now())  # the letters were made
    declined = Invitation.objects.filter(case=answered, status=Invitation.PENDING).order_by("pk")[0]
    Invitation.objects.filter(pk=declined.pk).update(status=Invitation.DECLINED)
    stage_one.respondents_from_answers(answered)
    panel.freeze(answered)
    page = client.get(answered.council.url).content.decode()
    assert "Vom Brief zum Panel" in page
    for label, number in (("Briefe an die Stichprobe", 120), ("Antworten", 14),
                          ("Zusagen mit Angaben für die Quoten", 13), ("Plätze im Panel", 10)):
        assert f'<th scope="row">{label}</th><td>{number}</td>' in page
    assert not any(r.respondent_id in page for r in answered.respondents.all())


@pytest.mark.django_db
def test_the_manager_downloads_the_drawn_panel_with_contacts_and_it_is_logged(answered, client, manager_75):
    from wagtail.models import ModelLogEntry

    stage_one.respondents_from_answers(answered)
    panel.save_quotas(answered, "feature,value,min,max\nGeschlecht,weiblich,0,10\nGeschlecht,männlich,0,10\n"
                                "Geschlecht,divers,0,10\n")
    answered.refresh_from_db()
    selection = panel.select(answered, answered.panel_quotas, "42", "Test", panels=10, method="maximin")
    client.force_login(manager_75)
    page = client.get(reverse("recruitment:panel", args=[answered.pk])).content.decode()
    url = reverse("recruitment:panel_export", args=[answered.pk, "kontakte"])
    assert url in page
    lines = client.get(url).content.decode().splitlines()
    assert lines[0].startswith("id,given_names,family_name") and len(lines) == 11
    chosen = answered.respondents.get(respondent_id=selection.chosen[0])
    assert chosen.invitation.placement.person.family_name in "\n".join(lines)
    assert ModelLogEntry.objects.filter(object_id=str(answered.pk), data__what="contacts").exists()


@pytest.mark.django_db
def test_a_stage_one_letter_asks_to_volunteer_and_says_the_panel_is_drawn_later(sampled):
    draw.draw(sampled, "Stufe eins", "Test")
    invitation = Invitation.objects.filter(case=sampled).select_related("placement__person").first()
    context = letters.letter_context(letters.shared_context(sampled), invitation.placement.person, "ABCDEFGHJKMNP")
    document = letters.render_letter(context)
    assert len(document.pages) == 1  # the longer text still fits the one page of a German-only letter
    text = " ".join(pdf_text(document.write_pdf()).split())
    assert "Ihre Chance auf einen Platz im Wahlkreisrat" in text
    assert "rund 120 Personen" in text and "losen wir 10 Teilnehmende aus" in text
    assert "Einladung zum Wahlkreisrat am" not in text
