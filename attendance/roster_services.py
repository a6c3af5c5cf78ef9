"""Writes for the leader's roster on a phone: a tick made online or from the phone's
offline queue (with a nonce, like the scanner's scans), and "mark the rest".

services.attendance_mark owns the rule for one tick; this module adds what a queued tick
needs: the tick's own time, the nonce that makes a re-sent queue store nothing twice, and
the end of the period in which a leader may still correct the roster.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from attendance import selectors
from attendance.errors import CheckInError
from attendance.models import Attendance, CheckinNonce, Method
from attendance.services import CLOCK_SKEW, attendance_mark
from sessions.models import ClubSession

REST_STATUSES = (Attendance.Status.ABSENT, Attendance.Status.EXCUSED)


def _nonce_scope(actor) -> str:
    # Apart from the scanner's "u:" scope: a tick's answer is not a check-in's.
    return f"r:{actor.pk}"


def _check_roster_open(session: ClubSession, *, actor, now: datetime) -> None:
    """Leaders correct the roster during and after the session, for as long as an offline
    queue may still be synced (ATTENDANCE_OFFLINE_MAX_AGE_HOURS after check-in closes);
    later, only centre staff."""
    if session.status == ClubSession.Status.CANCELLED:
        raise CheckInError("session_cancelled")
    if actor.is_centre_staff:
        return
    until = selectors.checkin_window(session).closes_at + timedelta(
        hours=settings.ATTENDANCE_OFFLINE_MAX_AGE_HOURS
    )
    if now > until:
        raise CheckInError("roster_closed")


def _tick_time(ticked_at: datetime | None, *, now: datetime) -> datetime:
    """When the leader ticked: the phone's time for a queued tick, believed within the
    scanner's bounds (a little ahead of the server, at most the offline age behind)."""
    if ticked_at is None:
        return now
    max_age = timedelta(hours=settings.ATTENDANCE_OFFLINE_MAX_AGE_HOURS)
    if timezone.is_naive(ticked_at) or not now - max_age <= ticked_at <= now + CLOCK_SKEW:
        raise CheckInError("tick_time_invalid")
    return min(ticked_at, now)


def roster_tick(
    *,
    session: ClubSession,
    pupil_id: int,
    status: str,
    actor,
    nonce: str | None = None,
    ticked_at: datetime | None = None,
) -> dict:
    """Record a roster tick (services.attendance_mark) and return its answer:
    {"outcome": "ok", "status", "pupil_id", "attendance_id"}, plus "replayed": True when
    this nonce was answered before (then nothing is written).

    Raises CheckInError: session_cancelled, roster_closed, tick_time_invalid, and
    attendance_mark's pupil_unknown and consent_missing. With a nonce a refusal is stored
    too, so a re-sent queue gets the same refusal. ValueError for an unknown status (the
    view answers 400 first).

    The tick and its nonce are written in one transaction: a queue sent twice at once
    hits the nonce's unique constraint and the loser answers with the winner's answer.
    """
    scope = _nonce_scope(actor)
    if nonce:
        stored = _stored_answer(scope, nonce)
        if stored is not None:
            return stored
    now = timezone.now()
    try:
        with transaction.atomic():
            _check_roster_open(session, actor=actor, now=now)
            at = _tick_time(ticked_at, now=now)
            row = attendance_mark(
                session=session, pupil_id=pupil_id, status=status, actor=actor, at=at
            )
            answer = {
                "outcome": "ok", "status": row.status, "pupil_id": pupil_id,
                "attendance_id": row.pk,
            }
            if nonce:
                CheckinNonce.objects.create(scope=scope, nonce=nonce, response=answer)
    except CheckInError as error:
        if nonce:
            _store_refusal(scope, nonce, error)
        raise
    except IntegrityError:
        stored = _stored_answer(scope, nonce) if nonce else None
        if stored is None:
            raise
        return stored
    return answer


def _store_refusal(scope: str, nonce: str, error: CheckInError) -> None:
    try:
        with transaction.atomic():
            CheckinNonce.objects.create(
                scope=scope, nonce=nonce, response={"outcome": "refused", "code": error.code}
            )
    except IntegrityError:
        pass  # A concurrent re-send stored it first.


def _stored_answer(scope: str, nonce: str) -> dict | None:
    stored = (
        CheckinNonce.objects.filter(scope=scope, nonce=nonce)
        .values_list("response", flat=True)
        .first()
    )
    if stored is None:
        return None
    if stored.get("outcome") == "refused":
        raise CheckInError(stored["code"], replayed=True)
    return {**stored, "replayed": True}


def roster_mark_rest(*, session: ClubSession, status: str, actor) -> int:
    """Record every expected pupil who has no attendance yet as absent or excused (the
    leader's "the rest are absent/excused"). Returns how many rows were written; running
    it again writes none. Raises CheckInError session_cancelled or roster_closed;
    ValueError for a status other than absent or excused. Rows that appear meanwhile (a
    scan) are kept: the (session, pupil) constraint skips them."""
    if status not in REST_STATUSES:
        raise ValueError(f"not a status for the rest: {status!r}")
    _check_roster_open(session, actor=actor, now=timezone.now())
    with transaction.atomic():
        seen = Attendance.objects.filter(session=session).values("pupil_id")
        missing = selectors.expected_members(session).exclude(pk__in=seen)
        rows = [
            Attendance(
                session=session, pupil_id=pk, status=status, method=Method.ROSTER,
                recorded_by=actor,
            )
            for pk in missing.values_list("pk", flat=True)
        ]
        created = Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    return len(created)
