"""The handler attendance calls for a phone that belongs to a training participant
(attendance/participants.py, docs/training.md)."""

from training import services
from training.links import participant_from_phone


def participant_checkin(request, *, session, method):
    """None unless this phone was linked to a participant on their own page and the
    session belongs to a training class; then the check-in's result (or CheckInError)."""
    if session.kind != session.Kind.TRAINING:
        return None
    participant = participant_from_phone(request)
    if participant is None:
        return None
    return services.participant_checkin_record(
        session=session, participant=participant, method=method
    )
