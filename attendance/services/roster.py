"""The roster's writes: a leader's tick, and absentees once check-in has closed. The
phone's queued ticks (nonces, tick times) are attendance.roster_services."""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from attendance import selectors
from attendance.checkin_read import checkin_facts
from attendance.errors import CheckInError
from attendance.models import Attendance, AttendanceChange, CheckinSettings, Method
from attendance.services.corrections import change_record
from attendance.services.types import Actor
from sessions.models import ClubSession

logger = logging.getLogger(__name__)


def attendance_mark(
    *, session: ClubSession, pupil_id: int, status: str, actor: Actor,
    at: datetime | None = None,
) -> Attendance:
    """Tick a pupil on the roster: present, late, excused or absent, at any time (leaders
    correct the roster after the session too, so no window applies). `at` is when the
    leader ticked (a tick queued on the phone: attendance.roster_services), else now.

    Raises CheckInError: session_cancelled; for present/late also pupil_unknown (not
    expected and not already recorded) and consent_missing. Locks the pupil's row like
    checkin_record, so a tick and a scan of the same pupil cannot both insert; a row that
    appears anyway (absentees, "mark the rest") is read again and updated, never a 500.
    """
    if status not in Attendance.Status.values:
        raise ValueError(f"unknown status {status!r}")
    if session.status == ClubSession.Status.CANCELLED:
        raise CheckInError("session_cancelled")
    now = timezone.now()
    mark = partial(
        _mark_once, session=session, pupil_id=pupil_id, status=status, actor=actor, at=at,
        now=now,
    )
    try:
        with transaction.atomic():
            return mark()
    except IntegrityError:
        # A row for the pupil was inserted between the read and ours by a writer that does
        # not lock the pupil (absentees, "mark the rest"): read it again and update it.
        logger.warning(
            "roster tick on session %s met a row written meanwhile: reading again", session.pk
        )
    with transaction.atomic():
        return mark()


def _mark_once(
    *, session: ClubSession, pupil_id: int, status: str, actor: Actor, at: datetime | None,
    now: datetime,
) -> Attendance:
    today = timezone.localdate(now)
    facts = checkin_facts(session_id=session.pk, today=today, pupil_id=pupil_id)
    if facts is None or (facts.existing_id is None and not facts.expected):
        raise CheckInError("pupil_unknown")
    coming = status in (Attendance.Status.PRESENT, Attendance.Status.LATE)
    if coming and not facts.consent_ok(today=today):
        raise CheckInError("consent_missing", pupil_id=pupil_id)
    checked_in_at = None
    if coming:
        checked_in_at = facts.existing_checked_in_at or at or now
    fields = {
        "status": status,
        "method": Method.ROSTER,
        "checked_in_at": checked_in_at,
        "recorded_by": actor,
    }
    if facts.existing_id is None:
        return Attendance.objects.create(session=session, pupil_id=pupil_id, **fields)
    existing = Attendance.objects.get(pk=facts.existing_id)
    if existing.status != status:
        change_record(
            session=session, actor=actor, action=AttendanceChange.Action.STATUS,
            pupil_id=pupil_id, old_status=existing.status, new_status=status,
        )
    for name, value in fields.items():
        setattr(existing, name, value)
    existing.save(update_fields=[*fields, "recorded_at"])
    return existing


def attendance_mark_absentees(*, session: ClubSession, now: datetime | None = None) -> int:
    """Once check-in has closed, record every expected member who has no attendance as
    absent. Returns how many were marked; 0 when the session was cancelled, is still open
    or was already done. Concurrent runs are harmless (the unique constraint skips rows
    that exist)."""
    now = now or timezone.now()
    if session.status == ClubSession.Status.CANCELLED:
        return 0
    if now <= selectors.checkin_window(session).closes_at:
        return 0
    with transaction.atomic():
        own, _created = CheckinSettings.objects.select_for_update().get_or_create(
            session=session
        )
        if own.absentees_marked_at is not None:
            return 0
        seen = Attendance.objects.filter(session=session).values("pupil_id")
        missing = list(
            selectors.expected_members(session).exclude(pk__in=seen).values_list("pk", flat=True)
        )
        rows = [
            Attendance(
                session=session, pupil_id=pk, status=Attendance.Status.ABSENT, method=Method.AUTO
            )
            for pk in missing
        ]
        Attendance.objects.bulk_create(rows, ignore_conflicts=True)
        own.absentees_marked_at = now
        own.save(update_fields=["absentees_marked_at"])
    return len(rows)


def attendance_close_ended_sessions(*, now: datetime | None = None) -> int:
    """Mark absentees for every session whose check-in closed in the last week."""
    now = now or timezone.now()
    sessions = (
        ClubSession.objects.filter(
            ends_at__lt=now,
            ends_at__gte=now - timedelta(days=7),
            club__isnull=False,
        )
        .exclude(status=ClubSession.Status.CANCELLED)
        .exclude(checkin_settings__absentees_marked_at__isnull=False)
        .select_related("checkin_settings")
    )
    return sum(attendance_mark_absentees(session=s, now=now) for s in sessions)
