"""Writes for mock trials: the case, its cast and understudies, rehearsals and the
expected audience. Same contract as sessions.services: refuse with a coded, translated
SessionError and write nothing."""

from django.db import IntegrityError, transaction

from sessions import exceptions as exc
from sessions.models import ClubSession, MockTrial, MockTrialAudience, MockTrialCast
from sessions.registrations import registered_counts
from sessions.selectors import mock_trial_castable_pupils


def mock_trial_create(
    *, hearing: ClubSession, case_title: str, legal_topic: str, summary: str = "",
    case_page=None,
) -> MockTrial:
    """Raises NotAHearing when the session is not of kind mock trial."""
    if hearing.kind != ClubSession.Kind.MOCK_TRIAL:
        raise exc.NotAHearing()
    trial = MockTrial(hearing=hearing, case_title=case_title, legal_topic=legal_topic,
                      summary=summary, case_page=case_page)
    trial.full_clean(exclude=["hearing", "case_page"])
    trial.save()
    return trial


def mock_trial_cast(
    *, trial: MockTrial, pupil, role: str, part: str = "", is_understudy: bool = False
) -> MockTrialCast:
    """Cast a pupil in a role (or as understudy). Only active members of the organising
    club(s) may be cast. Raises CastNotMember, CastPartTaken."""
    if not mock_trial_castable_pupils(trial).filter(pk=pupil.pk).exists():
        raise exc.CastNotMember(params={"pupil": pupil.full_name})
    if role not in MockTrialCast.Role.values:
        raise exc.SessionError(code="unknown_role")
    part = (part or "").strip()[:100]
    try:
        with transaction.atomic():
            return MockTrialCast.objects.create(
                trial=trial, pupil=pupil, role=role, part=part, is_understudy=is_understudy
            )
    except IntegrityError:
        # The unique constraints decide under concurrency: a second lead for the part, or
        # the same pupil twice in it.
        raise exc.CastPartTaken() from None


def mock_trial_uncast(*, cast: MockTrialCast) -> None:
    cast.delete()


def mock_trial_add_rehearsal(*, trial: MockTrial, session: ClubSession) -> None:
    trial.rehearsals.add(session)
    MockTrial.objects.filter(pk=trial.pk).update(updated_at=session.updated_at)


def mock_trial_book_audience(
    *, trial: MockTrial, school, class_name: str, expected: int
) -> MockTrialAudience:
    """Book (or re-count) a class in the audience. Raises CapacityBelowRegistrations when
    the hearing's capacity would be exceeded. Locks the hearing row."""
    class_name = (class_name or "").strip()[:20]
    with transaction.atomic():
        hearing = ClubSession.objects.select_for_update().get(pk=trial.hearing_id)
        current = registered_counts([hearing.pk])[hearing.pk]
        existing = MockTrialAudience.objects.filter(
            trial=trial, school=school, class_name=class_name
        ).first()
        total = current - (existing.expected if existing else 0) + expected
        if hearing.capacity is not None and total > hearing.capacity:
            raise exc.CapacityBelowRegistrations(
                params={"capacity": hearing.capacity, "registered": total}
            )
        row, _created = MockTrialAudience.objects.update_or_create(
            trial=trial, school=school, class_name=class_name,
            defaults={"expected": expected},
        )
    return row
