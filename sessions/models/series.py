"""A repeating session: the rule (python-dateutil's rrule, RFC 5545 semantics) and the
dates it skips. Its occurrences are ClubSession rows; this row is what feeds publish as
RRULE/EXDATE."""

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


class SessionSeries(models.Model):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        FORTNIGHTLY = "fortnightly", _("Every two weeks")
        MONTHLY = "monthly", _("Every month")

    # frequency -> (rrule freq, interval, iCalendar FREQ)
    RULES = {
        Frequency.WEEKLY: (rrule.WEEKLY, 1, "WEEKLY"),
        Frequency.FORTNIGHTLY: (rrule.WEEKLY, 2, "WEEKLY"),
        Frequency.MONTHLY: (rrule.MONTHLY, 1, "MONTHLY"),
    }

    club = models.ForeignKey(
        "clubs.Club",
        verbose_name=_("organising club"),
        on_delete=models.PROTECT,
        related_name="session_series",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    frequency = models.CharField(_("repeats"), max_length=12, choices=Frequency.choices)
    # First occurrence's start (aware); every occurrence keeps its local time of day.
    dtstart = models.DateTimeField(_("first starts"))
    duration = models.DurationField(_("duration"))
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("number of times"), null=True, blank=True)
    # ISO dates (Tết, exam weeks, school holidays): a rule date falling on one is skipped
    # and published as an EXDATE.
    skip_dates = models.JSONField(_("skipped dates"), default=list, blank=True)
    # The series this one was split from ("this and following" edits).
    split_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["dtstart"]
        verbose_name = _("session series")
        verbose_name_plural = _("session series")
        constraints = [
            # A series without an end would fill calendars for ever.
            models.CheckConstraint(
                condition=Q(until__isnull=False) | Q(count__isnull=False),
                name="sessionseries_has_an_end",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_frequency_display()})"

    @property
    def local_dtstart(self) -> dt.datetime:
        return self.dtstart.astimezone(LOCAL_TZ)

    @property
    def skipped(self) -> set[dt.date]:
        return {dt.date.fromisoformat(d) for d in self.skip_dates}

    def until_datetime(self) -> dt.datetime | None:
        if self.until is None:
            return None
        return dt.datetime.combine(self.until, dt.time(23, 59, 59), tzinfo=LOCAL_TZ)

    def rule(self) -> rrule.rrule:
        """Every date the rule gives, skipped ones included (RFC 5545: COUNT counts
        them too), as aware local datetimes."""
        freq, interval, _name = self.RULES[self.frequency]  # type: ignore[index]  # a choice
        return rrule.rrule(
            freq,
            interval=interval,
            dtstart=self.local_dtstart,
            until=self.until_datetime(),
            count=self.count,
        )

    def rule_starts(self) -> list[dt.datetime]:
        return list(self.rule())

    def occurrence_starts(self) -> list[dt.datetime]:
        skipped = self.skipped
        return [start for start in self.rule() if start.date() not in skipped]

    def ical_rule(self) -> dict:
        _freq, interval, name = self.RULES[self.frequency]  # type: ignore[index]  # a choice
        value: dict[str, object] = {"FREQ": name}
        if interval != 1:
            value["INTERVAL"] = interval
        if self.count:
            value["COUNT"] = self.count
        else:
            # With a TZID'd DTSTART, UNTIL must be given in UTC (RFC 5545 3.3.10).
            value["UNTIL"] = self.until_datetime().astimezone(dt.UTC)  # type: ignore[union-attr]
        return value
