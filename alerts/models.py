"""Per-club thresholds of the early warnings: a member who missed this many expected
sessions in a row, or whose attendance this school year fell under this share."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MISSED_DEFAULT, RATE_DEFAULT = 3, 50


class ClubWarningSettings(models.Model):
    club = models.OneToOneField("clubs.Club", verbose_name=_("club"), on_delete=models.CASCADE,
                                related_name="warning_settings")
    missed_in_row = models.PositiveSmallIntegerField(
        _("sessions missed in a row"), default=MISSED_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(50)])
    min_rate = models.PositiveSmallIntegerField(
        _("lowest attendance (%)"), default=RATE_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(100)])
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("early-warning settings")
        verbose_name_plural = _("early-warning settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(missed_in_row__gte=1, missed_in_row__lte=50,
                            min_rate__gte=1, min_rate__lte=100),
                name="clubwarningsettings_thresholds_sensible"),
        ]

    def __str__(self):
        return f"{self.club_id}: {self.missed_in_row} / {self.min_rate}%"
