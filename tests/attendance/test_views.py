"""Leader pages: who may open them, the live roster, the projector state, devices."""

import base64
import io

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from attendance import tokens
from attendance.models import Attendance, GuestAttendance, ScannerDevice
from tests.factories.accounts import StaffFactory, UserFactory
from tests.factories.attendance import CheckinSessionFactory, member_with_card
from tests.factories.clubs import LeaderAssignmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db

PAGES = ["", "live/", "projector/", "projector/state/", "scanner/"]


@pytest.mark.parametrize("subpage", PAGES)
def test_a_leader_of_another_club_gets_404_on_every_page(client, session, subpage):
    client.force_login(LeaderAssignmentFactory().user)
    assert client.get(f"/en/attendance/sessions/{session.pk}/{subpage}").status_code == 404


@pytest.mark.parametrize("subpage", PAGES)
def test_a_pupil_of_the_club_gets_404_on_every_page(client, session, subpage):
    user = UserFactory()
    MembershipFactory(club=session.club, pupil__user=user)
    client.force_login(user)
    assert client.get(f"/en/attendance/sessions/{session.pk}/{subpage}").status_code == 404


@pytest.mark.parametrize("subpage", PAGES)
def test_the_leader_and_staff_open_every_page(client, session, leader, subpage):
    for user in (leader, StaffFactory()):
        client.force_login(user)
        assert client.get(f"/en/attendance/sessions/{session.pk}/{subpage}").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, session):
    response = client.get(f"/en/attendance/sessions/{session.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "url", ["mark/", "undo/1/", "guests/"]
)
def test_writes_on_another_clubs_session_are_404_and_change_nothing(client, session, member, url):
    client.force_login(LeaderAssignmentFactory().user)
    response = client.post(
        f"/en/attendance/sessions/{session.pk}/{url}",
        {"pupil": member[0].pk, "status": "present", "headcount": 3},
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists() and not GuestAttendance.objects.exists()


def test_the_live_roster_shows_in_and_not_yet_in(client, session, leader):
    came, card = member_with_card(session.club)
    missing, _ = member_with_card(session.club)
    client.force_login(leader)
    client.post(
        "/api/attendance/checkins",
        {"session_id": session.pk, "card": card.secret, "nonce": "live-test-1"},
        content_type="application/json",
    )
    fragment = client.get(f"/en/attendance/sessions/{session.pk}/live/").text
    in_list = fragment.split('data-list="in"')[1]
    missing_list = fragment.split('data-list="missing"')[1].split('data-list="in"')[0]
    assert came.full_name in in_list and missing.full_name in missing_list
    assert came.full_name not in missing_list


def test_the_live_roster_tells_the_leader_why_scans_were_refused(client, session, leader):
    # A phone that was never paired opens the projected code.
    client.get(f"/checkin/p/{tokens.projector_token_make(session_id=session.pk)}/")
    client.force_login(leader)
    fragment = client.get(f"/attendance/sessions/{session.pk}/live/").text
    refused = fragment.split('data-list="refused"')[1]
    assert 'data-code="not_paired"' in refused
    assert "Điện thoại này chưa được liên kết" in refused


def test_the_live_roster_runs_a_fixed_number_of_queries(
    client, session, leader, django_assert_max_num_queries
):
    for _ in range(15):
        pupil, _card = member_with_card(session.club)
        Attendance.objects.create(
            session=session, pupil=pupil, status="present", method="roster",
            checked_in_at=timezone.now(),
        )
    client.force_login(leader)
    with django_assert_max_num_queries(12):
        client.get(f"/en/attendance/sessions/{session.pk}/live/")


def test_roster_ticks_and_undo(client, session, member, leader):
    client.force_login(leader)
    url = f"/en/attendance/sessions/{session.pk}/"
    client.post(url + "mark/", {"pupil": member[0].pk, "status": "excused"})
    assert Attendance.objects.get().status == "excused"
    client.post(url + "mark/", {"pupil": member[0].pk, "status": "late"})
    row = Attendance.objects.get()
    assert row.status == "late"
    client.post(url + f"undo/{row.pk}/")
    assert not Attendance.objects.exists()


def test_a_roster_tick_without_consent_shows_the_reason(client, session, leader):
    pupil, _card = member_with_card(session.club, consent=False)
    client.force_login(leader)
    response = client.post(
        f"/en/attendance/sessions/{session.pk}/mark/",
        {"pupil": pupil.pk, "status": "present"},
        follow=True,
    )
    assert "no recorded consent" in response.text
    assert not Attendance.objects.exists()


def test_a_bad_roster_status_is_a_400(client, session, member, leader):
    client.force_login(leader)
    response = client.post(
        f"/en/attendance/sessions/{session.pk}/mark/", {"pupil": member[0].pk, "status": "x"}
    )
    assert response.status_code == 400


def test_guests_by_name_must_be_one_person(client, session, leader):
    client.force_login(leader)
    url = f"/en/attendance/sessions/{session.pk}/guests/"
    page = client.post(url, {"headcount": 4, "name": "Lê Văn Tám"}, follow=True)
    assert "one person" in page.text
    client.post(url, {"headcount": 40})
    assert GuestAttendance.objects.get().headcount == 40


def test_the_projector_qr_decodes_to_a_working_check_in_url(client, session, leader):
    client.force_login(leader)
    state = client.get(f"/en/attendance/sessions/{session.pk}/projector/state/").json()
    png = base64.b64decode(state["qr"].split(",", 1)[1])
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert decoded[0].text == state["url"]
    token = state["url"].rsplit("/checkin/p/", 1)[1].rstrip("/")
    assert tokens.projector_token_parse(token) == session.pk
    assert state["code"] == tokens.typed_code_current(session_id=session.pk)


def test_the_projector_page_loads_no_inline_script(client, session, leader):
    client.force_login(leader)
    page = client.get(f"/en/attendance/sessions/{session.pk}/projector/").text
    assert "<script>" not in page and "js/attendance/projector.js" in page


def test_a_leader_creates_a_device_token_shown_once_and_revokes_it(client, leader):
    client.force_login(leader)
    page = client.post("/en/attendance/devices/", {"name": "Cửa chính"})
    token = page.text.split("data-new-token>")[1].split("<")[0]
    device = ScannerDevice.objects.get()
    assert token.startswith("lls_") and token not in device.token_hash
    assert token not in client.get("/en/attendance/devices/").text
    client.post(f"/en/attendance/devices/{device.pk}/revoke/")
    device.refresh_from_db()
    assert device.revoked_at is not None


def test_a_leader_cannot_revoke_someone_elses_device(client, leader):
    from attendance.services import scanner_device_create

    other, _token = scanner_device_create(user=LeaderAssignmentFactory().user, name="x")
    client.force_login(leader)
    assert client.post(f"/en/attendance/devices/{other.pk}/revoke/").status_code == 404


def test_the_index_lists_only_the_leaders_sessions(client, session, leader):
    foreign = CheckinSessionFactory()
    client.force_login(leader)
    page = client.get("/en/attendance/").text
    assert session.title in page and foreign.title not in page


@pytest.mark.parametrize(("role", "status", "nav"), [
    ("facilitator", 200, True), ("leader", 200, True), ("centre_staff", 200, True),
    ("pupil", 404, False),
])
def test_the_leaders_tools_follow_the_account_role_once(client, role, status, nav):
    """User.has_leader_role, the one "leader-ish" test: the devices page and the
    Attendance link in the menu open for leader, facilitator and staff accounts only."""
    user = UserFactory(role=role)
    client.force_login(user)
    assert client.get("/en/attendance/devices/").status_code == status
    menu = client.get("/en/clubs/").text
    assert ('href="/en/attendance/"' in menu) is nav
