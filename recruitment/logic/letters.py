"""Address block and salutation of the invitation letters (pure functions, no Django).

A recipient is any object with the ``Person`` attributes used here: ``family_name``,
``given_names``, ``doctoral_degree``, ``age``, ``sex`` (w/m/d/x/""), ``street``,
``house_number``, ``postcode``, ``town`` and ``legal_representative``.

The address block fits the Anschriftzone of a DIN 5008 window (at most six lines). Letters to
minors go to their guardians: to the named legal representative "für" the minor, or else "An die
Erziehungsberechtigten von …"; both at the minor's address (the only one the register gives).
"""

from dataclasses import dataclass

ADULT_AGE = 18
MAX_ADDRESS_LINES = 6
#: Representative text may hold several names; more lines than this would push out the address.
MAX_REPRESENTATIVE_LINES = 3


@dataclass(frozen=True)
class Recipient:
    """A stand-alone recipient (tests, previews); ``Person`` rows work the same way."""

    family_name: str
    given_names: str = ""
    doctoral_degree: str = ""
    age: int = 40
    sex: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    town: str = ""
    legal_representative: str = ""


def _clean(text):
    return " ".join((text or "").split())


def is_minor(recipient):
    return recipient.age is not None and recipient.age < ADULT_AGE


def full_name(recipient, with_degree=True):
    """``Dr. Anna Maria Muster`` (the degree as the register gives it)."""
    parts = [recipient.doctoral_degree if with_degree else "", recipient.given_names, recipient.family_name]
    return _clean(" ".join(_clean(p) for p in parts if p))


def _representative_lines(recipient):
    text = (recipient.legal_representative or "").replace(";", "\n")
    return [_clean(line) for line in text.splitlines() if _clean(line)][:MAX_REPRESENTATIVE_LINES]


def address_lines(recipient):
    """The lines of the address block, at most six, without empty lines."""
    place = [_clean(f"{recipient.street or ''} {recipient.house_number or ''}"),
             _clean(f"{recipient.postcode or ''} {recipient.town or ''}")]
    place = [line for line in place if line]
    if is_minor(recipient):
        representatives = _representative_lines(recipient)
        minor = full_name(recipient)
        if representatives:
            names = [*representatives, f"für {minor}"]
        else:
            names = ["An die Erziehungsberechtigten", f"von {minor}"]
    else:
        title = {"w": "Frau", "m": "Herrn"}.get(recipient.sex or "", "")
        names = [_clean(f"{title} {full_name(recipient)}")]
    room = MAX_ADDRESS_LINES - len(place)
    if len(names) > room:  # keep the last name line (the minor / the "für" line) and the address
        names = names[:room - 1] + names[-1:]
    return names + place


_SALUTATIONS = {
    "de": {
        "w": "Sehr geehrte Frau {name},",
        "m": "Sehr geehrter Herr {name},",
        "other": "Guten Tag {name},",
        "guardians": "Sehr geehrte Erziehungsberechtigte,",
    },
    "en": {
        "w": "Dear Ms {name},",
        "m": "Dear Mr {name},",
        "other": "Dear {name},",
        "guardians": "Dear parent or guardian,",
    },
}


def _english_degree(degree):
    # British style: "Dr" without a full stop.
    return _clean(degree).replace(".", "")


def salutation(recipient, language="de"):
    """The opening line in ``language`` ("de" or "en"; anything else gets German)."""
    if language not in _SALUTATIONS:
        language = "de"
    forms = _SALUTATIONS[language]
    if is_minor(recipient):
        return forms["guardians"]
    degree = _clean(recipient.doctoral_degree)
    if language == "en":
        degree = _english_degree(degree)
    family = _clean(recipient.family_name)
    sex = recipient.sex or ""
    if sex in ("w", "m"):
        if language == "en" and degree:  # "Dear Dr Muster", not "Dear Ms Dr Muster"
            return forms["other"].format(name=f"{degree} {family}")
        return forms[sex].format(name=_clean(f"{degree} {family}"))
    # Diverse, not given or unknown: no gendered form, so the full name.
    return forms["other"].format(name=_clean(f"{degree} {recipient.given_names or ''} {family}"))
