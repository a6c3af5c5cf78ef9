"""The one place that answers "may this user see this club, and how much?".

Every view that shows club data asks here. A club the user has no role in answers 404
(its existence is not revealed); a club they belong to but may not change answers 403.
The account-level predicates (centre staff, a leader's or facilitator's account, a
pupil's) are the User model's ``is_centre_staff``, ``has_leader_role`` and
``is_pupil_account``; the club-level ones live here, the session-level ones in
sessions.access. docs/access.md lists them all.
"""

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from clubs.models import BoardRole, Club, LeaderAssignment, Membership

AnyUser = User | AnonymousUser


class ClubRole(IntEnum):
    NONE = 0
    MEMBER = 10  # a pupil of the club: their own page and card only
    BOARD = 20  # a pupil on the board: names and classes, no guardian contact or notes
    LEADER = 30  # an adult assigned to lead the club: everything about the club
    STAFF = 40  # centre staff: every club, and sensitive notes


def _open_on(today: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__lte": today}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


def led_club_ids(user: User) -> QuerySet:
    today = timezone.localdate()
    return LeaderAssignment.objects.filter(_open_on(today), user=user).values("club_id")


def board_club_ids(user: User) -> QuerySet:
    today = timezone.localdate()
    return BoardRole.objects.filter(
        _open_on(today),
        membership__pupil__user=user,
        membership__status=Membership.Status.ACTIVE,
    ).values("membership__club_id")


def member_club_ids(user: User) -> QuerySet:
    return Membership.objects.filter(
        pupil__user=user, status=Membership.Status.ACTIVE
    ).values("club_id")


def clubs_visible_to(user: AnyUser, *, at_least: ClubRole = ClubRole.MEMBER) -> QuerySet[Club]:
    """Clubs in which the user holds at least the given role."""
    if not user.is_authenticated or not user.is_active:
        return Club.objects.none()
    if user.is_centre_staff:
        return Club.objects.all()
    condition = Q(pk__in=led_club_ids(user))
    if at_least <= ClubRole.BOARD:
        condition |= Q(pk__in=board_club_ids(user))
    if at_least <= ClubRole.MEMBER:
        condition |= Q(pk__in=member_club_ids(user))
    return Club.objects.filter(condition)


def club_role(user: AnyUser, club: Club) -> ClubRole:
    if not user.is_authenticated or not user.is_active:
        return ClubRole.NONE
    if user.is_centre_staff:
        return ClubRole.STAFF
    if led_club_ids(user).filter(club_id=club.pk).exists():
        return ClubRole.LEADER
    if board_club_ids(user).filter(membership__club_id=club.pk).exists():
        return ClubRole.BOARD
    if member_club_ids(user).filter(club_id=club.pk).exists():
        return ClubRole.MEMBER
    return ClubRole.NONE


def club_for_user_or_404(
    user: AnyUser, *, slug: str, at_least: ClubRole
) -> tuple[Club, ClubRole]:
    """The club with this slug and the user's role in it.

    Raises Http404 when the user has no role there (or it does not exist), and
    PermissionDenied when their role is below ``at_least``.
    """
    club = Club.objects.select_related("school").filter(slug=slug).first()
    if club is None:
        raise Http404
    role = club_role(user, club)
    if role == ClubRole.NONE:
        raise Http404
    if role < at_least:
        raise PermissionDenied
    return club, role


def is_centre_staff(user: AnyUser) -> bool:
    """User.is_centre_staff, for anonymous visitors too."""
    return user.is_authenticated and user.is_centre_staff


def sees_sensitive_records(user: AnyUser) -> bool:
    """Support notes, support given and the access log, in any club: centre staff (the
    social workers). A club role never grants it."""
    return is_centre_staff(user)


def leads_club(user: AnyUser, club: Club) -> bool:
    """A leader of this club (an assignment open today), or centre staff."""
    return club_role(user, club) >= ClubRole.LEADER


def clubs_led_by(user: AnyUser) -> QuerySet[Club]:
    """The clubs whose members and sessions the user manages (every club for staff)."""
    return clubs_visible_to(user, at_least=ClubRole.LEADER)


def roster_status_for(role: ClubRole, requested: str) -> str:
    """The membership status the roster may show: the board sees active members only."""
    return requested if role >= ClubRole.LEADER else Membership.Status.ACTIVE


@dataclass(frozen=True)
class RecordView:
    """How much of one pupil's record a user may see.

    full: guardian contact, consents, card, member code, history (leaders, staff, the
    pupil themselves; the board sees name and class only). support_notes: the social
    workers' notes and the access log (centre staff). logged: opening it writes a
    RecordAccess row (anyone seeing the full record of someone else). sees_roster: the
    club's roster page opens (the board and above)."""

    full: bool
    support_notes: bool
    logged: bool
    is_leader: bool
    is_staff: bool
    sees_roster: bool


def record_view_for(role: ClubRole, *, own: bool) -> RecordView:
    full = role >= ClubRole.LEADER or own
    return RecordView(
        full=full,
        support_notes=role >= ClubRole.STAFF,  # sees_sensitive_records, by club role
        logged=full and not own,
        is_leader=role >= ClubRole.LEADER,
        is_staff=role >= ClubRole.STAFF,
        sees_roster=role >= ClubRole.BOARD,
    )


def membership_for_user_or_404(
    user: AnyUser, *, slug: str, pupil_id: int, at_least: ClubRole, own_ok: bool = False
) -> tuple[Club, ClubRole, Membership]:
    """(club, role, membership) for a pupil of this club.

    A pupil (MEMBER role) may only reach their own record; any other pupil's answers 404,
    as does a pupil who never belonged to this club, whatever clubs they belong to, and,
    below centre staff, a pupil who has moved from this club to another. A role below
    ``at_least`` answers 403, unless ``own_ok`` and it is the user's own record.
    """
    from clubs import selectors  # clubs.selectors imports this module

    club, role = club_for_user_or_404(user, slug=slug, at_least=ClubRole.MEMBER)
    membership = selectors.club_membership_or_none(club=club, pupil_id=pupil_id)
    if membership is None:
        raise Http404
    if (
        role < ClubRole.STAFF
        and membership.status in selectors.ENDED_STATUSES
        and selectors.pupil_moved_elsewhere(pupil_id=pupil_id, club=club)
    ):
        # Moved to another club: this club's leaders and board no longer see the record.
        raise Http404
    own = is_own_record(user, membership)
    if role == ClubRole.MEMBER and not own:
        raise Http404
    if role < at_least and not (own_ok and own):
        raise PermissionDenied
    return club, role, membership


def is_own_record(user: AnyUser, membership: Membership) -> bool:
    """Whether this membership's pupil is the signed-in user."""
    return membership.pupil.user_id is not None and membership.pupil.user_id == user.pk
