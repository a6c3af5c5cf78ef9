"""Reads for attendance. What this app needs from clubs and sessions (card lookup,
consent, expected members, who may run check-in) is read here behind small functions,
so they can be swapped for the clubs/sessions selectors without touching the service.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from attendance.models import Attendance, GuestAttendance, PupilDevice, RefusedScan
from clubs.access import ClubRole, club_role, clubs_visible_to, led_club_ids
from clubs.models import GuardianConsent, MemberCard, Membership, Pupil
from sessions.models import ClubSession

CONSENT_AGE = 16  # Decree 13/2023/ND-CP: a child is under 16
ASSENT_AGE = 7  # from 7, the child's own agreement is needed too

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


def _session_overrides(session: ClubSession):
    try:
        return session.checkin_settings
    except ObjectDoesNotExist:
        return None


def checkin_window(session: ClubSession) -> CheckinWindow:
    own = _session_overrides(session)

    def pick(field, default):
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


def open_sessions(*, now: datetime | None = None, clubs=None) -> list[ClubSession]:
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


def sessions_for_leader(*, user, now: datetime | None = None) -> QuerySet[ClubSession]:
    """Recent and coming sessions of the clubs this user may run check-in for."""
    now = now or timezone.now()
    qs = ClubSession.objects.filter(
        starts_at__gte=now - timedelta(days=30), starts_at__lte=now + timedelta(days=30)
    )
    if not user.is_centre_staff:
        qs = qs.filter(club__in=clubs_visible_to(user, at_least=ClubRole.LEADER))
    return qs.select_related("club").order_by("starts_at")


# --- Who may do what --------------------------------------------------------------------


def actor_may_run_checkin(user, session: ClubSession) -> bool:
    """Leaders of the session's club and centre staff scan, tick and project."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_centre_staff:
        return True
    if session.club_id is None:
        return False
    return club_role(user, session.club) >= ClubRole.LEADER


def session_for_actor(*, session_id: int, user) -> ClubSession | None:
    """The session if `user` may run its check-in (leader of its club, or staff), else
    None; one query, for the scanner API's hot path. Same rule as actor_may_run_checkin."""
    if not user.is_authenticated or not user.is_active:
        return None
    qs = ClubSession.objects.select_related("club", "checkin_settings").filter(pk=session_id)
    if not user.is_centre_staff:
        qs = qs.filter(Exists(led_club_ids(user).filter(club_id=OuterRef("club_id"))))
    return qs.first()


def leader_open_sessions(*, user, now: datetime | None = None) -> list[ClubSession]:
    clubs = None if user.is_centre_staff else clubs_visible_to(user, at_least=ClubRole.LEADER)
    return open_sessions(now=now, clubs=clubs)


# --- Pupils: card, phone, membership, consent -------------------------------------------


def _eligibility(session: ClubSession, pupil_ref: str) -> dict:
    """Annotations answering, in the same query that finds the pupil: member of the
    session's club? unwithdrawn consent? with the child's assent?"""
    # One subquery for both: None = no consent, False = consent without the child's
    # assent, True = both.
    consent = (
        GuardianConsent.objects.filter(pupil_id=OuterRef(pupil_ref), withdrawn_at=None)
        .order_by("-child_assent")
        .values("child_assent")[:1]
    )
    return {
        "is_member": Exists(
            Membership.objects.filter(
                pupil_id=OuterRef(pupil_ref),
                club_id=session.club_id,
                status=Membership.Status.ACTIVE,
            )
        ),
        "consent_assent": Subquery(consent),
    }


def card_for_checkin(
    *, secret: str, session: ClubSession, lock: bool = False, extra: dict | None = None
):
    """The card with this secret (valid or revoked) and its pupil, annotated with the
    pupil's eligibility for the session; None for an unknown secret. With lock=True the
    pupil's row is locked (SELECT ... FOR UPDATE OF pupil) until the transaction ends."""
    qs = (
        MemberCard.objects.filter(secret=secret)
        .select_related("pupil")
        .annotate(**_eligibility(session, "pupil_id"), **(extra or {}))
    )
    if lock:
        qs = qs.select_for_update(of=("pupil",))
    return qs.first()


def pupil_for_checkin(
    *, pupil_id: int, session: ClubSession, lock: bool = False, extra: dict | None = None
):
    qs = Pupil.objects.filter(pk=pupil_id).annotate(
        **_eligibility(session, "pk"), **(extra or {})
    )
    if lock:
        qs = qs.select_for_update(of=("self",))
    return qs.first()


def pupil_device_by_key(*, key: str | None) -> PupilDevice | None:
    from attendance.tokens import sha256

    if not key or not isinstance(key, str) or len(key) > 100:
        return None
    return (
        PupilDevice.objects.select_related("pupil")
        .filter(key_hash=sha256(key), revoked_at=None)
        .first()
    )


def consent_missing(pupil, *, today) -> bool:
    """Under 16 (by year of birth) without an unwithdrawn guardian consent, or 7-15
    without the child's own assent recorded on it. Needs the _eligibility annotations."""
    age = today.year - pupil.birth_year
    if age >= CONSENT_AGE:
        return False
    if age >= ASSENT_AGE:
        return pupil.consent_assent is not True
    return pupil.consent_assent is None


def expected_members(session: ClubSession) -> QuerySet[Pupil]:
    """Active members of the organising club: who should come."""
    if session.club_id is None:
        return Pupil.objects.none()
    return Pupil.objects.filter(
        memberships__club_id=session.club_id, memberships__status=Membership.Status.ACTIVE
    ).order_by("full_name")


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


def live_state(session: ClubSession) -> dict:
    """Who is in, who is expected and not yet in, counts, refused scans, and phones that
    checked in more than one pupil. A fixed number of queries whatever the size."""
    attendances = list(
        Attendance.objects.filter(session=session)
        .select_related("pupil")
        .order_by("checked_in_at", "pupil__full_name")
    )
    seen = {a.pupil_id for a in attendances}
    expected = list(expected_members(session).only("id", "full_name", "class_name"))
    missing = [p for p in expected if p.pk not in seen]
    shared_phones = (
        Attendance.objects.filter(session=session, pupil_device__isnull=False)
        .values("pupil_device_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    shared_ids = {row["pupil_device_id"] for row in shared_phones}
    refused = list(
        RefusedScan.objects.filter(session=session).select_related("pupil")[:20]
    )
    counts = attendance_counts(session)
    counts["expected"] = len(expected)
    return {
        "attendances": attendances,
        "missing": missing,
        "shared_device_ids": shared_ids,
        "refused": refused,
        "counts": counts,
    }
