"""Reminders to MdB teams (councils/reminders.py, `manage.py remind_followups`): an e-mail to the
team and the editors 14 days before a follow-up is due and once it is overdue, sent once each."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from councils import reminders
from councils.logic.reminders import DUE_SOON, OVERDUE, reminder_kind
from councils.models import CouncilPage, FollowUpReminder
from councils.teams import EDITORS_GROUP, setup_team
from tests.factories import (
    CouncilPageFactory,
    FollowUpPageFactory,
    RecommendationFactory,
    RecommendationStatusFactory,
    UserFactory,
)

DUE = datetime.date(2026, 11, 12)  # CouncilPageFactory: workshop on 12 September 2026


# --- which reminder on which day (no database) --------------------------------------------------


@pytest.mark.parametrize(("today", "sent", "expected"), [
    ("2026-10-28", (), None),               # 15 days before: nothing yet
    ("2026-10-29", (), DUE_SOON),           # 14 days before
    ("2026-11-11", (), DUE_SOON),           # a missed cron day is caught up
    ("2026-11-11", (DUE_SOON,), None),      # sent once
    ("2026-11-12", (DUE_SOON,), OVERDUE),   # on the due day
    ("2027-01-05", (), OVERDUE),            # long after
    ("2027-01-05", (DUE_SOON, OVERDUE), None),
])
def test_reminder_kind_by_day(today, sent, expected):
    assert reminder_kind(DUE, datetime.date.fromisoformat(today), open_count=2, already_sent=sent) == expected


def test_no_reminder_when_every_recommendation_has_a_status():
    assert reminder_kind(DUE, datetime.date(2026, 10, 30), open_count=0) is None
    assert reminder_kind(DUE, datetime.date(2026, 12, 30), open_count=0) is None


# --- the council, its team and the editors --------------------------------------------------------


@pytest.fixture
def council(constituency):
    page = CouncilPageFactory(parent=constituency, title="Thema Erinnerung", slug="thema-erinnerung")
    answered = RecommendationFactory(page=page, title="Radwege ausbauen")
    RecommendationFactory(page=page, title="Bürgerbus am Wochenende")
    page.save_revision().publish()
    follow_up = FollowUpPageFactory(parent=page, slug="rueckmeldung-1", publish=True)
    RecommendationStatusFactory(page=follow_up, recommendation=answered)
    return CouncilPage.objects.get(pk=page.pk)


@pytest.fixture
def team_member(council):
    member = UserFactory(username="team-erinnerung", email="team@example.org")
    setup_team(council, users=[member])
    return member


@pytest.fixture
def redakteurin(db):
    return UserFactory(username="redakteurin", email="redaktion@example.org", groups=[EDITORS_GROUP])


def ours(items, council):
    return [r for r in items if r.council.pk == council.pk]


def our_mail(council):
    return [m for m in mail.outbox if council.title in m.subject]


@pytest.mark.today("2026-10-29")
def test_due_soon_reminder_lists_recommendations_without_status(council, team_member, redakteurin):
    [reminder] = ours(reminders.due_reminders(), council)
    assert reminder.kind == DUE_SOON and reminder.due == DUE
    assert [r.title for r in reminder.open_recommendations] == ["Bürgerbus am Wochenende"]
    assert reminder.team == ["team@example.org"]
    assert "redaktion@example.org" in reminder.editors


@pytest.mark.today("2026-10-28")
def test_no_reminder_15_days_before(council, team_member):
    assert ours(reminders.due_reminders(), council) == []


@pytest.mark.today("2026-11-13")
def test_overdue_after_the_due_day_even_without_the_first_reminder(council, team_member):
    [reminder] = ours(reminders.due_reminders(), council)
    assert reminder.kind == OVERDUE


@pytest.mark.today("2026-11-13")
def test_a_status_on_a_draft_follow_up_does_not_count(council, team_member):
    rec = council.recommendations.get(title="Bürgerbus am Wochenende")
    draft = FollowUpPageFactory(parent=council, slug="entwurf", live=False)
    RecommendationStatusFactory(page=draft, recommendation=rec)
    [reminder] = ours(reminders.due_reminders(), council)
    assert [r.title for r in reminder.open_recommendations] == ["Bürgerbus am Wochenende"]


@pytest.mark.today("2026-11-13")
def test_no_reminder_once_every_recommendation_has_a_status(council, team_member):
    follow_up = FollowUpPageFactory(parent=council, slug="rueckmeldung-2", publish=True)
    RecommendationStatusFactory(page=follow_up, recommendation=council.recommendations.get(title__startswith="Bürger"))
    assert ours(reminders.due_reminders(), council) == []


@pytest.mark.today("2026-10-29")
def test_command_mails_team_and_editors_once(council, team_member, redakteurin):
    out = io.StringIO()
    call_command("remind_followups", stdout=out)
    [message] = our_mail(council)
    assert message.to == ["team@example.org"]
    assert "redaktion@example.org" in message.cc
    assert message.subject == "Rückmeldung fällig am 12. November 2026: Thema Erinnerung"
    assert "Bürgerbus am Wochenende" in message.body
    assert "Radwege ausbauen" not in message.body  # it has a status
    assert f"/admin/pages/add/councils/followuppage/{council.pk}/" in message.body
    assert "due_soon: Thema Erinnerung" in out.getvalue()
    assert out.getvalue().splitlines()[-1].startswith("remind_followups: ")

    # cron runs again the same day and the next: nothing new
    again = io.StringIO()
    call_command("remind_followups", stdout=again)
    assert again.getvalue().splitlines()[-1] == "remind_followups: 0 reminder(s) sent, 0 skipped."
    assert len(our_mail(council)) == 1
    assert FollowUpReminder.objects.filter(council_key=council.translation_key, kind=DUE_SOON).count() == 1


@pytest.mark.today("2026-10-29")
def test_overdue_reminder_follows_the_first_one(council, team_member, clock):
    call_command("remind_followups", stdout=io.StringIO())
    clock.shift(datetime.timedelta(days=14))  # 12 November: the due day
    call_command("remind_followups", stdout=io.StringIO())
    subjects = [m.subject for m in our_mail(council)]
    assert subjects == ["Rückmeldung fällig am 12. November 2026: Thema Erinnerung",
                        "Rückmeldung überfällig seit 12. November 2026: Thema Erinnerung"]


@pytest.mark.today("2026-10-29")
def test_dry_run_sends_and_records_nothing(council, team_member):
    out = io.StringIO()
    call_command("remind_followups", "--dry-run", stdout=out)
    assert "would send due_soon: Thema Erinnerung" in out.getvalue()
    assert "team@example.org" in out.getvalue()
    assert out.getvalue().splitlines()[-1].startswith("remind_followups (dry run): ")
    assert mail.outbox == []
    assert not FollowUpReminder.objects.exists()


@pytest.mark.today("2026-10-29")
def test_without_team_the_editors_get_the_reminder(council, redakteurin):
    call_command("remind_followups", stdout=io.StringIO())
    [message] = our_mail(council)
    assert "redaktion@example.org" in message.to
    assert message.cc == []
