"""Scanning: checkin_record owns every check-in rule; views and the API only translate
its answers (CheckInResult) and refusals (CheckInError)."""

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from attendance import participants
from attendance.checkin_read import (
    CheckinFacts,
    CheckinWindow,
    PairedPhone,
    SessionFacts,
    SessionRef,
    checkin_facts,
)
from attendance.errors import CheckInError
from attendance.models import (
    Attendance,
    AttendanceChange,
    CheckinNonce,
    Method,
    PupilDevice,
    RefusedScan,
    ScannerDevice,
)
from attendance.ratelimit import keyed_digest
from attendance.services.corrections import change_record
from attendance.services.types import Actor
from attendance.tokens import card_secret_clean, nonce_clean, sha256
from clubs.models import Pupil
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

    def to_json(self) -> dict[str, Any]:
        """The stored answer for a nonce: every field but `replayed` and the name, which
        erasure and retention could not reach there (a replay reads it again:
        replayed_result). Spelt out, not dataclasses.asdict, which deep-copies each value:
        this runs on every scan."""
        return {
            "outcome": self.outcome,
            "status": self.status,
            "pupil_id": self.pupil_id,
            "checked_in_at": self.checked_in_at,
            "attendance_id": self.attendance_id,
        }


def replayed_result(stored: dict[str, Any], *, name_of: Callable[[int], str]) -> CheckInResult:
    """A nonce's stored answer given again: a refusal is raised again, a check-in comes
    back with its person's name as it is now (`name_of(pupil_id)`, one read on the retry
    path only; blank once they were erased or anonymised). A name stored before names
    were left out (migration 0004 blanks them) is ignored."""
    if stored.get("outcome") == "refused":
        raise CheckInError(stored["code"], replayed=True)
    fields = {k: v for k, v in stored.items() if k != "pupil_name"}
    return CheckInResult(**fields, pupil_name=name_of(fields["pupil_id"]), replayed=True)


def _pupil_name(pupil_id: int) -> str:
    name = (
        Pupil.objects.filter(pk=pupil_id, anonymised_at__isnull=True)
        .values_list("full_name", flat=True)
        .first()
    )
    return name or ""


def nonce_scope(
    *, actor: Actor, scanner: ScannerDevice | None, pupil_device: PupilDevice | PairedPhone | None
) -> str:
    if scanner is not None:
        return f"s:{scanner.pk}"
    if actor is not None and actor.is_authenticated:
        return f"u:{actor.pk}"
    if pupil_device is not None:
        return f"p:{pupil_device.pk}"
    return "anon"


def _from_stored(stored: dict[str, Any]) -> CheckInResult:
    return replayed_result(stored, name_of=_pupil_name)


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


def _check_session(session: SessionFacts, at: datetime) -> CheckinWindow:
    if session.status == ClubSession.Status.CANCELLED:
        raise CheckInError("session_cancelled")
    window = session.window
    if at < window.opens_at:
        raise CheckInError("not_open_yet")
    if at > window.closes_at:
        raise CheckInError("closed")
    return window


def _check_pupil(facts: CheckinFacts, *, today: date) -> None:
    # A membership awaiting guardian consent (clubs: pending) is refused for the consent,
    # the reason a leader can act on, not as "not a member".
    if facts.pending and not facts.expected:
        raise CheckInError("consent_missing", pupil_id=facts.pupil_id)
    if facts.session.audience_is_closed and not facts.expected:
        raise CheckInError("not_member", pupil_id=facts.pupil_id)
    if not facts.consent_ok(today=today):
        raise CheckInError("consent_missing", pupil_id=facts.pupil_id)


def checkin_record(
    *,
    session: ClubSession | SessionRef,
    method: str,
    actor: Actor = None,
    card_secret: str | None = None,
    pupil_device: PupilDevice | PairedPhone | None = None,
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
    not_member, consent_missing; at a training class's session (no pupil is checked in
    there) participant_card_not_admitted for a card, participant_not_enrolled for a
    phone. Every refusal is stored as a RefusedScan, but
    nonce_invalid (a malformed nonce: nothing is read or written).

    `scanned_at` counts only for a leader's scanner (Method.CARD; a pupil's own phone
    always gets the server's time). It is checked (scan_time_believable) before anything
    is read: an unbelievable one is refused scan_time_invalid and stored without the time,
    unless the nonce already has an answer, which is given back.

    With a `nonce`, the first answer (result or refusal) is stored and any retry with the
    same nonce from the same sender gets it back without writing anything.

    A duplicate writes nothing (not even its nonce: a retry reads the same answer).

    Locking and cost: one read (checkin_read) gives every fact. On PostgreSQL a first
    check-in is then one statement in autocommit that locks the pupil's row (SELECT ...
    FOR UPDATE), inserts with ON CONFLICT DO NOTHING on (session, pupil) and stores the
    nonce: two round trips, no BEGIN/COMMIT. Concurrent scans of one pupil serialise on
    that lock and the unique constraint; the loser writes nothing and its next attempt
    reads "duplicate". Other writes (a pupil marked absent who came after all; SQLite)
    run in a transaction: the pupil's row locked, then the same read (checkin_read).
    """
    if sum(x is not None for x in (card_secret, pupil_device, pupil_id)) != 1:
        raise ValueError("give exactly one of card_secret, pupil_device, pupil_id")
    nonce = nonce_clean(nonce)
    scope = nonce_scope(actor=actor, scanner=scanner, pupil_device=pupil_device)
    if method != Method.CARD:
        scanned_at = None
    elif scanned_at is not None and not scan_time_believable(
        scanned_at, now=timezone.now()
    ):
        # A scan that did reach us and is re-sent late (its answer was lost) keeps its
        # first answer; any other is refused, the untrustworthy time left out.
        stored = nonce_answer(scope, nonce)
        if stored is not None:
            return _from_stored(stored)
        error = CheckInError("scan_time_invalid")
        refusal_store(
            error, session=session, method=method, actor=actor, scanner=scanner,
            pupil_device=pupil_device, token=card_secret, nonce=nonce, scope=scope,
            scanned_at=None,
        )
        raise error
    if session.kind == ClubSession.Kind.TRAINING and participants.only_own_people(session):
        # A class for adults (a board member admitted to it is checked in by its app's
        # handlers first, attendance/participants.py): no pupil is checked in there.
        return checkin_refuse(
            session=session,
            code="participant_card_not_admitted" if method == Method.CARD
            else "participant_not_enrolled",
            method=method, actor=actor, scanner=scanner, pupil_device=pupil_device,
            pupil_id=pupil_device.pupil_id if pupil_device is not None else pupil_id,
            card_secret=card_secret, nonce=nonce, scope=scope, scanned_at=scanned_at,
        )
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
            refusal_store(
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
            stored = nonce_answer(scope, nonce)
            logger.warning(
                "check-in conflict on session %s (%s), attempt %d: %s",
                session.pk, method, attempt + 1,
                "the first answer is given back" if stored is not None else "trying again",
            )
            if stored is not None:
                return _from_stored(stored)
    raise RuntimeError("check-in kept conflicting")  # pragma: no cover - needs 3 races


def _find_pupil(
    *, session_id: int, card_secret: str | None, pupil_device: PupilDevice | PairedPhone | None,
    pupil_id: int | None, scope: str, nonce: str | None, today: date, lock: bool,
) -> CheckinFacts:
    """The pupil's facts at the session (checkin_read); refuses an unknown card or phone
    unless the nonce already has an answer."""
    if card_secret is not None:
        facts = checkin_facts(
            session_id=session_id, today=today, card_secret=card_secret_clean(card_secret),
            scope=scope, nonce=nonce, lock=lock,
        )
        # An anonymised pupil's card reads as unknown, as in clubs.selectors.card_lookup.
        if facts is None or facts.anonymised:
            _replay_or_none(scope, nonce)
            raise CheckInError("card_unknown")
        return facts
    facts = checkin_facts(
        session_id=session_id,
        today=today,
        pupil_id=pupil_device.pupil_id if pupil_device is not None else pupil_id,
        scope=scope,
        nonce=nonce,
        lock=lock,
    )
    if facts is None:
        _replay_or_none(scope, nonce)
        raise CheckInError("not_paired")
    return facts


def _checkin_once(**kwargs: Any) -> CheckInResult:
    """One attempt. On PostgreSQL a first check-in runs in autocommit: the read, then one
    statement that locks the pupil's row and inserts (_INSERT_LOCKED); anything else (a
    pupil marked absent who came after all, SQLite) runs in a transaction that locks the
    pupil's row, then reads."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        result = _checkin_attempt(**kwargs, autocommit=True)
        if result is not None:
            return result
    with transaction.atomic():
        result = _checkin_attempt(**kwargs, autocommit=False)
    if result is None:  # pragma: no cover - only the autocommit attempt hands over
        raise RuntimeError("a check-in in a transaction always answers")
    return result


def _checkin_attempt(
    *, session: ClubSession | SessionRef, method: str, actor: Actor, card_secret: str | None,
    pupil_device: PupilDevice | PairedPhone | None, pupil_id: int | None,
    scanner: ScannerDevice | None, nonce: str | None, scanned_at: datetime | None, scope: str,
    autocommit: bool,
) -> CheckInResult | None:
    """Read, judge, write. With autocommit, None when the write is not a plain INSERT
    (the caller then runs the attempt again in a transaction)."""
    now = timezone.now()
    today = timezone.localdate(now)
    facts = _find_pupil(
        session_id=session.pk,
        card_secret=card_secret,
        pupil_device=pupil_device,
        pupil_id=pupil_id,
        scope=scope,
        nonce=nonce,
        today=today,
        lock=not autocommit,
    )
    if facts.stored_response is not None:
        return _from_stored(facts.stored_response)
    arrived_at = _effective_time(now=now, scanned_at=scanned_at)
    window = _check_session(facts.session, arrived_at)
    if facts.card_revoked:
        raise CheckInError("card_revoked", pupil_id=facts.pupil_id)
    _check_pupil(facts, today=today)

    came_at = facts.existing_checked_in_at  # set for present and late (a constraint)
    if facts.existing_id is not None and came_at is not None and facts.existing_status in (
        Attendance.Status.PRESENT, Attendance.Status.LATE,
    ):
        # A re-scan writes nothing, not even its nonce: a retry reads the same answer.
        return CheckInResult(
            outcome="duplicate",
            status=facts.existing_status,
            pupil_id=facts.pupil_id,
            pupil_name=facts.full_name,
            checked_in_at=came_at.isoformat(),
            attendance_id=facts.existing_id,
        )
    status = Attendance.Status.LATE if arrived_at > window.late_from else Attendance.Status.PRESENT
    result = CheckInResult(
        outcome="ok",
        status=status,
        pupil_id=facts.pupil_id,
        pupil_name=facts.full_name,
        checked_in_at=arrived_at.isoformat(),
        attendance_id=0,  # the new row's id, once written
    )
    recorded_by = actor if actor is not None and actor.is_authenticated else None
    if autocommit:
        if facts.existing_id is not None:
            return None
        attendance_id = _insert_locked(
            session_id=session.pk, pupil_id=facts.pupil_id, status=status, method=method,
            checked_in_at=arrived_at, scanned_at=scanned_at, now=now,
            recorded_by_id=recorded_by.pk if recorded_by is not None else None,
            scanner_id=scanner.pk if scanner is not None else None,
            pupil_device_id=pupil_device.pk if pupil_device is not None else None,
            scope=scope, nonce=nonce, answer=result.to_json(),
        )
        return replace(result, attendance_id=attendance_id)
    fields = {
        "status": status, "method": method, "checked_in_at": arrived_at,
        "scanned_at": scanned_at, "recorded_by": recorded_by, "scanner": scanner,
        "pupil_device_id": pupil_device.pk if pupil_device is not None else None,
    }
    if facts.existing_id is None:
        attendance_id = Attendance.objects.create(
            session_id=session.pk, pupil_id=facts.pupil_id, **fields
        ).pk
    else:
        # Marked absent or excused earlier, and came after all.
        attendance_id = facts.existing_id
        Attendance.objects.filter(pk=attendance_id).update(**fields, recorded_at=now)
        change_record(
            session_id=session.pk, actor=actor, action=AttendanceChange.Action.STATUS,
            pupil_id=facts.pupil_id, old_status=facts.existing_status, new_status=status,
        )
    result = replace(result, attendance_id=attendance_id)
    if nonce:
        CheckinNonce.objects.create(scope=scope, nonce=nonce, response=result.to_json())
    return result


# A first check-in's write on PostgreSQL, in one statement run in autocommit (no BEGIN or
# COMMIT round trips): lock the pupil's row (#5's select_for_update: a roster tick of the
# same pupil waits), insert the attendance unless a row for (session, pupil) appeared
# since the read, and store the nonce's answer with the new row's id merged in.
# Nothing here trusts the read's (unlocked, possibly older) view of the attendance or the
# nonce: ON CONFLICT and the nonce's unique index judge the rows as committed when the
# INSERT runs, after any wait for the lock, and a conflict hands over to a fresh attempt.
_INSERT_LOCKED = """
WITH p AS (SELECT id FROM clubs_pupil WHERE id = %s FOR UPDATE),
a AS (
  INSERT INTO attendance_attendance (session_id, pupil_id, status, method, checked_in_at,
    scanned_at, recorded_at, recorded_by_id, scanner_id, pupil_device_id)
  SELECT %s, p.id, %s, %s, %s, %s, %s, %s, %s, %s FROM p
  ON CONFLICT (session_id, pupil_id) DO NOTHING
  RETURNING id
){nonce_cte}
SELECT id FROM a
"""
_NONCE_CTE = """,
n AS (
  INSERT INTO attendance_checkinnonce (scope, nonce, response, created_at)
  SELECT %s, %s, %s::jsonb || jsonb_build_object('attendance_id', a.id), %s FROM a
)"""


def _insert_locked(
    *, session_id: int, pupil_id: int, status: str, method: str, checked_in_at: datetime,
    scanned_at: datetime | None, now: datetime, recorded_by_id: int | None,
    scanner_id: int | None, pupil_device_id: int | None, scope: str, nonce: str | None,
    answer: dict[str, Any],
) -> int:
    """The new attendance's id. Raises IntegrityError when a row for the pupil appeared
    since the read (a concurrent scan or tick) or the nonce was stored by a concurrent
    retry: checkin_record then tries once more."""
    params: list[Any] = [
        pupil_id, session_id, status, method, checked_in_at, scanned_at, now,
        recorded_by_id, scanner_id, pupil_device_id,
    ]
    if nonce:
        params += [scope, nonce, json.dumps(answer), now]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_LOCKED.format(nonce_cte=_NONCE_CTE if nonce else ""), params)
        row = cursor.fetchone()
    if row is None:
        raise IntegrityError("attendance_one_per_pupil_and_session: recorded meanwhile")
    return row[0]


def nonce_answer(scope: str, nonce: str | None) -> dict[str, Any] | None:
    if not nonce:
        return None
    return (
        CheckinNonce.objects.filter(scope=scope, nonce=nonce)
        .values_list("response", flat=True)
        .first()
    )


def _replay_or_none(scope: str, nonce: str | None) -> None:
    stored = nonce_answer(scope, nonce)
    if stored is not None:
        _from_stored(stored)


def checkin_refuse(
    *, session: ClubSession | SessionRef, code: str, method: str, actor: Actor,
    scanner: ScannerDevice | None, card_secret: str | None, nonce: str | None,
    scope: str | None = None, pupil_device: PupilDevice | PairedPhone | None = None,
    pupil_id: int | None = None, scanned_at: datetime | None = None,
) -> CheckInResult:
    """A scan refused before anything about its pupil is read: a session held for
    another app's people (checkin_record), or a scanner allowed only those people's cards
    (attendance.api). Raises CheckInError(code), the refusal stored with its reason, who
    scanned and when (`scanned_at` already checked believable), and the nonce's answer.
    A nonce that already has an answer gets it back instead (raised, or returned)."""
    nonce = nonce_clean(nonce)
    if scope is None:
        scope = nonce_scope(actor=actor, scanner=scanner, pupil_device=pupil_device)
    stored = nonce_answer(scope, nonce)
    if stored is not None:
        return _from_stored(stored)
    error = CheckInError(code, pupil_id=pupil_id)
    refusal_store(
        error, session=session, method=method, actor=actor, scanner=scanner,
        pupil_device=pupil_device, token=card_secret, nonce=nonce, scope=scope,
        scanned_at=scanned_at,
    )
    raise error


UNPAIRED_STORE_SECONDS = 60


def checkin_refuse_unpaired(
    *, session: ClubSession | SessionRef, method: str, source: str
) -> CheckInError:
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
    refusal_store(
        error, session=session, method=method, actor=None, scanner=None, pupil_device=None,
        token=None, nonce=None, scope="", scanned_at=None,
    )
    return error


def refusal_store(
    error: CheckInError, *, session: ClubSession | SessionRef, method: str, actor: Actor,
    scanner: ScannerDevice | None, pupil_device: PupilDevice | PairedPhone | None,
    token: str | None, nonce: str | None, scope: str, scanned_at: datetime | None,
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
                session_id=session.pk,
                code=error.code,
                method=method,
                pupil_id=error.params.get("pupil_id"),
                token_hash=sha256(token) if isinstance(token, str) else "",
                actor=actor if actor is not None and actor.is_authenticated else None,
                scanner=scanner,
                pupil_device_id=pupil_device.pk if pupil_device is not None else None,
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


