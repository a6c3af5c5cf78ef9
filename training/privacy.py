"""A participant's data: export (everything linked to them), erasure at their request,
and the append-only access log. What erasure keeps is decided in docs/training.md
(Privacy): an issued certificate's record keeps what the paper shows."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from training.models import Certificate, Participant, ParticipantAccess, TrainingAttendance

ERASED_BIRTH_DATE = dt.date(1900, 1, 1)  # the column is required; a date nobody has


def access_record(*, participant: Participant, user, action: str) -> None:
    ParticipantAccess.objects.create(participant=participant, user=user, action=action)


def participant_export(*, participant: Participant, user) -> dict:
    """Everything stored about the person, nothing about anyone else."""
    access_record(participant=participant, user=user, action=ParticipantAccess.Action.EXPORT)
    enrolments = participant.enrolments.select_related("training_class", "assessment")
    attendance = TrainingAttendance.objects.filter(enrolment__participant=participant)
    return {
        "participant": {
            "full_name": participant.full_name,
            "date_of_birth": participant.date_of_birth.isoformat(),
            "organisation": participant.organisation, "position": participant.position,
            "audience": participant.audience,
            "organisation_type": participant.organisation_type,
            "commune": participant.commune.name if participant.commune else "",
            "phone": participant.phone, "email": participant.email,
            "created_at": participant.created_at.isoformat(),
        },
        "enrolments": [
            {
                "class": e.training_class.title, "status": e.status, "source": e.source,
                "applied_at": e.applied_at.isoformat(),
                "refusal_reason": e.refusal_reason,
                "consent_at": e.consent_at.isoformat() if e.consent_at else None,
                "consent_notice_version": e.consent_notice_version,
                "completed": e.completed, "completion": e.completion_snapshot,
                "assessment": _assessment(e),
            }
            for e in enrolments
        ],
        "attendance": [
            {"session": a.session.title, "starts_at": a.session.starts_at.isoformat(),
             "status": a.status, "method": a.method}
            for a in attendance.select_related("session")
        ],
        # Card secrets are credentials: dates only.
        "checkin_cards": [
            {"issued_at": c.issued_at.isoformat(),
             "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None}
            for c in participant.cards.all()
        ],
        "certificates": [
            {"serial": c.serial, "holder_name": c.holder_name, "programme": c.programme_title,
             "issued_on": c.issued_on.isoformat(),
             "valid_until": c.valid_until.isoformat() if c.valid_until else None,
             "revoked_on": c.revoked_on.isoformat() if c.revoked_on else None}
            for c in Certificate.objects.filter(enrolment__participant=participant)
        ],
    }


def _assessment(enrolment):
    a = getattr(enrolment, "assessment", None)
    if a is None:
        return None
    return {"pre_score": a.pre_score, "post_score": a.post_score,
            "practical_passed": a.practical_passed, "practical_note": a.practical_note}


@transaction.atomic
def participant_erase(*, participant: Participant, user) -> Participant:
    """Contact details, ward, group, organisation, attendance, check-in cards, scores and
    completion details go; the private link stops working. Enrolments keep their status and the
    completed flag (counts survive), and issued certificates keep their own copy of what
    the paper shows (docs/training.md)."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.erased_at is None:
        TrainingAttendance.objects.filter(enrolment__participant=participant).delete()
        participant.cards.all().delete()  # an old card now scans as unknown
        for enrolment in participant.enrolments.all():
            if hasattr(enrolment, "assessment"):
                enrolment.assessment.delete()
        participant.enrolments.update(completion_snapshot=None, refusal_reason="")
        participant.full_name = ""
        participant.date_of_birth = ERASED_BIRTH_DATE
        participant.organisation = participant.position = ""
        participant.phone = participant.email = ""
        participant.audience = participant.organisation_type = ""
        participant.commune = participant.pupil = None
        participant.key_salt = secrets.token_hex(16)
        participant.erased_at = timezone.now()
        participant.save()
    access_record(participant=participant, user=user, action=ParticipantAccess.Action.ERASE)
    return participant
