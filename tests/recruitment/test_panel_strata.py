"""Stage one stratified by municipality ("nach Gemeinden schichten"): the draw keeps its verifiable
ranking; each cohort's letters go to the municipalities in proportion to their people, to the first
of each municipality in the ranking. Verification, the replacement, the public protocol and the
outside audit script all apply the same rule."""

import csv
import hashlib
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.urls import reverse

from recruitment.logic.strata import municipality_seats
from recruitment.models import Invitation, Person, Placement
from recruitment.services import draw, invitations, stage_one

ROOT = Path(__file__).resolve().parents[2]
TOWNS = ["Adorf", "Bestadt", "Bestadt", "Bestadt", " Cehausen ", "Cehausen"]


@pytest.fixture
def stratified(imported, client, manager_75):
    people = list(imported.persons.all())
    for person in people:  # three municipalities of different size, stray spaces in one spelling
        person.town = TOWNS[int(hashlib.sha256(person.person_key.encode()).hexdigest(), 16) % len(TOWNS)]
    Person.objects.bulk_update(people, ["town"])
    imported.two_stage, imported.seats = True, 10
    imported.save()
    client.force_login(manager_75)
    response = client.post(reverse("recruitment:panel_sample", args=[imported.pk]),
                           {"size": 60, "by_municipality": "on"}, follow=True)
    assert "Die Ziehung verteilt die Briefe jeder Kohorte auf die Gemeinden." in response.content.decode()
    imported.refresh_from_db()
    assert imported.sample_size == 60 and imported.sample_by_municipality
    return imported


def invited_by_cohort(case):
    result = {}
    for cohort in case.draws.get(voided_at=None).cohorts.all():
        ranked = list(cohort.placements.order_by("position").values_list("person__town", "invited", "person__person_key"))
        result[cohort.label] = (cohort.seats, ranked)
    return result


@pytest.mark.django_db
def test_each_municipality_gets_its_share_of_letters_and_the_draw_verifies(stratified, client):
    the_draw = draw.draw(stratified, "Gemeinden 7", "Test")
    assert the_draw.by_municipality
    assert Invitation.objects.filter(case=stratified).count() == 60
    for seats, ranked in invited_by_cohort(stratified).values():
        counts = Counter(" ".join(town.split()) for town, _, _ in ranked)
        got = Counter(" ".join(town.split()) for town, invited, _ in ranked if invited)
        assert {m: got.get(m, 0) for m in counts} == municipality_seats(seats, counts)
        for name in counts:  # the first people of each municipality in the ranking
            mine = [invited for town, invited, _ in ranked if " ".join(town.split()) == name]
            assert mine == sorted(mine, reverse=True)
    assert draw.verify(stratified).ok
    page = client.get(stratified.council.url).content.decode()
    assert "geschichtet nach Gemeinden" in page

    # A municipality changed after the draw: the recomputed letters no longer match.
    moved = Person.objects.filter(case=stratified, town="Adorf").first()
    Person.objects.filter(pk=moved.pk).update(town="Bestadt")
    result = draw.verify(stratified)
    assert not result.ok and any("invitations differ" in d for d in result.differences)


@pytest.mark.django_db
def test_without_the_option_the_first_places_are_invited_as_before(imported):
    imported.two_stage, imported.seats = True, 10
    imported.save()
    stage_one.plan_sample(imported, 60)
    the_draw = draw.draw(imported, "Gemeinden 7", "Test")
    assert not the_draw.by_municipality
    for cohort in the_draw.cohorts.all():
        assert set(cohort.placements.filter(invited=True).values_list("position", flat=True)) == set(
            range(1, min(cohort.seats, cohort.pool_size) + 1))


@pytest.mark.django_db
def test_a_replacement_comes_from_the_same_municipality(stratified):
    draw.draw(stratified, "Gemeinden 7", "Test")
    first = invitations.active_invitations(stratified).filter(placement__person__town="Adorf").first()
    Invitation.objects.filter(pk=first.pk).update(status=Invitation.DECLINED)
    new = invitations.replace(Invitation.objects.get(pk=first.pk))
    assert new.placement.person.town == "Adorf" and new.draw_cohort == first.draw_cohort


@pytest.mark.django_db
def test_an_outsider_reproduces_the_invited_people_from_the_admin_export(stratified, client, tmp_path):
    the_draw = draw.draw(stratified, "Gemeinden 7", "Test")
    text = client.get(f"/admin/recruitment/{stratified.pk}/export.csv").content.decode()
    assert text.splitlines()[0] == "person_key,cohort,household,sex,municipality"
    assert {row["municipality"] for row in csv.DictReader(text.splitlines())} == {"Adorf", "Bestadt", "Cehausen"}
    export = tmp_path / "export.csv"
    export.write_text(text, encoding="utf-8")
    args = [sys.executable, str(ROOT / "tools" / "audit_draw.py"), str(export), "--seed", "Gemeinden 7",
            "--municipality", *[f"--seats={c.label}={c.seats}" for c in the_draw.cohorts.all()]]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    assert f"result_fingerprint {the_draw.result_fingerprint}" in out
    invited = {line.split()[1] for line in out.splitlines() if line.endswith(" invited")}
    assert invited == set(Placement.objects.filter(draw_cohort__draw=the_draw, invited=True)
                          .values_list("person__person_key", flat=True))
    assert len(invited) == 60
