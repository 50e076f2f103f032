"""Address block and salutation of the letters (pure functions). Every person here is synthetic."""

import pytest

from recruitment.logic.letters import (
    MAX_ADDRESS_LINES,
    Recipient,
    address_lines,
    full_name,
    is_minor,
    salutation,
)

ADDRESS = {"street": "Erfundene Straße", "house_number": "12a", "postcode": "12345", "town": "Demostadt"}


def person(**fields):
    defaults = {"family_name": "Zzyxmüller", "given_names": "Anna Maria", "age": 40, **ADDRESS}
    return Recipient(**{**defaults, **fields})


def test_adults_are_addressed_by_title_and_name():
    assert address_lines(person(sex="w", doctoral_degree="Dr.")) == [
        "Frau Dr. Anna Maria Zzyxmüller", "Erfundene Straße 12a", "12345 Demostadt"]
    assert address_lines(person(sex="m", given_names="Jörg"))[0] == "Herrn Jörg Zzyxmüller"
    for sex in ("d", "x", ""):
        assert address_lines(person(sex=sex, given_names="Kim"))[0] == "Kim Zzyxmüller"


@pytest.mark.parametrize("sex, german, english", [
    ("w", "Sehr geehrte Frau Dr. Zzyxmüller,", "Dear Dr Zzyxmüller,"),
    ("m", "Sehr geehrter Herr Dr. Zzyxmüller,", "Dear Dr Zzyxmüller,"),
    ("d", "Guten Tag Dr. Anna Maria Zzyxmüller,", "Dear Dr Anna Maria Zzyxmüller,"),
    ("", "Guten Tag Dr. Anna Maria Zzyxmüller,", "Dear Dr Anna Maria Zzyxmüller,"),
])
def test_salutation_with_doktorgrad(sex, german, english):
    recipient = person(sex=sex, doctoral_degree="Dr.")
    assert salutation(recipient) == german
    assert salutation(recipient, "en") == english


def test_salutation_without_doktorgrad():
    assert salutation(person(sex="w")) == "Sehr geehrte Frau Zzyxmüller,"
    assert salutation(person(sex="m")) == "Sehr geehrter Herr Zzyxmüller,"
    assert salutation(person(sex="x", given_names="Kim")) == "Guten Tag Kim Zzyxmüller,"
    assert salutation(person(sex="w"), "en") == "Dear Ms Zzyxmüller,"
    assert salutation(person(sex="m"), "en") == "Dear Mr Zzyxmüller,"
    assert salutation(person(sex="w"), "fr") == "Sehr geehrte Frau Zzyxmüller,"  # unknown language: German


def test_minors_letters_go_to_their_guardians():
    unnamed = person(age=16, sex="w", given_names="Mia")
    assert is_minor(unnamed) and not is_minor(person(age=18))
    assert address_lines(unnamed) == ["An die Erziehungsberechtigten", "von Mia Zzyxmüller",
                                      "Erfundene Straße 12a", "12345 Demostadt"]
    named = person(age=17, sex="m", given_names="Elias", legal_representative="Erika und Max Beispiel")
    assert address_lines(named) == ["Erika und Max Beispiel", "für Elias Zzyxmüller", "Erfundene Straße 12a",
                                    "12345 Demostadt"]
    for recipient in (unnamed, named):
        assert salutation(recipient) == "Sehr geehrte Erziehungsberechtigte,"
        assert salutation(recipient, "en") == "Dear parent or guardian,"


def test_the_address_block_never_exceeds_six_lines():
    many = person(age=16, legal_representative="Eins; Zwei\nDrei\nVier\nFünf")
    lines = address_lines(many)
    assert len(lines) == MAX_ADDRESS_LINES
    assert lines[-3:] == ["für Anna Maria Zzyxmüller", "Erfundene Straße 12a", "12345 Demostadt"]
    assert lines[0] == "Eins"


def test_empty_parts_and_stray_whitespace_are_dropped():
    sparse = Recipient(family_name="  Zzyxmüller ", given_names="Anna  Maria", sex="w", postcode="12345",
                       town="Demostadt")
    assert address_lines(sparse) == ["Frau Anna Maria Zzyxmüller", "12345 Demostadt"]
    assert full_name(person(doctoral_degree="Dr."), with_degree=False) == "Anna Maria Zzyxmüller"
