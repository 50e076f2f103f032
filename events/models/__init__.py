"""Events with open registration: pages (pages.py), the registrants and their groups (people.py), local
challenges and the priority ballot of a congress (participation.py)."""

from .pages import EventIndexPage, EventPage
from .participation import Ballot, BallotResult, Challenge, Topic
from .people import Registration, SmallGroup

__all__ = ["Ballot", "BallotResult", "Challenge", "EventIndexPage", "EventPage", "Registration", "SmallGroup", "Topic"]
