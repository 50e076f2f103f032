"""The "purely decorative" flag of an image is kept: Wagtail resets an attribute called
`decorative` whenever an image is loaded, so the stored flag has its own name."""

import pytest

from media.models import CustomImage
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_decorative_flag_survives_reloading_from_the_database():
    image = ImageFactory(description="", is_decorative=True)
    again = CustomImage.objects.get(pk=image.pk)
    assert again.is_decorative is True
    assert again.default_alt_text == ""  # the empty alt attribute a decorative image needs
    again.full_clean()  # no alt text needed


def test_an_informative_image_keeps_its_alt_text_after_reloading():
    image = ImageFactory(description="Menschen an einem runden Tisch", is_decorative=False)
    again = CustomImage.objects.get(pk=image.pk)
    assert again.is_decorative is False
    assert again.default_alt_text == "Menschen an einem runden Tisch"


def test_decorative_picture_renders_with_an_empty_alt_attribute():
    from django.template import Context, Template

    image = ImageFactory(description="", is_decorative=True, shows_identifiable_people=False)
    html = Template("{% load wagtailimages_tags %}{% image img width-100 %}").render(
        Context({"img": CustomImage.objects.get(pk=image.pk)}))
    assert 'alt=""' in html
