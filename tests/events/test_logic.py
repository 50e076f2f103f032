"""Plain logic: small groups from a seed and the Borda count of the priority list."""

from collections import Counter

from events.logic.borda import count
from events.logic.groups import Person, assign, assign_moderators, group_sizes


def people(n, keys=("A", "B", "C")):
    return [Person(i, keys[i % len(keys)]) for i in range(n)]


def test_groups_of_four_with_sizes_differing_by_at_most_one():
    assert group_sizes(10, 4) == [4, 3, 3]
    assert group_sizes(12, 4) == [4, 4, 4]
    assert group_sizes(0, 4) == []
    groups = assign(people(10), size=4, seed="x")
    assert sorted(len(g) for g in groups) == [3, 3, 4]
    assert sorted(i for g in groups for i in g) == list(range(10))


def test_same_seed_same_groups_other_seed_other_groups():
    assert assign(people(20), seed="abc") == assign(list(reversed(people(20))), seed="abc")
    assert assign(people(20), seed="abc") != assign(people(20), seed="xyz")


def test_mixed_groups_spread_the_neighbourhoods():
    for group in assign(people(12), size=4, mode="mixed", seed="s"):
        keys = Counter(i % 3 for i in group)
        assert len(keys) >= 3 or max(keys.values()) <= 2


def test_matched_groups_keep_neighbours_together():
    groups = assign(people(12), size=4, mode="matched", seed="s")
    assert all(len({i % 3 for i in g}) == 1 for g in groups)


def test_moderators_are_spread_over_the_groups():
    plan = assign_moderators([7, 8, 9], 2, seed="s")
    assert sorted(len(v) for v in plan.values()) == [1, 2]
    assert sorted(m for v in plan.values() for m in v) == [7, 8, 9]
    assert assign_moderators([1], 0) == {}


def test_borda_points_first_places_and_ties():
    rows = count([1, 2, 3], [[1, 2, 3], [2, 1, 3], [2, 3]])
    assert [(r.topic, r.points, r.first_places) for r in rows] == [(2, 5, 2), (1, 3, 1), (3, 1, 0)]


def test_borda_ignores_unknown_and_repeated_topics():
    rows = count([1, 2], [[9, 1, 1, 2]])
    assert [(r.topic, r.points) for r in rows] == [(1, 1), (2, 0)]


def test_borda_tie_broken_by_given_order_without_ballots():
    assert [r.topic for r in count([5, 4, 6], [])] == [5, 4, 6]
