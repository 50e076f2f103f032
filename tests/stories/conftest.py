"""The press room and the demo council its kits are tested with."""

import pytest

from councils.models import CouncilPage
from stories.models import PressRoomPage


@pytest.fixture
def room():
    return PressRoomPage.objects.get(locale__language_code="de")


@pytest.fixture
def council():
    return CouncilPage.objects.get(locale__language_code="de", slug="bezahlbares-wohnen")
