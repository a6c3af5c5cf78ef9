"""Secret calendar-feed addresses. Calendar apps cannot sign in, so a feed that is not
public is reached by an unguessable token in its URL; a revoked token answers 404."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    # 24 random bytes = 192 bits, url-safe; never derived from an id.
    return secrets.token_urlsafe(24)


class MemberFeedToken(models.Model):
    """A pupil's private calendar: the sessions of their clubs, school and public events."""

    pupil = models.ForeignKey(
        "clubs.Pupil",
        verbose_name=_("pupil"),
        on_delete=models.CASCADE,
        related_name="feed_tokens",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("member calendar address")
        verbose_name_plural = _("member calendar addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["pupil"],
                condition=Q(revoked_at__isnull=True),
                name="memberfeedtoken_one_valid_per_pupil",
            ),
        ]

    def __str__(self):
        return f"{self.pupil_id}: {self.created_at:%Y-%m-%d}"


class UserFeedToken(models.Model):
    """A leader's club feed (club set) or a staff member's centre-wide feed (club empty).
    Access is checked again through clubs.access at every fetch, so a leader who leaves a
    club stops receiving its calendar even if the address leaked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="feed_tokens",
    )
    club = models.ForeignKey(
        "clubs.Club",
        verbose_name=_("club"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
        constraints = [
            # Two partial constraints rather than one with nulls_distinct=False, which
            # SQLite (the embedded default) cannot enforce.
            models.UniqueConstraint(
                fields=["user", "club"],
                condition=Q(revoked_at__isnull=True, club__isnull=False),
                name="userfeedtoken_one_valid_per_club",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True, club__isnull=True),
                name="userfeedtoken_one_valid_centre_wide",
            ),
        ]

    def __str__(self):
        return f"{self.user_id}/{self.club_id or 'centre'}"


class FeedState(models.Model):
    """What one feed last served (in whichever language), and since when. Last-Modified is
    ``modified_at``: it moves only forward and whenever the content served changes, so
    If-Modified-Since never answers 304 to changed content. Several processes serve feeds,
    so this lives in the database, not in a process's memory."""

    scope = models.CharField(_("feed"), max_length=100, unique=True)
    etag = models.CharField(_("content tag"), max_length=100)
    modified_at = models.DateTimeField(_("content changed"))

    class Meta:
        verbose_name = _("calendar feed state")
        verbose_name_plural = _("calendar feed states")

    def __str__(self):
        return self.scope
