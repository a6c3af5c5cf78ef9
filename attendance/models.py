"""Who came to which club session, and how we know.

Every way in (projector code, leader scanning a card, roster ticks) writes the same
Attendance row through attendance.services.checkin_record / attendance_mark. Secrets
(scanner tokens, phone keys, card secrets in refused scans) are stored only as SHA-256
hashes: a leaked database does not let anyone scan or check in.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    PROJECTOR = "projector", _("Projected code")
    CODE = "code", _("Typed code")
    CARD = "card", _("Card scanned by a leader")
    ROSTER = "roster", _("Roster, by hand")
    AUTO = "auto", _("Automatic (session ended)")


class CheckinSettings(models.Model):
    """Per-session overrides of the check-in window; without a row the ATTENDANCE_*
    settings apply. Lives here because sessions' models belong to another app.

    absentees_marked_at records that the end-of-session job has run, so it runs once.
    """

    session = models.OneToOneField(
        "club_sessions.ClubSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="checkin_settings",
    )
    opens_minutes_before = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the start)"), null=True, blank=True
    )
    late_after_minutes = models.PositiveSmallIntegerField(
        _("late after (minutes past the start)"), null=True, blank=True
    )
    closes_minutes_after = models.PositiveSmallIntegerField(
        _("check-in closes (minutes after the end)"), null=True, blank=True
    )
    absentees_marked_at = models.DateTimeField(_("absentees marked"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in settings")
        verbose_name_plural = _("check-in settings")

    def __str__(self):
        return str(self.session)


class ScannerDevice(models.Model):
    """A leader's phone allowed to call the scanner API without a browser session.
    The token is shown once; only its hash is kept. Revoking it stops it at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.CASCADE,
        related_name="scanner_devices",
    )
    name = models.CharField(_("name"), max_length=80)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("scanner device")
        verbose_name_plural = _("scanner devices")

    def __str__(self):
        return self.name


class PupilDevice(models.Model):
    """A pupil's phone, paired once by opening their member card's link on it.

    The phone keeps a random key in a signed, HttpOnly cookie; we keep its hash. A phone
    holds one pupil at a time: pairing it with another card moves it, and attendances it
    recorded keep pointing here, which is how one phone checking in several pupils shows.
    """

    pupil = models.ForeignKey(
        "clubs.Pupil",
        verbose_name=_("pupil"),
        on_delete=models.CASCADE,
        related_name="checkin_devices",
    )
    key_hash = models.CharField(max_length=64, unique=True)
    paired_at = models.DateTimeField(_("paired"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("pupil's phone")
        verbose_name_plural = _("pupils' phones")

    def __str__(self):
        return f"{self.pupil} ({self.paired_at:%Y-%m-%d})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        "club_sessions.ClubSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    pupil = models.ForeignKey(
        "clubs.Pupil",
        verbose_name=_("pupil"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    # When the pupil arrived as far as we know: the scan time for offline scans.
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    # The client's clock when the scan happened (offline queue); null when online.
    scanned_at = models.DateTimeField(_("scanned at"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    scanner = models.ForeignKey(
        ScannerDevice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pupil_device = models.ForeignKey(
        PupilDevice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
    )

    class Meta:
        ordering = ["checked_in_at"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "pupil"], name="attendance_one_per_pupil_and_session"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["present", "late"]) | Q(checked_in_at__isnull=False),
                name="attendance_present_has_time",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.pupil} @ {self.session}: {self.status}"


class GuestAttendance(models.Model):
    """People who are not members (a mock trial's audience): a headcount, or one person
    with name, school and class."""

    session = models.ForeignKey(
        "club_sessions.ClubSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="guest_attendances",
    )
    headcount = models.PositiveIntegerField(_("number of people"), default=1)
    name = models.CharField(_("name"), max_length=150, blank=True)
    school_name = models.CharField(_("school"), max_length=200, blank=True)
    class_name = models.CharField(_("class"), max_length=20, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        constraints = [
            models.CheckConstraint(condition=Q(headcount__gte=1), name="guest_headcount_positive"),
            models.CheckConstraint(
                condition=Q(name="") | Q(headcount=1), name="guest_named_is_one_person"
            ),
        ]

    def __str__(self):
        return self.name or str(self.headcount)


class RefusedScan(models.Model):
    """A check-in attempt that was refused, kept so a leader can see who was turned
    away and why. The raw token is never stored, only its hash (to spot repeats)."""

    session = models.ForeignKey(
        "club_sessions.ClubSession",
        on_delete=models.CASCADE,
        null=True,
        related_name="refused_scans",
    )
    code = models.CharField(_("reason"), max_length=40)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    pupil = models.ForeignKey(
        "clubs.Pupil", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scanner = models.ForeignKey(
        ScannerDevice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pupil_device = models.ForeignKey(
        PupilDevice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scanned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("refused scan")
        verbose_name_plural = _("refused scans")
        indexes = [models.Index(fields=["session", "created_at"])]

    def __str__(self):
        return f"{self.code} @ {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def reason(self) -> str:
        """The reason in the reader's language (the code stays stable in the data)."""
        from attendance.errors import MESSAGES

        return str(MESSAGES.get(self.code, self.code))


class CheckinNonce(models.Model):
    """The first answer given to a client nonce, so a retried or re-synced scan gets the
    same answer and stores nothing twice. Scoped by who sent it, so one client's nonce
    can never reveal another's answer."""

    scope = models.CharField(max_length=40)
    nonce = models.CharField(max_length=64)
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "nonce"], name="checkinnonce_unique"),
        ]

    def __str__(self):
        return f"{self.scope}:{self.nonce}"


class AttendanceChange(models.Model):
    """A trace of every correction (nothing is deleted without one): a check-in taken
    back, a status changed, guests removed; who did it and when. Append-only: written by
    attendance.services, shown to the session's leaders, read-only in the admin."""

    class Action(models.TextChoices):
        UNDONE = "undone", _("Check-in taken back")
        STATUS = "status", _("Status changed")
        GUESTS_REMOVED = "guests_removed", _("Guests removed")

    session = models.ForeignKey(
        "club_sessions.ClubSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance_changes",
    )
    action = models.CharField(_("change"), max_length=20, choices=Action.choices)
    pupil = models.ForeignKey(
        "clubs.Pupil",
        verbose_name=_("pupil"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    old_status = models.CharField(
        _("before"), max_length=10, choices=Attendance.Status.choices, blank=True
    )
    new_status = models.CharField(
        _("after"), max_length=10, choices=Attendance.Status.choices, blank=True
    )
    # Removed guests: how many, and the name when one person was named.
    headcount = models.PositiveIntegerField(_("number of people"), null=True, blank=True)
    guest_name = models.CharField(_("name"), max_length=150, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        indexes = [models.Index(fields=["session", "at"])]

    def __str__(self):
        return f"{self.action} @ {self.at:%Y-%m-%d %H:%M}"
