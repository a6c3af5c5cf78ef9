"""Scheduled club sessions. (Not "Session": Django's own sessions app has that word.)"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
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
        ]
        indexes = [models.Index(fields=["club", "starts_at"])]

    def __str__(self):
        return self.title
