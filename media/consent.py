"""The consent rule for photos and videos of identifiable people, in one place.

KUG §§ 22/23 and GDPR Art. 7: a picture of an identifiable person is published only with that
person's consent, for the use they agreed to, within its term and until they withdraw it.
Minors additionally need the consent of a legal guardian.

The rule, for one use ("website", "press" or "social") on one day:

* a picture that shows no identifiable people is usable;
* a picture that shows identifiable people is usable only if it has at least one consent record
  and *every* record (one per depicted person) allows the use on that day.

A record allows a use on a day when it covers the use, was given on or before the day, has not
expired (``valid_until`` is the last valid day), has not been withdrawn (``withdrawn_on`` is the
first day without consent) and, for a minor, a guardian consented on or before the day.

This module holds the rule for plain objects (anything with those attributes) so it can be tested
without a database; ``media.models`` expresses the same rule as a query (``invalid_q``), and a
test checks both agree case by case.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

USES = ("website", "press", "social")


def today():
    """The day the rule is evaluated for (local time; tests freeze it with @pytest.mark.today)."""
    return timezone.localdate()


def check_use(use):
    if use not in USES:
        raise ValueError(f"unknown use {use!r}; expected one of {USES}")
    return use


def record_problems(record, use, day):
    """Why `record` does not allow `use` on `day` (empty list: it does). Machine-readable codes."""
    check_use(use)
    problems = []
    if not getattr(record, f"use_{use}"):
        problems.append("use_not_covered")
    if record.given_on is None or record.given_on > day:
        problems.append("not_yet_given")
    if record.valid_until is not None and record.valid_until < day:
        problems.append("expired")
    if record.withdrawn_on is not None and record.withdrawn_on <= day:
        problems.append("withdrawn")
    if record.is_minor and (record.guardian_consented_on is None or record.guardian_consented_on > day):
        problems.append("guardian_missing")
    return problems


def record_allows(record, use, day):
    return not record_problems(record, use, day)


def is_usable(shows_identifiable_people, records, use, day):
    """The rule for one picture, given its flag and all of its consent records."""
    check_use(use)
    if not shows_identifiable_people:
        return True
    records = list(records)
    return bool(records) and all(record_allows(r, use, day) for r in records)


def invalid_q(use, day, prefix=""):
    """Q for consent records that do NOT allow `use` on `day` (the SQL twin of record_problems).

    Written positively (no negation) so SQL NULL semantics cannot turn a missing date into a pass.
    """
    check_use(use)
    p = prefix
    return (
        Q(**{f"{p}use_{use}": False})
        | Q(**{f"{p}given_on__gt": day})
        | Q(**{f"{p}valid_until__lt": day})
        | Q(**{f"{p}withdrawn_on__lte": day})
        | Q(**{f"{p}is_minor": True, f"{p}guardian_consented_on__isnull": True})
        | Q(**{f"{p}is_minor": True, f"{p}guardian_consented_on__gt": day})
    )


def expires_within(records, day, days):
    """The earliest `valid_until` within the next `days` days among `records`, or None."""
    horizon = day + datetime.timedelta(days=days)
    ends = [r.valid_until for r in records if r.valid_until and day <= r.valid_until <= horizon]
    return min(ends) if ends else None
