import pytest

from clubs.models import BoardRole
from tests.factories.accounts import StaffFactory, UserFactory
from tests.factories.clubs import (
    BoardRoleFactory,
    ClubFactory,
    GuardianConsentFactory,
    LeaderAssignmentFactory,
    MemberCardFactory,
    MembershipFactory,
    PupilFactory,
)


@pytest.fixture(autouse=True)
def _vietnamese_urls():
    """reverse() follows the thread's active language, which a request to an /en/ page
    leaves behind: start every test from the default (Vietnamese, unprefixed) URLs."""
    from django.utils import translation

    with translation.override("vi"):
        yield


class World:
    """Two clubs; in club A a leader, a board chair, a pupil with an account and a target
    pupil; club B has its own leader and a member."""


@pytest.fixture
def world(db):
    w = World()
    w.club = ClubFactory(slug="clb-a")
    w.other_club = ClubFactory(slug="clb-b")
    w.leader = LeaderAssignmentFactory(club=w.club, user__username="leader").user
    w.other_leader = LeaderAssignmentFactory(club=w.other_club, user__username="other").user
    w.staff = StaffFactory(username="staff")
    school = w.club.school

    w.board_user = UserFactory(username="board")
    board_member = MembershipFactory(
        club=w.club, pupil=PupilFactory(school=school, user=w.board_user, full_name="Trần Bảo Chi")
    )
    BoardRoleFactory(membership=board_member, role=BoardRole.Role.CHAIR)

    w.pupil_user = UserFactory(username="pupil")
    w.own = MembershipFactory(
        club=w.club, pupil=PupilFactory(school=school, user=w.pupil_user, full_name="Lê Minh Khang")
    ).pupil
    w.target = MembershipFactory(
        club=w.club,
        pupil=PupilFactory(school=school, full_name="Nguyễn Thị Hồng Nhung",
                           guardian_phone="0912345678", guardian_name="Nguyễn Văn Bình"),
    ).pupil
    w.consent = GuardianConsentFactory(pupil=w.target)
    w.card = MemberCardFactory(pupil=w.target)
    MemberCardFactory(pupil=w.own)
    w.outsider = MembershipFactory(
        club=w.other_club,
        pupil=PupilFactory(school=w.other_club.school, full_name="Phạm Gia Huy Ngoài"),
    ).pupil
    return w


ROLES = ["anonymous", "pupil", "board", "other_leader", "leader", "staff"]


@pytest.fixture
def as_role(client, world):
    def sign_in(role):
        user = {
            "anonymous": None, "pupil": world.pupil_user, "board": world.board_user,
            "other_leader": world.other_leader, "leader": world.leader, "staff": world.staff,
        }[role]
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
