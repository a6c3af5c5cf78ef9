"""clubs.access: the one place that decides who may see a club, and how much."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from clubs.access import ClubRole, club_for_user_or_404, club_role, clubs_visible_to
from tests.factories.accounts import StaffFactory, UserFactory
from tests.factories.clubs import (
    BoardRoleFactory,
    ClubFactory,
    LeaderAssignmentFactory,
    MembershipFactory,
    PupilFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_clubs():
    return ClubFactory(slug="ours"), ClubFactory(slug="theirs")


def test_staff_see_every_club(two_clubs):
    staff = StaffFactory()
    assert set(clubs_visible_to(staff)) == set(two_clubs)
    assert club_role(staff, two_clubs[1]) == ClubRole.STAFF


def test_leader_sees_only_the_clubs_they_lead(two_clubs):
    ours, theirs = two_clubs
    leader = LeaderAssignmentFactory(club=ours).user
    assert list(clubs_visible_to(leader)) == [ours]
    assert club_role(leader, ours) == ClubRole.LEADER
    assert club_role(leader, theirs) == ClubRole.NONE


def test_ended_leader_assignment_gives_no_access(two_clubs):
    ours, _ = two_clubs
    assignment = LeaderAssignmentFactory(
        club=ours, starts_on=datetime.date(2020, 9, 1), ends_on=datetime.date(2021, 6, 1)
    )
    assert club_role(assignment.user, ours) == ClubRole.NONE
    assert not clubs_visible_to(assignment.user).exists()


def test_board_member_and_member_roles(two_clubs):
    ours, theirs = two_clubs
    board_user, member_user = UserFactory(), UserFactory()
    BoardRoleFactory(membership=MembershipFactory(club=ours, pupil=PupilFactory(user=board_user)))
    MembershipFactory(club=ours, pupil=PupilFactory(user=member_user))
    assert club_role(board_user, ours) == ClubRole.BOARD
    assert club_role(member_user, ours) == ClubRole.MEMBER
    assert list(clubs_visible_to(member_user, at_least=ClubRole.BOARD)) == []
    assert list(clubs_visible_to(board_user, at_least=ClubRole.BOARD)) == [ours]
    assert club_role(board_user, theirs) == ClubRole.NONE


def test_another_clubs_page_is_a_404_and_a_too_low_role_a_403(two_clubs):
    ours, theirs = two_clubs
    member_user = UserFactory()
    MembershipFactory(club=ours, pupil=PupilFactory(user=member_user))
    with pytest.raises(Http404):
        club_for_user_or_404(member_user, slug=theirs.slug, at_least=ClubRole.MEMBER)
    with pytest.raises(Http404):
        club_for_user_or_404(member_user, slug="no-such-club", at_least=ClubRole.MEMBER)
    with pytest.raises(PermissionDenied):
        club_for_user_or_404(member_user, slug=ours.slug, at_least=ClubRole.LEADER)
    club, role = club_for_user_or_404(member_user, slug=ours.slug, at_least=ClubRole.MEMBER)
    assert (club, role) == (ours, ClubRole.MEMBER)


def test_inactive_or_anonymous_users_see_nothing(two_clubs):
    from django.contrib.auth.models import AnonymousUser

    staff = StaffFactory(is_active=False)
    assert not clubs_visible_to(staff).exists()
    assert not clubs_visible_to(AnonymousUser()).exists()
    assert club_role(AnonymousUser(), two_clubs[0]) == ClubRole.NONE
