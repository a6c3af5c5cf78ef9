"""A member's data export, downloaded from the member page (SECURITY_PRIVACY item 14):
everything linked to them, from every app, and nothing of anyone else (issue 10, defect
10: attendance, mock-trial roles and paired phones were missing)."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.models import Method, RefusedScan
from sessions.models import ClubSession, MemberFeedToken, MockTrial, MockTrialCast
from tests.factories.attendance import AttendanceFactory, paired_phone
from tests.factories.sessions import ClubSessionFactory, vn


@pytest.fixture
def linked(world):
    """The target pupil and a classmate (world.own) share a session, a mock trial and, at
    one point, a phone; an outsider refused at the same session is someone else's data."""
    session = ClubSessionFactory(club=world.club, title="Phòng chống xâm hại",
                                 starts_at=vn(2024, 10, 5, 14))
    phone, _key = paired_phone(world.target)
    other_phone, _ = paired_phone(world.own, key="classmate-phone-key-0123456789")
    AttendanceFactory(session=session, pupil=world.target, method=Method.PROJECTOR,
                      pupil_device=phone)
    AttendanceFactory(session=session, pupil=world.own, pupil_device=other_phone)
    RefusedScan.objects.create(session=session, code="consent_missing", method=Method.CARD,
                               pupil=world.target, actor=world.leader,
                               scanned_at=timezone.now())
    RefusedScan.objects.create(session=session, code="not_member", method=Method.CARD,
                               pupil=world.outsider, actor=world.leader)
    hearing = ClubSessionFactory(club=world.club, kind=ClubSession.Kind.MOCK_TRIAL,
                                 title="Phiên tòa giả định", starts_at=vn(2024, 11, 9, 8))
    trial = MockTrial.objects.create(hearing=hearing, case_title="Vụ án trộm cắp xe đạp",
                                     legal_topic="theft")
    MockTrialCast.objects.create(trial=trial, pupil=world.target, role="witness",
                                 part="Nhân chứng 2")
    MockTrialCast.objects.create(trial=trial, pupil=world.own, role="judge")
    MemberFeedToken.objects.create(pupil=world.target)
    MemberFeedToken.objects.create(pupil=world.own)
    return session


def _download(client, world):
    response = client.get(reverse("clubs:member_export_json",
                                  kwargs={"slug": world.club.slug, "pupil_id": world.target.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response


@pytest.mark.parametrize("role", ["leader", "staff"])
def test_export_holds_everything_linked_to_the_member(as_role, world, linked, role):
    client = as_role(role)
    client.get(reverse("clubs:member_detail",
                       kwargs={"slug": world.club.slug, "pupil_id": world.target.pk}))
    data = _download(client, world).json()

    starts = [dt.datetime.fromisoformat(a.pop("session_starts_at")) for a in data["attendance"]]
    assert starts == [vn(2024, 10, 5, 14)]
    assert data["attendance"] == [{
        "session": "Phòng chống xâm hại",
        "club": world.club.name, "status": "present", "method": "projector",
        "checked_in_at": data["attendance"][0]["checked_in_at"], "scanned_at": None,
        "recorded_at": data["attendance"][0]["recorded_at"],
    }]
    assert [(r["session"], r["reason"]) for r in data["refused_scans"]] == [
        ("Phòng chống xâm hại", "consent_missing")]
    assert len(data["paired_phones"]) == 1 and data["paired_phones"][0]["revoked_at"] is None
    hearing = data["mock_trial_roles"][0].pop("hearing_starts_at")
    assert dt.datetime.fromisoformat(hearing) == vn(2024, 11, 9, 8)
    assert data["mock_trial_roles"] == [{
        "case_title": "Vụ án trộm cắp xe đạp",
        "role": "witness", "part": "Nhân chứng 2", "understudy": False,
    }]
    assert len(data["calendar_addresses"]) == 1
    assert len(data["consents"]) == 1 and len(data["cards"]) == 1
    assert [m["club"] for m in data["memberships"]] == [world.club.name]
    assert [(a["action"], a["by_role"]) for a in data["access_log"]] == [
        ("view", getattr(world, role).role)]
    assert ("support_notes" in data) == (role == "staff")


def test_export_holds_nothing_of_anyone_else(as_role, world, linked):
    text = _download(as_role("leader"), world).content.decode()
    data = json.loads(text)
    for someone_else in (world.own, world.outsider, world.board_user.pupil):
        assert someone_else.full_name not in text
        assert someone_else.member_code not in text
    assert "judge" not in text and "not_member" not in text  # the classmate's role, refusal
    assert world.leader.username not in text  # who scanned or viewed: by role only
    assert {a["by_role"] for a in data["access_log"]} <= {"leader", None}
    # Credentials are not personal data: no card secret, phone key hash or feed token.
    for secret in (world.card.secret, *MemberFeedToken.objects.values_list("token", flat=True),
                   *world.target.checkin_devices.values_list("key_hash", flat=True)):
        assert secret not in text


def test_export_includes_the_pupils_own_sign_in_account(as_role, world):
    data = _download(as_role("leader"), world).json()
    assert data["account"] is None
    world.target.user = world.pupil_user.__class__.objects.create_user(
        username="nhung.nguyen", email="nhung@example.org", password="x" * 20)
    world.target.save(update_fields=["user"])
    data = _download(as_role("leader"), world).json()
    assert data["account"]["username"] == "nhung.nguyen"
    assert data["account"]["email"] == "nhung@example.org"
    assert "password" not in json.dumps(data["account"])


def test_export_query_count_does_not_grow_with_the_history(as_role, world, linked,
                                                            django_assert_max_num_queries):
    client = as_role("leader")
    with django_assert_max_num_queries(40) as few:
        _download(client, world)
    for n in range(5):
        AttendanceFactory(pupil=world.target, session=ClubSessionFactory(
            club=world.club, starts_at=vn(2024, 12, 1 + n, 14)))
        paired_phone(world.target, key=f"another-phone-key-{n:030d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        _download(client, world)
