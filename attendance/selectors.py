"""Reads for attendance. Off the hot path we use the clubs and sessions selectors
(clubs.selectors.card_lookup, sessions.selectors.expected_pupil_ids,
sessions.selectors.session_can_manage). The check-in itself needs the card or phone, the
pupil's eligibility, any stored nonce answer and any earlier attendance in ONE locked
query, so those rules are fused here as annotations that mirror the other apps'
selectors; tests/attendance/test_audience_and_selectors.py holds them equal.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import User
from attendance.models import (
    Attendance,
    AttendanceChange,
    CheckinSettings,
    GuestAttendance,
    PupilDevice,
    RefusedScan,
)
from clubs.access import ClubRole, clubs_visible_to
from clubs.models import Club, GuardianConsent, MemberCard, Membership, Pupil
from clubs.selectors import ADULT_AGE as CONSENT_AGE
from clubs.selectors import ASSENT_FROM_AGE as ASSENT_AGE
from sessions import selectors as session_selectors
from sessions.models import ClubSession

# --- Hand-written reads on the check-in path --------------------------------------------

_ROW_PLANS: dict = {}


def _row_plan(model: Any, sql: str, width: int, description: Callable[[], Any]) -> tuple:
    """For a hand-written query: which columns are `model`'s fields (their attnames in
    model order, with the database's and the field's converters, as the ORM would apply
    them) and which are extra annotations. Worked out once per model, query and database
    vendor, and again if the query's columns ever change in number."""
    key = (connection.vendor, model, sql)
    plan = _ROW_PLANS.get(key)
    if plan is None or plan[3] != width:
        names = [c[0] for c in description()]
        by_column = {f.column: f for f in model._meta.concrete_fields}
        position = {f.column: i for i, f in enumerate(model._meta.concrete_fields)}
        fields = sorted((n for n in names if n in by_column), key=position.__getitem__)
        converters = []
        for column in fields:
            col = by_column[column].get_col(model._meta.db_table)
            found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            converters.append((names.index(column), col, found))
        extras = [(i, n) for i, n in enumerate(names) if n not in by_column]
        plan = ([by_column[c].attname for c in fields], converters, extras, len(names))
        _ROW_PLANS[key] = plan
    return plan[:3]


def _one(model: Any, sql: str, params: list) -> Any:
    """The first row of a hand-written query as a `model` instance (the model's columns
    as fields, the others as attributes), or None. What Model.objects.raw() gives, for a
    fraction of its CPU: a RawQuerySet inspects the model and the columns on every call,
    which cost more than the query on the check-in path."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        attnames, converters, extras = _row_plan(
            model, sql, len(row), lambda: cursor.description
        )
    values = []
    for index, col, found in converters:
        value = row[index]
        for converter in found:
            value = converter(value, col, connection)
        values.append(value)
    obj = model.from_db(connection.alias, attnames, values)
    for index, name in extras:
        setattr(obj, name, row[index])
    return obj


# --- Sessions and their check-in window -------------------------------------------------


@dataclass(frozen=True)
class CheckinWindow:
    opens_at: datetime
    late_from: datetime
    closes_at: datetime


def session_for_checkin(*, session_id: int) -> ClubSession | None:
    return (
        ClubSession.objects.select_related("club", "checkin_settings")
        .filter(pk=session_id)
        .first()
    )


def _session_overrides(session: ClubSession) -> CheckinSettings | None:
    try:
        return session.checkin_settings
    except ObjectDoesNotExist:
        return None


def checkin_window(session: ClubSession) -> CheckinWindow:
    own = _session_overrides(session)

    def pick(field: str, default: int) -> int:
        value = getattr(own, field, None) if own else None
        return default if value is None else value

    opens = pick("opens_minutes_before", settings.ATTENDANCE_OPENS_MINUTES_BEFORE)
    late = pick("late_after_minutes", settings.ATTENDANCE_LATE_AFTER_MINUTES)
    closes = pick("closes_minutes_after", settings.ATTENDANCE_CLOSES_MINUTES_AFTER)
    return CheckinWindow(
        opens_at=session.starts_at - timedelta(minutes=opens),
        late_from=session.starts_at + timedelta(minutes=late),
        closes_at=session.ends_at + timedelta(minutes=closes),
    )


def _roughly_open(now: datetime) -> Q:
    # The widest window any session may have; the exact one is checked per session.
    widest = timedelta(hours=settings.ATTENDANCE_MAX_WINDOW_HOURS)
    return Q(starts_at__lte=now + widest, ends_at__gte=now - widest)


def open_sessions(*, now: datetime | None = None,
                  clubs: QuerySet[Club] | None = None) -> list[ClubSession]:
    """Sessions whose check-in window contains `now`, optionally within some clubs."""
    now = now or timezone.now()
    sessions = (
        ClubSession.objects.filter(_roughly_open(now))
        .exclude(status=ClubSession.Status.CANCELLED)
        .select_related("club", "checkin_settings")
        .order_by("starts_at")
    )
    if clubs is not None:
        sessions = sessions.filter(club__in=clubs)
    return [
        s for s in sessions if checkin_window(s).opens_at <= now <= checkin_window(s).closes_at
    ]


def sessions_for_leader(*, user: User, now: datetime | None = None) -> QuerySet[ClubSession]:
    """Recent and coming sessions of the clubs this user may run check-in for."""
    now = now or timezone.now()
    qs = ClubSession.objects.filter(
        starts_at__gte=now - timedelta(days=30), starts_at__lte=now + timedelta(days=30)
    )
    if not user.is_centre_staff:
        qs = qs.filter(club__in=clubs_visible_to(user, at_least=ClubRole.LEADER))
    return qs.select_related("club").order_by("starts_at")


# --- Who may do what --------------------------------------------------------------------


def actor_may_run_checkin(user: User | AnonymousUser, session: ClubSession) -> bool:
    """Leaders of the session's club and centre staff scan, tick and project: the
    sessions app's "may manage this session" rule."""
    if not user.is_authenticated or not user.is_active:
        return False
    return session_selectors.session_can_manage(user, session)


# The session's columns by name, not s.*: a running process keeps its column plan for
# each query (_row_plan), so a column added by a later migration must not shift them.
_SESSION_COLUMNS = ", ".join(f"s.{f.column}" for f in ClubSession._meta.concrete_fields)
_SESSION_FOR_ACTOR = """
SELECT {columns}, cs.id AS cs_id, cs.opens_minutes_before AS cs_opens,
  cs.late_after_minutes AS cs_late, cs.closes_minutes_after AS cs_closes,
  cs.absentees_marked_at AS cs_marked
FROM club_sessions_clubsession s
LEFT JOIN attendance_checkinsettings cs ON cs.session_id = s.id
WHERE s.id = %s {may_run}
"""
# clubs.access.led_club_ids: an assignment open today.
_LEADS_THE_CLUB = """AND EXISTS (
  SELECT 1 FROM clubs_leaderassignment la
  WHERE la.user_id = %s AND la.club_id = s.club_id AND la.starts_on <= %s
    AND (la.ends_on IS NULL OR la.ends_on >= %s))"""


def session_for_actor(*, session_id: int, user: User | AnonymousUser) -> ClubSession | None:
    """The session if `user` may run its check-in (leader of its club, or staff), else
    None, with its CheckinSettings. Same rule as actor_may_run_checkin
    (sessions.selectors.session_can_manage), fused into the one query that loads the
    session, and written by hand: this runs on every scanner API call, where the ORM's
    select_related + EXISTS query cost more CPU to build than to answer.
    tests/attendance/test_audience_and_selectors.py holds it to the ORM rule."""
    if not user.is_authenticated or not user.is_active:
        return None
    return _session_read(session_id=session_id, user=None if user.is_centre_staff else user)


def session_for_pupil_checkin(*, session_id: int) -> ClubSession | None:
    """The session a projected or typed code named, with its CheckinSettings (the club is
    not loaded: the pupil's pages do not show it). One hand-written query, like
    session_for_actor."""
    return _session_read(session_id=session_id, user=None)


def _session_read(*, session_id: int, user: User | None) -> ClubSession | None:
    """The session with its settings; with a `user`, only if they lead its club today."""
    params = [session_id]
    may_run = ""
    if user is not None:
        today = connection.ops.adapt_datefield_value(timezone.localdate())
        may_run = _LEADS_THE_CLUB
        params += [user.pk, today, today]
    session = _one(
        ClubSession, _SESSION_FOR_ACTOR.format(columns=_SESSION_COLUMNS, may_run=may_run), params
    )
    if session is None:
        return None
    _settings_cache(session, session)
    return session


def _settings_cache(session: ClubSession, row: Any) -> None:
    """Put the CheckinSettings read in `row` (cs_* columns) where
    select_related("checkin_settings") would have: no query when it is used."""
    own = None
    if row.cs_id is not None:
        own = CheckinSettings(
            id=row.cs_id,
            session_id=session.pk,
            opens_minutes_before=row.cs_opens,
            late_after_minutes=row.cs_late,
            closes_minutes_after=row.cs_closes,
            absentees_marked_at=_as_datetime(row.cs_marked),
        )
    session._state.fields_cache["checkin_settings"] = own


def leader_open_sessions(*, user: User, now: datetime | None = None) -> list[ClubSession]:
    clubs = None if user.is_centre_staff else clubs_visible_to(user, at_least=ClubRole.LEADER)
    return open_sessions(now=now, clubs=clubs)


# --- Pupils: card, phone, membership, consent -------------------------------------------


def _expected_q(session: ClubSession, *, status: str = Membership.Status.ACTIVE) -> Q:
    """Memberships that make a pupil expected at the session: the same rule as
    sessions.selectors.expected_pupil_ids (organising club, guest clubs, every club of
    the school for a whole-school session), as a condition for a correlated EXISTS.
    With status=PENDING: the pupil would be expected but still awaits consent."""
    clubs = Q(club_id=session.club_id) | Q(
        club_id__in=ClubSession.guest_clubs.through.objects.filter(
            clubsession_id=session.pk
        ).values("club_id")
    )
    if session.audience == ClubSession.Audience.SCHOOL and session.school_id:
        clubs |= Q(club__school_id=session.school_id)
    return clubs & Q(status=status)


def _eligibility(session: ClubSession, pupil_ref: str, *, today: date) -> dict:
    """Annotations answering, in the same query that finds the pupil: expected at the
    session? awaiting consent in a club that would make them expected (is_pending)?
    unwithdrawn consent given by today? with the child's assent? and the pupil's
    attendance at this session if any (read with the lock, so no second read is needed;
    a row committed while we waited for the lock is caught by the unique constraint and
    the service's retry)."""
    # One subquery for both: None = no consent, False = consent without the child's
    # assent, True = both. Same rule as clubs.selectors.pupil_consent_ok.
    consent = (
        GuardianConsent.objects.filter(
            pupil_id=OuterRef(pupil_ref), withdrawn_at=None, given_on__lte=today
        )
        .order_by("-child_assent")
        .values("child_assent")[:1]
    )
    return {
        "is_expected": Exists(
            Membership.objects.filter(_expected_q(session), pupil_id=OuterRef(pupil_ref))
        ),
        "is_pending": Exists(
            Membership.objects.filter(
                _expected_q(session, status=Membership.Status.PENDING),
                pupil_id=OuterRef(pupil_ref),
            )
        ),
        "consent_assent": Subquery(consent),
    }


def _existing_attendance(session: ClubSession, path: str) -> dict:
    # A LEFT JOIN on the (session, pupil) unique index, not a second round trip.
    return {
        "here": FilteredRelation(path, condition=Q(**{f"{path}__session_id": session.pk})),
        "existing_id": F("here__id"),
        "existing_status": F("here__status"),
        "existing_checked_in_at": F("here__checked_in_at"),
    }


def card_for_checkin(
    *, secret: str, session: ClubSession, today: date, lock: bool = False,
    extra: dict | None = None,
) -> MemberCard | None:
    """The card with this secret (valid or revoked) and its pupil, annotated with the
    pupil's eligibility for the session and any attendance there; None for an unknown
    secret. With lock=True the pupil's row is locked (SELECT ... FOR UPDATE OF pupil)
    until the transaction ends."""
    qs = (
        MemberCard.objects.filter(secret=secret)
        .select_related("pupil")
        .annotate(
            **_eligibility(session, "pupil_id", today=today),
            **_existing_attendance(session, "pupil__attendances"),
            **(extra or {}),
        )
    )
    if lock:
        qs = qs.select_for_update(of=("pupil",))
    return qs.first()


def pupil_for_checkin(
    *, pupil_id: int, session: ClubSession, today: date, lock: bool = False,
    extra: dict | None = None,
) -> Pupil | None:
    """The pupil (never an anonymised one) with the same annotations as
    card_for_checkin; with lock=True their row is locked."""
    qs = Pupil.objects.filter(pk=pupil_id, anonymised_at=None).annotate(
        **_eligibility(session, "pk", today=today),
        **_existing_attendance(session, "attendances"),
        **(extra or {}),
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    return qs.first()


# The check-in's one locked read, written by hand. The ORM version above
# (card_for_checkin / pupil_for_checkin) says the same thing, but building and compiling
# that annotated query cost about 4 ms of CPU per check-in, four times what the
# database needs to answer it. tests/attendance/test_audience_and_selectors.py holds
# the two equal.
_CHECKIN_READ = """
SELECT p.id, p.full_name, p.birth_year, p.anonymised_at, {card_revoked} AS card_revoked_at,
  (
    -- 2 if an active membership makes the pupil expected here, + 1 if a membership
    -- awaiting consent would: is_expected and is_pending from one look at memberships.
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
  ) AS membership_flags,
  (SELECT gc.child_assent FROM clubs_guardianconsent gc
   WHERE gc.pupil_id = p.id AND gc.withdrawn_at IS NULL AND gc.given_on <= %s
   ORDER BY gc.child_assent DESC LIMIT 1) AS consent_assent,
  a.id AS existing_id, a.status AS existing_status,
  a.checked_in_at AS existing_checked_in_at,
  {stored} AS stored_response,
  s.status AS s_status, s.starts_at AS s_starts_at, s.ends_at AS s_ends_at,
  s.audience AS s_audience, s.club_id AS s_club_id, s.school_id AS s_school_id,
  cs.id AS cs_id, cs.opens_minutes_before AS cs_opens, cs.late_after_minutes AS cs_late,
  cs.closes_minutes_after AS cs_closes, cs.absentees_marked_at AS cs_marked
FROM {source}
JOIN club_sessions_clubsession s ON s.id = %s
LEFT JOIN attendance_checkinsettings cs ON cs.session_id = s.id
LEFT JOIN attendance_attendance a ON a.pupil_id = p.id AND a.session_id = s.id
WHERE {where}
{lock}
"""
_STORED = (
    "(SELECT n.response FROM attendance_checkinnonce n WHERE n.scope = %s AND n.nonce = %s)"
)


def _as_datetime(value: str | datetime | None) -> datetime | None:
    if isinstance(value, str):  # SQLite
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def checkin_read(
    *,
    session: ClubSession,
    today: date,
    card_secret: str | None = None,
    pupil_id: int | None = None,
    scope: str = "",
    nonce: str | None = None,
) -> Pupil | None:
    """The pupil of this card (valid or revoked) or with this id, their row locked
    (FOR UPDATE) until the transaction ends, annotated with: card_revoked, is_expected
    (sessions.selectors.expected_pupil_ids' rule), is_pending (the same rule for
    memberships awaiting consent), consent_assent (see consent_missing),
    existing_id / existing_status / existing_checked_in_at (their attendance at this
    session) and stored_response (the first answer to this nonce, if any). None when
    there is no such card or pupil. Anonymised pupils come back with anonymised_at set
    for a card (the caller says "unknown card") and never by id. One query.

    The same query re-reads the session's own state (status, times, audience, clubs,
    check-in settings) and writes it onto `session`, so a `session` object kept in a
    cache for a few seconds can never apply stale rules."""
    by_card = card_secret is not None
    sql = _CHECKIN_READ.format(
        card_revoked="c.revoked_at" if by_card else "NULL",
        stored=_STORED if nonce else "NULL",
        source=(
            "clubs_membercard c JOIN clubs_pupil p ON p.id = c.pupil_id"
            if by_card
            else "clubs_pupil p"
        ),
        where="c.secret = %s" if by_card else "p.id = %s AND p.anonymised_at IS NULL",
        lock="FOR UPDATE OF p" if connection.features.has_select_for_update_of else "",
    )
    params = [
        Membership.Status.ACTIVE,
        Membership.Status.PENDING,
        ClubSession.Audience.SCHOOL,
        connection.ops.adapt_datefield_value(today),
    ]
    if nonce:
        params += [scope, nonce]
    params += [session.pk, card_secret if by_card else pupil_id]
    pupil = _one(Pupil, sql, params)
    if pupil is None:
        return None
    session.status = pupil.s_status
    session.starts_at = _as_datetime(pupil.s_starts_at)
    session.ends_at = _as_datetime(pupil.s_ends_at)
    session.audience = pupil.s_audience
    session.club_id = pupil.s_club_id
    session.school_id = pupil.s_school_id
    _settings_cache(session, pupil)
    pupil.card_revoked = pupil.card_revoked_at is not None
    pupil.is_expected = bool(pupil.membership_flags & 2)
    pupil.is_pending = bool(pupil.membership_flags & 1)
    if pupil.consent_assent is not None:
        pupil.consent_assent = bool(pupil.consent_assent)
    pupil.existing_checked_in_at = _as_datetime(pupil.existing_checked_in_at)
    if isinstance(pupil.stored_response, str | bytes):
        pupil.stored_response = json.loads(pupil.stored_response)
    return pupil


def attendance_history(session: ClubSession, *, limit: int = 50) -> list[AttendanceChange]:
    """The session's corrections, newest first (AttendanceChange: undone check-ins,
    changed statuses, removed guests), with the pupil and who did it. One query."""
    return list(
        AttendanceChange.objects.filter(session=session)
        .select_related("pupil", "actor")[:limit]
    )


def guests_for_session(session: ClubSession) -> list[GuestAttendance]:
    """The guests counted at a session, oldest first, for the leader to correct."""
    return list(GuestAttendance.objects.filter(session=session).order_by("recorded_at", "pk"))


def pupil_device_by_key(*, key: str | None) -> PupilDevice | None:
    from attendance.tokens import sha256

    if not key or not isinstance(key, str) or len(key) > 100:
        return None
    # An anonymised pupil's phone no longer speaks for anyone. Hand-written for the same
    # reason as checkin_read: every pupil check-in runs it.
    return _one(
        PupilDevice,
        "SELECT d.id, d.pupil_id, d.key_hash, d.paired_at, d.revoked_at"
        " FROM attendance_pupildevice d JOIN clubs_pupil p ON p.id = d.pupil_id"
        " WHERE d.key_hash = %s AND d.revoked_at IS NULL AND p.anonymised_at IS NULL",
        [sha256(key)],
    )


def consent_missing(pupil: Pupil, *, today: date) -> bool:
    """Under 16 (by year of birth) without an unwithdrawn guardian consent, or 7-15
    without the child's own assent recorded on it: not clubs.selectors.pupil_consent_ok,
    read from the _eligibility annotations so the check-in pays no extra query."""
    age = today.year - pupil.birth_year
    if age >= CONSENT_AGE:
        return False
    if age >= ASSENT_AGE:
        return pupil.consent_assent is not True
    return pupil.consent_assent is None


def expected_members(session: ClubSession) -> QuerySet[Pupil]:
    """Who should come (sessions.selectors.expected_pupil_ids: the organising club, guest
    clubs, a whole school's clubs), anonymised records left out."""
    ids = session_selectors.expected_pupil_ids(session)
    return Pupil.objects.filter(pk__in=ids, anonymised_at=None).order_by("sort_key", "pk")


# --- What a leader sees -----------------------------------------------------------------


def attendance_counts(session: ClubSession) -> dict:
    rows = (
        Attendance.objects.filter(session=session)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(Attendance.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    counts["in"] = counts["present"] + counts["late"]
    counts["guests"] = (
        GuestAttendance.objects.filter(session=session).aggregate(n=Sum("headcount"))["n"] or 0
    )
    return counts


def refusals_for_leader(session: ClubSession, *, known_ids: set[int]) -> list[RefusedScan]:
    """The session's last 20 refused scans, as its leader may see them. A refusal names
    the pupil (`pupil`, with only `full_name` loaded) only when they are on this session's
    roster: in `known_ids` (expected, or already recorded here) or awaiting consent in one
    of its clubs. Anybody else, a pupil of another club who opened this session's code,
    say, is `from_outside` and never named: their name is not even read.

    Only the fields a leader is shown are read, so a scan time stored before they were
    checked (services.scan_time_believable), which Python may not be able to read, cannot
    break the roster."""
    refused = list(
        RefusedScan.objects.filter(session=session).only("created_at", "code", "pupil_id")[:20]
    )
    asked = {r.pupil_id for r in refused if r.pupil_id is not None}
    unknown = asked - known_ids
    if unknown:
        known_ids = known_ids | set(
            Membership.objects.filter(
                _expected_q(session, status=Membership.Status.PENDING), pupil_id__in=unknown
            ).values_list("pupil_id", flat=True)
        )
    named = asked & known_ids
    names = Pupil.objects.filter(pk__in=named).only("full_name").in_bulk() if named else {}
    for refusal in refused:
        refusal.from_outside = refusal.pupil_id is not None and refusal.pupil_id not in named
        refusal.pupil = names.get(refusal.pupil_id)
    return refused


def live_state(session: ClubSession) -> dict:
    """Who is in, who is expected and not yet in, counts, refused scans, and phones that
    checked in more than one pupil. A fixed number of queries whatever the size."""
    attendances = list(
        Attendance.objects.filter(session=session)
        .select_related("pupil")
        .order_by("pupil__sort_key", "pk")
    )
    seen = {a.pupil_id for a in attendances}
    expected = list(
        expected_members(session).only("id", "full_name", "class_name", "search_name")
    )
    missing = [p for p in expected if p.pk not in seen]
    shared_phones = (
        Attendance.objects.filter(session=session, pupil_device__isnull=False)
        .values("pupil_device_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    shared_ids = {row["pupil_device_id"] for row in shared_phones}
    refused = refusals_for_leader(session, known_ids={p.pk for p in expected} | seen)
    counts = attendance_counts(session)
    counts["expected"] = len(expected)
    counts["missing"] = len(missing)
    return {
        "attendances": attendances,
        "missing": missing,
        "shared_device_ids": shared_ids,
        "refused": refused,
        "counts": counts,
    }


def pupil_attendance_export(pupil: Pupil) -> dict:
    """The pupil's part of their data export (clubs.selectors.pupil_data_export): their
    attendances, the scans refused about them and their paired phones. Nothing of anyone
    else: no other pupil on a shared phone, no leader's name; key hashes are credentials.
    Three queries."""

    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    def session_of(row: Any) -> dict:
        session = row.session
        if session is None:
            return {"session": None, "session_starts_at": None, "club": None}
        return {"session": session.title, "session_starts_at": session.starts_at.isoformat(),
                "club": session.club.name if session.club_id else None}

    attendances = Attendance.objects.filter(pupil=pupil).select_related("session__club")
    refused = RefusedScan.objects.filter(pupil=pupil).select_related("session__club")
    return {
        "attendance": [
            {**session_of(a), "status": a.status, "method": a.method,
             "checked_in_at": when(a.checked_in_at), "scanned_at": when(a.scanned_at),
             "recorded_at": when(a.recorded_at)}
            for a in attendances.order_by("session__starts_at", "pk")
        ],
        "refused_scans": [
            {**session_of(r), "reason": r.code, "method": r.method,
             "at": when(r.created_at), "scanned_at": when(r.scanned_at)}
            for r in refused.order_by("created_at", "pk")
        ],
        "paired_phones": [
            {"paired_at": when(d.paired_at), "revoked_at": when(d.revoked_at)}
            for d in PupilDevice.objects.filter(pupil=pupil).order_by("paired_at", "pk")
        ],
    }


def live_fingerprint(state: dict) -> str:
    """A short digest of what the live roster shows (rows, statuses, counts, refusals),
    for its ETag: the rendered page cannot serve, as each render holds a fresh CSRF
    mask."""
    seen = (
        sorted((a.pk, a.status, a.recorded_at.isoformat(), a.pupil_device_id)
               for a in state["attendances"]),
        [p.pk for p in state["missing"]],
        [r.pk for r in state["refused"]],
        sorted(state["shared_device_ids"]),
        sorted(state["counts"].items()),
    )
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:20]


# --- The yearly report (reports/ reads attendance figures only through these) -------------

REPORT_ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)


def _report_rows(held: QuerySet[ClubSession], *, grade: int | None = None,
                 gender: str | None = None) -> QuerySet[Attendance]:
    qs = Attendance.objects.filter(session__in=held)
    if grade:
        qs = qs.filter(pupil__grade=grade)
    if gender:
        qs = qs.filter(pupil__gender=gender)
    return qs


def report_attendance_by_club(held: QuerySet[ClubSession], *, grade: int | None = None,
                              gender: str | None = None) -> dict:
    """{organising club id (None: centre sessions): (attended, expected)} where expected
    counts present, late and absent: an excused absence is neither. One query."""
    rows = (
        _report_rows(held, grade=grade, gender=gender).order_by().values_list("session__club")
        .annotate(
            attended=Count("pk", filter=Q(status__in=REPORT_ATTENDED)),
            expected=Count("pk", filter=~Q(status=Attendance.Status.EXCUSED)),
        )
    )
    return {club_id: (attended, expected) for club_id, attended, expected in rows}


def report_reached(held: QuerySet[ClubSession], *, grade: int | None = None,
                   gender: str | None = None) -> list[tuple]:
    """(school id, school name, grade, gender, distinct member pupils who came) rows, one
    query. A pupil has one school, grade and gender, so each breakdown sums to the
    number of pupils reached."""
    return list(
        _report_rows(held, grade=grade, gender=gender).filter(status__in=REPORT_ATTENDED)
        .order_by().values_list("pupil__school_id", "pupil__school__name", "pupil__grade",
                                "pupil__gender")
        .annotate(n=Count("pupil", distinct=True))
    )


def report_guests(held: QuerySet[ClubSession]) -> int:
    """People counted at the door (not members), one query."""
    return GuestAttendance.objects.filter(session__in=held).aggregate(n=Sum("headcount"))[
        "n"] or 0


def member_attendance_history(*, club_ids: Iterable[int], since: datetime) -> list[tuple]:
    """(pupil id, club id, session id, title, starts_at, status) of the attendance rows of
    the clubs' own sessions since ``since`` (aware), oldest first; cancelled sessions
    left out. One query (the early warnings read it)."""
    return list(
        Attendance.objects.filter(session__club_id__in=club_ids, session__starts_at__gte=since)
        .exclude(session__status=ClubSession.Status.CANCELLED)
        .order_by("session__starts_at", "session_id")
        .values_list("pupil_id", "session__club_id", "session_id", "session__title",
                     "session__starts_at", "status")
    )


def pupil_sessions_attended(*, pupil_id: int, since: datetime) -> list[tuple]:
    """(session id, title, starts_at, kind, topic) of the sessions the pupil came to
    (present or late) since ``since`` (aware), newest first. One query."""
    return list(
        Attendance.objects.filter(pupil_id=pupil_id, status__in=REPORT_ATTENDED,
                                  session__starts_at__gte=since)
        .order_by("-session__starts_at")
        .values_list("session_id", "session__title", "session__starts_at", "session__kind",
                     "session__topic")
    )


def pupils_who_came(*, sessions: QuerySet[ClubSession]) -> set[int]:
    """Ids of the pupils present or late at any of ``sessions`` (a queryset), one query."""
    return set(
        Attendance.objects.filter(session__in=sessions, status__in=REPORT_ATTENDED)
        .values_list("pupil_id", flat=True).distinct()
    )
