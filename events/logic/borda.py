"""The priority list of a congress by the Borda count (no Django).

Each ballot ranks some or all of the n topics, best first. A topic in place i (0-based) gets n - 1 - i
points; unranked topics get none; unknown or repeated ids are ignored. The result lists every topic
with its points and the number of ballots that ranked it first, highest points first; ties are broken
by more first places, then by the topics' given order (documented so anyone can recount).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    topic: int
    points: int
    first_places: int
    ballots: int  # ballots that ranked this topic at all


def count(topic_ids, rankings):
    topic_ids = list(topic_ids)
    n = len(topic_ids)
    points = dict.fromkeys(topic_ids, 0)
    firsts = dict.fromkeys(topic_ids, 0)
    seen_in = dict.fromkeys(topic_ids, 0)
    for ranking in rankings:
        clean = []
        for topic in ranking:
            if topic in points and topic not in clean:
                clean.append(topic)
        for place, topic in enumerate(clean):
            points[topic] += n - 1 - place
            seen_in[topic] += 1
        if clean:
            firsts[clean[0]] += 1
    order = {topic: i for i, topic in enumerate(topic_ids)}
    rows = [Row(t, points[t], firsts[t], seen_in[t]) for t in topic_ids]
    return sorted(rows, key=lambda r: (-r.points, -r.first_places, order[r.topic]))
