"""The draw: a seeded, reproducible ranked list per age cohort.

Algorithm version ``wkr-sha256-v1``. This docstring is the specification; an
outside auditor should be able to reimplement the ranking from it in any
language without reading the rest of the code.

Strings are encoded as UTF-8 before hashing. ``SHA256_HEX(x)`` is the
lowercase hexadecimal SHA-256 digest (64 characters) of the bytes ``x``.
``"\\n"`` is a single line feed (0x0A).

1. Person key (pseudonymous, computed once at import)
   ``person_key = SHA256_HEX(F1 "\\n" F2 "\\n" F3 "\\n" F4 "\\n" F5)`` with

   - F1 = N(family name), F2 = N(given names),
   - F3 = the birth component: ``"d:YYYY-MM-DD"`` if the birth date is known,
     else ``"y:YYYY"`` if only the birth year is known, else ``"a:<age>"``
     (decimal, no padding) if only the age in years is known, else ``""``,
   - F4 = A(street + " " + house number),
   - F5 = the postcode with every non-digit removed.

   ``N(s)``: Unicode NFC, then full case folding (``str.casefold``, which also
   maps "ß" and "ẞ" to "ss"), then NFC again, then "ä"→"ae", "ö"→"oe",
   "ü"→"ue", then every run of whitespace becomes one space and leading and
   trailing whitespace is removed. After N no field contains a line feed, so
   the separator is unambiguous.
   ``A(s)``: N(s) with "," replaced by " " first, then the abbreviation
   "str" (followed by ".", whitespace, a digit or the end) spelled out as
   "strasse", spaces around "-" and "/" removed, and the space between a
   house number and a single-letter suffix removed ("12 a" → "12a"), so that
   "Hauptstr. 12 a" and "Hauptstraße 12a" give the same key.

   The key depends only on these field values, never on row order, row
   number, doctoral degree, sex or town. It is pseudonymous, not anonymous:
   anyone who knows a person's register data can recompute their key.

2. Pool fingerprint (recorded when the pool is frozen, before the seed)
   ``SHA256_HEX(join("\\n", sorted(person_keys)))``. Sorting is by Unicode
   code point (for hex keys: plain ASCII order), so the fingerprint does not
   depend on row order. An empty pool hashes the empty string.

3. Rank of a person in a cohort
   ``rank_key = SHA256_HEX(ALGORITHM_VERSION "\\n" seed "\\n" cohort_label "\\n" person_key)``
   where ``seed`` is the seed text exactly as recorded (no trimming) and
   ``cohort_label`` the cohort's label exactly as recorded. The cohort's
   ranked list is its person keys sorted ascending by ``(rank_key,
   person_key)`` (comparing the hex strings; the second part only matters if
   two rank keys were ever equal). The first ``seats`` people on the list are
   invited; each decline is replaced by the next person on the same list.
   Seeds and labels must not contain a line feed, carriage return or tab.

4. Result fingerprint (over the final ranked lists, after optional rules)
   ``SHA256_HEX(S)`` where S is the concatenation of
   ``ALGORITHM_VERSION "\\n"`` and, for every cohort in ascending code-point
   order of its label, the line ``"cohort" TAB label "\\n"`` followed by one
   line ``position TAB person_key "\\n"`` per person (position 1, 2, … in
   decimal). TAB is 0x09. ``tools/audit_draw.py`` implements 3 and 4 in about
   fifty lines of standard-library Python.

Optional rules (applied after step 3, in this order, by :func:`draw_cohorts`;
each is a deterministic reordering of the ranked list, nobody is dropped):

a. Household rule (:func:`apply_household_rule`): walk the ranked list from
   the top; a person whose household key already occurred earlier in the list
   is moved out; the moved people are appended at the end, in their ranked
   order. So the list starts with one person per household (the best-ranked
   member), and further members of a household follow only as the last
   reserve. A person with an empty household key counts as their own
   household. The rule works within one cohort.

b. Sex balance (:func:`apply_sex_balance`): the first ``seats`` places are
   refilled one at a time. People whose sex is not a balanced group (by
   default everyone except "m" and "w", e.g. "d", "x", unknown) are "neutral".
   For each place: if the best-ranked person not yet placed is neutral, they
   take the place. Otherwise, among the balanced groups that still have
   someone left, take the group with the largest deficit
   ``target_share × (balanced people placed so far + 1) − people of that group
   placed so far`` (target shares: equal by default, normalised over the
   groups present in the list; exact rational arithmetic), ties going to the
   group whose next person ranks better; that group's best-ranked remaining
   person takes the place. After ``seats`` places, everyone else follows in
   their previous order. With the household rule active, people whose
   household already holds one of the refilled places are skipped while
   filling. With two groups of equal target this alternates the sexes,
   starting with the sex of the best-ranked balanced person.

Replacements always take the next person on the final list. Behind the first
``seats`` places the list is in (household-ruled) rank order, so a decline
can tip the sex balance of the invited group; the rules shape the first
invitations, not every replacement.

The optional rules change the list, so the result fingerprint of a draw with
rules is reproduced by ``tools/audit_draw.py --household`` and/or
``--sex-balance --seats LABEL=N …`` over the admin's export, whose ``household``
and ``sex`` columns carry what the rules read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from hashlib import sha256

ALGORITHM_VERSION = "wkr-sha256-v1"

#: Separator between the normalised fields of a person key (see module doc).
PERSON_KEY_SEPARATOR = "\n"

#: Default groups balanced by :func:`apply_sex_balance` (register codes).
DEFAULT_BALANCED_SEXES = ("w", "m")

# After casefold "ß"/"ẞ" are already "ss"; capital umlauts are already lower.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_STREET_ABBREVIATION = re.compile(r"str(?:\.|(?=\s|\d|$))")
_SPACE_AROUND_JOINERS = re.compile(r"\s*([-/])\s*")
_HOUSE_NUMBER_SUFFIX = re.compile(r"(\d) (?=[a-z](?:$|[\s,/-]))")
_FORBIDDEN_IN_LABELS = re.compile(r"[\n\r\t]")


# --- normalisation and keys -------------------------------------------------


def normalise_text(value: object) -> str:
    """Return N(value) as defined in the module docstring ("" for None)."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii():
        # Fast path: for ASCII, NFC is a no-op and casefold equals lower.
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFC", text).casefold()
    text = unicodedata.normalize("NFC", text).translate(_UMLAUTS)
    return " ".join(text.split())


def normalise_address(value: object) -> str:
    """Return A(value): N(value) plus street spellings unified (module doc)."""
    text = normalise_text(str(value or "").replace(",", " "))
    text = _STREET_ABBREVIATION.sub("strasse", text)
    text = _SPACE_AROUND_JOINERS.sub(r"\1", text)
    return _HOUSE_NUMBER_SUFFIX.sub(r"\1", text)


def normalise_postcode(value: object) -> str:
    """Digits of the postcode only ("D-12345 " → "12345")."""
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def birth_component(
    birth_date: date | None = None,
    birth_year: int | None = None,
    age: int | None = None,
) -> str:
    """Field F3 of the person key: the most precise birth information known."""
    if birth_date is not None:
        return "d:" + birth_date.isoformat()
    if birth_year is not None:
        return f"y:{int(birth_year):04d}"
    if age is not None:
        return f"a:{int(age)}"
    return ""


def person_key(
    family_name: str,
    given_names: str,
    *,
    birth_date: date | None = None,
    birth_year: int | None = None,
    age: int | None = None,
    street: str = "",
    house_number: str = "",
    postcode: str = "",
) -> str:
    """Stable pseudonymous key of one register entry (64 hex characters).

    Pass the street and house number separately or the whole address line as
    ``street``: both give the same key because they are joined before
    normalising.
    """
    fields = (
        normalise_text(family_name),
        normalise_text(given_names),
        birth_component(birth_date, birth_year, age),
        normalise_address(f"{street or ''} {house_number or ''}"),
        normalise_postcode(postcode),
    )
    return _sha256_hex(PERSON_KEY_SEPARATOR.join(fields))


class PersonKeyCache:
    """:func:`person_key` with memoised normalisation, for bulk imports.

    Register extracts repeat family names, addresses and postcodes;
    normalising each distinct value once makes a 250,000-row import
    noticeably faster. Gives exactly the same keys as :func:`person_key`.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._addresses: dict[tuple[str, str], str] = {}
        self._postcodes: dict[str, str] = {}

    def __call__(
        self,
        family_name: str,
        given_names: str,
        *,
        birth_date: date | None = None,
        birth_year: int | None = None,
        age: int | None = None,
        street: str = "",
        house_number: str = "",
        postcode: str = "",
    ) -> str:
        return self.key(family_name, given_names, birth_component(birth_date, birth_year, age), street,
                        house_number, postcode)

    def key(self, family_name: str, given_names: str, birth: str, street: str, house_number: str,
            postcode: str) -> str:
        """The same key, with the birth component F3 (:func:`birth_component`) already made and
        positional arguments: the register parser calls this once per row."""
        names = self._names
        family = names.get(family_name)
        if family is None:
            family = names[family_name] = normalise_text(family_name)
        # Combinations of given names are too varied to be worth memoising.
        if type(given_names) is str and given_names.isascii():  # normalise_text's fast path, inlined
            given = " ".join(given_names.lower().split())
        else:
            given = normalise_text(given_names)
        address = self._addresses.get((street, house_number))
        if address is None:
            address = normalise_address(f"{street or ''} {house_number or ''}")
            self._addresses[(street, house_number)] = address
        code = self._postcodes.get(postcode)
        if code is None:
            code = self._postcodes[postcode] = normalise_postcode(postcode)
        return sha256(f"{family}\n{given}\n{birth}\n{address}\n{code}".encode()).hexdigest()

    def household(self, street: str, house_number: str, postcode: str) -> str:
        """:func:`household_key`, from the normalised addresses and postcodes :meth:`key` made."""
        address = self._addresses.get((street, house_number))
        if address is None:
            address = normalise_address(f"{street or ''} {house_number or ''}")
            self._addresses[(street, house_number)] = address
        if not address:
            return ""
        code = self._postcodes.get(postcode)
        if code is None:
            code = self._postcodes[postcode] = normalise_postcode(postcode)
        return sha256(f"{address}\n{code}".encode()).hexdigest()


def household_key(street: str, house_number: str, postcode: str) -> str:
    """Pseudonymous key of an address (the register knows no flats).

    Everyone registered at the same normalised address and postcode counts as
    one household; "" when the address is unknown (then nobody is grouped).
    """
    address = normalise_address(f"{street or ''} {house_number or ''}")
    if not address:
        return ""
    return _sha256_hex(address + "\n" + normalise_postcode(postcode))


def pool_fingerprint(person_keys: Iterable[str]) -> str:
    """Order-independent fingerprint of a frozen pool (module doc, step 2)."""
    return _sha256_hex("\n".join(sorted(person_keys)))


# --- the ranking -------------------------------------------------------------


def rank_key(seed: str, cohort_label: str, person_key: str) -> str:
    """The hash that orders one person within one cohort (module doc, step 3)."""
    return hashlib.sha256(
        f"{ALGORITHM_VERSION}\n{seed}\n{cohort_label}\n{person_key}".encode()
    ).hexdigest()


def rank_cohort(seed: str, cohort_label: str, person_keys: Iterable[str]) -> list[str]:
    """Return the cohort's person keys in ranked order (module doc, step 3).

    Raises ValueError on duplicate keys (a duplicate would get two places) or
    on a seed or label containing line breaks or tabs.
    """
    _check_label("seed", seed)
    _check_label("cohort label", cohort_label)
    keys = list(person_keys)
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate person keys in cohort")
    prefix = f"{ALGORITHM_VERSION}\n{seed}\n{cohort_label}\n".encode()
    # The raw digests sort exactly like their lowercase hex form (fixed length; hex digits in byte
    # order), and a list of (digest, key) sorts by rank key, then person key, in C.
    decorated = [(sha256(prefix + key.encode()).digest(), key) for key in keys]
    decorated.sort()
    return [key for _, key in decorated]


def result_fingerprint(ranked_lists: Mapping[str, Sequence[str]]) -> str:
    """Fingerprint of all final ranked lists (module doc, step 4)."""
    parts = [ALGORITHM_VERSION, "\n"]
    for label in sorted(ranked_lists):
        _check_label("cohort label", label)
        parts.append(f"cohort\t{label}\n")
        parts.extend(
            f"{position}\t{key}\n"
            for position, key in enumerate(ranked_lists[label], start=1)
        )
    return _sha256_hex("".join(parts))


# --- optional rules ----------------------------------------------------------

Lookup = Mapping[str, object] | Callable[[str], object]


def apply_household_rule(ranked: Sequence[str], household_of: Lookup) -> list[str]:
    """One person per household first; other household members to the end.

    See rule a. in the module docstring. ``household_of`` maps a person key to
    its household key (a mapping or a function); a missing or empty household
    key means "own household".
    """
    lookup = _as_lookup(household_of)
    seen: set[object] = set()
    first: list[str] = []
    deferred: list[str] = []
    for key in ranked:
        household = lookup(key)
        if household and household in seen:
            deferred.append(key)
        else:
            if household:
                seen.add(household)
            first.append(key)
    return first + deferred


def apply_sex_balance(
    ranked: Sequence[str],
    sex_of: Lookup,
    seats: int,
    *,
    targets: Mapping[str, object] | None = None,
    household_of: Lookup | None = None,
) -> list[str]:
    """Reorder so the first ``seats`` places are balanced between the sexes.

    See rule b. in the module docstring. ``targets`` maps each balanced sex
    code to its target share (any positive numbers; they are normalised over
    the groups present); the default is equal shares for "w" and "m". Pass
    ``household_of`` when the household rule is active so that refilling the
    first places does not pull a second member of a household forward.
    """
    if seats < 0:
        raise ValueError("seats must not be negative")
    sex_lookup = _as_lookup(sex_of)
    hh_lookup = _as_lookup(household_of) if household_of is not None else None
    if targets is None:
        targets = dict.fromkeys(DEFAULT_BALANCED_SEXES, 1)

    # Queues of list positions per balanced group, plus one for neutral people.
    queues: dict[object, list[int]] = {sex: [] for sex in targets}
    neutral: list[int] = []
    for index, key in enumerate(ranked):
        queues.get(sex_lookup(key), neutral).append(index)
    present = {sex: _exact(targets[sex]) for sex, q in queues.items() if q}
    if any(share <= 0 for share in present.values()):
        raise ValueError("target shares must be positive")
    total = sum(present.values())
    shares = {sex: share / total for sex, share in present.items()}

    pointers = dict.fromkeys(present, 0)
    neutral_pointer = 0
    placed: set[int] = set()
    used_households: set[object] = set()

    def eligible(index: int) -> bool:
        if index in placed:
            return False
        if hh_lookup is None:
            return True
        household = hh_lookup(ranked[index])
        return not household or household not in used_households

    def head(queue: list[int], pointer: int) -> tuple[int | None, int]:
        # Skipped people can never become eligible again (placed and used
        # households only grow), so the pointer only moves forward.
        while pointer < len(queue) and not eligible(queue[pointer]):
            pointer += 1
        return (queue[pointer] if pointer < len(queue) else None), pointer

    order: list[int] = []
    counts = dict.fromkeys(present, 0)
    balanced_placed = 0
    while len(order) < min(seats, len(ranked)):
        heads = {}
        for sex in present:
            heads[sex], pointers[sex] = head(queues[sex], pointers[sex])
        neutral_head, neutral_pointer = head(neutral, neutral_pointer)
        candidates = {sex: i for sex, i in heads.items() if i is not None}
        if neutral_head is not None and (
            not candidates or neutral_head < min(candidates.values())
        ):
            chosen = neutral_head
        elif candidates:
            best = max(
                candidates,
                key=lambda sex: (
                    shares[sex] * (balanced_placed + 1) - counts[sex],
                    -candidates[sex],
                ),
            )
            chosen = candidates[best]
            counts[best] += 1
            balanced_placed += 1
        else:
            break  # Only people from already represented households remain.
        order.append(chosen)
        placed.add(chosen)
        if hh_lookup is not None:
            household = hh_lookup(ranked[chosen])
            if household:
                used_households.add(household)

    rest = [i for i in range(len(ranked)) if i not in placed]
    return [ranked[i] for i in order + rest]


def draw_cohorts(
    seed: str,
    pool_by_cohort: Mapping[str, Iterable[str]],
    *,
    household_of: Lookup | None = None,
    sex_of: Lookup | None = None,
    seats_by_cohort: Mapping[str, int] | None = None,
    sex_targets: Mapping[str, object] | None = None,
) -> dict[str, list[str]]:
    """Rank every cohort and apply the optional rules in the documented order.

    The household rule is active when ``household_of`` is given; the sex
    balance when ``sex_of`` is given (then ``seats_by_cohort`` is required).
    The draw command and the verification command should both call this, so
    that they cannot drift apart.
    """
    if sex_of is not None and seats_by_cohort is None:
        raise ValueError("sex balance needs seats_by_cohort")
    result: dict[str, list[str]] = {}
    for label, keys in pool_by_cohort.items():
        ranked = rank_cohort(seed, label, keys)
        if household_of is not None:
            ranked = apply_household_rule(ranked, household_of)
        if sex_of is not None:
            ranked = apply_sex_balance(
                ranked,
                sex_of,
                seats_by_cohort[label],
                targets=sex_targets,
                household_of=household_of,
            )
        result[label] = ranked
    return result


# --- helpers -----------------------------------------------------------------


def _sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_label(what: str, value: str) -> None:
    if not isinstance(value, str) or _FORBIDDEN_IN_LABELS.search(value):
        raise ValueError(f"{what} must be a string without line breaks or tabs")


def _as_lookup(mapping_or_function: Lookup) -> Callable[[str], object]:
    if callable(mapping_or_function):
        return mapping_or_function
    return mapping_or_function.get


def _exact(number: object) -> Fraction:
    # str() first so that 0.1 means one tenth, not its binary approximation.
    if isinstance(number, float):
        return Fraction(str(number))
    return Fraction(number)
