"""Shared helpers of the recruitment commands (DESIGN.md "Interfaces": exit 0 on success,
non-zero with a one-line reason on failure, nothing changed on failure)."""

from django.core.management.base import CommandError

from ...services import cases
from ...services.audit import RecruitmentError


def case_by_slug(slug, create=False):
    try:
        council = cases.council_by_slug(slug)
        return cases.case_for_council(council, create=create)
    except RecruitmentError as exc:
        raise CommandError(str(exc)) from None
