"""Seat apportionment and the restriction of official age bands."""

import random
from fractions import Fraction

import pytest

from recruitment.logic.apportion import AgeRange, largest_remainder, parse_band_label, restrict_bands

# Shares shaped like one constituency's Strukturdaten row (percent; synthetic).
BANDS = {
    "unter 18": 18.0,
    "18-24": 7.2,
    "25-34": 12.0,
    "35-59": 33.0,
    "60-74": 19.8,
    "75 und mehr": 10.0,
}
COHORTS = [
    AgeRange("16-24", 16, 24),
    AgeRange("25-39", 25, 39),
    AgeRange("40-59", 40, 59),
    AgeRange("60-74", 60, 74),
    AgeRange("75+", 75, None),
]


def test_largest_remainder_hand_worked_example():
    # Quotas 4.2, 7.7, 11.55, 7.35, 4.2 -> floors 4, 7, 11, 7, 4 (33 seats);
    # the two seats left go to the largest remainders .7 and .55.
    weights = {"16-24": 12, "25-39": 22, "40-59": 33, "60-74": 21, "75+": 12}
    assert largest_remainder(35, weights) == {"16-24": 4, "25-39": 8, "40-59": 12, "60-74": 7, "75+": 4}


def test_largest_remainder_sums_to_total_and_stays_within_quota():
    rng = random.Random(2025)
    for _ in range(500):
        labels = [f"band-{i}" for i in range(rng.randint(1, 8))]
        weights = {label: rng.uniform(0, 40) for label in labels}
        total = rng.randint(0, 60)
        if sum(weights.values()) == 0:
            continue
        seats = largest_remainder(total, weights)
        assert list(seats) == labels
        assert sum(seats.values()) == total
        weight_sum = sum(Fraction(str(w)) for w in weights.values())
        for label in labels:
            quota = total * Fraction(str(weights[label])) / weight_sum
            assert quota - 1 < seats[label] < quota + 1  # Hamilton meets quota


def test_largest_remainder_ties_follow_label_order():
    assert largest_remainder(4, {"c": 1, "a": 1, "b": 1}) == {"c": 2, "a": 1, "b": 1}
    assert largest_remainder(5, {"a": 1, "b": 1, "c": 1}) == {"a": 2, "b": 2, "c": 1}
    # Quotas 0.5, 3.5, 1.0: a real tie between a and b. In binary floating
    # point (0.1 + 0.7 + 0.2 != 1) the remainders would differ; exact
    # arithmetic keeps the tie, so the label order decides.
    assert largest_remainder(5, {"a": 0.1, "b": 0.7, "c": 0.2}) == {"a": 1, "b": 3, "c": 1}
    assert largest_remainder(5, {"b": 0.7, "a": 0.1, "c": 0.2}) == {"b": 4, "a": 0, "c": 1}


def test_largest_remainder_minimum():
    # Quotas 9, .5, .5: b and c are lifted to 2; the 6 seats left go to a.
    assert largest_remainder(10, {"a": 90, "b": 5, "c": 5}, minimum=2) == {"a": 6, "b": 2, "c": 2}
    assert largest_remainder(10, {"a": 90, "b": 5, "c": 5}, minimum={"c": 3}) == {"a": 7, "b": 0, "c": 3}
    # A minimum already met changes nothing.
    weights = {"16-24": 12, "25-39": 22, "40-59": 33, "60-74": 21, "75+": 12}
    assert largest_remainder(35, weights, minimum=4) == largest_remainder(35, weights)
    with pytest.raises(ValueError):
        largest_remainder(5, {"a": 1, "b": 1}, minimum=3)
    with pytest.raises(ValueError):
        largest_remainder(5, {"a": -1, "b": 2})
    with pytest.raises(ValueError):
        largest_remainder(5, {"a": 0, "b": 0})
    assert largest_remainder(0, {"a": 0}) == {"a": 0}


@pytest.mark.parametrize("label, expected", [
    ("unter 18", (0, 17)),
    ("18-24", (18, 24)),
    ("25 – 34", (25, 34)),
    ("35 bis 59", (35, 59)),
    ("75 und mehr", (75, None)),
    ("75+", (75, None)),
    ("Alter von ... bis ... Jahren am 31.12.2023 - 60-74 (%)", (60, 74)),
    ("Alter von ... bis ... Jahren am 31.12.2023 - unter 18 (%)", (0, 17)),
])
def test_parse_band_label(label, expected):
    assert parse_band_label(label) == expected


def test_parse_band_label_rejects_nonsense():
    with pytest.raises(ValueError):
        parse_band_label("Bevölkerung insgesamt")


def test_restrict_bands_min_age_16_keeps_two_eighteenths_of_minors():
    restricted = restrict_bands(BANDS, 16)
    assert restricted["unter 18"] == Fraction(18) * 2 / 18 == 2
    assert restricted["18-24"] == Fraction("7.2")
    assert list(restricted) == list(BANDS)
    assert sum(restricted.values()) == Fraction("84")


def test_restrict_bands_min_age_18_drops_minors():
    restricted = restrict_bands(BANDS, 18)
    assert "unter 18" not in restricted
    assert sum(restricted.values()) == Fraction("82")
    # An age inside a band cuts it proportionally: 20 keeps 5 of the 7 years.
    assert restrict_bands(BANDS, 20)["18-24"] == Fraction("7.2") * 5 / 7


def test_restrict_bands_onto_cohorts_and_apportion():
    weights = restrict_bands(BANDS, 16, COHORTS)
    # 16-24: 2/18 of "unter 18" + all of 18-24;  25-39: all of 25-34 + 5/25 of 35-59.
    assert weights == {
        "16-24": Fraction("9.2"),
        "25-39": Fraction("18.6"),
        "40-59": Fraction("26.4"),
        "60-74": Fraction("19.8"),
        "75+": Fraction("10"),
    }
    # Quotas 3.83, 7.75, 11.0, 8.25, 4.17 -> 3, 7, 11, 8, 4 + two seats by remainder.
    assert largest_remainder(35, weights) == {"16-24": 4, "25-39": 8, "40-59": 11, "60-74": 8, "75+": 4}


def test_restrict_bands_min_age_18_with_cohort_starting_at_16():
    weights = restrict_bands(BANDS, 18, [("16-24", 16, 24), ("25+", 25, None)])
    assert weights == {"16-24": Fraction("7.2"), "25+": Fraction("74.8")}


def test_restrict_bands_cutting_the_open_band():
    cohorts = [("60-74", 60, 74), ("75-84", 75, 84), ("85+", 85, None)]
    weights = restrict_bands(BANDS, 18, cohorts)  # open band assumed 75-99
    assert weights["75-84"] == 4 and weights["85+"] == 6
    weights = restrict_bands(BANDS, 18, cohorts, open_band_max_age=94)
    assert weights["75-84"] == 5 and weights["85+"] == 5


def test_restrict_bands_rejects_overlapping_cohorts():
    with pytest.raises(ValueError):
        restrict_bands(BANDS, 16, [("a", 16, 30), ("b", 30, 50)])
    with pytest.raises(ValueError):
        restrict_bands(BANDS, 16, [("a", 16, None), ("b", 60, 70)])
