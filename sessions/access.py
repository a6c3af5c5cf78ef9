"""Who may plan, manage and run sessions, and which private calendar feed a user may hold.

Built on clubs.access (a club's leaders plan its sessions; centre staff plan every club's
and the centre's own); views, feeds and attendance ask here rather than testing roles.
"""

from typing import Literal

from django.db.models import QuerySet

from clubs.access import AnyUser, ClubRole, club_role, clubs_led_by, is_centre_staff, leads_club
from clubs.models import Club
from sessions.models import ClubSession

FeedScope = Literal["centre", "facilitated", "club"]


def clubs_plannable_by(user: AnyUser) -> QuerySet[Club]:
    """The clubs whose sessions the user may plan: those they lead (every club, staff)."""
    return clubs_led_by(user)


def may_plan_sessions(user: AnyUser) -> bool:
    """Centre staff, or a leader of at least one club today."""
    return is_centre_staff(user) or clubs_led_by(user).exists()


def may_plan_centre_sessions(user: AnyUser) -> bool:
    """Sessions without a club (the centre's own): centre staff only."""
    return is_centre_staff(user)


def user_facilitates(user: AnyUser) -> bool:
    """Whether the user is a facilitator of any session, whichever club runs it."""
    return user.is_authenticated and ClubSession.objects.filter(facilitators=user).exists()


def session_role(user: AnyUser, session: ClubSession) -> ClubRole:
    """The user's role for this session: staff for centre sessions, else their role in the
    organising club. A facilitator counts as leader of the sessions they run."""
    if is_centre_staff(user):
        return ClubRole.STAFF
    role = club_role(user, session.club) if session.club is not None else ClubRole.NONE
    if (
        role < ClubRole.LEADER
        and user.is_authenticated
        and session.facilitators.filter(pk=user.pk).exists()
    ):
        return ClubRole.LEADER
    return role


def may_see_private_notes(user: AnyUser, session: ClubSession) -> bool:
    """A session's private facilitator notes: its leaders, facilitators and staff."""
    return session_role(user, session) >= ClubRole.LEADER


def session_can_manage(user: AnyUser, session: ClubSession) -> bool:
    """Edit and cancel, cast a mock trial: a leader of the organising club, or staff."""
    if is_centre_staff(user):
        return True
    return session.club is not None and leads_club(user, session.club)


def may_run_checkin(user: AnyUser, session: ClubSession) -> bool:
    """Scan, tick and project a session's check-in: whoever may manage the session, if
    their account is active. attendance.selectors.session_for_actor restates it as one
    query for the scanner API (tests/attendance/test_audience_and_selectors.py)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return session_can_manage(user, session)


def own_feed_scope(user: AnyUser) -> FeedScope | None:
    """The user's own address without a club: the whole centre for staff, the sessions
    they facilitate for anyone else who facilitates, none otherwise."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_centre_staff:
        return "centre"
    return "facilitated" if user_facilitates(user) else None


def feed_token_scope(*, user: AnyUser, club: Club | None) -> FeedScope | None:
    """What a private feed address opened now shows (rights are checked on every read, so
    a leader who has left the club gets nothing), or None: the address answers 404."""
    if club is None:
        return own_feed_scope(user)
    if not user.is_active or not leads_club(user, club):
        return None
    return "club"
