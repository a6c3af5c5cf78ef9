"""Reads other apps rely on: visibility, materials, expected pupils, programme completion."""

import datetime as dt

import pytest
from django.http import Http404
from django.test import Client
from wagtail.models import Page

from sessions.models import TrainingModule, TrainingProgramme
from sessions.selectors import (
    expected_pupil_ids,
    programme_completion,
    session_for_user_or_404,
    sessions_for_material,
    sessions_visible_to,
)
from sessions.services import SessionPlan, session_create
from tests.factories.accounts import UserFactory
from tests.factories.clubs import ClubFactory, MembershipFactory
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db


def test_visibility_by_role(club, other_club, member, leader, staff):
    own = ClubSessionFactory(club=club, title="Của CLB")
    theirs = ClubSessionFactory(club=other_club, title="Của CLB khác")
    public = ClubSessionFactory(club=other_club, title="Công khai", audience="public")
    school_wide = ClubSessionFactory(club=other_club, title="Toàn trường", audience="school",
                                     school=club.school)
    invited = ClubSessionFactory(club=other_club, title="Được mời", audience="clubs")
    invited.guest_clubs.add(club)
    from django.contrib.auth.models import AnonymousUser

    expected = {
        member.user: {own, public, school_wide, invited},
        leader: {own, public, school_wide, invited},
        staff: {own, theirs, public, school_wide, invited},
        AnonymousUser(): {public},
    }
    for user, sessions in expected.items():
        assert set(sessions_visible_to(user)) == sessions, user
    with pytest.raises(Http404):
        session_for_user_or_404(leader, theirs.pk)
    assert session_for_user_or_404(leader, invited.pk) == invited


def test_facilitator_sees_the_sessions_they_run(other_club):
    volunteer = UserFactory(role="facilitator")
    session = ClubSessionFactory(club=other_club)
    assert session not in sessions_visible_to(volunteer)
    session.facilitators.add(volunteer)
    assert session in sessions_visible_to(volunteer)


def test_window_is_half_open(club, staff):
    session = ClubSessionFactory(club=club, starts_at=vn(2024, 10, 5, 14))  # until 16:00
    assert session in sessions_visible_to(staff, vn(2024, 10, 5, 15), vn(2024, 10, 5, 15, 30))
    assert session not in sessions_visible_to(staff, vn(2024, 10, 5, 16), vn(2024, 10, 6))


def test_sessions_for_material(club, other_club, leader, wagtail_root):
    root = wagtail_root
    page = root.add_child(instance=Page(title="Tài liệu phòng chống xâm hại", slug="tai-lieu"))
    mine = session_create(
        plan=SessionPlan(title="Dùng tài liệu", kind="activity", club=club, materials=[page]),
        starts_at=vn(2024, 10, 1, 8), ends_at=vn(2024, 10, 1, 9))
    theirs = ClubSessionFactory(club=other_club)
    theirs.materials.add(page)
    ClubSessionFactory(club=club)  # no material
    assert list(sessions_for_material(page_id=page.pk, user=leader)) == [mine]


def test_expected_pupils_are_active_members_of_the_clubs(club, other_club, member):
    gone = MembershipFactory(
        club=club, status="alumni", left_on=dt.date(2025, 6, 1), leave_reason="Tốt nghiệp"
    ).pupil
    guest = MembershipFactory(club=other_club).pupil
    session = ClubSessionFactory(club=club, audience="clubs")
    assert expected_pupil_ids(session) == {member.pk}
    session.guest_clubs.add(other_club)
    assert expected_pupil_ids(session) == {member.pk, guest.pk}
    assert gone.pk not in expected_pupil_ids(session)
    same_school = MembershipFactory(club=ClubFactory(school=club.school)).pupil
    whole = ClubSessionFactory(club=club, audience="school", school=club.school)
    assert expected_pupil_ids(whole) == {member.pk, same_school.pk}


def test_programme_completion_from_attended_sessions(club):
    programme = TrainingProgramme.objects.create(title="Tập huấn ban chủ nhiệm", pass_ratio=1)
    modules = [TrainingModule.objects.create(programme=programme, position=i, title=f"Bài {i}")
               for i in (1, 2)]
    first = ClubSessionFactory(club=club, kind="training", programme_module=modules[0])
    second = ClubSessionFactory(club=club, kind="training", programme_module=modules[1],
                                starts_at=vn(2024, 10, 12, 8))
    assert programme_completion(programme=programme, attended_session_ids={first.pk}) == {
        "modules": 2, "done": 1, "completed": False}
    assert programme_completion(programme=programme,
                                attended_session_ids={first.pk, second.pk})["completed"]


def test_public_events_page_shows_no_private_sessions(club, freeze_before_events):
    ClubSessionFactory(club=club, title="Ngày hội kỹ năng", audience="public",
                       starts_at=vn(2024, 12, 1, 8), private_notes="Ghi chú mật")
    ClubSessionFactory(club=club, title="Sinh hoạt nội bộ", starts_at=vn(2024, 12, 2, 8))
    page = Client().get("/sessions/events/").content.decode()
    assert "Ngày hội kỹ năng" in page
    assert "Sinh hoạt nội bộ" not in page and "Ghi chú mật" not in page


@pytest.fixture
def freeze_before_events():
    import time_machine

    with time_machine.travel(dt.datetime(2024, 9, 1, tzinfo=dt.UTC), tick=False):
        yield
