"""Early warnings: a member who missed N expected sessions in a row, or whose attendance
fell under a share (both per club), shows on the leader's dashboard and in the weekly
e-mail; excused absences do not count."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from alerts.models import ClubWarningSettings
from attendance.models import Attendance
from tests.factories.attendance import AttendanceFactory
from tests.factories.clubs import ClubFactory, LeaderAssignmentFactory, MembershipFactory
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db
NOW = vn(2025, 3, 20, 12)
A, P, E, L = "absent", "present", "excused", "late"


@pytest.fixture(autouse=True)
def _frozen():
    with translation.override("vi"), time_machine.travel(NOW):
        yield


@pytest.fixture
def club():
    club = ClubFactory(slug="clb-a")
    club.leader = LeaderAssignmentFactory(club=club, user__email="leader@example.org").user
    return club


def member_with(club, statuses, name):
    pupil = MembershipFactory(club=club, pupil__full_name=name).pupil
    for week, status in enumerate(statuses):
        day = dt.date(2025, 1, 4) + dt.timedelta(days=7 * week)
        session = ClubSessionFactory(club=club, starts_at=vn(day.year, day.month, day.day, 14),
                                     title=f"Buổi {week + 1}")
        AttendanceFactory(session=session, pupil=pupil, status=status)
    return pupil


def test_dashboard_lists_members_who_missed_sessions_in_a_row(client, club):
    member_with(club, [P, A, E, A, A], "Lê Văn Vắng")  # the excused one neither breaks nor counts
    member_with(club, [P, P, P, A, A, P], "Trần Thị Về")  # came back last time
    client.force_login(club.leader)
    page = client.get("/en/accounts/")
    assert "Lê Văn Vắng" in page.text
    assert "missed the last 3 sessions" in page.text
    assert "Buổi 5" in page.text and "Buổi 2" in page.text  # the sessions missed
    assert "Trần Thị Về" not in page.text


def test_low_attendance_share_warns_too(client, club):
    member_with(club, [A, P, A, P, A, A, P, A, P, A], "Phạm Thưa")  # 40 %, never 3 in a row
    ClubWarningSettings.objects.create(club=club, missed_in_row=5, min_rate=50)
    client.force_login(club.leader)
    page = client.get("/en/alerts/clb-a/")
    assert "Phạm Thưa" in page.text and "attendance 40% this year" in page.text


def test_thresholds_are_set_per_club_and_zero_is_refused(client, club):
    member_with(club, [P, P, A, A], "Lê Hai")
    client.force_login(club.leader)
    # defaults: 3 in a row, under 50 %
    assert "Lê Hai" not in client.get("/en/alerts/clb-a/").text
    assert client.post("/en/alerts/clb-a/", {"missed_in_row": 2, "min_rate": 30}).status_code \
        == 302
    assert "Lê Hai" in client.get("/en/alerts/clb-a/").text
    for bad in ({"missed_in_row": 0, "min_rate": 30}, {"missed_in_row": 2, "min_rate": 0},
                {"missed_in_row": 2, "min_rate": 101}, {"missed_in_row": "", "min_rate": 30}):
        response = client.post("/alerts/clb-a/", bad)
        assert response.status_code == 400
        assert "nhập" in response.text.lower() or "bắt buộc" in response.text
    assert ClubWarningSettings.objects.get(club=club).missed_in_row == 2  # unchanged


def test_other_clubs_leaders_and_members_do_not_see_them(client, club):
    other = LeaderAssignmentFactory(club=ClubFactory()).user
    client.force_login(other)
    assert client.get("/en/alerts/clb-a/").status_code == 404
    assert client.post("/en/alerts/clb-a/", {"missed_in_row": 1, "min_rate": 1}).status_code \
        == 404
    assert not ClubWarningSettings.objects.exists()


def test_weekly_digest_goes_to_each_leader_through_the_task_runner(club):
    member_with(club, [A, A, A], "Lê Văn Vắng")
    quiet = ClubFactory()
    LeaderAssignmentFactory(club=quiet, user__email="quiet@example.org")
    MembershipFactory(club=quiet)
    call_command("alerts_weekly_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [["leader@example.org"]]
    assert "Lê Văn Vắng" in mail.outbox[0].body and "Buổi 3" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Lá Lành")


def test_statuses_used_match_attendance():
    assert {A, P, E, L} <= set(Attendance.Status.values)
