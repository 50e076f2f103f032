"""Stage one stratified by municipality: the letters of a cohort go to each municipality in
proportion to its people, to the first people of that municipality in the verifiable ranking."""

import random

import pytest

from recruitment.logic.strata import invited_flags, municipality, municipality_seats


def test_letters_follow_the_municipalities_sizes():
    assert municipality_seats(10, {"Adorf": 600, "Bestadt": 300, "Cehausen": 100}) == {
        "Adorf": 6, "Bestadt": 3, "Cehausen": 1}
    # 7 × (1/3 each): one seat left over goes to the name that sorts first, whatever the input order.
    assert municipality_seats(7, {"Cehausen": 5, "Adorf": 5, "Bestadt": 5}) == {
        "Adorf": 3, "Bestadt": 2, "Cehausen": 2}


def test_a_sample_as_large_as_the_cohort_invites_everyone_and_never_more():
    assert municipality_seats(50, {"Adorf": 3, "Bestadt": 1}) == {"Adorf": 3, "Bestadt": 1}
    assert municipality_seats(3, {}) == {}


def test_the_first_people_of_each_municipality_in_ranking_order_are_invited():
    ranked = ["a1", "a2", "a3", "b1", "a4", "b2", "c1", "b3"]
    town = {key: {"a": "Adorf", "b": "Bestadt", "c": "Cehausen"}[key[0]] for key in ranked}
    # 4 letters over 4 + 3 + 1 people: Adorf 2, Bestadt 1.5 → 2 (larger remainder than Cehausen's 0.5).
    flags = invited_flags(ranked, 4, town)
    assert [k for k, f in zip(ranked, flags, strict=True) if f] == ["a1", "a2", "b1", "b2"]
    # Without the option: simply the first four places.
    assert invited_flags(ranked, 4) == [True] * 4 + [False] * 4


@pytest.mark.parametrize("seed", range(5))
def test_the_rule_keeps_the_total_and_each_municipality_gets_its_share(seed):
    rnd = random.Random(seed)
    ranked = [f"k{i}" for i in range(500)]
    rnd.shuffle(ranked)
    town = {key: rnd.choice(["Adorf", "Bestadt", "Cehausen", "Dedorf", ""]) for key in ranked}
    flags = invited_flags(ranked, 37, town)
    assert sum(flags) == 37
    counts = {name: sum(1 for k in ranked if town[k] == name) for name in set(town.values())}
    for name, n in counts.items():
        got = sum(1 for k, f in zip(ranked, flags, strict=True) if f and town[k] == name)
        assert abs(got - 37 * n / 500) < 1  # a quota rounded up or down, never more
        # and they are that municipality's first people in the ranking
        mine = [f for k, f in zip(ranked, flags, strict=True) if town[k] == name]
        assert mine == [True] * got + [False] * (n - got)


def test_municipality_names_ignore_stray_spaces_only():
    assert municipality("  Bad   Tölz ") == "Bad Tölz"
    assert municipality("bad tölz") != municipality("Bad Tölz")
