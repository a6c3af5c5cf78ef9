"""One scheduled session: a club activity, a centre thematic session, a mock trial hearing,
a rehearsal or a training class. (Not "Session": Django's own sessions app has that word.)

A series (sessions.models.series) is stored as its rule *and* as one row per occurrence, so
attendance, registrations and per-occurrence edits always have a row to point at.
"""

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _


class ClubSession(models.Model):
    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic life-skills session")
        ACTIVITY = "activity", _("Club activity")
        MOCK_TRIAL = "mock_trial", _("Mock trial")
        REHEARSAL = "rehearsal", _("Rehearsal")
        TRAINING = "training", _("Training class")

    class Audience(models.TextChoices):
        CLUB = "club", _("One club")
        CLUBS = "clubs", _("Several clubs")
        SCHOOL = "school", _("A whole school")
        PUBLIC = "public", _("Public")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("life-skill topic"), max_length=50, blank=True)
    club = models.ForeignKey(
        "clubs.Club",
        verbose_name=_("organising club"),
        on_delete=models.PROTECT,
        related_name="club_sessions",
        null=True,
        blank=True,
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.CLUB
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    private_notes = models.TextField(_("private facilitator notes"), blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Shown in calendars and, for public events, to everyone. No pupil names."),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        blank=True,
        related_name="facilitated_sessions",
    )
    # Audience "several clubs": the organising club plus these.
    guest_clubs = models.ManyToManyField(
        "clubs.Club", verbose_name=_("guest clubs"), blank=True, related_name="guest_sessions"
    )
    # Audience "a whole school".
    school = models.ForeignKey(
        "clubs.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="school_sessions",
    )
    # CMS content is reached only through the stable Page table (see HOUSE_STYLE).
    materials: models.ManyToManyField = models.ManyToManyField(
        "wagtailcore.Page", verbose_name=_("materials"), blank=True, related_name="+"
    )
    series = models.ForeignKey(
        "club_sessions.SessionSeries",
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="occurrences",
    )
    # The start the series rule gave this occurrence: its RECURRENCE-ID in feeds. It never
    # changes when the occurrence itself is moved.
    occurrence_start = models.DateTimeField(_("occurrence of the series"), null=True, blank=True)
    # Edited or cancelled on its own: feeds publish it as an override of the series.
    detached = models.BooleanField(_("changed on its own"), default=False)
    # iCalendar SEQUENCE: raised by every service that changes the session.
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    is_public = models.GeneratedField(
        expression=ExpressionWrapper(Q(audience="public"), output_field=models.BooleanField()),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    # Where a training programme attaches: a session may deliver one module.
    programme_module = models.ForeignKey(
        "club_sessions.TrainingModule",
        verbose_name=_("training module"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("club session")
        verbose_name_plural = _("club sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="clubsession_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(series__isnull=True, occurrence_start__isnull=True)
                | Q(series__isnull=False, occurrence_start__isnull=False),
                name="clubsession_occurrence_has_series",
            ),
            models.UniqueConstraint(
                fields=["series", "occurrence_start"],
                condition=Q(series__isnull=False),
                name="clubsession_one_row_per_occurrence",
            ),
        ]
        indexes = [
            models.Index(fields=["club", "starts_at"]),
            models.Index(fields=["starts_at", "ends_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED
