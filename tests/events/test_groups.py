"""Small groups for the moderators: formed from a seed, printable, reassigned by hand."""

import pytest
from django.utils import timezone

from events import engagement
from events.models import Registration, SmallGroup

from .conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


def people(event, n, moderators=0):
    regs = []
    for i in range(n):
        regs.append(Registration.objects.create(
            event=event, name=f"Person {i}", email=f"p{i}@example.org", status=Registration.CONFIRMED,
            consent_at=timezone.now(), confirmed_at=timezone.now(), neighbourhood="Nord" if i % 2 else "Süd",
            is_moderator=i < moderators))
    return regs


def membership(event):
    return {r.name: r.group.number for r in Registration.objects.filter(event=event, group__isnull=False)}


def test_groups_of_four_with_a_moderator_each_reproducible_from_the_seed(make_event):
    event = make_event(capacity=50)
    people(event, 14, moderators=2)
    groups = engagement.form_groups(event, seed="2026")
    assert len(groups) == 3  # 12 participants in groups of 4
    for group in groups:
        members = list(group.members.all())
        assert len([m for m in members if not m.is_moderator]) == 4
    assert sum(g.members.filter(is_moderator=True).count() for g in groups) == 2
    first = membership(event)
    engagement.form_groups(event, seed="2026")
    assert membership(event) == first
    engagement.form_groups(event, seed="anders")
    assert membership(event) != first


def test_organiser_sees_and_prints_the_groups_and_reassigns_by_hand(client, event, organiser):
    event.capacity = 50
    event.save()
    regs = people(event, 8)
    client.force_login(organiser)
    client.post(f"/admin/events/{event.pk}/groups/", {"action": "form", "seed": "x", "size": "4", "mode": "mixed"})
    assert SmallGroup.objects.filter(event=event).count() == 2
    page = client.get(f"/admin/events/{event.pk}/groups/print/").content.decode()
    assert "Gruppe 1" in page and "Person 0" in page and "@media print" in page
    target = SmallGroup.objects.get(event=event, number=2)
    mover = next(r for r in regs if Registration.objects.get(pk=r.pk).group.number == 1)
    client.post(f"/admin/events/{event.pk}/groups/", {"action": "reassign", "registration": mover.pk,
                                                       "group": target.pk})
    assert Registration.objects.get(pk=mover.pk).group == target


def test_group_of_another_event_cannot_be_assigned(make_event):
    one, two = make_event(slug="eins"), make_event(slug="zwei")
    reg = people(one, 1)[0]
    other = SmallGroup.objects.create(event=two, number=1)
    with pytest.raises(engagement.EventError):
        engagement.reassign(reg, other)


def test_group_result_entered_by_the_organiser_shows_with_its_challenge(client, event, organiser):
    from events.models import Challenge

    group = SmallGroup.objects.create(event=event, number=1)
    challenge = Challenge.objects.create(event=event, title="Bänke fehlen", description="x", state="approved")
    challenge.groups.add(group)
    client.force_login(organiser)
    client.post(f"/admin/events/{event.pk}/groups/", {"action": "result", "group": group.pk, "topic": "Bänke",
                                                       "result": "Fünf neue Bänke beantragt"})
    client.logout()
    assert "Fünf neue Bänke beantragt" in client.get(event.url).content.decode()
