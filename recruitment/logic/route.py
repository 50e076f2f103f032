"""The walking order of a door-visit list (pure functions, no Django).

Volunteers walk one postcode at a time, one street at a time, house numbers in rising order with
the even and odd sides of a street kept together ("2, 4, 6 … then 1, 3, 5 …" would make people
cross back and forth; German streets are numbered odd on one side, even on the other).
House numbers like "12a", "3-5", "7 b" or "12/1" sort by their leading number, then the rest.
"""

import re
import unicodedata

_NUMBER = re.compile(r"\s*(\d+)\s*(.*)")


def house_number_key(text):
    """Sort key of a house number: (side, number, suffix); side 0 = odd, 1 = even, 2 = none."""
    match = _NUMBER.match(text or "")
    if not match:
        return (2, 0, (text or "").strip().lower())
    number = int(match.group(1))
    return (0 if number % 2 else 1, number, match.group(2).strip().lower())


def street_key(text):
    """Streets compared without case, accents and the usual abbreviations ("Str." = "Straße")."""
    text = (text or "").strip().lower()
    text = re.sub(r"str\.?(?=\s|$)", "straße", text)
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def route_key(postcode, street, house_number):
    return ((postcode or "").strip(), street_key(street), house_number_key(house_number))


def walking_order(items, address):
    """``items`` sorted as a walking route; ``address(item)`` gives (postcode, street, house number)."""
    return sorted(items, key=lambda item: route_key(*address(item)))


__all__ = ["house_number_key", "route_key", "street_key", "walking_order"]
