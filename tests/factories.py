import factory
import wagtail_factories

from home.models import HomePage, StandardPage
from media.models import CustomImage


class ImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Beschreibung {n}")
    credit = "Demo-Foto"
    licence = "CC BY 4.0"
    # The model's safe default is True (hidden until consents are recorded); test images show no one.
    shows_identifiable_people = False

    class Meta:
        model = CustomImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Startseite"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    intro = "Einleitung"

    class Meta:
        model = StandardPage


# --- councils -------------------------------------------------------------------------------
import datetime  # noqa: E402

from councils.models import (  # noqa: E402
    ConstituencyPage, CouncilIndexPage, CouncilPage, FollowUpPage, Recommendation, RecommendationStatus, Wahlkreis,
)


class CouncilIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wahlkreisräte"
    slug = "wahlkreisraete"

    class Meta:
        model = CouncilIndexPage


class ConstituencyPageFactory(wagtail_factories.PageFactory):
    wahlkreis = factory.LazyFunction(lambda: Wahlkreis.objects.get(number=75))
    title = factory.LazyAttribute(lambda o: f"Wahlkreis {o.wahlkreis.number}: {o.wahlkreis.name}")

    class Meta:
        model = ConstituencyPage


class CouncilPageFactory(wagtail_factories.PageFactory):
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


class FollowUpPageFactory(wagtail_factories.PageFactory):
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
