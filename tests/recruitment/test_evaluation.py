"""Evaluation and funnel: single-use anonymous tokens, the questionnaire, aggregates with k-anonymity,
publishing to the council page, the funnel by cohort and sex, and the public composition surviving
the purge. Every person here is synthetic (the demo pool and the tests' synthetic extracts)."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from councils.models import CouncilPage, PublicRecord
from recruitment.logic import codes
from recruitment.models import EvaluationResponse, EvaluationToken, Invitation, Person
from recruitment.services import audit, draw, evaluation, retention
from recruitment.services import invitations as invitation_service

pytestmark = pytest.mark.django_db

INVALID = "Dieser Zugangscode ist nicht (mehr) gültig"
ENTRY_URL = "/de/bewertung/"
PARTICIPANT, MDB_TEAM = evaluation.PARTICIPANT, evaluation.MDB_TEAM
COMMENT = "Geheimer Kommentar Quokka-7"


@pytest.fixture(autouse=True)
def clear_cache():
    for cache in caches.all():  # the page caches and the attempt counters ("ratelimit")
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


def attend(case, count, with_email=lambda i: i % 3 != 0):
    """The first ``count`` invitations of the case accepted and checked in; some with an e-mail."""
    invitations = list(invitation_service.active_invitations(case)[:count])
    for i, invitation in enumerate(invitations):
        Invitation.objects.filter(pk=invitation.pk).update(
            status=Invitation.ACCEPTED, checked_in_at=timezone.now(),
            email=f"teilnahme{i}@example.org" if with_email(i) else "")
    return invitations


def answers(role, value):
    return {key: value for key, _text in evaluation.questions(role)}


def respond(case, role, values, comment=""):
    for value, token in zip(values, evaluation.issue_tokens(case, role, len(values)), strict=True):
        evaluation.submit(token, answers(role, value), comment)


def form_url(token):
    return reverse("recruitment_public:evaluation_form", args=[codes.formatted(token)])


def form_data(role, value="4", **extra):
    data = {f"q_{key}": value for key, _text in evaluation.questions(role)}
    data.update(extra)
    return data


def hold_workshop(case, days_ago=30):
    CouncilPage.objects.filter(translation_key=case.council_key).update(
        date=timezone.localdate() - datetime.timedelta(days=days_ago))
    case.refresh_from_db()


# --- tokens ---------------------------------------------------------------------------------------


def test_tokens_are_stored_hashed_in_their_own_domain_and_used_once(drawn):
    token, = evaluation.issue_tokens(drawn, PARTICIPANT, 1)
    stored = EvaluationToken.objects.get(case=drawn)
    assert stored.token_hash == evaluation.token_hash(token) != codes.code_hash(token)
    assert token not in stored.token_hash and not stored.used
    assert evaluation.find_open_token(codes.formatted(token).lower()) == stored
    response = evaluation.submit(token, answers(PARTICIPANT, 5), "gut")
    stored.refresh_from_db()
    assert stored.used and response.answers == answers(PARTICIPANT, 5)
    assert evaluation.find_open_token(token) is None
    with pytest.raises(audit.RecruitmentError):
        evaluation.submit(token, answers(PARTICIPANT, 1))
    assert EvaluationResponse.objects.filter(case=drawn).count() == 1


def test_a_response_code_is_never_an_evaluation_token(drawn):
    invitation = invitation_service.active_invitations(drawn).first()
    code = invitation_service.issue_code(invitation)
    assert evaluation.find_open_token(code) is None
    with pytest.raises(audit.RecruitmentError):
        evaluation.submit(code, {})


def test_answers_are_checked_against_the_role_and_the_scale(drawn):
    team, = evaluation.issue_tokens(drawn, MDB_TEAM, 1)
    participant, = evaluation.issue_tokens(drawn, PARTICIPANT, 1)
    with pytest.raises(audit.RecruitmentError):
        evaluation.submit(team, {"heard": 3})  # a participants' question
    with pytest.raises(audit.RecruitmentError):
        evaluation.submit(participant, {"heard": 6})
    with pytest.raises(audit.RecruitmentError):
        evaluation.submit(participant, {"heard": 3}, role=MDB_TEAM)
    assert not EvaluationToken.objects.filter(used=True).exists()  # nothing used by a refused answer
    evaluation.submit(team, {"learnt": "4", "usable": ""})
    assert EvaluationResponse.objects.get(role=MDB_TEAM).answers == {"learnt": 4}


def test_tokens_and_responses_link_to_nobody():
    relations = lambda model: sorted(f.name for f in model._meta.get_fields() if f.is_relation)  # noqa: E731
    assert relations(EvaluationToken) == ["case"]
    assert relations(EvaluationResponse) == ["case"]
    assert EvaluationResponse._meta.get_field("submitted_on").get_internal_type() == "DateField"


# --- handing out ---------------------------------------------------------------------------------


def test_participants_with_an_email_get_a_link_of_their_own_and_nothing_links_it_to_them(drawn, manager_75):
    came = attend(drawn, 9)
    result = evaluation.send_participant_invitations(drawn)
    assert result == {"sent": 6, "failed": 0, "without_email": 3}
    assert len(mail.outbox) == 6 and all(len(m.to) == 1 for m in mail.outbox)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.email for i in Invitation.objects.filter(
        pk__in=[c.pk for c in came]).exclude(email=""))
    tokens = []
    for message in mail.outbox:
        link = next(line for line in message.body.splitlines() if "/bewertung/" in line and "://" in line)
        assert link.startswith("http") and drawn.council.title in message.body
        token = link.rstrip("/").rsplit("/", 1)[1]
        assert evaluation.find_open_token(token) is not None
        tokens.append(codes.normalise(token))
    assert len(set(tokens)) == 6 and EvaluationToken.objects.filter(case=drawn, role=PARTICIPANT).count() == 6
    # Nothing stored about a person holds the token or its hash.
    hashes = [evaluation.token_hash(t) for t in tokens]
    stored = [json.dumps(list(Invitation.objects.filter(case=drawn).values()), default=str),
              json.dumps(list(Person.objects.filter(case=drawn).values()), default=str),
              json.dumps(list(ModelLogEntry.objects.values_list("data", flat=True)), default=str)]
    for secret in tokens + hashes + [codes.formatted(t) for t in tokens]:
        assert not any(secret in text for text in stored)
    # Once only: a second mailing would give everyone a second vote.
    with pytest.raises(audit.RecruitmentError, match="schon"):
        evaluation.send_participant_invitations(drawn)
    assert len(mail.outbox) == 6


def test_printed_tokens_and_team_links_are_counted_only(drawn, manager_75):
    printed = evaluation.issue_print_tokens(drawn, 3, manager_75)
    team = evaluation.issue_team_tokens(drawn, 2, manager_75)
    assert len(set(printed + team)) == 5
    assert evaluation.token_counts(drawn) == {PARTICIPANT: {"issued": 3, "used": 0},
                                              MDB_TEAM: {"issued": 2, "used": 0}}
    entries = ModelLogEntry.objects.filter(action=audit.ACTION_EVALUATION_TOKENS, object_id=str(drawn.pk))
    assert sorted(e.data["count"] for e in entries) == [2, 3]
    assert all(token not in json.dumps(e.data) for e in entries for token in printed + team)


# --- the public questionnaire --------------------------------------------------------------------


def test_the_questionnaire_is_accessible_and_shows_only_the_council(client, drawn):
    attend(drawn, 3)
    token, = evaluation.issue_tokens(drawn, PARTICIPANT, 1)
    entry = client.get(ENTRY_URL)
    assert entry.status_code == 200 and 'name="csrfmiddlewaretoken"' in entry.content.decode()
    response = client.post(ENTRY_URL, {"token": codes.formatted(token).lower().replace("-", " ")})
    assert response.status_code == 302 and response["Location"] == form_url(token)
    page = client.get(form_url(token))
    html = page.content.decode()
    assert drawn.council.title in html and 'name="referrer" content="same-origin"' in html
    assert html.count("<fieldset") == html.count("<legend>") == len(evaluation.questions(PARTICIPANT))
    assert "trifft voll zu" in html and "keine Angabe" in html and "<script" not in html.split("<main", 1)[-1]
    for person in Person.objects.filter(placements__invitation__checked_in_at__isnull=False):
        assert person.family_name not in html and person.given_names.split(" ")[0] not in html
    # An empty answer: an error summary linking to the first option of each question.
    empty = client.post(form_url(token), {})
    text = empty.content.decode()
    assert empty.status_code == 200 and 'id="error-summary"' in text and 'role="alert"' in text
    assert 'href="#id_q_heard_0"' in text and 'id="id_q_heard_0"' in text
    assert not EvaluationResponse.objects.exists()


def test_answering_stores_an_anonymous_response_and_thanks(client, drawn):
    token, = evaluation.issue_tokens(drawn, PARTICIPANT, 1)
    response = client.post(form_url(token), form_data(PARTICIPANT, "5", q_results="na", comment=COMMENT))
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment_public:evaluation_done")
    stored = EvaluationResponse.objects.get(case=drawn)
    assert stored.role == PARTICIPANT and "results" not in stored.answers and stored.answers["heard"] == 5
    assert stored.comment == COMMENT and stored.submitted_on == timezone.localdate()
    assert "Vielen Dank" in client.get(response["Location"]).content.decode()
    # used now: the same neutral message as for a wrong code
    used = client.get(form_url(token))
    wrong = client.get("/de/bewertung/ABCD-EFGH-JKMNP/")
    assert used.status_code == wrong.status_code == 200
    assert INVALID in used.content.decode() and INVALID in wrong.content.decode()
    assert INVALID in client.post(ENTRY_URL, {"token": token}).content.decode()
    assert INVALID in client.post(form_url(token), form_data(PARTICIPANT)).content.decode()
    assert EvaluationResponse.objects.count() == 1


def test_the_team_gets_its_own_questions(client, drawn):
    token, = evaluation.issue_tokens(drawn, MDB_TEAM, 1)
    html = client.get(form_url(token)).content.decode()
    assert "verwertbar" in html and "gehört gefühlt" not in html
    assert client.post(form_url(token), form_data(MDB_TEAM, "3")).status_code == 302
    assert EvaluationResponse.objects.get().role == MDB_TEAM


def test_the_questionnaire_in_english(client, drawn):
    token, = evaluation.issue_tokens(drawn, PARTICIPANT, 1)
    with translation.override("en"):
        url = form_url(token)
        entry = reverse("recruitment_public:evaluation_code")
    assert url.startswith("/en/") and entry.startswith("/en/")
    page = client.get(url)
    assert page.status_code == 200
    english = CouncilPage.objects.get(translation_key=drawn.council_key, locale__language_code="en")
    assert english.title in page.content.decode()
    assert client.post(url, form_data(PARTICIPANT)).status_code == 302


def test_wrong_tokens_are_rate_limited_per_ip_with_the_response_page(client, settings, drawn):
    settings.RECRUITMENT_RESPONSE_ATTEMPTS = 3
    token, = evaluation.issue_tokens(drawn, PARTICIPANT, 1)
    assert "nicht (mehr) gültig" in client.post("/de/antwort/", {"code": "ZZZZ-ZZZZ-ZZZZZ"}).content.decode()
    for _ in range(2):
        assert INVALID in client.post(ENTRY_URL, {"token": "ZZZZ-ZZZZ-ZZZZZ"}).content.decode()
    blocked = client.post(ENTRY_URL, {"token": token})
    assert blocked.status_code == 429 and blocked["Retry-After"]
    assert client.get(form_url(token)).status_code == 429
    assert client.post(ENTRY_URL, {"token": token}, REMOTE_ADDR="10.9.8.7").status_code == 302


def test_the_questionnaire_is_csrf_protected(drawn):
    from django.test import Client

    token, = evaluation.issue_tokens(drawn, PARTICIPANT, 1)
    assert Client(enforce_csrf_checks=True).post(form_url(token), form_data(PARTICIPANT)).status_code == 403


# --- aggregates and publishing -------------------------------------------------------------------


def test_aggregates_are_suppressed_below_five_responses(drawn):
    respond(drawn, PARTICIPANT, [5, 4, 4, 2], comment=COMMENT)
    result = evaluation.aggregate(drawn)
    assert result[PARTICIPANT]["n"] == 4 and result[PARTICIPANT]["suppressed"]
    assert result[PARTICIPANT]["questions"] == [] and result[PARTICIPANT]["comments"] == []
    with pytest.raises(audit.RecruitmentError, match="Zu wenige"):
        evaluation.publish(drawn)
    respond(drawn, PARTICIPANT, [3])
    result = evaluation.aggregate(drawn)[PARTICIPANT]
    heard = result["questions"][0]
    assert not result["suppressed"] and heard["n"] == 5 and heard["mean"] == 3.6
    assert heard["distribution"] == [0, 1, 1, 2, 1]
    assert result["comments"] == [COMMENT] * 4
    assert evaluation.aggregate(drawn)[MDB_TEAM]["suppressed"]


def test_a_question_with_fewer_than_five_answers_is_suppressed(drawn):
    tokens = evaluation.issue_tokens(drawn, PARTICIPANT, 6)
    for i, token in enumerate(tokens):
        given = answers(PARTICIPANT, 4)
        if i < 2:
            given.pop("dialogue")  # "keine Angabe"
        evaluation.submit(token, given)
    questions = {q["key"]: q for q in evaluation.aggregate(drawn)[PARTICIPANT]["questions"]}
    assert questions["dialogue"]["n"] == 4 and questions["dialogue"]["suppressed"]
    assert questions["dialogue"]["mean"] is None and questions["heard"]["mean"] == 4.0


def test_publish_writes_aggregates_without_comments_and_the_page_shows_them(client, drawn, manager_75):
    respond(drawn, PARTICIPANT, [5, 5, 4, 4, 3, 1], comment=COMMENT)
    respond(drawn, MDB_TEAM, [4, 4])
    evaluation.publish(drawn, manager_75)
    record = PublicRecord.objects.get(council_key=drawn.council_key)
    published = json.dumps(record.evaluation, ensure_ascii=False)
    assert COMMENT not in published and "comment" not in published
    participants, team = record.evaluation["roles"]
    assert participants["n"] == 6 and participants["questions"][0]["mean"] == 3.7
    assert team == {"role": MDB_TEAM, "label": evaluation.ROLE_LABELS[MDB_TEAM], "suppressed": True}
    german = client.get(drawn.council.url).content.decode()
    english_page = CouncilPage.objects.get(translation_key=drawn.council_key, locale__language_code="en")
    english = client.get(english_page.url).content.decode()
    for html in (german, english):
        section = html.split('id="evaluation"')[1].split("</section>")[0]
        assert "3,7" in section or "3.7" in section
        assert "<caption" in section and 'scope="row"' in section and "<td>6</td>" in section
        assert COMMENT not in html
    assert "zu wenige Antworten" in german.split('id="evaluation"')[1]
    entry = ModelLogEntry.objects.get(action=audit.ACTION_EVALUATION_PUBLISH, object_id=str(drawn.pk))
    assert entry.data == {"count": 8, "participants": 6, "mdb_team": 2}
    evaluation.unpublish(drawn, manager_75)
    record.refresh_from_db()
    assert record.evaluation == {}
    assert 'id="evaluation"' not in client.get(drawn.council.url).content.decode()


# --- funnel and composition ---------------------------------------------------------------------


def _expected(invitations, cohort_id, predicate):
    counts = dict.fromkeys(evaluation.SEXES, 0)
    for invitation in invitations:
        if invitation.draw_cohort_id == cohort_id and predicate(invitation):
            counts[evaluation.sex_key(invitation.placement.person.sex)] += 1
    return counts


def test_funnel_counts_by_cohort_and_sex(imported):
    the_draw = draw.draw(imported, "1-2-3", "Würfel")
    first = the_draw.cohorts.order_by("sort_order").first()
    a, b, c, d = list(first.invitations.order_by("position")[:4])
    invitation_service.set_status(a, Invitation.DECLINED)
    invitation_service.replace(a)  # a fifth invitation in this cohort
    for invitation in (b, c, d):
        invitation_service.set_status(invitation, Invitation.ACCEPTED)
    Invitation.objects.filter(pk__in=[b.pk, c.pk]).update(checked_in_at=timezone.now())
    Person.objects.filter(pk=d.placement.person_id).update(sex="x")

    data = evaluation.funnel(imported)
    row = data["cohorts"][0]
    invitations = list(Invitation.objects.filter(case=imported).select_related("placement__person"))
    assert row["label"] == first.label
    assert row["stages"]["pool"]["total"] == first.pool_size == sum(row["stages"]["pool"]["by_sex"].values())
    assert row["stages"]["invited"]["total"] == first.seats + 1
    assert row["stages"]["invited"]["by_sex"] == _expected(invitations, first.pk, lambda i: True)
    assert row["stages"]["accepted"]["by_sex"] == _expected(invitations, first.pk,
                                                            lambda i: i.pk in (b.pk, c.pk, d.pk))
    assert row["stages"]["attended"]["by_sex"] == _expected(invitations, first.pk,
                                                            lambda i: i.pk in (b.pk, c.pk))
    assert row["stages"]["accepted"]["by_sex"]["x"] >= 1  # "x" is its own group, not "divers"
    cohorts = list(the_draw.cohorts.all())
    assert data["totals"] == {"pool": sum(c.pool_size for c in cohorts), "invited": imported.seats + 1,
                              "accepted": 3, "attended": 2}
    for other in data["cohorts"][1:]:
        assert other["stages"]["attended"]["total"] == 0


def test_publish_composition_feeds_the_public_chart_and_survives_the_purge(client, drawn, manager_75):
    with pytest.raises(audit.RecruitmentError, match="angekommen"):
        evaluation.publish_composition(drawn)
    came = attend(drawn, 20)
    hold_workshop(drawn)
    record = evaluation.publish_composition(drawn, manager_75)
    composition = record.composition
    assert record.participant_count == 20
    assert [c["label"] for c in composition["cohorts"]] == [c.label for c in drawn.active_draw.cohorts.all()]
    assert sum(sum(c["counts"].values()) for c in composition["cohorts"]) == 20
    assert sum(f["attended"] for f in composition["funnel"]) == 20
    assert sum(f["invited"] for f in composition["funnel"]) == drawn.seats
    assert all(set(c["counts"]) == set(evaluation.SEXES) for c in composition["cohorts"])
    shares = [c["official_share"] for c in composition["cohorts"]]
    assert all(s is not None for s in shares) and abs(sum(shares) - 100) < 0.5
    text = json.dumps(composition, ensure_ascii=False)
    for invitation in came[:5]:
        assert invitation.placement.person.family_name not in text
    entry = ModelLogEntry.objects.get(action=audit.ACTION_COMPOSITION_PUBLISH, object_id=str(drawn.pk))
    assert entry.data == {"count": 20, "invited": drawn.seats, "accepted": 20}

    html = client.get(drawn.council.url).content.decode()
    section = html.split('id="zusammensetzung"')[1].split("</section>")[0]
    assert "<svg" in section and "Vom Pool zur Teilnahme" in section
    assert "<td>1</td>" not in section and "<td>2</td>" not in section  # small cells are suppressed

    # The purge publishes once more (the workshop took place) and the figures stay.
    record.composition = {}
    record.save()
    retention.purge(drawn, manager_75)
    assert not Invitation.objects.filter(case=drawn).exists()
    record.refresh_from_db()
    assert record.participant_count == 20 and sum(f["attended"] for f in record.composition["funnel"]) == 20
    after = client.get(drawn.council.url).content.decode()
    assert "Vom Pool zur Teilnahme" in after
    with pytest.raises(audit.RecruitmentError, match="gelöscht"):
        evaluation.publish_composition(drawn)
    data = evaluation.funnel(drawn)
    assert not data["has_people"] and data["cohorts"][0]["stages"]["attended"]["total"] is None


def test_the_purge_before_the_workshop_publishes_nothing(drawn):
    attend(drawn, 5)
    retention.purge(drawn)
    record = PublicRecord.objects.get(council_key=drawn.council_key)
    assert not record.composition.get("funnel")


def test_the_council_page_reads_one_record_for_all_figures(client, drawn):
    def count():
        client.get(drawn.council.url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(drawn.council.url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    attend(drawn, 12)
    hold_workshop(drawn)
    evaluation.publish_composition(drawn)
    respond(drawn, PARTICIPANT, [4] * 6)
    evaluation.publish(drawn)
    assert count() == before


# --- admin ------------------------------------------------------------------------------------------


ADMIN_POSTS = ["evaluation_send", "evaluation_print", "evaluation_team", "evaluation_publish",
               "evaluation_unpublish", "composition_publish"]


def admin_url(name, case):
    return reverse(f"recruitment:{name}", args=[case.pk])




@pytest.mark.parametrize("username", ["redaktion", "mdb-team", None])
def test_editors_mdb_teams_and_anonymous_get_no_evaluation_admin(client, drawn, username):
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    for name in ["evaluation"] + ADMIN_POSTS:
        for method in (client.get, client.post):
            response = method(admin_url(name, drawn), {"count": "1"})
            assert response.status_code in (302, 403), (name, response.status_code)
            if response.status_code == 302:
                assert not response["Location"].startswith("/admin/recruitment"), name
    assert not EvaluationToken.objects.exists() and not mail.outbox


def test_a_manager_of_another_constituency_gets_404(client, drawn, manager_other):
    client.force_login(manager_other)
    for name in ["evaluation"] + ADMIN_POSTS:
        assert client.get(admin_url(name, drawn)).status_code == 404
        assert client.post(admin_url(name, drawn), {"count": "1"}).status_code == 404
    assert not EvaluationToken.objects.exists()


def test_the_manager_hands_out_reads_and_publishes(client, drawn, demo_manager):
    client.force_login(demo_manager)
    attend(drawn, 9)
    page = client.get(admin_url("evaluation", drawn))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vom Pool zur Teilnahme" in html and "ohne Angabe" in html and "Zu wenige Antworten" in html

    assert client.get(admin_url("evaluation_send", drawn)).status_code == 405
    assert client.post(admin_url("evaluation_send", drawn)).status_code == 302
    assert len(mail.outbox) == 6

    sheet = client.post(admin_url("evaluation_print", drawn), {"count": "3"})
    assert sheet.status_code == 200 and "no-store" in sheet["Cache-Control"]
    printed = [codes.normalise(c) for c in re.findall(r'class="code">([A-Z0-9-]+)<', sheet.content.decode())]
    assert len(printed) == 3 and all(evaluation.find_open_token(c) for c in printed)
    assert client.post(admin_url("evaluation_print", drawn), {"count": "0"}).status_code == 302

    links = client.post(admin_url("evaluation_team", drawn), {"count": "1"})
    assert links.status_code == 200 and "no-store" in links["Cache-Control"]
    link = links.context["new_links"][0]
    assert link in links.content.decode() and evaluation.find_open_token(link.rstrip("/").rsplit("/", 1)[1])
    assert evaluation.token_counts(drawn)[MDB_TEAM]["issued"] == 1

    for token in printed:
        evaluation.submit(token, answers(PARTICIPANT, 4), COMMENT)
    respond(drawn, PARTICIPANT, [5, 3])
    results = client.get(admin_url("evaluation", drawn)).content.decode()
    assert COMMENT in results and ("4,0" in results or "4.0" in results)  # comments: admin only
    assert client.post(admin_url("evaluation_publish", drawn)).status_code == 302
    assert PublicRecord.objects.get(council_key=drawn.council_key).evaluation["roles"][0]["n"] == 5
    assert client.post(admin_url("composition_publish", drawn)).status_code == 302
    assert PublicRecord.objects.get(council_key=drawn.council_key).participant_count == 9
    assert client.post(admin_url("evaluation_unpublish", drawn)).status_code == 302
    assert PublicRecord.objects.get(council_key=drawn.council_key).evaluation == {}

    # The audit log: who did what with how many, never an address or a code.
    entries = ModelLogEntry.objects.filter(object_id=str(drawn.pk), action__in=[
        audit.ACTION_EVALUATION_MAIL, audit.ACTION_EVALUATION_TOKENS,
        audit.ACTION_EVALUATION_PUBLISH, audit.ACTION_EVALUATION_UNPUBLISH,
        audit.ACTION_COMPOSITION_PUBLISH])
    assert len({e.action for e in entries}) == 5
    for entry in entries:
        assert entry.user_id == demo_manager.pk
        assert all(isinstance(v, (int, bool)) or v in (PARTICIPANT, MDB_TEAM, "print", "link")
                   for v in entry.data.values()), entry.data
        assert "@" not in json.dumps(entry.data)
    history = client.get(reverse("recruitment:history", args=[drawn.pk])).content.decode()
    assert "E-Mails zur Evaluation verschickt: 6 Personen" in history

