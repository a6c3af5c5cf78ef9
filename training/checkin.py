"""The handler attendance calls for a phone that belongs to a training participant
(attendance/participants.py, docs/training.md)."""

from django.http import HttpRequest

from attendance.checkin_read import SessionRef
from attendance.services import CheckInResult
from sessions.models import ClubSession
from training import services
from training.links import participant_from_phone


def participant_checkin(
    request: HttpRequest, *, session: SessionRef, method: str
) -> CheckInResult | None:
    """None unless this phone was linked to a participant on their own page and the
    session belongs to a training class; then the check-in's result (or CheckInError)."""
    if session.kind != ClubSession.Kind.TRAINING:
        return None
    participant = participant_from_phone(request)
    if participant is None:
        return None
    return services.participant_checkin_record(
        session=ClubSession.objects.select_related("checkin_settings").get(pk=session.pk),
        participant=participant,
        method=method,
    )
