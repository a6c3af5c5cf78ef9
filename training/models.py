"""Training classes for adults and club boards: who applied, who came, who completed,
and the certificates issued (docs/training.md). The curriculum itself (programme,
modules) lives in sessions, where ClubSession.programme_module points."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Qualification(models.Model):
    """What a programme grants ("Trained peer educator"), and what another requires."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    CENTRE_STAFF = "centre_staff", _("Centre staff")
    SOCIAL_WORKER = "social_worker", _("Social workers")
    COLLABORATOR = "collaborator", _("Ward and commune collaborators")
    TEACHER = "teacher", _("Teachers leading clubs")
    PARTNER = "partner", _("Partner organisations' staff")
    CLUB_BOARD = "club_board", _("Club board members")


class OrganisationType(models.TextChoices):
    SOCIAL_WORK_CENTRE = "centre", _("Social work centre")
    WARD_COMMUNE = "ward", _("Ward or commune People's Committee")
    SCHOOL = "school", _("School")
    MASS_ORGANISATION = "mass", _("Mass organisation (Women's Union, Youth Union...)")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class ProgrammeRule(models.Model):
    """The training side of a programme: its serial code, audiences, completion rule
    (the share of modules is the programme's pass_ratio) and what it grants."""

    programme = models.OneToOneField(
        "club_sessions.TrainingProgramme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="rule",
    )
    code = models.CharField(
        _("code in certificate serials"), max_length=10, unique=True,
        help_text=_("Upper-case letters, e.g. CTXH."),
    )
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("post-test pass mark (out of 100)"), null=True, blank=True
    )
    grants = models.ForeignKey(
        Qualification, verbose_name=_("qualification granted"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="granted_by",
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True, help_text=_("Empty: no expiry.")
    )
    prerequisites = models.ManyToManyField(
        Qualification, verbose_name=_("prerequisite qualifications"), blank=True,
        related_name="required_by",
    )

    class Meta:
        verbose_name = _("programme rule")
        verbose_name_plural = _("programme rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__isnull=True) | Q(pass_mark__lte=100),
                name="programmerule_pass_mark_range",
            ),
        ]

    def __str__(self):
        return self.code


class TrainingClass(models.Model):
    """One run of a programme ("Lớp bồi dưỡng kỹ năng CTXH 2026")."""

    programme = models.ForeignKey(
        "club_sessions.TrainingProgramme", verbose_name=_("programme"),
        on_delete=models.PROTECT, related_name="classes",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    partner_organisation = models.CharField(_("partner organisation"), max_length=200, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True,
        related_name="training_classes",
    )
    capacity = models.PositiveIntegerField(_("places"))
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("applications close"))
    sessions = models.ManyToManyField(
        "club_sessions.ClubSession", verbose_name=_("sessions"), blank=True,
        related_name="training_classes",
    )
    completion_confirmed_at = models.DateTimeField(_("completion confirmed"), null=True, blank=True)
    completion_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-applications_open_at"]
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        constraints = [
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=models.F("applications_open_at")),
                name="trainingclass_window_order",
            ),
        ]

    def __str__(self):
        return self.title


class Participant(models.Model):
    """A person who applied or was nominated. Recognised again by date of birth plus
    phone or e-mail (training.services.participant_find)."""

    full_name = models.CharField(_("full name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    audience = models.CharField(_("group"), max_length=20, choices=Audience.choices,
                                blank=True)
    organisation_type = models.CharField(_("type of organisation"), max_length=10,
                                         choices=OrganisationType.choices, blank=True)
    commune = models.ForeignKey(
        "places.Commune", verbose_name=_("ward or commune"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    # The private link to the participant's own page is an HMAC of the id and this salt
    # under the server's secret (training.links): it can be e-mailed again at any time,
    # and changing the salt revokes every link and paired phone at once.
    key_salt = models.CharField(max_length=32)
    # A club board member (a pupil) nominated by staff: recognised as that pupil, so the
    # clubs' consent rule applies and their completed classes show on their member page.
    pupil = models.ForeignKey(
        "clubs.Pupil", verbose_name=_("pupil"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="training_participants",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set when the person's data was erased at their request (docs/training.md, Privacy).
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email="") | Q(erased_at__isnull=False),
                name="participant_reachable",
            ),
        ]

    def __str__(self):
        return self.full_name


class ParticipantCard(models.Model):
    """A participant's check-in card: the QR a trainer's scanner reads at the door
    (training.cards). Its secret is an HMAC of `salt` under the server's secret; only the
    secret's SHA-256 is stored, so the database alone lets nobody make a card. Reissuing
    revokes the old one, which then reads as "revoked", not "unknown"."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="cards",
    )
    salt = models.CharField(max_length=32)
    secret_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant's card")
        verbose_name_plural = _("participants' cards")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"], condition=Q(revoked_at__isnull=True),
                name="participantcard_one_valid",
            ),
        ]

    def __str__(self):
        return f"{self.participant_id} ({self.issued_at:%Y-%m-%d})"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Applied, awaiting decision")
        ADMITTED = "admitted", _("Admitted")
        WAITING = "waiting", _("On the waiting list")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        APPLICATION = "application", _("Applied")
        NOMINATION = "nomination", _("Nominated by staff")

    HOLDS_PLACE = (Status.PENDING, Status.ADMITTED)

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.PROTECT,
        related_name="enrolments",
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    applied_at = models.DateTimeField(_("applied"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    refusal_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_notice_version = models.CharField(_("privacy notice version"), max_length=20,
                                              blank=True)
    # Set when staff confirm the completion list: what was completed, frozen, so a later
    # change of the curriculum never rewrites it.
    completed = models.BooleanField(_("completed"), default=False)
    completion_snapshot = models.JSONField(_("completion"), null=True, blank=True)

    class Meta:
        ordering = ["applied_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "participant"], name="enrolment_one_per_class"
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="enrolment_refusal_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["training_class", "status"])]

    def __str__(self):
        return f"{self.participant} @ {self.training_class}"


class RecordedBy(models.Model):
    """Who entered a row by hand, and when it last changed."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        abstract = True


class TrainingAttendance(RecordedBy):
    """A participant at one of their class's sessions (pupils' rows are
    attendance.Attendance, which requires a pupil; see docs/training.md)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        ABSENT = "absent", _("Absent")

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
        related_name="attendances",
    )
    session = models.ForeignKey(
        "club_sessions.ClubSession", verbose_name=_("session"), on_delete=models.CASCADE,
        related_name="training_attendances",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    method = models.CharField(_("method"), max_length=10)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant attendance")
        verbose_name_plural = _("participant attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session"], name="trainingattendance_one_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.session} {self.status}"


class SerialCounter(models.Model):
    """The last certificate number used per year and programme code (locked when used)."""

    year = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=10)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="serialcounter_unique"),
        ]

    def __str__(self):
        return f"{self.year}/{self.code}: {self.last}"


class Certificate(models.Model):
    """An issued certificate. What it says is copied here when issued, so it never
    changes with the participant's, the class's or the curriculum's later edits."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.PROTECT,
        related_name="certificates",
    )
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    # The public, unguessable code in the verification address.
    code = models.CharField(max_length=32, unique=True)
    holder_name = models.CharField(_("holder"), max_length=150)
    holder_date_of_birth = models.DateField(_("date of birth"))
    programme_title = models.CharField(_("programme"), max_length=200)
    class_title = models.CharField(_("class"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to"))
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    qualification = models.CharField(_("qualification"), max_length=200, blank=True)
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    replaces = models.OneToOneField(
        "self", verbose_name=_("replaces"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="replaced_by",
    )

    class Meta:
        ordering = ["serial"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | ~Q(revoke_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return self.serial


class Assessment(RecordedBy):
    """A participant's scores: pre-test and post-test (0-100, knowledge gain) and the
    practical evaluation (pass/fail with a note). Entered by trainers or staff."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
        related_name="assessment",
    )
    pre_score = models.PositiveSmallIntegerField(_("pre-test score"), null=True, blank=True)
    post_score = models.PositiveSmallIntegerField(_("post-test score"), null=True, blank=True)
    practical_passed = models.BooleanField(_("practical passed"), null=True, blank=True)
    practical_note = models.CharField(_("practical note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(pre_score__isnull=True) | Q(pre_score__lte=100))
                & (Q(post_score__isnull=True) | Q(post_score__lte=100)),
                name="assessment_scores_in_range",
            ),
        ]

    def __str__(self):
        return str(self.enrolment)


# --- The anonymous end-of-class survey (docs/training.md, "Feedback") ---------------------
# An answer names its class and nothing else: no enrolment, no participant, no time. The
# one-use tokens are stored apart, as hashes, with a "used" flag and no link to anyone.


class FeedbackToken(models.Model):
    training_class = models.ForeignKey(TrainingClass, on_delete=models.CASCADE,
                                       related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    def __str__(self):
        return self.token_hash[:8]


class FeedbackAnswer(models.Model):
    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE,
        related_name="feedback_answers",
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")

    def __str__(self):
        return f"{self.training_class}: {self.pk}"


class FeedbackRating(models.Model):
    answer = models.ForeignKey(FeedbackAnswer, on_delete=models.CASCADE, related_name="ratings")
    module = models.ForeignKey("club_sessions.TrainingModule", on_delete=models.SET_NULL,
                               null=True, related_name="+")
    module_title = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=5),
                                   name="feedbackrating_score_range"),
        ]

    def __str__(self):
        return f"{self.module_title}: {self.score}"


class TopicRequirement(models.Model):
    """The qualification the centre requires of whoever facilitates a session on a
    sensitive topic (the CMS topics: abuse, trafficking, drugs...). Set by staff."""

    topic = models.CharField(_("topic"), max_length=30, unique=True)
    qualification = models.ForeignKey(
        Qualification, verbose_name=_("required qualification"), on_delete=models.CASCADE,
        related_name="topic_requirements",
    )

    class Meta:
        verbose_name = _("qualification required for a topic")
        verbose_name_plural = _("qualifications required for topics")

    def __str__(self):
        return f"{self.topic}: {self.qualification}"


class ParticipantAccess(models.Model):
    """Append-only log of staff viewing, exporting or erasing a participant's record."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        ERASE = "erase", _("Erased")

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT,
                                    related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="+")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("participant record access")
        verbose_name_plural = _("participant record accesses")

    def __str__(self):
        return f"{self.participant_id} {self.action}"


class CertificateBatch(models.Model):
    """The PDFs of a class's certificates, drawn in the background (training.batches).
    The ZIP is kept in the row, not in public media: it holds dates of birth."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Drawing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    training_class = models.ForeignKey(TrainingClass, on_delete=models.CASCADE,
                                       related_name="certificate_batches")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    archive = models.BinaryField(null=True, blank=True)

    def __str__(self):
        return f"{self.training_class}: {self.done}/{self.total}"
