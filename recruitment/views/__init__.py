"""The admin views of the private side, one module per step of the process (as in ``services``):
``cases``, ``imports``, ``draw``, ``invitations``, ``letters``, ``outreach``, ``participants``,
``evaluation``, ``retention``; ``base`` holds the access gate and the mixins they share. Mounted by
the viewsets in ``wagtail_hooks``."""
