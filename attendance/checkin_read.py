"""The check-in's one read: everything checkin_record and attendance_mark decide on, in
one statement. With `lock` on PostgreSQL the pupil's row is locked first, in a statement
of its own (_LOCK_*): under READ COMMITTED a statement that waits for a row lock returns
that row fresh but everything else it joined as of its start, so a read that locked
itself could act on an attendance or nonce another scan had just replaced.

It is written by hand: the ORM query saying the same cost about 4 ms of CPU to build per
scan, four times what PostgreSQL needs to answer it. It returns plain facts
(CheckinFacts); the rules that judge them are defined once elsewhere and the SQL only
restates two of them, held equal by tests/attendance/test_checkin_read_rules.py:
- who is expected at a session: sessions.selectors.expected_clubs_q;
- the consent facts: clubs.consent.consent_ok (judged in Python from `consent_assent`).
"""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from clubs.consent import consent_ok
from clubs.models import Membership
from sessions.models import ClubSession


@dataclass(frozen=True, slots=True)
class CheckinWindow:
    opens_at: datetime
    late_from: datetime
    closes_at: datetime


def window_of(
    *,
    starts_at: datetime,
    ends_at: datetime,
    opens_minutes_before: int | None = None,
    late_after_minutes: int | None = None,
    closes_minutes_after: int | None = None,
) -> CheckinWindow:
    """A session's check-in window: its own settings (CheckinSettings) where set, else the
    site's (ATTENDANCE_*_MINUTES_*)."""

    def pick(own: int | None, default: int) -> int:
        return default if own is None else own

    opens = pick(opens_minutes_before, settings.ATTENDANCE_OPENS_MINUTES_BEFORE)
    late = pick(late_after_minutes, settings.ATTENDANCE_LATE_AFTER_MINUTES)
    closes = pick(closes_minutes_after, settings.ATTENDANCE_CLOSES_MINUTES_AFTER)
    return CheckinWindow(
        opens_at=starts_at - timedelta(minutes=opens),
        late_from=starts_at + timedelta(minutes=late),
        closes_at=ends_at + timedelta(minutes=closes),
    )


@dataclass(frozen=True, slots=True)
class SessionRef:
    """A session as a check-in names it: checkin_record needs only its id (it reads the
    session's state itself), the pupil's pages show its title, and the participants'
    handlers (attendance.participants) look at its kind."""

    pk: int
    title: str
    kind: str

    @classmethod
    def of(cls, session: ClubSession) -> "SessionRef":
        return cls(pk=session.pk, title=session.title, kind=session.kind)


def session_ref(*, session_id: int) -> SessionRef | None:
    """The session with this id, or None. One query, written by hand: every projected or
    typed code runs it, and the ORM's compiling cost more than the query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, title, kind FROM club_sessions_clubsession WHERE id = %s", [session_id]
        )
        row = cursor.fetchone()
    return None if row is None else SessionRef(pk=row[0], title=row[1], kind=row[2])


@dataclass(frozen=True, slots=True)
class PairedPhone:
    """A pupil's paired phone, as a check-in needs it."""

    pk: int
    pupil_id: int


# The phone with a key hash, if it speaks for its pupil: not revoked, the pupil not
# anonymised.
_PAIRED_PHONE = (
    "SELECT d.id, d.pupil_id FROM attendance_pupildevice d"
    " JOIN clubs_pupil p ON p.id = d.pupil_id"
    " WHERE d.key_hash = %s AND d.revoked_at IS NULL AND p.anonymised_at IS NULL"
)


# The session, with that phone if there is one (session_and_phone).
_SESSION_WITH = (
    "SELECT s.id, s.title, s.kind, ph.id, ph.pupil_id FROM club_sessions_clubsession s"
    " LEFT JOIN ({phone}) ph ON 1 = 1 WHERE s.id = %s"
)
_SESSION_AND_PHONE = _SESSION_WITH.format(phone=_PAIRED_PHONE)


def paired_phone(*, key_hash: str) -> PairedPhone | None:
    """The unrevoked phone with this key hash, unless its pupil was anonymised. One query,
    written by hand for the same reason as session_ref."""
    with connection.cursor() as cursor:
        cursor.execute(_PAIRED_PHONE, [key_hash])
        row = cursor.fetchone()
    return None if row is None else PairedPhone(pk=row[0], pupil_id=row[1])


def session_and_phone(
    *, session_id: int, key_hash: str | None
) -> tuple[SessionRef | None, PairedPhone | None]:
    """session_ref and paired_phone in one query: a projected code names the session and
    the phone's cookie the pupil, and a whole class opens the code at once. (None, None)
    when there is no such session."""
    with connection.cursor() as cursor:
        cursor.execute(_SESSION_AND_PHONE, [key_hash, session_id])
        row = cursor.fetchone()
    if row is None:
        return None, None
    phone = None if row[3] is None else PairedPhone(pk=row[3], pupil_id=row[4])
    return SessionRef(pk=row[0], title=row[1], kind=row[2]), phone


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """The session's state as the read found it (never a cached copy)."""

    id: int
    status: str
    starts_at: datetime
    ends_at: datetime
    audience: str
    club_id: int | None
    school_id: int | None
    opens_minutes_before: int | None
    late_after_minutes: int | None
    closes_minutes_after: int | None

    @property
    def window(self) -> CheckinWindow:
        return window_of(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            opens_minutes_before=self.opens_minutes_before,
            late_after_minutes=self.late_after_minutes,
            closes_minutes_after=self.closes_minutes_after,
        )

    @property
    def audience_is_closed(self) -> bool:
        """Whether only expected pupils may come: a public session takes anybody, and so
        does a centre session with no club and no school behind it."""
        if self.audience == ClubSession.Audience.PUBLIC:
            return False
        return self.club_id is not None or self.audience in (
            ClubSession.Audience.CLUBS,
            ClubSession.Audience.SCHOOL,
        )


@dataclass(frozen=True, slots=True)
class CheckinFacts:
    """One pupil at one session: who they are, whether the session expects them, their
    consent, their attendance there if any, and the first answer to the scan's nonce."""

    pupil_id: int
    full_name: str
    birth_year: int
    anonymised: bool
    card_revoked: bool  # False when the pupil was read by id
    expected: bool  # an active membership in a club expected at the session
    pending: bool  # a membership awaiting consent in such a club
    consent_assent: bool | None  # see clubs.consent.consent_ok
    existing_id: int | None
    existing_status: str | None
    existing_checked_in_at: datetime | None
    stored_response: dict[str, Any] | None
    session: SessionFacts

    def consent_ok(self, *, today: date) -> bool:
        return consent_ok(
            birth_year=self.birth_year, consent_assent=self.consent_assent, on_date=today
        )


_CHECKIN_READ = """
SELECT p.id, p.full_name, p.birth_year, p.anonymised_at IS NOT NULL, {card_revoked},
  (
    -- 2 if an active membership makes the pupil expected here, + 1 if a membership
    -- awaiting consent would (sessions.selectors.expected_clubs_q).
    SELECT COALESCE(MAX(CASE WHEN m.status = %s THEN 2 ELSE 0 END), 0)
         + COALESCE(MAX(CASE WHEN m.status = %s THEN 1 ELSE 0 END), 0)
    FROM clubs_membership m
    WHERE m.pupil_id = p.id AND (
      m.club_id = s.club_id
      OR m.club_id IN (SELECT g.club_id FROM club_sessions_clubsession_guest_clubs g
                       WHERE g.clubsession_id = s.id)
      OR (s.audience = %s
          AND m.club_id IN (SELECT k.id FROM clubs_club k WHERE k.school_id = s.school_id))
    )
  ),
  -- clubs.consent.consent_ok's consent_assent: NULL, FALSE or TRUE.
  (SELECT gc.child_assent FROM clubs_guardianconsent gc
   WHERE gc.pupil_id = p.id AND gc.withdrawn_at IS NULL AND gc.given_on <= %s
   ORDER BY gc.child_assent DESC LIMIT 1),
  a.id, a.status, a.checked_in_at,
  {stored},
  s.id, s.status, s.starts_at, s.ends_at, s.audience, s.club_id, s.school_id,
  cs.opens_minutes_before, cs.late_after_minutes, cs.closes_minutes_after
FROM {source}
JOIN club_sessions_clubsession s ON s.id = %s
LEFT JOIN attendance_checkinsettings cs ON cs.session_id = s.id
LEFT JOIN attendance_attendance a ON a.pupil_id = p.id AND a.session_id = s.id
WHERE {where}
"""
# The lock, taken before _CHECKIN_READ so that the read's snapshot starts after any wait.
_LOCK_BY_CARD = (
    "SELECT p.id FROM clubs_membercard c JOIN clubs_pupil p ON p.id = c.pupil_id"
    " WHERE c.secret = %s FOR UPDATE OF p"
)
_LOCK_BY_ID = (
    "SELECT p.id FROM clubs_pupil p WHERE p.id = %s AND p.anonymised_at IS NULL FOR UPDATE"
)
_STORED = (
    "(SELECT n.response FROM attendance_checkinnonce n WHERE n.scope = %s AND n.nonce = %s)"
)


def as_datetime(value: datetime | str | None) -> datetime | None:
    """A datetime column as an aware datetime: SQLite hands back text."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def _as_aware(value: datetime | str) -> datetime:
    """A NOT NULL datetime column, as as_datetime reads it."""
    parsed = as_datetime(value)
    if parsed is None:
        raise ValueError(f"not a datetime: {value!r}")
    return parsed


def _as_json(value: Any) -> dict[str, Any] | None:
    # Django's PostgreSQL backend leaves jsonb as text; SQLite stores text.
    if isinstance(value, str | bytes):
        return json.loads(value)
    return value


def checkin_facts(
    *,
    session_id: int,
    today: date,
    card_secret: str | None = None,
    pupil_id: int | None = None,
    scope: str = "",
    nonce: str | None = None,
    lock: bool = True,
) -> CheckinFacts | None:
    """The facts about the pupil of this card (valid or revoked) or with this id at this
    session; with `lock`, their row locked until the transaction ends. None when there
    is no such card, pupil or session. By card, an anonymised pupil comes back with
    `anonymised` set (the caller says "unknown card"); by id, never. With a nonce,
    `stored_response` is the first answer given to it from `scope`. One query; with
    `lock` on PostgreSQL, two (the lock, then the read: see the module's docstring)."""
    if (card_secret is None) == (pupil_id is None):
        raise ValueError("give exactly one of card_secret, pupil_id")
    by_card = card_secret is not None
    sql = _CHECKIN_READ.format(
        card_revoked="c.revoked_at IS NOT NULL" if by_card else "FALSE",
        stored=_STORED if nonce else "NULL",
        source=(
            "clubs_membercard c JOIN clubs_pupil p ON p.id = c.pupil_id"
            if by_card
            else "clubs_pupil p"
        ),
        where="c.secret = %s" if by_card else "p.id = %s AND p.anonymised_at IS NULL",
    )
    params: list[Any] = [
        Membership.Status.ACTIVE,
        Membership.Status.PENDING,
        ClubSession.Audience.SCHOOL,
        connection.ops.adapt_datefield_value(today),
    ]
    if nonce:
        params += [scope, nonce]
    key = card_secret if by_card else pupil_id
    params += [session_id, key]
    with connection.cursor() as cursor:
        # SQLite has no row locks: its transactions begin IMMEDIATE (one writer at a time).
        if lock and connection.features.has_select_for_update_of:
            cursor.execute(_LOCK_BY_CARD if by_card else _LOCK_BY_ID, [key])
            if cursor.fetchone() is None:
                return None
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    return _facts_from_row(row)


def _facts_from_row(row: tuple) -> CheckinFacts:
    """CheckinFacts from a row of _CHECKIN_READ's columns, in order."""
    (pupil_id, full_name, birth_year, anonymised, card_revoked, flags, assent,
     existing_id, existing_status, existing_at, stored,
     s_id, s_status, s_starts, s_ends, s_audience, s_club, s_school,
     cs_opens, cs_late, cs_closes) = row[:21]
    return CheckinFacts(
        pupil_id=pupil_id,
        full_name=full_name,
        birth_year=birth_year,
        anonymised=bool(anonymised),
        card_revoked=bool(card_revoked),
        expected=bool(flags & 2),
        pending=bool(flags & 1),
        consent_assent=None if assent is None else bool(assent),
        existing_id=existing_id,
        existing_status=existing_status,
        existing_checked_in_at=as_datetime(existing_at),
        stored_response=_as_json(stored),
        session=SessionFacts(
            id=s_id,
            status=s_status,
            starts_at=_as_aware(s_starts),
            ends_at=_as_aware(s_ends),
            audience=s_audience,
            club_id=s_club,
            school_id=s_school,
            opens_minutes_before=cs_opens,
            late_after_minutes=cs_late,
            closes_minutes_after=cs_closes,
        ),
    )
