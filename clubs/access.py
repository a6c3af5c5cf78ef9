"""The one place that answers "may this user see this club, and how much?".

Every view that shows club data asks here. A club the user has no role in answers 404
(its existence is not revealed); a club they belong to but may not change answers 403.
"""

from enum import IntEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from clubs.models import BoardRole, Club, LeaderAssignment, Membership


class ClubRole(IntEnum):
    NONE = 0
    MEMBER = 10  # a pupil of the club: their own page and card only
    BOARD = 20  # a pupil on the board: names and classes, no guardian contact or notes
    LEADER = 30  # an adult assigned to lead the club: everything about the club
    STAFF = 40  # centre staff: every club, and sensitive notes


def _open_on(today, prefix=""):
    return Q(**{f"{prefix}starts_on__lte": today}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


def led_club_ids(user) -> QuerySet:
    today = timezone.localdate()
    return LeaderAssignment.objects.filter(_open_on(today), user=user).values("club_id")


def board_club_ids(user) -> QuerySet:
    today = timezone.localdate()
    return BoardRole.objects.filter(
        _open_on(today),
        membership__pupil__user=user,
        membership__status=Membership.Status.ACTIVE,
    ).values("membership__club_id")


def member_club_ids(user) -> QuerySet:
    return Membership.objects.filter(
        pupil__user=user, status=Membership.Status.ACTIVE
    ).values("club_id")


def clubs_visible_to(user, *, at_least: ClubRole = ClubRole.MEMBER) -> QuerySet[Club]:
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


def club_role(user, club: Club) -> ClubRole:
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


def club_for_user_or_404(user, *, slug: str, at_least: ClubRole) -> tuple[Club, ClubRole]:
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
