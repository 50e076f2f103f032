"""Who needs a second factor and a short session: everyone who can see personal data.

"Can see personal data" is the recruitment wall's own test (:func:`has_recruitment_access`):
superusers and regional managers.
"""

from django.conf import settings

from recruitment.permissions import has_recruitment_access


def handles_personal_data(user):
    return has_recruitment_access(user)


def second_factor_required(user):
    return bool(getattr(settings, "OTP_REQUIRED_FOR_PERSONAL_DATA", True)) and handles_personal_data(user)
