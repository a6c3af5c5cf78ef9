"""Writes for attendance. checkin_record owns every check-in rule; views and the API
only translate its answers (CheckInResult) and refusals (CheckInError)."""

import json
import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from attendance import selectors
from attendance.errors import CheckInError
from attendance.models import (
    Attendance,
    AttendanceChange,
    CheckinNonce,
    CheckinSettings,
    GuestAttendance,
    Method,
    PupilDevice,
    RefusedScan,
    ScannerDevice,
)
from attendance.ratelimit import keyed_digest
from attendance.tokens import (
    SCANNER_CACHE_SECONDS,
    card_secret_clean,
    new_device_key,
    nonce_clean,
    scanner_cache_key,
    scanner_revoked_key,
    scanner_token_new,
    sha256,
)
from clubs.models import Pupil
from clubs.selectors import card_lookup
from sessions.models import ClubSession

logger = logging.getLogger(__name__)

# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=2)


@dataclass(frozen=True)
class CheckInResult:
    """A check-in that went through: `outcome` is "ok" (recorded now) or "duplicate"
    (the pupil was already in; nothing changed). `replayed` marks an answer repeated for
    a nonce seen before."""

    outcome: str
    status: str
    pupil_id: int
    pupil_name: str
    checked_in_at: str
    attendance_id: int
    replayed: bool = False

    @property
    def message(self) -> str:
        if self.outcome == "duplicate":
            at = timezone.localtime(datetime.fromisoformat(self.checked_in_at))
            return _("%(name)s is already checked in (since %(time)s).") % {
                "name": self.pupil_name,
                "time": formats.time_format(at, "H:i"),
            }
        if self.status == Attendance.Status.LATE:
            return _("%(name)s is checked in (late).") % {"name": self.pupil_name}
        return _("%(name)s is checked in.") % {"name": self.pupil_name}

    def to_json(self) -> dict:
        """The stored answer for a nonce (every field but `replayed`). Spelt out, not
        dataclasses.asdict, which deep-copies each value: this runs on every scan."""
        return {
            "outcome": self.outcome,
            "status": self.status,
            "pupil_id": self.pupil_id,
            "pupil_name": self.pupil_name,
            "checked_in_at": self.checked_in_at,
            "attendance_id": self.attendance_id,
        }


def _nonce_scope(*, actor: User | AnonymousUser | None, scanner: ScannerDevice | None,
                 pupil_device: PupilDevice | None) -> str:
    if scanner is not None:
        return f"s:{scanner.pk}"
    if actor is not None and actor.is_authenticated:
        return f"u:{actor.pk}"
    if pupil_device is not None:
        return f"p:{pupil_device.pk}"
    return "anon"


def _from_stored(stored: dict) -> CheckInResult:
    if stored.get("outcome") == "refused":
        raise CheckInError(stored["code"], replayed=True)
    return CheckInResult(**stored, replayed=True)


def scan_time_believable(scanned_at: object, *, now: datetime) -> bool:
    """Whether a scan time sent by a leader's scanner may be trusted: aware, not more than
    CLOCK_SKEW ahead of the server, not older than ATTENDANCE_OFFLINE_MAX_AGE_HOURS
    (docs/attendance-offline.md). Anything else, down to year 1 or up to year 9999 in
    another time zone, is never stored: PostgreSQL would keep a time Python cannot read
    back."""
    if not isinstance(scanned_at, datetime) or timezone.is_naive(scanned_at):
        return False
    max_age = timedelta(hours=settings.ATTENDANCE_OFFLINE_MAX_AGE_HOURS)
    return now - max_age <= scanned_at <= now + CLOCK_SKEW


def _effective_time(*, now: datetime, scanned_at: datetime | None) -> datetime:
    """When the pupil really arrived: the (already checked) scan time of a leader's
    scanner, never later than now."""
    return now if scanned_at is None else min(scanned_at, now)


def _check_session(session: ClubSession, at: datetime) -> selectors.CheckinWindow:
    if session.status == ClubSession.Status.CANCELLED:
        raise CheckInError("session_cancelled")
    window = selectors.checkin_window(session)
    if at < window.opens_at:
        raise CheckInError("not_open_yet")
    if at > window.closes_at:
        raise CheckInError("closed")
    return window


def _audience_is_closed(session: ClubSession) -> bool:
    """Whether only expected pupils may come: a public session takes anybody, and so
    does a centre session with no club and no school behind it."""
    if session.audience == ClubSession.Audience.PUBLIC:
        return False
    return session.club_id is not None or session.audience in (
        ClubSession.Audience.CLUBS,
        ClubSession.Audience.SCHOOL,
    )


def _check_pupil(session: ClubSession, pupil: Pupil, *, today: date) -> None:
    # A membership awaiting guardian consent (clubs: pending) is refused for the consent,
    # the reason a leader can act on, not as "not a member".
    if pupil.is_pending and not pupil.is_expected:
        raise CheckInError("consent_missing", pupil_id=pupil.pk)
    if _audience_is_closed(session) and not pupil.is_expected:
        raise CheckInError("not_member", pupil_id=pupil.pk)
    if selectors.consent_missing(pupil, today=today):
        raise CheckInError("consent_missing", pupil_id=pupil.pk)


def checkin_record(
    *,
    session: ClubSession,
    method: str,
    actor: User | AnonymousUser | None = None,
    card_secret: str | None = None,
    pupil_device: PupilDevice | None = None,
    pupil_id: int | None = None,
    scanner: ScannerDevice | None = None,
    nonce: str | None = None,
    scanned_at: datetime | None = None,
) -> CheckInResult:
    """Check one pupil into a session, identified by exactly one of: a card secret (a
    leader scanning), a paired phone (projector or typed code) or a pupil id (a pupil
    signed in). The caller has already checked that `actor` may run check-in here (for
    card scans) or that the projected/typed code was valid (for pupils).

    Returns CheckInResult ("ok", or "duplicate" with the first check-in time: a friendly
    answer, not an error). Raises CheckInError with one of the codes: session_cancelled,
    not_open_yet, closed, scan_time_invalid, card_unknown, card_revoked, not_paired,
    not_member, consent_missing. Every refusal is stored as a RefusedScan, but
    nonce_invalid (a malformed nonce: nothing is read or written).

    `scanned_at` counts only for a leader's scanner (Method.CARD; a pupil's own phone
    always gets the server's time). It is checked (scan_time_believable) before anything
    is read: an unbelievable one is refused scan_time_invalid and stored without the time,
    unless the nonce already has an answer, which is given back.

    With a `nonce`, the first answer (result or refusal) is stored and any retry with the
    same nonce from the same sender gets it back without writing anything.

    Locking: runs in its own transaction and reads the pupil with their attendance in
    one query that locks the pupil's row (SELECT ... FOR UPDATE), so concurrent scans of
    one pupil serialise while different pupils do not wait for each other. A check-in
    committed while this one waited for the lock is not in that read (the statement's
    snapshot predates it): the INSERT then hits the unique constraint on (session, pupil)
    and the whole attempt runs once more, answering "duplicate". A successful check-in
    costs 3 queries (locked read, INSERT attendance, INSERT nonce) inside BEGIN/COMMIT.
    """
    if sum(x is not None for x in (card_secret, pupil_device, pupil_id)) != 1:
        raise ValueError("give exactly one of card_secret, pupil_device, pupil_id")
    nonce = nonce_clean(nonce)
    scope = _nonce_scope(actor=actor, scanner=scanner, pupil_device=pupil_device)
    if method != Method.CARD:
        scanned_at = None
    elif scanned_at is not None and not scan_time_believable(
        scanned_at, now=timezone.now()
    ):
        # A scan that did reach us and is re-sent late (its answer was lost) keeps its
        # first answer; any other is refused, the untrustworthy time left out.
        stored = _stored_answer(scope, nonce)
        if stored is not None:
            return _from_stored(stored)
        error = CheckInError("scan_time_invalid")
        _refusal_store(
            error, session=session, method=method, actor=actor, scanner=scanner,
            pupil_device=pupil_device, token=card_secret, nonce=nonce, scope=scope,
            scanned_at=None,
        )
        raise error
    for attempt in range(2):
        try:
            return _checkin_once(
                session=session,
                method=method,
                actor=actor,
                card_secret=card_secret,
                pupil_device=pupil_device,
                pupil_id=pupil_id,
                scanner=scanner,
                nonce=nonce,
                scanned_at=scanned_at,
                scope=scope,
            )
        except CheckInError as error:
            if error.params.get("replayed"):
                raise
            _refusal_store(
                error,
                session=session,
                method=method,
                actor=actor,
                scanner=scanner,
                pupil_device=pupil_device,
                token=card_secret,
                nonce=nonce,
                scope=scope,
                scanned_at=scanned_at,
            )
            raise
        except IntegrityError:
            # A concurrent request won: the same nonce stored first, or a row for this
            # pupil appeared (end-of-session absentees). Its answer is now committed.
            stored = _stored_answer(scope, nonce)
            logger.warning(
                "check-in conflict on session %s (%s), attempt %d: %s",
                session.pk, method, attempt + 1,
                "the first answer is given back" if stored is not None else "trying again",
            )
            if stored is not None:
                return _from_stored(stored)
    raise RuntimeError("check-in kept conflicting")  # pragma: no cover - needs 3 races


def _find_pupil(*, session: ClubSession, card_secret: str | None, pupil_device: PupilDevice | None,
                pupil_id: int | None, scope: str, nonce: str | None, today: date) -> Pupil:
    """The pupil, locked, with eligibility flags, their attendance here if any,
    `card_revoked` and any stored answer for this nonce, all from one query."""
    if card_secret is not None:
        pupil = selectors.checkin_read(
            session=session,
            today=today,
            card_secret=card_secret_clean(card_secret),
            scope=scope,
            nonce=nonce,
        )
        # An anonymised pupil's card reads as unknown, as in clubs.selectors.card_lookup.
        if pupil is None or pupil.anonymised_at is not None:
            _replay_or_none(scope, nonce)
            raise CheckInError("card_unknown")
        return pupil
    pupil = selectors.checkin_read(
        session=session,
        today=today,
        pupil_id=pupil_device.pupil_id if pupil_device is not None else pupil_id,
        scope=scope,
        nonce=nonce,
    )
    if pupil is None:
        _replay_or_none(scope, nonce)
        raise CheckInError("not_paired")
    return pupil


def _checkin_once(
    *, session: ClubSession, method: str, actor: User | AnonymousUser | None,
    card_secret: str | None, pupil_device: PupilDevice | None, pupil_id: int | None,
    scanner: ScannerDevice | None,
    nonce: str | None, scanned_at: datetime | None, scope: str,
) -> CheckInResult:
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        pupil = _find_pupil(
            session=session,
            card_secret=card_secret,
            pupil_device=pupil_device,
            pupil_id=pupil_id,
            scope=scope,
            nonce=nonce,
            today=today,
        )
        if getattr(pupil, "stored_response", None) is not None:
            return _from_stored(pupil.stored_response)
        arrived_at = _effective_time(now=now, scanned_at=scanned_at)
        window = _check_session(session, arrived_at)
        if pupil.card_revoked:
            raise CheckInError("card_revoked", pupil_id=pupil.pk)
        _check_pupil(session, pupil, today=today)

        if pupil.existing_status in (Attendance.Status.PRESENT, Attendance.Status.LATE):
            result = CheckInResult(
                outcome="duplicate",
                status=pupil.existing_status,
                pupil_id=pupil.pk,
                pupil_name=pupil.full_name,
                checked_in_at=pupil.existing_checked_in_at.isoformat(),
                attendance_id=pupil.existing_id,
            )
        else:
            status = (
                Attendance.Status.LATE
                if arrived_at > window.late_from
                else Attendance.Status.PRESENT
            )
            fields = {
                "status": status,
                "method": method,
                "checked_in_at": arrived_at,
                "scanned_at": scanned_at,
                "recorded_by": actor if actor is not None and actor.is_authenticated else None,
                "scanner": scanner,
                "pupil_device": pupil_device,
            }
            if pupil.existing_id is None and nonce and connection.vendor == "postgresql":
                return _insert_with_nonce(
                    session=session, pupil=pupil, fields=fields, now=now, scope=scope,
                    nonce=nonce,
                )
            if pupil.existing_id is None:
                attendance_id = Attendance.objects.create(
                    session=session, pupil=pupil, **fields
                ).pk
            else:
                # Marked absent or excused earlier, and came after all.
                attendance_id = pupil.existing_id
                Attendance.objects.filter(pk=attendance_id).update(
                    **fields, recorded_at=now
                )
                _change_record(
                    session=session, actor=actor, action=AttendanceChange.Action.STATUS,
                    pupil_id=pupil.pk, old_status=pupil.existing_status, new_status=status,
                )
            result = CheckInResult(
                outcome="ok",
                status=status,
                pupil_id=pupil.pk,
                pupil_name=pupil.full_name,
                checked_in_at=arrived_at.isoformat(),
                attendance_id=attendance_id,
            )
        if nonce:
            CheckinNonce.objects.create(scope=scope, nonce=nonce, response=result.to_json())
        return result


# The attendance and the nonce's answer in one statement (one round trip instead of
# two); the answer needs the new row's id, so PostgreSQL merges it into the JSON.
_INSERT_WITH_NONCE = """
WITH a AS (
  INSERT INTO attendance_attendance (session_id, pupil_id, status, method, checked_in_at,
    scanned_at, recorded_at, recorded_by_id, scanner_id, pupil_device_id)
  VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
  RETURNING id
)
INSERT INTO attendance_checkinnonce (scope, nonce, response, created_at)
SELECT %s, %s, %s::jsonb || jsonb_build_object('attendance_id', a.id), %s FROM a
RETURNING (response ->> 'attendance_id')::bigint
"""


def _insert_with_nonce(*, session: ClubSession, pupil: Pupil, fields: dict[str, Any],
                       now: datetime, scope: str, nonce: str) -> CheckInResult:
    """A new attendance and its nonce record, as Attendance.objects.create then
    CheckinNonce.objects.create would write them. PostgreSQL only; a duplicate
    (session, pupil) raises IntegrityError like the ORM would."""
    result = CheckInResult(
        outcome="ok",
        status=fields["status"],
        pupil_id=pupil.pk,
        pupil_name=pupil.full_name,
        checked_in_at=fields["checked_in_at"].isoformat(),
        attendance_id=0,  # replaced by the new row's id, in the database
    )
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_WITH_NONCE,
            [
                session.pk,
                pupil.pk,
                fields["status"],
                fields["method"],
                fields["checked_in_at"],
                fields["scanned_at"],
                now,
                fields["recorded_by"].pk if fields["recorded_by"] is not None else None,
                fields["scanner"].pk if fields["scanner"] is not None else None,
                fields["pupil_device"].pk if fields["pupil_device"] is not None else None,
                scope,
                nonce,
                json.dumps(result.to_json()),
                now,
            ],
        )
        (attendance_id,) = cursor.fetchone()
    return replace(result, attendance_id=attendance_id)


def _stored_answer(scope: str, nonce: str | None) -> dict | None:
    if not nonce:
        return None
    return (
        CheckinNonce.objects.filter(scope=scope, nonce=nonce)
        .values_list("response", flat=True)
        .first()
    )


def _replay_or_none(scope: str, nonce: str | None) -> None:
    stored = _stored_answer(scope, nonce)
    if stored is not None:
        _from_stored(stored)


UNPAIRED_STORE_SECONDS = 60


def checkin_refuse_unpaired(*, session: ClubSession, method: str, source: str) -> CheckInError:
    """A phone that is not paired to any pupil opened a valid projected or typed code:
    refused as "not_paired" and stored, so the leader's live view shows that somebody
    at the door needs their card to pair. Nothing identifies the phone. At most one is
    stored per session and `source` (the caller's address) a minute, so a photo of the
    code opened again and again, or a link preview, cannot push real refusals off the
    leader's list. Returns the error for the caller to answer with."""
    error = CheckInError("not_paired")
    digest = keyed_digest(f"{session.pk}:{source}")
    if not cache.add(f"attendance:unpaired:{digest}", 1, UNPAIRED_STORE_SECONDS):
        return error
    _refusal_store(
        error, session=session, method=method, actor=None, scanner=None, pupil_device=None,
        token=None, nonce=None, scope="", scanned_at=None,
    )
    return error


def _refusal_store(
    error: CheckInError, *, session: ClubSession, method: str, actor: User | AnonymousUser | None,
    scanner: ScannerDevice | None, pupil_device: PupilDevice | None, token: object,
    nonce: str | None, scope: str, scanned_at: datetime | None,
) -> None:
    # Ids and the reason code only: never the card secret, the pupil's name or the phone.
    logger.info(
        "check-in refused on session %s: %s (method %s, pupil %s, scanner %s)",
        session.pk, error.code, method, error.params.get("pupil_id"),
        scanner.pk if scanner is not None else None,
    )
    try:
        with transaction.atomic():
            RefusedScan.objects.create(
                session=session,
                code=error.code,
                method=method,
                pupil_id=error.params.get("pupil_id"),
                token_hash=sha256(token) if isinstance(token, str) else "",
                actor=actor if actor is not None and actor.is_authenticated else None,
                scanner=scanner,
                pupil_device=pupil_device,
                scanned_at=scanned_at,
            )
            if nonce:
                CheckinNonce.objects.create(
                    scope=scope, nonce=nonce, response={"outcome": "refused", "code": error.code}
                )
    except IntegrityError:
        # The same nonce was refused and stored by a concurrent retry: store once.
        logger.warning(
            "refused scan on session %s already stored for this nonce (concurrent retry)",
            session.pk,
        )


# --- Leader corrections -----------------------------------------------------------------


def _change_record(*, actor: User | AnonymousUser | None, action: str, **fields: Any) -> None:
    """The trace of a correction (AttendanceChange): who, when, what it was before."""
    AttendanceChange.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        **fields,
    )


def checkin_undo(*, attendance: Attendance, actor: User | AnonymousUser | None) -> None:
    """Take a check-in back (scanned the wrong card, tapped the wrong name). The row goes,
    so the pupil can be checked in again; refused scans are kept, and an AttendanceChange
    keeps who took it back, when, and the status it had."""
    with transaction.atomic():
        _change_record(
            session_id=attendance.session_id, actor=actor,
            action=AttendanceChange.Action.UNDONE,
            pupil_id=attendance.pupil_id, old_status=attendance.status,
        )
        attendance.delete()


def attendance_mark(
    *, session: ClubSession, pupil_id: int, status: str, actor: User | AnonymousUser | None,
    at: datetime | None = None,
) -> Attendance:
    """Tick a pupil on the roster: present, late, excused or absent, at any time (leaders
    correct the roster after the session too, so no window applies). `at` is when the
    leader ticked (a tick queued on the phone: attendance.roster_services), else now.

    Raises CheckInError: session_cancelled; for present/late also pupil_unknown (not
    expected and not already recorded) and consent_missing. Locks the pupil's row like
    checkin_record, so a tick and a scan of the same pupil cannot both insert.
    """
    if status not in Attendance.Status.values:
        raise ValueError(f"unknown status {status!r}")
    if session.status == ClubSession.Status.CANCELLED:
        raise CheckInError("session_cancelled")
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        pupil = selectors.pupil_for_checkin(
            pupil_id=pupil_id, session=session, today=today, lock=True
        )
        existing = Attendance.objects.filter(session=session, pupil_id=pupil_id).first()
        if pupil is None or (existing is None and not pupil.is_expected):
            raise CheckInError("pupil_unknown")
        coming = status in (Attendance.Status.PRESENT, Attendance.Status.LATE)
        if coming and selectors.consent_missing(pupil, today=today):
            raise CheckInError("consent_missing", pupil_id=pupil.pk)
        checked_in_at = None
        if coming:
            checked_in_at = (
                existing.checked_in_at if existing and existing.checked_in_at else at or now
            )
        fields = {
            "status": status,
            "method": Method.ROSTER,
            "checked_in_at": checked_in_at,
            "recorded_by": actor,
        }
        if existing is None:
            return Attendance.objects.create(session=session, pupil=pupil, **fields)
        if existing.status != status:
            _change_record(
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


# --- Guests -----------------------------------------------------------------------------


def guest_record(
    *,
    session: ClubSession,
    actor: User | None,
    headcount: int = 1,
    name: str = "",
    school_name: str = "",
    class_name: str = "",
) -> GuestAttendance:
    """Count guests who are not members: a headcount, or one named person. Raises
    CheckInError session_cancelled; ValueError for a headcount outside 1-5000 or a named
    entry for more than one person (forms validate these first)."""
    if session.status == ClubSession.Status.CANCELLED:
        raise CheckInError("session_cancelled")
    if not 1 <= headcount <= 5000 or (name and headcount != 1):
        raise ValueError("bad headcount")
    return GuestAttendance.objects.create(
        session=session,
        headcount=headcount,
        name=name.strip(),
        school_name=school_name.strip(),
        class_name=class_name.strip(),
        recorded_by=actor,
    )


def guest_remove(*, guest: GuestAttendance, actor: User | AnonymousUser | None) -> None:
    """Take back guests counted by mistake. The row goes (the session's guest count
    drops); an AttendanceChange keeps how many, the name if one was given, who removed
    them and when."""
    with transaction.atomic():
        _change_record(
            session_id=guest.session_id, actor=actor,
            action=AttendanceChange.Action.GUESTS_REMOVED,
            headcount=guest.headcount, guest_name=guest.name,
        )
        guest.delete()


# --- Devices ----------------------------------------------------------------------------


def scanner_device_create(*, user: User, name: str) -> tuple[ScannerDevice, str]:
    """A new scanner token for a leader's phone. Returns the device and the raw token,
    which is shown once and never stored."""
    token = scanner_token_new()
    device = ScannerDevice.objects.create(user=user, name=name[:80], token_hash=sha256(token))
    return device, token


def scanner_device_revoke(*, device: ScannerDevice) -> None:
    """Stop the device at once: the API's cached answer for its token goes too."""
    if device.revoked_at is None:
        device.revoked_at = timezone.now()
        device.save(update_fields=["revoked_at"])
    cache.set(scanner_revoked_key(device.token_hash), True, SCANNER_CACHE_SECONDS + 5)
    cache.delete(scanner_cache_key(device.token_hash))


def pupil_device_pair(*, card_secret: str, current_key: str | None = None) -> tuple[
    PupilDevice, str
]:
    """Link a phone to the pupil whose (valid) card was opened on it. A phone already
    linked keeps its key and moves to this pupil. Returns the device and the key to keep
    in the phone's cookie. Raises CheckInError card_unknown or card_revoked."""
    card = card_lookup(secret=card_secret_clean(card_secret))
    if card.status == "unknown":
        raise CheckInError("card_unknown")
    if card.status == "revoked":
        raise CheckInError("card_revoked")
    now = timezone.now()
    device = selectors.pupil_device_by_key(key=current_key)
    if device is not None:
        device.pupil = card.pupil
        device.paired_at = now
        device.save(update_fields=["pupil", "paired_at"])
        return device, current_key
    key = new_device_key()
    device = PupilDevice.objects.create(pupil=card.pupil, key_hash=sha256(key), paired_at=now)
    return device, key
