import pytest
from django.core.exceptions import ValidationError

from home.models import HomePage, StandardPage
from media.models import CustomImage
from tests.factories import ImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_page_types_sit_where_they_belong(de_home):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root) is False  # one home per language tree
    assert StandardPage.can_create_at(root) is False
    assert StandardPage.can_create_at(de_home)
    assert HomePage.can_create_at(de_home) is False


def test_standard_page_renders_with_its_intro(client, de_home):
    page = StandardPageFactory(parent=de_home, title="Faktencheck", slug="faktencheck", intro="Für Journalistinnen")
    page.save_revision().publish()
    html = client.get("/de/faktencheck/").content.decode()
    assert "<h1>Faktencheck</h1>" in html and "Für Journalistinnen" in html


def test_image_needs_alt_text_unless_decorative():
    image = ImageFactory.build(description="")
    with pytest.raises(ValidationError) as error:
        image.clean()
    assert "description" in error.value.message_dict
    image.is_decorative = True
    image.clean()
    assert image.default_alt_text == ""


def test_image_alt_text_comes_from_the_description():
    image = ImageFactory(description="Menschen an einem runden Tisch")
    assert CustomImage.objects.get(pk=image.pk).default_alt_text == "Menschen an einem runden Tisch"
