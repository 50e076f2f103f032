"""The walking order of the door-visit list (pure module)."""

from recruitment.logic.route import house_number_key, street_key, walking_order


def test_house_numbers_sort_by_side_then_number_then_suffix():
    numbers = ["12", "3", "12a", "1", "4", "3-5", "12/1", "", "2 b", "10"]
    ordered = sorted(numbers, key=house_number_key)
    assert ordered == ["1", "3", "3-5", "2 b", "4", "10", "12", "12/1", "12a", ""]


def test_street_spellings_group_together():
    assert street_key("Hauptstr.") == street_key("Hauptstraße") == street_key("HAUPTSTRASSE")
    assert street_key("Über den Äckern") == street_key("uber den ackern")


def test_walking_order_goes_postcode_street_number():
    addresses = [("12345", "Demoweg", "4"), ("12344", "Zweite Straße", "1"), ("12345", "Am Probeplatz", "2"),
                 ("12345", "Demoweg", "1"), ("12345", "demoweg", "3")]
    route = walking_order(addresses, lambda a: a)
    assert route == [("12344", "Zweite Straße", "1"), ("12345", "Am Probeplatz", "2"), ("12345", "Demoweg", "1"),
                     ("12345", "demoweg", "3"), ("12345", "Demoweg", "4")]
