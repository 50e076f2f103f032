"""Which invited member a council's MdB team answers for (see councils/teams.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MdBTeam(models.Model):
    """The team of one invited member for one council: a user group that answers for that member.

    Keyed by the council's translation_key, so it holds for every language of the council.
    """

    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="mdb_teams")
    council_key = models.UUIDField(db_index=True, help_text="translation_key of the council")
    mdb = models.ForeignKey("councils.MdB", verbose_name=_("Abgeordnete/r"), on_delete=models.CASCADE,
                            related_name="teams")

    class Meta:
        app_label = "councils"
        verbose_name = _("MdB-Team")
        constraints = [models.UniqueConstraint(fields=["group", "council_key"], name="one_mdb_per_team_and_council")]

    def __str__(self):
        return self.group.name
