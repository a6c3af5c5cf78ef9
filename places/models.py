"""Viet Nam's administrative units as data: provinces and their communes, wards and
special zones.

Since 1 July 2025 local government has two levels (Resolution 202/2025/QH15 for the 34
provinces, one resolution of the National Assembly Standing Committee per province for
its communes); districts are gone. A unit is never deleted or rewritten when it is
merged or renamed: it gets ``valid_until`` and a ``successor``, and the unit that
replaces it starts at ``valid_from``. Old records keep pointing at the unit they named,
so past years still read right, and selectors follow successors to today's unit.

The shipped lists and how to refresh them: docs/places.md.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The day the two-level local government started working.
REFORM_DATE = datetime.date(2025, 7, 1)


class UnitQuerySet(models.QuerySet):
    def current(self, on=None):
        """Units in force on ``on`` (default: today in the active time zone)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        )


class Unit(models.Model):
    code = models.CharField(
        _("official code"), max_length=10, blank=True,
        help_text=_("The General Statistics Office code; blank until it is known."),
    )
    name = models.CharField(_("name"), max_length=100)
    valid_from = models.DateField(
        _("in force from"), null=True, blank=True,
        help_text=_("Blank when the unit existed before the lists were kept."),
    )
    valid_until = models.DateField(
        _("in force until"), null=True, blank=True,
        help_text=_("The last day before it was merged, renamed or dissolved."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def is_current(self, on=None):
        from django.utils import timezone

        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or self.valid_until >= on
        )


class Province(Unit):
    """A province or centrally-run city (tỉnh, thành phố trực thuộc trung ương)."""

    class Kind(models.TextChoices):
        CITY = "city", _("Centrally-run city")
        PROVINCE = "province", _("Province")

    short_name = models.CharField(
        _("short name"), max_length=60, help_text=_("Without “Tỉnh” or “Thành phố”.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    successor = models.ForeignKey(
        "self", verbose_name=_("merged into"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="predecessors",
    )

    class Meta:
        ordering = ["short_name", "-valid_from"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_until__isnull=True) & ~Q(code=""),
                name="places_province_current_code_unique",
            ),
            models.UniqueConstraint(
                fields=["name"], condition=Q(valid_until__isnull=True),
                name="places_province_current_name_unique",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="places_province_valid_range",
            ),
        ]


class Commune(Unit):
    """A commune-level unit: ward (phường), commune (xã) or special zone (đặc khu).
    Townships (thị trấn) exist only in history: the 2025 reform ended them."""

    class Kind(models.TextChoices):
        WARD = "ward", _("Ward")
        COMMUNE = "commune", _("Commune")
        SPECIAL_ZONE = "special_zone", _("Special zone")
        TOWNSHIP = "township", _("Township (before 2025)")

    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT,
        related_name="communes",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    successor = models.ForeignKey(
        "self", verbose_name=_("merged into"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="predecessors",
    )

    class Meta:
        ordering = ["province__short_name", "name"]
        verbose_name = _("ward or commune")
        verbose_name_plural = _("wards and communes")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_until__isnull=True) & ~Q(code=""),
                name="places_commune_current_code_unique",
            ),
            models.UniqueConstraint(
                fields=["province", "name"], condition=Q(valid_until__isnull=True),
                name="places_commune_current_name_unique",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="places_commune_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["province", "name"])]
