"""Support given to a member (scholarship, learning tools, food, other), as records the
centre can count, instead of free-text notes. Sensitive: only centre social workers see
them (docs/clubs-access.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# An amount above this (500 million đồng) is a typing slip, not a scholarship.
VALUE_MAX = 500_000_000


class SupportRecord(models.Model):
    class Kind(models.TextChoices):
        SCHOLARSHIP = "scholarship", _("Scholarship")
        LEARNING_TOOLS = "learning_tools", _("Learning tools")
        FOOD = "food", _("Food")
        OTHER = "other", _("Other support")

    pupil = models.ForeignKey(
        "clubs.Pupil", verbose_name=_("pupil"), on_delete=models.CASCADE,
        related_name="support_records",
    )
    # The club through which it was given: the report counts it there.
    club = models.ForeignKey(
        "clubs.Club", verbose_name=_("club"), on_delete=models.PROTECT,
        related_name="support_records",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    given_on = models.DateField(_("given on"))
    donor = models.CharField(_("donor or source"), max_length=200)
    value = models.PositiveBigIntegerField(
        _("value (đồng)"), help_text=_("The amount, or what the goods are worth, in đồng."))
    description = models.CharField(_("what was given"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("support given")
        verbose_name_plural = _("support given")
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0) & Q(value__lte=VALUE_MAX),
                                   name="supportrecord_value_sensible"),
        ]
        indexes = [models.Index(fields=["given_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.given_on}"
