"""Leader pages: who sees what, creating/editing/cancelling from the phone form, and the
query count of the calendar views."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sessions.models import ClubSession, SessionSeries
from sessions.services import SessionPlan, series_create
from tests.factories.accounts import UserFactory
from tests.factories.clubs import LeaderAssignmentFactory
from tests.factories.sessions import ClubSessionFactory, vn

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Kỹ năng phòng chống xâm hại",
    "kind": "activity",
    "audience": "club",
    "date": "2024-10-05",
    "start_time": "14:00",
    "end_time": "16:00",
    "venue": "Phòng 12",
}


def _post_form(client, club, **changes):
    data = {**FORM, "club": club.pk, **changes}
    return client.post("/en/sessions/new/", data)


def test_leader_creates_a_single_session(client, club, leader):
    client.force_login(leader)
    response = _post_form(client, club)
    session = ClubSession.objects.get()
    assert response.status_code == 302
    assert session.starts_at == vn(2024, 10, 5, 14) and session.club == club


def test_leader_creates_a_fortnightly_series_with_skip_dates(client, club, leader):
    client.force_login(leader)
    response = _post_form(client, club, repeat="fortnightly", count="6",
                          skip_dates="2024-10-19\n2024-11-01 .. 2024-11-03")
    assert response.status_code == 302
    series = SessionSeries.objects.get()
    dates = [timezone_date(s.starts_at) for s in series.occurrences.order_by("starts_at")]
    assert dt.date(2024, 10, 19) not in dates and dt.date(2024, 11, 2) not in dates
    assert dates == [dt.date(2024, 10, 5), dt.date(2024, 11, 16), dt.date(2024, 11, 30),
                     dt.date(2024, 12, 14)]


def timezone_date(value):
    from django.utils import timezone

    return timezone.localdate(value)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": "2025-02-30"}, "date", "Nhập một ngày hợp lệ."),
        ({"end_time": "13:00"}, "end_time", "Buổi sinh hoạt phải kết thúc sau khi bắt đầu."),
        ({"repeat": "weekly"}, "until",
         "Buổi sinh hoạt lặp lại cần có điểm kết thúc: ngày cuối hoặc số lần."),
        ({"repeat": "weekly", "skip_dates": "2025-13-01"}, "skip_dates", "không phải là ngày"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(client, club, leader, changes,
                                                               field, message):
    client.force_login(leader)
    response = client.post("/sessions/new/", {**FORM, "club": club.pk, **changes})
    assert response.status_code == 200
    assert any(message in str(e) for e in response.context["form"].errors[field])
    assert ClubSession.objects.count() == 0 and SessionSeries.objects.count() == 0


def test_conflict_warns_then_saves_when_confirmed(client, club, leader):
    ClubSessionFactory(club=club, venue="Phòng 12", starts_at=vn(2024, 10, 5, 15))
    client.force_login(leader)
    response = _post_form(client, club)
    assert response.status_code == 200
    assert "Phòng 12 is booked for" in response.content.decode()
    assert ClubSession.objects.count() == 1
    response = _post_form(client, club, confirm_conflicts="on")
    assert response.status_code == 302 and ClubSession.objects.count() == 2


def test_other_clubs_session_is_404_for_a_leader(client, club, other_club, leader):
    theirs = ClubSessionFactory(club=other_club)
    client.force_login(leader)
    for url in (f"/en/sessions/{theirs.pk}/", f"/en/sessions/{theirs.pk}/edit/",
                f"/en/sessions/{theirs.pk}/cancel/"):
        assert client.get(url).status_code == 404
    assert theirs.title not in client.get("/en/sessions/?from=2024-10-01").content.decode()


def test_leader_cannot_choose_another_club_in_the_form(client, club, other_club, leader):
    client.force_login(leader)
    response = _post_form(client, other_club)
    assert response.status_code == 200 and "club" in response.context["form"].errors
    assert ClubSession.objects.count() == 0


def test_member_sees_but_cannot_change(client, club, member):
    session = ClubSessionFactory(club=club, private_notes="Em Ba cần hỗ trợ riêng")
    client.force_login(member.user)
    page = client.get(f"/en/sessions/{session.pk}/")
    assert page.status_code == 200 and "Em Ba cần" not in page.content.decode()
    assert client.get(f"/en/sessions/{session.pk}/edit/").status_code == 403
    assert client.post(f"/en/sessions/{session.pk}/cancel/", {"reason": "x"}).status_code == 403
    assert client.get("/en/sessions/new/").status_code == 403


def test_leader_sees_private_notes(client, club, leader):
    session = ClubSessionFactory(club=club, private_notes="Em Ba cần hỗ trợ riêng")
    client.force_login(leader)
    assert "Em Ba cần" in client.get(f"/en/sessions/{session.pk}/").content.decode()


def test_staff_see_every_club(client, club, other_club, staff):
    mine = ClubSessionFactory(club=club, starts_at=vn(2024, 10, 7, 8))
    theirs = ClubSessionFactory(club=other_club, starts_at=vn(2024, 10, 8, 8))
    client.force_login(staff)
    page = client.get("/en/sessions/week/?date=2024-10-07").content.decode()
    assert mine.title in page and theirs.title in page


def test_cancel_one_occurrence_from_the_page(client, fortnightly, leader):
    occurrence = fortnightly.occurrences.order_by("starts_at")[1]
    client.force_login(leader)
    response = client.post(f"/en/sessions/{occurrence.pk}/cancel/", {"reason": "Mưa bão"})
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.status == "cancelled" and occurrence.cancel_reason == "Mưa bão"
    assert fortnightly.occurrences.filter(status="scheduled").count() == 8


def test_cancel_without_reason_is_refused(client, fortnightly, leader):
    occurrence = fortnightly.occurrences.first()
    client.force_login(leader)
    response = client.post(f"/sessions/{occurrence.pk}/cancel/", {"reason": ""})
    assert response.status_code == 200
    occurrence.refresh_from_db()
    assert occurrence.status == "scheduled"


def test_edit_this_and_following_from_the_page(client, fortnightly, leader, club):
    occurrences = list(fortnightly.occurrences.order_by("starts_at"))
    client.force_login(leader)
    response = client.post(f"/en/sessions/{occurrences[4].pk}/edit/?scope=following", {
        **FORM, "club": club.pk, "title": "Sinh hoạt (giờ mới)", "date": "2024-11-16",
        "start_time": "15:00", "end_time": "17:00", "repeat": "fortnightly", "count": "5",
        "skip_dates": "2024-10-19",
    })
    assert response.status_code == 302, response.context["form"].errors
    assert SessionSeries.objects.count() == 2
    occurrences[3].refresh_from_db()
    occurrences[4].refresh_from_db()
    assert occurrences[3].title == "Sinh hoạt định kỳ"
    assert occurrences[4].title == "Sinh hoạt (giờ mới)"
    assert occurrences[4].starts_at == vn(2024, 11, 16, 15)


@pytest.mark.parametrize("view", ["list", "week", "month"])
def test_calendar_views_query_count_does_not_grow(client, club, leader, view,
                                                  django_assert_max_num_queries):
    url = {"list": "/en/sessions/?from=2024-09-01", "week": "/en/sessions/week/?date=2024-09-09",
           "month": "/en/sessions/month/?month=2024-09"}[view]
    client.force_login(leader)
    series_create(plan=SessionPlan(title="Tuần", kind="activity", club=club),
                  starts_at=vn(2024, 9, 2, 7), ends_at=vn(2024, 9, 2, 8), frequency="weekly",
                  count=2)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    series_create(plan=SessionPlan(title="Năm", kind="activity", club=club),
                  starts_at=vn(2024, 9, 3, 7), ends_at=vn(2024, 9, 3, 8), frequency="weekly",
                  count=52)
    for day in range(7):
        ClubSessionFactory(club=club, starts_at=vn(2024, 9, 4 + day, 18))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


@time_machine.travel(vn(2024, 9, 1, 8), tick=False)
def test_list_starts_today(client, club, leader):
    ClubSessionFactory(club=club, title="Trước hôm nay", starts_at=vn(2024, 8, 20, 8))
    ClubSessionFactory(club=club, title="Sắp tới", starts_at=vn(2024, 9, 5, 8))
    client.force_login(leader)
    page = client.get("/en/sessions/").content.decode()
    assert "Sắp tới" in page and "Trước hôm nay" not in page


def test_leader_of_two_clubs_sees_both(client, club, other_club, leader):
    LeaderAssignmentFactory(club=other_club, user=leader)
    ClubSessionFactory(club=other_club, title="Ở câu lạc bộ kia", starts_at=vn(2024, 10, 1, 8))
    client.force_login(leader)
    page = client.get(reverse("sessions:month") + "?month=2024-10").content.decode()
    assert "Ở câu lạc bộ kia" in page


def test_a_facilitator_sees_the_private_notes_of_their_session_but_cannot_change_it(
    client, club
):
    """sessions.access: a facilitator counts as a leader of the sessions they run
    (may_see_private_notes) but only the club's leaders manage them."""
    volunteer = UserFactory(role="facilitator")
    session = ClubSessionFactory(club=club, private_notes="Em Ba cần hỗ trợ riêng")
    session.facilitators.add(volunteer)
    client.force_login(volunteer)
    assert "Em Ba cần" in client.get(f"/en/sessions/{session.pk}/").content.decode()
    assert client.get(f"/en/sessions/{session.pk}/edit/").status_code == 403
