"""The network's data: places (pages), micro-projects (applications, jury, project pages), sign-ups."""

from .places import PlaceContact, PlaceIndexPage, PlaceMeeting, PlacePage
from .projects import (
    BudgetLine,
    ConflictDeclaration,
    DockOnRequest,
    JuryReview,
    MicroProjectApplication,
    ProjectIndexPage,
    ProjectPage,
    ProjectReport,
)
from .signups import MailingList, Subscription

__all__ = [
    "BudgetLine", "ConflictDeclaration", "DockOnRequest", "JuryReview", "MailingList", "MicroProjectApplication",
    "PlaceContact", "PlaceIndexPage", "PlaceMeeting", "PlacePage", "ProjectIndexPage", "ProjectPage",
    "ProjectReport", "Subscription",
]
