"""Mock trials: a simulated court hearing on a legal topic, played by pupils of the
organising club(s) before schoolmates. The hearing is a ClubSession; rehearsals are
sessions linked to the trial."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MockTrial(models.Model):
    class LegalTopic(models.TextChoices):
        DRUGS = "drugs", _("Drugs")
        TRAFFIC = "traffic", _("Traffic safety")
        CYBERBULLYING = "cyberbullying", _("Cyber-bullying")
        THEFT = "theft", _("Theft")
        ABUSE = "abuse", _("Abuse")
        TRAFFICKING = "trafficking", _("Human trafficking")
        OTHER = "other", _("Other")

    case_title = models.CharField(_("case title"), max_length=200)
    summary = models.TextField(_("case summary"), blank=True)
    legal_topic = models.CharField(_("legal topic"), max_length=20, choices=LegalTopic.choices)
    # The case file or script, published in the CMS.
    case_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("case material or script"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hearing = models.OneToOneField(
        "club_sessions.ClubSession",
        verbose_name=_("hearing"),
        on_delete=models.PROTECT,
        related_name="mock_trial",
    )
    rehearsals = models.ManyToManyField(
        "club_sessions.ClubSession",
        verbose_name=_("rehearsals"),
        blank=True,
        related_name="rehearsal_for",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-hearing__starts_at"]
        verbose_name = _("mock trial")
        verbose_name_plural = _("mock trials")

    def __str__(self):
        return self.case_title


class MockTrialCast(models.Model):
    class Role(models.TextChoices):
        JUDGE = "judge", _("Presiding judge")
        ASSESSOR = "assessor", _("People's assessor")
        PROSECUTOR = "prosecutor", _("Prosecutor")
        DEFENCE = "defence", _("Defence lawyer")
        DEFENDANT = "defendant", _("Defendant")
        VICTIM = "victim", _("Victim")
        WITNESS = "witness", _("Witness")
        CLERK = "clerk", _("Court clerk")
        BAILIFF = "bailiff", _("Bailiff")

    trial = models.ForeignKey(
        MockTrial, verbose_name=_("mock trial"), on_delete=models.CASCADE, related_name="cast"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # "Witness 2", "Assessor 1": tells several people in the same role apart.
    part = models.CharField(_("part"), max_length=100, blank=True)
    pupil = models.ForeignKey(
        "clubs.Pupil", verbose_name=_("pupil"), on_delete=models.CASCADE, related_name="+"
    )
    is_understudy = models.BooleanField(_("understudy"), default=False)

    class Meta:
        ordering = ["trial", "role", "part", "is_understudy"]
        verbose_name = _("cast member")
        verbose_name_plural = _("cast")
        constraints = [
            models.UniqueConstraint(
                fields=["trial", "role", "part", "pupil"], name="mocktrialcast_unique_part"
            ),
            models.UniqueConstraint(
                fields=["trial", "role", "part"],
                condition=Q(is_understudy=False),
                name="mocktrialcast_one_lead_per_part",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.part}".strip()


class MockTrialAudience(models.Model):
    """A class booked to watch the hearing: the expected audience by school and class."""

    trial = models.ForeignKey(
        MockTrial, verbose_name=_("mock trial"), on_delete=models.CASCADE,
        related_name="audience",
    )
    school = models.ForeignKey(
        "clubs.School", verbose_name=_("school"), on_delete=models.PROTECT, related_name="+"
    )
    class_name = models.CharField(_("class"), max_length=20)
    expected = models.PositiveIntegerField(_("expected pupils"))

    class Meta:
        ordering = ["school__name", "class_name"]
        verbose_name = _("expected audience")
        verbose_name_plural = _("expected audience")
        constraints = [
            models.UniqueConstraint(
                fields=["trial", "school", "class_name"], name="mocktrialaudience_unique_class"
            ),
        ]

    def __str__(self):
        return f"{self.school} {self.class_name}: {self.expected}"
