import datetime as dt

import pytest

from attendance.models import Attendance, GuestAttendance
from sessions.models import ClubSession
from tests.factories.attendance import AttendanceFactory
from tests.factories.clubs import ClubFactory, LeaderAssignmentFactory, MembershipFactory
from tests.factories.sessions import ClubSessionFactory, vn

NOW = vn(2025, 6, 30, 12, 0)


@pytest.fixture(autouse=True)
def _vietnamese_urls():
    from django.utils import translation

    with translation.override("vi"):
        yield


@pytest.fixture
def centre(db):
    """Two clubs in 2024-25: a thematic session, a mock trial with guests, a club activity,
    a cancelled session, a session still to come, and one from the year before."""
    ours, theirs = ClubFactory(name="CLB Thạnh An"), ClubFactory(name="CLB An Hòa")
    members = [MembershipFactory(club=ours, pupil__gender="female").pupil for _ in range(3)]
    MembershipFactory(club=theirs, pupil__gender="male", pupil__grade=9)
    MembershipFactory(club=ours, joined_on=dt.date(2022, 9, 1), left_on=dt.date(2023, 6, 1),
                      status="alumni", leave_reason="Chuyển trường")  # left before the year
    thematic = ClubSessionFactory(club=ours, kind=ClubSession.Kind.THEMATIC,
                                  starts_at=vn(2024, 10, 5, 14), topic="drug_prevention")
    trial = ClubSessionFactory(club=theirs, kind=ClubSession.Kind.MOCK_TRIAL,
                               starts_at=vn(2025, 3, 8, 8))
    ClubSessionFactory(club=ours, starts_at=vn(2024, 11, 2, 14))
    ClubSessionFactory(club=ours, starts_at=vn(2024, 12, 7, 14),
                       status=ClubSession.Status.CANCELLED, cancel_reason="Mưa bão")
    ClubSessionFactory(club=ours, kind=ClubSession.Kind.THEMATIC, starts_at=vn(2025, 8, 1, 14))
    before = ClubSessionFactory(club=ours, kind=ClubSession.Kind.THEMATIC,
                                starts_at=vn(2024, 5, 1, 14))
    for pupil in members[:2]:
        AttendanceFactory(session=thematic, pupil=pupil)
    AttendanceFactory(session=trial, pupil=members[0], status=Attendance.Status.LATE)
    AttendanceFactory(session=trial, pupil=members[2], status=Attendance.Status.ABSENT)
    AttendanceFactory(session=trial, pupil=members[1], status=Attendance.Status.EXCUSED)
    AttendanceFactory(session=before, pupil=members[0])
    GuestAttendance.objects.create(session=trial, headcount=250)
    leader = LeaderAssignmentFactory(club=theirs).user
    return ours, theirs, leader
