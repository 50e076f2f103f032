"""Consent records: validation, withdrawal (audit log, renditions removed), privacy of the names,
the consent-aware template tags and the promise that public templates cannot bypass them."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import ModelLogEntry

from media.models import CONSENT_WITHDRAWN_ACTION, Consent, CustomImage, Rendition
from tests.factories import ImageFactory, VideoFactory

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 6, 15)

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


@pytest.fixture
def person_image():
    image = ImageFactory(shows_identifiable_people=True, title="Gruppenbild Test")
    Consent.objects.create(image=image, person_name="Frieda Testperson", given_on=TODAY - datetime.timedelta(days=10),
                           use_website=True, use_press=True, use_social=True)
    return CustomImage.objects.get(pk=image.pk)


def test_new_images_count_as_showing_people_until_someone_says_otherwise():
    assert CustomImage._meta.get_field("shows_identifiable_people").default is True
    assert "shows_identifiable_people" in CustomImage.admin_form_fields


def test_consent_of_a_minor_needs_the_guardian():
    image = ImageFactory()
    consent = Consent(image=image, person_name="Kind Test", given_on=TODAY, is_minor=True)
    with pytest.raises(ValidationError) as error:
        consent.full_clean()
    assert {"guardian_name", "guardian_consented_on"} <= set(error.value.message_dict)
    consent.guardian_name, consent.guardian_consented_on = "Elternteil Test", TODAY
    consent.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):  # the database refuses it too
        Consent.objects.create(image=image, person_name="Kind Zwei", given_on=TODAY, is_minor=True)


def test_consent_belongs_to_at_most_one_image_or_video_and_covers_a_use():
    consent = Consent(person_name="X", given_on=TODAY, use_website=False)
    with pytest.raises(ValidationError) as error:
        consent.full_clean()
    assert {"image", "use_website"} <= set(error.value.message_dict)
    image, video = ImageFactory(), VideoFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Consent.objects.create(person_name="X", given_on=TODAY, image=image, video=video)


def test_a_consent_before_the_recording_names_its_occasion_and_shows_no_picture():
    consent = Consent(person_name="X", given_on=TODAY, occasion="Workshop des Wahlkreisrats „Test“")
    consent.full_clean()  # no image or video yet: the occasion says what it is for
    consent.save()
    assert consent.is_before_recording and "vor der Aufnahme" in str(consent) and "X" not in str(consent)
    assert consent.allows_any_use()


def test_picture_records_based_on_a_consent_are_withdrawn_with_it():
    base = Consent.objects.create(person_name="Frieda Test", given_on=TODAY, occasion="Workshop Test",
                                  use_website=True, use_press=True)
    image = ImageFactory(shows_identifiable_people=True)
    record = base.for_picture(image=image)
    assert (record.based_on, record.person_name, record.use_press) == (base, "Frieda Test", True)
    assert CustomImage.objects.publicly_usable("website").filter(pk=image.pk).exists()
    base.withdraw()
    record.refresh_from_db()
    assert record.withdrawn_on == TODAY
    assert ModelLogEntry.objects.filter(action=CONSENT_WITHDRAWN_ACTION, object_id=str(record.pk)).exists()
    assert not CustomImage.objects.publicly_usable("website").filter(pk=image.pk).exists()
    # a record an editor bases on the withdrawn consent later is withdrawn from the start
    late = Consent.objects.create(image=ImageFactory(), based_on=base, person_name="Frieda Test",
                                  given_on=TODAY)
    assert late.withdrawn_on == TODAY


def test_withdrawal_is_logged_hides_the_image_and_removes_its_renditions(person_image, django_capture_on_commit_callbacks):
    rendition = person_image.get_rendition("fill-80x60")
    assert Path(rendition.file.path).exists()
    consent = person_image.consents.get()
    with django_capture_on_commit_callbacks(execute=True):
        consent.withdraw()
    entry = ModelLogEntry.objects.get(action=CONSENT_WITHDRAWN_ACTION, object_id=str(consent.pk))
    assert entry.data["withdrawn_on"] == TODAY.isoformat()
    assert "Frieda" not in entry.label  # log entries carry no name
    assert not Rendition.objects.filter(image=person_image).exists()
    assert not Path(rendition.file.path).exists()
    assert not CustomImage.objects.get(pk=person_image.pk).is_public("website")
    assert not CustomImage.objects.publicly_usable("website").filter(pk=person_image.pk).exists()
    # withdrawing is logged once, not on every later save
    consent.evidence = "Ordner 2"
    consent.save()
    assert ModelLogEntry.objects.filter(action=CONSENT_WITHDRAWN_ACTION, object_id=str(consent.pk)).count() == 1


def test_expired_consent_needs_no_event(person_image, clock):
    Consent.objects.filter(image=person_image).update(valid_until=TODAY + datetime.timedelta(days=1))
    assert CustomImage.objects.get(pk=person_image.pk).is_public("website")
    clock.shift(datetime.timedelta(days=2))
    assert not CustomImage.objects.get(pk=person_image.pk).is_public("website")
    assert not CustomImage.objects.publicly_usable("website").filter(pk=person_image.pk).exists()


# --- templates ----------------------------------------------------------------------------------

def render(source, **context):
    return Template("{% load public_media %}" + source).render(Context(context))


def test_public_picture_renders_consented_images_and_nothing_else(person_image):
    tag = '{% public_picture image format-{webp,jpeg} width-{40,80} sizes="80px" loading="lazy" %}'
    html = render(tag, image=person_image)
    assert "<picture>" in html and 'width="' in html and 'height="' in html and 'loading="lazy"' in html
    person_image.consents.get().withdraw(on=TODAY)
    assert render(tag, image=CustomImage.objects.get(pk=person_image.pk)).strip() == ""


def test_public_image_as_variable_and_use(person_image):
    Consent.objects.filter(image=person_image).update(use_social=False)
    image = CustomImage.objects.get(pk=person_image.pk)
    out = render('{% public_image image fill-60x30 use="social" as og %}{% if og %}OG {{ og.url }}{% else %}none{% endif %}',
                 image=image)
    assert out == "none"
    out = render('{% public_image image fill-60x30 as og %}{% if og %}OG{% endif %}', image=image)
    assert out == "OG"
    assert render('{% if image|public:"press" %}yes{% endif %}', image=image) == "yes"
    assert render('{% if image|public:"social" %}yes{% endif %}', image=image) == ""


def test_editors_see_why_an_image_is_missing_in_the_preview(person_image):
    person_image.consents.get().withdraw(on=TODAY)
    request = RequestFactory().get("/")
    request.is_preview = True
    html = render("{% public_picture image width-40 %}", image=CustomImage.objects.get(pk=person_image.pk),
                  request=request)
    assert "consent-hidden" in html and "<img" not in html


def public_template_files():
    for base in [ROOT / "site/templates", *[p for p in ROOT.glob("*/templates")]]:
        for path in base.rglob("*.html"):
            if "admin" not in path.relative_to(base).parts:
                yield path


def test_no_public_template_bypasses_the_consent_check():
    """Wagtail's image tags may appear only inside admin templates; everywhere else images go
    through {% public_picture %} / {% public_image %}, so no template can forget consent."""
    raw = re.compile(r"{%\s*(image|picture|srcset_image)\s")
    offenders = [str(p.relative_to(ROOT)) for p in public_template_files() if raw.search(p.read_text())]
    assert offenders == []
    assert any("public_picture" in p.read_text() for p in public_template_files())


# --- privacy -------------------------------------------------------------------------------------

def test_names_in_consents_are_never_indexed_for_search():
    fields = {getattr(f, "field_name", "") for f in CustomImage.search_fields}
    assert not any("consent" in f or "person" in f or "guardian" in f for f in fields)
    from wagtail.search.index import Indexed

    assert not issubclass(Consent, Indexed)
    assert "Frieda" not in str(Consent(person_name="Frieda", given_on=TODAY))
