"""Reads of sessions for check-in: which are open, their window, who may run them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from attendance.checkin_read import CheckinWindow, SessionRef, session_ref, window_of
from clubs.access import clubs_led_by, led_club_ids
from sessions.models import ClubSession


def session_for_checkin(*, session_id: int) -> ClubSession | None:
    return (
        ClubSession.objects.select_related("club", "checkin_settings")
        .filter(pk=session_id)
        .first()
    )


def checkin_window(session: ClubSession) -> CheckinWindow:
    """The session's window (checkin_read.window_of), with its own settings if any."""
    try:
        own = session.checkin_settings
    except ObjectDoesNotExist:
        own = None
    return window_of(
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        opens_minutes_before=own.opens_minutes_before if own else None,
        late_after_minutes=own.late_after_minutes if own else None,
        closes_minutes_after=own.closes_minutes_after if own else None,
    )


def _roughly_open(now: datetime) -> Q:
    # The widest window any session may have; the exact one is checked per session.
    widest = timedelta(hours=settings.ATTENDANCE_MAX_WINDOW_HOURS)
    return Q(starts_at__lte=now + widest, ends_at__gte=now - widest)


def open_sessions(
    *, now: datetime | None = None, clubs: QuerySet | None = None
) -> list[ClubSession]:
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
    found = []
    for session in sessions:
        window = checkin_window(session)
        if window.opens_at <= now <= window.closes_at:
            found.append(session)
    return found


def sessions_for_leader(*, user: User, now: datetime | None = None) -> QuerySet[ClubSession]:
    """Recent and coming sessions of the clubs this user may run check-in for."""
    now = now or timezone.now()
    qs = ClubSession.objects.filter(
        starts_at__gte=now - timedelta(days=30), starts_at__lte=now + timedelta(days=30)
    )
    if not user.is_centre_staff:
        qs = qs.filter(club__in=clubs_led_by(user))
    return qs.select_related("club").order_by("starts_at")


def leader_open_sessions(*, user: User, now: datetime | None = None) -> list[ClubSession]:
    clubs = None if user.is_centre_staff else clubs_led_by(user)
    return open_sessions(now=now, clubs=clubs)


def session_for_actor(*, session_id: int, user: User | AnonymousUser) -> ClubSession | None:
    """The session, with its CheckinSettings, if `user` may run its check-in (the same
    rule as sessions.access.may_run_checkin: centre staff, or a leader of its club today, as
    clubs.access.led_club_ids says), else None. One query; the scanner API keeps a yes
    in the device token's cache entry."""
    if not user.is_authenticated or not user.is_active:
        return None
    sessions = ClubSession.objects.select_related("checkin_settings").filter(pk=session_id)
    if not user.is_centre_staff:
        sessions = sessions.filter(club_id__in=led_club_ids(user))
    return sessions.first()


def session_for_pupil_checkin(*, session_id: int) -> SessionRef | None:
    """The session a projected or typed code named (checkin_read.session_ref)."""
    return session_ref(session_id=session_id)
