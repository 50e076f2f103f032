"""The private side of a council: its register pool, age cohorts, the draw, invitations and evaluation.

Personal data lives only in ``Person`` (and, while an import runs, in the uploaded file of an
``ImportJob``), in ``Invitation`` (answers, contact data) and, with consent, in ``Alumnus``;
``Placement`` links people to a draw's ranked lists. Everything else holds no personal data and
survives ``purge_personal_data``: the case, its cohorts, the draws with their fingerprints and
seeds, and the public aggregates that ``recruitment.publishing`` writes to ``councils.PublicRecord``.

One module per step of the process, as in ``services``; Django finds the models through the
imports below (the only re-export of the app). None of these models is indexed for search,
exposed in the API or shown on a public page.
"""

from .cases import (
                    LETTER_LANGUAGE_CHOICES,
                    LETTERS_WEEKS_BEFORE,
                    SEX_CHOICES,
                    VISITS_WEEKS_BEFORE,
                    Cohort,
                    ManagerAssignment,
                    PrivateStorage,
                    RecruitmentCase,
                    import_upload_path,
                    private_storage,
)
from .draw import Draw, DrawCohort, Placement
from .evaluation import EvaluationResponse, EvaluationToken
from .imports import ImportJob, Person
from .invitations import Invitation
from .panel import PanelSelection, Respondent
from .retention import Alumnus

__all__ = [
    "LETTER_LANGUAGE_CHOICES", "LETTERS_WEEKS_BEFORE", "SEX_CHOICES", "VISITS_WEEKS_BEFORE", "Alumnus", "Cohort",
    "Draw", "DrawCohort", "EvaluationResponse", "EvaluationToken", "ImportJob", "Invitation", "ManagerAssignment",
    "PanelSelection", "Person", "Placement", "PrivateStorage", "RecruitmentCase", "Respondent", "import_upload_path", "private_storage",
]
