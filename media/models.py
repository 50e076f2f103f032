"""Images, videos and the consent of the people they show.

Whether a picture may be shown publicly is decided in one place: `media.consent` holds the rule,
`CustomImageQuerySet.publicly_usable()` / `VideoQuerySet.publicly_usable()` apply it in SQL and
`is_public()` applies it to one object (using prefetched consents when present). Templates never
call Wagtail's image tags directly but `{% public_picture %}` / `{% public_image %}`
(media/templatetags/public_media.py), which render nothing for a picture without a valid consent.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.images.models import AbstractImage, AbstractRendition, ImageQuerySet
from wagtail.images.models import Image as WagtailImage

from . import consent as rule
from .image_texts import ImageText, text_for  # noqa: F401 (ImageText: a model of this app)
from .private import PRIVATE_PREFIX, PRIVATE_RENDITIONS
from .video_tracks import validate_webvtt  # noqa: F401 (migrations name it media.models.validate_webvtt)

CONSENT_WITHDRAWN_ACTION = "site_media.consent_withdrawn"

IDENTIFIABLE_HELP = _(
    "Ist auf dem Bild mindestens eine Person erkennbar, wird es öffentlich nur gezeigt, solange für jede "
    "abgebildete Person eine gültige Einwilligung für die jeweilige Verwendung vorliegt (KUG §§ 22/23, "
    "DSGVO Art. 7). Neue Bilder gelten zunächst als „zeigt Personen“."
)


class PublicQuerySetMixin:
    """The consent rule in SQL for any model with `shows_identifiable_people` and `consents`."""

    def _usable_q(self, use, day):
        consents = Consent.objects.filter(**{self.consent_field: OuterRef("pk")})
        return Q(shows_identifiable_people=False) | (
            Exists(consents) & ~Exists(consents.filter(rule.invalid_q(use, day))))

    def _flags(self, uses, day, known):
        flags = {"public_checked_on": Value(day, output_field=models.DateField())}
        for use in uses:
            flags[f"known_public_{use}"] = Value(True) if use in known else Case(
                When(self._usable_q(use, day), then=Value(True)), default=Value(False),
                output_field=models.BooleanField())
        return flags

    def publicly_usable(self, use="website", day=None):
        """Only what may be shown for `use` on `day` (default today); each object remembers that it was
        checked, so `is_public(use)` on it costs no further query."""
        day = day or rule.today()
        return self.filter(self._usable_q(use, day)).annotate(**self._flags([use], day, known={use}))

    def with_public_flags(self, *uses, day=None):
        """All objects, each annotated with whether it may be shown for each of `uses` on `day`."""
        day = day or rule.today()
        return self.annotate(**self._flags(uses or rule.USES, day, known=set()))

    def not_publicly_usable(self, use="website", day=None):
        """What may not be shown for `use` on `day` (the daily rendition clean-up looks for these)."""
        day = day or rule.today()
        return self.exclude(self._usable_q(use, day))


class CustomImageQuerySet(PublicQuerySetMixin, ImageQuerySet):
    consent_field = "image"

    def for_public_rendering(self, *uses):
        """Consent flags and renditions in the same go: `is_public()` and `{% picture %}` cost no query."""
        return self.with_public_flags(*(uses or ("website",))).prefetch_renditions()


class PublicMixin:
    def consent_records(self):
        """All consent records, read once per object (prefetch_related("consents") is used when present)."""
        if "_consent_records" not in self.__dict__:
            self.__dict__["_consent_records"] = list(self.consents.all())
        return self.__dict__["_consent_records"]

    def remember_public(self, use, day):
        """A query has just found this object usable for `use` on `day` (it filtered with
        ``publicly_usable``): ``is_public(use)`` on it costs no further query."""
        self.__dict__[f"known_public_{use}"] = True
        self.__dict__["public_checked_on"] = day

    def forget_consents(self):
        self.__dict__.pop("_consent_records", None)
        self.__dict__.pop("public_checked_on", None)
        getattr(self, "_prefetched_objects_cache", {}).pop("consents", None)

    def is_public(self, use="website", day=None):
        """May this picture be shown for `use` (website, press, social) on `day` (default today)?"""
        rule.check_use(use)
        if not self.shows_identifiable_people:
            return True
        day = day or rule.today()
        known = self.__dict__.get(f"known_public_{use}")
        if known is not None and self.__dict__.get("public_checked_on") == day:
            return bool(known)  # checked by the query that loaded this object
        return rule.is_usable(True, self.consent_records(), use, day)

    def consent_problems(self, use="website", day=None):
        """Codes explaining why the picture is not usable (admin report); empty when it is."""
        day = day or rule.today()
        if not self.shows_identifiable_people:
            return []
        records = self.consent_records()
        if not records:
            return ["no_consent"]
        return sorted({code for r in records for code in rule.record_problems(r, use, day)})


class CustomImage(PublicMixin, AbstractImage):
    """The site's image model.

    Wagtail's own `description` field is the alt text; it is required unless the
    image is marked decorative. Credit and licence are shown with the image.

    The flag is `is_decorative`, not `decorative`: Wagtail keeps a per-use attribute of that name
    (ImageBlock's "decorative" choice) and resets it in `AbstractImage.__init__`, which would
    overwrite a stored value every time an image is loaded from the database.
    """

    is_decorative = models.BooleanField(
        _("rein dekorativ"),
        default=False,
        help_text=_("Dekorative Bilder bekommen ein leeres alt-Attribut und brauchen keinen Alternativtext."),
    )
    credit = models.CharField(_("Fotografin/Fotograf, Credit"), max_length=255, blank=True)
    licence = models.CharField(_("Lizenz"), max_length=255, blank=True)
    # Safe default: a new upload counts as showing people until an editor says otherwise
    # or records the consents.
    shows_identifiable_people = models.BooleanField(
        _("zeigt erkennbare Personen"), default=True, help_text=IDENTIFIABLE_HELP)

    objects = CustomImageQuerySet.as_manager()

    admin_form_fields = WagtailImage.admin_form_fields + (
        "is_decorative", "credit", "licence", "shows_identifiable_people")

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")
        permissions = [("choose_image", "Can choose image")]

    def clean(self):
        super().clean()
        if not self.is_decorative and not self.description.strip():
            raise ValidationError(
                {"description": _("Bitte einen Alternativtext angeben oder das Bild als dekorativ markieren.")}
            )

    def save(self, *args, **kwargs):
        existed = self.pk is not None
        super().save(*args, **kwargs)
        if existed:  # e.g. "shows identifiable people" switched: renditions may have to change sides
            image_id = self.pk
            transaction.on_commit(lambda: sync_rendition_privacy(image_id))

    @property
    def default_alt_text(self):
        # Used by {% image %} and {% picture %} for the alt attribute: the active language's
        # (media.image_texts), else the description. Decorative everywhere (the stored flag) or in
        # one use (Wagtail's ImageBlock sets `decorative`).
        if self.is_decorative or self.decorative:
            return ""
        return text_for(self.pk)[0] or self.description or self.title

    @property
    def default_caption(self):
        """The image's caption in the active language (for places without a caption of their own)."""
        return text_for(self.pk)[1]

    @property
    def credit_line(self):
        return ", ".join(part for part in (self.credit, self.licence) if part)


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        """Renditions of a picture that may not be shown for any use (e.g. the admin thumbnail after a
        withdrawal) go to the private storage (media.private): no /media/ URL for them."""
        name = super().get_upload_to(filename)
        return name if shown_anywhere(self.image) else PRIVATE_RENDITIONS + name.rsplit("/", 1)[-1]


def shown_anywhere(image):
    return any(image.is_public(use) for use in rule.USES)


def sync_rendition_privacy(image_id):
    """After a change of consent: delete the renditions stored on the wrong side (public copies of a
    picture that may no longer be shown, private copies of one that may be shown again)."""
    image = CustomImage.objects.filter(pk=image_id).first()
    if image is None:
        return
    renditions = Rendition.objects.filter(image_id=image_id)
    if shown_anywhere(image):
        renditions.filter(file__startswith=PRIVATE_PREFIX).delete()
    else:
        renditions.exclude(file__startswith=PRIVATE_PREFIX).delete()


# --- video ------------------------------------------------------------------------------------

class VideoQuerySet(PublicQuerySetMixin, models.QuerySet):
    consent_field = "video"


class Video(PublicMixin, ClusterableModel):
    """A self-hosted video, played by the browser's own <video> element.

    Our own model rather than wagtailmedia: captions per language (WebVTT), an optional described
    version and transcripts are first-class here, the poster is one of our images (alt text,
    credit, consent) and the video takes part in the same consent rule as images.
    """

    title = models.CharField(_("Titel"), max_length=255)
    file = models.FileField(
        _("Videodatei"), upload_to="videos/",
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text=_("MP4 (H.264/AAC) oder WebM; kurz und klein halten, die Website spielt sie selbst aus."))
    poster = models.ForeignKey(CustomImage, verbose_name=_("Vorschaubild"), on_delete=models.PROTECT,
                               related_name="+")
    width = models.PositiveSmallIntegerField(_("Breite (px)"), default=1280)
    height = models.PositiveSmallIntegerField(_("Höhe (px)"), default=720)
    duration = models.PositiveIntegerField(_("Dauer (Sekunden)"), null=True, blank=True)
    audio_description_file = models.FileField(
        _("Fassung mit Audiodeskription"), upload_to="videos/", blank=True,
        validators=[FileExtensionValidator(["mp4", "webm", "mp3", "m4a"])],
        help_text=_("Optional: eine Fassung, in der das Bildgeschehen gesprochen beschrieben wird."))
    credit = models.CharField(_("Credit"), max_length=255, blank=True)
    licence = models.CharField(_("Lizenz"), max_length=255, blank=True)
    shows_identifiable_people = models.BooleanField(
        _("zeigt erkennbare Personen"), default=True, help_text=IDENTIFIABLE_HELP)

    objects = VideoQuerySet.as_manager()

    panels = [
        FieldPanel("title"), FieldPanel("file"), FieldPanel("poster"),
        FieldRowPanel([FieldPanel("width"), FieldPanel("height"), FieldPanel("duration")]),
        InlinePanel("tracks", heading=_("Untertitel und Transkripte"), label=_("Textspur"), min_num=1),
        FieldPanel("audio_description_file"),
        MultiFieldPanel([FieldPanel("credit"), FieldPanel("licence"), FieldPanel("shows_identifiable_people")],
                        heading=_("Rechte")),
    ]

    class Meta:
        verbose_name = _("Video")
        verbose_name_plural = _("Videos")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def mime_type(self):
        return "video/webm" if self.file.name.lower().endswith(".webm") else "video/mp4"

    @property
    def credit_line(self):
        return ", ".join(part for part in (self.credit, self.licence) if part)

    def text_tracks(self):
        return list(self.tracks.all())  # uses prefetch_related("tracks") when present

    def caption_tracks(self):
        return [t for t in self.text_tracks() if t.kind == "captions"]

    def has_captions(self, language=None):
        return any(language is None or t.language == language for t in self.caption_tracks())

    def default_caption_track(self, language):
        """The captions shown by default: those in the page language, else the first."""
        tracks = self.caption_tracks()
        return next((t for t in tracks if t.language == language), tracks[0] if tracks else None)

    def transcript(self, language):
        tracks = self.text_tracks()
        track = next((t for t in tracks if t.language == language and t.transcript), None)
        return track or next((t for t in tracks if t.transcript), None)


# --- consent ----------------------------------------------------------------------------------

#: What a picture's consent record takes over from the consent given before the recording.
COPIED_TO_PICTURES = ("person_name", "use_website", "use_press", "use_social", "given_on", "valid_until",
                      "withdrawn_on", "is_minor", "guardian_name", "guardian_consented_on", "evidence", "occasion")


class Consent(models.Model):
    """One depicted person's consent to the publication of one image or video.

    A record without image and video is a consent given *before* the pictures exist ("vor der
    Aufnahme"), e.g. by a participant answering the invitation to a council: it names the occasion,
    lets the photographer know whom they may photograph, and is the basis (``based_on``) of the
    records for the pictures taken later. Only records of an image or video count for the consent
    rule (media.consent); withdrawing a record also withdraws the records based on it.

    The person's name (and their guardian's) is internal: it appears in no public template,
    API field, feed or search index; __str__ leaves it out so log entries do not carry it either.
    """

    image = models.ForeignKey(CustomImage, verbose_name=_("Bild"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="consents")
    video = models.ForeignKey(Video, verbose_name=_("Video"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="consents")
    person_name = models.CharField(
        _("Name der abgebildeten Person"), max_length=255,
        help_text=_("Intern: erscheint nirgends öffentlich, auch nicht in API, Feeds oder Suche."))
    use_website = models.BooleanField(_("Website"), default=True)
    use_press = models.BooleanField(_("Presse"), default=False)
    use_social = models.BooleanField(_("Soziale Medien"), default=False)
    given_on = models.DateField(_("Einwilligung erteilt am"))
    valid_until = models.DateField(_("gültig bis einschließlich"), null=True, blank=True,
                                   help_text=_("Leer: gilt bis zum Widerruf."))
    withdrawn_on = models.DateField(
        _("widerrufen am"), null=True, blank=True,
        help_text=_("Ab diesem Tag verschwindet das Bild von allen öffentlichen Seiten, aus Pressemappe, "
                    "API und Feeds – ohne dass jemand die Seiten bearbeiten muss."))
    is_minor = models.BooleanField(_("minderjährig"), default=False)
    guardian_name = models.CharField(_("Name der/des Sorgeberechtigten"), max_length=255, blank=True)
    guardian_consented_on = models.DateField(_("Einwilligung der/des Sorgeberechtigten am"), null=True,
                                             blank=True)
    evidence = models.CharField(
        _("Nachweis"), max_length=255, blank=True,
        help_text=_("Wo die unterschriebene Einwilligung liegt, z. B. Ordner und Blatt. Keine Scans hochladen."))
    occasion = models.CharField(
        _("Anlass"), max_length=255, blank=True,
        help_text=_("Bei einer Einwilligung vor der Aufnahme: wofür sie gilt, z. B. der Workshop eines "
                    "Wahlkreisrats."))
    based_on = models.ForeignKey(
        "self", verbose_name=_("beruht auf der Einwilligung vor der Aufnahme"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="picture_consents", limit_choices_to={
            "image__isnull": True, "video__isnull": True},
        help_text=_("Wird sie widerrufen, gilt der Widerruf auch für dieses Bild."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), null=True,
                                    blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    # Consents are not "usages" of an image: keep them out of Wagtail's reference index.
    wagtail_reference_index_ignore = True

    panels = [
        FieldRowPanel([FieldPanel("image"), FieldPanel("video")]),
        FieldPanel("occasion"),
        FieldPanel("based_on"),
        FieldPanel("person_name"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("use_website"), FieldPanel("use_press"),
                                        FieldPanel("use_social")])],
                        heading=_("Verwendungen")),
        FieldRowPanel([FieldPanel("given_on"), FieldPanel("valid_until"), FieldPanel("withdrawn_on")]),
        MultiFieldPanel([FieldPanel("is_minor"), FieldRowPanel([FieldPanel("guardian_name"),
                                                                FieldPanel("guardian_consented_on")])],
                        heading=_("Minderjährige")),
        FieldPanel("evidence"),
    ]

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(image__isnull=True) | Q(video__isnull=True),
                name="consent_for_at_most_one_image_or_video"),
            models.CheckConstraint(
                condition=Q(is_minor=False) | Q(guardian_consented_on__isnull=False),
                name="consent_of_minor_needs_guardian"),
        ]

    def __str__(self):
        subject = self.subject
        if subject is None:
            return str(_("Einwilligung #%(pk)s vor der Aufnahme")) % {"pk": self.pk or "–"}
        return str(_("Einwilligung #%(pk)s zu „%(subject)s“")) % {"pk": self.pk or "–", "subject": subject}

    @property
    def subject(self):
        return (self.image if self.image_id else None) or (self.video if self.video_id else None)

    @property
    def is_before_recording(self):
        return not self.image_id and not self.video_id

    def allows_any_use(self, day=None):
        """Allows at least one use on `day` (default today): may the photographer take pictures?"""
        return any(rule.record_allows(self, use, day or rule.today()) for use in rule.USES)

    def for_picture(self, image=None, video=None):
        """A saved record for one picture of the occasion, based on this consent (withdrawn with it)."""
        copied = {f: getattr(self, f) for f in COPIED_TO_PICTURES}
        return Consent.objects.create(image=image, video=video, based_on=self, **copied)

    def clean(self):
        errors = {}
        if self.image_id and self.video_id:
            errors["image"] = _("Bitte genau ein Bild oder ein Video wählen.")
        elif not self.image_id and not self.video_id and not self.occasion.strip():
            errors["image"] = _("Bitte ein Bild oder ein Video wählen oder, für eine Einwilligung vor der "
                                "Aufnahme, den Anlass angeben.")
        if self.based_on_id and (self.based_on_id == self.pk or not self.based_on.is_before_recording):
            errors["based_on"] = _("Bitte eine Einwilligung vor der Aufnahme wählen.")
        if not (self.use_website or self.use_press or self.use_social):
            errors["use_website"] = _("Bitte mindestens eine Verwendung ankreuzen.")
        if self.given_on and self.valid_until and self.valid_until < self.given_on:
            errors["valid_until"] = _("Das Ende liegt vor dem Beginn der Einwilligung.")
        if self.given_on and self.withdrawn_on and self.withdrawn_on < self.given_on:
            errors["withdrawn_on"] = _("Der Widerruf liegt vor der Einwilligung.")
        if self.is_minor:
            if not self.guardian_name.strip():
                errors["guardian_name"] = _("Bei Minderjährigen muss eine sorgeberechtigte Person einwilligen.")
            if not self.guardian_consented_on:
                errors["guardian_consented_on"] = _(
                    "Bei Minderjährigen muss eine sorgeberechtigte Person einwilligen.")
        if errors:
            raise ValidationError(errors)

    def problems(self, use="website", day=None):
        return rule.record_problems(self, use, day or rule.today())

    def save(self, *args, **kwargs):
        base = self.based_on if self.based_on_id else None
        if base is not None and base.withdrawn_on and not (self.withdrawn_on and self.withdrawn_on <= base.withdrawn_on):
            self.withdrawn_on = base.withdrawn_on  # a picture cannot outlive the consent it rests on
        newly_withdrawn = bool(self.withdrawn_on) and (
            self.pk is None
            or Consent.objects.filter(pk=self.pk, withdrawn_on__isnull=True).exists()
        )
        super().save(*args, **kwargs)
        for subject in (self.image if self.image_id else None, self.video if self.video_id else None):
            if subject is not None:
                subject.forget_consents()
        if newly_withdrawn:
            self._after_withdrawal()
            for record in self.picture_consents.filter(Q(withdrawn_on__isnull=True)
                                                       | Q(withdrawn_on__gt=self.withdrawn_on)):
                record.withdraw(on=self.withdrawn_on, user=getattr(self, "_withdrawn_by", None))
        elif self.image_id:
            image_id = self.image_id
            transaction.on_commit(lambda: sync_rendition_privacy(image_id))

    def delete(self, *args, **kwargs):
        image_id = self.image_id
        result = super().delete(*args, **kwargs)
        if image_id:
            transaction.on_commit(lambda: sync_rendition_privacy(image_id))
        return result

    def withdraw(self, on=None, user=None):
        """Record the withdrawal (from `on`, default today). Logged; renditions removed. The records
        of pictures based on this consent are withdrawn with it."""
        self.withdrawn_on = on or rule.today()
        self._withdrawn_by = user
        self.save()

    def _after_withdrawal(self):
        from wagtail.log_actions import log

        log(instance=self, action=CONSENT_WITHDRAWN_ACTION, user=getattr(self, "_withdrawn_by", None),
            data={"withdrawn_on": self.withdrawn_on.isoformat(),
                  "image_id": self.image_id, "video_id": self.video_id})
        if self.image_id:
            image_id = self.image_id
            # Old rendition URLs (in caches, shared links) stop working; the original stays for
            # the record and for a later, new consent.
            transaction.on_commit(lambda: delete_renditions(image_id))


def delete_renditions(image_id):
    """Remove every derived copy of an image: renditions (Wagtail's post_delete handlers remove
    the files and purge the rendition cache) and cached press-kit files."""
    from .press_files import purge_press_files

    Rendition.objects.filter(image_id=image_id).delete()
    purge_press_files(image_id)


from .video_tracks import VideoTrack  # noqa: E402,F401 (a model of this app, in its own module)
