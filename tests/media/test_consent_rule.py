"""The consent rule (media.consent) on plain objects, and its SQL twin agreeing with it case by case."""

import datetime
import itertools
from types import SimpleNamespace

import pytest

from media import consent as rule
from media.models import Consent, CustomImage
from tests.factories import ImageFactory

DAY = datetime.date(2026, 6, 15)
BEFORE, AFTER = DAY - datetime.timedelta(days=1), DAY + datetime.timedelta(days=1)


def record(**overrides):
    values = dict(use_website=True, use_press=True, use_social=True, given_on=BEFORE, valid_until=None,
                  withdrawn_on=None, is_minor=False, guardian_consented_on=None)
    values.update(overrides)
    return SimpleNamespace(**values)


def test_a_plain_valid_consent_allows_every_use_it_covers():
    assert rule.record_problems(record(), "website", DAY) == []
    assert rule.record_problems(record(use_press=False), "press", DAY) == ["use_not_covered"]


@pytest.mark.parametrize("overrides,code", [
    ({"given_on": AFTER}, "not_yet_given"),
    ({"valid_until": BEFORE}, "expired"),
    ({"withdrawn_on": DAY}, "withdrawn"),           # withdrawn_on is the first day without consent
    ({"withdrawn_on": BEFORE}, "withdrawn"),
    ({"is_minor": True}, "guardian_missing"),
    ({"is_minor": True, "guardian_consented_on": AFTER}, "guardian_missing"),
])
def test_each_reason_makes_a_record_invalid(overrides, code):
    assert rule.record_problems(record(**overrides), "website", DAY) == [code]


def test_boundaries_valid_until_is_inclusive_and_withdrawal_in_the_future_does_not_count_yet():
    assert rule.record_allows(record(valid_until=DAY), "website", DAY)
    assert rule.record_allows(record(withdrawn_on=AFTER), "website", DAY)
    assert rule.record_allows(record(given_on=DAY), "website", DAY)
    assert rule.record_allows(record(is_minor=True, guardian_consented_on=DAY), "website", DAY)


def test_every_depicted_person_must_consent():
    assert rule.is_usable(False, [], "website", DAY)  # nobody identifiable
    assert not rule.is_usable(True, [], "website", DAY)  # people, but no record
    assert rule.is_usable(True, [record(), record()], "website", DAY)
    assert not rule.is_usable(True, [record(), record(withdrawn_on=BEFORE)], "website", DAY)


def test_unknown_use_is_an_error():
    with pytest.raises(ValueError):
        rule.is_usable(True, [record()], "billboard", DAY)


def test_expiry_warning():
    records = [record(valid_until=DAY + datetime.timedelta(days=40)), record(valid_until=DAY + datetime.timedelta(days=9))]
    assert rule.expires_within(records, DAY, 30) == DAY + datetime.timedelta(days=9)
    assert rule.expires_within(records[:1], DAY, 30) is None


VARIANTS = {
    "use_press": [True, False],
    "given_on": [BEFORE, AFTER],
    "valid_until": [None, BEFORE, DAY],
    "withdrawn_on": [None, DAY, AFTER],
    "minor": [None, "guardian", "no-guardian-date"],
}


@pytest.mark.django_db
def test_sql_and_python_agree_for_every_combination():
    """publicly_usable() (SQL) and is_public() (Python) give the same answer for 216 kinds of record."""
    images = []
    for combo in itertools.product(*VARIANTS.values()):
        use_press, given_on, valid_until, withdrawn_on, minor = combo
        image = ImageFactory(shows_identifiable_people=True, file__width=8, file__height=8)
        consent = Consent(image=image, person_name="Test Person", use_website=True, use_press=use_press,
                          use_social=False, given_on=given_on, valid_until=valid_until, withdrawn_on=withdrawn_on,
                          is_minor=minor is not None, guardian_name="Test Vormund" if minor else "",
                          guardian_consented_on=BEFORE if minor == "guardian" else (AFTER if minor else None))
        Consent.objects.bulk_create([consent])  # bulk: no withdrawal side effects needed here
        images.append(image)
    with_two = ImageFactory(shows_identifiable_people=True, file__width=8, file__height=8)
    Consent.objects.bulk_create([
        Consent(image=with_two, person_name="A", given_on=BEFORE, use_press=True),
        Consent(image=with_two, person_name="B", given_on=BEFORE, use_press=False),
    ])
    without_record = ImageFactory(shows_identifiable_people=True, file__width=8, file__height=8)
    nobody = ImageFactory(shows_identifiable_people=False, file__width=8, file__height=8)
    images += [with_two, without_record, nobody]
    ids = [i.pk for i in images]
    for use in rule.USES:
        in_sql = set(CustomImage.objects.filter(pk__in=ids).publicly_usable(use, DAY).values_list("pk", flat=True))
        fresh = CustomImage.objects.filter(pk__in=ids).prefetch_related("consents")
        in_python = {i.pk for i in fresh if i.is_public(use, DAY)}
        assert in_sql == in_python, use
    website = set(CustomImage.objects.filter(pk__in=ids).publicly_usable("website", DAY).values_list("pk", flat=True))
    assert nobody.pk in website and without_record.pk not in website and with_two.pk in website
    assert with_two.pk not in set(CustomImage.objects.publicly_usable("press", DAY).values_list("pk", flat=True))
