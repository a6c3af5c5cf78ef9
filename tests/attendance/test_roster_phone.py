"""The roster on a leader's phone: ticks answered with the row and the counts (a few
hundred bytes), ticks queued offline re-sent with their nonce, the live lists' ETag,
"mark the rest", the accent-free name filter, and the bad inputs."""

import datetime
import uuid

import pytest
import time_machine
from django.utils import timezone

from attendance.models import Attendance, AttendanceChange, CheckinNonce
from attendance.services import roster
from clubs.models import Membership
from sessions.models import ClubSession
from tests.factories.accounts import StaffFactory
from tests.factories.attendance import member_with_card

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def tick(client, session, pupil, status="present", **extra):
    return client.post(f"/en/attendance/sessions/{session.pk}/mark/",
                       {"pupil": pupil.pk, "status": status, **extra}, **JSON)


def test_a_tick_answers_with_the_row_and_counts_in_under_5_kb(client, session, leader):
    pupils = [member_with_card(session.club)[0] for _ in range(30)]
    client.force_login(leader)
    response = tick(client, session, pupils[24], "late")
    answer = response.json()
    assert response.status_code == 200 and len(response.content) < 5000
    assert answer["list"] == "in" and answer["pupil"] == pupils[24].pk
    assert pupils[24].full_name in answer["row"] and "Late" in answer["row"]
    assert answer["counts"]["in"] == 1 and answer["counts"]["missing"] == 29
    assert Attendance.objects.get().status == "late"
    # Undo: the pupil goes back to "not yet in", at their place in the list.
    row = Attendance.objects.get()
    undo = client.post(f"/en/attendance/sessions/{session.pk}/undo/{row.pk}/", **JSON).json()
    assert undo["list"] == "missing" and undo["counts"]["missing"] == 30
    page = client.get(f"/en/attendance/sessions/{session.pk}/live/").text
    after = page.split(f'data-pupil="{pupils[24].pk}"')[1]
    if undo["before"] is not None:
        assert after.split('data-pupil="')[1].startswith(str(undo["before"]))
    assert not Attendance.objects.exists()


def test_without_script_the_form_post_still_returns_to_the_roster(client, session, member, leader):
    client.force_login(leader)
    response = client.post(f"/en/attendance/sessions/{session.pk}/mark/",
                           {"pupil": member[0].pk, "status": "present"})
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "Recorded: Present." in page


def test_a_queue_sent_twice_records_each_tick_once(client, session, leader):
    pupils = [member_with_card(session.club)[0] for _ in range(3)]
    client.force_login(leader)
    queue = [(p, str(uuid.uuid4())) for p in pupils]
    ticked_at = timezone.now().isoformat()
    for _round in range(2):
        for pupil, nonce in queue:
            response = tick(client, session, pupil, nonce=nonce, ticked_at=ticked_at)
            assert response.status_code == 200
    assert Attendance.objects.count() == 3
    assert response.json()["replayed"] is True
    # Taken back, then the old queue is replayed: the tick is not recorded again.
    row = Attendance.objects.get(pupil=pupils[0])
    client.post(f"/en/attendance/sessions/{session.pk}/undo/{row.pk}/", **JSON)
    tick(client, session, pupils[0], nonce=queue[0][1], ticked_at=ticked_at)
    assert not Attendance.objects.filter(pupil=pupils[0]).exists()


def test_a_queued_tick_keeps_its_time(client, session, member, leader):
    client.force_login(leader)
    with time_machine.travel(session.starts_at + datetime.timedelta(minutes=40)):
        ticked = session.starts_at + datetime.timedelta(minutes=2)
        tick(client, session, member[0], nonce="n-kept-time", ticked_at=ticked.isoformat())
    assert Attendance.objects.get().checked_in_at == ticked


@pytest.mark.parametrize(
    ("extra", "code", "http"),
    [
        ({"ticked_at": "2020-01-01T08:00:00+07:00"}, "tick_time_invalid", 400),
        ({"status": "present'; DROP"}, "invalid", 400),
        ({"status": "checked_in"}, "invalid", 400),
        ({"pupil": "abc"}, "invalid", 400),
    ],
)
def test_bad_ticks_are_refused_with_a_message_and_write_nothing(
    client, session, member, leader, extra, code, http
):
    client.force_login(leader)
    data = {"pupil": member[0].pk, "status": "present", "nonce": "bad-tick-1", **extra}
    response = client.post(f"/attendance/sessions/{session.pk}/mark/", data, **JSON)
    assert response.status_code == http and response.json()["code"] == code
    assert response.json()["message"]  # Vietnamese, from the catalogue
    assert not Attendance.objects.exists()


def test_an_old_queue_replayed_gets_the_same_refusal(client, session, member, leader):
    client.force_login(leader)
    old = {"nonce": "old-queue-1", "ticked_at": "2020-01-01T08:00:00+07:00"}
    first = tick(client, session, member[0], **old).json()
    again = tick(client, session, member[0], **old).json()
    assert first["code"] == again["code"] == "tick_time_invalid"
    assert "tick again" in again["message"]
    assert CheckinNonce.objects.count() == 1 and not Attendance.objects.exists()


def test_a_pupil_who_left_the_club_cannot_be_ticked(client, session, member, leader):
    Membership.objects.filter(pupil=member[0]).update(
        status=Membership.Status.INACTIVE, left_on=timezone.localdate(), leave_reason="Moved"
    )
    client.force_login(leader)
    response = tick(client, session, member[0])
    assert response.status_code == 404
    assert response.json()["message"] == "This pupil is not expected at this session."
    assert not Attendance.objects.exists()


def test_a_cancelled_session_refuses_ticks_and_the_rest(client, session, member, leader):
    ClubSession.objects.filter(pk=session.pk).update(status=ClubSession.Status.CANCELLED)
    client.force_login(leader)
    response = tick(client, session, member[0])
    assert response.status_code == 409 and "cancelled" in response.json()["message"]
    page = client.post(f"/en/attendance/sessions/{session.pk}/mark-rest/",
                       {"status": "absent"}, follow=True).text
    assert "This session was cancelled." in page
    assert not Attendance.objects.exists()


def test_a_closed_roster_refuses_leaders_but_not_centre_staff(client, session, member, leader):
    later = session.ends_at + datetime.timedelta(days=3)
    with time_machine.travel(later):
        client.force_login(leader)
        response = tick(client, session, member[0])
        assert response.status_code == 409 and response.json()["code"] == "roster_closed"
        assert not Attendance.objects.exists()
        client.force_login(StaffFactory())
        assert tick(client, session, member[0], "excused").status_code == 200
    assert Attendance.objects.get().status == "excused"


@pytest.mark.parametrize("status", ["absent", "excused"])
def test_mark_the_rest(client, session, leader, status):
    came, _card = member_with_card(session.club)
    others = [member_with_card(session.club)[0] for _ in range(3)]
    client.force_login(leader)
    tick(client, session, came)
    url = f"/en/attendance/sessions/{session.pk}/mark-rest/"
    page = client.post(url, {"status": status}, follow=True).text
    assert "3 pupils recorded as" in page
    assert {a.pupil_id: a.status for a in Attendance.objects.all()} == {
        came.pk: "present", **{p.pk: status for p in others}
    }
    client.post(url, {"status": status})
    assert Attendance.objects.count() == 4
    assert client.post(url, {"status": "present"}).status_code == 400


def test_the_live_lists_answer_304_while_nothing_changed(client, session, member, leader):
    client.force_login(leader)
    url = f"/en/attendance/sessions/{session.pk}/live/"
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    answer = tick(client, session, member[0]).json()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] == answer["etag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=answer["etag"]).status_code == 304


def test_the_name_filter_has_every_row_folded(client, session, leader):
    member_with_card(session.club, full_name="Đặng Thị Hồng")
    client.force_login(leader)
    page = client.get(f"/en/attendance/sessions/{session.pk}/").text
    assert 'data-name="dang thi hong"' in page and 'id="roster-filter"' in page


def test_a_tick_that_meets_a_row_written_since_its_read_updates_it(
    client, session, member, leader, monkeypatch
):
    """Mark the rest does not lock the pupils: its row can appear between a tick's read
    and its INSERT. The tick reads again and updates the row: no 500."""
    client.force_login(leader)
    before_the_rest = roster.checkin_facts(
        session_id=session.pk, today=timezone.localdate(), pupil_id=member[0].pk
    )
    client.post(f"/en/attendance/sessions/{session.pk}/mark-rest/", {"status": "absent"}, **JSON)
    reads = []

    def read(**kwargs):
        reads.append(kwargs)
        return before_the_rest if len(reads) == 1 else real_read(**kwargs)

    real_read = roster.checkin_facts
    monkeypatch.setattr(roster, "checkin_facts", read)
    response = tick(client, session, member[0], "present")
    assert response.status_code == 200 and response.json()["list"] == "in"
    assert len(reads) == 2
    row = Attendance.objects.get()
    assert (row.status, row.method) == ("present", "roster")
    changes = AttendanceChange.objects.values_list("old_status", "new_status")
    assert list(changes) == [("absent", "present")]
