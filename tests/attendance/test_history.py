"""Nothing is deleted without a trace (issue 15, point 5): taking a check-in back,
changing a status and removing guests leave an AttendanceChange with who and when, shown
to the leader on the session's page; the admin only reads attendance, refusals, guests
and their history."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from attendance.models import Attendance, AttendanceChange, GuestAttendance, RefusedScan
from attendance.services import checkin_record
from tests.factories.accounts import UserFactory
from tests.factories.attendance import CheckinSessionFactory
from tests.factories.clubs import LeaderAssignmentFactory

pytestmark = pytest.mark.django_db


def page(client, session) -> str:
    return client.get(f"/en/attendance/sessions/{session.pk}/").text


def test_an_undone_check_in_keeps_who_and_when(client, session, member, leader):
    leader.first_name, leader.last_name = "Hoa", "Trần"
    leader.save()
    client.force_login(leader)
    url = f"/en/attendance/sessions/{session.pk}/"
    client.post(url + "mark/", {"pupil": member[0].pk, "status": "present"})
    row = Attendance.objects.get()
    client.post(url + f"undo/{row.pk}/")
    assert not Attendance.objects.exists()
    change = AttendanceChange.objects.get()
    assert (change.action, change.pupil, change.old_status, change.actor) == (
        "undone", member[0], "present", leader
    )
    assert timezone.now() - change.at < datetime.timedelta(minutes=1)
    text = page(client, session)
    assert "History of changes" in text
    assert f"Check-in taken back · {member[0].full_name}: Present" in " ".join(text.split())
    assert "by Hoa Trần" in text


def test_two_undos_of_one_check_in_leave_one_trace(session, member, leader):
    """Two leaders (or a double tap) take back the same check-in: both requests loaded the
    row before either deleted it, so the second finds it gone and records nothing."""
    from attendance.services import checkin_undo

    row = checkin_record(session=session, method="manual", actor=leader,
                         pupil_id=member[0].pk)
    loaded = [Attendance.objects.get(pk=row.attendance_id) for _ in range(2)]
    for attendance in loaded:
        checkin_undo(attendance=attendance, actor=leader)
    assert not Attendance.objects.exists()
    assert AttendanceChange.objects.filter(action="undone").count() == 1


def test_a_changed_status_keeps_before_and_after(client, session, member, leader):
    client.force_login(leader)
    url = f"/en/attendance/sessions/{session.pk}/mark/"
    client.post(url, {"pupil": member[0].pk, "status": "present"})
    assert not AttendanceChange.objects.exists()  # a first tick is a record, not a change
    client.post(url, {"pupil": member[0].pk, "status": "present"})
    assert not AttendanceChange.objects.exists()  # the same status again changes nothing
    client.post(url, {"pupil": member[0].pk, "status": "absent"})
    change = AttendanceChange.objects.get()
    assert (change.action, change.old_status, change.new_status) == ("status", "present", "absent")
    assert "Present → Absent" in page(client, session)


def test_a_scan_after_absent_is_a_traced_change(session, member, leader):
    with time_machine.travel(session.starts_at):
        Attendance.objects.create(session=session, pupil=member[0], status="absent",
                                  method="auto")
        result = checkin_record(session=session, method="card", actor=leader,
                                card_secret=member[1].secret)
    assert result.outcome == "ok"
    change = AttendanceChange.objects.get()
    assert (change.old_status, change.new_status, change.actor) == ("absent", "present", leader)


def test_removing_guests_is_traced_and_only_for_the_sessions_leaders(client, session, leader):
    client.force_login(leader)
    url = f"/en/attendance/sessions/{session.pk}/"
    client.post(url + "guests/", {"headcount": 3})
    client.post(url + "guests/", {"headcount": 1, "name": "Phạm Văn Khách", "class_name": "9A"})
    text = page(client, session)
    assert "3 guests" in text and "Phạm Văn Khách (9A)" in text
    three, named = GuestAttendance.objects.order_by("pk")

    other = LeaderAssignmentFactory(club=CheckinSessionFactory().club).user
    client.force_login(other)
    assert client.post(url + f"guests/{three.pk}/remove/").status_code == 404
    assert GuestAttendance.objects.count() == 2 and not AttendanceChange.objects.exists()

    client.force_login(leader)
    response = client.post(url + f"guests/{three.pk}/remove/", follow=True)
    assert "Guests removed" in response.text
    assert list(GuestAttendance.objects.all()) == [named]
    change = AttendanceChange.objects.get()
    assert (change.action, change.headcount, change.actor) == ("guests_removed", 3, leader)
    history = page(client, session).split("History of changes")[1]
    assert "Guests removed · 3 guests" in " ".join(history.split())


def test_the_history_is_in_vietnamese_too(client, session, member, leader):
    client.force_login(leader)
    client.post(f"/attendance/sessions/{session.pk}/mark/",
                {"pupil": member[0].pk, "status": "present"})
    client.post(f"/attendance/sessions/{session.pk}/undo/{Attendance.objects.get().pk}/")
    text = client.get(f"/attendance/sessions/{session.pk}/").text
    assert "Lịch sử thay đổi" in text


@pytest.fixture
def admin_client_(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_only_reads_attendance_refusals_guests_and_history(
    admin_client_, session, member, leader
):
    attendance = Attendance.objects.create(
        session=session, pupil=member[0], status="present", method="roster",
        checked_in_at=timezone.now(),
    )
    refused = RefusedScan.objects.create(session=session, code="closed", method="card")
    guest = GuestAttendance.objects.create(session=session, headcount=2, recorded_by=leader)
    change = AttendanceChange.objects.create(session=session, action="undone", actor=leader)
    for model, obj in (("attendance", attendance), ("refusedscan", refused),
                       ("guestattendance", guest), ("attendancechange", change)):
        base = f"/django-admin/attendance/{model}/"
        listing = admin_client_.get(base)
        assert listing.status_code == 200
        assert "Delete selected" not in listing.text
        assert admin_client_.get(base + "add/").status_code == 403
        detail = admin_client_.get(base + f"{obj.pk}/change/")
        assert detail.status_code == 200 and 'name="_save"' not in detail.text
        assert admin_client_.post(base + f"{obj.pk}/change/", {}).status_code == 403
        assert admin_client_.post(base + f"{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Attendance.objects.count() == RefusedScan.objects.count() == 1
    assert GuestAttendance.objects.count() == AttendanceChange.objects.count() == 1
