"""What the admin views, the public pages, the management commands and the background task do with
a council's private data, one module per step of the process:

``cases`` (cases, cohorts, seat suggestion) → ``imports`` (register extracts) → ``draw`` (freeze,
draw, verify, void, the auditor's export) → ``invitations`` (invitations, codes, answers,
replacements) → ``letters`` → ``outreach`` (progress, deadlines, door visits) → ``participants``
(the workshop day) → ``evaluation`` (questionnaire, funnel) → ``retention`` (purge, alumni,
expired cases). ``info_pages`` finds the public information pages for an invitee's audience (the
response page links them, the letters print their address). ``audit`` holds the audit log helper, the action labels and ``RecruitmentError``.

Every function that touches personal data writes an audit entry with counts, never with names.
Failures raise ``audit.RecruitmentError`` with a one-line German reason and change nothing.
What goes public is written by ``recruitment.publishing`` only. There are no re-exports here:
import the step's module (``from recruitment.services import draw``).
"""
