"""Small groups: split people into groups of about `size`, mixed or matched by a key, reproducibly
from a seed (no Django).

- The number of groups is ceil(n / size); sizes differ by at most one (10 people, size 4: 4, 3, 3).
- "mixed": people are shuffled (seeded), ordered by key and dealt round-robin, so each group holds
  as many different keys (neighbourhoods, interests) as possible.
- "matched": shuffled, ordered by key and cut into consecutive runs, so people with the same key
  sit together.
- Moderators are dealt round-robin over the groups in seeded order.
The same people, key, size and seed always give the same groups.
"""

import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    id: int
    key: str = ""


def _ordered(people, seed):
    people = sorted(people, key=lambda p: p.id)
    random.Random(f"groups:{seed}").shuffle(people)
    return sorted(people, key=lambda p: (p.key or "").casefold())  # stable: shuffled within a key


def group_sizes(n, size):
    if n <= 0:
        return []
    count = math.ceil(n / max(size, 1))
    base, extra = divmod(n, count)
    return [base + 1 if i < extra else base for i in range(count)]


def assign(people, size=4, mode="mixed", seed=""):
    """Lists of person ids, one per group."""
    people = _ordered(people, seed)
    sizes = group_sizes(len(people), size)
    if mode == "mixed":
        groups = [[] for _ in sizes]  # dealing round-robin gives exactly these sizes
        for i, person in enumerate(people):
            groups[i % len(groups)].append(person.id)
        return groups
    groups, start = [], 0
    for n in sizes:
        groups.append([p.id for p in people[start:start + n]])
        start += n
    return groups


def assign_moderators(moderator_ids, group_count, seed=""):
    """Group index -> list of moderator ids (round-robin, seeded order)."""
    result = {i: [] for i in range(group_count)}
    if not group_count:
        return result
    ids = sorted(moderator_ids)
    random.Random(f"moderators:{seed}").shuffle(ids)
    for i, moderator in enumerate(ids):
        result[i % group_count].append(moderator)
    return result
