"""What a pupil has learned (their page and their leader's view of it), and which
active members have not covered a topic yet."""

import pytest
import time_machine

from attendance.models import Attendance
from tests.factories.accounts import UserFactory
from tests.factories.attendance import AttendanceFactory
from tests.factories.clubs import ClubFactory, LeaderAssignmentFactory, MembershipFactory
from tests.factories.cms import add_material, build_site
from tests.factories.sessions import ClubSessionFactory, vn
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def club_with_sessions():
    club = ClubFactory(slug="clb-a")
    leader = LeaderAssignmentFactory(club=club).user
    site = build_site(languages=("vi",))
    worksheet = add_material(site.libraries["vi"], title="Nói không với ma túy",
                             topic="drug_prevention")
    pupil_user = UserFactory()
    came = MembershipFactory(club=club, pupil__user=pupil_user, pupil__full_name="An Có Mặt")
    missed = MembershipFactory(club=club, pupil__full_name="Bình Vắng Mặt")
    drugs = ClubSessionFactory(club=club, title="Buổi ma túy", starts_at=vn(2024, 10, 5, 14),
                               topic="")
    drugs.materials.add(worksheet)
    online = ClubSessionFactory(club=club, title="Buổi an toàn mạng",
                                starts_at=vn(2024, 11, 5, 14), topic="online_safety")
    AttendanceFactory(session=drugs, pupil=came.pupil)
    AttendanceFactory(session=drugs, pupil=missed.pupil, status=Attendance.Status.ABSENT)
    AttendanceFactory(session=online, pupil=missed.pupil)
    return club, leader, pupil_user, came.pupil, missed.pupil


@time_machine.travel(NOW)
def test_pupil_sees_sessions_topics_materials_and_topics_missed(client, club_with_sessions):
    club, _leader, pupil_user, came, _missed = club_with_sessions
    client.force_login(pupil_user)
    page = client.get(f"/en/clubs/clb-a/members/{came.pk}/")
    assert page.status_code == 200
    section = page.text.split('data-section="learning"')[1]
    assert "Buổi ma túy" in section and "Nói không với ma túy" in section  # the material
    assert "Drug prevention" in section
    assert "Buổi an toàn mạng" not in section.split("data-topics-missed")[0]
    assert "Online safety" in section  # missed this year


@time_machine.travel(NOW)
def test_leader_sees_who_has_not_covered_a_topic(client, club_with_sessions):
    club, leader, _pupil_user, came, missed = club_with_sessions
    client.force_login(leader)
    page = client.get("/en/reports/clubs/clb-a/topics/", {"topic": "drug_prevention"})
    assert page.status_code == 200
    listed = page.text.split('data-table="topic-gaps"')[1]
    assert missed.full_name in listed and came.full_name not in listed
    page = client.get("/en/reports/clubs/clb-a/topics/", {"topic": "online_safety"})
    listed = page.text.split('data-table="topic-gaps"')[1]
    assert came.full_name in listed and missed.full_name not in listed
    assert client.get("/en/reports/clubs/clb-a/topics/", {"topic": "x"}).status_code == 400


def test_topic_gaps_are_for_the_clubs_leaders(client, club_with_sessions):
    club, _leader, pupil_user, _came, _missed = club_with_sessions
    client.force_login(LeaderAssignmentFactory(club=ClubFactory()).user)
    assert client.get("/en/reports/clubs/clb-a/topics/").status_code == 404
    client.force_login(pupil_user)
    assert client.get("/en/reports/clubs/clb-a/topics/").status_code == 403
