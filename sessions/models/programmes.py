"""A training programme: a curriculum of modules, each delivered by one or more sessions
(ClubSession.programme_module). Completion is computed from attendance, which lives in
the attendance app: see sessions.selectors.programme_completion."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingProgramme(models.Model):
    title = models.CharField(_("title"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    # Share of modules a participant must attend to complete the programme.
    pass_ratio = models.DecimalField(_("modules needed (share)"), max_digits=3, decimal_places=2,
                                     default=1)

    class Meta:
        ordering = ["title"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def __str__(self):
        return self.title


class TrainingModule(models.Model):
    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="modules",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    learning_outcomes = models.TextField(_("learning outcomes"), blank=True)
    # CMS content is reached only through the stable Page table (see HOUSE_STYLE).
    materials: models.ManyToManyField = models.ManyToManyField(
        "wagtailcore.Page", verbose_name=_("materials"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "position"], name="trainingmodule_unique_position"
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.position}. {self.title}"
