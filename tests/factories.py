import factory
import wagtail_factories

from home.models import HomePage, StandardPage
from media.models import CustomImage


class ImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Beschreibung {n}")
    credit = "Demo-Foto"
    licence = "CC BY 4.0"

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
