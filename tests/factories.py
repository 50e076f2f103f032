"""Factories for every kind of test object; tests/conftest.py turns the common ones into fixtures.

How to make ...
- an image: ``ImageFactory()`` (shows no one, so it is public at once) or the ``image`` fixture;
- a page: every page factory takes ``parent=`` and ``publish=True`` (a published revision, as an
  editor would leave it);
- a council in a constituency of its own: ``CouncilPageFactory(parent=constituency, publish=True)`` with
  the ``constituency`` fixture (tests/conftest.py; also ``council_index``, ``image``, ``editor``);
- recommendations and their status in a follow-up: ``RecommendationFactory(page=council)``,
  ``RecommendationStatusFactory(page=follow_up, recommendation=...)``;
- a user: ``UserFactory(groups=["Redaktion"])``, or the ``editor`` fixture;
- a video with captions: ``VideoFactory(tracks=["de", "en"])``;
- a regional manager of the private side: the ``manager_75`` fixture in tests/recruitment/conftest.py.
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from councils.models import (
    ConstituencyPage,
    CouncilIndexPage,
    CouncilPage,
    FollowUpPage,
    Recommendation,
    RecommendationStatus,
    Wahlkreis,
)
from home.models import HomePage, StandardPage
from media.models import CustomImage, Video, VideoTrack


class ImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Beschreibung {n}")
    credit = "Demo-Foto"
    licence = "CC BY 4.0"
    # The model's safe default is True (hidden until consents are recorded); test images show no one.
    shows_identifiable_people = False

    class Meta:
        model = CustomImage


class PageFactory(wagtail_factories.PageFactory):
    """A page under ``parent``; ``publish=True`` publishes a revision and returns the page as stored."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted:
            page.save_revision().publish()
            page.refresh_from_db()


class HomePageFactory(PageFactory):
    title = "Startseite"

    class Meta:
        model = HomePage


class StandardPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    intro = "Einleitung"

    class Meta:
        model = StandardPage


# --- councils -------------------------------------------------------------------------------


class CouncilIndexPageFactory(PageFactory):
    title = "Wahlkreisräte"
    slug = "wahlkreisraete"

    class Meta:
        model = CouncilIndexPage


class ConstituencyPageFactory(PageFactory):
    wahlkreis = factory.LazyFunction(lambda: Wahlkreis.objects.get(number=75))
    title = factory.LazyAttribute(lambda o: f"Wahlkreis {o.wahlkreis.number}: {o.wahlkreis.name}")

    class Meta:
        model = ConstituencyPage


class CouncilPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Thema {n}")
    guiding_question = "Wie soll sich unsere Region entwickeln?"
    date = datetime.date(2026, 9, 12)
    venue_town = "Berlin"

    class Meta:
        model = CouncilPage


class RecommendationFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CouncilPageFactory)
    code = factory.Sequence(lambda n: f"e{n}")
    title = factory.Sequence(lambda n: f"Empfehlung {n}")
    text = "Text der Empfehlung."
    locale = factory.LazyAttribute(lambda o: o.page.locale)

    class Meta:
        model = Recommendation


class FollowUpPageFactory(PageFactory):
    title = "Rückmeldung"
    date = datetime.date(2026, 10, 20)
    body = "<p>Was aus den Empfehlungen wurde.</p>"

    class Meta:
        model = FollowUpPage


class RecommendationStatusFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(FollowUpPageFactory)
    recommendation = factory.SubFactory(RecommendationFactory)
    status = "in_progress"
    locale = factory.LazyAttribute(lambda o: o.page.locale)

    class Meta:
        model = RecommendationStatus


# --- people and media -------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """A user with the password "x"; ``groups=["Redaktion"]`` adds existing groups by name."""

    username = factory.Sequence(lambda n: f"nutzer-{n}")
    password = factory.django.Password("x")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*(Group.objects.get(name=name) for name in extracted))


class VideoFactory(factory.django.DjangoModelFactory):
    """A tiny (not playable) video file; ``tracks=["de", "en"]`` adds WebVTT captions per language."""

    title = "Testvideo"
    poster = factory.SubFactory(ImageFactory)
    shows_identifiable_people = False
    width, height = 320, 180
    file = factory.django.FileField(filename="test.mp4", data=b"\x00\x00\x00\x18ftypmp42")

    class Meta:
        model = Video
        skip_postgeneration_save = True

    @factory.post_generation
    def tracks(video, create, extracted, **kwargs):
        for language in extracted or ():
            track = VideoTrack(video=video, language=language, kind="captions")
            cue = b"WEBVTT\n\n1\n00:00.000 --> 00:01.000\nHallo\n"
            track.file.save(f"t-{language}.vtt", ContentFile(cue), save=False)
            track.save()
