"""seed_demo's private part: a trial council without pool, a drawn council with a synthetic pool."""

import io

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from councils.models import CouncilPage, PublicRecord
from recruitment import demo
from recruitment.models import ManagerAssignment, RecruitmentCase
from recruitment.services import draw

pytestmark = pytest.mark.django_db


def case_of(slug):
    council = CouncilPage.objects.get(locale=Locale.get_default(), slug=slug)
    return council, RecruitmentCase.objects.get(council_key=council.translation_key)


def test_probelauf_has_cohorts_for_35_seats_and_no_pool():
    council, case = case_of("probelauf")
    assert council.live and council.status() == "upcoming"
    assert case.seats == 35 and sum(c.seats for c in case.cohorts.all()) == 35
    assert case.cohorts.count() >= 5
    assert not case.persons.exists() and not case.draws.exists()
    assert council.get_translation(Locale.objects.get(language_code="en")).live


def test_demo_council_is_drawn_from_a_synthetic_pool_and_verifies():
    council, case = case_of("wahlkreisrat-mit-auslosung")
    assert council.status() == "upcoming"
    assert case.persons.count() == demo.POOL_SIZE
    the_draw = case.draws.get(voided_at__isnull=True)
    assert the_draw.seed == demo.DEMO_SEED and the_draw.seed_source == demo.DEMO_SEED_SOURCE
    assert draw.verify(case).ok
    protocol = PublicRecord.objects.get(council_key=council.translation_key).draw_protocol
    assert protocol["result_fingerprint"] == the_draw.result_fingerprint
    assert sum(c["seats"] for c in protocol["cohorts"]) == 35


def test_demo_group_manages_the_demo_constituency():
    council, case = case_of("probelauf")
    group = Group.objects.get(name=demo.MANAGER_GROUP)
    assert ManagerAssignment.objects.filter(group=group, wahlkreis=case.wahlkreis).exists()
    assert group.permissions.filter(codename="access_admin").exists()


def test_demo_is_idempotent():
    _, case = case_of("wahlkreisrat-mit-auslosung")
    before = (case.persons.count(), case.draws.count(), RecruitmentCase.objects.count(),
              ManagerAssignment.objects.count())
    demo.seed(io.StringIO())
    assert (case.persons.count(), case.draws.count(), RecruitmentCase.objects.count(),
            ManagerAssignment.objects.count()) == before


def test_two_stage_trial_council_waits_for_its_respondents():
    council, case = case_of("probelauf-zweistufig")
    assert case.two_stage and case.household_rule and case.planned_seed_source
    assert not case.respondents.exists() and not case.panel_selections.exists()
    assert council.get_translation(Locale.objects.get(language_code="en")).live
