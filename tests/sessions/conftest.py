import datetime as dt

import pytest

from sessions.services import SessionPlan, series_create
from tests.factories.accounts import StaffFactory, UserFactory
from tests.factories.clubs import (
    ClubFactory,
    LeaderAssignmentFactory,
    MembershipFactory,
    PupilFactory,
)
from tests.factories.sessions import vn


@pytest.fixture
def club(db):
    return ClubFactory(name="CLB Hồng Ninh Kiều", slug="hong-ninh-kieu")


@pytest.fixture
def other_club(db):
    return ClubFactory(name="CLB Hồng Cái Răng", slug="hong-cai-rang")


@pytest.fixture
def leader(club):
    return LeaderAssignmentFactory(club=club, user__username="coleader").user


@pytest.fixture
def staff(db):
    return StaffFactory(username="staffer")


@pytest.fixture
def member(club):
    """A pupil with a sign-in account, active member of ``club``."""
    user = UserFactory(username="hocsinh")
    pupil = PupilFactory(full_name="Nguyễn Thị Bé Ba", school=club.school, user=user)
    MembershipFactory(pupil=pupil, club=club)
    return pupil


@pytest.fixture
def fortnightly(club, leader):
    """Ten fortnightly Saturday meetings from 7 Sept 2024, skipping 19 Oct (exam week)."""
    return series_create(
        plan=SessionPlan(title="Sinh hoạt định kỳ", kind="activity", club=club,
                         venue="Phòng 12", private_notes="Em A cần hỗ trợ riêng"),
        starts_at=vn(2024, 9, 7, 14, 0),
        ends_at=vn(2024, 9, 7, 16, 0),
        frequency="fortnightly",
        count=10,
        skip_dates=[dt.date(2024, 10, 19)],
        created_by=leader,
    )


@pytest.fixture
def edited_fortnightly(fortnightly):
    """``fortnightly`` with 21 Sept cancelled and 5 Oct moved to 6 Oct 8:00; its rows."""
    from sessions.services import session_cancel, session_update

    rows = list(fortnightly.occurrences.order_by("occurrence_start"))
    session_cancel(session=rows[1], reason="Bão")
    session_update(session=rows[2], plan=SessionPlan.from_session(rows[2]),
                   starts_at=vn(2024, 10, 6, 8), ends_at=vn(2024, 10, 6, 10))
    return rows


FEEDS = ["public", "member", "club", "club_token", "centre_token"]


@pytest.fixture
def feed_url(client, member, club, leader, staff):
    """The address of each kind of feed, as its reader fetches it (``club`` signs the leader
    in: that one is for a browser)."""
    from sessions.feed_services import (
        member_feed_token_get_or_create,
        user_feed_token_get_or_create,
    )

    def url(feed: str) -> str:
        if feed == "public":
            return "/feeds/public.ics"
        if feed == "member":
            return f"/feeds/member/{member_feed_token_get_or_create(pupil=member).token}.ics"
        if feed == "club":
            client.force_login(leader)
            return f"/feeds/club/{club.slug}.ics"
        owner = {"club_token": {"user": leader, "club": club}, "centre_token": {"user": staff}}
        return f"/feeds/t/{user_feed_token_get_or_create(**owner[feed]).token}.ics"

    return url
