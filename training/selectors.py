"""Reads for training: classes, rosters, the completion list, certificates."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from clubs.collation import text_sort_key
from clubs.models import Pupil
from sessions.models import ClubSession, TrainingModule, TrainingProgramme
from training.models import (
    Assessment,
    Certificate,
    Enrolment,
    Participant,
    ProgrammeRule,
    TrainingAttendance,
    TrainingClass,
)

if TYPE_CHECKING:
    from training.figures import TrainingFigures

ATTENDED = (TrainingAttendance.Status.PRESENT, TrainingAttendance.Status.LATE)


def participant_match(*, date_of_birth: dt.date, phone: str, email: str) -> Participant | None:
    contact = Q()
    if phone:
        contact |= Q(phone=phone)
    if email:
        contact |= Q(email=email)
    if not contact:
        return None
    return Participant.objects.filter(contact, date_of_birth=date_of_birth).order_by("pk").first()


def programme_rule(programme: TrainingProgramme) -> ProgrammeRule:
    return ProgrammeRule.objects.select_related("grants").get(programme=programme)


def classes_open_for_applications(*, now: dt.datetime | None = None) -> QuerySet[TrainingClass]:
    now = now or timezone.now()
    return TrainingClass.objects.filter(
        applications_open_at__lte=now, applications_close_at__gt=now
    ).select_related("programme")


@dataclass(frozen=True)
class PublicClass:
    """What the public training page shows of a class: nothing about anyone in it."""

    training_class: TrainingClass
    audiences: list[str]
    first_day: dt.date
    last_day: dt.date
    places_left: int
    waiting: int
    is_open: bool


def classes_public(*, now: dt.datetime | None = None) -> tuple[list[PublicClass],
                                                               list[PublicClass]]:
    """(open now, opening within TRAINING_OPENING_SOON_DAYS) for the public page. A class
    shows once it has a session scheduled (before that it is still being set up) and
    until its window closes. One query."""
    from django.conf import settings

    from training.models import Audience

    now = now or timezone.now()
    soon = now + dt.timedelta(days=settings.TRAINING_OPENING_SOON_DAYS)
    rows = (
        TrainingClass.objects.filter(applications_open_at__lte=soon,
                                     applications_close_at__gt=now)
        .select_related("programme__rule")
        .annotate(
            first_start=Min("sessions__starts_at"), last_start=Max("sessions__starts_at"),
            held=Count("enrolments", distinct=True,
                       filter=Q(enrolments__status__in=Enrolment.HOLDS_PLACE)),
            waiting_count=Count("enrolments", distinct=True,
                                filter=Q(enrolments__status=Enrolment.Status.WAITING)),
        )
        .filter(first_start__isnull=False)
        .order_by("applications_close_at", "pk")
    )
    labels = dict(Audience.choices)
    open_now: list[PublicClass] = []
    opening: list[PublicClass] = []
    for klass in rows:
        rule = getattr(klass.programme, "rule", None)
        item = PublicClass(
            training_class=klass,
            audiences=[str(labels[a]) for a in (rule.audiences if rule else []) if a in labels],
            first_day=timezone.localdate(klass.first_start),
            last_day=timezone.localdate(klass.last_start),
            places_left=max(0, klass.capacity - klass.held),
            waiting=klass.waiting_count,
            is_open=klass.applications_open_at <= now,
        )
        (open_now if item.is_open else opening).append(item)
    opening.sort(key=lambda c: c.training_class.applications_open_at)
    return open_now, opening


@dataclass(frozen=True)
class ModuleSatisfaction:
    title: str
    mean: Decimal
    counts: list[int]  # how many gave 1, 2, 3, 4, 5

    @property
    def shares(self) -> list[tuple[int, int, int]]:
        """(score, count, per cent of the answers) for 1..5."""
        total = sum(self.counts) or 1
        return [(n + 1, c, round(100 * c / total)) for n, c in enumerate(self.counts)]


@dataclass(frozen=True)
class FeedbackResults:
    invited: int
    answers: int
    minimum: int
    modules: list[ModuleSatisfaction]
    comments: list[str]

    @property
    def shown(self) -> bool:
        return self.answers >= self.minimum


def feedback_results(training_class: TrainingClass) -> FeedbackResults:
    """The class's anonymous survey for its staff: per-module means and distributions and
    the comments, only from TRAINING_FEEDBACK_MIN_ANSWERS answers on (below that, a
    mean or a comment could point at the one or two people who answered). Comments come
    sorted by their text (Vietnamese order), never in the order they were sent. Four
    queries."""
    from django.conf import settings

    from training.models import FeedbackAnswer, FeedbackRating, FeedbackToken

    minimum = settings.TRAINING_FEEDBACK_MIN_ANSWERS
    invited = FeedbackToken.objects.filter(training_class=training_class).count()
    answers = FeedbackAnswer.objects.filter(training_class=training_class).count()
    if answers < minimum:
        return FeedbackResults(invited=invited, answers=answers, minimum=minimum,
                               modules=[], comments=[])
    rows = (
        FeedbackRating.objects.filter(answer__training_class=training_class)
        .values("module__position", "module_title", "score")
        .annotate(n=Count("pk"))
        .order_by("module__position", "module_title")
    )
    by_module: dict[tuple, list[int]] = {}
    for row in rows:
        counts = by_module.setdefault((row["module__position"], row["module_title"]), [0] * 5)
        counts[row["score"] - 1] += row["n"]
    modules = [
        ModuleSatisfaction(
            title=title, counts=counts,
            mean=(Decimal(sum((i + 1) * c for i, c in enumerate(counts)))
                  / (sum(counts) or 1)).quantize(Decimal("0.1")),
        )
        for (_position, title), counts in by_module.items()
    ]
    comments = sorted(
        FeedbackAnswer.objects.filter(training_class=training_class).exclude(comment="")
        .values_list("comment", flat=True),
        key=lambda text: (text_sort_key(text), text),
    )
    return FeedbackResults(invited=invited, answers=answers, minimum=minimum,
                           modules=modules, comments=comments)


def classes_for_staff() -> QuerySet[TrainingClass]:
    return TrainingClass.objects.select_related("programme").annotate(
        admitted=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ADMITTED)),
        pending=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.PENDING)),
        waiting=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING)),
    )


def class_sessions(training_class: TrainingClass) -> QuerySet[ClubSession]:
    return training_class.sessions.select_related("programme_module").order_by("starts_at")


def class_roster(training_class: TrainingClass) -> QuerySet[Enrolment]:
    return training_class.enrolments.select_related("participant__commune").order_by(
        "status", "applied_at", "pk"
    )


def enrolment_for_session(*, session: ClubSession, participant: Participant,
                          lock: bool = False) -> Enrolment | None:
    """The participant's admitted enrolment in a class holding this session, else in
    another class of the same programme (a make-up session)."""
    admitted = Enrolment.objects.filter(participant=participant, status=Enrolment.Status.ADMITTED)
    if lock:
        admitted = admitted.select_for_update(of=("self",))
    own = admitted.filter(training_class__sessions=session).first()
    if own is not None or session.programme_module_id is None:
        return own
    return admitted.filter(
        training_class__programme__modules=session.programme_module_id
    ).first()


def attendance_grid(training_class: TrainingClass) -> dict[tuple[int, int], TrainingAttendance]:
    rows = TrainingAttendance.objects.filter(enrolment__training_class=training_class)
    return {(row.enrolment_id, row.session_id): row for row in rows}


@dataclass
class CompletionRow:
    enrolment: Enrolment
    modules: list[TrainingModule]
    done_ids: set[int]
    pass_ratio: Decimal
    pass_mark: int | None
    programme_title: str
    first_day: dt.date | None
    last_day: dt.date | None
    missing: list[TrainingModule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.missing = [m for m in self.modules if m.pk not in self.done_ids]

    @property
    def done_count(self) -> int:
        return len(self.modules) - len(self.missing)

    @property
    def share(self) -> Decimal:
        if not self.modules:
            return Decimal(0)
        return Decimal(len(self.modules) - len(self.missing)) / len(self.modules)

    @property
    def assessment(self) -> Assessment | None:
        return getattr(self.enrolment, "assessment", None)

    @property
    def test_passed(self) -> bool:
        """The post-test reaches the pass mark (when the programme sets one) and the
        practical, when evaluated, was passed."""
        assessment = self.assessment
        if assessment is not None and assessment.practical_passed is False:
            return False
        if self.pass_mark is None:
            return True
        return assessment is not None and (assessment.post_score or 0) >= self.pass_mark

    @property
    def completed(self) -> bool:
        return bool(self.modules) and self.share >= self.pass_ratio and self.test_passed

    @property
    def close(self) -> bool:
        """Not completed, and one more module would do: offer a make-up."""
        if self.completed or not self.modules or not self.test_passed:
            return False
        return Decimal(len(self.modules) - len(self.missing) + 1) / len(
            self.modules
        ) >= self.pass_ratio

    @property
    def hours(self) -> Decimal:
        return sum((m.hours for m in self.modules if m.pk in self.done_ids), Decimal(0))

    def snapshot(self) -> dict:
        return {
            "programme": self.programme_title,
            "modules": [
                {"position": m.position, "title": m.title, "hours": str(m.hours),
                 "attended": m.pk in self.done_ids}
                for m in self.modules
            ],
            "hours": str(self.hours),
            "pre_score": getattr(self.assessment, "pre_score", None),
            "post_score": getattr(self.assessment, "post_score", None),
            "practical_passed": getattr(self.assessment, "practical_passed", None),
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
        }


def class_completion(training_class: TrainingClass) -> list[CompletionRow]:
    """Each admitted participant against the programme's rule: a module is done when any
    session of it was attended, in this class or in another class of the programme
    (make-up). Five queries whatever the class size."""
    programme = training_class.programme
    modules = list(programme.modules.order_by("position"))
    enrolments = list(
        training_class.enrolments.filter(status=Enrolment.Status.ADMITTED)
        .select_related("participant", "assessment").order_by("participant__full_name", "pk")
    )
    rule = ProgrammeRule.objects.filter(programme=programme).only("pass_mark").first()
    attended = TrainingAttendance.objects.filter(
        enrolment__participant__in=[e.participant_id for e in enrolments],
        enrolment__training_class__programme=programme,
        status__in=ATTENDED,
        session__programme_module__isnull=False,
    ).values_list("enrolment__participant_id", "session__programme_module_id")
    done: dict[int, set[int]] = {}
    for participant_id, module_id in attended:
        done.setdefault(participant_id, set()).add(module_id)
    days = [timezone.localdate(s.starts_at) for s in training_class.sessions.only("starts_at")]
    first, last = (min(days), max(days)) if days else (None, None)
    return [
        CompletionRow(
            enrolment=e, modules=modules, done_ids=done.get(e.participant_id, set()),
            pass_ratio=programme.pass_ratio, pass_mark=rule.pass_mark if rule else None,
            programme_title=programme.title,
            first_day=first, last_day=last,
        )
        for e in enrolments
    ]


def class_certificates(training_class: TrainingClass) -> QuerySet[Certificate]:
    return Certificate.objects.filter(enrolment__training_class=training_class).select_related(
        "enrolment__participant", "replaces"
    )


def certificate_by_code(code: str) -> Certificate | None:
    if not code or len(code) > 32:
        return None
    return Certificate.objects.filter(code=code).first()


def participant_enrolments(participant: Participant) -> QuerySet[Enrolment]:
    return participant.enrolments.select_related("training_class__programme").order_by(
        "-applied_at"
    )


def participant_sessions(participant: Participant) -> QuerySet[ClubSession]:
    return ClubSession.objects.filter(
        training_classes__enrolments__participant=participant,
        training_classes__enrolments__status=Enrolment.Status.ADMITTED,
    ).distinct().order_by("starts_at")


def participant_attendance(participant: Participant) -> dict[int, TrainingAttendance]:
    rows = TrainingAttendance.objects.filter(enrolment__participant=participant)
    return {row.session_id: row for row in rows}


def participant_certificates(participant: Participant) -> QuerySet[Certificate]:
    return Certificate.objects.filter(enrolment__participant=participant).order_by("-issued_on")


def certificate_state(certificate: Certificate, *, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    if certificate.revoked_on is not None:
        return "revoked"
    if certificate.valid_until is not None and certificate.valid_until < today:
        return "expired"
    return "valid"


def programmes_for_staff() -> QuerySet[TrainingProgramme]:
    return TrainingProgramme.objects.select_related("rule").annotate(
        module_count=Count("modules", distinct=True),
        class_count=Count("classes", distinct=True),
    ).order_by("title")


def classes_trained_by(user: User) -> QuerySet[TrainingClass]:
    return TrainingClass.objects.filter(trainers=user).select_related("programme").prefetch_related(
        "sessions").order_by("-applications_open_at")


def training_figures(*, year: int) -> "TrainingFigures":
    """The year's training figures (training.figures.TrainingFigures), for the training
    figures page and the centre's yearly report."""
    from training.figures import training_figures as figures

    return figures(year=year)


def pupil_completed_classes(pupil: Pupil) -> list[tuple]:
    """(class title, completion date) of the classes a club pupil completed, as a
    nominated participant; for their member page (reports.learning). One query."""
    rows = Enrolment.objects.filter(
        participant__pupil=pupil, completed=True,
        training_class__completion_confirmed_at__isnull=False,
    ).order_by("training_class__completion_confirmed_at").values_list(
        "training_class__title", "training_class__completion_confirmed_at")
    return [(title, timezone.localdate(at)) for title, at in rows]
