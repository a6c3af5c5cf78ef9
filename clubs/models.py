"""Schools, clubs, pupils and who belongs where.

History is never overwritten: leaving a club closes a membership (with a reason) rather
than deleting it, board roles and leader assignments carry start and end dates, and a
reissued card revokes the previous secret instead of replacing it.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class School(models.Model):
    class Level(models.TextChoices):
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary (grades 6-9)")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary (grades 10-12)")

    name = models.CharField(_("name"), max_length=200, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    province = models.ForeignKey(
        "places.Province", verbose_name=_("province"), on_delete=models.PROTECT,
        related_name="schools",
    )
    commune = models.ForeignKey(
        "places.Commune", verbose_name=_("ward or commune"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="schools",
    )
    # Labels from before the 2025 reform, kept as they were written: history only.
    former_district = models.CharField(_("former district"), max_length=100, blank=True)
    former_ward = models.CharField(_("former ward or commune"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            raise ValidationError({"commune": _("This ward or commune is in another province.")})

    @property
    def place_label(self) -> str:
        """Where the school is, for lists: “Phường Cái Khế, Cần Thơ”, or the former
        district when no ward is set yet."""
        parts = [self.commune.name if self.commune_id else "",  # type: ignore[union-attr]
                 self.province.short_name if self.province_id else ""]
        if not self.commune_id and self.former_district:
            parts[0] = _("former %(district)s district") % {"district": self.former_district}
        return ", ".join(p for p in parts if p)


class Club(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="clubs"
    )
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    description = models.TextField(_("description"), blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("club")
        verbose_name_plural = _("clubs")

    def __str__(self):
        return self.name


class Pupil(models.Model):
    """A child or young person. Only what the club needs: year of birth, not a birth date.

    Sensitive notes (family situation, health, support received) are not here: they live
    in SupportNote, visible to centre social workers only.
    """

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    full_name = models.CharField(_("full name"), max_length=150)
    # full_name folded (no diacritics, lower case), kept by clubs.services: searching
    # "nguyen van an" finds "Nguyễn Văn An" on SQLite and PostgreSQL alike.
    search_name = models.CharField(_("name for search"), max_length=150, blank=True,
                                   editable=False)
    # full_name's class-list order (clubs.collation.name_sort_key), kept beside
    # search_name: every list of people orders by it.
    sort_key = models.BinaryField(_("name for ordering"), default=b"", editable=False)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="pupils"
    )
    grade = models.PositiveSmallIntegerField(_("grade"))
    class_name = models.CharField(_("class"), max_length=20, blank=True)
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_relationship = models.CharField(
        _("guardian's relationship"), max_length=50, blank=True
    )
    guardian_phone = models.CharField(_("guardian's phone"), max_length=20, blank=True)
    member_code = models.CharField(_("member code"), max_length=20, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sign-in account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pupil",
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["sort_key", "pk"]
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        constraints = [
            models.CheckConstraint(
                condition=Q(grade__gte=1) & Q(grade__lte=12), name="pupil_grade_1_to_12"
            ),
            models.CheckConstraint(
                condition=Q(birth_year__gte=1990) & Q(birth_year__lte=2100),
                name="pupil_birth_year_plausible",
            ),
        ]
        indexes = [models.Index(fields=["school", "grade", "class_name"])]

    def __str__(self):
        return self.full_name


class Membership(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        ALUMNI = "alumni", _("Alumni")
        # Under 16 without a valid guardian consent (and, from 7, the child's assent):
        # on the roster for the leader to complete, but not yet a member (not counted,
        # not expected, not checked in). clubs.services activates it with the consent.
        PENDING = "pending", _("Awaiting consent")

    # Memberships still open: at most one per pupil and club, never with a leaving date.
    OPEN_STATUSES = (Status.ACTIVE, Status.PENDING)

    pupil = models.ForeignKey(
        Pupil, verbose_name=_("pupil"), on_delete=models.CASCADE, related_name="memberships"
    )
    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    joined_on = models.DateField(_("joined"))
    # When the membership became active: the day it opened, or the day the guardian's
    # consent arrived. Empty for one that never did (it closed while awaiting consent),
    # which the yearly figures therefore never count.
    activated_on = models.DateField(_("active since"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)

    class Meta:
        ordering = ["-joined_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "club"],
                condition=Q(status__in=["active", "pending"]),
                name="membership_one_active_per_pupil_and_club",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_left_after_joined",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["active", "pending"]) | Q(left_on__isnull=True),
                name="membership_active_has_not_left",
            ),
            # Leaving is recorded, never silent: a closed membership says when and why.
            models.CheckConstraint(
                condition=Q(status__in=["active", "pending"])
                | (Q(left_on__isnull=False) & ~Q(leave_reason="")),
                name="membership_left_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(activated_on__isnull=False),
                name="membership_active_has_activation_date",
            ),
        ]
        indexes = [models.Index(fields=["club", "status"])]

    def __str__(self):
        return f"{self.pupil} @ {self.club}"


class BoardRole(models.Model):
    """A pupil's seat on their club's board, for a period."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY = "secretary", _("Secretary")
        TREASURER = "treasurer", _("Treasurer")
        MEMBER = "member", _("Board member")

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="board_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["role", "-starts_on"]
        verbose_name = _("board role")
        verbose_name_plural = _("board roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="boardrole_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.membership.pupil}"


class LeaderAssignment(models.Model):
    """An adult (teacher, social worker, volunteer) who mentors a club, for a period."""

    class Kind(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        SOCIAL_WORKER = "social_worker", _("Social worker")
        VOLUNTEER = "volunteer", _("Volunteer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.CASCADE,
        related_name="leader_assignments",
    )
    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="leader_assignments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("leader assignment")
        verbose_name_plural = _("leader assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="leaderassignment_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["user", "club"],
                condition=Q(ends_on__isnull=True),
                name="leaderassignment_one_open_per_user_and_club",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.club}"


def new_card_secret() -> str:
    # 32 url-safe characters from 24 random bytes: 192 bits, never derived from an id.
    return secrets.token_urlsafe(24)


class MemberCard(models.Model):
    """The secret printed as a QR on a pupil's card. Reissuing revokes the old one, which
    then reads as "revoked", not "unknown"."""

    pupil = models.ForeignKey(
        Pupil, verbose_name=_("pupil"), on_delete=models.CASCADE, related_name="cards"
    )
    secret = models.CharField(_("secret"), max_length=64, unique=True, default=new_card_secret)
    issued_at = models.DateTimeField(_("issued"), db_default=Now())
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("member card")
        verbose_name_plural = _("member cards")
        constraints = [
            models.UniqueConstraint(
                fields=["pupil"],
                condition=Q(revoked_at__isnull=True),
                name="membercard_one_valid_per_pupil",
            ),
        ]

    def __str__(self):
        return f"{self.pupil} ({self.issued_at:%Y-%m-%d})"


class GuardianConsent(models.Model):
    """Consent for a pupil under 16 (Decree 13/2023/ND-CP): the guardian's, and for a
    child aged 7 or over, the child's own assent. Withdrawal stops processing at once."""

    class Method(models.TextChoices):
        PAPER = "paper", _("Signed paper form")
        IN_PERSON = "in_person", _("In person, witnessed")
        PHONE = "phone", _("By phone, witnessed")
        ONLINE = "online", _("Online form")

    pupil = models.ForeignKey(
        Pupil, verbose_name=_("pupil"), on_delete=models.CASCADE, related_name="consents"
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=150)
    relationship = models.CharField(_("relationship"), max_length=50)
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    notice_version = models.CharField(_("privacy notice version"), max_length=20)
    child_assent = models.BooleanField(_("the pupil agreed too"), default=False)
    child_assent_on = models.DateField(_("pupil agreed on"), null=True, blank=True)
    photo_consent = models.BooleanField(_("photos may be published"), default=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("guardian consent")
        verbose_name_plural = _("guardian consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(child_assent=False) | Q(child_assent_on__isnull=False),
                name="consent_assent_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.pupil}: {self.guardian_name} ({self.given_on})"


class SupportNote(models.Model):
    """Sensitive notes (family situation, health, support received). Centre social workers
    only: never shown to board members, teachers or pupils."""

    class Kind(models.TextChoices):
        FAMILY = "family", _("Family situation")
        HEALTH = "health", _("Health")
        SUPPORT = "support", _("Support received (scholarship, learning tools, food)")
        OTHER = "other", _("Other")

    pupil = models.ForeignKey(
        Pupil, verbose_name=_("pupil"), on_delete=models.CASCADE, related_name="support_notes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("support note")
        verbose_name_plural = _("support notes")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class RosterImport(models.Model):
    """A roster spreadsheet read and checked, waiting for the leader to confirm.

    Kept on the server (not in the browser) so the rows confirmed are exactly the rows
    previewed. ``rows`` holds the cleaned rows; ``problems`` the errors and warnings as
    codes and parameters, translated when shown.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        DONE = "done", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="roster_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rows = models.JSONField(_("rows"), default=list)
    problems = models.JSONField(_("problems"), default=list)
    imported_count = models.PositiveIntegerField(_("rows imported"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")

    def __str__(self):
        return f"{self.file_name} → {self.club}"


class RecordAccess(models.Model):
    """Append-only log of who viewed, exported or changed a pupil's record, and when."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EDIT = "edit", _("Changed")
        EXPORT = "export", _("Exported")

    pupil = models.ForeignKey(
        Pupil, verbose_name=_("pupil"), on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("record access")
        verbose_name_plural = _("record accesses")
        indexes = [models.Index(fields=["pupil", "at"])]

    def __str__(self):
        return f"{self.user} {self.action} {self.pupil} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # Integrity, not business logic: an audit trail that can be rewritten proves nothing.
        if not self._state.adding:
            raise ValueError("RecordAccess rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("RecordAccess rows are append-only")
