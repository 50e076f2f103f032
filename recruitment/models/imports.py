"""The pool: register imports (``ImportJob``) and the people they bring (``Person``, personal data)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import SEX_CHOICES, RecruitmentCase, import_upload_path, private_storage


class ImportJob(models.Model):
    """One import of a register extract: uploaded file, column mapping, progress and outcome.

    ``errors`` and ``duplicates`` hold line numbers, codes and column names, never cell values.
    """

    UPLOADED, QUEUED, RUNNING, DONE, FAILED = "uploaded", "queued", "running", "done", "failed"
    STATUS_CHOICES = [(UPLOADED, _("hochgeladen")), (QUEUED, _("wartet")), (RUNNING, _("läuft")),
                      (DONE, _("importiert")), (FAILED, _("fehlgeschlagen"))]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(RecruitmentCase, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=16, default="upload")  # "upload" or "command"
    file = models.FileField(storage=private_storage, upload_to=import_upload_path, blank=True)
    file_format = models.CharField(max_length=16, blank=True)
    delimiter = models.CharField(max_length=4, blank=True)
    replace = models.BooleanField(_("Vorhandenen Pool ersetzen"), default=False)
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default=UPLOADED)
    stage = models.CharField(max_length=16, blank=True)  # "reading", "saving"
    progress = models.PositiveSmallIntegerField(default=0)
    # Written with every progress step of a running import: a running job whose heartbeat is older
    # than RECRUITMENT_IMPORT_STALE_SECONDS lost its worker and is marked failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    headers = models.JSONField(default=list, blank=True)
    header_line = models.PositiveIntegerField(null=True, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    data_lines = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    duplicate_count = models.PositiveIntegerField(default=0)
    duplicates = models.JSONField(default=list, blank=True)
    message = models.CharField(max_length=300, blank=True)
    # Line numbers read as Windows-1252 in an otherwise UTF-8 file (a warning; imported all the same).
    mixed_lines = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.case} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self):
        return self.status in (self.DONE, self.FAILED)

    def delete_file(self):
        if self.file:
            self.file.delete(save=False)


class Person(models.Model):
    """One resident from the register extract: only what the draw and the letters need.

    ``case`` is NULL while an import is still being saved: such rows belong to no pool until the
    import commits (one UPDATE sets ``case``), so an import is all or nothing. ``import_job``
    records which import brought the person in.
    """

    # No separate index on case: the unique (case, person_key) index serves it.
    case = models.ForeignKey(RecruitmentCase, null=True, on_delete=models.CASCADE, related_name="persons",
                             db_index=False)
    # DO_NOTHING: the services delete a job's rows explicitly (purge, discard); deleting a job
    # that still has people fails loudly instead of taking a pool with it.
    import_job = models.ForeignKey(ImportJob, null=True, on_delete=models.DO_NOTHING, related_name="+")
    person_key = models.CharField(max_length=64)
    household_key = models.CharField(max_length=64, blank=True)
    family_name = models.TextField()
    given_names = models.TextField(blank=True)
    doctoral_degree = models.TextField(blank=True)
    age = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=1, blank=True, choices=SEX_CHOICES)
    street = models.TextField(blank=True)
    house_number = models.TextField(blank=True)
    postcode = models.CharField(max_length=5, blank=True)
    town = models.TextField(blank=True)
    legal_representative = models.TextField(blank=True)

    # Never in the reference index (its usage listings would name people).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        constraints = [models.UniqueConstraint(fields=["case", "person_key"], name="recruitment_unique_person")]

    def __str__(self):
        # Deliberately no name: str() ends up in logs and error pages.
        return f"Person {self.pk}"

    @property
    def first_name(self):
        """The first of the given names: all the workshop team and the response page show."""
        return (self.given_names or "").split(" ")[0]
