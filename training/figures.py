"""The training figures of a year, for the training pages and the centre's yearly report
(reports/ calls training.selectors.training_figures). A class counts in the year its
completion list was confirmed."""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext as _

from clubs.text import spreadsheet_text
from training.models import (
    Audience,
    Enrolment,
    FeedbackRating,
    OrganisationType,
    Participant,
    TrainingClass,
)


@dataclass
class TrainingFigures:
    year: int
    classes: int = 0
    admitted: int = 0
    completed: int = 0
    people_trained: int = 0
    by_audience: list[tuple[str, int]] = field(default_factory=list)
    by_organisation_type: list[tuple[str, int]] = field(default_factory=list)
    by_commune: list[tuple[str, int]] = field(default_factory=list)
    mean_gain: Decimal | None = None
    satisfaction: Decimal | None = None
    satisfaction_answers: int = 0

    @property
    def completion_rate(self) -> Decimal | None:
        """Completed among those admitted, in per cent (one decimal)."""
        if not self.admitted:
            return None
        return (Decimal(100) * self.completed / self.admitted).quantize(Decimal("0.1"))


def _labelled(rows, choices, key) -> list[tuple[str, int]]:
    names = dict(choices)
    return [(str(names.get(row[key], "")) or _("Not given"), row["n"]) for row in rows]


def _one_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.1"))


def training_figures(*, year: int, start=None, end=None) -> TrainingFigures:
    """People trained in the year (each person once, however many classes), by audience,
    organisation type and ward/commune; completion rate; mean knowledge gain (post-test
    minus pre-test, where both were taken); satisfaction (mean of the anonymous survey's
    1-5 ratings). Seven queries whatever the size. ``start``/``end`` (dates, inclusive)
    replace the calendar year, e.g. a school year for the centre's yearly report."""
    if start is not None and end is not None:
        classes = TrainingClass.objects.filter(completion_confirmed_at__date__gte=start,
                                               completion_confirmed_at__date__lte=end)
    else:
        classes = TrainingClass.objects.filter(completion_confirmed_at__year=year)
    admitted = Enrolment.objects.filter(training_class__in=classes,
                                        status=Enrolment.Status.ADMITTED)
    done = admitted.filter(completed=True)
    figures = TrainingFigures(year=year, classes=classes.count())
    counts = admitted.aggregate(
        n_admitted=Count("pk"), n_completed=Count("pk", filter=Q(completed=True)),
        n_people=Count("participant", filter=Q(completed=True), distinct=True),
    )
    figures.admitted, figures.completed = counts["n_admitted"], counts["n_completed"]
    figures.people_trained = counts["n_people"]
    people = done.values("participant").distinct()
    trained = Participant.objects.filter(pk__in=people)
    figures.by_audience = _labelled(
        trained.values("audience").annotate(n=Count("pk")).order_by("-n", "audience"),
        Audience.choices, "audience")
    figures.by_organisation_type = _labelled(
        trained.values("organisation_type").annotate(n=Count("pk"))
        .order_by("-n", "organisation_type"),
        OrganisationType.choices, "organisation_type")
    figures.by_commune = [
        (row["commune__name"] or _("Not given"), row["n"])
        for row in trained.values("commune__name").annotate(n=Count("pk"))
        .order_by("-n", "commune__name")
    ]
    gain = admitted.filter(assessment__pre_score__isnull=False,
                           assessment__post_score__isnull=False).aggregate(
        gain=Avg(F("assessment__post_score") - F("assessment__pre_score")))["gain"]
    figures.mean_gain = _one_decimal(gain)
    ratings = FeedbackRating.objects.filter(answer__training_class__in=classes).aggregate(
        mean=Avg("score"), answers=Count("answer", distinct=True))
    figures.satisfaction = _one_decimal(ratings["mean"])
    figures.satisfaction_answers = ratings["answers"]
    return figures


def figures_xlsx(figures: TrainingFigures) -> bytes:
    """The figures as a workbook: one sheet, every cell through spreadsheet_text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = str(figures.year)

    def row(*cells):
        sheet.append([spreadsheet_text(c if not isinstance(c, Decimal) else float(c))
                      for c in cells])

    row(_("Training figures %(year)s") % {"year": figures.year})
    row(_("Classes"), figures.classes)
    row(_("People trained"), figures.people_trained)
    row(_("Admitted"), figures.admitted)
    row(_("Completed"), figures.completed)
    row(_("Completion rate (%)"), figures.completion_rate)
    row(_("Mean knowledge gain (points)"), figures.mean_gain)
    row(_("Satisfaction (1-5)"), figures.satisfaction)
    row(_("Survey answers"), figures.satisfaction_answers)
    for title, rows in ((_("By group"), figures.by_audience),
                        (_("By type of organisation"), figures.by_organisation_type),
                        (_("By ward or commune"), figures.by_commune)):
        row()
        row(title, _("People trained"))
        for label, count in rows:
            row(label, count)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def training_report_section(*, year, scope, club_ids, now, include_sensitive: bool):
    """The yearly report's "training" part (reports.sections): the centre's classes whose
    completion was confirmed in the school year, beside the year before. Training is the
    centre's, not a club's: shown on the whole centre's report only (centre staff, no
    club, school, grade, gender or topic filter)."""
    from reports.sections import ReportSection
    from reports.selectors import Headline, Table

    narrowed = (scope.clubs is not None or scope.club_id or scope.school_id or scope.grade
                or scope.gender or scope.topic)
    if narrowed:
        return None
    this = training_figures(year=year.first_year, start=year.start, end=year.end)
    before = training_figures(year=year.previous.first_year, start=year.previous.start,
                              end=year.previous.end)
    people = _("People trained")

    def table(key, title, rows, sheet):
        return Table(key, title, [title, people], [[label, n] for label, n in rows],
                     people=(1,), sheet=sheet)

    return ReportSection(
        key="training", title=_("Training classes"),
        headline=[
            Headline("trained", _("people trained"), this.people_trained,
                     before.people_trained),
            Headline("training-classes", _("training classes completed"), this.classes,
                     before.classes),
            Headline("training-completion", _("completion rate (%)"),
                     float(this.completion_rate or 0), float(before.completion_rate or 0),
                     percent=True),
        ],
        tables=[
            table("training-audience", _("By group"), this.by_audience, _("Trained by group")),
            table("training-organisation", _("By type of organisation"),
                  this.by_organisation_type, _("Trained by organisation")),
            table("training-commune", _("By ward or commune"), this.by_commune,
                  _("Trained by ward")),
        ],
    )
